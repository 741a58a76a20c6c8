/* Tournament selection: the best of `pressure` individuals drawn with
 * replacement. Ties keep the earlier draw so the result depends only on the
 * rng stream. */
#include <evosched/operator.h>

static int tournament_select(const double *costs, int n, int pressure, es_rng *rng, int *index)
{
    if (n <= 0)
        return ES_EINVAL;
    if (pressure < 1)
        pressure = 1;
    int best = (int)es_rng_below(rng, (uint32_t)n);
    for (int k = 1; k < pressure; k++) {
        int c = (int)es_rng_below(rng, (uint32_t)n);
        if (costs[c] < costs[best])
            best = c;
    }
    *index = best;
    return ES_OK;
}

const es_operator es_op_tournament = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_SELECTION,
    .name = "tournament",
    .summary = "best of k random individuals (k = --tournament)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_RANDOM_KEYS | ES_OPF_PRECEDENCE,
    .select = tournament_select,
};
