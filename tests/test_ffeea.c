/* The FFEEA operators: adaptive crossover rules, similarity measures, and
 * the fuzzy fitness surrogate inside the engine (never a final estimate,
 * counters that add up, determinism across threads). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include <evosched/text.h>
#include "fitness/similarity.h"
#include "solver/crossover_policy.h"

Test(ffeea, similarity_measures)
{
    int a[6] = {0, 1, 2, 3, 4, 5}, b[6] = {5, 4, 3, 2, 1, 0}, c[6] = {1, 0, 2, 3, 4, 5}, work[18];
    es_genome_info info = {ES_GENOME_PERMUTATION, 6, NULL, NULL};
    es_genome ga = {a, NULL}, gb = {b, NULL}, gc = {c, NULL};
    cr_assert_float_eq(es_similarity_positional(&info, &ga, &ga), 1.0, 1e-12);
    cr_assert_float_eq(es_similarity_order(&info, &ga, &ga, work), 1.0, 1e-12);
    cr_assert_float_eq(es_similarity_order(&info, &ga, &gb, work), 0.0, 1e-12); /* every pair reversed */
    cr_assert_float_eq(es_similarity_positional(&info, &ga, &gc), 4.0 / 6.0, 1e-12);
    cr_assert_float_eq(es_similarity_order(&info, &ga, &gc, work), 1.0 - 1.0 / 15.0, 1e-12); /* one pair of 15 */
}

Test(ffeea, crossover_rate_policies)
{
    double pc, pm;
    /* fitness: the best parent crosses least, a parent at the mean at full rate */
    es_xrate_apply(ES_XRATE_FITNESS, 0.9, 0.2, 10, 10, 20, 0, 0, &pc, &pm);
    double at_best = pc;
    es_xrate_apply(ES_XRATE_FITNESS, 0.9, 0.2, 20, 10, 20, 0, 0, &pc, &pm);
    cr_assert_lt(at_best, pc);
    cr_assert_float_eq(pc, 0.9, 1e-12);
    es_xrate_apply(ES_XRATE_FITNESS, 0.9, 0.2, 30, 10, 20, 0, 0, &pc, &pm); /* worse than the mean */
    cr_assert_float_eq(pc, 0.9, 1e-12);
    /* similarity: identical parents cross less and mutate more */
    es_xrate_apply(ES_XRATE_SIMILARITY, 0.9, 0.2, 0, 0, 0, 1.0, 0, &pc, &pm);
    cr_assert_lt(pc, 0.9 * 0.25);
    cr_assert_gt(pm, 0.9);
    es_xrate_apply(ES_XRATE_SIMILARITY, 0.9, 0.2, 0, 0, 0, 0.0, 0, &pc, &pm);
    cr_assert_float_eq(pc, 0.9, 1e-12);
    cr_assert_float_eq(pm, 0.2, 1e-12);
    /* generation: falls with progress */
    es_xrate_apply(ES_XRATE_GENERATION, 0.9, 0.2, 0, 0, 0, 0, 0.0, &pc, &pm);
    double early = pc;
    es_xrate_apply(ES_XRATE_GENERATION, 0.9, 0.2, 0, 0, 0, 0, 1.0, &pc, &pm);
    cr_assert_lt(pc, early);
    es_xrate r;
    cr_assert_eq(es_xrate_parse("similarity", &r), ES_OK);
    cr_assert_eq(r, ES_XRATE_SIMILARITY);
    cr_assert_eq(es_xrate_parse("bogus", &r), ES_EINVAL);
}

Test(ffeea, credit_assignment_favours_successful_operators)
{
    es_xchoice c;
    es_xchoice_init(&c);
    es_operator a = {0}, b = {0};
    es_xchoice_add(&c, &a);
    es_xchoice_add(&c, &b);
    for (int g = 0; g < 20; g++) {
        for (int k = 0; k < 10; k++) {
            es_xchoice_record(&c, 0, k < 6); /* 60% successes */
            es_xchoice_record(&c, 1, k < 1); /* 10% */
        }
        es_xchoice_update(&c);
    }
    cr_assert_gt(c.prob[0], c.prob[1] * 3);
    cr_assert_geq(c.prob[1], 0.1 - 1e-12, "the floor keeps every operator alive");
    cr_assert_float_eq(c.prob[0] + c.prob[1], 1.0, 1e-9);
}

static es_registry *reg;
static const es_problem *prob;
static es_instance *inst;
static es_source src;

static void setup(void)
{
    es_error err = {0, ""};
    es_registry_create(&reg);
    cr_assert_eq(es_registry_find_problem(reg, "satellite", &prob, &err), ES_OK);
    cr_assert_eq(es_source_read(ES_INSTANCES "/satellite/M-1.csg", &src, &err), ES_OK, "%s", err.message);
    cr_assert_eq(prob->load(&src, &inst, &err), ES_OK, "%s", err.message);
}

static void teardown(void)
{
    prob->destroy(inst);
    es_source_free(&src);
    es_registry_destroy(reg);
}

static es_result run(es_config *cfg, double *real_value)
{
    es_solver *s;
    es_result r;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &r, &err), ES_OK, "%s", err.message);
    void *scratch = malloc(prob->scratch_size(inst));
    prob->evaluate(inst, &r.best, scratch, real_value);
    free(scratch);
    r.best.perm = NULL;
    es_solver_destroy(s);
    return r;
}

TestSuite(ffem, .init = setup, .fini = teardown, .timeout = 300);

Test(ffem, reported_best_is_always_a_real_evaluation_and_counters_add_up)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 20;
    cfg.max_generations = 30;
    cfg.stagnation = 0;
    cfg.surrogate = "ffem";
    cfg.surrogate_threshold = cfg.surrogate_threshold_end = 0.05; /* estimate almost everything */
    double real;
    es_result r = run(&cfg, &real);
    cr_assert_gt(r.estimated, 100, "the surrogate estimated only %lld offspring", r.estimated);
    cr_assert_eq(r.best_value, real, "reported %.0f but the genome is worth %.0f", r.best_value, real);
    /* Every offspring is either estimated or evaluated; guard re-evaluations
     * count twice (estimated, then real). */
    cr_assert_eq(r.evaluations + r.estimated - r.reevaluated, 20 + 30 * 20,
                 "real %lld + estimated %lld - re-evaluated %lld", r.evaluations, r.estimated, r.reevaluated);
    cr_assert_gt(r.error_samples, 0);
    cr_assert(r.estimation_error >= 0 && isfinite(r.estimation_error));
}

Test(ffem, same_result_for_one_and_two_threads_with_every_option)
{
    const char *policies[] = {"fixed", "fitness", "similarity", "generation"};
    for (int k = 0; k < 4; k++) {
        double best[2], real;
        long long est[2];
        for (int t = 1; t <= 2; t++) {
            es_config cfg;
            es_config_init(&cfg);
            cfg.threads = t;
            cfg.population = 16;
            cfg.max_evaluations = 600;
            cfg.surrogate = "ffem";
            cfg.similarity = k % 2 ? "order" : "positional";
            cfg.crossover = k == 3 ? "adaptive" : "pmx";
            cfg.crossover_rate_policy = policies[k];
            cfg.improvement = "local";
            cfg.improve_rate = 0.1;
            es_result r = run(&cfg, &real);
            best[t - 1] = r.best_value;
            est[t - 1] = r.estimated;
            cr_assert_eq(r.evaluations, 600);
            cr_assert_eq(r.best_value, real);
        }
        cr_assert_eq(best[0], best[1], "policy %s", policies[k]);
        cr_assert_eq(est[0], est[1], "policy %s", policies[k]);
    }
}

Test(ffem, bad_options_are_refused)
{
    es_config cfg;
    es_config_init(&cfg);
    es_solver *s = NULL;
    es_error err = {0, ""};
    cfg.surrogate = "magic";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown surrogate 'magic'"), "%s", err.message);
    es_config_init(&cfg);
    cfg.crossover_rate_policy = "sometimes";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    es_config_init(&cfg);
    cfg.surrogate = "ffem";
    cfg.surrogate_threshold = 1.5;
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert_null(s);
}
