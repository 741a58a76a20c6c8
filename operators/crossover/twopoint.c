/* One- and two-point crossover for activity lists (Hartmann 1998): the head
 * comes from the first parent, the middle takes the second parent's order of
 * the items not yet placed, the tail the first parent's order again. Each
 * part keeps an order some feasible parent had, so precedence-feasible parents
 * give a precedence-feasible child; it also suits plain permutations. */
#include <evosched/operator.h>
#include "perm_scratch.h"

static void take_in_order(const int *from, int n, int *used, int *child, int *w, int until)
{
    for (int k = 0; k < n && *w < until; k++) {
        int v = from[k];
        if (!used[v]) {
            used[v] = 1;
            child[(*w)++] = v;
        }
    }
}

static int points(const es_genome_info *info, const es_genome *a, const es_genome *b,
                  es_genome *child, void *scratch, es_rng *rng, int two)
{
    int n = info->length;
    int *used = scratch;
    memset(used, 0, (size_t)n * sizeof *used);
    int q1, q2;
    if (two)
        es_two_cuts(rng, n + 1, &q1, &q2);
    else {
        q1 = (int)es_rng_below(rng, (uint32_t)n + 1u);
        q2 = n;
    }
    int w = 0;
    take_in_order(a->perm, n, used, child->perm, &w, q1);
    take_in_order(b->perm, n, used, child->perm, &w, q2);
    take_in_order(a->perm, n, used, child->perm, &w, n);
    return ES_OK;
}

static int onepoint(const es_genome_info *info, const es_genome *a, const es_genome *b,
                    es_genome *child, void *scratch, es_rng *rng)
{
    return points(info, a, b, child, scratch, rng, 0);
}

static int twopoint(const es_genome_info *info, const es_genome *a, const es_genome *b,
                    es_genome *child, void *scratch, es_rng *rng)
{
    return points(info, a, b, child, scratch, rng, 1);
}

const es_operator es_op_onepoint = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "onepoint",
    .summary = "precedence-preserving one-point crossover (activity lists)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_PRECEDENCE,
    .scratch_size = es_perm_scratch_size,
    .crossover = onepoint,
};

const es_operator es_op_twopoint = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CROSSOVER,
    .name = "twopoint",
    .summary = "precedence-preserving two-point crossover (activity lists)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_PRECEDENCE,
    .scratch_size = es_perm_scratch_size,
    .crossover = twopoint,
};
