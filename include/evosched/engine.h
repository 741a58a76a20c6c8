/* The population engine: a genetic algorithm whose every step goes through
 * operator and problem plug-ins, with parallel batch evaluation and budgets. */
#ifndef EVOSCHED_ENGINE_H
#define EVOSCHED_ENGINE_H

#include <signal.h>
#include <stdint.h>
#include <evosched/problem.h>
#include <evosched/operator.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum es_stop_reason {
    ES_STOP_NONE = 0,
    /* in rising priority: islands report the largest reason any of them had */
    ES_STOP_EVALUATIONS, /* evaluation budget spent */
    ES_STOP_GENERATIONS, /* generation budget spent */
    ES_STOP_TIME,        /* wall-time budget spent */
    ES_STOP_TARGET,      /* target value reached (known optimum or bound) */
    ES_STOP_INTERRUPT,   /* SIGINT/SIGTERM or the caller's stop flag */
    ES_STOP_ISLANDS      /* another island of an island model stopped */
} es_stop_reason;

/* Island models (solver/islands.c runs them over MPI; the engine knows only
 * these callbacks). migrate: send n_out emigrants (genomes and objective
 * values, best first) and receive up to *n_in immigrants into in/in_values.
 * sync_stop: every island gives its es_stop_reason (ES_STOP_NONE to go on)
 * and all get the same answer, the largest (an interrupt outranks the rest),
 * so that islands stop at the same generation for the same reason. Both
 * return ES_OK or an error status. */
typedef int (*es_migrate_fn)(void *user, const es_genome *out, const double *out_values, int n_out, es_genome *in,
                             double *in_values, int *n_in);
typedef int (*es_sync_stop_fn)(void *user, int reason, int *all_reason);

const char *es_stop_reason_name(es_stop_reason r);

typedef struct es_progress {
    long long generation;
    long long evaluations;
    double seconds;
    double best_value; /* objective of the best real evaluation so far */
    const es_genome *best; /* its genome; owned by the solver, valid during the callback only */
} es_progress;

typedef void (*es_progress_fn)(const es_progress *p, void *user);

typedef struct es_config {
    uint64_t seed;
    int threads;           /* 0: es_default_threads() */
    int population;        /* individuals kept */
    int offspring;         /* children per generation (0: = population) */
    int tournament;        /* tournament size for selection */
    /* Selection pressure for the end of a budget: past the share late_from
     * of it (evaluations, generations or time, whichever is furthest), the
     * tournaments take late_tournament members when that is more than
     * tournament. Diversity pays only while budget is left to use it; near
     * the end, crossing the best converts what the search found into a
     * result. 0 (the default): off. docs/operators.md. */
    int late_tournament;
    double late_from;      /* in [0, 1]; default 0.7 */
    /* 1: a child's two parents are different members of the population (the
     * second is drawn again while it is the first). Crossing a member with
     * itself gives back its own schedule or a near copy that crowds the
     * population; 0 (the default) lets selection draw the same member twice,
     * as the benchmarks of the other problems were measured. */
    int distinct_parents;
    /* In (0, 1]: a child that agrees with a member at least as good on this
     * share of the problem's features (its features hook) is a near copy,
     * kept only after every other individual, so near copies cannot crowd
     * the population; 0 (the default): off. docs/operators.md. */
    double niche;
    /* Incest prevention (as in Eshelman's CHC), in (0, 1]: while the second
     * parent agrees with the first on at least this share of the problem's
     * features, it is drawn again, up to 10 more tournaments, and the least
     * alike of those drawn is taken. Parents whose solutions mostly agree
     * breed near copies of themselves; 0 (the default): off.
     * docs/operators.md. */
    double incest;
    /* 1: among individuals of equal cost the replacement keeps the newer
     * first, and with a niche a child that is a near copy of a member of the
     * same cost takes that member's place instead of being kept last. The
     * population then moves along plateaus of equal cost instead of holding
     * on to whoever reached them first. 0 (the default): equal costs are
     * ordered by a hash of the genome, as the benchmarks of the other
     * problems were measured. docs/operators.md. */
    int newer_first;
    double crossover_rate; /* probability that a child comes from crossover */
    double mutation_rate;  /* probability that a child is mutated */
    double mutation_strength; /* 0: one elementary move; 1: a tenth of the genome (ILS kicks) */
    double improve_rate;   /* probability that a child is locally improved */
    int stagnation;        /* generations without improvement before a restart (0: never) */
    long long max_evaluations;  /* 0: unlimited */
    long long max_generations;  /* 0: unlimited */
    double max_seconds;         /* 0: unlimited */
    int has_target;
    double target;              /* stop once the best value is at least this good */
    const char *selection;      /* operator names; NULL picks the default */
    const char *crossover;
    const char *mutation;
    const char *improvement;    /* NULL or "none": no improvement */
    /* Adaptive crossover (docs/operators.md): "fixed" (the default: always
     * crossover_rate; no adaptive rule won on every problem), "fitness"
     * (Srinivas-Patnaik: lower for parents fitter than the mean), "similarity" (lower for similar parents, whose children
     * are mutated more), "generation" (falling over the run). The crossover
     * name "adaptive" picks among all suitable crossovers by recent success. */
    const char *crossover_rate_policy;
    /* Fuzzy fitness surrogate: NULL/"none" or "ffem". */
    const char *surrogate;
    double surrogate_threshold, surrogate_threshold_end; /* similarity needed, rising over the run */
    int surrogate_archive;      /* genomes remembered */
    const char *similarity;     /* "positional" (default) or "order" */
    /* "ga" (default), "aco" (ants build every child) or "hybrid" (ants build
     * half the children, GA breeding the other half; the population's elite
     * deposits pheromone). */
    const char *algorithm;
    const char *construction;   /* construction operator for aco/hybrid (default "aco") */
    es_construction_params aco; /* alpha 1, beta 2, rho 0.1, q0 0 (MAX-MIN); q0 > 0: ACS */
    int migration_interval;     /* generations between migrations (0: no islands) */
    int migrants;               /* individuals sent each time (default 2) */
    const char *emigrants;      /* "best" (default) or "random" */
    const char *immigrants;     /* they replace the "worst" (default) or "random" non-elite members */
    es_migrate_fn migrate;
    es_sync_stop_fn sync_stop;
    void *island_user;
    volatile sig_atomic_t *stop_flag; /* polled between steps; may be NULL */
    es_progress_fn progress;    /* called about every progress_interval seconds */
    void *progress_user;
    double progress_interval;
    /* Genomes to start from (solve --start; at most half the population is
     * taken): the first members of the initial population, evaluated
     * whatever the budget or the time left, so that the result is never
     * worse than the best of them. Not owned; NULL: none. */
    const es_genome *initial;
    int ninitial;
} es_config;

/* Sensible defaults: population 50, tournament 2, crossover 0.9, mutation 0.3,
 * improvement 0, restart after 100 stagnant generations, no budgets. */
void es_config_init(es_config *cfg);

/* The children each generation of cfg breeds: offspring, or the population
 * when offspring is 0. */
int es_config_offspring(const es_config *cfg);

/* Settings the user set, which es_config_tune leaves alone. */
enum {
    ES_KEEP_POPULATION = 1,
    ES_KEEP_STAGNATION = 2,
    ES_KEEP_CROSSOVER_RATE = 4,
    ES_KEEP_MUTATION_RATE = 8,
    ES_KEEP_PARENTS = 16,
    ES_KEEP_NICHE = 32,
    ES_KEEP_LATE_TOURNAMENT = 64,
    ES_KEEP_LATE_FROM = 128,
    ES_KEEP_OFFSPRING = 256,
    ES_KEEP_INCEST = 512,
    ES_KEEP_TIES = 1024
};

/* Writes into cfg what the problem's tune hook suggests for cfg's budget
 * (max_evaluations; 0 when the run has a time limit), or, for a run limited
 * only by time, what its tune_time hook suggests for max_seconds on
 * cfg->threads threads (0: all cores); except the settings named in keep
 * and a crossover cfg already names. Returns 1 when a hook exists and ran, 0
 * otherwise (cfg unchanged). */
int es_config_tune(es_config *cfg, const es_problem *problem, const es_instance *inst, unsigned keep);

/* The threads a run takes when es_config.threads is 0, and what the command
 * means by "all cores": OpenMP's default (OMP_NUM_THREADS, else the CPUs the
 * process may run on) and, unless OMP_NUM_THREADS is set, no more than the
 * CPU quota of the process's control group, rounded up. A container given
 * 2 CPUs' worth of time on a 64-core host runs 2 threads, not 64 that take
 * turns. */
int es_default_threads(void);

typedef struct es_result {
    double best_value;
    es_genome best;          /* owned by the solver; valid until es_solver_destroy */
    long long evaluations;   /* real evaluations, improvement included */
    long long generations;
    long long restarts;
    double seconds;
    double seconds_to_best;  /* wall time when the best value was first found */
    long long evaluations_to_best;
    int threads;             /* the threads OpenMP gave the search: fewer than asked
                              * under OMP_THREAD_LIMIT, or inside another parallel
                              * region when nesting is off */
    es_stop_reason stop;
    long long estimated;     /* offspring given a surrogate estimate instead */
    long long reevaluated;   /* estimated survivors evaluated for real by the guards */
    long long error_samples; /* estimated offspring also evaluated, to measure the error */
    double estimation_error; /* mean relative error of those estimates */
    double similarity_seconds, evaluation_seconds; /* wall time in the surrogate and in evaluation */
    long long crowded;       /* children kept last as near copies (--niche) */
    long long migrations;    /* migrations taken part in */
    long long immigrants;    /* individuals received */
    char initial_rule[64];   /* best heuristic's name, "" if none */
    double initial_rule_value;
    /* The crossover the run used: an operator's name, the problem's own
     * crossover_name, or "adaptive"; valid while the registry is. */
    const char *crossover;
    /* Children whose evaluation stopped early, proven worse than every
     * member of the population (the problem's evaluate_cutoff); included in
     * evaluations. */
    long long cut_short;
    /* The best value of the search itself (evaluate's), before the
     * problem's polish hook improved on it; best_value without polish. */
    double search_value;
} es_result;

typedef struct es_solver es_solver;

struct es_registry;

/* Prepares a run; operators are looked up by name in reg. Validates that the
 * operators handle the problem's genome (e.g. precedence constraints).
 * Ownership: inst and reg must outlive the solver; the caller owns *out and
 * frees it with es_solver_destroy. */
int es_solver_create(const struct es_registry *reg, const es_problem *problem,
                     const es_instance *inst, const es_config *cfg,
                     es_solver **out, es_error *err);

/* Runs until a budget, the target or an interrupt stops it. Whatever stops
 * it, *out describes the best solution found (if any evaluation happened). */
int es_solver_run(es_solver *s, es_result *out, es_error *err);

void es_solver_destroy(es_solver *s);

#ifdef __cplusplus
}
#endif
#endif
