/* The engine's parent selection and replacement: distinct parents,
 * niching, ties newer first, incest prevention and the late tournament. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solver/engine_internal.h"
#include "solver/niche.h"
#include "engine_fixture.h"

TestSuite(engine, .init = engine_setup, .fini = engine_teardown);

/* A problem crossover that only watches which parents the engine pairs. */
static long long pairs, self_pairs;
static int spy_crossover(const es_instance *in, const es_genome *a, const es_genome *b, es_genome *child,
                         void *scratch, es_rng *rng)
{
    (void)scratch;
    (void)rng;
    es_genome_info info;
    prob->genome_info(in, &info);
    pairs++;
    self_pairs += a == b;
    es_genome_copy(&info, child, b);
    return ES_OK;
}

/* The problem wrapped with a spy as its crossover, and a configuration that
 * crosses every child with it, on one thread: spies count without atomics. */
static void with_spy(int (*spy)(const es_instance *, const es_genome *, const es_genome *, es_genome *, void *,
                                es_rng *),
                     es_config *cfg)
{
    wrapped = *prob;
    wrapped.crossover_name = "spy";
    wrapped.crossover = spy;
    es_config_init(cfg);
    cfg->crossover = "spy";
    cfg->crossover_rate = 1;
    cfg->threads = 1;
}

static void count_pairs(int distinct, int population)
{
    es_config cfg;
    with_spy(spy_crossover, &cfg);
    cfg.population = population;
    cfg.max_generations = 200;
    cfg.distinct_parents = distinct;
    pairs = self_pairs = 0;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
}

Test(engine, distinct_parents_never_pairs_a_member_with_itself)
{
    /* With 3 members, a tournament of 2 draws the same one about a third
     * of the time: the spy must see it without the setting... */
    count_pairs(0, 3);
    cr_assert_gt(pairs, 500);
    cr_assert_gt(self_pairs, pairs / 10, "%lld of %lld", self_pairs, pairs);
    /* ...and never with it, even where the retries would run out (2). */
    count_pairs(1, 3);
    cr_assert_gt(pairs, 500);
    cr_assert_eq(self_pairs, 0);
    count_pairs(1, 2);
    cr_assert_gt(pairs, 300);
    cr_assert_eq(self_pairs, 0);
}

/* Niching finds a member at least as good that shares the threshold's share
 * of a child's features. The comparison is exact: below the threshold a
 * child is never a near copy. Which members get compared is up to the
 * hashing, so at or above it a child is found with high probability (0.95
 * at exactly three quarters, more above), and always when it is an exact
 * copy. 10 members of 100 random features; children are member 3 with k
 * features, at random places, changed to values no member holds. */
static void child_of(es_niche *n, int row, int member, int changed, es_rng *rng)
{
    int *c = es_niche_row(n, row);
    for (int j = 0; j < 100; j++)
        c[j] = es_niche_row(n, member)[j];
    for (int k = 0; k < changed;) {
        int j = (int)es_rng_below(rng, 100);
        if (c[j] < 1000)
            c[j] = 1000 + k++;
    }
}

Test(engine, niche_finds_near_copies_of_members_at_least_as_good)
{
    es_niche *n;
    es_rng rng;
    es_rng_seed(&rng, 9, 1);
    cr_assert_eq(es_niche_create(16, 100, 1.5, 1, &n), ES_EINVAL);
    cr_assert_eq(es_niche_create(16, 100, 0.75, 1, &n), ES_OK);
    for (int m = 0; m < 10; m++)
        for (int j = 0; j < 100; j++)
            es_niche_row(n, m)[j] = (int)es_rng_below(&rng, 1000);
    cr_assert_eq(es_niche_set_count(n, 100), ES_OK);
    cr_assert_eq(es_niche_set_count(n, 99), ES_EINTERNAL, "the count is fixed once set");
    double cost[10];
    for (int m = 0; m < 10; m++)
        cost[m] = 10 + m; /* member 3 costs 13 */
    es_niche_index(n, 10, cost);
    int found = 0, tries = 0;
    for (int trial = 0; trial < 40; trial++)
        for (int changed = 0; changed <= 40; changed++) {
            child_of(n, 10, 3, changed, &rng);
            int twin = -1;
            int crowded = es_niche_crowded(n, 10, 13, &twin);
            if (crowded)
                cr_assert_eq(twin, 3, "the member it is a near copy of");
            cr_assert_eq(es_niche_crowded(n, 10, 12.5, NULL), 0, "member 3 is worse than a child of cost 12.5");
            cr_assert_eq(es_niche_crowded(n, 10, 20, NULL), crowded, "a worse child is judged alike");
            if (changed == 0)
                cr_assert_eq(crowded, 1, "an exact copy");
            else if (changed > 25) /* fewer than three quarters agree */
                cr_assert_eq(crowded, 0, "%d of 100 changed", changed);
            else {
                found += crowded;
                tries++;
            }
        }
    cr_assert_geq(found, tries * 95 / 100, "found %d near copies of %d", found, tries);
    /* members out of order (a restart leaves them so): a lookup must not
     * stop at a worse member before it reaches the better one. Member 0
     * becomes a copy of member 3, so both share every band, and is worse. */
    for (int j = 0; j < 100; j++)
        es_niche_row(n, 0)[j] = es_niche_row(n, 3)[j];
    for (int m = 0; m < 10; m++)
        cost[m] = 30 - m; /* member 0 costs 30, member 3 27, members 4-9 are better */
    es_niche_index(n, 10, cost);
    child_of(n, 10, 3, 0, &rng);
    int twin = -1;
    cr_assert_eq(es_niche_crowded(n, 10, 27, &twin), 1);
    cr_assert_eq(twin, 3, "member 0 is a copy too, but worse than the child");
    cr_assert_eq(es_niche_crowded(n, 10, 26, NULL), 0);
    es_niche_destroy(n);
}

/* A hook that breaks its promise: as many features for every genome. */
static int uneven_features(const es_instance *in, const es_genome *g, int *out)
{
    int k = perm_features(in, g, out);
    return g->perm[0] % 2 ? k : k - 1;
}

/* es_solver_create refuses cfg on problem p, creating nothing, and says
 * why (when why is not NULL). */
static void expect_refused(const es_problem *p, const es_config *cfg, const char *why)
{
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, p, inst, cfg, &s, &err), ES_EINVAL);
    cr_assert_null(s);
    if (why)
        cr_assert(strstr(err.message, why), "%s", err.message);
}

/* A run of cfg whose hook gives uneven counts fails with a reason. */
static void expect_uneven_features_fail(const es_config *cfg)
{
    wrapped.features = uneven_features;
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, &wrapped, inst, cfg, &s, &err), ES_OK, "%s", err.message);
    es_result r;
    cr_assert_eq(es_solver_run(s, &r, &err), ES_EINTERNAL);
    cr_assert(strstr(err.message, "different counts for different genomes"), "%s", err.message);
    es_solver_destroy(s);
}

/* The engine with niching: tardiness has no features hook, so a wrapped
 * copy lends it its permutation; a run reports near copies and gives the
 * same result on 1 and 2 threads, and one without the hook is refused. */
Test(engine, niche_keeps_near_copies_last_and_is_deterministic)
{
    wrapped = *prob;
    wrapped.features = perm_features;
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = 20000;
    cfg.niche = 0.5;
    es_result one, two;
    cfg.threads = 1;
    cr_assert_eq(run_on(&wrapped, &cfg, &one, NULL), ES_OK);
    cfg.threads = 2;
    cr_assert_eq(run_on(&wrapped, &cfg, &two, NULL), ES_OK);
    cr_assert_gt(one.crowded, 0);
    cr_assert_eq(one.crowded, two.crowded);
    cr_assert_eq(one.best_value, two.best_value);
    cr_assert_eq(one.evaluations_to_best, two.evaluations_to_best);
    cfg.niche = 0;
    cr_assert_eq(run_on(&wrapped, &cfg, &one, NULL), ES_OK);
    cr_assert_eq(one.crowded, 0);
    cfg.niche = 0.5;
    expect_refused(prob, &cfg, "no features for niching");
    cfg.niche = 1.5;
    expect_refused(&wrapped, &cfg, NULL);
    cfg.niche = 0.5;
    expect_uneven_features_fail(&cfg);
}

/* newer_first, on a population built by hand: four members of costs 1-4
 * (generation 0) and three children (generation 1) of the wrapped
 * tardiness problem, whose features are its permutation. */
enum { TIE_P = 4, TIE_L = 3, TIE_N = TIE_P + TIE_L };

static void tie_solver(es_solver *s, int newer_first, int with_niche)
{
    memset(s, 0, sizeof *s);
    wrapped = *prob;
    wrapped.features = perm_features;
    s->problem = &wrapped;
    s->inst = inst;
    prob->genome_info(inst, &s->info);
    s->cfg.newer_first = newer_first;
    s->threads = 1;
    s->P = TIE_P;
    s->L = TIE_L;
    s->all = calloc(TIE_N, sizeof *s->all);
    s->order = calloc(TIE_N, sizeof *s->order);
    s->tmp = calloc(TIE_N, sizeof *s->tmp);
    s->status = calloc(TIE_N, sizeof *s->status);
    s->costs = calloc(TIE_N, sizeof *s->costs);
    s->improve_evals = calloc(TIE_N, sizeof *s->improve_evals);
    cr_assert(s->all && s->order && s->tmp && s->status && s->costs && s->improve_evals);
    es_rng rng;
    es_rng_seed(&rng, 3, 4);
    for (int i = 0; i < TIE_N; i++) {
        cr_assert_eq(es_genome_alloc(&s->info, &s->all[i].g), ES_OK);
        for (int j = 0; j < s->info.length; j++)
            s->all[i].g.perm[j] = j;
        es_rng_shuffle(&rng, s->all[i].g.perm, s->info.length);
        s->all[i].cost = s->all[i].value = i < TIE_P ? 1 + i : 9;
        s->all[i].hash = (uint64_t)(100 + i); /* members before children on a tie by hash */
        s->all[i].born = i < TIE_P ? 0 : 1;
    }
    if (with_niche)
        cr_assert_eq(es_niche_create(TIE_N, s->info.length, 0.75, 1, &s->niche), ES_OK);
}

/* child c becomes member m with positions 0 and k swapped: a near copy */
static void tie_near_copy(es_solver *s, int c, int m, int k, double cost)
{
    individual *v = &s->all[TIE_P + c];
    es_genome_copy(&s->info, &v->g, &s->all[m].g);
    int t = v->g.perm[0];
    v->g.perm[0] = v->g.perm[k];
    v->g.perm[k] = t;
    v->cost = v->value = cost;
}

/* Whether the population holds genome g */
static int tie_holds(const es_solver *s, const es_genome *g)
{
    for (int i = 0; i < s->P; i++)
        if (es_genome_equal(&s->info, &s->all[i].g, g))
            return 1;
    return 0;
}

static void tie_free(es_solver *s)
{
    for (int i = 0; i < TIE_N; i++)
        es_genome_free(&s->all[i].g);
    es_niche_destroy(s->niche);
    free(s->all);
    free(s->order);
    free(s->tmp);
    free(s->status);
    free(s->costs);
    free(s->improve_evals);
}

/* The replacement keeps the children of a tie with the members, newer
 * first; hashed ties here put the members first. Duplicates still go. */
Test(engine, newer_first_keeps_children_on_equal_costs)
{
    for (int newer = 0; newer <= 1; newer++) {
        es_solver s;
        tie_solver(&s, newer, 0);
        s.all[2].cost = 2; /* members cost 1, 2, 2, 4 */
        s.all[TIE_P].cost = s.all[TIE_P + 1].cost = 2;
        es_genome_copy(&s.info, &s.all[TIE_P + 2].g, &s.all[1].g); /* child 2: member 1 again */
        s.all[TIE_P + 2].cost = 2;
        s.all[TIE_P + 2].hash = s.all[1].hash;
        es_genome c0, c1, m1, m2;
        cr_assert_eq(es_genome_alloc(&s.info, &c0), ES_OK);
        cr_assert_eq(es_genome_alloc(&s.info, &c1), ES_OK);
        cr_assert_eq(es_genome_alloc(&s.info, &m1), ES_OK);
        cr_assert_eq(es_genome_alloc(&s.info, &m2), ES_OK);
        es_genome_copy(&s.info, &c0, &s.all[TIE_P].g);
        es_genome_copy(&s.info, &c1, &s.all[TIE_P + 1].g);
        es_genome_copy(&s.info, &m1, &s.all[1].g);
        es_genome_copy(&s.info, &m2, &s.all[2].g);
        es_engine_replace(&s, TIE_L);
        cr_assert_eq(s.all[0].cost, 1);
        for (int i = 1; i < TIE_P; i++)
            cr_assert_eq(s.all[i].cost, 2, "the member of cost 4 goes either way");
        cr_assert_eq(tie_holds(&s, &c0) + tie_holds(&s, &c1), newer ? 2 : 1);
        cr_assert_eq(tie_holds(&s, &m1) + tie_holds(&s, &m2), newer ? 1 : 2);
        int copies = 0;
        for (int i = 0; i < TIE_P; i++)
            copies += es_genome_equal(&s.info, &s.all[i].g, &m1);
        cr_assert_leq(copies, 1, "a genome is kept once");
        if (newer)
            cr_assert_eq(s.all[1].born, 1, "newer first among the costs of 2");
        es_genome_free(&c0);
        es_genome_free(&c1);
        es_genome_free(&m1);
        es_genome_free(&m2);
        tie_free(&s);
    }
}

/* With the niche: a near copy of a member of its own cost takes that
 * member's place (once per member), a near copy of a better member is
 * still kept last, and a child better than its near copy is no near copy. */
Test(engine, newer_first_lets_a_near_copy_take_its_equals_place)
{
    for (int newer = 0; newer <= 1; newer++) {
        es_solver s;
        tie_solver(&s, newer, 1);
        tie_near_copy(&s, 0, 1, 5, 2);   /* member 1's cost */
        tie_near_copy(&s, 1, 2, 7, 2.5); /* better than member 2 */
        tie_near_copy(&s, 2, 1, 9, 2);   /* member 1's cost again */
        es_genome c0, m1;
        cr_assert_eq(es_genome_alloc(&s.info, &c0), ES_OK);
        cr_assert_eq(es_genome_alloc(&s.info, &m1), ES_OK);
        es_genome_copy(&s.info, &c0, &s.all[TIE_P].g);
        es_genome_copy(&s.info, &m1, &s.all[1].g);
        cr_assert_eq(es_engine_crowd(&s, TIE_L), ES_OK);
        cr_assert_eq(s.res.crowded, 2, "children 0 and 2 are near copies of member 1");
        cr_assert_eq(s.all[TIE_P].crowded, !newer);
        cr_assert_eq(s.all[1].crowded, newer);
        cr_assert_eq(s.all[TIE_P + 1].crowded, 0);
        cr_assert_eq(s.all[TIE_P + 2].crowded, 1, "member 1's place is taken");
        es_engine_replace(&s, TIE_L);
        cr_assert_eq(tie_holds(&s, &c0), newer);
        cr_assert_eq(tie_holds(&s, &m1), !newer);
        cr_assert_eq(s.all[TIE_P - 1].cost, 3, "member 2 stays, member 3 goes");
        es_genome_free(&c0);
        es_genome_free(&m1);
        tie_free(&s);
    }
}

/* Incest prevention: a spy counts the pairs whose parents agree on half
 * their positions or more (a copy of the first parent is the child, which
 * the engine then mutates). Without --incest 8% of the pairs are that
 * alike; with 0.5, such a second parent is drawn again, so they become
 * rare. The redraws come from each child's own stream: the same run on 1
 * and 2 threads. */
static long long alike_pairs;
static int alike_spy(const es_instance *in, const es_genome *a, const es_genome *b, es_genome *child, void *scratch,
                     es_rng *rng)
{
    (void)scratch;
    (void)rng;
    es_genome_info info;
    prob->genome_info(in, &info);
    int same = 0;
    for (int i = 0; i < info.length; i++)
        same += a->perm[i] == b->perm[i];
    pairs++;
    alike_pairs += 2 * same >= info.length;
    es_genome_copy(&info, child, a);
    return ES_OK;
}

static double alike_share(es_config *cfg)
{
    pairs = alike_pairs = 0;
    es_result r;
    cr_assert_eq(run_on(&wrapped, cfg, &r, NULL), ES_OK);
    cr_assert_gt(pairs, 1000);
    return (double)alike_pairs / (double)pairs;
}

Test(engine, incest_prevention_mates_parents_less_alike)
{
    es_config cfg;
    with_spy(alike_spy, &cfg);
    wrapped.features = perm_features;
    cfg.max_evaluations = 20000;
    cfg.distinct_parents = 1;
    double free_mating = alike_share(&cfg);
    cfg.incest = 0.5;
    double prevented = alike_share(&cfg);
    cr_assert_gt(free_mating, 0.05, "without incest prevention, alike pairs mate: %.3f", free_mating);
    cr_assert_lt(prevented, free_mating / 4, "alike pairs %.3f with --incest 0.5 against %.3f without", prevented,
                 free_mating);
    cfg.crossover = NULL; /* the spy counts without atomics: the engine's own crossover on 2 threads */
    es_result one, two;
    cr_assert_eq(run_on(&wrapped, &cfg, &one, NULL), ES_OK);
    cfg.threads = 2;
    cr_assert_eq(run_on(&wrapped, &cfg, &two, NULL), ES_OK);
    cr_assert_eq(one.best_value, two.best_value);
    cr_assert_eq(one.evaluations_to_best, two.evaluations_to_best);
    expect_refused(prob, &cfg, "no features for incest prevention");
    cfg.incest = 1.5;
    expect_refused(&wrapped, &cfg, "incest threshold must lie in [0, 1]");
    cfg.incest = 0.5; /* without the niche */
    expect_uneven_features_fail(&cfg);
}

/* The late tournament. A spy crossover records the cost of each pair of
 * parents: a run with tournaments of 8 past half its budget pairs exactly
 * the parents of the plain run until then, and better ones after; from the
 * start it is the run with tournaments of 8, never reached the plain run. */
enum { MAX_CALLS = 20000 };
static double parent_cost[MAX_CALLS];
static int calls;
static void *spy_scratch;
static int cost_spy(const es_instance *in, const es_genome *a, const es_genome *b, es_genome *child, void *scratch,
                    es_rng *rng)
{
    (void)scratch;
    (void)rng;
    double v;
    prob->evaluate(in, a, spy_scratch, &v);
    if (calls < MAX_CALLS)
        parent_cost[calls++] = v;
    es_genome_info info;
    prob->genome_info(in, &info);
    es_genome_copy(&info, child, b);
    return ES_OK;
}

/* The parents' costs of one run, into costs (room for MAX_CALLS); returns
 * how many. */
static int late_run(int tournament, int late, double from, double *costs)
{
    es_config cfg;
    with_spy(cost_spy, &cfg);
    cfg.seed = 77;
    cfg.max_evaluations = 6000;
    cfg.stagnation = 5; /* fresh populations all along, where pressure shows */
    cfg.tournament = tournament;
    cfg.late_tournament = late;
    cfg.late_from = from;
    spy_scratch = malloc(prob->scratch_size(inst) + 1);
    calls = 0;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    free(spy_scratch);
    memcpy(costs, parent_cost, (size_t)calls * sizeof *costs);
    return calls;
}

static double mean_of(const double *x, int from, int to)
{
    double m = 0;
    for (int i = from; i < to; i++)
        m += x[i] / (to - from);
    return m;
}

Test(engine, the_late_tournament_applies_past_its_share_of_the_budget)
{
    static double base[MAX_CALLS], late[MAX_CALLS], k8[MAX_CALLS], other[MAX_CALLS];
    int n = late_run(2, 0, 0.7, base);
    cr_assert_gt(n, 4000);
    cr_assert_lt(n, MAX_CALLS);
    cr_assert_eq(late_run(2, 8, 0.5, late), n, "the same budget, the same children");
    int same = 0;
    while (same < n && base[same] == late[same])
        same++;
    /* the generation that crosses half the budget is still the plain
     * run's; the next one is not */
    cr_assert(same >= n / 2 - 100 && same <= n / 2 + 100, "the runs part after %d of %d pairs", same, n);
    double plain = mean_of(base, n / 2 + 100, n), pressed = mean_of(late, n / 2 + 100, n);
    cr_assert_lt(pressed, plain, "first parents past half the budget: %g with 8, %g with 2", pressed, plain);
    /* late from 0: tournaments of 8 throughout; from 1: never; a late
     * tournament smaller than the tournament: ignored */
    cr_assert_eq(late_run(8, 0, 0.7, k8), n);
    cr_assert_eq(late_run(2, 8, 0.0, other), n);
    cr_assert_arr_eq(other, k8, (size_t)n * sizeof *k8);
    cr_assert_eq(late_run(2, 8, 1.0, other), n);
    cr_assert_arr_eq(other, base, (size_t)n * sizeof *base);
    cr_assert_eq(late_run(8, 3, 0.0, other), n);
    cr_assert_arr_eq(other, k8, (size_t)n * sizeof *k8);
}
