/* Satellite heuristics and local improvement.
 *
 * Greedy orders (rules): by value density, by deadline, by flexibility.
 * Improvement works on what the decoder skipped: a skipped task moved ahead
 * of the tasks that blocked it often fits, and keeping the move when the
 * plan does not get worse lets plateaus be crossed. Each try is one decode
 * and is counted as an evaluation; 10 tries in a row without a strict gain
 * end the descent. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

static const char *const rule_names[] = {"value density", "earliest deadline", "least flexible", "longest first"};
#define SAT_RULES 4

int sat_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name)
{
    const satellite *m = sat_of(inst);
    if (rule < 0 || rule >= SAT_RULES)
        return ES_ENOTFOUND;
    *name = rule_names[rule];
    double *key = malloc((size_t)m->ntask * sizeof *key);
    if (!key)
        return ES_ENOMEM;
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        double len = t->end - t->start;
        double val = m->objective == SAT_PROFIT ? t->weight : (double)t->weight * t->dmax;
        key[k] = rule == 0   ? -val / len        /* much value in a short window first */
                 : rule == 1 ? (double)t->end   /* earliest deadline */
                 : rule == 2 ? len - t->dmax    /* least slack in its window */
                             : -val;            /* most value first */
        out->perm[k] = k;
    }
    es_sort_by_keys(out->perm, m->ntask, key);
    free(key);
    return ES_OK;
}

int sat_desirability(const es_instance *inst, double *eta)
{
    const satellite *m = sat_of(inst);
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        double val = m->objective == SAT_PROFIT ? t->weight : (double)t->weight * t->dmax;
        eta[k] = (val + 1e-9) / (1.0 + t->end - t->start - t->dmin); /* weight over window slack */
    }
    return ES_OK;
}

/* The decoder's scratch ends with room for a link list and two task arrays. */
static void improve_buffers(const satellite *m, void *scratch, sat_link **links, int **placed, int **trial)
{
    *links = sat_scratch_links(m, scratch);
    *placed = (int *)(*links + m->ntask);
    *trial = *placed + m->ntask;
}

int sat_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                long long *evaluations)
{
    const satellite *m = sat_of(inst);
    int n = m->ntask;
    sat_link *links;
    int *placed, *trial;
    improve_buffers(m, scratch, &links, &placed, &trial);
    long long allowance = *evaluations, spent = 0;
    int nl;
    double best = sat_decode(m, g->perm, scratch, links, &nl);
    sat_memo_offer(m, g->perm, links, nl, best); /* as the evaluations do (problem.c) */
    spent++;
    /* placed[] always describes g's current plan. */
    memset(placed, 0, (size_t)n * sizeof *placed);
    for (int i = 0; i < nl; i++)
        placed[links[i].task] = 1;
    /* A local optimum is declared after this many tries in a row without a
     * strict gain (equal moves are kept but do not count as progress). */
    int patience = 10, failures = 0;
    while (spent < allowance && failures < patience) {
        int skipped = 0, pick = -1;
        for (int q = 0; q < n; q++)
            if (!placed[g->perm[q]] && es_rng_below(rng, (uint32_t)++skipped) == 0)
                pick = q; /* reservoir sampling: a uniform skipped position */
        if (pick < 0)
            break; /* everything fits: nothing to gain here */
        int to = (int)es_rng_below(rng, (uint32_t)pick + 1u);
        memcpy(trial, g->perm, (size_t)n * sizeof *trial);
        int v = trial[pick];
        memmove(trial + to + 1, trial + to, (size_t)(pick - to) * sizeof *trial);
        trial[to] = v;
        int tl;
        double val = sat_decode(m, trial, scratch, links, &tl);
        spent++;
        failures = val > best ? 0 : failures + 1;
        if (val >= best) {
            memcpy(g->perm, trial, (size_t)n * sizeof *trial);
            best = val;
            sat_memo_offer(m, g->perm, links, tl, best);
            memset(placed, 0, (size_t)n * sizeof *placed);
            for (int i = 0; i < tl; i++)
                placed[links[i].task] = 1;
        }
    }
    *evaluations = spent;
    *value = best;
    return ES_OK;
}
