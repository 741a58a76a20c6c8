/* The tardiness problem's plug-in table: the only thing the rest of evosched
 * sees of this folder. */
#include "tardiness.h"

static void tard_genome_info(const es_instance *inst, es_genome_info *out)
{
    out->kind = ES_GENOME_PERMUTATION;
    out->length = tard_of(inst)->n;
    out->succ_start = NULL;
    out->succ = NULL;
}

static int tard_evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    (void)scratch;
    *value = (double)tard_sequence_cost(tard_of(inst), g->perm);
    return ES_OK;
}

const es_problem es_problem_tardiness = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "tardiness",
    .summary = "single machine total (weighted) tardiness: OR-Library, text (n; p d w) or CSV (job,p,w,d)",
    .sense = ES_MINIMIZE,
    .detect = tard_detect,
    .load = tard_load,
    .destroy = tard_destroy,
    .genome_info = tard_genome_info,
    .scratch_size = tard_scratch_size,
    .evaluate = tard_evaluate,
    .heuristic = tard_heuristic,
    .desirability = tard_desirability,
    .improve = tard_improve,
    .lower_bound = tard_lower_bound,
    .reference_bound = tard_reference_bound,
    .write_solution = tard_write_solution,
    .check = tard_check,
    .read_solution = tard_read_solution,
    .write_chart = tard_write_chart,
    .generate = tard_generate,
    .glpk_model = tard_glpk_model,
    .glpk_solution = tard_glpk_solution,
    .pheromone = "summation",
    .population_hint = 10,
};
