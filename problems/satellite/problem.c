/* The satellite problem's plug-in table. */
#include "satellite.h"

static void sat_genome_info(const es_instance *inst, es_genome_info *out)
{
    *out = (es_genome_info){ES_GENOME_PERMUTATION, sat_of(inst)->ntask, NULL, NULL};
}

/* Each whole plan is offered to the memo of the best (plan.c), so that the
 * final polish need not decode the best genome again. */
static int sat_evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    const satellite *m = sat_of(inst);
    sat_link *links = sat_scratch_links(m, scratch);
    int nl;
    *value = sat_decode(m, g->perm, scratch, links, &nl);
    sat_memo_offer(m, g->perm, links, nl, *value);
    return ES_OK;
}

static int sat_evaluate_cutoff(const es_instance *inst, const es_genome *g, void *scratch, double cutoff,
                               double *value, int *complete)
{
    const satellite *m = sat_of(inst);
    sat_link *links = sat_scratch_links(m, scratch);
    int nl;
    *value = sat_decode_cutoff(m, g->perm, scratch, cutoff, links, &nl, complete);
    if (*complete)
        sat_memo_offer(m, g->perm, links, nl, *value);
    return ES_OK;
}

static int sat_polish(const es_instance *inst, const es_genome *g, void *scratch, double *value, es_error *err)
{
    int st = sat_plan_value(sat_of(inst), g->perm, scratch, value);
    return st == ES_OK ? ES_OK : es_fail(err, st, "retiming the plan: %s", es_strerror(st));
}

const es_problem es_problem_satellite = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "satellite",
    .summary = "satellite-ground station link scheduling (CSG format, see docs/satellite.md)",
    .sense = ES_MAXIMIZE,
    .detect = sat_detect,
    .load = sat_load,
    .destroy = sat_destroy,
    .genome_info = sat_genome_info,
    .scratch_size = sat_scratch_size,
    .evaluate = sat_evaluate,
    .heuristic = sat_heuristic,
    .desirability = sat_desirability,
    .improve = sat_improve,
    .lower_bound = sat_upper_bound,
    .write_solution = sat_write_solution,
    .check = sat_check,
    .read_solution = sat_read_solution,
    .write_chart = sat_write_chart,
    .generate = sat_generate,
    .glpk_model = sat_glpk_model,
    .glpk_solution = sat_glpk_solution,
    .feature_similarity = sat_feature_similarity,
    .pheromone = "position",
    .population_hint = 30,
    .improve_rate_hint = -1, /* each try is a decode: at equal evaluations the plain GA does better */
    .evaluate_cutoff = sat_evaluate_cutoff,
    .polish = sat_polish,
};
