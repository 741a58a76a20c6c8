/* The one table of built-in problems. A new problem adds its line here. */
#include <evosched/registry.h>

extern const es_problem es_problem_tardiness, es_problem_rcpsp, es_problem_rcpsp_keys, es_problem_satellite;

const es_problem *const es_builtin_problems[] = {
    &es_problem_tardiness,
    &es_problem_rcpsp,
    &es_problem_rcpsp_keys,
    &es_problem_satellite,
};
const int es_builtin_problem_count = (int)(sizeof es_builtin_problems / sizeof es_builtin_problems[0]);
