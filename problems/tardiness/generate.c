/* The Potts & Van Wassenhove (1985) generator: p uniform in 1..100, w in
 * 1..10 (or 1), due dates uniform in [P(1-TF-RDD/2), P(1-TF+RDD/2)] with P the
 * total processing time. Writes the single-instance text format. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

int tard_generate(int argc, char **argv, FILE *out, es_error *err)
{
    double n = 0, tf = -1, rdd = -1;
    uint64_t seed = 1;
    int weighted = 0, st = ES_OK;
    for (int i = 1; i < argc && st == ES_OK; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--weighted") == 0)
            weighted = 1;
        else if (strcmp(a, "--n") == 0)
            st = es_option_number("tardiness", a, v, 1, TARD_MAX_JOBS, 1, &n, err), i++;
        else if (strcmp(a, "--tf") == 0)
            st = es_option_number("tardiness", a, v, 0, 1, 0, &tf, err), i++;
        else if (strcmp(a, "--rdd") == 0)
            st = es_option_number("tardiness", a, v, 0, 2, 0, &rdd, err), i++;
        else if (strcmp(a, "--seed") == 0)
            st = es_option_seed("tardiness", a, v, &seed, err), i++;
        else
            st = es_fail(err, ES_EINVAL, "generate tardiness: unknown option '%s'", a);
    }
    if (st != ES_OK)
        return st;
    if (n < 1 || tf < 0 || rdd < 0)
        return es_fail(err, ES_EINVAL,
                       "usage: evosched generate tardiness --n N --tf TF --rdd RDD [--weighted] [--seed S]");
    int jobs = (int)n;
    es_rng rng;
    es_rng_seed(&rng, seed, 0x7a7d17e55ULL);
    int *p = malloc((size_t)jobs * sizeof *p), *w = malloc((size_t)jobs * sizeof *w);
    if (!p || !w) {
        free(p);
        free(w);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    long long P = 0;
    for (int j = 0; j < jobs; j++) {
        p[j] = 1 + (int)es_rng_below(&rng, 100);
        w[j] = weighted ? 1 + (int)es_rng_below(&rng, 10) : 1;
        P += p[j];
    }
    double lo = P * (1 - tf - rdd / 2), hi = P * (1 - tf + rdd / 2);
    long long dlo = (long long)ceil(lo), dhi = (long long)floor(hi);
    if (dlo < 0)
        dlo = 0;
    if (dhi < dlo)
        dhi = dlo;
    fprintf(out, "# Potts-Van Wassenhove instance: n=%d TF=%g RDD=%g %s seed=%llu\n# n, then p d w per job\n%d\n",
            jobs, tf, rdd, weighted ? "weighted" : "unweighted", (unsigned long long)seed, jobs);
    for (int j = 0; j < jobs; j++) {
        long long d = dlo + (long long)(es_rng_uniform(&rng) * (double)(dhi - dlo + 1));
        fprintf(out, "%d %lld %d\n", p[j], d, w[j]);
    }
    free(p);
    free(w);
    return ferror(out) ? es_fail(err, ES_EIO, "generate tardiness: write error") : ES_OK;
}
