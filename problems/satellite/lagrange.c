/* A Lagrangian bound on the interval capacity LP (bound.c), for projects
 * too large for GLPK's simplex before a run.
 *
 * The capacity rows (station, satellite and pair per bucket) are priced by
 * multipliers lam >= 0. What is left splits by task into a fractional
 * knapsack: the task's columns, each worth its weight less the prices of
 * its rows per unit of time, filled best first up to dmax. For every
 * lam >= 0 the knapsacks' total plus lam times the capacities bounds the
 * LP from above (weak duality), and so every plan: the subgradient method
 * only looks for small such values, and the least one seen is the bound.
 * It costs a pass over the columns per step, where GLPK's simplex takes
 * seconds from about 10,000 columns on.
 *
 * PROFIT is the same LP with weight / dmax per unit of time: a task's z in
 * [0, 1] is its time over dmax. */
#include <math.h>
#include <stdlib.h>
#include "satellite.h"

typedef struct lagrange {
    const satellite *m;
    const sat_relaxation *r;
    int *first;       /* columns of task k: first[k] .. first[k + 1] - 1 */
    double *lam;      /* per capacity row */
    double *use;      /* per capacity row: the knapsacks' time in it */
    double *unit;     /* per task: what a unit of its time earns */
    double *reduced;  /* per column, this step */
    int *by_reduced;  /* a task's columns, best first */
} lagrange;

/* Best first; ties by column, so that every platform's qsort takes the
 * same steps. */
static int by_reduced_desc(const void *a, const void *b, void *ctx)
{
    const double *red = ctx;
    int i = *(const int *)a, j = *(const int *)b;
    if (red[i] != red[j])
        return red[i] < red[j] ? 1 : -1;
    return (i > j) - (i < j);
}

/* The columns in by_reduced_desc's order, which is total, so any sort
 * gives the same one. A task has a few dozen columns at most but for the
 * longest windows, and on 50,000 tasks qsort's set-up per call cost more
 * than the comparisons. */
static void sort_columns(int *col, int n, const double *red)
{
    if (n > 48) {
        qsort_r(col, (size_t)n, sizeof *col, by_reduced_desc, (void *)red);
        return;
    }
    for (int i = 1; i < n; i++) {
        int c = col[i], j = i;
        for (; j > 0 && by_reduced_desc(&col[j - 1], &c, (void *)red) > 0; j--)
            col[j] = col[j - 1];
        col[j] = c;
    }
}

/* L(lam), and each row's time in the knapsacks' solution into g->use. */
static double lagrangian(lagrange *g)
{
    const sat_relaxation *r = g->r;
    double value = 0;
    for (int i = 0; i < r->nrow; i++) {
        value += g->lam[i] * r->cap[i];
        g->use[i] = 0;
    }
    for (int k = 0; k < g->m->ntask; k++) {
        int nk = 0;
        double positive = 0;
        for (int c = g->first[k]; c < g->first[k + 1]; c++) {
            double red = g->unit[k];
            for (int kind = 0; kind < 3; kind++)
                if (r->c[c].row[kind] >= 0)
                    red -= g->lam[r->c[c].row[kind]];
            g->reduced[c] = red;
            if (red > 0)
                g->by_reduced[nk++] = c, positive += r->c[c].ub;
        }
        double left = g->m->tasks[k].dmax;
        if (positive > left && nk > 1) /* dmax binds: the best columns first */
            sort_columns(g->by_reduced, nk, g->reduced);
        for (int q = 0; q < nk && left > 0; q++) {
            const sat_column *c = &r->c[g->by_reduced[q]];
            double y = c->ub < left ? c->ub : left;
            left -= y;
            value += g->reduced[g->by_reduced[q]] * y;
            for (int kind = 0; kind < 3; kind++)
                if (c->row[kind] >= 0)
                    g->use[c->row[kind]] += y;
        }
    }
    return value;
}

/* A feasible point of the LP, greedily (the columns by their task's unit
 * worth, each filled as far as its task and rows allow): what it earns is
 * a floor under the LP's optimum, the target of the step length. */
static double greedy_floor(lagrange *g)
{
    const sat_relaxation *r = g->r;
    int *order = malloc((size_t)(r->nc > 0 ? r->nc : 1) * sizeof *order);
    double *key = malloc((size_t)(r->nc > 0 ? r->nc : 1) * sizeof *key);
    double *task_left = malloc((size_t)g->m->ntask * sizeof *task_left);
    if (!order || !key || !task_left) {
        free(order), free(key), free(task_left);
        return 0;
    }
    for (int k = 0; k < g->m->ntask; k++)
        task_left[k] = g->m->tasks[k].dmax;
    for (int i = 0; i < r->nrow; i++)
        g->use[i] = r->cap[i]; /* room left */
    for (int c = 0; c < r->nc; c++)
        order[c] = c, key[c] = -g->unit[r->c[c].task];
    es_sort_by_keys(order, r->nc, key);
    double value = 0;
    for (int q = 0; q < r->nc; q++) {
        const sat_column *c = &r->c[order[q]];
        double y = fmin(c->ub, task_left[c->task]);
        for (int kind = 0; kind < 3; kind++)
            if (c->row[kind] >= 0)
                y = fmin(y, g->use[c->row[kind]]);
        if (y <= 0)
            continue;
        task_left[c->task] -= y;
        for (int kind = 0; kind < 3; kind++)
            if (c->row[kind] >= 0)
                g->use[c->row[kind]] -= y;
        value += g->unit[c->task] * y;
    }
    free(order), free(key), free(task_left);
    return value;
}

/* Polyak's step towards the greedy floor, its factor halved whenever 10
 * steps in a row find no smaller value. */
static double subgradient(lagrange *g, int iterations)
{
    const sat_relaxation *r = g->r;
    double floor_value = greedy_floor(g), best = INFINITY, theta = 2;
    int stale = 0;
    for (int it = 0; it < iterations && theta > 1e-3; it++) {
        double v = lagrangian(g);
        if (v < best - 1e-9 * fabs(v))
            best = v, stale = 0;
        else if (++stale >= 10)
            theta /= 2, stale = 0;
        /* done when the bound, rounded down, meets a feasible value; every
         * value so far is a bound, so a run out of time may take it */
        if (best - floor_value < 1 || es_stop_requested())
            break;
        double norm = 0;
        for (int i = 0; i < r->nrow; i++) {
            double d = g->use[i] - r->cap[i];
            if (g->lam[i] > 0 || d > 0)
                norm += d * d;
        }
        if (norm == 0) /* complementary slackness: v is the LP's optimum */
            break;
        double step = theta * (v - floor_value) / norm;
        for (int i = 0; i < r->nrow; i++) {
            double l = g->lam[i] + step * (g->use[i] - r->cap[i]);
            g->lam[i] = l > 0 ? l : 0;
        }
    }
    return best;
}

double sat_lagrange_bound(const satellite *m, const sat_relaxation *r, int iterations)
{
    int n = m->ntask;
    size_t nc = (size_t)(r->nc > 0 ? r->nc : 1), nrow = (size_t)(r->nrow > 0 ? r->nrow : 1);
    lagrange g = {m, r, malloc(((size_t)n + 1) * sizeof(int)), calloc(nrow, sizeof(double)),
                  malloc(nrow * sizeof(double)), malloc(((size_t)n + 1) * sizeof(double)), malloc(nc * sizeof(double)),
                  malloc(nc * sizeof(int))};
    double bound = -1;
    if (g.first && g.lam && g.use && g.unit && g.reduced && g.by_reduced) {
        for (int k = 0, c = 0; k <= n; k++) {
            while (c < r->nc && r->c[c].task < k)
                c++;
            g.first[k] = c;
        }
        for (int k = 0; k < n; k++) {
            const sat_task *t = &m->tasks[k];
            g.unit[k] = m->objective == SAT_PROFIT ? (double)t->weight / t->dmax : t->weight;
        }
        double v = subgradient(&g, iterations);
        /* every value seen is a true bound but for rounding in its sums:
         * a little slack upwards before rounding down */
        if (isfinite(v))
            bound = floor(v + 1e-9 * fmax(1, fabs(v)));
    }
    free(g.first), free(g.lam), free(g.use), free(g.unit), free(g.reduced), free(g.by_reduced);
    return bound;
}
