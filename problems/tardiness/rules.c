/* Dispatching rules: the classic constructive heuristics for total weighted
 * tardiness. They seed the population and are the baselines of reports. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

static const char *const rule_names[TARD_RULES] = {"EDD", "SPT", "WSPT", "MDD", "ATC", "COVERT"};

/* ATC and COVERT look ahead with k times the mean processing time; 2 is the
 * value Vepsalainen & Morton recommend for tardiness. */
#define LOOKAHEAD 2.0

int tard_rule(const tardiness *t, int rule, int *seq, const char **name)
{
    int n = t->n;
    if (rule < 0 || rule >= TARD_RULES)
        return ES_ENOTFOUND;
    *name = rule_names[rule];
    double *key = malloc((size_t)n * sizeof *key);
    int *left = malloc((size_t)n * sizeof *left);
    if (!key || !left) {
        free(key);
        free(left);
        return ES_ENOMEM;
    }
    for (int j = 0; j < n; j++)
        seq[j] = j;
    if (rule <= 2) {
        for (int j = 0; j < n; j++)
            key[j] = rule == 0 ? (double)t->d[j] : rule == 1 ? t->p[j] : -(double)t->w[j] / t->p[j];
        es_sort_by_keys(seq, n, key);
    } else {
        /* Dynamic rules: at time now, pick the job with the best index. The
         * jobs not yet placed stay in increasing order in left[0 .. m), so
         * that ties still go to the lowest job number. */
        double pbar = (double)t->total_p / n;
        int64_t now = 0;
        for (int j = 0; j < n; j++)
            left[j] = j;
        for (int pos = 0, m = n; pos < n; pos++, m--) {
            /* a scan per place: 20,000 jobs took 0.9 s past a time limit */
            if (pos % 1024 == 1023 && es_stop_requested()) {
                free(key);
                free(left);
                return ES_ENOTFOUND;
            }
            int best = -1, at = 0;
            double best_key = 0;
            for (int q = 0; q < m; q++) {
                int j = left[q];
                double slack = fmax(0.0, (double)(t->d[j] - t->p[j] - now));
                double wp = (double)t->w[j] / t->p[j];
                double k; /* smaller is better */
                if (rule == 3) /* weighted modified due date (Kanet & Li) */
                    k = fmax((double)t->p[j], (double)(t->d[j] - now)) / (t->w[j] > 0 ? t->w[j] : 1e-9);
                else if (rule == 4) /* apparent tardiness cost; exp(-746) is 0 in doubles, and */
                    k = slack > 746 * LOOKAHEAD * pbar ? -0.0 /* libm's underflow path is slow */
                                                        : -wp * exp(-slack / (LOOKAHEAD * pbar));
                else /* COVERT */
                    k = -wp * fmax(0.0, 1.0 - slack / (LOOKAHEAD * t->p[j]));
                if (best < 0 || k < best_key) {
                    best = j;
                    at = q;
                    best_key = k;
                }
            }
            memmove(left + at, left + at + 1, (size_t)(m - at - 1) * sizeof *left);
            seq[pos] = best;
            now += t->p[best];
        }
    }
    free(key);
    free(left);
    return ES_OK;
}

double tard_rule_work(const tardiness *t, int rule)
{
    double n = t->n;
    return rule <= 2 ? n * log2(n + 1) : n * n / 2; /* a sort, or a scan of what is left per place */
}

int tard_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name)
{
    return tard_rule(tard_of(inst), rule, out->perm, name);
}

/* For ant colonies: weighted shortest processing time, scaled by urgency. */
int tard_desirability(const es_instance *inst, double *eta)
{
    const tardiness *t = tard_of(inst);
    for (int j = 0; j < t->n; j++)
        eta[j] = ((double)t->w[j] + 1e-3) / t->p[j];
    return ES_OK;
}
