/* The satellite problem's feature similarity for the fuzzy fitness
 * surrogate, after the sibling paper's distance over task features: two
 * priority orders are compared position by position, and two different
 * tasks at a position count as nearly the same when the greedy decoder would
 * treat them alike: same satellite, same station, windows opening close
 * together, similar worth. Swapping interchangeable tasks then keeps two
 * orders "alike", which plain positional agreement cannot see.
 *
 * The surrogate calls this for every archive member of every offspring, so
 * it reads precomputed features (sat_prepare) on an even sample of 64
 * positions: a small fixed cost next to a decode. */
#include <math.h>
#include "satellite.h"

#define SAT_SIM_SAMPLE 64

double sat_feature_similarity(const es_instance *inst, const es_genome *a, const es_genome *b, int *work)
{
    (void)work;
    const satellite *m = sat_of(inst);
    int n = m->ntask, samples = n < SAT_SIM_SAMPLE ? n : SAT_SIM_SAMPLE;
    if (samples == 0)
        return 1.0;
    float distance = 0;
    for (int k = 0; k < samples; k++) {
        int i = (int)((long long)k * n / samples);
        if (a->perm[i] == b->perm[i])
            continue;
        const struct sat_feature *x = &m->features[a->perm[i]], *y = &m->features[b->perm[i]];
        int differ = x->key ^ y->key;
        distance += 0.25f * ((differ >> 16) != 0) + 0.25f * ((differ & 0xffff) != 0) +
                    0.25f * fminf(1.0f, fabsf(x->start - y->start)) +
                    0.25f * fabsf(x->worth - y->worth) / fmaxf(x->worth, y->worth);
    }
    return 1.0 - (double)distance / samples;
}
