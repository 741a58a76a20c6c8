/* The problem plug-in interface.
 *
 * A problem is a versioned, const table of function pointers (like SQLite's
 * sqlite3_module) plus an opaque instance that its load function creates. The
 * engine and the operators only ever talk to a problem through this table, so
 * a new problem gets every operator, bound report and the CLI for free.
 *
 * Compatibility: fields are only ever appended. A plug-in sets api_version to
 * the ES_PROBLEM_API_VERSION it was compiled against; hooks introduced after
 * that version are not read from it. Optional hooks may be NULL. */
#ifndef EVOSCHED_PROBLEM_H
#define EVOSCHED_PROBLEM_H

#include <signal.h>
#include <stdio.h>
#include <evosched/status.h>
#include <evosched/rng.h>
#include <evosched/genome.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 2 added literature_bound, feature_similarity; 3 added crossover_name,
 * crossover; 4 added tune; 5 added evaluate_cutoff; 6 added tune_time;
 * 7 added best_known; 8 added features, and distinct_parents and niche to
 * es_tuning (a plug-in built against 8 may write them, so an engine older
 * than 8 must refuse it); 9 added read_solution; 10 added late_tournament and
 * late_from to es_tuning (the same reason); 11 added offspring_share to es_tuning
 * (the same reason); 12 added incest to es_tuning (the same reason); 13 added
 * newer_first to es_tuning (the same reason); 14 added polish */
#define ES_PROBLEM_API_VERSION 14

typedef struct es_instance es_instance; /* defined privately by each problem */

typedef enum es_sense { ES_MINIMIZE = 1, ES_MAXIMIZE = 2 } es_sense;

/* An input file, read whole by the caller. data is NUL-terminated (data[size]
 * == 0) but may contain other NUL bytes. selector is the K of "FILE:K" (an
 * instance inside a multi-instance file) or NULL. */
typedef struct es_source {
    const char *path;
    const char *data;
    size_t size;
    const char *selector;
} es_source;

/* A bound on the optimum, or a known optimum, with where it comes from. For a
 * minimisation problem a lower bound, for a maximisation an upper bound. */
typedef struct es_bound {
    double value;
    int proven_optimum; /* 1: value is the optimum itself (e.g. from wtopt40.txt) */
    char source[96];    /* "critical path", "wtopt40.txt", "Lagrangian relaxation" */
} es_bound;

/* Genetic-search settings a problem suggests for a run (its tune hook). The
 * caller fills the struct with "no suggestion" first: 0 for population,
 * stagnation, distinct_parents, niche, incest and newer_first, -1 for the rates, NULL for
 * crossover. Options the user gives always win over a suggestion. */
typedef struct es_tuning {
    int population;
    int stagnation;        /* generations without improvement before a restart */
    double crossover_rate; /* in [0, 1] */
    double mutation_rate;  /* in [0, 1] */
    const char *crossover; /* an operator's name or the problem's crossover_name */
    int distinct_parents;  /* 1: never cross a member with itself (es_config); version 8 */
    double niche;          /* in (0, 1]: es_config.niche (needs the features hook); version 8 */
    int late_tournament;   /* > 1: es_config.late_tournament; version 10 */
    double late_from;      /* in [0, 1]: es_config.late_from, with late_tournament; version 10 */
    double offspring_share; /* in (0, 1]: children per generation as a share of the population, whether the
                             * problem or the user set the population; version 11 */
    double incest;         /* in (0, 1]: es_config.incest (needs the features hook); version 12 */
    int newer_first;       /* 1: es_config.newer_first; version 13 */
} es_tuning;

typedef struct es_problem {
    int api_version; /* ES_PROBLEM_API_VERSION */
    const char *name;    /* short, lowercase: used by --problem */
    const char *summary; /* one line for `evosched list` */
    es_sense sense;

    /* How sure the problem is (0 = not mine, 100 = certain) that src is one
     * of its files; lets the CLI pick the problem when --problem is absent. */
    int (*detect)(const es_source *src);

    /* Parses src into a new instance. On failure returns ES_EPARSE (or
     * ES_ENOMEM, ES_ELIMIT) and writes "path:line: reason" into err.
     * Ownership: the caller owns *out and releases it with destroy. */
    int (*load)(const es_source *src, es_instance **out, es_error *err);
    void (*destroy)(es_instance *inst);

    /* Genome shape for this instance; arrays in *out are owned by inst. */
    void (*genome_info)(const es_instance *inst, es_genome_info *out);

    /* Bytes of scratch memory evaluate and improve need. The engine gives
     * each thread its own block of this size, so both hooks must be
     * thread-safe on a shared const instance and must not allocate. */
    size_t (*scratch_size)(const es_instance *inst);

    /* Objective value of the solution that g decodes to. */
    int (*evaluate)(const es_instance *inst, const es_genome *g, void *scratch,
                    double *value);

    /* ---- optional hooks (may be NULL) ---- */

    /* Writes the rule-th constructive/dispatching solution into out and its
     * name into *rule_name (static storage); ES_ENOTFOUND past the last rule.
     * Seeds the initial population and gives baselines for reports. A rule
     * that can take long (quadratic on a huge instance) may check
     * es_stop_requested() as it goes and return ES_ENOTFOUND when it
     * answers nonzero: the engine then takes no further rule. The engine
     * lets the first rule finish, so that a run always has one. */
    int (*heuristic)(const es_instance *inst, int rule, es_genome *out,
                     const char **rule_name);

    /* Static desirability of each item (length values, larger = schedule
     * earlier), for constructive algorithms such as ant colonies. */
    int (*desirability)(const es_instance *inst, double *eta);

    /* Local improvement of g in place. *value holds g's objective on entry,
     * or NaN when g has not been evaluated yet (the engine then leaves the
     * evaluation to the hook, which counts it), and g's new objective on
     * return. On entry *evaluations is the number of full-evaluation
     * equivalents the hook may spend (at least 1; LLONG_MAX when the run has
     * no evaluation budget); on return, the number it spent, never more. For
     * RCPSP one schedule-generation pass is one evaluation, so budgets of
     * generated schedules stay exact. A hook that may run long (many passes
     * on a large instance) calls es_stop_requested() between passes and
     * returns what it has, evaluated, when it answers nonzero. */
    int (*improve)(const es_instance *inst, es_genome *g, double *value,
                   void *scratch, es_rng *rng, long long *evaluations);

    /* A cheap bound computed from the instance alone. One that can take
     * long (an iterative method on a huge instance) may check
     * es_stop_requested() between steps (es_problem_bound) and return the
     * best bound proven so far; es_problem_bound then adds "cut short" to
     * its source. */
    int (*lower_bound)(const es_instance *inst, es_bound *out);

    /* A known optimum or bound that ships beside the instance file
     * (wtopt40.txt, bounds.csv). ES_ENOTFOUND when there is none. */
    int (*reference_bound)(const es_instance *inst, const char *instance_path,
                           es_bound *out, es_error *err);

    /* Builds the problem's MIP in glp_prob *lp (passed as void * so that
     * this header does not need GLPK). cutoff is the value of a known
     * feasible solution (NaN if none): the model may drop solutions worse
     * than it (RCPSP uses it as the horizon). ES_ENOTSUP with a reason in err
     * when the instance is too large for a useful model. */
    int (*glpk_model)(const es_instance *inst, void *lp, double cutoff, es_error *err);

    /* Writes the solution g decodes to, in the problem's solution format,
     * starting with the "objective" header line. */
    int (*write_solution)(const es_instance *inst, const es_genome *g,
                          void *scratch, FILE *out);

    /* Independent feasibility check of a written solution: re-verifies every
     * constraint from the instance and the solution text alone, without the
     * decoder, and returns the objective it recomputed. ES_EINFEASIBLE or
     * ES_EPARSE with "path:line: reason" in err when it fails. Must also
     * refuse a solution whose stated objective differs from the recomputed one. */
    int (*check)(const es_instance *inst, const es_source *solution,
                 double *value, es_error *err);

    /* `evosched generate NAME ARGS...`: writes a new instance to out from
     * the problem's own options (argv[0] is NAME). ES_EINVAL with a usage
     * message in err on bad options. Deterministic for a given seed. */
    int (*generate)(int argc, char **argv, FILE *out, es_error *err);

    /* A picture of the solution g decodes to, as SVG (--chart FILE). */
    int (*write_chart)(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);

    /* What one evaluation is called in this problem's literature, e.g.
     * "schedules" for RCPSP; reports add the count under that name too. */
    const char *evaluation_unit;

    /* The population size that worked best with this problem's local search
     * in its benchmarks (0: no suggestion); --population overrides it. */
    int population_hint;

    /* Likewise the share of children worth improving (0: all of them; below
     * 0: none unless --improve-rate asks); --improve-rate overrides it. */
    double improve_rate_hint;

    /* The MIP variables (x[1..columns], GLPK's numbering) of the solution g
     * decodes to, in the model glpk_model built with the same cutoff; lets
     * GLPK start from the metaheuristic's incumbent. */
    int (*glpk_solution)(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x);

    /* How ant colonies should learn on this problem: "position" (item i at
     * position k; the default), "summation" (the same, read with the
     * summation rule, for tardiness-type objectives) or "successor" (item j
     * right after item i). */
    const char *pheromone;

    /* The bound this problem's literature states deviations against, when
     * that is not simply the best bound known (RCPSP: the critical path,
     * even where resource energy or bounds.csv is tighter); `bench` reports
     * the deviation from it beside the gap to the best bound. */
    int (*literature_bound)(const es_instance *inst, es_bound *out);

    /* The problem's own similarity of two genomes in [0, 1] (1: they should
     * decode alike), from instance features and without decoding, for the
     * fuzzy fitness surrogate (--similarity problem). It must cost far less
     * than evaluate, be thread-safe and not allocate; work holds 3 x genome
     * length ints. */
    double (*feature_similarity)(const es_instance *inst, const es_genome *a, const es_genome *b, int *work);

    /* A crossover that needs the instance, chosen with --crossover
     * crossover_name (RCPSP's "peak" reads the first parent's schedule).
     * Same contract as es_operator.crossover: child never aliases a or b,
     * two identical parents give that parent, a feasible genome results.
     * scratch is a per-thread block of scratch_size bytes, as for
     * evaluate; thread-safe; must not allocate. Decoding a parent again is
     * not counted as an evaluation: it reproduces a solution already
     * generated (and counted) when the parent was made. */
    const char *crossover_name;
    int (*crossover)(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                     void *scratch, es_rng *rng);

    /* Settings that did best in the problem's benchmarks for a genetic
     * search with its local search and a budget of `evaluations` (0: the
     * run has a time limit instead). Writes only the fields it suggests.
     * Overrides population_hint for those runs. Pure: the same arguments
     * always give the same suggestion. */
    void (*tune)(const es_instance *inst, long long evaluations, es_tuning *out);

    /* evaluate for a caller that needs g's exact value only if it is at
     * least as good as cutoff (not above it when minimising, not below when
     * maximising): a decoder may stop as soon as it knows g is strictly
     * worse. It then sets *complete = 0 and *value to a bound that proves it
     * (above cutoff when minimising); otherwise *complete = 1 and *value is
     * what evaluate gives. A stopped decode still counts as one evaluation
     * (RCPSP: an aborted pass is a generated schedule). Same scratch and
     * threading contract as evaluate. The engine uses it for children that
     * are not improved, with the worst member of a population of distinct
     * members as cutoff, where a worse child could never survive; results
     * are the same as with evaluate, only sooner. */
    int (*evaluate_cutoff)(const es_instance *inst, const es_genome *g, void *scratch, double cutoff,
                           double *value, int *complete);

    /* tune for a run limited by wall time rather than evaluations: `seconds`
     * of search on `threads` threads. A time limit buys a budget only the
     * problem can guess (how fast its evaluations run), and the best
     * settings follow that budget. NULL: tune is called with 0. Pure, like
     * tune. */
    void (*tune_time)(const es_instance *inst, double seconds, int threads, es_tuning *out);

    /* The value of the best solution known for the instance, from a file
     * that ships beside it (RCPSP: bounds.csv's upper_bound), so that
     * `bench` can say how many runs reach it and how far the best known
     * solutions themselves are from the literature's bound. out->value is
     * that value, out->proven_optimum 1 when it is known to be optimal,
     * out->source the file. ES_ENOTFOUND when there is none. Without the
     * hook, a reference_bound that is a proven optimum serves as the best
     * known value. */
    int (*best_known)(const es_instance *inst, const char *instance_path, es_bound *out, es_error *err);

    /* What g's solution looks like, as integers that two genomes share
     * where their solutions agree (RCPSP: each activity's start time), for
     * niching (--niche): a child that agrees with a member at least as good
     * on most of them is a near copy; and for incest prevention (--incest):
     * parents that agree on most of them are not mated if others can be.
     * Writes them into out, which has room for genome_info's length, and
     * returns how many it wrote: the same number for every genome of the
     * instance. Without decoding: it must cost far less than evaluate.
     * Thread-safe; must not allocate. */
    int (*features)(const es_instance *inst, const es_genome *g, int *out);

    /* A genome to start a search from (`solve --start`): reads a solution
     * file in the format write_solution writes, refusing with file:line and
     * the reason what check would refuse, and writes into out (allocated
     * for genome_info's length) a genome that evaluates at least as well as
     * the file's solution (polished, when the problem has polish), so
     * that a run started from it never ends worse. A problem whose genomes
     * cannot represent every feasible solution (satellite's greedy
     * decoder) refuses one it cannot rebuild with ES_EINVAL and both values
     * in err. ES_OK or an error with err.
     * Optional; version 9. */
    int (*read_solution)(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err);

    /* A last improvement of the final solution, too slow for every child
     * (satellite: the best timing of the decoded links, by an LP). Writes
     * into *value the value of the solution that write_solution and
     * write_chart give for g, which must be at least as good as
     * evaluate's: those hooks apply the same step (glpk_solution, which
     * runs while GLPK is in use, may give evaluate's if the step needs
     * GLPK itself). The engine calls
     * it once its search has ended, on the best genome and on each initial
     * one (a `--start`), and reports the best of them; the search itself
     * compares evaluate's values. read_solution's promise holds for this
     * value. ES_OK, or an error with err, and then evaluate's value counts.
     * May allocate; called from one thread. Optional; version 14. */
    int (*polish)(const es_instance *inst, const es_genome *g, void *scratch, double *value, es_error *err);
} es_problem;

/* Nonzero when the run that called the current hook must stop now: its time
 * limit has passed or it was interrupted (Ctrl-C); or, inside a lower_bound
 * hook that es_problem_bound called, when its stop flag is set or its time
 * is up. For hooks whose work can take long (improve, heuristic,
 * lower_bound); they check it between passes or steps and return what they
 * have. 0 outside a hook the engine or es_problem_bound called.
 * Thread-safe: each thread answers for its own hook. */
int es_stop_requested(void);

/* The problem's own bound (its lower_bound hook) into out, with
 * es_stop_requested() answering nonzero inside the hook once *stop_flag is
 * set (stop_flag may be NULL) or max_seconds have passed (0: no limit). A
 * hook that heeds it returns a weaker bound that is still valid; when it
 * was told to stop, ", cut short" is added to out->source. ES_ENOTSUP when
 * the problem has no such hook, else the hook's status. out is the
 * caller's; nothing is allocated. */
int es_problem_bound(const es_problem *p, const es_instance *inst, volatile sig_atomic_t *stop_flag,
                     double max_seconds, es_bound *out);

#ifdef __cplusplus
}
#endif
#endif
