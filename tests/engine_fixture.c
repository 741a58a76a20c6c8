/* The fixture of engine_fixture.h. */
#include <evosched/text.h>
#include "engine_fixture.h"

es_registry *reg;
const es_problem *prob;
es_instance *inst;
es_source src;

void engine_setup(void)
{
    es_error err = {0, ""};
    cr_assert_eq(es_registry_create(&reg), ES_OK);
    cr_assert_eq(es_registry_find_problem(reg, "tardiness", &prob, &err), ES_OK);
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/wt40.txt", &src, &err), ES_OK, "%s", err.message);
    src.selector = "5";
    cr_assert_eq(prob->load(&src, &inst, &err), ES_OK, "%s", err.message);
}

void engine_teardown(void)
{
    prob->destroy(inst);
    es_source_free(&src);
    es_registry_destroy(reg);
}

int run_on(const es_problem *p, es_config *cfg, es_result *res, es_genome *copy)
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

int run(es_config *cfg, es_result *res, es_genome *copy)
{
    return run_on(prob, cfg, res, copy);
}

void run_for(long long evals, es_result *r, es_genome *g)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = evals;
    cr_assert_eq(run(&cfg, r, g), ES_OK);
}

es_problem wrapped;
volatile sig_atomic_t raised;

void stoppable(es_config *cfg)
{
    es_config_init(cfg);
    cfg->population = 40;
    cfg->stop_flag = &raised;
}

int perm_features(const es_instance *in, const es_genome *g, int *out)
{
    es_genome_info info;
    prob->genome_info(in, &info);
    for (int i = 0; i < info.length; i++)
        out[i] = g->perm[i];
    return info.length;
}
