/* The one table of built-in operators. */
#include <evosched/registry.h>

extern const es_operator es_op_tournament, es_op_ox, es_op_pmx, es_op_onepoint,
    es_op_twopoint, es_op_position, es_op_uniform_keys, es_op_swap, es_op_insert, es_op_keys, es_op_local, es_op_aco;

const es_operator *const es_builtin_operators[] = {
    &es_op_tournament,
    &es_op_ox, &es_op_pmx, &es_op_position, &es_op_onepoint, &es_op_twopoint, &es_op_uniform_keys,
    &es_op_swap, &es_op_insert, &es_op_keys,
    &es_op_local,
    &es_op_aco,
};
const int es_builtin_operator_count =
    (int)(sizeof es_builtin_operators / sizeof es_builtin_operators[0]);
