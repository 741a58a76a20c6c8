/* Peak crossover for activity lists (after Valls, Ballestín & Quintanilla
 * 2008): the child keeps the first parent's most resource-dense stretch of
 * schedule — the part of a good schedule hardest to rebuild — and takes the
 * second parent's order everywhere else.
 *
 * The first parent's list is decoded (serial SGS, forward); a window of a
 * quarter to half its makespan is placed where the summed resource
 * utilisation sum_k usage_k(t) / R_k is highest. Activities starting before
 * the window come first, in the second parent's order; those starting inside
 * it next, in the first parent's order; the rest last, in the second
 * parent's order. Predecessors start no later than their successors, so the
 * three groups are closed under predecessors in that order and each keeps a
 * feasible list's order: the child is precedence-feasible.
 *
 * The decode reproduces a schedule already generated (and counted) when the
 * first parent was made, so it is not counted again (see problem.h). */
#include <string.h>
#include "rcpsp.h"

enum { BEFORE = 0, PEAK = 1, AFTER = 2 };

/* Summed utilisation sum_k usage_k(t) / R_k at time t of a profile. */
static double utilisation(const rcpsp *r, const int *usage, int t)
{
    double u = 0;
    for (int k = 0; k < r->K; k++)
        if (r->cap[k] > 0) /* a resource of capacity 0 is never used */
            u += (double)usage[(size_t)t * (size_t)r->K + (size_t)k] / r->cap[k];
    return u;
}

/* Start of the window of `len` time units with the highest utilisation of
 * the schedule rcpsp_sgs just built (earliest on ties). */
static int peak_window(const rcpsp *r, const int *start, void *scratch, int makespan, int len)
{
    const int *usage = rcpsp_profile(r, start, makespan, RCPSP_FORWARD, scratch);
    double sum = 0, best = -1;
    int at = 0;
    for (int t = 0; t < makespan; t++) {
        sum += utilisation(r, usage, t);
        if (t >= len)
            sum -= utilisation(r, usage, t - len);
        if (t >= len - 1 && sum > best + 1e-12) {
            best = sum;
            at = t - len + 1;
        }
    }
    return at;
}

int rcpsp_peak_crossover(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                         void *scratch, es_rng *rng)
{
    const rcpsp *r = rcpsp_of(inst);
    int n = r->n;
    if (memcmp(a->perm, b->perm, (size_t)n * sizeof *a->perm) == 0) {
        memcpy(child->perm, a->perm, (size_t)n * sizeof *a->perm);
        return ES_OK;
    }
    int *start = rcpsp_scratch_tail(r, scratch), *group = start + n;
    int makespan = rcpsp_sgs(r, a->perm, RCPSP_FORWARD, scratch, start);
    int len = makespan / 4 + (int)es_rng_below(rng, (uint32_t)(makespan / 4 + 1));
    if (len < 1)
        len = 1;
    int t1 = makespan > len ? peak_window(r, start, scratch, makespan, len) : 0;
    for (int j = 0; j < n; j++)
        group[j] = start[j] < t1 ? BEFORE : start[j] < t1 + len ? PEAK : AFTER;
    int w = 0;
    for (int g = BEFORE; g <= AFTER; g++) {
        const int *from = g == PEAK ? a->perm : b->perm;
        for (int q = 0; q < n; q++)
            if (group[from[q]] == g)
                child->perm[w++] = from[q];
    }
    return ES_OK;
}
