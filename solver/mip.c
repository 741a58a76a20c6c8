/* The GLPK bound driver; see evosched/mip.h.
 *
 * GLPK reports fatal errors by calling abort(). Its error hook lets us jump
 * out instead; the environment is then unusable, so it is freed and every
 * object made in it forgotten. The best bound during branch-and-cut is read
 * in the callback at every subproblem selection, since GLPK keeps no bound
 * once it stops on the time limit. */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glpk.h>
#include <evosched/mip.h>
#include "mip_bound.h"

const char *es_mip_status_name(es_mip_status s)
{
    switch (s) {
    case ES_MIP_OPTIMAL: return "optimal";
    case ES_MIP_FEASIBLE: return "feasible";
    case ES_MIP_NO_SOLUTION: return "no solution";
    case ES_MIP_INFEASIBLE: return "infeasible";
    case ES_MIP_TOO_LARGE: return "too large";
    }
    return "unknown";
}

const char *es_mip_solver_version(void) { return glp_version(); }

typedef struct driver {
    jmp_buf on_error;
    char line[200], before[200];
    char last[2 * 200 + 8]; /* GLPK's last two lines of output, for error messages */
    int verbose;
    es_sense sense;
    double best_bound;
    int has_bound;
    const double *incumbent_x;
    int offered;
    volatile sig_atomic_t *stop; /* the caller's stop flag, or NULL */
    int integral;                /* every solution's objective is a whole number */
    double deadline;             /* now() at the time limit */
} driver;

static int stopped(const driver *d) { return d->stop && *d->stop; }

static int on_term(void *info, const char *s)
{
    driver *d = info;
    /* Keep the last two lines: on an error GLPK says what went wrong, then
     * where ("Error detected in file ..."). */
    size_t n = strlen(s);
    if (n > 1) {
        snprintf(d->before, sizeof d->before, "%s", d->line);
        snprintf(d->line, sizeof d->line, "%s", s);
        size_t l = strlen(d->line);
        while (l > 0 && (d->line[l - 1] == '\n' || d->line[l - 1] == '\r'))
            d->line[--l] = 0;
        snprintf(d->last, sizeof d->last, "%s%s%s", d->before, d->before[0] ? " " : "", d->line);
        l = strlen(d->last);
        for (size_t i = 0; i < l; i++)
            if (d->last[i] == '\n')
                d->last[i] = ' ';
    }
    if (d->verbose)
        fputs(s, stderr);
    return 1; /* GLPK prints nothing on stdout itself */
}

static void on_error(void *info)
{
    driver *d = info;
    longjmp(d->on_error, 1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* GLPK's values carry its tolerances (a zero optimum comes back as 6e-11);
 * snapping values that close to an integer keeps a bound from passing a
 * feasible value by noise. */
static double snap(double v)
{
    double r = nearbyint(v);
    return fabs(v - r) <= 1e-7 * fmax(1.0, fabs(v)) ? r : v;
}

/* Whether the objective takes whole values only: integral coefficients on
 * integer columns, none on continuous ones, a whole constant. Then a bound
 * can be rounded to the next whole value in the search's direction: the
 * RCPSP model's MIP bound of 50.89 on j3013_5 proves 51. */
static int integral_objective(glp_prob *lp)
{
    double c0 = glp_get_obj_coef(lp, 0);
    if (c0 != nearbyint(c0))
        return 0;
    for (int j = 1, n = glp_get_num_cols(lp); j <= n; j++) {
        double c = glp_get_obj_coef(lp, j);
        if (c != 0 && (glp_get_col_kind(lp, j) == GLP_CV || c != nearbyint(c)))
            return 0;
    }
    return 1;
}

double es_mip_settle_bound(es_sense sense, int integral, double mip, int has_lp, double lp)
{
    if (has_lp && (sense == ES_MINIMIZE ? mip < lp : mip > lp))
        mip = lp;
    if (!integral)
        return mip;
    /* The margin keeps a value that is whole but for the LP's rounding
     * error (50.0000001) from moving a whole unit. */
    double margin = 1e-6 * fmax(1.0, fabs(mip));
    return sense == ES_MINIMIZE ? ceil(mip - margin) : floor(mip + margin);
}

/* GLPK refuses a double bound whose ends meet ("incorrect bounds") and then
 * gives no bound at all, though such a variable or row is merely fixed: an
 * RCPSP makespan when the heuristic reached the critical path, a satellite
 * task whose window is its minimum duration. Every model, plug-ins' too,
 * is mended here rather than each in its builder. */
static void fix_meeting_bounds(glp_prob *lp)
{
    for (int j = 1, n = glp_get_num_cols(lp); j <= n; j++)
        if (glp_get_col_type(lp, j) == GLP_DB && glp_get_col_lb(lp, j) == glp_get_col_ub(lp, j))
            glp_set_col_bnds(lp, j, GLP_FX, glp_get_col_lb(lp, j), glp_get_col_lb(lp, j));
    for (int i = 1, m = glp_get_num_rows(lp); i <= m; i++)
        if (glp_get_row_type(lp, i) == GLP_DB && glp_get_row_lb(lp, i) == glp_get_row_ub(lp, i))
            glp_set_row_bnds(lp, i, GLP_FX, glp_get_row_lb(lp, i), glp_get_row_lb(lp, i));
}

static void on_branch(glp_tree *tree, void *info)
{
    driver *d = info;
    /* Ctrl-C, or the time limit: branch-and-cut checks its own limit only
     * between nodes, and the root's rounds of cuts on a j60 model ran 20 s
     * past a 10 s limit. What is proven so far is read below. */
    if (stopped(d) || now() >= d->deadline) {
        glp_ios_terminate(tree);
        return;
    }
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && d->incumbent_x && !d->offered) {
        glp_ios_heur_sol(tree, d->incumbent_x);
        d->offered = 1;
    }
    int p = glp_ios_best_node(tree);
    if (p) {
        double b = glp_ios_node_bound(tree, p);
        /* The best active node's bound only tightens as the search goes on. */
        if (!d->has_bound || (d->sense == ES_MINIMIZE ? b > d->best_bound : b < d->best_bound))
            d->best_bound = b;
        d->has_bound = 1;
    }
}

int es_mip_bound(const es_problem *problem, const es_instance *inst, const es_mip_options *opt,
                 es_mip_result *out, es_error *err)
{
    memset(out, 0, sizeof *out);
    if (!problem->glpk_model)
        return es_fail(err, ES_ENOTSUP, "problem '%s' has no MIP model", problem->name);
    double t0 = now();
    /* volatile: these change between setjmp and a possible longjmp */
    volatile int status = ES_OK;
    double *volatile x = NULL;
    void *volatile scratch = NULL;
    driver *d = calloc(1, sizeof *d);
    if (!d)
        return es_fail(err, ES_ENOMEM, "out of memory");
    d->verbose = opt->verbose;
    d->sense = problem->sense;
    d->stop = opt->stop_flag;
    d->deadline = t0 + opt->seconds;
    if (setjmp(d->on_error)) {
        /* GLPK failed: its environment is now invalid and must be freed. */
        glp_free_env();
        if (out->has_lp_bound && out->status != ES_MIP_INFEASIBLE) {
            /* It failed during branch-and-cut (a numerical assertion, say):
             * what it had proven until then still holds. */
            out->status = out->has_incumbent ? ES_MIP_FEASIBLE : ES_MIP_NO_SOLUTION;
            out->has_mip_bound = 1;
            out->mip_bound = es_mip_settle_bound(d->sense, d->integral, d->has_bound ? snap(d->best_bound) : out->lp_bound,
                                                 1, out->lp_bound);
            snprintf(out->message, sizeof out->message, "GLPK failed during branch-and-cut, bounds are from before: %.*s",
                     (int)sizeof out->message - 64, d->last);
            out->seconds = now() - t0;
            free(x);
            free(scratch);
            free(d);
            return ES_OK;
        }
        status = es_fail(err, ES_EINTERNAL, "GLPK error: %s", d->last[0] ? d->last : "(no message)");
        snprintf(out->message, sizeof out->message, "%.*s", (int)sizeof out->message - 1, d->last);
        free(x);
        free(scratch);
        free(d);
        return status;
    }
    glp_error_hook(on_error, d);
    glp_term_hook(on_term, d);
    glp_prob *lp = glp_create_prob();
    double cutoff = opt->incumbent ? opt->incumbent_value : NAN;
    es_error model_err = {0, ""};
    int st = problem->glpk_model(inst, lp, cutoff, &model_err);
    if (st != ES_OK) {
        glp_delete_prob(lp);
        glp_free_env();
        free(d);
        if (st == ES_ENOTSUP) {
            out->status = ES_MIP_TOO_LARGE;
            snprintf(out->message, sizeof out->message, "%.*s", (int)sizeof out->message - 1, model_err.message);
            return ES_OK;
        }
        return es_fail(err, st, "%s", model_err.message);
    }
    fix_meeting_bounds(lp);
    d->integral = integral_objective(lp);
    if (opt->incumbent) { /* GLPK can only improve on it */
        out->has_incumbent = 1;
        out->incumbent = opt->incumbent_value;
    }
    out->rows = glp_get_num_rows(lp);
    out->columns = glp_get_num_cols(lp);
    int ms_total = (int)fmin(2e9, fmax(1.0, opt->seconds * 1000.0));
    /* 1. The LP relaxation. */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = opt->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
    /* No presolve, so that a simplex stopped by its time limit keeps its
     * basis and the next call goes on from there: the LP runs in slices of
     * a second, and a stop (Ctrl-C) is seen between them, where GLPK's
     * simplex has no hook of its own. It is no slower on these models (j6013_1
     * from no incumbent: 16.5 s in slices, 17-23 s in one call, 30.7 s in one
     * call with GLPK's presolver; j3013_5: 0.74 s against 0.85 s). */
    sp.presolve = GLP_OFF;
    /* Big-M rows and long horizons mix coefficients of very different sizes;
     * scaling keeps the simplex out of numerical trouble. Building and
     * scaling the model come out of the time limit too (on a j60 model of
     * 11,000 rows: 0.2 s and 0.8 s). */
    glp_scale_prob(lp, GLP_SF_AUTO);
    int rc = GLP_ESTOP;
    for (;;) {
        int left = ms_total - (int)((now() - t0) * 1000.0);
        if (stopped(d) || left < 1)
            break;
        sp.tm_lim = left < 1000 ? left : 1000;
        rc = glp_simplex(lp, &sp);
        if (rc != GLP_ETMLIM)
            break;
    }
    if (rc == 0 && glp_get_status(lp) == GLP_OPT) {
        out->has_lp_bound = 1;
        out->lp_bound = snap(glp_get_obj_val(lp));
    } else if (rc == 0 && glp_get_status(lp) == GLP_NOFEAS) {
        out->status = ES_MIP_INFEASIBLE;
    }
    /* 2. Branch-and-cut, from the incumbent when there is one; not when the
     * LP did not finish in time (GLPK's MIP presolver would solve it again,
     * ignoring the time limit). */
    if ((!out->has_lp_bound || stopped(d)) && out->status != ES_MIP_INFEASIBLE) {
        out->status = out->has_incumbent ? ES_MIP_FEASIBLE : ES_MIP_NO_SOLUTION;
        if (out->has_lp_bound) { /* stopped after the LP: it is the bound */
            out->has_mip_bound = 1;
            out->mip_bound = out->lp_bound;
        }
    } else if (out->status != ES_MIP_INFEASIBLE) {
        int left = ms_total - (int)((now() - t0) * 1000.0);
        if (opt->incumbent && problem->glpk_solution) {
            x = calloc((size_t)out->columns + 1, sizeof *x);
            scratch = malloc(problem->scratch_size(inst) + 64);
            if (x && scratch && problem->glpk_solution(inst, opt->incumbent, scratch, cutoff, x) == ES_OK)
                d->incumbent_x = x;
        }
        glp_iocp ip;
        glp_init_iocp(&ip);
        ip.msg_lev = opt->verbose ? GLP_MSG_ON : GLP_MSG_OFF;
        ip.presolve = GLP_OFF; /* the LP above is the root relaxation */
        ip.tm_lim = left > 1 ? left : 1;
        ip.cb_func = on_branch;
        ip.cb_info = d;
        ip.gmi_cuts = GLP_ON;
        ip.mir_cuts = GLP_ON;
        rc = glp_intopt(lp, &ip);
        int ms = glp_mip_status(lp);
        if (ms == GLP_OPT || ms == GLP_FEAS) {
            double v = snap(glp_mip_obj_val(lp));
            if (!out->has_incumbent || (problem->sense == ES_MINIMIZE ? v < out->incumbent : v > out->incumbent))
                out->incumbent = v;
            out->has_incumbent = 1;
        }
        if (ms == GLP_OPT && rc == 0) {
            out->status = ES_MIP_OPTIMAL;
            out->has_mip_bound = 1;
            out->mip_bound = out->incumbent;
        } else if (ms == GLP_NOFEAS) {
            out->status = ES_MIP_INFEASIBLE;
        } else {
            out->status = out->has_incumbent ? ES_MIP_FEASIBLE : ES_MIP_NO_SOLUTION;
            if (d->has_bound) {
                out->has_mip_bound = 1;
                out->mip_bound = snap(d->best_bound);
            } else if (out->has_lp_bound) {
                out->has_mip_bound = 1;
                out->mip_bound = out->lp_bound;
            }
        }
    }
    if (stopped(d) && out->status != ES_MIP_OPTIMAL && out->status != ES_MIP_INFEASIBLE) /* else it was done */
        snprintf(out->message, sizeof out->message, "interrupted: the bounds are what GLPK had proven by then");
    if (out->has_mip_bound)
        out->mip_bound = es_mip_settle_bound(problem->sense, d->integral, out->mip_bound, out->has_lp_bound, out->lp_bound);
    glp_delete_prob(lp);
    glp_free_env();
    free(x);
    free(scratch);
    free(d);
    out->seconds = now() - t0;
    return status;
}
