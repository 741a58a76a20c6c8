/* Position-based crossover (Syswerda 1991): the first parent's items keep
 * their positions at a random half of the positions; the other positions
 * take the remaining items in the second parent's order. */
#include <evosched/operator.h>
#include "perm_scratch.h"

static int position(const es_genome_info *info, const es_genome *a, const es_genome *b, es_genome *child,
                    void *scratch, es_rng *rng)
{
    int n = info->length;
    int *used = scratch, *keep = used + n;
    memset(used, 0, (size_t)n * sizeof *used);
    for (int i = 0; i < n; i++) {
        keep[i] = es_rng_below(rng, 2) == 0;
        child->perm[i] = keep[i] ? a->perm[i] : -1;
        if (keep[i])
            used[a->perm[i]] = 1;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (keep[i])
            continue;
        while (used[b->perm[k]])
            k++;
        child->perm[i] = b->perm[k++];
    }
    return ES_OK;
}

const es_operator es_op_position = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "position",
    .summary = "position-based crossover (half the positions from each parent)",
    .flags = ES_OPF_PERMUTATION,
    .scratch_size = es_perm_scratch_size,
    .crossover = position,
};
