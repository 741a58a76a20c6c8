/* A destructive lower bound for RCPSP (in the manner of Klein & Scholl,
 * 1999): a makespan T is refuted when the time windows it gives every job,
 * narrowed by precedence and by the parts of jobs that must run at fixed
 * times (timetabling), leave some job no start, or ask more of a resource
 * in some interval than it can give (energetic reasoning). The bound is
 * the smallest T not refuted.
 *
 * Why here, and not only GLPK's model: the critical path and the energy
 * bound ignore how jobs compete in time, so on projects with scarce
 * resources they sit far below the optimum and every report's gap is
 * mostly the bound's fault. This reasoning costs milliseconds where the
 * time-indexed LP costs seconds, and every run gets it.
 *
 * Soundness is what matters: a bound above the optimum would stop runs as
 * "optimal" when they are not. Each rule only removes start times that no
 * schedule of makespan T can use, so a refutation is a proof. */
#include <stdlib.h>
#include "rcpsp.h"

/* Projects beyond these are left to the other bounds: the energetic check
 * costs about n^3 K operations for each T tried, the profile T integers. */
#define DESTRUCTIVE_MAX_WORK 200000000.0
#define DESTRUCTIVE_MAX_T 1000000

typedef struct windows {
    const rcpsp *r;
    int T;
    int *es, *ls; /* earliest and latest start of each job */
    int *load;    /* one resource's compulsory load over [0, T) */
    int *t1, *t2; /* the energetic check's interval ends */
} windows;

static int req(const rcpsp *r, int j, int k) { return r->req[j * r->K + k]; }

/* Precedence, both ways, in topological order; 1 if a window changed. */
static int propagate_precedence(windows *w)
{
    const rcpsp *r = w->r;
    int changed = 0;
    for (int q = 0; q < r->n; q++) {
        int j = r->by_rank[q];
        for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++) {
            int s = r->succ[e];
            if (w->es[j] + r->dur[j] > w->es[s])
                w->es[s] = w->es[j] + r->dur[j], changed = 1;
        }
    }
    for (int q = r->n - 1; q >= 0; q--) {
        int j = r->by_rank[q];
        for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++) {
            int s = r->succ[e];
            if (w->ls[s] - r->dur[j] < w->ls[j])
                w->ls[j] = w->ls[s] - r->dur[j], changed = 1;
        }
    }
    return changed;
}

/* Timetabling on resource k: the compulsory parts' load, then each job's
 * window narrowed to the starts where it fits beside the others' parts.
 * Returns -1 when refuted, else 1 if a window changed. */
static int propagate_timetable(windows *w, int k)
{
    const rcpsp *r = w->r;
    int cap = r->cap[k], changed = 0;
    for (int t = 0; t < w->T; t++)
        w->load[t] = 0;
    for (int j = 0; j < r->n; j++)
        if (req(r, j, k) > 0 && w->ls[j] < w->es[j] + r->dur[j])
            for (int t = w->ls[j]; t < w->es[j] + r->dur[j]; t++)
                if ((w->load[t] += req(r, j, k)) > cap)
                    return -1;
    for (int j = 0; j < r->n; j++) {
        int q = req(r, j, k), d = r->dur[j];
        if (q == 0 || d == 0)
            continue;
        /* The loads other jobs leave: j's own part, if any, is taken out
         * as it was when load was summed (only j's window changes below). */
        int own_from = w->ls[j], own_to = w->es[j] + d;
#define OVER(t) (w->load[t] - ((t) >= own_from && (t) < own_to ? q : 0) + q > cap)
        int t = w->es[j];
        for (;;) {
            if (t > w->ls[j])
                return -1;
            int bad = -1;
            for (int u = t + d - 1; u >= t; u--)
                if (OVER(u)) {
                    bad = u;
                    break;
                }
            if (bad < 0)
                break;
            t = bad + 1; /* every start up to bad runs at bad */
        }
        if (t > w->es[j])
            w->es[j] = t, changed = 1;
        t = w->ls[j];
        for (;;) {
            if (t < w->es[j])
                return -1;
            int bad = -1;
            for (int u = t; u < t + d; u++)
                if (OVER(u)) {
                    bad = u;
                    break;
                }
            if (bad < 0)
                break;
            t = bad - d; /* every start from bad - d + 1 on runs at bad */
        }
#undef OVER
        if (t < w->ls[j])
            w->ls[j] = t, changed = 1;
    }
    return changed;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Energetic reasoning on resource k: in every interval [a, b) between an
 * earliest start and a latest finish, the work that must fall inside it
 * (each job shifted as far out of it as its window allows) against what
 * the resource can give there. 1 when refuted. */
static int energy_overload(windows *w, int k)
{
    const rcpsp *r = w->r;
    int n1 = 0, n2 = 0;
    for (int j = 0; j < r->n; j++)
        if (req(r, j, k) > 0 && r->dur[j] > 0) {
            w->t1[n1++] = w->es[j];
            w->t2[n2++] = w->ls[j] + r->dur[j];
        }
    qsort(w->t1, (size_t)n1, sizeof *w->t1, cmp_int);
    qsort(w->t2, (size_t)n2, sizeof *w->t2, cmp_int);
    for (int x = 0; x < n1; x++) {
        int a = w->t1[x];
        if (x > 0 && a == w->t1[x - 1])
            continue;
        for (int y = 0; y < n2; y++) {
            int b = w->t2[y];
            if (b <= a || (y > 0 && b == w->t2[y - 1]))
                continue;
            long long need = 0, room = (long long)r->cap[k] * (b - a);
            for (int j = 0; j < r->n && need <= room; j++) {
                int q = req(r, j, k), d = r->dur[j];
                if (q == 0 || d == 0)
                    continue;
                int m = b - a;
                if (d < m)
                    m = d;
                if (w->es[j] + d - a < m)
                    m = w->es[j] + d - a;
                if (b - w->ls[j] < m)
                    m = b - w->ls[j];
                if (m > 0)
                    need += (long long)m * q;
            }
            if (need > room)
                return 1;
        }
    }
    return 0;
}

/* 1 when no schedule of makespan T exists, as far as the rules can tell. */
static int refuted(windows *w, int T)
{
    const rcpsp *r = w->r;
    w->T = T;
    for (int j = 0; j < r->n; j++) {
        w->es[j] = r->es[j];
        w->ls[j] = r->lf[j] - r->dur[j] + (T - r->critical_path);
    }
    for (;;) {
        int changed = propagate_precedence(w);
        for (int j = 0; j < r->n; j++)
            if (w->es[j] > w->ls[j])
                return 1;
        for (int k = 0; k < r->K; k++) {
            int c = propagate_timetable(w, k);
            if (c < 0)
                return 1;
            changed |= c;
        }
        if (!changed)
            break;
    }
    for (int k = 0; k < r->K; k++)
        if (energy_overload(w, k))
            return 1;
    return 0;
}

static int too_large(const rcpsp *r)
{
    double work = (double)r->n * r->n * r->n * (r->K > 0 ? r->K : 1);
    return work > DESTRUCTIVE_MAX_WORK || r->horizon > DESTRUCTIVE_MAX_T || r->K == 0;
}

/* The work arrays; es and ls are the caller's when given. 0 if out of memory. */
static int windows_open(const rcpsp *r, int *es, int *ls, windows *w)
{
    *w = (windows){r, 0, es, ls, NULL, NULL, NULL};
    if (!es)
        w->es = malloc((size_t)r->n * sizeof *w->es);
    if (!ls)
        w->ls = malloc((size_t)r->n * sizeof *w->ls);
    w->t1 = malloc((size_t)r->n * sizeof *w->t1);
    w->t2 = malloc((size_t)r->n * sizeof *w->t2);
    w->load = malloc((size_t)r->horizon * sizeof *w->load);
    return w->es && w->ls && w->t1 && w->t2 && w->load;
}

static void windows_close(windows *w, const int *es, const int *ls)
{
    if (w->es != es)
        free(w->es);
    if (w->ls != ls)
        free(w->ls);
    free(w->t1);
    free(w->t2);
    free(w->load);
}

int rcpsp_time_windows(const rcpsp *r, int T, int *es, int *ls)
{
    if (T < r->critical_path || T >= r->horizon || too_large(r))
        return -1;
    windows w;
    int st = windows_open(r, es, ls, &w) ? refuted(&w, T) : -1;
    windows_close(&w, es, ls);
    return st;
}

int rcpsp_destructive_bound(const rcpsp *r)
{
    int from = rcpsp_simple_bound(r);
    if (from >= r->horizon || too_large(r))
        return from;
    windows w;
    int bound = from;
    if (windows_open(r, NULL, NULL, &w) && refuted(&w, from)) {
        /* Refutation is monotone in T (a shorter makespan only narrows the
         * windows), so gallop up to a T it cannot refute, then bisect. A
         * serial schedule never exceeds the horizon: it is never refuted. */
        int bad = from, good = r->horizon, step = 1;
        while (bad + step < good && refuted(&w, bad + step))
            bad += step, step *= 2;
        if (bad + step < good)
            good = bad + step;
        while (good - bad > 1) {
            int mid = bad + (good - bad) / 2;
            if (refuted(&w, mid))
                bad = mid;
            else
                good = mid;
        }
        bound = good;
    }
    windows_close(&w, NULL, NULL);
    return bound;
}
