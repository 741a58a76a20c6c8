/* Random-key mutation: redraw a few keys uniformly. */
#include <evosched/operator.h>
#include "moves.h"

static int keys_mutate(const es_genome_info *info, es_genome *g, double strength,
                       void *scratch, es_rng *rng)
{
    (void)scratch;
    int n = info->length;
    for (int m = es_mutation_moves(n, strength); m > 0 && n > 0; m--)
        g->keys[es_rng_below(rng, (uint32_t)n)] = es_rng_uniform(rng);
    return ES_OK;
}

const es_operator es_op_keys = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_MUTATION,
    .name = "redraw",
    .summary = "redraw random keys",
    .flags = ES_OPF_RANDOM_KEYS,
    .mutate = keys_mutate,
};
