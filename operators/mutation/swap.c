/* Swap mutation: exchange two random positions (plain permutations only,
 * since a swap can break precedences). */
#include <evosched/operator.h>
#include "moves.h"

static int swap_mutate(const es_genome_info *info, es_genome *g, double strength,
                       void *scratch, es_rng *rng)
{
    (void)scratch;
    int n = info->length;
    if (n < 2)
        return ES_OK;
    for (int m = es_mutation_moves(n, strength); m > 0; m--) {
        int i = (int)es_rng_below(rng, (uint32_t)n);
        int j = (int)es_rng_below(rng, (uint32_t)n - 1u);
        if (j >= i)
            j++;
        int t = g->perm[i];
        g->perm[i] = g->perm[j];
        g->perm[j] = t;
    }
    return ES_OK;
}

const es_operator es_op_swap = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_MUTATION,
    .name = "swap",
    .summary = "exchange two random positions",
    .flags = ES_OPF_PERMUTATION,
    .mutate = swap_mutate,
};
