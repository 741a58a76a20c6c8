/* Lower bounds for total weighted tardiness, from cheap to strong:
 *  - pairing: the k-th shortest completion time (SPT) against the k-th
 *    earliest due date (EDD), times the smallest weight;
 *  - the Lagrangian relaxation of the time-indexed model (lagrange.c), far
 *    stronger than any positional bound;
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

/* An upper bound for the subgradient step: the best dispatching rule after
 * dynasearch descent. Rules and descents share a budget of work, counted
 * rather than timed so that the bound stays reproducible: about half a
 * second here. Small instances do everything (100 jobs: room for 4,000
 * passes, of which they use tens); 2,000 jobs would otherwise spend 50 s
 * here, and 20,000 jobs skip the quadratic rules. */
#define QUICK_UPPER_WORK 4e7

static int64_t quick_upper(const tardiness *t)
{
    int *seq = malloc((size_t)t->n * sizeof *seq);
    void *scratch = malloc(tard_scratch_size((const es_instance *)t));
    int64_t best = INT64_MAX;
    double work = QUICK_UPPER_WORK, pass = tard_pass_work(t);
    for (int r = 0; seq && scratch && r < TARD_RULES; r++) {
        const char *name;
        if (r > 0 && tard_rule_work(t, r) > work)
            continue; /* the first rule (EDD, a sort) always runs */
        work -= tard_rule_work(t, r);
        if (tard_rule(t, r, seq, &name) != ES_OK)
            break;
        while (work >= pass && !es_stop_requested() && tard_dynasearch_pass(t, seq, scratch) < 0)
            work -= pass;
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
    int64_t pair = tard_pairing_bound(t), lag = pair, ub = INT64_MAX;
    if (tard_lagrangian_fits(t)) { /* else its upper bound would be half a second's work for nothing */
        ub = quick_upper(t);
        /* Every report computes this bound, so its work is capped (about a
         * second; by work, not time, so that it stays reproducible): a 500-job
         * instance would otherwise spend ten seconds here on a one-second run. */
        double per_step = (double)t->n * (double)(t->total_p + 1);
        int steps = per_step * TARD_LR_ITERATIONS > 4e8 ? (int)(4e8 / per_step) : TARD_LR_ITERATIONS;
        lag = ub > pair ? tard_lagrangian_bound(t, steps < 20 ? 20 : steps, ub) : pair;
    }
    out->proven_optimum = lag >= ub;
    out->value = (double)(lag > pair ? lag : pair);
    snprintf(out->source, sizeof out->source, "%s", lag > pair ? "Lagrangian relaxation" : "SPT/EDD pairing");
    return ES_OK;
}

/* Known optima for OR-Library files: wtoptN.txt, then wtbestNb.txt (all
 * proven optimal since), one value per line, in the directory of the
 * instance file. Merely best-known values (wtbest100a.txt) are not bounds and
 * are not read. The values are listed by position in OR-Library's own
 * file, so only that file, wtN.txt, may use them: a subset or another set
 * of N jobs saved beside them would take the optimum of whichever
 * instance had its position. */
int tard_reference_bound(const es_instance *inst, const char *path, es_bound *out, es_error *err)
{
    (void)err;
    const tardiness *t = tard_of(inst);
    if (t->format != TARD_ORLIB)
        return ES_ENOTFOUND;
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    char own[64];
    snprintf(own, sizeof own, "wt%d.txt", t->n);
    if (strcmp(path + dirlen, own) != 0)
        return ES_ENOTFOUND;
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
