/* The engine on a real tardiness instance: determinism across thread counts,
 * budgets, target, interrupts, configuration errors. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include <evosched/text.h>
#include "solver/cpus.h"
#include "solver/engine_internal.h"
#include "solver/niche.h"

static es_registry *reg;
static const es_problem *prob;
static es_instance *inst;
static es_source src;

static void setup(void)
{
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    cr_assert_eq(es_registry_find_problem(reg, "tardiness", &prob, &err), ES_OK);
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/wt40.txt", &src, &err), ES_OK, "%s", err.message);
    src.selector = "5";
    cr_assert_eq(prob->load(&src, &inst, &err), ES_OK, "%s", err.message);
}

static void teardown(void)
{
    prob->destroy(inst);
    es_source_free(&src);
    es_registry_destroy(reg);
}

/* One run of problem p (the instance's own, or a wrapped copy); copy, if
 * given, receives the best genome (free it with es_genome_free). */
static int run_on(const es_problem *p, es_config *cfg, es_result *res, es_genome *copy)
{
    es_solver *s;
    es_error err = {0, ""};
    int st = es_solver_create(reg, p, inst, cfg, &s, &err);
    if (st != ES_OK)
        return st;
    st = es_solver_run(s, res, &err);
    if (copy) {
        es_genome_info info;
        prob->genome_info(inst, &info);
        es_genome_alloc(&info, copy);
        es_genome_copy(&info, copy, &res->best);
    }
    res->best.perm = NULL; /* owned by the solver, gone after destroy */
    es_solver_destroy(s);
    return st;
}

static int run(es_config *cfg, es_result *res, es_genome *copy)
{
    return run_on(prob, cfg, res, copy);
}

TestSuite(engine, .init = setup, .fini = teardown);

Test(engine, same_result_for_one_and_two_threads)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.seed = 1234;
    cfg.max_evaluations = 4000;
    cfg.improvement = "local";
    cfg.improve_rate = 0.2;
    cfg.stagnation = 5; /* exercise restarts too */
    cfg.late_tournament = 4; /* and a late tournament, from halfway */
    cfg.late_from = 0.5;
    es_result r1, r2;
    es_genome g1, g2;
    cfg.threads = 1;
    cr_assert_eq(run(&cfg, &r1, &g1), ES_OK);
    cfg.threads = 2;
    cr_assert_eq(run(&cfg, &r2, &g2), ES_OK);
    cr_assert_eq(r1.threads, 1);
    cr_assert_eq(r2.threads, 2);
    cr_assert_eq(r1.best_value, r2.best_value);
    cr_assert_eq(r1.evaluations, r2.evaluations);
    cr_assert_eq(r1.generations, r2.generations);
    cr_assert_eq(r1.restarts, r2.restarts);
    cr_assert_eq(r1.evaluations_to_best, r2.evaluations_to_best);
    cr_assert_arr_eq(g1.perm, g2.perm, 40 * sizeof(int));
    es_genome_free(&g1);
    es_genome_free(&g2);
}

/* A run with the default settings and a budget of evals; *g receives its
 * best genome (free it with es_genome_free). */
static void run_for(long long evals, es_result *r, es_genome *g)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = evals;
    cr_assert_eq(run(&cfg, r, g), ES_OK);
}

Test(engine, best_genome_has_the_reported_value)
{
    es_result r;
    es_genome g;
    run_for(2000, &r, &g);
    double v;
    void *scratch = malloc(prob->scratch_size(inst));
    prob->evaluate(inst, &g, scratch, &v);
    cr_assert_eq(v, r.best_value);
    es_genome_info info;
    prob->genome_info(inst, &info);
    cr_assert_eq(es_genome_validate(&info, &g), ES_OK);
    free(scratch);
    es_genome_free(&g);
}

Test(engine, evaluation_budget_is_exact_without_improvement)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = 1237; /* not a multiple of the population */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.evaluations, 1237);
    cr_assert_eq(r.stop, ES_STOP_EVALUATIONS);
}

Test(engine, evaluation_budget_is_exact_with_improvement)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = 777;
    cfg.improvement = "local";
    cfg.improve_rate = 1.0;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.evaluations, 777);
}

Test(engine, generation_budget)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_generations = 7;
    cfg.population = 10;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.generations, 7);
    cr_assert_eq(r.evaluations, 10 + 7 * 10);
    cr_assert_eq(r.stop, ES_STOP_GENERATIONS);
}

Test(engine, stops_at_target)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.has_target = 1;
    cfg.target = 1e12; /* any solution reaches it */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_TARGET);
    cr_assert_eq(r.generations, 0);
}

Test(engine, stop_flag_interrupts_with_a_solution)
{
    static volatile sig_atomic_t flag = 1;
    es_config cfg;
    es_config_init(&cfg);
    cfg.stop_flag = &flag;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_INTERRUPT);
    cr_assert_gt(r.evaluations, 0);
    cr_assert_gt(r.best_value, 0);
}

/* Hooks that misbehave on purpose, on a copy of the tardiness problem: the
 * run must end at its limit whatever they cost. */
static es_problem wrapped;
static volatile sig_atomic_t raised;

/* Settings for a run that `raised` may stop: a population of 40. */
static void stoppable(es_config *cfg)
{
    es_config_init(cfg);
    cfg->population = 40;
    cfg->stop_flag = &raised;
}
static int calls;

static int improve_until_told(const es_instance *in, es_genome *g, double *value, void *scratch, es_rng *rng,
                              long long *evaluations)
{
    long long one = 1;
    int st = prob->improve(in, g, value, scratch, rng, &one);
    while (!es_stop_requested())
        ; /* a local search that never ends by itself */
    *evaluations = 1;
    return st;
}

Test(engine, an_improve_hook_learns_that_the_time_is_up, .timeout = 30)
{
    wrapped = *prob;
    wrapped.improve = improve_until_told;
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_seconds = 0.3;
    cfg.improvement = "local";
    cfg.improve_rate = 1;
    cfg.threads = 2;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_TIME);
    cr_assert_gt(r.evaluations, 0);
    cr_assert_eq(es_stop_requested(), 0, "outside a hook the run's stop is nobody's business");
}

/* Raises the stop flag at the third call, as Ctrl-C would in the middle of
 * a batch (counted atomically: batches run on several threads). */
static int evaluate_then_interrupt(const es_instance *in, const es_genome *g, void *scratch, double *value)
{
    int n;
#pragma omp atomic capture
    n = ++calls;
    if (n == 3)
        raised = 1;
    return prob->evaluate(in, g, scratch, value);
}

/* A run of `wrapped` (every evaluation through evaluate_then_interrupt, no
 * rules) that stops when the flag rises; *best receives the best genome. */
static void run_until_interrupted(es_config *cfg, int threads, es_result *r, es_genome *best)
{
    wrapped.evaluate = evaluate_then_interrupt;
    wrapped.evaluate_cutoff = NULL;
    wrapped.heuristic = NULL; /* every evaluation is the batch's */
    raised = 0;
    cfg->population = 40;
    cfg->threads = threads;
    cfg->stop_flag = &raised;
    cr_assert_eq(run_on(&wrapped, cfg, r, best), ES_OK);
    cr_assert_eq(r->stop, ES_STOP_INTERRUPT);
}

/* best is one of the evaluated: it evaluates to the run's best value */
static void assert_best_is_evaluated(es_genome *best, double value)
{
    void *scratch = malloc(prob->scratch_size(inst));
    double v;
    cr_assert_eq(prob->evaluate(inst, best, scratch, &v), ES_OK);
    cr_assert_eq(v, value, "the best is not one of those evaluated");
    free(scratch);
    es_genome_free(best);
}

Test(engine, an_interrupt_ends_a_batch_of_evaluations)
{
    wrapped = *prob;
    calls = 0;
    es_config cfg;
    es_config_init(&cfg);
    es_result r;
    es_genome best;
    run_until_interrupted(&cfg, 1, &r, &best);
    cr_assert_eq(calls, 3, "the 37 members after the interrupt are not evaluated");
    cr_assert_eq(r.evaluations, 3);
    assert_best_is_evaluated(&best, r.best_value);
}

/* Interrupted before its first evaluation, with no heuristic to fall back
 * on, a run still ends with a solution: one member is evaluated for it, and
 * the value reported is that member's. */
Test(engine, a_run_stopped_before_any_evaluation_still_returns_a_solution)
{
    wrapped = *prob;
    wrapped.heuristic = NULL;
    wrapped.evaluate_cutoff = NULL;
    raised = 1;
    es_config cfg;
    stoppable(&cfg);
    cfg.threads = 2;
    es_result r;
    es_genome best;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, &best), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_INTERRUPT);
    cr_assert_eq(r.evaluations, 1, "%lld evaluations after an interrupt before the first", r.evaluations);
    cr_assert_eq(r.generations, 0);
    assert_best_is_evaluated(&best, r.best_value);
}

static int improve_then_interrupt(const es_instance *in, es_genome *g, double *value, void *scratch, es_rng *rng,
                                  long long *evaluations)
{
    raised = 1; /* the first improvement is the last */
    (void)rng;
    *evaluations = 1;
    return prob->evaluate(in, g, scratch, value);
}

Test(engine, an_interrupt_keeps_the_heuristics_it_did_not_improve)
{
    wrapped = *prob;
    wrapped.improve = improve_then_interrupt;
    raised = 0;
    es_config cfg;
    stoppable(&cfg);
    cfg.threads = 1;
    cfg.improvement = "local";
    cfg.improve_rate = 1;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_INTERRUPT);
    /* Member 0 (EDD) was the only one improved; the best rule is another. */
    cr_assert_str_neq(r.initial_rule, "EDD");
    cr_assert_leq(r.best_value, r.initial_rule_value, "the run lost its best heuristic: %g > %g (%s)",
                  r.best_value, r.initial_rule_value, r.initial_rule);
}

Test(engine, a_population_too_large_for_memory_is_refused_up_front)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 7000000;
    cfg.offspring = 7000000; /* 14 million genomes of 40 jobs: 2.24 GB */
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_ELIMIT);
    cr_assert_null(s);
    cr_assert(strstr(err.message, "2.2 GB of genomes, more than 2 GB; at most 12500000 individuals"), "%s",
              err.message);
}

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

/* The engine with niching: tardiness has no features hook, so a wrapped
 * copy lends it its permutation; a run reports near copies and gives the
 * same result on 1 and 2 threads, and one without the hook is refused. */
static int perm_features(const es_instance *in, const es_genome *g, int *out)
{
    es_genome_info info;
    prob->genome_info(in, &info);
    for (int i = 0; i < info.length; i++)
        out[i] = g->perm[i];
    return info.length;
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

/* Past a stop the run ends: a generation's children are already in the
 * best, so ranking them into the population (the niche's looks, the
 * replacement, a restart) would be work nobody reads. With 100,000 members
 * on j120 that work made --time 2 take 3.0 s. Here Ctrl-C comes in the
 * middle of the first generation's children; the niche is not consulted
 * again, and the best is one of the evaluated. */
static int features_after_stop;
static int counted_features(const es_instance *in, const es_genome *g, int *out)
{
    if (raised) {
#pragma omp atomic
        features_after_stop++;
    }
    return perm_features(in, g, out);
}

Test(engine, a_stop_in_a_generation_ranks_nothing_more)
{
    for (int threads = 1; threads <= 2; threads++) {
        wrapped = *prob;
        wrapped.features = counted_features;
        calls = -45; /* the flag rises at the 48th evaluation: 40 members, then 8 children */
        features_after_stop = 0;
        es_config cfg;
        es_config_init(&cfg);
        cfg.offspring = 40;
        cfg.niche = 0.5;
        es_result r;
        es_genome best;
        run_until_interrupted(&cfg, threads, &r, &best);
        cr_assert_eq(r.generations, 1);
        cr_assert_eq(r.crowded, 0);
        cr_assert_eq(features_after_stop, 0, "%d looks at features after the stop (%d threads)",
                     features_after_stop, threads);
        assert_best_is_evaluated(&best, r.best_value);
    }
}

/* Genomes to start from (solve --start) are members of the first
 * population, evaluated even when the run is stopped before it begins: the
 * result is never worse than the best of them. An invalid one is refused. */
Test(engine, a_run_never_ends_worse_than_its_initial_genomes)
{
    es_result found;
    es_genome good;
    run_for(4000, &found, &good);
    static volatile sig_atomic_t stop = 1;
    es_config cfg;
    es_config_init(&cfg);
    cfg.stop_flag = &stop;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_gt(r.best_value, found.best_value, "the rules alone must be worse, or this proves nothing");
    es_genome seeds[2];
    es_genome_info info;
    prob->genome_info(inst, &info);
    es_genome_alloc(&info, &seeds[0]);
    for (int i = 0; i < info.length; i++)
        seeds[0].perm[i] = info.length - 1 - i;
    seeds[1] = good;
    cfg.initial = seeds;
    cfg.ninitial = 2;
    for (int evals = 0; evals <= 1; evals++) { /* stopped at once, or a budget of one evaluation */
        cfg.stop_flag = evals ? NULL : &stop;
        cfg.max_evaluations = evals;
        cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
        cr_assert_eq(r.best_value, found.best_value, "%g: the start %g was lost", r.best_value, found.best_value);
    }
    seeds[0].perm[0] = seeds[0].perm[1]; /* a job twice */
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "initial genome 1 is not a valid genome"), "%s", err.message);
    es_genome_free(&seeds[0]);
    es_genome_free(&good);
}

/* A polish for the tardiness problem: one unit off evaluate's total, and a
 * billion off for the genome it marks; fails for every genome when told. */
static const es_genome *polish_marked;
static int polish_fails, polish_calls;
static int polish_by_rule(const es_instance *in, const es_genome *g, void *scratch, double *value, es_error *err)
{
    polish_calls++;
    if (polish_fails)
        return es_fail(err, ES_EINTERNAL, "told to fail");
    es_genome_info info;
    prob->genome_info(in, &info);
    int st = prob->evaluate(in, g, scratch, value);
    int marked = polish_marked && !memcmp(g->perm, polish_marked->perm, (size_t)info.length * sizeof *g->perm);
    *value -= marked ? 1e9 : 1;
    return st;
}

/* The problem's polish runs once the search is over, on its best genome and
 * on each initial one: the result is the best polished value, with the
 * genome it came from, and search_value keeps the search's own best. */
Test(engine, the_polish_hook_ends_the_run_on_the_best_polished_genome)
{
    wrapped = *prob;
    wrapped.polish = polish_by_rule;
    es_config cfg;
    es_config_init(&cfg);
    cfg.seed = 3;
    cfg.max_evaluations = 600;
    es_result plain, r;
    es_genome best;
    cr_assert_eq(run(&cfg, &plain, NULL), ES_OK);
    polish_marked = NULL, polish_fails = 0, polish_calls = 0;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(polish_calls, 1);
    cr_assert_eq(r.search_value, plain.best_value, "polish must not change the search");
    cr_assert_eq(r.best_value, plain.best_value - 1);

    /* an initial genome far worse for the search, but the best once
     * polished: the run ends on it */
    es_genome_info info;
    prob->genome_info(inst, &info);
    es_genome start;
    es_genome_alloc(&info, &start);
    for (int i = 0; i < info.length; i++)
        start.perm[i] = info.length - 1 - i;
    void *scratch = malloc(prob->scratch_size(inst));
    double start_value;
    cr_assert_eq(prob->evaluate(inst, &start, scratch, &start_value), ES_OK);
    cr_assert_gt(start_value, plain.best_value, "the start must lose the search, or this proves nothing");
    cfg.initial = &start;
    cfg.ninitial = 1;
    polish_marked = &start, polish_calls = 0;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, &best), ES_OK);
    cr_assert_eq(polish_calls, 2, "the best and the one initial genome");
    cr_assert_lt(r.search_value, start_value);
    cr_assert_eq(r.best_value, start_value - 1e9);
    cr_assert_eq(memcmp(best.perm, start.perm, (size_t)info.length * sizeof *best.perm), 0,
                 "the reported genome is not the one polished to the reported value");
    es_genome_free(&best);

    /* a polish that fails leaves evaluate's value */
    polish_fails = 1;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.best_value, r.search_value);
    polish_fails = 0, polish_marked = NULL;
    es_genome_free(&start);
    free(scratch);
}

Test(engine, time_budget_stops_the_run)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_seconds = 0.2;
    cfg.has_target = 1;
    cfg.target = -1; /* unreachable */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_TIME);
}

Test(engine, rejects_bad_configuration)
{
    es_config cfg;
    es_config_init(&cfg);
    es_solver *s = NULL;
    es_error err = {0, ""};
    cfg.population = 1;
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    es_config_init(&cfg);
    cfg.crossover = "uniform"; /* random keys only */
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    /* the message names the operator and offers those that fit a
     * permutation, not the random-key ones */
    const char *takes = strstr(err.message, "takes: ");
    cr_assert(strstr(err.message, "'uniform'") && takes, "%s", err.message);
    cr_assert(strstr(takes, "adaptive") && strstr(takes, "ox") && strstr(takes, "pmx"), "%s", err.message);
    cr_assert(!strstr(takes, "uniform"), "%s", err.message);
    es_config_init(&cfg);
    cfg.mutation = "nosuch";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_ENOTFOUND);
    takes = strstr(err.message, "takes: ");
    cr_assert(strstr(err.message, "'nosuch'") && takes && strstr(takes, "swap"), "%s", err.message);
    cr_assert(!strstr(takes, "redraw"), "%s", err.message);
    /* migration: each setting is named with what it takes */
    es_config_init(&cfg);
    cfg.late_from = 1.5;
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "late tournament's start must lie in [0, 1] of the budget, got 1.5"), "%s",
              err.message);
    es_config_init(&cfg);
    cfg.migration_interval = 5;
    cfg.population = 4;
    cfg.migrants = 4; /* the best member never leaves, so at most 3 fit */
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "4 migrants do not fit a population of 4"), "%s", err.message);
    cfg.migrants = 3;
    cfg.immigrants = "oldest";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown immigrants 'oldest' (worst, random)"), "%s", err.message);
    cfg.immigrants = "random";
    cfg.emigrants = "worst";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown emigrants 'worst' (best, random)"), "%s", err.message);
    cr_assert_null(s);
    cfg.emigrants = "best";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
    es_solver_destroy(s);
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

/* A fake file system for es_cgroup_cpu_quota: root/PATH holds text. */
static void put(const char *root, const char *path, const char *text)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", root, path);
    for (char *p = full + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(full, 0755);
            *p = '/';
        }
    FILE *f = fopen(full, "w");
    cr_assert_not_null(f, "%s", full);
    fputs(text, f);
    fclose(f);
}

/* A fake file system for es_cgroup_cpu_quota: pairs of path and text, ended
 * by NULL; the quota read from it must be `cpus` (0: none). */
static void expect_quota(const char *const *files, double cpus, const char *what)
{
    char root[] = "/tmp/es-cgroup-XXXXXX";
    cr_assert_not_null(mkdtemp(root));
    for (int i = 0; files[i]; i += 2)
        put(root, files[i], files[i + 1]);
    double got = -1;
    cr_assert_eq(es_cgroup_cpu_quota(root, &got), cpus > 0, "%s", what);
    cr_assert_float_eq(got, cpus, 1e-12, "%s: %g CPUs", what, got);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    cr_assert_eq(system(cmd), 0);
}

Test(engine, the_default_threads_respect_a_cgroup_cpu_quota)
{
    /* cgroup v2: the parent's 1.5 CPUs bind the child whose own is unset;
     * a looser grandparent does not loosen it */
    const char *const v2[] = {"/proc/self/cgroup", "0::/a/b\n",
                              "/sys/fs/cgroup/cpu.max", "400000 100000\n",
                              "/sys/fs/cgroup/a/cpu.max", "150000 100000\n",
                              "/sys/fs/cgroup/a/b/cpu.max", "max 100000\n", NULL};
    expect_quota(v2, 1.5, "v2");
    /* v1 seen from a container without its own cgroup namespace: /proc
     * names the host's path, the container's group is the mount; the
     * memory and cpuacct-only lines are not the cpu controller */
    const char *const v1[] = {
        "/proc/self/cgroup", "6:cpuacct:/other\n5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n",
        "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "200000\n",
        "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n",
        "/sys/fs/cgroup/memory/cpu.cfs_quota_us", "10000\n",
        "/sys/fs/cgroup/cpu,cpuacct/other/cpu.cfs_quota_us", "10000\n",
        "/sys/fs/cgroup/cpu,cpuacct/other/cpu.cfs_period_us", "100000\n", NULL};
    expect_quota(v1, 2.0, "v1 without a namespace");
    const char *const v1_alone[] = {"/proc/self/cgroup", "1:cpu:/\n",
                                    "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "250000\n",
                                    "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n", NULL};
    expect_quota(v1_alone, 2.5, "v1, cpu mounted alone");
    /* no quota: v1's -1, v2's max, or no files at all */
    const char *const none[] = {"/proc/self/cgroup", "1:cpu:/\n0::/\n",
                                "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n",
                                "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n",
                                "/sys/fs/cgroup/unified/cpu.max", "max 100000\n", NULL};
    expect_quota(none, 0, "no quota");
    const char *const nothing[] = {NULL};
    expect_quota(nothing, 0, "no files");
    /* the cap: rounded up, never below one thread, never above the CPUs */
    cr_assert_eq(es_threads_for_quota(64, 1.5), 2);
    cr_assert_eq(es_threads_for_quota(64, 2.0), 2);
    cr_assert_eq(es_threads_for_quota(64, 0.2), 1);
    cr_assert_eq(es_threads_for_quota(2, 8.0), 2);
    cr_assert_eq(es_threads_for_quota(8, 0), 8);
}

/* Rules told to stop: the heuristic hook asks es_stop_requested() with the
 * flag raised during its call. The first rule is never told (a run always
 * has one); the later ones are, and the one that gives up ends the rules. */
static int rule_told[8], rule_calls;

static int heuristic_asks(const es_instance *in, int rule, es_genome *out, const char **name)
{
    rule_calls++;
    raised = 1;
    rule_told[rule] = es_stop_requested();
    raised = 0; /* only the hook sees the stop: the run goes on */
    if (rule == 3 && rule_told[rule])
        return ES_ENOTFOUND;
    return prob->heuristic(in, rule, out, name);
}

Test(engine, a_rule_after_the_first_learns_that_the_run_must_stop)
{
    wrapped = *prob;
    wrapped.heuristic = heuristic_asks;
    raised = 0;
    rule_calls = 0;
    memset(rule_told, 0, sizeof rule_told);
    es_config cfg;
    stoppable(&cfg);
    cfg.max_evaluations = 200;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(rule_told[0], 0, "the first rule was told to stop");
    cr_assert_eq(rule_told[1], 1);
    cr_assert_eq(rule_told[2], 1);
    cr_assert_eq(rule_calls, 4, "rules after the one that gave up: %d calls", rule_calls);
    cr_assert_eq(r.stop, ES_STOP_EVALUATIONS, "the run itself was not interrupted");
    cr_assert_eq(es_stop_requested(), 0);
}

/* A rule is not begun when the last one's time would take it past the
 * limit: rules of 0.3 s each under a limit of 0.5 s give one rule, where
 * the limit alone would let a second begin at 0.3 s and end at 0.6 s. */
static int slow_rule(const es_instance *in, int rule, es_genome *out, const char **name)
{
    rule_calls++;
    struct timespec nap = {0, 300 * 1000 * 1000};
    nanosleep(&nap, NULL);
    return prob->heuristic(in, rule, out, name);
}

Test(engine, a_rule_is_not_begun_when_the_last_ones_time_would_pass_the_limit)
{
    wrapped = *prob;
    wrapped.heuristic = slow_rule;
    rule_calls = 0;
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 40;
    cfg.max_seconds = 0.5;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(rule_calls, 1, "%d rules begun", rule_calls);
    cr_assert_eq(r.stop, ES_STOP_TIME);
    /* with room for them, every rule runs */
    rule_calls = 0;
    cfg.max_seconds = 100;
    cfg.max_evaluations = 200;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_gt(rule_calls, 1, "%d rules begun", rule_calls);
}

/* The rules' members keep the values their rules were evaluated to: a
 * member that is not improved is not evaluated again, yet counts as one
 * evaluation, so the budget buys what it did. */
static long long evaluate_calls;

static int evaluate_counted(const es_instance *in, const es_genome *g, void *scratch, double *value)
{
#pragma omp atomic
    evaluate_calls++;
    return prob->evaluate(in, g, scratch, value);
}

/* The wrapped problem with evaluate replaced (no early abort), the calls
 * counted from zero, and a configuration without local search. */
static void counting(int (*evaluate)(const es_instance *, const es_genome *, void *, double *), es_config *cfg)
{
    wrapped = *prob;
    wrapped.evaluate = evaluate;
    wrapped.evaluate_cutoff = NULL;
    evaluate_calls = 0;
    es_config_init(cfg);
    cfg->population = 40;
    cfg->improve_rate = 0;
}

Test(engine, members_from_the_rules_are_not_evaluated_twice)
{
    es_config cfg;
    counting(evaluate_counted, &cfg);
    cfg.max_evaluations = 500;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.evaluations, 500);
    cr_assert_eq(evaluate_calls, 500, "%lld calls for 500 evaluations", evaluate_calls);
    /* the same run as with the problem's own hook */
    es_result plain;
    double v = r.best_value;
    cr_assert_eq(run_on(prob, &cfg, &plain, NULL), ES_OK);
    cr_assert_eq(plain.best_value, v);
    cr_assert_eq(plain.evaluations, 500);
}

/* No evaluation is begun that would end past the time limit: with 0.3 s an
 * evaluation and a limit of 0.5 s, the first rule's is the only one (the
 * population then copies it), where the limit alone would let the first
 * batch begin one per thread at 0.3 s. */
static int evaluate_slowly(const es_instance *in, const es_genome *g, void *scratch, double *value)
{
    struct timespec nap = {0, 300 * 1000 * 1000};
    nanosleep(&nap, NULL);
    return evaluate_counted(in, g, scratch, value);
}

Test(engine, no_evaluation_is_begun_that_would_end_past_the_limit)
{
    es_config cfg;
    counting(evaluate_slowly, &cfg);
    cfg.threads = 2;
    cfg.max_seconds = 0.5;
    es_result r;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(evaluate_calls, 1, "%lld evaluations begun", evaluate_calls);
    cr_assert_eq(r.stop, ES_STOP_TIME);
    cr_assert(isfinite(r.best_value));
}

/* es_problem_bound: a bound that runs until told, stopped by the flag or by
 * its time; one that never asks keeps its source. */

static int bound_until_told(const es_instance *in, es_bound *out)
{
    (void)in;
    while (!es_stop_requested())
        ;
    out->value = 7;
    snprintf(out->source, sizeof out->source, "counting");
    return ES_OK;
}

static int bound_never_asks(const es_instance *in, es_bound *out)
{
    (void)in;
    out->value = 9;
    snprintf(out->source, sizeof out->source, "at once");
    return ES_OK;
}

Test(engine, a_bound_learns_that_it_must_stop, .timeout = 30)
{
    wrapped = *prob;
    wrapped.lower_bound = bound_until_told;
    es_bound b;
    volatile sig_atomic_t flag = 1;
    cr_assert_eq(es_problem_bound(&wrapped, inst, &flag, 0, &b), ES_OK);
    cr_assert_eq(b.value, 7);
    cr_assert_str_eq(b.source, "counting, cut short");
    cr_assert_eq(es_problem_bound(&wrapped, inst, NULL, 0.05, &b), ES_OK, "the time did not stop it");
    cr_assert_str_eq(b.source, "counting, cut short");
    cr_assert_eq(es_stop_requested(), 0, "the watch outlived its bound");
    wrapped.lower_bound = bound_never_asks;
    cr_assert_eq(es_problem_bound(&wrapped, inst, &flag, 0, &b), ES_OK);
    cr_assert_str_eq(b.source, "at once", "a bound that was never told to stop is not cut short");
    wrapped.lower_bound = NULL;
    cr_assert_eq(es_problem_bound(&wrapped, inst, NULL, 0, &b), ES_ENOTSUP);
}
