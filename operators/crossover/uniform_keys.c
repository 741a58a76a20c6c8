/* Parameterised uniform crossover for random keys (Bean 1994; Gonçalves &
 * Resende's BRKGA uses 0.7 toward the first parent, which is the fitter one
 * when the engine passes parents best first). */
#include <evosched/operator.h>

static int uniform_keys(const es_genome_info *info, const es_genome *a, const es_genome *b,
                        es_genome *child, void *scratch, es_rng *rng)
{
    (void)scratch;
    for (int i = 0; i < info->length; i++)
        child->keys[i] = es_rng_uniform(rng) < 0.7 ? a->keys[i] : b->keys[i];
    return ES_OK;
}

const es_operator es_op_uniform_keys = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "uniform",
    .summary = "uniform crossover of random keys, biased 0.7 to the better parent",
    .flags = ES_OPF_RANDOM_KEYS,
    .crossover = uniform_keys,
};
