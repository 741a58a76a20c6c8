/* Adaptive crossover rules; see crossover_policy.h. */
#include <string.h>
#include "crossover_policy.h"

int es_xrate_parse(const char *name, es_xrate *out)
{
    if (!name || !strcmp(name, "fixed"))
        *out = ES_XRATE_FIXED;
    else if (!strcmp(name, "fitness"))
        *out = ES_XRATE_FITNESS;
    else if (!strcmp(name, "similarity"))
        *out = ES_XRATE_SIMILARITY;
    else if (!strcmp(name, "generation"))
        *out = ES_XRATE_GENERATION;
    else
        return ES_EINVAL;
    return ES_OK;
}

void es_xrate_apply(es_xrate policy, double rate, double mutation, double better, double best, double mean,
                    double similarity, double progress, double *pc, double *pm)
{
    *pc = rate;
    *pm = mutation;
    switch (policy) {
    case ES_XRATE_FIXED:
        break;
    case ES_XRATE_FITNESS:
        /* Srinivas & Patnaik (1994), for minimisation: parents fitter than
         * the mean cross less, in proportion to how close to the best they
         * are, so good solutions are disrupted less; a floor keeps them in play. */
        if (better <= mean && mean > best)
            *pc = rate * (0.1 + 0.9 * (better - best) / (mean - best));
        break;
    case ES_XRATE_SIMILARITY:
        /* Near-identical parents would give a near-identical child: cross
         * less, mutate more (the sibling FFEEA paper's idea). */
        *pc = rate * (1.0 - 0.8 * similarity);
        *pm = mutation + (1.0 - mutation) * similarity * similarity;
        break;
    case ES_XRATE_GENERATION:
        /* Exploration early, exploitation late: from rate down to half of it. */
        *pc = rate * (1.0 - 0.5 * progress);
        break;
    }
}

void es_xchoice_init(es_xchoice *c) { memset(c, 0, sizeof *c); }

int es_xchoice_add(es_xchoice *c, const es_operator *op)
{
    if (c->n >= ES_XCHOICE_MAX)
        return ES_ELIMIT;
    c->ops[c->n] = op;
    c->credit[c->n] = 0.5;
    c->n++;
    for (int i = 0; i < c->n; i++)
        c->prob[i] = 1.0 / c->n;
    return ES_OK;
}

int es_xchoice_pick(const es_xchoice *c, es_rng *rng)
{
    double u = es_rng_uniform(rng);
    for (int i = 0; i < c->n - 1; i++) {
        u -= c->prob[i];
        if (u < 0)
            return i;
    }
    return c->n - 1;
}

void es_xchoice_record(es_xchoice *c, int op, int success)
{
    c->uses[op]++;
    c->wins[op] += success != 0;
}

void es_xchoice_update(es_xchoice *c)
{
    double total = 0, floor = 0.2 / c->n;
    for (int i = 0; i < c->n; i++) {
        if (c->uses[i] > 0)
            c->credit[i] = 0.7 * c->credit[i] + 0.3 * (double)c->wins[i] / (double)c->uses[i];
        c->uses[i] = c->wins[i] = 0;
        total += c->credit[i];
    }
    for (int i = 0; i < c->n; i++)
        c->prob[i] = floor + (1.0 - floor * c->n) * (total > 0 ? c->credit[i] / total : 1.0 / c->n);
}
