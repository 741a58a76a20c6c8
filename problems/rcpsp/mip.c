/* The time-indexed MIP for RCPSP with disaggregated precedences (Pritsker et
 * al. 1969; Christofides et al. 1987): x_js = 1 when job j starts at s. Start
 * windows come from a known makespan (the cutoff, or the LFT rule's
 * schedule), narrowed by the time-window propagation of destructive.c where
 * it runs (else the critical path's), which keeps the model small on PSPLIB
 * sizes; the makespan variable starts at the time-window bound. */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include "rcpsp.h"

#define RCPSP_MIP_MAX_COLUMNS 400000
/* GLPK took about 130 bytes per nonzero here (a j60 model of 1.4 million:
 * 183 MB), and the LP of a j60 model of a million may not finish in 10 s:
 * past 5 million (650 MB) a bound is out of reach. */
#define RCPSP_MIP_MAX_NONZEROS 5e6

typedef struct windows {
    int horizon;
    int *first;  /* column of x_{j, es_j} */
    int *es, *ls; /* job j starts within [es[j], ls[j]] (in the same block as first) */
} windows;

static int make_windows(const rcpsp *r, double cutoff, windows *w, es_error *err)
{
    int h = 0;
    if (!isnan(cutoff))
        h = (int)floor(cutoff / r->unit); /* the model counts in the durations' unit */
    else {
        /* The LFT rule's serial schedule gives a feasible horizon. */
        es_genome g;
        es_genome_info info = {ES_GENOME_PERMUTATION, r->n, r->succ_start, r->succ};
        void *scratch = calloc(1, rcpsp_scratch_size((const es_instance *)r));
        const char *name;
        if (!scratch || es_genome_alloc(&info, &g) != ES_OK) {
            free(scratch);
            return es_fail(err, ES_ENOMEM, "out of memory");
        }
        rcpsp_heuristic((const es_instance *)r, 0, &g, &name);
        h = rcpsp_sgs(r, g.perm, RCPSP_FORWARD, scratch, rcpsp_scratch_tail(r, scratch));
        es_genome_free(&g);
        free(scratch);
    }
    if (h < r->critical_path)
        h = r->critical_path;
    w->horizon = h;
    w->first = malloc((3 * (size_t)r->n + 1) * sizeof *w->first);
    if (!w->first)
        return es_fail(err, ES_ENOMEM, "out of memory");
    w->es = w->first + r->n + 1;
    w->ls = w->es + r->n;
    /* No schedule of makespan h starts a job outside the propagated windows;
     * where they cannot be had (a large project, or h refuted, when the
     * model is infeasible either way), the critical path's. */
    if (rcpsp_time_windows(r, h, w->es, w->ls) != 0)
        for (int j = 0; j < r->n; j++) {
            w->es[j] = r->es[j];
            w->ls[j] = r->lf[j] - r->dur[j] + (h - r->critical_path);
        }
    int col = 1;
    for (int j = 0; j < r->n; j++) {
        w->first[j] = col;
        col += w->ls[j] - w->es[j] + 1;
    }
    w->first[r->n] = col; /* the makespan variable */
    if (col > RCPSP_MIP_MAX_COLUMNS) {
        free(w->first);
        return es_fail(err, ES_ENOTSUP, "the time-indexed model would have %d columns (horizon %ld); too large for GLPK",
                       col, (long)h * r->unit);
    }
    return ES_OK;
}

/* The model's nonzeros, counted as rcpsp_glpk_model lays them out: the
 * disaggregated precedences grow with the square of the start windows and
 * the capacity rows with window times duration, so a model with few
 * columns can still hold tens of millions (GLPK then needs gigabytes). */
static double model_nonzeros(const rcpsp *r, const windows *w)
{
    double nz = 0;
    for (int j = 0; j < r->n; j++) {
        double len = w->ls[j] - w->es[j] + 1;
        nz += len * (1 + (double)(r->used_start[j + 1] - r->used_start[j]) * (r->dur[j] > 0 ? r->dur[j] : 0));
        if (r->succ_start[j + 1] == r->succ_start[j])
            nz += len + 1; /* the makespan row */
        for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++) {
            int k = r->succ[e];
            double rows = w->ls[k] - w->es[k];
            double own = rows * (rows + 1) / 2; /* t - es_k + 1 for each row t */
            nz += own + (rows > 0 ? rows * len : 0); /* and at most j's window in each */
        }
    }
    return nz;
}

int rcpsp_glpk_model(const es_instance *inst, void *lpv, double cutoff, es_error *err)
{
    const rcpsp *r = rcpsp_of(inst);
    glp_prob *lp = lpv;
    windows w;
    int st = make_windows(r, cutoff, &w, err);
    if (st != ES_OK)
        return st;
    double nz = model_nonzeros(r, &w);
    if (nz > RCPSP_MIP_MAX_NONZEROS) {
        free(w.first);
        return es_fail(err, ES_ENOTSUP,
                       "the time-indexed model would have %.0f nonzeros (horizon %ld); too large for GLPK to be of use",
                       nz, (long)w.horizon * r->unit);
    }
    int n = r->n, K = r->K, H = w.horizon, cmax = w.first[n];
    glp_set_prob_name(lp, "rcpsp-time-indexed");
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, cmax);
    for (int j = 0; j < n; j++)
        for (int s = w.es[j]; s <= w.ls[j]; s++) {
            int c = w.first[j] + s - w.es[j];
            glp_set_col_kind(lp, c, GLP_BV);
        }
    /* The makespan of any schedule of the model is a whole number of time
     * units; saying so lets the driver round the bound up (j3013_5's MIP
     * bound of 50.89 after 4 s proves 51). */
    glp_set_col_kind(lp, cmax, GLP_IV);
    int lb = rcpsp_destructive_bound(r);
    /* lb above H proves no schedule fits H (the model is infeasible anyway);
     * ends that meet are fixed by the driver */
    glp_set_col_bnds(lp, cmax, GLP_DB, lb < H ? lb : H, H);
    glp_set_obj_coef(lp, cmax, r->unit); /* the objective in the file's units */
    size_t cap = (size_t)cmax + 2;
    int *ind = malloc(cap * sizeof *ind);
    double *val = malloc(cap * sizeof *val);
    if (!ind || !val) {
        free(ind), free(val), free(w.first);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    int row;
#define ADD_ROW(type, lo, hi, k)                                                                                      \
    do {                                                                                                               \
        row = glp_add_rows(lp, 1);                                                                                     \
        glp_set_row_bnds(lp, row, type, lo, hi);                                                                       \
        glp_set_mat_row(lp, row, k, ind, val);                                                                         \
    } while (0)
    for (int j = 0; j < n; j++) { /* each job starts once */
        int k = 0;
        for (int s = w.es[j]; s <= w.ls[j]; s++)
            ind[++k] = w.first[j] + s - w.es[j], val[k] = 1.0;
        ADD_ROW(GLP_FX, 1.0, 1.0, k);
    }
    for (int i = 0; i < n; i++) /* disaggregated precedences: j started by t => i started by t - d_i */
        for (int e = r->succ_start[i]; e < r->succ_start[i + 1]; e++) {
            int j = r->succ[e];
            for (int t = w.es[j]; t < w.ls[j]; t++) {
                int k = 0;
                for (int s = w.es[j]; s <= t; s++)
                    ind[++k] = w.first[j] + s - w.es[j], val[k] = 1.0;
                for (int s = w.es[i]; s <= t - r->dur[i] && s <= w.ls[i]; s++)
                    ind[++k] = w.first[i] + s - w.es[i], val[k] = -1.0;
                ADD_ROW(GLP_UP, 0.0, 0.0, k);
            }
        }
    for (int q = 0; q < K; q++) /* capacity per resource and time unit */
        for (int t = 0; t < H; t++) {
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (r->req[j * K + q] == 0)
                    continue;
                int lo = t - r->dur[j] + 1 > w.es[j] ? t - r->dur[j] + 1 : w.es[j];
                int hi = t < w.ls[j] ? t : w.ls[j];
                for (int s = lo; s <= hi; s++)
                    ind[++k] = w.first[j] + s - w.es[j], val[k] = r->req[j * K + q];
            }
            if (k > 0)
                ADD_ROW(GLP_UP, 0.0, r->cap[q], k);
        }
    for (int j = 0; j < n; j++) { /* Cmax >= finish of every job without successors */
        if (r->succ_start[j + 1] != r->succ_start[j])
            continue;
        int k = 0;
        for (int s = w.es[j]; s <= w.ls[j]; s++)
            ind[++k] = w.first[j] + s - w.es[j], val[k] = s + r->dur[j];
        ind[++k] = cmax, val[k] = -1.0;
        ADD_ROW(GLP_UP, 0.0, 0.0, k);
    }
#undef ADD_ROW
    free(ind), free(val), free(w.first);
    return ES_OK;
}

int rcpsp_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x)
{
    const rcpsp *r = rcpsp_of(inst);
    int *start = rcpsp_scratch_tail(r, scratch);
    int ms = rcpsp_sgs(r, g->perm, RCPSP_FORWARD, scratch, start);
    return rcpsp_glpk_schedule(r, start, ms, cutoff, x);
}

int rcpsp_glpk_schedule(const rcpsp *r, const int *start, int ms, double cutoff, double *x)
{
    windows w;
    if (make_windows(r, cutoff, &w, NULL) != ES_OK)
        return ES_ENOMEM;
    int st = ES_OK;
    for (int j = 0; j < r->n && st == ES_OK; j++) {
        if (start[j] < w.es[j] || start[j] > w.ls[j])
            st = ES_EINVAL; /* not inside this model's windows */
        else
            x[w.first[j] + start[j] - w.es[j]] = 1.0;
    }
    x[w.first[r->n]] = ms;
    free(w.first);
    return st;
}
