/* Resource-constrained project scheduling (single mode, renewable
 * resources): the instance model shared by the files of this folder.
 * Activities are numbered 0..n-1 in file order, dummies included; a genome is
 * a precedence-feasible activity list decoded by the serial schedule
 * generation scheme (SGS). */
#ifndef ES_RCPSP_H
#define ES_RCPSP_H

#include <stdint.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

#define RCPSP_MAX_JOBS 10000
#define RCPSP_MAX_RES 64
#define RCPSP_MAX_DUR 100000L
#define RCPSP_MAX_CAP 1000000L
#define RCPSP_MAX_HORIZON 5000000L
/* Time units times resources of the SGS's usage profile, one per thread:
 * 5e7 ints are 200 MB. */
#define RCPSP_MAX_PROFILE 50000000L
/* Mean duration (horizon / jobs, in the durations' common unit) above which
 * the SGS works on breakpoints: see sgs.c and docs/rcpsp.md. */
#define RCPSP_BREAKPOINTS_FROM 24
/* 16 bits per resource in a 64-bit word (sgs.c). */
#define RCPSP_PACKED_RES 4
#define RCPSP_PACKED_CAP 32767

typedef struct rcpsp {
    int n, K;
    int *dur;
    int *req;        /* req[j*K + k] */
    int *cap;        /* cap[k] */
    int *succ_start, *succ; /* CSR successors */
    int *pred_start, *pred; /* CSR predecessors */
    int *used_start, *used; /* resources each job holds while it runs (req > 0, duration > 0), CSR */
    int *topo;       /* rank in a topological order, for tie-breaks */
    int *by_rank;    /* the jobs in that order: by_rank[topo[j]] == j */
    int *es, *lf;    /* earliest start, latest finish for the critical-path length */
    int horizon;     /* sum of durations: no serial schedule is longer */
    int critical_path;
    /* The durations' greatest common divisor. Durations, times and bounds
     * inside are counted in these units: a project in minutes whose tasks
     * all last whole quarters of an hour is solved on a profile 15 times
     * shorter, the same search. Every value that leaves the problem (the
     * objective, bounds, the solution file, the chart, the checker) is in
     * the file's units: see rcpsp_real. */
    int unit;
    /* The SGS books jobs on breakpoints rather than per time unit (sgs.c):
     * set when durations are long against the number of jobs. */
    int breakpoints;
    /* Up to RCPSP_PACKED_RES resources of capacity below 2^15 (all of
     * PSPLIB): each time unit's free capacities fit one 64-bit word, and the
     * SGS tests and books a job on one unit in one operation. packed_req[j]
     * is job j's requests in that form (NULL when the project does not
     * fit); packed tells the SGS to use them (time units only). */
    uint64_t *packed_req, packed_cap;
    int packed;
} rcpsp;

/* An internal time (a makespan, a start, a bound) in the file's units. */
static inline double rcpsp_real(const rcpsp *r, long t) { return (double)t * r->unit; }

static inline const rcpsp *rcpsp_of(const es_instance *inst) { return (const rcpsp *)inst; }

/* parse.c */
int rcpsp_detect(const es_source *src);
/* `evosched generate rcpsp`: a ProGen-like instance in PSPLIB's .sm format
 * (generate.c). */
int rcpsp_generate(int argc, char **argv, FILE *out, es_error *err);
int rcpsp_load(const es_source *src, es_instance **out, es_error *err);
/* instance.c */
void rcpsp_destroy(es_instance *inst);
/* Builds the derived arrays (predecessors, topological ranks, critical path)
 * once the raw data is in; ES_EPARSE if the precedences have a cycle. */
int rcpsp_finish(rcpsp *r, const char *path, es_error *err);
int rcpsp_alloc(int n, int K, rcpsp **out);

/* sgs.c: serial schedule generation. Forward: each job of `order` at its
 * earliest precedence- and resource-feasible start; backward: the same on the
 * reversed project, so jobs finish as late as possible before the returned
 * makespan. Writes start times; returns the makespan. */
enum { RCPSP_FORWARD = 0, RCPSP_BACKWARD = 1 };
/* What the project still needs after job j finishes (its critical-path
 * tail) or, backward on mirrored time, before it starts (its earliest
 * start): a job placed to end at f bounds the makespan by f plus this,
 * which is the early abort's bound. */
static inline int rcpsp_tail(const rcpsp *r, int j, int direction)
{
    return direction == RCPSP_FORWARD ? r->critical_path - r->lf[j] : r->es[j];
}
size_t rcpsp_scratch_size(const es_instance *inst);
int rcpsp_sgs(const rcpsp *r, const int *order, int direction, void *scratch, int *start);
/* The same with early abort: stops once the partial schedule proves the
 * makespan will exceed cutoff, with *complete = 0 and that bound returned
 * (start is then incomplete); otherwise as rcpsp_sgs, *complete = 1. */
int rcpsp_sgs_cutoff(const rcpsp *r, const int *order, int direction, void *scratch, int *start, int cutoff,
                     int *complete);
/* problem.c: evaluate_cutoff for a list; a cutoff beyond any schedule (NaN,
 * infinite or past the horizon) means none. */
int rcpsp_cutoff_of(const rcpsp *r, double cutoff);
/* The resource profile of the schedule rcpsp_sgs just built in scratch
 * (start times `start`, as it returned them): usage[t * K + k] for t below
 * its makespan, in mirrored time if backward. Rebuilt from the start times
 * when the SGS worked on breakpoints. */
const int *rcpsp_profile(const rcpsp *r, const int *start, int makespan, int direction, void *scratch);
/* peak.c: the problem's own crossover, --crossover peak. */
int rcpsp_peak_crossover(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                         void *scratch, es_rng *rng);
/* justify.c: the activities of a schedule by start time (ties: topological
 * rank), a list whose serial decoding starts nothing later; works in the
 * scratch tail, so start and list must lie elsewhere. */
void rcpsp_list_by_start(const rcpsp *r, const int *start, int makespan, void *scratch, int *list);
/* The same by decreasing finish time (ties: topological rank descending), a
 * list whose backward decoding finishes nothing earlier. */
void rcpsp_list_by_finish(const rcpsp *r, const int *start, int makespan, void *scratch, int *list);
/* The part of a scratch block the SGS leaves alone: 2n + horizon + 2 ints. */
int *rcpsp_scratch_tail(const rcpsp *r, void *scratch);

/* justify.c: forward-backward improvement, the problem's improve hook. */
int rcpsp_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                  long long *evaluations);

/* rules.c: priority-rule activity lists (LFT, GRPW, MTS) and perturbed
 * variants of them. */
int rcpsp_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name);
int rcpsp_desirability(const es_instance *inst, double *eta);

/* bound.c */
int rcpsp_energy_bound(const rcpsp *r);
/* The larger of the critical path and the energy bound. */
int rcpsp_simple_bound(const rcpsp *r);
int rcpsp_lower_bound(const es_instance *inst, es_bound *out);
int rcpsp_critical_path_bound(const es_instance *inst, es_bound *out);
/* destructive.c: the smallest makespan from rcpsp_simple_bound on that
 * precedence, timetabling and energetic reasoning cannot refute (a proven
 * lower bound); rcpsp_simple_bound itself for projects too large to try. */
int rcpsp_destructive_bound(const rcpsp *r);
/* The start windows that bound's propagation leaves for a makespan of at
 * most T: every schedule that short starts job j within [es[j], ls[j]]
 * (arrays of n, the caller's). Returns 0; 1 when T is refuted (no schedule
 * that short; the arrays then mean nothing); -1 when the project is too
 * large, T lies outside [critical path, horizon) or memory is short (the
 * arrays are then untouched or partial). */
int rcpsp_time_windows(const rcpsp *r, int T, int *es, int *ls);
int rcpsp_reference_bound(const es_instance *inst, const char *path, es_bound *out, es_error *err);
int rcpsp_best_known(const es_instance *inst, const char *path, es_bound *out, es_error *err);

/* solution.c */
int rcpsp_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);
int rcpsp_check(const es_instance *inst, const es_source *solution, double *value, es_error *err);
/* A checked solution file's jobs in an order the serial SGS decodes to a
 * schedule at least as short (each job no later); list has room for n. */
int rcpsp_read_order(const es_instance *inst, const es_source *solution, int *list, es_error *err);
/* The problem's read_solution hook for activity lists. */
int rcpsp_read_solution(const es_instance *inst, const es_source *solution, es_genome *out, es_error *err);
int rcpsp_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);
/* The same from start times, whatever produced them. */
int rcpsp_print_schedule(const rcpsp *r, const int *start, int makespan, FILE *out);
int rcpsp_draw_schedule(const rcpsp *r, const int *start, int makespan, FILE *out);

/* mip.c: the GLPK model and an incumbent in its variables. */
int rcpsp_glpk_model(const es_instance *inst, void *lp, double cutoff, es_error *err);
int rcpsp_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x);
/* The same for a schedule given by its start times and makespan. */
int rcpsp_glpk_schedule(const rcpsp *r, const int *start, int ms, double cutoff, double *x);

#endif
