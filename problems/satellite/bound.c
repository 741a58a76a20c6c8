/* Upper bounds on the value of a satellite plan, the problem's bound hook.
 *
 * Two relaxations, the smaller reported:
 * - per (satellite, station) pair, the tasks' whole worth or the pair's
 *   visible time at its heaviest weight: instant, and exact where pairs do
 *   not compete, but blind to stations and satellites shared by several
 *   pairs (M-1: 3,625,086 against plans of about 2,057,000);
 * - an LP over time buckets (the interval capacity LP): y[k][B], the time
 *   task k links within bucket B, is at most their overlap; a task links at
 *   most dmax in all (exactly dmax z[k] under PROFIT); within a bucket a
 *   station's links take at most antennas * |B| of time, a satellite's
 *   feeds * |B| and a pair's |B|. Every plan gives such a y (a link's
 *   overlap with each bucket), so the LP's optimum bounds every plan; gaps
 *   and setups are left out, and coarser buckets only weaken it. GLPK
 *   solves it exactly up to SAT_BOUND_MAX_COLUMNS columns; beyond, the
 *   Lagrangian bound of lagrange.c takes the finer buckets GLPK could not. */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

/* GLPK's columns at most. Its time grows faster than the LP (L-1: 0.17 s
 * at 4,173 columns, 1.8 s at 13,742; a 10,000-task project 1.2 s at 12,000)
 * and the bound runs before every run (docs/satellite.md, "Bounds"). */
#define SAT_BOUND_MAX_COLUMNS 5000

/* The Lagrangian bound's columns and steps at most. A step is a pass over
 * the columns; the steps shrink until they stop paying, after a few
 * hundred (on GLPK's 5,000 columns it ends 0.03% above the LP's optimum on
 * XL-1, 0.04% on L-1). Ten columns a task bring it close to the finest
 * buckets' value (XL-1: 13,381,484 in 0.5 s, against 13,354,877 at fifty a
 * task); the cap keeps a 50,000-task project under two seconds. */
#define SAT_LAGRANGE_MAX_COLUMNS 150000
#define SAT_LAGRANGE_STEPS 1000
/* Columns times steps at most: a project of more tasks than the columns'
 * cap (one bucket, a column a task) takes fewer steps, not more time. */
#define SAT_LAGRANGE_WORK (150000LL * 1000)

/* Links of one pair never overlap, so a pair earns at most its heaviest
 * weight over the union of its windows, and never more than all its tasks
 * at dmax (LINKTIME); under PROFIT, the sum of its weights. -1 when out of
 * memory. */
static double pair_capacity_bound(const satellite *m)
{
    double *sum = calloc((size_t)m->npair, sizeof *sum), *cap = calloc((size_t)m->npair, sizeof *cap);
    double *wmax = calloc((size_t)m->npair, sizeof *wmax);
    long *last_end = malloc((size_t)m->npair * sizeof *last_end);
    int *order = malloc((size_t)m->ntask * sizeof *order);
    double *key = malloc((size_t)m->ntask * sizeof *key);
    double total = -1;
    if (!sum || !cap || !wmax || !last_end || !order || !key)
        goto done;
    for (int k = 0; k < m->ntask; k++) {
        order[k] = k;
        key[k] = m->tasks[k].start;
        int p = m->pair_of_task[k];
        const sat_task *t = &m->tasks[k];
        sum[p] += m->objective == SAT_PROFIT ? t->weight : (double)t->weight * t->dmax;
        if (t->weight > wmax[p])
            wmax[p] = t->weight;
    }
    es_sort_by_keys(order, m->ntask, key);
    for (int p = 0; p < m->npair; p++)
        last_end[p] = -1;
    /* Union length of each pair's windows, sweeping by start. */
    for (int q = 0; q < m->ntask; q++) {
        const sat_task *t = &m->tasks[order[q]];
        int p = m->pair_of_task[order[q]];
        long from = t->start > last_end[p] ? t->start : last_end[p];
        if (t->end > from)
            cap[p] += (double)(t->end - from);
        if (t->end > last_end[p])
            last_end[p] = t->end;
    }
    total = 0;
    for (int p = 0; p < m->npair; p++)
        total += m->objective == SAT_PROFIT ? sum[p] : fmin(sum[p], wmax[p] * cap[p]);
done:
    free(sum), free(cap), free(wmax), free(last_end), free(order), free(key);
    return total;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The first bucket [at[j], at[j+1]) that meets a window opening at start. */
static int first_bucket(const int *at, int nb, int start)
{
    int lo = 0, hi = nb - 1;
    while (lo < hi) { /* the last bound <= start */
        int mid = (lo + hi + 1) / 2;
        if (at[mid] <= start)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

static long long overlaps(const satellite *m, const int *at, int nb)
{
    long long n = 0;
    for (int k = 0; k < m->ntask; k++)
        for (int j = first_bucket(at, nb, m->tasks[k].start); j < nb - 1 && at[j] < m->tasks[k].end; j++)
            n++;
    return n;
}

/* The buckets' bounds into at (room for 2 ntask): every step-th of the
 * windows' ends (and the last), with the least step that keeps the
 * task-bucket overlaps (into *columns) within max_columns (or one bucket).
 * Returns the number of bounds (buckets + 1), or -1 when out of memory. */
static int bucket_bounds(const satellite *m, long long max_columns, int *at, long long *columns)
{
    int n = 0;
    for (int k = 0; k < m->ntask; k++)
        at[n++] = m->tasks[k].start, at[n++] = m->tasks[k].end;
    qsort(at, (size_t)n, sizeof *at, cmp_int);
    int d = 0;
    for (int i = 0; i < n; i++)
        if (d == 0 || at[i] != at[d - 1])
            at[d++] = at[i];
    int *kept = malloc((size_t)d * sizeof *kept);
    if (!kept)
        return -1;
    /* the overlaps shrink as the step grows, near enough monotonically for
     * a bisection; any step gives a valid bound */
    int lo = 1, hi = d;
    long long fit = m->ntask; /* step d: one bucket, one column per task */
    while (lo < hi) {
        int step = lo + (hi - lo) / 2, nb = 0;
        for (int i = 0; i < d - 1; i += step)
            kept[nb++] = at[i];
        kept[nb++] = at[d - 1];
        long long cols = overlaps(m, kept, nb);
        if (cols <= max_columns)
            hi = step, fit = cols;
        else
            lo = step + 1;
    }
    int nb = 0;
    for (int i = 0; i < d - 1; i += lo)
        kept[nb++] = at[i];
    kept[nb++] = at[d - 1];
    memcpy(at, kept, (size_t)nb * sizeof *at);
    free(kept);
    *columns = fit;
    return nb;
}

typedef struct keyed_col {
    long long key;
    int col;
} keyed_col;

static int by_key(const void *a, const void *b)
{
    const keyed_col *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* The rows of one kind of capacity (0 station, 1 satellite, 2 pair): the
 * columns grouped by (owner, bucket), a row for each group that could
 * overfill it. */
static void capacity_rows(const satellite *m, sat_relaxation *r, const int *at, int kind, keyed_col *kc)
{
    for (int i = 0; i < r->nc; i++) {
        const sat_task *t = &m->tasks[r->c[i].task];
        long long owner = kind == 0 ? t->sta : kind == 1 ? t->sat : m->pair_of_task[r->c[i].task];
        kc[i].key = owner * (long long)(2 * m->ntask + 1) + r->c[i].bucket;
        kc[i].col = i;
    }
    qsort(kc, (size_t)r->nc, sizeof *kc, by_key);
    for (int i = 0; i < r->nc;) {
        int e = i;
        double sum = 0;
        while (e < r->nc && kc[e].key == kc[i].key)
            sum += r->c[kc[e++].col].ub;
        const sat_column *first = &r->c[kc[i].col];
        const sat_task *t = &m->tasks[first->task];
        int units = kind == 0 ? m->stas[t->sta].antennas : kind == 1 ? m->sats[t->sat].feeds : 1;
        double cap = (double)units * (at[first->bucket + 1] - at[first->bucket]);
        int row = -1;
        if (sum > cap) {
            row = r->nrow++;
            r->cap[row] = cap;
        }
        for (int q = i; q < e; q++)
            r->c[kc[q].col].row[kind] = row;
        i = e;
    }
}

void sat_relaxation_free(sat_relaxation *r)
{
    free(r->c), free(r->cap);
    *r = (sat_relaxation){0, 0, NULL, NULL};
}

int sat_relaxation_build(const satellite *m, long long max_columns, sat_relaxation *r)
{
    int n = m->ntask;
    *r = (sat_relaxation){0, 0, NULL, NULL};
    int *at = malloc((size_t)(2 * n) * sizeof *at);
    long long ncl = 0;
    int nb = at ? bucket_bounds(m, max_columns, at, &ncl) : -1;
    size_t room = (size_t)(ncl > 0 ? ncl : 1);
    keyed_col *kc = malloc(room * sizeof *kc);
    r->c = malloc(room * sizeof *r->c);
    r->cap = malloc(3 * room * sizeof *r->cap);
    int st = nb > 0 && kc && r->c && r->cap ? ES_OK : ES_ENOMEM;
    for (int k = 0; st == ES_OK && k < n; k++) {
        const sat_task *t = &m->tasks[k];
        for (int j = first_bucket(at, nb, t->start); j < nb - 1 && at[j] < t->end; j++) {
            int lo = t->start > at[j] ? t->start : at[j], hi = t->end < at[j + 1] ? t->end : at[j + 1];
            r->c[r->nc++] = (sat_column){k, j, (double)(hi - lo), {-1, -1, -1}};
        }
    }
    for (int kind = 0; st == ES_OK && kind < 3; kind++)
        capacity_rows(m, r, at, kind, kc);
    free(at), free(kc);
    if (st != ES_OK)
        sat_relaxation_free(r);
    return st;
}

static void on_glpk_error(void *info) { longjmp(*(jmp_buf *)info, 1); }

/* Task k's row is k + 1, capacity row i is ntask + i + 1. */
double sat_relaxation_lp(const satellite *m, const sat_relaxation *r)
{
    int n = m->ntask, profit = m->objective == SAT_PROFIT, nz = profit ? n : 0; /* PROFIT: z[k] after the y */
    size_t cap_ne = (size_t)4 * (size_t)r->nc + (size_t)n + 1;
    int *ia = malloc(cap_ne * sizeof *ia), *ja = malloc(cap_ne * sizeof *ja);
    double *ar = malloc(cap_ne * sizeof *ar);
    volatile double bound = -1; /* kept across the longjmp */
    jmp_buf on_error;
    if (!ia || !ja || !ar || setjmp(on_error)) {
        free(ia), free(ja), free(ar);
        glp_free_env();
        return bound;
    }
    glp_error_hook(on_glpk_error, &on_error);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, r->nc + nz);
    glp_add_rows(lp, n + r->nrow);
    int ne = 0;
    for (int i = 0; i < r->nc; i++) {
        const sat_column *c = &r->c[i];
        glp_set_col_bnds(lp, i + 1, GLP_DB, 0, c->ub);
        glp_set_obj_coef(lp, i + 1, profit ? 0 : m->tasks[c->task].weight);
        ++ne, ia[ne] = c->task + 1, ja[ne] = i + 1, ar[ne] = 1;
        for (int kind = 0; kind < 3; kind++)
            if (c->row[kind] >= 0)
                ++ne, ia[ne] = n + c->row[kind] + 1, ja[ne] = i + 1, ar[ne] = 1;
    }
    /* each task's time in all: at most dmax (LINKTIME), dmax z (PROFIT) */
    for (int k = 0; k < n; k++) {
        const sat_task *t = &m->tasks[k];
        if (profit) {
            glp_set_col_bnds(lp, r->nc + k + 1, GLP_DB, 0, 1);
            glp_set_obj_coef(lp, r->nc + k + 1, t->weight);
            glp_set_row_bnds(lp, k + 1, GLP_FX, 0, 0);
            ++ne, ia[ne] = k + 1, ja[ne] = r->nc + k + 1, ar[ne] = -t->dmax;
        } else {
            glp_set_row_bnds(lp, k + 1, GLP_UP, 0, t->dmax);
        }
    }
    for (int i = 0; i < r->nrow; i++)
        glp_set_row_bnds(lp, n + i + 1, GLP_UP, 0, r->cap[i]);
    glp_load_matrix(lp, ne, ia, ja, ar);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    sp.meth = GLP_PRIMAL; /* M-1 at 3,049 columns: 0.13 s against 0.21 s for the dual */
    sp.tm_lim = 5000;     /* a guard: measured far below it (docs/satellite.md) */
    if (glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT) {
        double v = glp_get_obj_val(lp);
        /* plans are worth integers; GLPK's tolerance is relative */
        bound = floor(v + 1e-6 * fmax(1, fabs(v)));
    }
    glp_delete_prob(lp);
    glp_free_env();
    free(ia), free(ja), free(ar);
    return bound;
}

/* The interval capacity LP's optimum, rounded down, or a bound on it, on
 * the finest buckets within ten columns a task (at least
 * SAT_BOUND_MAX_COLUMNS, at most SAT_LAGRANGE_MAX_COLUMNS): GLPK's exact
 * optimum when the columns are few enough for it, else the Lagrangian
 * bound (lagrange.c). On the same buckets that comes within 0.2% of the
 * optimum (0.8% on a small PROFIT project), and on the finer ones it can
 * take it beats GLPK's on coarser ones. -1 when out of memory. *name
 * says which of the two gave it. */
static double interval_lp_bound(const satellite *m, const char **name)
{
    int n = m->ntask;
    if (n == 0 || es_stop_requested()) /* building it takes long on huge projects */
        return -1;
    long long columns = 10LL * n;
    columns = columns < SAT_BOUND_MAX_COLUMNS ? SAT_BOUND_MAX_COLUMNS
              : columns > SAT_LAGRANGE_MAX_COLUMNS ? SAT_LAGRANGE_MAX_COLUMNS
                                                   : columns;
    sat_relaxation r;
    if (sat_relaxation_build(m, columns, &r) != ES_OK)
        return -1;
    double bound = r.nc <= SAT_BOUND_MAX_COLUMNS ? sat_relaxation_lp(m, &r) : -1;
    *name = "interval capacity LP";
    if (bound < 0) { /* too many columns, or GLPK failed */
        int steps = (int)fmin(SAT_LAGRANGE_STEPS, fmax(20, (double)SAT_LAGRANGE_WORK / r.nc));
        bound = sat_lagrange_bound(m, &r, steps);
        *name = "interval capacity LP, Lagrangian bound";
    }
    sat_relaxation_free(&r);
    return bound;
}

int sat_upper_bound(const es_instance *inst, es_bound *out)
{
    const satellite *m = sat_of(inst);
    double pair = pair_capacity_bound(m);
    if (pair < 0)
        return ES_ENOMEM;
    const char *name = "";
    double lp = interval_lp_bound(m, &name);
    out->proven_optimum = 0;
    if (lp >= 0 && lp < pair) {
        out->value = lp;
        snprintf(out->source, sizeof out->source, "%s", name);
    } else {
        out->value = pair;
        snprintf(out->source, sizeof out->source, "pair capacity relaxation");
    }
    return ES_OK;
}
