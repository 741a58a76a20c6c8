/* Plug-ins with one defect each, built once per defect (BROKEN_<defect>,
 * see tests/CMakeLists.txt). The registry must refuse every one of them
 * when loading, with a message that names the defect, and register nothing
 * of it: a table it cannot trust would otherwise crash a run later, or
 * shadow a built-in. */
#include <evosched/evosched.h>
#include "stub_hooks.h"

static inline int stub_mutate(const es_genome_info *info, es_genome *g, double strength, void *scratch, es_rng *rng)
{
    (void)info, (void)g, (void)strength, (void)scratch, (void)rng;
    return ES_OK;
}

static const es_problem problem = {
#if defined(BROKEN_problem_version)
    .api_version = ES_PROBLEM_API_VERSION + 1, /* built against a newer evosched */
#else
    .api_version = ES_PROBLEM_API_VERSION,
#endif
#if defined(BROKEN_duplicate_problem)
    .name = "tardiness", /* a built-in's name */
#else
    .name = "stub",
#endif
    .summary = "a problem that is never solved",
#if defined(BROKEN_problem_sense)
    .sense = (es_sense)0, /* neither minimise nor maximise */
#else
    .sense = ES_MINIMIZE,
#endif
    .load = stub_load,
    .destroy = stub_destroy,
    .genome_info = stub_genome_info,
    .scratch_size = stub_scratch_size,
#if !defined(BROKEN_problem_hook) /* else a required hook is missing */
    .evaluate = stub_evaluate,
#endif
};

static const es_operator operator = {
#if defined(BROKEN_operator_version)
    .api_version = ES_OPERATOR_API_VERSION + 1,
#else
    .api_version = ES_OPERATOR_API_VERSION,
#endif
    .kind = ES_OP_MUTATION,
#if defined(BROKEN_duplicate_operator)
    .name = "swap", /* a built-in mutation's name */
#else
    .name = "broken",
#endif
    .summary = "a mutation",
    .flags = ES_OPF_PERMUTATION,
#if !defined(BROKEN_operator_hook)
    .mutate = stub_mutate,
#endif
};

static const es_problem *const problems[] = {&problem};
static const es_operator *const operators[] = {&operator};

const es_plugin es_plugin_entry = {
#if defined(BROKEN_plugin_version)
    ES_PLUGIN_API_VERSION + 1,
#else
    ES_PLUGIN_API_VERSION,
#endif
    "broken", 1, problems, 1, operators};
