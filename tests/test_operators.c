/* Every built-in operator on random inputs: children are valid genomes,
 * precedence-safe operators keep activity lists feasible, and a child of two
 * identical parents equals them. */
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>

#define N 40

/* A random DAG over N items, edges i->j only for some i<j under a random
 * relabelling, in compressed successor form. */
static int succ_start[N + 1], succ[N * N];

static void make_dag(es_rng *rng)
{
    int label[N];
    for (int i = 0; i < N; i++)
        label[i] = i;
    es_rng_shuffle(rng, label, N);
    int adj[N][N];
    memset(adj, 0, sizeof adj);
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++)
            if (es_rng_below(rng, 100) < 8)
                adj[label[i]][label[j]] = 1;
    int k = 0;
    for (int i = 0; i < N; i++) {
        succ_start[i] = k;
        for (int j = 0; j < N; j++)
            if (adj[i][j])
                succ[k++] = j;
    }
    succ_start[N] = k;
}

static void random_topological(const es_genome_info *info, int *perm, es_rng *rng)
{
    int indeg[N] = {0}, placed[N] = {0};
    if (!info->succ_start) {
        for (int i = 0; i < N; i++)
            perm[i] = i;
        es_rng_shuffle(rng, perm, N);
        return;
    }
    for (int i = 0; i < N; i++)
        for (int k = info->succ_start[i]; k < info->succ_start[i + 1]; k++)
            indeg[info->succ[k]]++;
    for (int w = 0; w < N; w++) {
        int cand[N], nc = 0;
        for (int i = 0; i < N; i++)
            if (!placed[i] && indeg[i] == 0)
                cand[nc++] = i;
        int v = cand[es_rng_below(rng, (uint32_t)nc)];
        placed[v] = 1;
        perm[w] = v;
        for (int k = info->succ_start[v]; k < info->succ_start[v + 1]; k++)
            indeg[info->succ[k]]--;
    }
}

static void *scratch_for(const es_operator *op, const es_genome_info *info)
{
    size_t n = op->scratch_size ? op->scratch_size(info) : 0;
    return calloc(1, n + 64);
}

static void check_crossovers(int with_precedence)
{
    es_rng rng;
    es_rng_seed(&rng, 11, (uint64_t)with_precedence);
    make_dag(&rng);
    es_genome_info info = {ES_GENOME_PERMUTATION, N, with_precedence ? succ_start : NULL,
                           with_precedence ? succ : NULL};
    es_genome a, b, c;
    es_genome_alloc(&info, &a);
    es_genome_alloc(&info, &b);
    es_genome_alloc(&info, &c);
    int tested = 0;
    for (int i = 0; i < es_builtin_operator_count; i++) {
        const es_operator *op = es_builtin_operators[i];
        unsigned need = with_precedence ? ES_OPF_PRECEDENCE : ES_OPF_PERMUTATION;
        if (!(op->flags & need) || (op->kind != ES_OP_CROSSOVER && op->kind != ES_OP_MUTATION))
            continue;
        void *scratch = scratch_for(op, &info);
        for (int trial = 0; trial < 300; trial++) {
            random_topological(&info, a.perm, &rng);
            random_topological(&info, b.perm, &rng);
            if (op->kind == ES_OP_CROSSOVER) {
                cr_assert_eq(op->crossover(&info, &a, &b, &c, scratch, &rng), ES_OK);
                cr_assert_eq(es_genome_validate(&info, &c), ES_OK, "%s gave an invalid child (precedence %d)",
                             op->name, with_precedence);
                cr_assert_eq(op->crossover(&info, &a, &a, &c, scratch, &rng), ES_OK);
                cr_assert(es_genome_equal(&info, &a, &c), "%s: child of identical parents differs", op->name);
            } else {
                es_genome_copy(&info, &c, &a);
                cr_assert_eq(op->mutate(&info, &c, trial % 2 ? 1.0 : 0.0, scratch, &rng), ES_OK);
                cr_assert_eq(es_genome_validate(&info, &c), ES_OK, "%s broke the genome", op->name);
            }
        }
        free(scratch);
        tested++;
    }
    cr_assert_geq(tested, with_precedence ? 3 : 5, "only %d operators tested", tested);
    es_genome_free(&a);
    es_genome_free(&b);
    es_genome_free(&c);
}

Test(operators, permutation_operators_give_permutations) { check_crossovers(0); }
Test(operators, precedence_operators_keep_activity_lists_feasible) { check_crossovers(1); }

Test(operators, validator_catches_precedence_violation)
{
    int ss[4] = {0, 1, 1, 1}, s[1] = {2}; /* 0 before 2 */
    es_genome_info info = {ES_GENOME_PERMUTATION, 3, ss, s};
    int bad[3] = {2, 1, 0}, good[3] = {0, 2, 1}, dup[3] = {0, 0, 1};
    es_genome g = {bad, NULL};
    cr_assert_eq(es_genome_validate(&info, &g), ES_EINFEASIBLE);
    g.perm = good;
    cr_assert_eq(es_genome_validate(&info, &g), ES_OK);
    g.perm = dup;
    cr_assert_eq(es_genome_validate(&info, &g), ES_EINFEASIBLE);
}

/* The shared order-building walk: every pick is offered exactly the items
 * whose predecessors are all placed, and the result respects every
 * precedence, whatever the pick chooses. */
typedef struct walk_check {
    const es_genome_info *info;
    const int *out;
    es_rng *rng;
} walk_check;

static int checked_pick(void *user, const int *eligible, int count, int pos)
{
    walk_check *w = user;
    int placed[N] = {0}, free_items = 0, offered[N] = {0};
    for (int k = 0; k < pos; k++)
        placed[w->out[k]] = 1;
    for (int e = 0; e < count; e++) {
        cr_assert(!placed[eligible[e]] && !offered[eligible[e]], "item %d offered twice or again", eligible[e]);
        offered[eligible[e]] = 1;
    }
    for (int v = 0; v < N; v++) {
        int ready = !placed[v];
        for (int i = 0; i < N && ready; i++)
            for (int k = w->info->succ_start[i]; k < w->info->succ_start[i + 1]; k++)
                if (w->info->succ[k] == v && !placed[i])
                    ready = 0;
        free_items += ready;
        cr_assert_eq(offered[v], ready, "position %d: item %d %s", pos, v, ready ? "not offered" : "offered early");
    }
    cr_assert_eq(count, free_items);
    return (int)es_rng_below(w->rng, (uint32_t)count);
}

Test(operators, build_order_offers_exactly_the_free_items)
{
    es_rng rng;
    es_rng_seed(&rng, 77, 1);
    for (int trial = 0; trial < 10; trial++) {
        make_dag(&rng);
        es_genome_info info = {ES_GENOME_PERMUTATION, N, succ_start, succ};
        int out[N], work[2 * N];
        walk_check w = {&info, out, &rng};
        es_genome_build_order(&info, checked_pick, &w, out, work);
        es_genome g = {out, NULL};
        cr_assert_eq(es_genome_validate(&info, &g), ES_OK, "trial %d: not a topological order", trial);
    }
}

/* Priority rules of two problems rely on this order, ties included: the
 * same instance must give the same rule sequence on every libc. */
Test(operators, sort_by_keys_breaks_ties_by_item)
{
    const double keys[6] = {0.5, 0.2, 0.5, 0.2, 0.9, -1.0};
    int items[5] = {4, 2, 3, 0, 1};
    es_sort_by_keys(items, 5, keys);
    const int want[5] = {1, 3, 0, 2, 4};
    for (int i = 0; i < 5; i++)
        cr_assert_eq(items[i], want[i], "position %d: %d, want %d", i, items[i], want[i]);
    /* a subset, with an item whose key sorts first; and nothing to sort */
    int some[3] = {2, 5, 0};
    es_sort_by_keys(some, 3, keys);
    cr_assert(some[0] == 5 && some[1] == 0 && some[2] == 2);
    int one[1] = {3};
    es_sort_by_keys(one, 1, keys);
    es_sort_by_keys(NULL, 0, keys);
    cr_assert_eq(one[0], 3);
}

Test(operators, random_key_operators)
{
    es_genome_info info = {ES_GENOME_RANDOM_KEYS, N, NULL, NULL};
    es_genome a, b, c;
    es_genome_alloc(&info, &a);
    es_genome_alloc(&info, &b);
    es_genome_alloc(&info, &c);
    es_rng rng;
    es_rng_seed(&rng, 5, 5);
    const es_operator *cx = NULL, *mut = NULL;
    for (int i = 0; i < es_builtin_operator_count; i++) {
        const es_operator *op = es_builtin_operators[i];
        if (op->flags & ES_OPF_RANDOM_KEYS && op->kind == ES_OP_CROSSOVER)
            cx = op;
        if (op->flags & ES_OPF_RANDOM_KEYS && op->kind == ES_OP_MUTATION)
            mut = op;
    }
    cr_assert(cx && mut);
    for (int i = 0; i < N; i++) {
        a.keys[i] = es_rng_uniform(&rng);
        b.keys[i] = es_rng_uniform(&rng);
    }
    cx->crossover(&info, &a, &b, &c, NULL, &rng);
    for (int i = 0; i < N; i++)
        cr_assert(c.keys[i] == a.keys[i] || c.keys[i] == b.keys[i]);
    mut->mutate(&info, &c, 1.0, NULL, &rng);
    cr_assert_eq(es_genome_validate(&info, &c), ES_OK);
    cx->crossover(&info, &a, &a, &c, NULL, &rng);
    cr_assert(es_genome_equal(&info, &a, &c));
    es_genome_free(&a);
    es_genome_free(&b);
    es_genome_free(&c);
}

Test(operators, tournament_prefers_lower_cost)
{
    double costs[10] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    const es_operator *sel = es_builtin_operators[0];
    cr_assert_eq(sel->kind, ES_OP_SELECTION);
    es_rng rng;
    es_rng_seed(&rng, 1, 1);
    int wins_best_half = 0;
    for (int t = 0; t < 2000; t++) {
        int idx;
        sel->select(costs, 10, 2, &rng, &idx);
        wins_best_half += idx >= 5;
    }
    /* With k=2 the better half wins 75% of tournaments in expectation. */
    cr_assert(wins_best_half > 1400 && wins_best_half < 1600, "%d", wins_best_half);
}
