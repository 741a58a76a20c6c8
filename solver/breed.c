/* Breeding: parents by tournament (with incest prevention when asked),
 * children by crossover and mutation, and the credit each crossover earns
 * for the adaptive choice among them. One step of a generation
 * (engine_internal.h). */
#include <math.h>
#include <omp.h>
#include "engine_internal.h"
#include "../fitness/similarity.h"

/* Credit for the crossovers used this generation: a success is a child
 * better than its better parent. */
void es_engine_credit_crossovers(es_solver *s, int count)
{
    if (s->xc.n < 2)
        return;
    for (int i = 0; i < count; i++)
        if (s->child_op[i] >= 0)
            es_xchoice_record(&s->xc, s->child_op[i], s->all[s->P + i].cost < s->parent_cost[i]);
    es_xchoice_update(&s->xc);
}

/* Incest prevention (--incest; Eshelman's CHC mates only parents far enough
 * apart). Parents that run most activities alike breed near copies: on
 * j120 with the window crossover, pairs agreeing on seven start times in
 * ten gave 84% near copies against 2-6% for pairs agreeing on under a fifth
 * (docs/rcpsp-experiments.md, "Stop 25"). So while the second parent b
 * agrees with the first on the share cfg.incest of the problem's features
 * or more, it is drawn again by the same tournament, up to INCEST_TRIES
 * times, and the least alike of the members drawn is returned. Tournaments
 * rather than the least alike outright: always taking the least alike of
 * five draws lost the selection pressure (j120 at 5,000 schedules 32.165%
 * against 32.061% without incest prevention). s->mate_count features per
 * member, in s->mate_rows. */
#define INCEST_TRIES 10
static int pick_mate(es_solver *s, int a, int b, int pressure, es_rng *rng)
{
    int n = s->mate_count;
    const int *fa = es_engine_mate_row(s, a);
    int mate = b, fewest = n + 1;
    for (int tries = 0;; tries++) {
        const int *fb = es_engine_mate_row(s, b);
        int same = 0;
        for (int j = 0; j < n; j++)
            same += fa[j] == fb[j];
        if (same < fewest) {
            fewest = same;
            mate = b;
        }
        if (same < s->cfg.incest * n || tries == INCEST_TRIES)
            return mate;
        int c = b;
        s->sel->select(s->costs, s->P, pressure, rng, &c);
        if (c != a || !s->cfg.distinct_parents)
            b = c;
    }
}

/* The members' features for pick_mate, once a generation rather than once
 * per look (a child looks at up to 12 members, and with the late
 * tournament most looks find alike pairs); written in the niche's rows when
 * there is a niche, which then uses them as they are (es_engine_crowd).
 * Their number, or -1 when the hook broke its promise: a count outside
 * [1, genome length], or different counts for different members. */
static int member_features(es_solver *s)
{
    int n = s->problem->features(s->inst, &s->all[0].g, es_engine_mate_row(s, 0)), varies = 0;
    if (n < 1 || (size_t)n > es_engine_row_width(s))
        return -1;
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(| : varies)
    for (int i = 1; i < s->P; i++)
        varies |= s->problem->features(s->inst, &s->all[i].g, es_engine_mate_row(s, i)) != n;
    return varies ? -1 : n;
}

int es_engine_breed(es_solver *s, int count)
{
    s->mate_count = 0;
    if (count > 0 && s->cfg.incest > 0 && s->P > 1 && (s->mate_count = member_features(s)) < 0) {
        s->mate_count = 0;
        return ES_EINTERNAL;
    }
    double best = INFINITY, mean = 0;
    for (int i = 0; i < s->P; i++) {
        s->costs[i] = s->all[i].cost;
        best = fmin(best, s->costs[i]);
        mean += s->costs[i] / s->P;
    }
    double prog = es_engine_progress(s);
    int pressure = s->cfg.late_tournament > s->cfg.tournament && prog > s->cfg.late_from ? s->cfg.late_tournament
                                                                                           : s->cfg.tournament;
#pragma omp parallel for num_threads(s->threads) schedule(static)
    for (int i = 0; i < count; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_BREED, (uint64_t)s->generation, (uint64_t)i);
        void *scratch = s->op_scratch + s->op_stride * (size_t)omp_get_thread_num();
        es_genome *child = &s->all[s->P + i].g;
        int a = 0, b = 0;
        s->sel->select(s->costs, s->P, pressure, &rng, &a);
        s->sel->select(s->costs, s->P, pressure, &rng, &b);
        /* Selection may draw a again; a few more tournaments almost always
         * find another member, and a uniform pick among the others ends it. */
        for (int tries = 0; s->cfg.distinct_parents && s->P > 1 && b == a; tries++) {
            if (tries < 8)
                s->sel->select(s->costs, s->P, pressure, &rng, &b);
            else
                b = (a + 1 + (int)es_rng_below(&rng, (uint32_t)(s->P - 1))) % s->P;
        }
        if (s->mate_count > 0)
            b = pick_mate(s, a, b, pressure, &rng);
        if (s->costs[b] < s->costs[a]) { /* better parent first (biased crossovers) */
            int t = a;
            a = b;
            b = t;
        }
        double sim = s->xrate == ES_XRATE_SIMILARITY
                         ? es_similarity_positional(&s->info, &s->all[a].g, &s->all[b].g)
                         : 0.0;
        double pc, pm;
        es_xrate_apply(s->xrate, s->cfg.crossover_rate, s->cfg.mutation_rate, s->costs[a], best, mean, sim, prog, &pc,
                       &pm);
        int op = s->xc.n > 1 ? es_xchoice_pick(&s->xc, &rng) : 0;
        s->parent_cost[i] = s->costs[a];
        if (es_rng_uniform(&rng) < pc) {
            if (s->problem_cx)
                s->problem->crossover(s->inst, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            else
                s->xc.ops[op]->crossover(&s->info, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            s->child_op[i] = s->problem_cx ? -1 : op;
        } else {
            es_genome_copy(&s->info, child, &s->all[a].g);
            s->child_op[i] = -1;
        }
        /* A child identical to its parent would waste an evaluation. */
        if (es_rng_uniform(&rng) < pm || es_genome_equal(&s->info, child, &s->all[a].g))
            s->mut->mutate(&s->info, child, s->cfg.mutation_strength, scratch, &rng);
    }
    return ES_OK;
}
