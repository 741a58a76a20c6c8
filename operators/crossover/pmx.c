/* Partially mapped crossover (PMX, Goldberg & Lingle 1985): a slice of the
 * first parent, the rest from the second parent's positions, conflicts
 * resolved through the slice's mapping. Preserves absolute positions. */
#include <evosched/operator.h>
#include "perm_scratch.h"

static int pmx(const es_genome_info *info, const es_genome *a, const es_genome *b,
               es_genome *child, void *scratch, es_rng *rng)
{
    int n = info->length;
    int *in_slice = scratch;
    int *pos_b = in_slice + n;
    memset(in_slice, 0, (size_t)n * sizeof *in_slice);
    for (int i = 0; i < n; i++)
        pos_b[b->perm[i]] = i;
    int lo, hi;
    es_two_cuts(rng, n, &lo, &hi);
    for (int i = 0; i < n; i++)
        child->perm[i] = -1;
    for (int i = lo; i <= hi; i++) {
        child->perm[i] = a->perm[i];
        in_slice[a->perm[i]] = 1;
    }
    for (int i = lo; i <= hi; i++) {
        int v = b->perm[i];
        if (in_slice[v])
            continue;
        /* Follow the mapping out of the slice to find v's place. */
        int p = i;
        while (p >= lo && p <= hi)
            p = pos_b[a->perm[p]];
        child->perm[p] = v;
    }
    for (int i = 0; i < n; i++)
        if (child->perm[i] < 0)
            child->perm[i] = b->perm[i];
    return ES_OK;
}

const es_operator es_op_pmx = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "pmx",
    .summary = "partially mapped crossover (absolute positions)",
    .flags = ES_OPF_PERMUTATION,
    .scratch_size = es_perm_scratch_size,
    .crossover = pmx,
};
