/* Island model over MPI: the one place that knows MPI exists. Without MPI
 * (EVOSCHED_MPI=OFF) these functions report a single island and do nothing. */
#ifndef ES_ISLANDS_H
#define ES_ISLANDS_H
#include <evosched/evosched.h>

typedef struct es_islands {
    int active;   /* launched under mpirun with more than one rank */
    int rank, size;
    int topology; /* 0 ring, 1 fully connected, 2 random */
    int length;   /* genome length */
    es_genome_kind kind;
    uint64_t seed;
    long long migrations;
    void *buffer; /* send/receive buffers */
} es_islands;

/* How many ranks mpirun started (1 when it did not start this process), and
 * this process's rank in *rank, read from the launcher's environment
 * without starting MPI. For what has no use for islands: under mpirun,
 * bench and bound would repeat the same work on every rank, as would
 * solve in a build without MPI. */
int es_islands_launched(int *rank);

/* Whether the islands can start together (a collective call: every rank
 * makes it): ES_OK when ok is true on every rank and every rank has the
 * fingerprint of rank 0 (a hash of what it loaded);
 * ES_EINVAL when some rank is not ok; ES_EPARSE when all are but loaded
 * something else than rank 0 (another file under the same name on another
 * machine: the genomes they would exchange do not fit). Without islands,
 * ES_OK or ES_EINVAL from ok alone. */
int es_islands_agree(es_islands *is, int ok, uint64_t fingerprint);


/* The MPI library this build runs islands with, its first line (e.g.
 * "Open MPI v4.1.4, ..."), into buf; "none (built without MPI: one island)"
 * otherwise. Needs no MPI_Init. */
void es_islands_library(char *buf, size_t size);

/* Detects an MPI launch (mpirun sets OMPI_COMM_WORLD_SIZE or PMI_SIZE) and
 * initialises MPI only then. */
void es_islands_init(int *argc, char ***argv, es_islands *is);
void es_islands_finalize(es_islands *is);

/* "ring" (default), "full" or "random"; ES_EINVAL otherwise. */
int es_islands_topology(const char *name, int *out);

/* Installs the migration and stop callbacks into cfg and gives each island
 * its own seed stream. */
void es_islands_configure(es_islands *is, const es_genome_info *info, es_config *cfg);

/* After the run: the best over all islands ends up in *best / *value on
 * rank 0 (genome buffers of the right shape); island_best[r] (size entries,
 * on rank 0) gets each island's best value. */
int es_islands_reduce(es_islands *is, es_sense sense, const es_genome_info *info, es_genome *best, double *value,
                      double *island_best, long long *evaluations);
#endif
