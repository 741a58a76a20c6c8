/* The "local" improvement operator hands the child to the problem's own
 * improve hook: local search needs problem knowledge (delta evaluation,
 * justification), so the operator only decides when it runs. */
#include <evosched/operator.h>

static int local_improve(const es_problem *problem, const es_instance *inst, es_genome *g,
                         double *value, void *scratch, es_rng *rng, long long *evaluations)
{
    if (!problem->improve)
        return ES_ENOTSUP;
    return problem->improve(inst, g, value, scratch, rng, evaluations);
}

const es_operator es_op_local = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_IMPROVEMENT,
    .name = "local",
    .summary = "the problem's local search (e.g. dynasearch for tardiness)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_RANDOM_KEYS | ES_OPF_PRECEDENCE,
    .improve = local_improve,
};
