/* Lower bounds for total weighted tardiness, from cheap to strong:
 *  - pairing: the k-th shortest completion time (SPT) against the k-th
 *    earliest due date (EDD), times the smallest weight;
 *  - Lagrangian relaxation of the time-indexed model: relaxing "one job at a
 *    time" with multipliers u_t leaves one independent choice of start time
 *    per job; subgradient optimisation of u gives (at the limit) the
 *    time-indexed LP bound, far stronger than any positional model;
 *  - exact dynamic programming over subsets for n <= 20;
 * and the known optima shipped beside OR-Library files. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int64_t tard_pairing_bound(const tardiness *t)
{
    int n = t->n;
    int64_t *p = malloc((size_t)n * sizeof *p), *d = malloc((size_t)n * sizeof *d);
    if (!p || !d) {
        free(p);
        free(d);
        return 0;
    }
    int64_t wmin = t->w[0];
    for (int j = 0; j < n; j++) {
        p[j] = t->p[j];
        d[j] = t->d[j];
        if (t->w[j] < wmin)
            wmin = t->w[j];
    }
    qsort(p, (size_t)n, sizeof *p, cmp_i64);
    qsort(d, (size_t)n, sizeof *d, cmp_i64);
    int64_t c = 0, lb = 0;
    for (int k = 0; k < n; k++) {
        c += p[k];
        if (c > d[k])
            lb += c - d[k];
    }
    free(p);
    free(d);
    return lb * wmin;
}

#define TARD_EXACT_MAX 20

int tard_exact(const tardiness *t, int64_t *optimum, int *seq)
{
    int n = t->n;
    if (n > TARD_EXACT_MAX)
        return ES_ENOTSUP;
    size_t states = (size_t)1 << n;
    int64_t *f = malloc(states * sizeof *f);
    unsigned char *last = malloc(states);
    if (!f || !last) {
        free(f);
        free(last);
        return ES_ENOMEM;
    }
    /* f[S] = least cost of scheduling the set S first; the last job of S
     * finishes at p(S) whatever the order. */
    f[0] = 0;
    for (size_t S = 1; S < states; S++) {
        int64_t ps = 0;
        for (int j = 0; j < n; j++)
            if (S >> j & 1)
                ps += t->p[j];
        int64_t best = INT64_MAX;
        for (int j = 0; j < n; j++)
            if (S >> j & 1) {
                int64_t v = f[S & ~((size_t)1 << j)] + tard_cost(t, j, ps);
                if (v < best) {
                    best = v;
                    last[S] = (unsigned char)j;
                }
            }
        f[S] = best;
    }
    *optimum = f[states - 1];
    if (seq)
        for (size_t S = states - 1, k = (size_t)n; S; S &= ~((size_t)1 << last[S]))
            seq[--k] = last[S];
    free(f);
    free(last);
    return ES_OK;
}

/* One state of the relaxed DP at time t: the cheapest sequence of jobs
 * filling [0, t) whose last job is `job`, and how to go back. */
typedef struct lr_state {
    double f;
    int job;  /* last job, -1 for none */
    int prev; /* index into the state table of the predecessor, or -1 */
    int completes; /* 1: reached by completing job, 0: by idling */
} lr_state;

/* Lagrangian relaxation of the time-indexed model in which the constraints
 * "every job is processed exactly once" are priced with multipliers mu_j
 * (Tanaka, Fujikuma & Araki 2009, first stage). What remains is a single
 * shortest path over time: at each t the machine idles or completes some job
 * j, paying w_j T_j(t) - mu_j; the same job may not follow itself, which
 * keeps two states per t (best and best with another last job). The bound is
 * f(T) + sum mu_j, maximised by subgradient steps on mu. */
int64_t tard_lagrangian_bound(const tardiness *t, int iterations, int64_t upper)
{
    int n = t->n;
    int64_t T = t->total_p;
    if (T <= 0 || T > 20000000 || (double)T * n > 2e9) /* O(n T) per iteration: out of reach */
        return 0;
    lr_state *st = malloc((size_t)(T + 1) * 2 * sizeof *st);
    double *mu = malloc((size_t)n * sizeof *mu);
    int *count = malloc((size_t)n * sizeof *count);
    if (!st || !mu || !count) {
        free(st);
        free(mu);
        free(count);
        return 0;
    }
    for (int j = 0; j < n; j++)
        mu[j] = 0;
    double best = 0, lambda = 2.0;
    int since = 0;
    for (int it = 0; it < iterations; it++) {
        st[0] = (lr_state){0, -1, -1, 0};
        st[1] = (lr_state){INFINITY, -1, -1, 0};
        for (int64_t tt = 1; tt <= T; tt++) {
            lr_state b1 = st[2 * (tt - 1)], b2 = st[2 * (tt - 1) + 1]; /* idle: keep the last job */
            b1.prev = (int)(2 * (tt - 1));
            b2.prev = (int)(2 * (tt - 1) + 1);
            b1.completes = b2.completes = 0;
            for (int j = 0; j < n; j++) {
                int64_t s = tt - t->p[j];
                if (s < 0)
                    continue;
                const lr_state *a = &st[2 * s];
                int ai = (int)(2 * s);
                if (a->job == j) {
                    a = &st[2 * s + 1];
                    ai++;
                }
                double v = a->f + (double)tard_cost(t, j, tt) - mu[j];
                if (v < b1.f) {
                    if (b1.job != j)
                        b2 = b1;
                    b1 = (lr_state){v, j, ai, 1};
                } else if (v < b2.f && j != b1.job) {
                    b2 = (lr_state){v, j, ai, 1};
                }
            }
            st[2 * tt] = b1;
            st[2 * tt + 1] = b2;
        }
        double L = st[2 * T].f;
        for (int j = 0; j < n; j++)
            L += mu[j];
        if (L > best + 1e-9) {
            best = L;
            since = 0;
        } else if (++since >= 10) {
            lambda *= 0.8;
            since = 0;
        }
        if (ceil(best - 1e-6) >= (double)upper || lambda < 1e-4)
            break;
        /* Subgradient: 1 - how often each job occurs in the relaxed path. */
        memset(count, 0, (size_t)n * sizeof *count);
        for (int k = (int)(2 * T); k >= 0 && st[k].prev >= 0; k = st[k].prev)
            if (st[k].completes)
                count[st[k].job]++;
        double norm = 0;
        for (int j = 0; j < n; j++)
            norm += (double)(1 - count[j]) * (1 - count[j]);
        if (norm == 0)
            break; /* every job exactly once: the relaxed path is a schedule, optimal */
        double step = lambda * ((double)upper - L) / norm;
        for (int j = 0; j < n; j++)
            mu[j] += step * (1 - count[j]);
    }
    free(st);
    free(mu);
    free(count);
    /* Objective values are integers: round up, with a margin for rounding. */
    return (int64_t)ceil(best - 1e-6);
}

/* An upper bound for the subgradient step: the best dispatching rule after
 * dynasearch descent. */
static int64_t quick_upper(const tardiness *t)
{
    int *seq = malloc((size_t)t->n * sizeof *seq);
    void *scratch = malloc(tard_scratch_size((const es_instance *)t));
    int64_t best = INT64_MAX;
    for (int r = 0; seq && scratch && r < TARD_RULES; r++) {
        const char *name;
        if (tard_rule(t, r, seq, &name) != ES_OK)
            break;
        while (tard_dynasearch_pass(t, seq, scratch) < 0)
            ;
        int64_t c = tard_sequence_cost(t, seq);
        if (c < best)
            best = c;
    }
    free(seq);
    free(scratch);
    return best;
}

int tard_lower_bound(const es_instance *inst, es_bound *out)
{
    const tardiness *t = tard_of(inst);
    int64_t v;
    if (t->n <= TARD_EXACT_MAX && tard_exact(t, &v, NULL) == ES_OK) {
        out->value = (double)v;
        out->proven_optimum = 1;
        snprintf(out->source, sizeof out->source, "exact dynamic programming");
        return ES_OK;
    }
    int64_t pair = tard_pairing_bound(t);
    int64_t ub = quick_upper(t);
    int64_t lag = ub > pair ? tard_lagrangian_bound(t, 500, ub) : pair;
    out->proven_optimum = lag >= ub;
    out->value = (double)(lag > pair ? lag : pair);
    snprintf(out->source, sizeof out->source, "%s", lag > pair ? "Lagrangian relaxation" : "SPT/EDD pairing");
    return ES_OK;
}

/* Known optima for OR-Library files: wtoptN.txt, then wtbestNb.txt (all
 * proven optimal since), one value per line, in the directory of the
 * instance file. Merely best-known values (wtbest100a.txt) are not bounds and
 * are not read. */
int tard_reference_bound(const es_instance *inst, const char *path, es_bound *out, es_error *err)
{
    (void)err;
    const tardiness *t = tard_of(inst);
    if (t->format != TARD_ORLIB)
        return ES_ENOTFOUND;
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    const char *pattern[] = {"wtopt%d.txt", "wtbest%db.txt"};
    for (int k = 0; k < 2; k++) {
        char name[64], file[4200];
        snprintf(name, sizeof name, pattern[k], t->n);
        snprintf(file, sizeof file, "%.*s%s", dirlen, path, name);
        FILE *f = fopen(file, "r");
        if (!f)
            continue;
        long long v = -1;
        int ok = 1;
        for (int i = 0; i < t->index && ok; i++)
            ok = fscanf(f, "%lld", &v) == 1;
        fclose(f);
        if (!ok || v < 0)
            continue;
        out->value = (double)v;
        out->proven_optimum = 1;
        snprintf(out->source, sizeof out->source, "%s", name);
        return ES_OK;
    }
    return ES_ENOTFOUND;
}
