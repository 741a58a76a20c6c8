/* Human and JSON reports of a run. JSON goes through cJSON so that names,
 * escaping and numbers are always well formed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "report.h"

static const es_bound *best_bound(const es_report *r)
{
    return r->bounds->best >= 0 ? &r->bounds->list[r->bounds->best] : NULL;
}

const char *es_report_status(const es_report *r)
{
    const es_bound *b = best_bound(r);
    return b && es_is_optimal(r->problem->sense, r->result->best_value, b) ? "optimal" : "feasible";
}

void es_report_bound_line(FILE *out, const es_bound *b, double value)
{
    double g;
    if (!b)
        fprintf(out, "  bound      none available\n");
    else if (isnan(value)) /* no solution: nothing to measure against it */
        fprintf(out, "  bound      %.10g from %s%s\n", b->value, b->source, b->proven_optimum ? " (optimum)" : "");
    else if (es_gap_percent(value, b->value, &g))
        fprintf(out, "  bound      %.10g from %s%s, gap %.2f%%\n", b->value, b->source,
                b->proven_optimum ? " (optimum)" : "", g);
    else
        fprintf(out, "  bound      %.10g from %s%s, gap undefined (zero bound)\n", b->value, b->source,
                b->proven_optimum ? " (optimum)" : "");
}

void es_report_summary(FILE *out, const es_report *r)
{
    const es_result *res = r->result;
    const es_bound *b = best_bound(r);
    fprintf(out, "evosched %s: %s, %s\n", es_version(), r->problem->name, r->instance);
    fprintf(out, "  objective  %.10g (%s)  %s\n", res->best_value,
            r->problem->sense == ES_MINIMIZE ? "minimise" : "maximise", es_report_status(r));
    es_report_bound_line(out, b, res->best_value);
    const es_bound *k = r->best_known;
    /* an optimum printed above says it all */
    if (k && !(b && b->proven_optimum && es_versus(r->problem->sense, k->value, b->value) == 0)) {
        double g;
        int versus = es_versus(r->problem->sense, res->best_value, k->value);
        if (versus == 0)
            fprintf(out, "  best known %.10g from %s, reached\n", k->value, k->source);
        else if (!es_gap_percent(res->best_value, k->value, &g))
            fprintf(out, "  best known %.10g from %s\n", k->value, k->source);
        else
            fprintf(out, "  best known %.10g from %s, %.2f%% %s\n", k->value, k->source, g, versus < 0 ? "better" : "away");
    }
    if (r->ranks <= 1 && res->search_value != res->best_value) /* each island polishes its own best */
        fprintf(out, "  polished   from %.10g, the search's best, by the problem's last step\n", res->search_value);
    if (res->initial_rule[0])
        fprintf(out, "  heuristic  %.10g by %s\n", res->initial_rule_value, res->initial_rule);
    const char *unit = r->problem->evaluation_unit ? r->problem->evaluation_unit : "evaluations";
    fprintf(out, "  search     %lld %s, %lld generation%s, %lld restart%s, %.3f s (best at %.3f s)\n",
            res->evaluations, unit, res->generations, res->generations == 1 ? "" : "s", res->restarts,
            res->restarts == 1 ? "" : "s", res->seconds, res->seconds_to_best);
    if (res->cut_short > 0)
        fprintf(out, "  cut short  %lld children stopped early, proven worse than the whole population\n",
                res->cut_short);
    if (res->crowded > 0)
        fprintf(out, "  niche      %lld children kept last as near copies of members at least as good\n",
                res->crowded);
    if (res->estimated > 0)
        fprintf(out,
                "  surrogate  %lld estimated (%.1f%% of offspring saved), %lld re-evaluated, similarity %.3f s vs "
                "evaluation %.3f s, estimate error %.2f%% on %lld samples\n",
                res->estimated, 100.0 * (double)res->estimated / (double)(res->evaluations + res->estimated),
                res->reevaluated, res->similarity_seconds, res->evaluation_seconds, 100.0 * res->estimation_error,
                res->error_samples);
    if (r->ranks > 1)
        fprintf(out, "  islands    %d MPI ranks, %lld migrations, %s summed over ranks\n", r->ranks,
                res->migrations, unit);
    /* the budget in the unit the user gave it (--schedules), not the engine's name for it */
    fprintf(out, "  run        seed %llu, %d thread%s, stopped by %s\n", (unsigned long long)r->cfg->seed,
            res->threads, res->threads == 1 ? "" : "s",
            res->stop == ES_STOP_EVALUATIONS ? unit : es_stop_reason_name(res->stop));
    char niche[32] = "", incest[32] = "", late[64] = "";
    if (r->cfg->niche > 0)
        snprintf(niche, sizeof niche, ", niche %.2f", r->cfg->niche);
    if (r->cfg->incest > 0)
        snprintf(incest, sizeof incest, ", incest %.2f", r->cfg->incest);
    if (r->cfg->late_tournament > r->cfg->tournament)
        snprintf(late, sizeof late, ", tournament %d after %.0f%%", r->cfg->late_tournament,
                 100.0 * r->cfg->late_from);
    fprintf(out,
            "  settings   population %d, %d children a generation, crossover %s at %.2f, mutation at %.2f, restart "
            "after %d%s%s%s%s%s%s\n",
            r->cfg->population, es_config_offspring(r->cfg), res->crossover ? res->crossover : "none",
            r->cfg->crossover_rate, r->cfg->mutation_rate, r->cfg->stagnation,
            r->cfg->distinct_parents ? ", distinct parents" : "", niche, incest,
            r->cfg->newer_first ? ", newer first on ties" : "", late,
            r->tuned ? " (tuned by the problem for this budget)" : "");
}

void es_report_add_best_bound_json(cJSON *j, const es_bounds *b, int has_value, double value)
{
    const es_bound *best = b->best >= 0 ? &b->list[b->best] : NULL;
    double g = 0;
    int has_gap = best && has_value && es_gap_percent(value, best->value, &g);
    cJSON_AddItemToObject(j, "bound", es_json_number(best != NULL, best ? best->value : 0));
    es_json_add_text(j, "bound_source", best ? best->source : NULL);
    cJSON_AddItemToObject(j, "gap", es_json_number(has_gap, g));
}

void es_report_add_bounds_json(cJSON *j, const es_bounds *b)
{
    cJSON *bounds = cJSON_AddArrayToObject(j, "bounds");
    for (int i = 0; i < b->count; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "value", b->list[i].value);
        es_json_add_text(e, "source", b->list[i].source);
        cJSON_AddBoolToObject(e, "optimum", b->list[i].proven_optimum);
        if (b->contradicted[i]) /* beaten by the objective: set aside */
            cJSON_AddBoolToObject(e, "contradicted", 1);
        cJSON_AddItemToArray(bounds, e);
    }
}

int es_report_json_writer(FILE *out, void *report)
{
    const es_report *r = report;
    const es_result *res = r->result;
    cJSON *j = cJSON_CreateObject();
    if (!j)
        return ES_ENOMEM;
    es_json_add_text(j, "version", es_version());
    es_json_add_text(j, "problem", r->problem->name);
    es_json_add_text(j, "instance", r->instance);
    es_json_add_text(j, "start", r->start);
    es_json_add_text(j, "sense", r->problem->sense == ES_MINIMIZE ? "minimize" : "maximize");
    cJSON_AddNumberToObject(j, "objective", res->best_value);
    cJSON_AddItemToObject(j, "search_objective", es_json_number(r->ranks <= 1, res->search_value));
    es_report_add_best_bound_json(j, r->bounds, 1, res->best_value);
    cJSON_AddItemToObject(j, "best_known", es_json_number(r->best_known != NULL, r->best_known ? r->best_known->value : 0));
    es_json_add_text(j, "status", es_report_status(r));
    es_json_add_text(j, "stop_reason", es_stop_reason_name(res->stop));
    cJSON_AddNumberToObject(j, "evaluations", (double)res->evaluations);
    cJSON_AddNumberToObject(j, "real_evaluations", (double)res->evaluations);
    cJSON_AddNumberToObject(j, "estimated_evaluations", (double)res->estimated);
    cJSON_AddNumberToObject(j, "cut_short", (double)res->cut_short);
    if (res->estimated > 0 || (r->cfg->surrogate && strcmp(r->cfg->surrogate, "none") != 0)) {
        cJSON *sg = cJSON_AddObjectToObject(j, "surrogate");
        double total = (double)(res->evaluations + res->estimated);
        cJSON_AddNumberToObject(sg, "saving_ratio", total > 0 ? (double)res->estimated / total : 0);
        cJSON_AddNumberToObject(sg, "reevaluated", (double)res->reevaluated);
        cJSON_AddNumberToObject(sg, "similarity_seconds", res->similarity_seconds);
        cJSON_AddNumberToObject(sg, "evaluation_seconds", res->evaluation_seconds);
        cJSON_AddNumberToObject(sg, "error_samples", (double)res->error_samples);
        cJSON_AddItemToObject(sg, "estimation_error", es_json_number(res->error_samples > 0, res->estimation_error));
    }
    if (r->problem->evaluation_unit)
        cJSON_AddNumberToObject(j, r->problem->evaluation_unit, (double)res->evaluations);
    cJSON_AddNumberToObject(j, "generations", (double)res->generations);
    cJSON_AddNumberToObject(j, "restarts", (double)res->restarts);
    cJSON_AddNumberToObject(j, "crowded", (double)res->crowded);
    cJSON_AddNumberToObject(j, "seconds", res->seconds);
    cJSON_AddNumberToObject(j, "seconds_to_best", res->seconds_to_best);
    cJSON_AddNumberToObject(j, "evaluations_to_best", (double)res->evaluations_to_best);
    cJSON_AddNumberToObject(j, "seed", (double)r->cfg->seed);
    cJSON_AddNumberToObject(j, "threads", res->threads);
    cJSON_AddNumberToObject(j, "ranks", r->ranks > 0 ? r->ranks : 1);
    cJSON_AddNumberToObject(j, "migrations", (double)res->migrations);
    cJSON *set = cJSON_AddObjectToObject(j, "settings");
    cJSON_AddNumberToObject(set, "population", r->cfg->population);
    cJSON_AddNumberToObject(set, "offspring", es_config_offspring(r->cfg));
    es_json_add_text(set, "crossover", res->crossover);
    cJSON_AddNumberToObject(set, "crossover_rate", r->cfg->crossover_rate);
    cJSON_AddNumberToObject(set, "mutation_rate", r->cfg->mutation_rate);
    cJSON_AddNumberToObject(set, "stagnation", r->cfg->stagnation);
    cJSON_AddBoolToObject(set, "distinct_parents", r->cfg->distinct_parents);
    cJSON_AddNumberToObject(set, "niche", r->cfg->niche);
    cJSON_AddNumberToObject(set, "incest", r->cfg->incest);
    cJSON_AddStringToObject(set, "ties", r->cfg->newer_first ? "newer" : "hash");
    cJSON_AddNumberToObject(set, "tournament", r->cfg->tournament);
    cJSON_AddNumberToObject(set, "late_tournament", r->cfg->late_tournament);
    cJSON_AddNumberToObject(set, "late_from", r->cfg->late_from);
    cJSON_AddBoolToObject(set, "tuned", r->tuned);
    if (r->island_best) {
        cJSON *isl = cJSON_AddArrayToObject(j, "islands");
        for (int i = 0; i < r->ranks; i++)
            cJSON_AddItemToArray(isl, cJSON_CreateNumber(r->island_best[i]));
    }
    es_report_add_bounds_json(j, r->bounds);
    if (res->initial_rule[0]) {
        cJSON *h = cJSON_AddObjectToObject(j, "heuristic");
        es_json_add_text(h, "rule", res->initial_rule);
        cJSON_AddNumberToObject(h, "objective", res->initial_rule_value);
    }
    es_genome_info info;
    r->problem->genome_info(r->inst, &info);
    cJSON *sol = cJSON_AddObjectToObject(j, "solution");
    es_json_add_text(sol, "encoding", info.kind == ES_GENOME_PERMUTATION ? "permutation" : "random_keys");
    cJSON *genome = cJSON_AddArrayToObject(sol, "genome");
    for (int i = 0; i < info.length; i++)
        cJSON_AddItemToArray(genome, cJSON_CreateNumber(info.kind == ES_GENOME_PERMUTATION
                                                            ? (double)res->best.perm[i]
                                                            : res->best.keys[i]));
    return es_json_write(out, j);
}
