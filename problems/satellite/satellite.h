/* Satellite link scheduling (the FFEEA paper's CS-GSNSP and its sibling
 * SGNPFM, in the formalisation of docs/satellite.md): build links between
 * satellites (feeds, FIX/SW modes) and ground stations (antennas, setup
 * times) inside visibility windows, maximising total weighted link time or
 * the profit of the links built. A genome is a task priority order decoded
 * by a greedy, always-feasible schedule builder. */
#ifndef ES_SATELLITE_H
#define ES_SATELLITE_H

#include <stdint.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

#define SAT_MAX_SATS 10000
#define SAT_MAX_STATIONS 10000
#define SAT_MAX_TASKS 1000000
#define SAT_MAX_FEEDS 64
#define SAT_MAX_ANTENNAS 64
#define SAT_MAX_HORIZON 100000000L
#define SAT_MAX_WEIGHT 1000000L

typedef enum { SAT_FIX = 0, SAT_SW = 1 } sat_mode;
typedef enum { SAT_LINKTIME = 0, SAT_PROFIT = 1 } sat_objective;

typedef struct sat_satellite {
    int feeds;
    sat_mode mode;
    int tau_same, tau_switch, tau_repoint;
} sat_satellite;

typedef struct sat_station {
    int antennas;
    int setup;
} sat_station;

typedef struct sat_task {
    int sat, sta;
    int start, end; /* visibility window [start, end) */
    int dmin, dmax;
    int weight;
} sat_task;

typedef struct satellite {
    char name[64];
    long horizon;
    sat_objective objective;
    int nsat, nsta, ntask;
    sat_satellite *sats;
    sat_station *stas;
    sat_task *tasks;
    int max_switches; /* per satellite, -1: no limit */
    int max_links;    /* per station, -1: no limit */
    /* What the feature similarity compares, per task: satellite and station
     * packed in one key, window opening in mean windows, worth. */
    struct sat_feature {
        int key;
        float start, worth;
    } *features;
    /* Timeline layout for the decoder: every antenna, feed and (satellite,
     * station) pair gets a slice of one array, sized by the tasks that could
     * ever land there. */
    int *antenna_base;  /* first global antenna index of station g */
    int *feed_base;     /* first global feed index of satellite s */
    int nantenna, nfeed, npair;
    int *antenna_cap_start; /* slot offsets per global antenna (nantenna + 1) */
    int *feed_cap_start;    /* per global feed (nfeed + 1) */
    int *pair_of_task;      /* pair index of each task */
    int *pair_cap_start;    /* per pair (npair + 1) */
    double worth_total;     /* what all tasks would earn at their longest links */
    /* The last plan sat_plan built (plan.c): the engine's polish and the
     * solution writer ask for the same genome's plan one after the other,
     * and on a plan of 30,000 links the retiming takes most of a second. A
     * pointer, so that a const instance can still fill it; NULL: none. */
    struct sat_plan_memo *memo;
} satellite;

static inline const satellite *sat_of(const es_instance *inst) { return (const satellite *)inst; }

/* The gap a feed of satellite s needs between links to stations a and b. */
static inline int sat_feed_gap(const satellite *m, int s, int a, int b)
{
    const sat_satellite *x = &m->sats[s];
    if (a == b)
        return x->tau_same;
    return x->mode == SAT_SW ? x->tau_switch : x->tau_repoint;
}

/* parse.c */
int sat_detect(const es_source *src);
int sat_load(const es_source *src, es_instance **out, es_error *err);
void sat_destroy(es_instance *inst);
int sat_prepare(satellite *m, es_error *err); /* builds the timeline layout */

/* decode.c: greedy builder; the links it makes go to `links` (task,
 * antenna, feed, start, end per link) when not NULL. */
typedef struct sat_link {
    int task, antenna, feed, start, end;
} sat_link;
size_t sat_scratch_size(const es_instance *inst);
double sat_decode(const satellite *m, const int *order, void *scratch, sat_link *links, int *nlinks);
/* The most task k can earn: its weight (PROFIT) or its weight over its
 * longest possible link (LINKTIME). */
double sat_task_worth(const satellite *m, int k);
/* The early abort (evaluate_cutoff): stops once what is built plus what the
 * tasks left could earn at most falls below cutoff; *complete = 0 then and
 * that upper bound is returned. links and nlinks as sat_decode's, whole
 * only when *complete. */
double sat_decode_cutoff(const satellite *m, const int *order, void *scratch, double cutoff, sat_link *links, int *nlinks,
                         int *complete);
/* The room for ntask links at the end of a decoder's scratch, where the
 * evaluations and the improvement hook build their plans (the timelines
 * come first). */
sat_link *sat_scratch_links(const satellite *m, void *scratch);
double sat_link_value(const satellite *m, const sat_link *l);

/* timing.c: the best timing of a plan whose links, and their order on
 * every timeline, stay as they are (a linear program). *value is the
 * plan's value, retimed or not: on an error (out of memory) the links keep
 * their times. PROFIT links keep theirs: their times earn nothing. */
int sat_retime(const satellite *m, sat_link *links, int nl, double *value);

/* plan.c: the plan a genome stands for, as written and reported: decoded,
 * then retimed. links has room for ntask. The last plan built is kept in
 * m->memo (when there is one) and handed back for the same order; safe
 * from several threads. */
int sat_plan(const satellite *m, const int *order, void *scratch, sat_link *links, int *nl, double *value);
/* sat_plan into a new array, which the caller frees; NULL when out of
 * memory. For the writers of the plan (solution file, chart). */
sat_link *sat_plan_new(const satellite *m, const int *order, void *scratch, int *nl, double *value);
/* sat_plan's value alone (the problem's polish hook). *value is always set:
 * on an error, to the decoder's value. */
int sat_plan_value(const satellite *m, const int *order, void *scratch, double *value);
/* A memo for plans of ntask tasks, NULL when out of memory; the instance
 * owns it and sat_memo_destroy frees it (NULL is fine). */
struct sat_plan_memo *sat_memo_create(int ntask);
void sat_memo_destroy(struct sat_plan_memo *memo);
/* An evaluation's whole decoded plan (links, before retiming), offered to
 * m->memo: kept when it is worth more than any offered before, so that
 * sat_plan finds the run's best order already decoded. Safe from several
 * threads; the links are copied. */
void sat_memo_offer(const satellite *m, const int *order, const sat_link *links, int nl, double value);

/* potentials.c: max sum gain[v] x[v] over integer times x of n nodes
 * under x[to] - x[from] >= len for every arc, with x[0] = 0 (the origin;
 * gain[0] is ignored), by the network simplex on the dual. The caller owns
 * every array; x receives the times. ES_EINTERNAL when the arcs admit no
 * times or unbounded ones (a caller that passes a feasible, bounded system
 * never sees it), ES_ENOMEM. */
typedef struct sat_difference {
    int from, to;
    long long len;
} sat_difference;
int sat_max_potentials(int n, const long long *gain, int narc, const sat_difference *arcs, long long *x);

/* improve.c */
int sat_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                long long *evaluations);
int sat_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name);
int sat_desirability(const es_instance *inst, double *eta);

/* bound.c: the smaller of the pair capacity and interval capacity LP bounds */
int sat_upper_bound(const es_instance *inst, es_bound *out);

/* The interval capacity LP (bound.c): a column is its task's time in one
 * bucket, at most ub; row[kind] is its station (0), satellite (1) and pair
 * (2) capacity row in that bucket, -1 where the group's columns together
 * cannot overfill it. Columns come task by task, in task order. */
typedef struct sat_column {
    int task, bucket;
    double ub;
    int row[3];
} sat_column;
typedef struct sat_relaxation {
    int nc, nrow;
    sat_column *c;
    double *cap; /* per capacity row */
} sat_relaxation;
/* The relaxation on the finest buckets whose task-bucket overlaps stay
 * within max_columns (one bucket when none do): ES_OK or ES_ENOMEM; the
 * caller frees it with sat_relaxation_free. */
int sat_relaxation_build(const satellite *m, long long max_columns, sat_relaxation *r);
void sat_relaxation_free(sat_relaxation *r);
/* Its optimum by GLPK's simplex, rounded down to the integers plans are
 * worth; -1 when out of memory or GLPK failed or ran out of its time. */
double sat_relaxation_lp(const satellite *m, const sat_relaxation *r);
/* lagrange.c: an upper bound on the LP's optimum, rounded down to the
 * integers plans are worth, by Lagrangian relaxation of the capacity rows
 * (at most `iterations` subgradient steps); -1 when out of memory. */
double sat_lagrange_bound(const satellite *m, const sat_relaxation *r, int iterations);

/* similarity.c */
double sat_feature_similarity(const es_instance *inst, const es_genome *a, const es_genome *b, int *work);

/* solution.c */
int sat_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);
int sat_check(const es_instance *inst, const es_source *solution, double *value, es_error *err);
/* The problem's read_solution hook (`solve --start`): the file's links in
 * their order, then the unlinked tasks; refused when that decodes to less. */
int sat_read_solution(const es_instance *inst, const es_source *solution, es_genome *out, es_error *err);

/* chart.c: the plan as SVG, a row per antenna (--chart). */
int sat_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);

/* mip.c: the assignment/sequencing model for small instances */
int sat_glpk_model(const es_instance *inst, void *lp, double cutoff, es_error *err);
int sat_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x);

/* generate.c */
int sat_generate(int argc, char **argv, FILE *out, es_error *err);

#endif
