/* A plug-in whose mutation operator has no mutate hook: the registry must
 * refuse it when loading, not crash when a run calls it. */
#include <evosched/evosched.h>

static const es_operator broken = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_MUTATION,
    .name = "broken",
    .summary = "a mutation without its hook",
    .flags = ES_OPF_PERMUTATION,
};

static const es_operator *const operators[] = {&broken};

const es_plugin es_plugin_entry = {ES_PLUGIN_API_VERSION, "bad-operator", 0, NULL, 1, operators};
