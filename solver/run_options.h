/* The search options `solve` and `bench` share: parsed the same way, given
 * the same problem-dependent defaults, and bounded the same way, so that a
 * bench run of an instance is the solve run of it with that seed. */
#ifndef ES_RUN_OPTIONS_H
#define ES_RUN_OPTIONS_H
#include <evosched/evosched.h>
#include "cli.h"
#include "gap.h"

typedef struct es_run_opts {
    const char *problem, *topology;
    const char *plugins[16];
    int nplugins, no_target, has_optimum;
    double optimum;
    es_config cfg;
    int improve_rate_set, population_set, crossover_rate_set, mutation_rate_set, stagnation_set, parents_set,
        niche_set, incest_set, late_tournament_set, late_from_set, offspring_set, ties_set;
    int tuned; /* the problem's tune hook chose settings not given as options */
    double mip_seconds; /* --bound S: GLPK after the search; 0: no */
    int ils, kick_set;
} es_run_opts;

/* Prints the option lines of the usage text, for the commands' --help. */
void es_run_opts_usage(FILE *f);

void es_run_opts_init(es_run_opts *o);

/* A number option's value in [lo, hi] (an integer when asked): 1 and *out,
 * or 0 after printing why, prefixed by cmd. */
int es_run_parse_number(const char *cmd, const char *opt, const char *arg, double lo, double hi, int integer,
                        double *out);

/* Reads argv[*i] when it is a search option, with its value: returns 1 and
 * leaves *i on the last word it used; 0 when argv[*i] is not a search
 * option; -1 on a bad value, after printing why (prefixed by cmd). */
int es_run_opts_parse(es_run_opts *o, const char *cmd, int argc, char **argv, int *i);

/* A registry with the --plugin objects loaded: EXIT_OK, or an exit code
 * after printing why. Ownership: the caller destroys *reg. */
int es_run_opts_registry(const es_run_opts *o, es_registry **reg);

/* Defaults that depend on the problem: local search when it has one and
 * wants it, its population hint or its tune hook's settings for the budget,
 * iterated local search's settings. Options the user gave are kept. */
void es_run_opts_apply_problem(es_run_opts *o, const es_problem *p, const es_instance *inst);

/* The problem's own bound (its lower_bound hook) into *out: 1, or 0 when
 * it has none. It can take a second (tardiness's Lagrangian bound on
 * wt100, a 50,000-task satellite project), so bench computes it once per
 * instance, not once per seed. Ctrl-C, or seconds passing (0: no limit),
 * cut it short (es_problem_bound). */
int es_run_problem_bound(const es_loaded *l, double seconds, es_bound *out);

/* The bounds known without a search or an option: the problem's own and a
 * reference file beside the instance. A reference file that is there but
 * refused (it describes another instance) is a warning on stderr, not an
 * error: the caller goes on without it. */
void es_run_known_bounds(const es_loaded *l, es_bounds *b);

/* Every bound known before the search (es_run_known_bounds, and
 * --optimum); the best one becomes the target unless --no-target. With a
 * time limit the problem's own bound gets a fifth of it at most, and the
 * search's limit loses what the bound took. */
void es_run_opts_bounds(es_run_opts *o, const es_loaded *l, es_bounds *b);
/* The same with the problem's own bound given (NULL: it has none). */
void es_run_opts_bounds_given(es_run_opts *o, const es_loaded *l, const es_bound *own, es_bounds *b);

/* 1 when cfg bounds the run by time, evaluations or generations; without
 * any, a run ends only at its target or on an interrupt. */
int es_run_has_budget(const es_config *cfg);

/* The value of the best solution known for the instance: the problem's
 * best_known hook (bounds.csv), or else a bound in b that is a proven
 * optimum (wtopt files, --optimum). 1 and *out filled when one is known. */
int es_run_best_known(const es_loaded *l, const es_bounds *b, es_bound *out);

/* The bounds in b that value beats cannot hold (a wrong --optimum, a stale
 * file): they are set aside (es_bounds_contradicted_by) with a warning on
 * stderr naming instance, value and the bound's source. */
void es_run_check_bounds(es_bounds *b, es_sense sense, double value, const char *instance);

/* GLPK's LP and MIP bounds in mr, those it has, added to b; the MIP bound
 * counts as the optimum when GLPK proved it. */
void es_run_add_mip_bounds(es_sense sense, const es_mip_result *mr, es_bounds *b);

/* --bound S: GLPK from the search's best; adds the LP and MIP bounds to b.
 * *mr (may be NULL) receives GLPK's result. */
int es_run_mip_bounds(const es_loaded *l, const es_result *res, double seconds, es_bounds *b, es_mip_result *mr,
                      es_error *err);
#endif
