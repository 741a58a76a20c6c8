/* Loading a real plug-in shared object and solving its problem. */
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

Test(plugin, loads_and_solves)
{
    es_registry *reg;
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    int before = es_registry_problem_count(reg);
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_registry_problem_count(reg), before + 1);
    const es_problem *p;
    es_source src;
    cr_assert_eq(es_source_read(ES_INSTANCES "/spread/example.txt", &src, &err), ES_OK);
    cr_assert_eq(es_registry_detect(reg, &src, &p, &err), ES_OK);
    cr_assert_str_eq(p->name, "spread");
    es_instance *inst;
    cr_assert_eq(p->load(&src, &inst, &err), ES_OK, "%s", err.message);
    es_config cfg;
    es_config_init(&cfg);
    cfg.has_target = 1;
    cfg.target = 0;
    cfg.max_evaluations = 200000;
    es_solver *s;
    es_result r;
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &r, &err), ES_OK);
    /* The wished positions form a permutation, so 0 is reachable. */
    cr_assert_eq(r.best_value, 0);
    cr_assert_eq(r.stop, ES_STOP_TARGET);
    es_solver_destroy(s);
    p->destroy(inst);
    es_source_free(&src);
    /* Loading it twice is refused: names must stay unique. */
    cr_assert_eq(es_registry_load_plugin(reg, ES_PLUGIN, &err), ES_EPLUGIN);
    cr_assert(strstr(err.message, "already registered"), "%s", err.message);
    es_registry_destroy(reg);
}

Test(plugin, refuses_a_library_without_the_symbol)
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
    es_registry_destroy(reg);
}
