/* The engine's interrupts and time limits: hooks and rules that learn that
 * the run must stop, batches of evaluations ended early, no rule or
 * evaluation begun that would end past the limit, bounds stopped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "engine_fixture.h"

TestSuite(engine, .init = engine_setup, .fini = engine_teardown);

/* How many times the misbehaving hooks below were called. */
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

