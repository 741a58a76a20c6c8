/* A problem's suggested settings for a run (its tune hook), merged into a
 * configuration around what the user set: one place, so that the command
 * and the bench programs tune alike. */
#include <evosched/evosched.h>

int es_config_tune(es_config *cfg, const es_problem *problem, const es_instance *inst, unsigned keep)
{
    if (!problem->tune)
        return 0;
    es_tuning t = {0, 0, -1, -1, NULL};
    problem->tune(inst, cfg->max_evaluations, &t);
    if (!(keep & ES_KEEP_POPULATION) && t.population > 1)
        cfg->population = t.population;
    if (!(keep & ES_KEEP_STAGNATION) && t.stagnation > 0)
        cfg->stagnation = t.stagnation;
    if (!(keep & ES_KEEP_CROSSOVER_RATE) && t.crossover_rate >= 0 && t.crossover_rate <= 1)
        cfg->crossover_rate = t.crossover_rate;
    if (!(keep & ES_KEEP_MUTATION_RATE) && t.mutation_rate >= 0 && t.mutation_rate <= 1)
        cfg->mutation_rate = t.mutation_rate;
    if (!cfg->crossover && t.crossover)
        cfg->crossover = t.crossover;
    return 1;
}
