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
    /* random keys: one minus the mean distance of the keys, by either measure */
    double ka[3] = {0.1, 0.5, 0.9}, kb[3] = {0.4, 0.5, 0.6};
    es_genome_info keys = {ES_GENOME_RANDOM_KEYS, 3, NULL, NULL};
    es_genome gka = {NULL, ka}, gkb = {NULL, kb};
    cr_assert_float_eq(es_similarity_positional(&keys, &gka, &gka), 1.0, 1e-12);
    cr_assert_float_eq(es_similarity_positional(&keys, &gka, &gkb), 1.0 - 0.6 / 3, 1e-12);
    cr_assert_float_eq(es_similarity_order(&keys, &gkb, &gka, work), 1.0 - 0.6 / 3, 1e-12);
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

/* One run; *real_value is what the best genome evaluates to, and the run's
 * best value must be that plan retimed (the problem's polish). */
static es_result run(es_config *cfg, double *real_value)
{
    es_solver *s;
    es_result r;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &r, &err), ES_OK, "%s", err.message);
    void *scratch = malloc(prob->scratch_size(inst));
    prob->evaluate(inst, &r.best, scratch, real_value);
    double polished;
    cr_assert_eq(prob->polish(inst, &r.best, scratch, &polished, &err), ES_OK, "%s", err.message);
    cr_assert_eq(r.best_value, polished, "reported %.0f, the best genome's plan retimed is worth %.0f", r.best_value,
                 polished);
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
    cr_assert_eq(r.search_value, real, "reported %.0f but the genome is worth %.0f", r.search_value, real);
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
            static const char *const measures[] = {"positional", "order", "problem", "order"};
            cfg.similarity = measures[k];
            cfg.crossover = k == 3 ? "adaptive" : "pmx";
            cfg.crossover_rate_policy = policies[k];
            cfg.improvement = "local";
            cfg.improve_rate = 0.1;
            es_result r = run(&cfg, &real);
            best[t - 1] = r.best_value;
            est[t - 1] = r.estimated;
            cr_assert_eq(r.evaluations, 600);
            cr_assert_eq(r.search_value, real);
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
    cfg.surrogate_threshold = 0.95;
    cfg.surrogate_threshold_end = 0.9; /* falling */
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "not fall from 0.95 to 0.9"), "%s", err.message);
    cr_assert_null(s);
}

Test(ffem, satellite_feature_similarity)
{
    cr_assert_not_null(prob->feature_similarity);
    es_genome_info info;
    prob->genome_info(inst, &info);
    es_genome a, b;
    es_genome_alloc(&info, &a);
    es_genome_alloc(&info, &b);
    int *work = malloc(3 * (size_t)info.length * sizeof *work);
    es_rng rng;
    es_rng_seed(&rng, 3, 3);
    for (int i = 0; i < info.length; i++)
        a.perm[i] = i;
    for (int trial = 0; trial < 50; trial++) {
        es_rng_shuffle(&rng, a.perm, info.length);
        es_genome_copy(&info, &b, &a);
        cr_assert_float_eq(prob->feature_similarity(inst, &a, &b, work), 1.0, 1e-12);
        for (int k = 0; k <= trial % 5; k++) { /* a few random swaps */
            int i = (int)es_rng_below(&rng, (uint32_t)info.length), j = (int)es_rng_below(&rng, (uint32_t)info.length);
            int x = b.perm[i];
            b.perm[i] = b.perm[j], b.perm[j] = x;
        }
        double ab = prob->feature_similarity(inst, &a, &b, work), ba = prob->feature_similarity(inst, &b, &a, work);
        cr_assert_float_eq(ab, ba, 1e-12, "not symmetric");
        cr_assert(ab >= 0 && ab <= 1, "%g outside [0, 1]", ab);
        /* an unrelated order: alike in part, never identical */
        es_rng_shuffle(&rng, b.perm, info.length);
        double far = prob->feature_similarity(inst, &a, &b, work);
        cr_assert(far >= 0 && far < 1);
    }
    free(work);
    es_genome_free(&a);
    es_genome_free(&b);
}

Test(ffem, interchangeable_satellite_tasks_are_alike)
{
    /* Tasks 1 and 2 share satellite, station, window and worth; 3 differs in all. */
    static const char text[] = "CSG 1\nHORIZON 1000\nOBJECTIVE LINKTIME\nSATELLITES 2\nS 0 1 SW 0 1 2\n"
                               "S 1 1 SW 0 1 2\nSTATIONS 2\nG 0 1 0\nG 1 1 0\nTASKS 4\n"
                               "T 0 0 0 0 100 10 50 1\nT 1 0 1 200 300 10 50 2\nT 2 0 1 200 300 10 50 2\n"
                               "T 3 1 0 700 900 10 100 5\nEND\n";
    es_source s4 = {"four.csg", text, sizeof text - 1, NULL};
    es_instance *four;
    es_error err = {0, ""};
    cr_assert_eq(prob->load(&s4, &four, &err), ES_OK, "%s", err.message);
    int p[4] = {0, 1, 2, 3}, q[4] = {0, 2, 1, 3}, r[4] = {0, 3, 2, 1}, work[12];
    es_genome gp = {p, NULL}, gq = {q, NULL}, gr = {r, NULL};
    es_genome_info info = {ES_GENOME_PERMUTATION, 4, NULL, NULL};
    cr_assert_float_eq(prob->feature_similarity(four, &gp, &gq, work), 1.0, 1e-12);
    cr_assert_float_eq(es_similarity_positional(&info, &gp, &gq), 0.5, 1e-12);
    double pr = prob->feature_similarity(four, &gp, &gr, work);
    cr_assert(pr < 0.75 && pr > 0.5, "swapping unlike tasks 1 and 3: %g", pr);
    prob->destroy(four);
}

Test(ffem, problem_similarity_needs_the_hook)
{
    const es_problem *tard;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_find_problem(reg, "tardiness", &tard, &err), ES_OK);
    static const char text[] = "3\n3 4 1\n1 5 3\n2 1 2\n";
    es_source ts = {"a.txt", text, sizeof text - 1, NULL};
    es_instance *ti;
    cr_assert_eq(tard->load(&ts, &ti, &err), ES_OK, "%s", err.message);
    es_config cfg;
    es_config_init(&cfg);
    cfg.surrogate = "ffem";
    cfg.similarity = "problem";
    es_solver *s = NULL;
    cr_assert_eq(es_solver_create(reg, tard, ti, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "no feature similarity"), "%s", err.message);
    tard->destroy(ti);
}
