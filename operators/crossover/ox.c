/* Order crossover (OX, Davis 1985): a slice of the first parent keeps its
 * positions; the other items follow in the second parent's cyclic order from
 * after the slice. Preserves relative order, which suits sequencing. */
#include <evosched/operator.h>
#include "perm_scratch.h"

static int ox(const es_genome_info *info, const es_genome *a, const es_genome *b,
              es_genome *child, void *scratch, es_rng *rng)
{
    int n = info->length;
    int *used = scratch;
    memset(used, 0, (size_t)n * sizeof *used);
    int lo, hi;
    es_two_cuts(rng, n, &lo, &hi);
    for (int i = lo; i <= hi; i++) {
        child->perm[i] = a->perm[i];
        used[a->perm[i]] = 1;
    }
    int w = (hi + 1) % n;
    for (int k = 0; k < n; k++) {
        int v = b->perm[(hi + 1 + k) % n];
        if (used[v])
            continue;
        child->perm[w] = v;
        w = (w + 1) % n;
    }
    return ES_OK;
}

const es_operator es_op_ox = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "ox",
    .summary = "order crossover (relative order of the second parent)",
    .flags = ES_OPF_PERMUTATION,
    .scratch_size = es_perm_scratch_size,
    .crossover = ox,
};
