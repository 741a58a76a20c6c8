/* The time-indexed MIP for total weighted tardiness (x_jt = 1 when job j
 * completes at t): the one formulation whose LP bound is worth anything here
 * (positional and disjunctive models have an LP bound of 0). Its size grows
 * with n times the total processing time, so GLPK handles it up to about
 * 20-30 jobs; beyond that the model is declined with a plain reason and the
 * Lagrangian bound of bound.c takes over. */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include "tardiness.h"

#define TARD_MIP_MAX_NONZEROS 3000000L

/* Column of "job j completes at t" (1-based), t in [p_j, T]. */
static int column(const tardiness *t, int j, int64_t time)
{
    int64_t base = 0;
    for (int i = 0; i < j; i++)
        base += t->total_p - t->p[i] + 1;
    return (int)(base + (time - t->p[j]) + 1);
}

int tard_glpk_model(const es_instance *inst, void *lpv, double cutoff, es_error *err)
{
    (void)cutoff;
    const tardiness *t = tard_of(inst);
    glp_prob *lp = lpv;
    int64_t T = t->total_p, cols = 0, nz = 0;
    for (int j = 0; j < t->n; j++) {
        cols += T - t->p[j] + 1;
        nz += (T - t->p[j] + 1) * (t->p[j] + 1);
    }
    if (nz > TARD_MIP_MAX_NONZEROS)
        return es_fail(err, ES_ENOTSUP,
                       "the time-indexed model of %d jobs over %lld time units would have %lld nonzeros; GLPK cannot "
                       "solve it usefully (the Lagrangian bound is used instead)",
                       t->n, (long long)T, (long long)nz);
    glp_set_prob_name(lp, "smtwt-time-indexed");
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, t->n + (int)T);
    for (int j = 0; j < t->n; j++)
        glp_set_row_bnds(lp, j + 1, GLP_FX, 1.0, 1.0); /* each job completes once */
    for (int64_t s = 1; s <= T; s++)
        glp_set_row_bnds(lp, t->n + (int)s, GLP_UP, 0.0, 1.0); /* one job per time unit */
    glp_add_cols(lp, (int)cols);
    int *ind = malloc(((size_t)T + 2) * sizeof *ind);
    double *val = malloc(((size_t)T + 2) * sizeof *val);
    if (!ind || !val) {
        free(ind);
        free(val);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    for (int j = 0; j < t->n; j++)
        for (int64_t c = t->p[j]; c <= T; c++) {
            int col = column(t, j, c), k = 0;
            glp_set_col_kind(lp, col, GLP_BV);
            glp_set_obj_coef(lp, col, (double)tard_cost(t, j, c));
            ind[++k] = j + 1;
            val[k] = 1.0;
            for (int64_t s = c - t->p[j] + 1; s <= c; s++) { /* occupies units (c - p_j, c] */
                ind[++k] = t->n + (int)s;
                val[k] = 1.0;
            }
            glp_set_mat_col(lp, col, k, ind, val);
        }
    free(ind);
    free(val);
    return ES_OK;
}

int tard_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x)
{
    (void)scratch;
    (void)cutoff;
    const tardiness *t = tard_of(inst);
    int64_t time = 0;
    for (int k = 0; k < t->n; k++) {
        int j = g->perm[k];
        time += t->p[j];
        x[column(t, j, time)] = 1.0;
    }
    return ES_OK;
}
