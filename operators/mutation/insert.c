/* Insertion (shift) mutation: move one item to another position. With
 * precedences the new position is drawn from the range between the item's
 * last predecessor and first successor in the list, so feasibility holds. */
#include <evosched/operator.h>
#include "moves.h"

static int has_succ(const es_genome_info *info, int x, int y)
{
    for (int k = info->succ_start[x]; k < info->succ_start[x + 1]; k++)
        if (info->succ[k] == y)
            return 1;
    return 0;
}

static void move_item(int *perm, int from, int to)
{
    int v = perm[from];
    if (from < to)
        for (int k = from; k < to; k++)
            perm[k] = perm[k + 1];
    else
        for (int k = from; k > to; k--)
            perm[k] = perm[k - 1];
    perm[to] = v;
}

static int insert_mutate(const es_genome_info *info, es_genome *g, double strength,
                         void *scratch, es_rng *rng)
{
    (void)scratch;
    int n = info->length;
    if (n < 2)
        return ES_OK;
    for (int m = es_mutation_moves(n, strength); m > 0; m--) {
        int from = (int)es_rng_below(rng, (uint32_t)n);
        int lo = 0, hi = n - 1;
        if (info->succ_start) {
            int x = g->perm[from];
            for (lo = from; lo > 0 && !has_succ(info, g->perm[lo - 1], x); lo--)
                ;
            for (hi = from; hi < n - 1 && !has_succ(info, x, g->perm[hi + 1]); hi++)
                ;
        }
        if (hi == lo)
            continue;
        int to = lo + (int)es_rng_below(rng, (uint32_t)(hi - lo));
        if (to >= from)
            to++;
        move_item(g->perm, from, to);
    }
    return ES_OK;
}

const es_operator es_op_insert = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_MUTATION,
    .name = "insert",
    .summary = "move one item elsewhere (within its precedence range)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_PRECEDENCE,
    .mutate = insert_mutate,
};
