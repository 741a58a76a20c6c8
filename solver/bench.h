/* `evosched bench`: what the runner (bench_cmd.c) measures and the report
 * writer (bench_report.c) turns into report.md, results.csv, results.json
 * and plots. */
#ifndef ES_BENCH_H
#define ES_BENCH_H
#include <stdint.h>
#include "run_options.h"

/* One improvement of the best value during a run: the convergence curve. */
typedef struct bench_point {
    double seconds;
    long long evaluations;
    double value;
} bench_point;

typedef struct bench_run {
    int set;        /* index in bench.sets */
    char *instance; /* FILE or FILE:K, owned */
    uint64_t seed;
    int done, ok;
    char error[ES_ERROR_MAX];
    const char *problem; /* static name */
    es_sense sense;
    const char *unit; /* the problem's name for an evaluation, or NULL */
    double value;
    int has_bound, bound_proven, has_gap, optimal;
    double bound, gap;
    char bound_source[96];
    int has_literature;
    double literature, literature_gap; /* the field's reference bound (RCPSP: critical path) */
    char literature_source[96];
    /* the best solution known (bounds.csv's upper bound, or a proven
     * optimum): whether the run reached it, and how far that value itself
     * is from the literature's bound */
    int has_best_known, has_best_known_literature;
    int versus_best_known; /* es_versus: -1 better than it, 0 at it, 1 short of it */
    double best_known, best_known_literature_gap;
    double seconds, seconds_to_best;
    long long evaluations, evaluations_to_best;
    int threads; /* what the run got (es_result.threads) */
    const char *stop;
    char mip_status[24]; /* "" without --bound */
    int has_lp, has_mip;
    double lp_bound, mip_bound; /* GLPK's, with --bound */
    bench_point *trace;
    int ntrace, trace_cap;
} bench_run;

typedef struct bench_set {
    char *name; /* the argument that named it, owned */
    int first, count; /* its runs */
    int instances;
} bench_set;

/* The problem's own bound of one instance, computed by the first of its
 * runs to need it (the others wait on the lock) and shared by its seeds. */
typedef struct bench_own_bound {
    void *lock; /* an omp_lock_t */
    int computed, has;
    es_bound bound;
} bench_own_bound;

typedef struct bench {
    es_run_opts run;
    int seeds, jobs, every, progress;
    double checkpoint; /* seconds between rewrites of results.csv during the runs; 0: none */
    const char *out_dir;
    char budget[128]; /* how the runs were bounded, for the report */
    bench_set *sets;
    int nsets;
    bench_run *runs;
    int nruns;
    /* Runs are stored instance by instance, `seeds` runs each: run i is of
     * instance i / seeds, whose own bound is own_bounds[i / seeds]. */
    bench_own_bound *own_bounds;
    int nown;
    double wall_seconds;
    int interrupted;
    char command[1024];
} bench;

/* How a set's headline figure varies with the seed: its mean over the
 * set's instances, once per seed, then the spread of those means. The
 * figure is the deviation from the literature's bound where every run has
 * one (RCPSP j60/j120: the critical path), else the gap to the best bound.
 * Only seeds whose runs all finished with the figure count, so that every
 * mean covers the same instances. */
typedef struct bench_spread {
    const char *figure; /* "literature_deviation_percent" or "gap_percent" */
    int seeds;          /* seeds counted */
    double mean, sd;    /* of the per-seed means; sd with seeds - 1 */
    double min, max;
    double low, high; /* 95% interval of the mean (Student's t) */
    /* runs at their bound (proven optimal) per seed, over the same seeds,
     * and the seeds on which every instance of the set was: the measure of
     * a target such as "all 480 of j30 optimal", which a mean hides */
    int at_bound_min, at_bound_max, seeds_all_at_bound, instances;
} bench_spread;

/* Two-sided 95% quantile of Student's t with dof >= 1 degrees of freedom:
 * a table up to 30, then the first Cornish-Fisher term, within 0.003. */
double bench_t95(int dof);

/* bench_spread.c: fills *out for set s and returns 1 when two seeds or
 * more count, else 0 (*out then holds zeros). The figure is the literature's
 * deviation where every run has one, else the gap to the best bound; with
 * gap set, always the gap (j30's measure, the deviation from the optimum). */
int bench_seed_spread(const bench *b, int s, int gap, bench_spread *out);

/* The last part of a path, trailing slashes included ("a/j120/" gives
 * "j120/"): how reports name a set. Points into p. */
const char *bench_base_name(const char *p);

/* bench_report.c: writes DIR/report.md, results.csv, results.json, the
 * plot data and, when gnuplot is on the PATH, the SVG plots. */
int bench_write_reports(const bench *b, es_error *err);

/* DIR/results.csv alone, with the runs done so far: a checkpoint, so that a
 * bench killed outright (the machine's OOM killer, a scheduler's hard time
 * limit) still leaves the runs it finished. */
int bench_write_checkpoint(const bench *b, es_error *err);

/* A growable list of names (instances, inputs); bench_names_free frees
 * the strings it holds. */
typedef struct names {
    char **v;
    int n, cap;
} names;
int bench_names_add(names *l, const char *s);
void bench_names_free(names *l);
/* The instances `arg` names (bench_inputs.c), appended to out. */
int bench_expand(const es_registry *reg, const char *problem, const char *arg, names *out, es_error *err);

#endif
