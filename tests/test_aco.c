/* Ant colony: ants build valid (and precedence-feasible) permutations, the
 * pheromone stays within its MAX-MIN bounds, and runs are the same for 1 and
 * 2 threads in aco and hybrid modes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include <evosched/text.h>
#include "operators/construction/aco.h"

/* Detected as `solve --algorithm aco` detects: among the problems that give
 * ants a desirability (RCPSP files: activity lists, not random keys). */
static const es_problem *load(es_registry *reg, const char *file, const char *sel, es_instance **inst, es_source *src)
{
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(file, src, &err), ES_OK, "%s", err.message);
    src->selector = sel;
    const es_problem *p;
    cr_assert_eq(es_registry_detect_for(reg, src, "aco", &p, &err), ES_OK);
    cr_assert_not_null(p->desirability);
    cr_assert_eq(p->load(src, inst, &err), ES_OK, "%s", err.message);
    return p;
}

Test(aco, ants_are_valid_and_pheromone_stays_bounded)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_operator *aco;
    cr_assert_eq(es_registry_find_operator(reg, ES_OP_CONSTRUCTION, "aco", &aco, NULL), ES_OK);
    const char *files[] = {ES_INSTANCES "/rcpsp/j6013_1.sm", ES_INSTANCES "/tardiness/example20.txt",
                           ES_INSTANCES "/satellite/S-1.csg"};
    for (int f = 0; f < 3; f++)
        for (int mode = 0; mode < 3; mode++) { /* position, summation, successor */
            es_source src;
            es_instance *inst;
            const es_problem *p = load(reg, files[f], NULL, &inst, &src);
            es_genome_info info;
            p->genome_info(inst, &info);
            es_construction_params par = {1.0, 2.0, 0.2, mode == 2 ? 0.5 : 0.0, mode == 2, mode == 1};
            void *state;
            cr_assert_eq(aco->create(p, inst, &info, &par, &state), ES_OK);
            void *scratch = malloc(aco->scratch_size(&info));
            es_genome ants[8];
            double costs[8] = {0};
            es_rng rng;
            es_rng_seed(&rng, 5, (uint64_t)mode);
            for (int k = 0; k < 8; k++)
                es_genome_alloc(&info, &ants[k]);
            for (int it = 0; it < 60; it++) {
                for (int k = 0; k < 8; k++) {
                    cr_assert_eq(aco->construct(state, &ants[k], scratch, &rng), ES_OK);
                    cr_assert_eq(es_genome_validate(&info, &ants[k]), ES_OK, "%s mode %d: invalid ant", files[f], mode);
                }
                aco->learn(state, ants, costs, 1 + it % 3, 0);
                double lo, hi, tmin, tmax;
                es_aco_tau_range(state, &lo, &hi, &tmin, &tmax);
                cr_assert(lo >= tmin - 1e-12 && hi <= tmax + 1e-12, "tau in [%g, %g], bounds [%g, %g]", lo, hi, tmin,
                          tmax);
                if (it == 59) {
                    cr_assert_lt(lo, tmax, "60 iterations of evaporation left the pheromone untouched");
                    aco->learn(state, NULL, NULL, 0, 1); /* restart */
                    es_aco_tau_range(state, &lo, &hi, &tmin, &tmax);
                    cr_assert_float_eq(lo, tmax, 1e-12);
                    cr_assert_float_eq(hi, tmax, 1e-12);
                }
            }
            for (int k = 0; k < 8; k++)
                es_genome_free(&ants[k]);
            free(scratch);
            aco->destroy(state);
            p->destroy(inst);
            es_source_free(&src);
        }
    es_registry_destroy(reg);
}

Test(aco, same_result_for_one_and_two_threads)
{
    es_registry *reg;
    es_registry_create(&reg);
    const char *algos[] = {"aco", "hybrid"};
    const char *files[] = {ES_INSTANCES "/rcpsp/j3013_5.sm", ES_INSTANCES "/satellite/S-1.csg"};
    for (int f = 0; f < 2; f++)
        for (int a = 0; a < 2; a++) {
            double best[2];
            long long gens[2];
            for (int t = 1; t <= 2; t++) {
                es_source src;
                es_instance *inst;
                const es_problem *p = load(reg, files[f], NULL, &inst, &src);
                es_config cfg;
                es_config_init(&cfg);
                cfg.threads = t;
                cfg.algorithm = algos[a];
                cfg.population = 20;
                cfg.max_evaluations = 1500;
                cfg.stagnation = 10;
                cfg.aco.q0 = a ? 0.3 : 0.0;
                es_solver *s;
                es_result r;
                es_error err = {0, ""};
                cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
                cr_assert_eq(es_solver_run(s, &r, &err), ES_OK, "%s", err.message);
                cr_assert_eq(r.evaluations, 1500);
                best[t - 1] = r.best_value;
                gens[t - 1] = r.generations;
                es_solver_destroy(s);
                p->destroy(inst);
                es_source_free(&src);
            }
            cr_assert_eq(best[0], best[1], "%s on %s", algos[a], files[f]);
            cr_assert_eq(gens[0], gens[1]);
        }
    es_registry_destroy(reg);
}

Test(aco, bad_parameters_are_refused)
{
    es_registry *reg;
    es_registry_create(&reg);
    es_source src;
    es_instance *inst;
    const es_problem *p = load(reg, ES_INSTANCES "/tardiness/example20.txt", NULL, &inst, &src);
    es_config cfg;
    es_config_init(&cfg);
    cfg.algorithm = "bees";
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown algorithm 'bees'"), "%s", err.message);
    cfg.algorithm = "aco";
    cfg.aco.rho = 1.5;
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_EINVAL);
    p->destroy(inst);
    es_source_free(&src);
    es_registry_destroy(reg);
}

Test(aco, a_colony_too_large_for_its_pheromone_is_refused_with_the_reason)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = NULL;
    cr_assert_eq(es_registry_find_problem(reg, "tardiness", &p, NULL), ES_OK);
    /* 8,200 jobs: 8,200^2 doubles are 513 MB of pheromone, past the limit;
     * 2,000 jobs (32 MB) are fine. */
    for (int n = 2000; n <= 8200; n += 6200) {
        char *text = malloc(32 * (size_t)n + 32);
        size_t len = (size_t)sprintf(text, "%d\n", n);
        for (int j = 0; j < n; j++)
            len += (size_t)sprintf(text + len, "%d %d %d\n", 1 + j % 97, 50 * j, 1 + j % 7);
        es_source src = {"big.txt", text, len, NULL};
        es_instance *inst;
        es_error err = {0, ""};
        cr_assert_eq(p->load(&src, &inst, &err), ES_OK, "%s", err.message);
        es_config cfg;
        es_config_init(&cfg);
        cfg.algorithm = "aco";
        cfg.max_generations = 1;
        cfg.population = 2;
        cfg.threads = 1;
        es_solver *s = NULL;
        int st = es_solver_create(reg, p, inst, &cfg, &s, &err);
        if (n == 2000) {
            cr_assert_eq(st, ES_OK, "%s", err.message);
            es_solver_destroy(s);
        } else {
            cr_assert_eq(st, ES_ELIMIT);
            cr_assert(strstr(err.message, "8200 items are more than 'aco' takes"), "%s", err.message);
        }
        p->destroy(inst);
        free(text);
    }
    es_registry_destroy(reg);
}
