/* Ant colonies in the engine (--algorithm aco|hybrid): ants build
 * children through the construction operator, and the colony learns from
 * the iteration's best ant or from the population's elite. */
#include <math.h>
#include <omp.h>
#include "engine_internal.h"

/* Children [from, count) are built by ants, each from its own stream. */
void es_engine_construct(es_solver *s, int from, int count)
{
#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1)
    for (int i = from; i < count; i++) {
        s->child_op[i] = -1;
        s->parent_cost[i] = INFINITY;
        /* Past the limit an ant is not built: its slot keeps an old genome,
         * which es_engine_score() then drops unevaluated, as it does any child begun
         * after the limit. */
        if (es_engine_must_stop(s))
            continue;
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_ANT, (uint64_t)s->generation, (uint64_t)i);
        void *scratch = s->op_scratch + s->op_stride * (size_t)omp_get_thread_num();
        s->con->construct(s->con_state, &s->all[s->P + i].g, scratch, &rng);
    }
}

/* The colony learns once per iteration. ACO: MAX-MIN's schedule, the
 * iteration's best ant, and every fifth iteration the best so far. Hybrid:
 * the elite tenth of the population. */
void es_engine_learn(es_solver *s, int have_iter_best)
{
    if (s->algo == ALGO_ACO) {
        const es_genome *g = s->generation % 5 == 0 || !have_iter_best ? &s->best : &s->iter_best;
        s->con->learn(s->con_state, g, NULL, 1, 0);
    } else if (s->algo == ALGO_HYBRID) {
        int elite = s->P / 10 > 0 ? s->P / 10 : 1;
        for (int i = 0; i < elite; i++)
            s->batch[i] = s->all[i].g;
        s->con->learn(s->con_state, s->batch, NULL, elite, 0);
    }
}

/* Copies the best really evaluated ant among children [from, count). */
int es_engine_keep_iteration_best(es_solver *s, int from, int count)
{
    int best = -1;
    for (int i = from; i < count; i++) {
        const individual *v = &s->all[s->P + i];
        if (!v->estimated && (best < 0 || v->cost < s->all[s->P + best].cost))
            best = i;
    }
    if (best >= 0)
        es_genome_copy(&s->info, &s->iter_best, &s->all[s->P + best].g);
    return best >= 0;
}
