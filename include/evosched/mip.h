/* MIP bounds through GLPK: the one driver that runs the solver on a
 * problem's model, traps its errors and records the best bound found during
 * branch-and-cut (GLPK discards its tree when it stops on a time limit). */
#ifndef EVOSCHED_MIP_H
#define EVOSCHED_MIP_H

#include <signal.h>
#include <evosched/problem.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum es_mip_status {
    ES_MIP_OPTIMAL = 1,    /* proven optimal */
    ES_MIP_FEASIBLE = 2,   /* an integer solution, not proven optimal in time */
    ES_MIP_NO_SOLUTION = 3,/* no integer solution found in time */
    ES_MIP_INFEASIBLE = 4, /* the model has no solution */
    ES_MIP_TOO_LARGE = 5   /* the problem declined to build a model (see message) */
} es_mip_status;

const char *es_mip_status_name(es_mip_status s);

/* The version of the GLPK library this evosched runs ("5.0"), for bug
 * reports: a static string, owned by GLPK. */
const char *es_mip_solver_version(void);

typedef struct es_mip_options {
    double seconds;           /* time limit for LP and MIP together */
    const es_genome *incumbent; /* a solution to start from, or NULL */
    double incumbent_value;   /* its objective (the cutoff) */
    int verbose;              /* let GLPK print its log */
    /* Polled in branch-and-cut and between one-second slices of the LP
     * relaxation; once *stop_flag is non-zero GLPK stops and the result
     * holds what was proven until then, with a note. May be NULL. */
    volatile sig_atomic_t *stop_flag;
} es_mip_options;

typedef struct es_mip_result {
    es_mip_status status;
    int has_lp_bound, has_mip_bound, has_incumbent;
    double lp_bound;   /* LP relaxation */
    double mip_bound;  /* best bound proven by branch-and-cut */
    double incumbent;  /* best integer solution's objective */
    double seconds;
    int rows, columns;
    char message[256]; /* why the model is too large, or GLPK's last words */
} es_mip_result;

/* Runs GLPK on problem->glpk_model. Never aborts the process: a GLPK error
 * is trapped and returned as ES_EINTERNAL with GLPK's message. ES_ENOTSUP if
 * the problem has no model. */
int es_mip_bound(const es_problem *problem, const es_instance *inst, const es_mip_options *opt,
                 es_mip_result *out, es_error *err);

#ifdef __cplusplus
}
#endif
#endif
