/* Island model over MPI; see islands.h.
 *
 * Reproducibility: each island's seed is derived from the master seed and
 * its rank; migrations happen at fixed generations with blocking exchanges,
 * and islands decide together (an allreduce) whether to stop, so a run
 * stopped by evaluations or generations is the same every time for a given
 * seed and rank count. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "islands.h"

int es_islands_topology(const char *name, int *out)
{
    if (!name || !strcmp(name, "ring"))
        *out = 0;
    else if (!strcmp(name, "full"))
        *out = 1;
    else if (!strcmp(name, "random"))
        *out = 2;
    else
        return ES_EINVAL;
    return ES_OK;
}

/* What launchers (OpenMPI's mpirun, PMI, PMIx) tell their processes. */
static const char *const env_sizes[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", NULL};
static const char *const env_ranks[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", NULL};

static int env_int(const char *const *names, int fallback)
{
    for (; *names; names++) {
        const char *v = getenv(*names);
        char *end;
        long x = v ? strtol(v, &end, 10) : 0;
        if (v && end != v && *end == 0 && x >= 0 && x < 1 << 24)
            return (int)x;
    }
    return fallback;
}

int es_islands_launched(int *rank)
{
    *rank = env_int(env_ranks, 0);
    return env_int(env_sizes, 1);
}

#ifdef EVOSCHED_WITH_MPI
#include <mpi.h>

void es_islands_library(char *buf, size_t size)
{
    char v[MPI_MAX_LIBRARY_VERSION_STRING];
    int len = 0;
    if (MPI_Get_library_version(v, &len) != MPI_SUCCESS)
        len = 0;
    v[len < (int)sizeof v ? len : (int)sizeof v - 1] = '\0';
    v[strcspn(v, "\r\n")] = '\0'; /* Open MPI adds a second line: its release date, repository */
    snprintf(buf, size, "%s", v[0] ? v : "unknown MPI library");
}

void es_islands_init(int *argc, char ***argv, es_islands *is)
{
    memset(is, 0, sizeof *is);
    is->size = 1;
    if (env_int(env_sizes, -1) < 0 && env_int(env_ranks, -1) < 0) /* no launcher: one island */
        return;
    MPI_Init(argc, argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &is->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &is->size);
    is->active = is->size > 1;
    if (!is->active) {
        MPI_Finalize();
        is->size = 1;
        is->rank = 0;
    }
}

int es_islands_agree(es_islands *is, int ok, uint64_t fingerprint)
{
    if (!is->active)
        return ok ? ES_OK : ES_EINVAL;
    int all = 0;
    MPI_Allreduce(&ok, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (!all)
        return ES_EINVAL;
    uint64_t first = fingerprint;
    MPI_Bcast(&first, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    int same = first == fingerprint, all_same = 0;
    MPI_Allreduce(&same, &all_same, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all_same ? ES_OK : ES_EPARSE;
}

void es_islands_finalize(es_islands *is)
{
    free(is->buffer);
    is->buffer = NULL;
    if (is->active)
        MPI_Finalize();
}

static size_t gene_bytes(const es_islands *is)
{
    return (size_t)is->length * (is->kind == ES_GENOME_PERMUTATION ? sizeof(int) : sizeof(double));
}

static void pack(const es_islands *is, const es_genome *g, char *to)
{
    memcpy(to, is->kind == ES_GENOME_PERMUTATION ? (void *)g->perm : (void *)g->keys, gene_bytes(is));
}

static void unpack(const es_islands *is, const char *from, es_genome *g)
{
    memcpy(is->kind == ES_GENOME_PERMUTATION ? (void *)g->perm : (void *)g->keys, from, gene_bytes(is));
}

/* Whom this rank sends to and hears from in a migration. */
static void partners(es_islands *is, int *to, int *from)
{
    *to = *from = is->rank;
    if (is->topology == 2) {
        /* The same random cycle on every rank: a shuffle from the shared
         * seed and the migration number. */
        int *perm = malloc((size_t)is->size * sizeof *perm);
        for (int i = 0; i < is->size; i++)
            perm[i] = i;
        es_rng rng;
        es_rng_derive(&rng, is->seed, 0x151a9d, (uint64_t)is->migrations, 0);
        es_rng_shuffle(&rng, perm, is->size);
        for (int i = 0; i < is->size; i++)
            if (perm[i] == is->rank) {
                *to = perm[(i + 1) % is->size];
                *from = perm[(i + is->size - 1) % is->size];
            }
        free(perm);
    } else {
        *to = (is->rank + 1) % is->size;
        *from = (is->rank + is->size - 1) % is->size;
    }
}

static int migrate_cb(void *user, const es_genome *out, const double *out_values, int n_out, es_genome *in,
                      double *in_values, int *n_in)
{
    es_islands *is = user;
    size_t g = gene_bytes(is), rec = g + sizeof(double);
    size_t msg = rec * (size_t)n_out;
    int peers = is->topology == 1 ? is->size : 1;
    char *buf = realloc(is->buffer, msg * (size_t)(peers + 1));
    if (!buf)
        return ES_ENOMEM;
    is->buffer = buf;
    char *send = buf, *recv = buf + msg;
    for (int i = 0; i < n_out; i++) {
        pack(is, &out[i], send + rec * (size_t)i);
        memcpy(send + rec * (size_t)i + g, &out_values[i], sizeof(double));
    }
    int received = 0;
    if (is->topology == 1) {
        /* Fully connected: everyone's emigrants to everyone; each island
         * takes the others' in rank order. */
        MPI_Allgather(send, (int)msg, MPI_BYTE, recv, (int)msg, MPI_BYTE, MPI_COMM_WORLD);
        for (int r = 0; r < is->size && received < *n_in; r++)
            for (int i = 0; r != is->rank && i < n_out && received < *n_in; i++, received++) {
                const char *p = recv + msg * (size_t)r + rec * (size_t)i;
                unpack(is, p, &in[received]);
                memcpy(&in_values[received], p + g, sizeof(double));
            }
    } else {
        int to = is->rank, from = is->rank;
        partners(is, &to, &from);
        MPI_Sendrecv(send, (int)msg, MPI_BYTE, to, 7, recv, (int)msg, MPI_BYTE, from, 7, MPI_COMM_WORLD,
                     MPI_STATUS_IGNORE);
        for (int i = 0; i < n_out && received < *n_in; i++, received++) {
            unpack(is, recv + rec * (size_t)i, &in[received]);
            memcpy(&in_values[received], recv + rec * (size_t)i + g, sizeof(double));
        }
    }
    *n_in = received;
    is->migrations++;
    return ES_OK;
}

static int sync_stop_cb(void *user, int reason, int *all_reason)
{
    (void)user;
    /* es_stop_reason values rise with priority: an interrupt anywhere is
     * the reason everywhere. */
    MPI_Allreduce(&reason, all_reason, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return ES_OK;
}

void es_islands_configure(es_islands *is, const es_genome_info *info, es_config *cfg)
{
    is->length = info->length;
    is->kind = info->kind;
    is->seed = cfg->seed;
    if (!is->active)
        return;
    es_rng rng;
    es_rng_derive(&rng, cfg->seed, 0x15a2d, (uint64_t)is->rank, 0);
    cfg->seed = ((uint64_t)es_rng_next(&rng) << 32) | es_rng_next(&rng);
    if (cfg->migration_interval <= 0)
        cfg->migration_interval = 10;
    cfg->migrate = migrate_cb;
    cfg->sync_stop = sync_stop_cb;
    cfg->island_user = is;
}

int es_islands_reduce(es_islands *is, es_sense sense, const es_genome_info *info, es_genome *best, double *value,
                      double *island_best, long long *evaluations)
{
    if (!is->active) {
        island_best[0] = *value;
        return ES_OK;
    }
    (void)info;
    long long mine_evals = *evaluations;
    MPI_Reduce(&mine_evals, evaluations, 1, MPI_LONG_LONG, MPI_SUM, 0, MPI_COMM_WORLD);
    MPI_Gather(value, 1, MPI_DOUBLE, island_best, 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    struct {
        double v;
        int rank;
    } mine = {sense == ES_MINIMIZE ? *value : -*value, is->rank}, winner;
    MPI_Allreduce(&mine, &winner, 1, MPI_DOUBLE_INT, MPI_MINLOC, MPI_COMM_WORLD);
    if (winner.rank != 0) {
        size_t g = gene_bytes(is);
        char *buf = malloc(g + sizeof(double));
        if (!buf)
            return ES_ENOMEM;
        if (is->rank == winner.rank) {
            pack(is, best, buf);
            memcpy(buf + g, value, sizeof(double));
            MPI_Send(buf, (int)(g + sizeof(double)), MPI_BYTE, 0, 9, MPI_COMM_WORLD);
        } else if (is->rank == 0) {
            MPI_Recv(buf, (int)(g + sizeof(double)), MPI_BYTE, winner.rank, 9, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            unpack(is, buf, best);
            memcpy(value, buf + g, sizeof(double));
        }
        free(buf);
    }
    return ES_OK;
}

#else /* built without MPI: always a single island */

void es_islands_library(char *buf, size_t size) { snprintf(buf, size, "none (built without MPI: one island)"); }

void es_islands_init(int *argc, char ***argv, es_islands *is)
{
    (void)argc, (void)argv;
    memset(is, 0, sizeof *is);
    is->size = 1;
}

void es_islands_finalize(es_islands *is) { (void)is; }

int es_islands_agree(es_islands *is, int ok, uint64_t fingerprint)
{
    (void)is, (void)fingerprint;
    return ok ? ES_OK : ES_EINVAL;
}

void es_islands_configure(es_islands *is, const es_genome_info *info, es_config *cfg)
{
    is->length = info->length;
    is->kind = info->kind;
    (void)cfg;
}

int es_islands_reduce(es_islands *is, es_sense sense, const es_genome_info *info, es_genome *best, double *value,
                      double *island_best, long long *evaluations)
{
    (void)is, (void)sense, (void)info, (void)best, (void)evaluations;
    island_best[0] = *value;
    return ES_OK;
}
#endif
