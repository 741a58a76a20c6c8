/* The strong lower bound for total weighted tardiness: Lagrangian relaxation
 * of the time-indexed model (Tanaka, Fujikuma & Araki 2009, in the spirit of
 * their first two stages).
 *
 * Pricing "every job is processed exactly once" with multipliers mu_j leaves
 * a shortest path over time: [0, P) is filled by a sequence of job
 * occurrences (a job may occur twice or never), completing job j at t costs
 * w_j T_j(t) - mu_j, and the bound is the path's cost plus sum mu_j,
 * maximised by subgradient steps. Facts that hold in some optimal schedule
 * tighten the relaxed path:
 *  - no idle time, so the path fills exactly P = sum p_j (the objective is
 *    regular);
 *  - a job never follows itself;
 *  - and, in a short final polish, adjacent pairs are in their better order:
 *    i directly before j, ending at t, is forbidden when swapping them would
 *    cost less (or the same, with i > j). An optimal schedule with the fewest
 *    inversions has no such pair, so the rule cuts paths, never the optimum.
 * States are (t, last job), but each t keeps only its few cheapest states,
 * sorted: without adjacency the best allowed predecessor is one of the first
 * two; with it, when none of the kept ones may precede a job, the relaxation
 * is loosened rather than scanning all n (see best_pred). The result on
 * OR-Library's wt100 is measured by bench/bench_tardiness. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

#define LR_TOP 6               /* cheapest states kept sorted per time */
#define LR_MAX_STATES 25000000 /* n (P + 1): past this the bound is not attempted */

typedef struct lr_top {
    double f[LR_TOP];
    int job[LR_TOP];
    int count;
} lr_top;

typedef struct lr_work {
    const tardiness *t;
    int n;
    int64_t P;
    int64_t mask;  /* states of the last mask + 1 > max p times are kept */
    lr_top *top;   /* [mask + 1], indexed by time & mask */
    int32_t *pred; /* [(P + 1) n]: the last job before j at t, -1 for none */
    int *count;
} lr_work;

/* May i come directly before j when j completes at tt? Before both due
 * dates every order costs 0 and the tie-break decides; once both are late in
 * either order the better order is the WSPT one; only in between are the
 * four costs needed. */
static int adjacent_ok(const tardiness *t, int i, int j, int64_t tt)
{
    if (i == j)
        return 0;
    int64_t di = t->d[i], dj = t->d[j];
    if (tt <= (di < dj ? di : dj))
        return i < j;
    int64_t pi = t->p[i], pj = t->p[j];
    int64_t as_is, swapped;
    if (tt - pj >= di && tt - pi >= dj) {
        as_is = (int64_t)t->w[j] * pi;
        swapped = (int64_t)t->w[i] * pj;
    } else {
        as_is = tard_cost(t, i, tt - pj) + tard_cost(t, j, tt);
        swapped = tard_cost(t, j, tt - pi) + tard_cost(t, i, tt);
    }
    return as_is < swapped || (as_is == swapped && i < j);
}

static void top_insert(lr_top *tp, double f, int job)
{
    if (tp->count == LR_TOP && f >= tp->f[LR_TOP - 1])
        return;
    int k = tp->count < LR_TOP ? tp->count++ : LR_TOP - 1;
    while (k > 0 && tp->f[k - 1] > f) {
        tp->f[k] = tp->f[k - 1];
        tp->job[k] = tp->job[k - 1];
        k--;
    }
    tp->f[k] = f;
    tp->job[k] = job;
}

/* The cheapest allowed predecessor state of job j completing at tt, which
 * starts at s > 0; returns its last job, or -1 if none can precede j. When
 * none of the few cheapest states at s is allowed, the last of them stands in
 * for the true predecessor: every state outside the list costs at least as
 * much, so the path's value can only drop and the bound stays valid, while
 * the O(n) scan for the exact one would dominate the running time. */
static int best_pred(const lr_work *w, int j, int64_t tt, int64_t s, int adjacency, double *fbest)
{
    const lr_top *tp = &w->top[s & w->mask];
    for (int k = 0; k < tp->count; k++)
        if (adjacency ? adjacent_ok(w->t, tp->job[k], j, tt) : tp->job[k] != j) {
            *fbest = tp->f[k];
            return tp->job[k];
        }
    if (tp->count < LR_TOP)
        return -1; /* the list holds every reachable state at s */
    *fbest = tp->f[LR_TOP - 1];
    return tp->job[LR_TOP - 1];
}

/* One solve of the relaxed problem for the multipliers mu: returns the
 * bound's value and fills w->count with how often each job occurs. */
static double lr_solve(lr_work *w, const double *mu, int adjacency)
{
    const tardiness *t = w->t;
    int n = w->n;
    double summu = 0;
    for (int j = 0; j < n; j++)
        summu += mu[j];
    for (int64_t tt = 1; tt <= w->P; tt++) {
        lr_top *tp = &w->top[tt & w->mask];
        int32_t *pr = &w->pred[(size_t)tt * (size_t)n];
        tp->count = 0;
        for (int j = 0; j < n; j++) {
            int64_t s = tt - t->p[j];
            double fp = INFINITY;
            int i = -1;
            if (s == 0)
                fp = 0;
            else if (s > 0)
                i = best_pred(w, j, tt, s, adjacency, &fp);
            pr[j] = i;
            double f = fp + (double)tard_cost(t, j, tt) - mu[j];
            if (f < INFINITY)
                top_insert(tp, f, j);
        }
    }
    const lr_top *end = &w->top[w->P & w->mask];
    if (end->count == 0)
        return -INFINITY; /* cannot happen: any schedule is a path */
    memset(w->count, 0, (size_t)n * sizeof *w->count);
    for (int64_t tt = w->P, j = end->job[0]; tt > 0;) {
        w->count[j]++;
        int i = w->pred[(size_t)tt * (size_t)n + (size_t)j];
        tt -= t->p[j];
        j = i;
    }
    return end->f[0] + summu;
}

/* Objective values are integers: a bound, rounded up less a margin for the
 * rounding error a long path of sums can carry, that reaches upper proves
 * it optimal. */
static int64_t rounded_up(double bound)
{
    return (int64_t)ceil(bound - 1e-6 - 1e-9 * fabs(bound));
}

static int meets(double bound, int64_t upper)
{
    return rounded_up(bound) >= upper;
}

/* Subgradient ascent on mu from its current value; raises *best. Polyak
 * steps towards the upper bound, the step factor shrinking when the bound
 * stalls; stops early once the bound meets the upper bound. */
static void lr_ascent(lr_work *w, double *mu, int adjacency, int iterations, int patience, double lambda,
                      int64_t upper, double *best)
{
    int n = w->n, since = 0;
    for (int it = 0; it < iterations && lambda >= 1e-3; it++) {
        double L = lr_solve(w, mu, adjacency);
        if (L > *best + 1e-9) {
            *best = L;
            since = 0;
        } else if (++since >= patience) {
            lambda *= 0.8;
            since = 0;
        }
        if (meets(*best, upper) || es_stop_requested())
            return;
        double norm = 0;
        for (int j = 0; j < n; j++)
            norm += (double)(1 - w->count[j]) * (1 - w->count[j]);
        if (norm == 0)
            break; /* every job once: no direction left */
        double step = lambda * ((double)upper - L) / norm;
        for (int j = 0; j < n; j++)
            mu[j] += step * (1 - w->count[j]);
    }
}

int tard_lagrangian_fits(const tardiness *t)
{
    return t->total_p > 0 && (double)t->n * (double)(t->total_p + 1) <= LR_MAX_STATES;
}

int64_t tard_lagrangian_bound(const tardiness *t, int iterations, int64_t upper)
{
    int n = t->n;
    int64_t P = t->total_p;
    if (!tard_lagrangian_fits(t))
        return 0;
    int pmax = 0;
    for (int j = 0; j < n; j++) {
        if (t->p[j] < 1)
            return 0; /* parsers refuse these; a zero duration would stall the path */
        if (t->p[j] > pmax)
            pmax = t->p[j];
    }
    lr_work w = {.t = t, .n = n, .P = P, .mask = 1};
    while (w.mask < pmax) /* a power of two, so that no division is needed per state */
        w.mask = 2 * w.mask + 1;
    w.top = malloc((size_t)(w.mask + 1) * sizeof *w.top);
    w.pred = malloc((size_t)(P + 1) * (size_t)n * sizeof *w.pred);
    w.count = malloc((size_t)n * sizeof *w.count);
    double *mu = calloc((size_t)n, sizeof *mu);
    double best = 0;
    if (w.top && w.pred && w.count && mu) {
        /* The plain relaxation converges fast and cheaply; a short polish
         * with the adjacency rules (four times the cost per solve) then
         * raises it further from where it stopped. */
        /* Stalls tolerated before the step shrinks: 10 over 300 steps, fewer
         * when fewer steps are allowed, so that a short ascent still
         * settles. */
        int patience = iterations >= 300 ? 10 : iterations / 30 > 2 ? iterations / 30 : 2;
        /* The adjacency relaxation at zero multipliers is often tight when
         * few jobs are late (wt40 #1: the optimum, 913, where the ascent
         * ends at 909). Taken aside: fed into the ascent's best, it made the
         * steps shrink sooner and the bounds weaker in total. Told to stop,
         * the bound is one plain solve (a quarter of an adjacency solve's
         * time): 500 jobs took 0.8 s to stop with every stage's first solve. */
        double at_zero = es_stop_requested() ? 0 : lr_solve(&w, mu, 1);
        if (!meets(at_zero, upper)) {
            lr_ascent(&w, mu, 0, iterations, patience, 2.0, upper, &best);
            if (!es_stop_requested())
                lr_ascent(&w, mu, 1, iterations / 30, 10, 0.2, upper, &best);
        }
        if (at_zero > best)
            best = at_zero;
    }
    free(w.top);
    free(w.pred);
    free(w.count);
    free(mu);
    return rounded_up(best);
}
