/* Loading real plug-in shared objects: solving with their problem and their
 * operator, and refusing broken ones. */
#include <stdio.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

/* Solves the plug-in's example with cfg (its target set here) and checks
 * that the run reaches 0, the optimum, and stops there. */
static void solve_example_to_zero(const es_registry *reg, es_config *cfg)
{
    const es_problem *p;
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/spread/example.txt", &src, &err), ES_OK);
    cr_assert_eq(es_registry_detect(reg, &src, &p, &err), ES_OK);
    cr_assert_str_eq(p->name, "spread");
    es_instance *inst;
    cr_assert_eq(p->load(&src, &inst, &err), ES_OK, "%s", err.message);
    cfg->has_target = 1;
    cfg->target = 0;
    cfg->max_evaluations = 200000;
    es_solver *s;
    es_result r;
    cr_assert_eq(es_solver_create(reg, p, inst, cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &r, &err), ES_OK);
    cr_assert_eq(r.best_value, 0);
    cr_assert_eq(r.stop, ES_STOP_TARGET);
    es_solver_destroy(s);
    p->destroy(inst);
    es_source_free(&src);
}

Test(plugin, loads_and_solves)
{
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    int before = es_registry_problem_count(reg);
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_registry_problem_count(reg), before + 1);
    /* The wished positions form a permutation, so 0 is reachable. */
    es_config cfg;
    es_config_init(&cfg);
    solve_example_to_zero(reg, &cfg);
    /* Loading it twice is refused: names must stay unique. */
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_EPLUGIN);
    cr_assert(strstr(err.message, "already registered"), "%s", err.message);
    es_registry_destroy(reg);
}

/* The plug-in's "reverse" mutation: registered with its kind and flags,
 * doing what it says, used by the engine when asked for, refused where its
 * flags say it does not fit. */
Test(plugin, an_operator_from_a_plugin)
{
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    const es_operator *op = NULL;
    cr_assert_eq(es_registry_find_operator(reg, ES_OP_MUTATION, "reverse", &op, NULL), ES_ENOTFOUND);
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_registry_find_operator(reg, ES_OP_MUTATION, "reverse", &op, &err), ES_OK, "%s", err.message);
    cr_assert_eq(op->flags, ES_OPF_PERMUTATION);

    es_genome_info info = {ES_GENOME_PERMUTATION, 10, NULL, NULL};
    int perm[10];
    es_genome g = {perm, NULL};
    es_rng rng;
    es_rng_seed(&rng, 5, 0);
    for (int i = 0; i < 10; i++)
        perm[i] = i;
    cr_assert_eq(op->mutate(&info, &g, 1.0, NULL, &rng), ES_OK);
    for (int i = 0; i < 10; i++)
        cr_assert_eq(perm[i], 9 - i, "strength 1 reverses everything");
    for (int trial = 0; trial < 20; trial++) {
        for (int i = 0; i < 10; i++)
            perm[i] = i;
        cr_assert_eq(op->mutate(&info, &g, 0.0, NULL, &rng), ES_OK);
        int moved = 0, at = -1;
        for (int i = 0; i < 10; i++)
            if (perm[i] != i)
                moved++, at = at < 0 ? i : at;
        cr_assert(moved == 2 && perm[at] == at + 1 && perm[at + 1] == at, "strength 0 swaps two neighbours");
    }

    /* The engine takes it by name: with no crossover, mutation alone has to
     * sort the 12 items from random orders to their wished positions. */
    es_config cfg;
    es_config_init(&cfg);
    cfg.mutation = "reverse";
    cfg.crossover_rate = 0;
    cfg.mutation_rate = 1;
    solve_example_to_zero(reg, &cfg);

    /* Activity lists need precedence-safe moves, which it does not claim. */
    es_source src;
    const es_problem *p;
    es_instance *inst;
    es_solver *s;
    cr_assert_eq(es_source_read(ES_INSTANCES "/rcpsp/j301_1.sm", &src, &err), ES_OK);
    cr_assert_eq(es_registry_find_problem(reg, "rcpsp", &p, &err), ES_OK);
    cr_assert_eq(p->load(&src, &inst, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "'reverse' does not handle"), "%s", err.message);
    p->destroy(inst);
    es_source_free(&src);
    es_registry_destroy(reg);
}

Test(plugin, refuses_a_library_without_the_symbol_or_with_a_broken_table)
{
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    /* libevosched itself is a shared object, but not a plug-in. */
    cr_assert_eq(es_registry_load_plugin(reg, ES_LIB, &err), ES_EPLUGIN);
    cr_assert(strstr(err.message, "no symbol 'es_plugin_entry'"), "%s", err.message);
    cr_assert_eq(es_registry_load_plugin(reg, "/nonexistent/plugin.so", &err), ES_EPLUGIN);
    cr_assert(strstr(err.message, "cannot load plug-in"), "%s", err.message);
    es_registry_destroy(reg);
}

/* Each plug-in of tests/plugin_example/broken.c has one defect. It is
 * refused at load time with a message naming that defect, and nothing of it
 * is registered, not even its sound half (each carries a problem and an
 * operator). A sound plug-in still loads afterwards. */
Test(plugin, refuses_each_broken_table_and_registers_nothing_of_it)
{
    static const struct {
        const char *defect, *message;
    } cases[] = {
        {"plugin_version", "plug-in API version"},
        {"problem_version", "problem API version"},
        {"problem_hook", "problem 'stub' lacks a required hook"},
        {"problem_sense", "problem 'stub' has no objective sense"},
        {"duplicate_problem", "a problem named 'tardiness' is already registered"},
        {"operator_version", "operator API version not supported"},
        {"operator_hook", "operator 'broken' lacks the hook of its kind"},
        {"duplicate_operator", "a mutation operator named 'swap' is already registered"},
    };
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    int problems = es_registry_problem_count(reg), operators = es_registry_operator_count(reg);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/broken_%s.so", ES_BROKEN_PLUGIN_DIR, cases[c].defect);
        err.message[0] = 0;
        cr_assert_eq(es_registry_load_plugin(reg, path, &err), ES_EPLUGIN, "%s was accepted", cases[c].defect);
        cr_assert(strstr(err.message, cases[c].message), "%s: '%s' lacks '%s'", cases[c].defect, err.message,
                  cases[c].message);
        cr_assert(strstr(err.message, path), "%s: '%s' does not name the file", cases[c].defect, err.message);
        cr_assert_eq(es_registry_problem_count(reg), problems, "%s registered a problem", cases[c].defect);
        cr_assert_eq(es_registry_operator_count(reg), operators, "%s registered an operator", cases[c].defect);
    }
    const es_problem *p;
    cr_assert_neq(es_registry_find_problem(reg, "stub", &p, &err), ES_OK);
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_registry_problem_count(reg), problems + 1);
    es_registry_destroy(reg);
}

Test(plugin, hooks_newer_than_a_plugin_read_as_null)
{
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    cr_assert_eq(es_registry_load_plugin(reg, ES_OLD_PLUGIN, &err), ES_OK, "%s", err.message);
    const es_problem *p;
    cr_assert_eq(es_registry_find_problem(reg, "old-v1", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 1);
    cr_assert_not_null(p->evaluate);
    cr_assert_null(p->literature_bound, "a version-1 table has no literature_bound");
    cr_assert_null(p->feature_similarity, "a version-1 table has no feature_similarity");
    cr_assert_eq(es_registry_find_problem(reg, "old-v2", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 2);
    cr_assert_not_null(p->literature_bound, "a version-2 table keeps literature_bound");
    cr_assert_null(p->crossover_name, "a version-2 table has no crossover_name");
    cr_assert_null(p->crossover, "a version-2 table has no crossover");
    cr_assert_eq(es_registry_find_problem(reg, "old-v3", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 3);
    cr_assert_str_eq(p->crossover_name, "kept", "a version-3 table keeps its crossover");
    cr_assert_null(p->tune, "a version-3 table has no tune");
    cr_assert_eq(es_registry_find_problem(reg, "old-v4", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 4);
    cr_assert_not_null(p->tune, "a version-4 table keeps tune");
    cr_assert_null(p->evaluate_cutoff, "a version-4 table has no evaluate_cutoff");
    cr_assert_eq(es_registry_find_problem(reg, "old-v5", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 5);
    cr_assert_not_null(p->evaluate_cutoff, "a version-5 table keeps evaluate_cutoff");
    cr_assert_null(p->tune_time, "a version-5 table has no tune_time");
    cr_assert_eq(es_registry_find_problem(reg, "old-v6", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 6);
    cr_assert_not_null(p->tune_time, "a version-6 table keeps tune_time");
    cr_assert_null(p->best_known, "a version-6 table has no best_known");
    cr_assert_eq(es_registry_find_problem(reg, "old-v7", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 7);
    cr_assert_not_null(p->best_known, "a version-7 table keeps best_known");
    cr_assert_null(p->features, "a version-7 table has no features");
    cr_assert_eq(es_registry_find_problem(reg, "old-v8", &p, &err), ES_OK, "%s", err.message);
    cr_assert_eq(p->api_version, 8);
    cr_assert_not_null(p->features, "a version-8 table keeps features");
    cr_assert_null(p->read_solution, "a version-8 table has no read_solution");
    es_registry_destroy(reg);
}
