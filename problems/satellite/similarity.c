/* The satellite problem's feature similarity for the fuzzy fitness
 * surrogate, after the sibling paper's distance over task features: two
 * priority orders are compared position by position, and two different
 * tasks at a position count as nearly the same when the greedy decoder would
 * treat them alike: same satellite, same station, windows opening close
 * together, similar worth. Swapping interchangeable tasks then keeps two
 * orders "alike", which plain positional agreement cannot see. Long orders
 * are compared on an even sample of positions, which keeps the measure at a
 * small fixed cost next to a decode. */
#include <math.h>
#include "satellite.h"

#define SAT_SIM_SAMPLE 256

static double worth(const satellite *m, const sat_task *t)
{
    return m->objective == SAT_PROFIT ? (double)t->weight : (double)t->weight * t->dmax;
}

double sat_feature_similarity(const es_instance *inst, const es_genome *a, const es_genome *b, int *work)
{
    (void)work;
    const satellite *m = sat_of(inst);
    int n = m->ntask, samples = n < SAT_SIM_SAMPLE ? n : SAT_SIM_SAMPLE;
    if (samples == 0)
        return 1.0;
    double distance = 0;
    for (int k = 0; k < samples; k++) {
        int i = (int)((long long)k * n / samples);
        if (a->perm[i] == b->perm[i])
            continue;
        const sat_task *x = &m->tasks[a->perm[i]], *y = &m->tasks[b->perm[i]];
        double wx = worth(m, x), wy = worth(m, y);
        distance += 0.25 * (x->sat != y->sat) + 0.25 * (x->sta != y->sta) +
                    0.25 * fmin(1.0, fabs((double)x->start - y->start) / m->mean_window) +
                    0.25 * fabs(wx - wy) / fmax(wx, wy);
    }
    return 1.0 - distance / samples;
}
