/* The RCPSP problem's plug-in table. */
#include <limits.h>
#include <math.h>
#include "rcpsp.h"

static void rcpsp_genome_info(const es_instance *inst, es_genome_info *out)
{
    const rcpsp *r = rcpsp_of(inst);
    out->kind = ES_GENOME_PERMUTATION;
    out->length = r->n;
    out->succ_start = r->succ_start;
    out->succ = r->succ;
}

static int rcpsp_evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    const rcpsp *r = rcpsp_of(inst);
    *value = rcpsp_real(r, rcpsp_sgs(r, g->perm, RCPSP_FORWARD, scratch, rcpsp_scratch_tail(r, scratch)));
    return ES_OK;
}

int rcpsp_cutoff_of(const rcpsp *r, double cutoff)
{
    /* a makespan is a whole number of units: beyond cutoff means beyond its floor */
    double c = cutoff / r->unit;
    return c >= 0 && c < r->horizon ? (int)floor(c) : INT_MAX;
}

static int rcpsp_evaluate_cutoff(const es_instance *inst, const es_genome *g, void *scratch, double cutoff,
                                 double *value, int *complete)
{
    const rcpsp *r = rcpsp_of(inst);
    *value = rcpsp_real(r, rcpsp_sgs_cutoff(r, g->perm, RCPSP_FORWARD, scratch, rcpsp_scratch_tail(r, scratch),
                                            rcpsp_cutoff_of(r, cutoff), complete));
    return ES_OK;
}

const es_problem es_problem_rcpsp = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "rcpsp",
    .summary = "resource-constrained project scheduling: PSPLIB .sm (single mode) or Patterson .rcp",
    .sense = ES_MINIMIZE,
    .detect = rcpsp_detect, /* rcpsp-keys is surer: lists by name or for ants */
    .load = rcpsp_load,
    .destroy = rcpsp_destroy,
    .genome_info = rcpsp_genome_info,
    .scratch_size = rcpsp_scratch_size,
    .evaluate = rcpsp_evaluate,
    .heuristic = rcpsp_heuristic,
    .desirability = rcpsp_desirability,
    .improve = rcpsp_improve,
    .lower_bound = rcpsp_lower_bound,
    .reference_bound = rcpsp_reference_bound,
    .best_known = rcpsp_best_known,
    .literature_bound = rcpsp_critical_path_bound,
    .write_solution = rcpsp_write_solution,
    .check = rcpsp_check,
    .read_solution = rcpsp_read_solution,
    .write_chart = rcpsp_write_chart,
    .generate = rcpsp_generate, /* one generator for both representations: under the name users type */
    .evaluation_unit = "schedules",
    .glpk_model = rcpsp_glpk_model,
    .glpk_solution = rcpsp_glpk_solution,
    .pheromone = "summation",
    .population_hint = 60,
    .crossover_name = "peak",
    .crossover = rcpsp_peak_crossover,
    .evaluate_cutoff = rcpsp_evaluate_cutoff,
};
