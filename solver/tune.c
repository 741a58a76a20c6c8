/* A problem's suggested settings for a run (its tune and tune_time hooks),
 * merged into a configuration around what the user set: one place, so that
 * the command and the bench programs tune alike. */
#include <math.h>
#include <evosched/evosched.h>

int es_config_tune(es_config *cfg, const es_problem *problem, const es_instance *inst, unsigned keep)
{
    /* What a hook leaves alone stays out of range and is not applied (an
     * offspring_share of 0: the engine's default, as many children as members). */
    es_tuning t = {.crossover_rate = -1, .mutation_rate = -1, .late_from = -1};
    /* Only a run without an evaluation budget is tuned for its time: with
     * both, the problem's guess of its speed could not say which binds. */
    if (cfg->max_evaluations <= 0 && cfg->max_seconds > 0 && problem->tune_time)
        problem->tune_time(inst, cfg->max_seconds, cfg->threads > 0 ? cfg->threads : es_default_threads(), &t);
    else if (problem->tune)
        problem->tune(inst, cfg->max_evaluations, &t);
    else
        return 0;
    if (!(keep & ES_KEEP_POPULATION) && t.population > 1)
        cfg->population = t.population;
    if (!(keep & ES_KEEP_STAGNATION) && t.stagnation > 0)
        cfg->stagnation = t.stagnation;
    if (!(keep & ES_KEEP_CROSSOVER_RATE) && t.crossover_rate >= 0 && t.crossover_rate <= 1)
        cfg->crossover_rate = t.crossover_rate;
    if (!(keep & ES_KEEP_MUTATION_RATE) && t.mutation_rate >= 0 && t.mutation_rate <= 1)
        cfg->mutation_rate = t.mutation_rate;
    if (!(keep & ES_KEEP_PARENTS) && t.distinct_parents == 1)
        cfg->distinct_parents = 1;
    if (!(keep & ES_KEEP_NICHE) && t.niche > 0 && t.niche <= 1 && problem->features)
        cfg->niche = t.niche;
    if (!(keep & ES_KEEP_INCEST) && t.incest > 0 && t.incest <= 1 && problem->features)
        cfg->incest = t.incest;
    if (!(keep & ES_KEEP_TIES) && t.newer_first == 1)
        cfg->newer_first = 1;
    if (!(keep & ES_KEEP_LATE_TOURNAMENT) && t.late_tournament > 1)
        cfg->late_tournament = t.late_tournament;
    if (!(keep & ES_KEEP_LATE_FROM) && t.late_tournament > 1 && t.late_from >= 0 && t.late_from <= 1)
        cfg->late_from = t.late_from;
    if (!(keep & ES_KEEP_OFFSPRING) && t.offspring_share > 0 && t.offspring_share <= 1) {
        long children = lround(t.offspring_share * cfg->population);
        cfg->offspring = children < 1 ? 1 : (int)children;
    }
    if (!cfg->crossover && t.crossover)
        cfg->crossover = t.crossover;
    return 1;
}
