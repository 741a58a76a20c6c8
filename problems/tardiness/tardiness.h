/* Single machine total (weighted) tardiness: the instance model shared by the
 * files of this folder. Jobs are numbered 0..n-1 in file order; a genome is
 * the processing sequence. */
#ifndef ES_TARDINESS_H
#define ES_TARDINESS_H

#include <stdint.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

/* Input limits keep every objective value exact in int64 (and in a double up
 * to 2^53 for any realistic instance). */
#define TARD_MAX_JOBS 50000
#define TARD_MAX_P 100000L
#define TARD_MAX_W 10000L
#define TARD_MAX_D 5000000000L

typedef enum { TARD_ORLIB = 1, TARD_TEXT = 2, TARD_CSV = 3 } tard_format;

typedef struct tardiness {
    int n;
    int32_t *p, *w;
    int64_t *d;
    int64_t total_p;
    int weighted;     /* some weight differs from 1 */
    tard_format format;
    int index;        /* 1-based instance number in an OR-Library file */
    int count;        /* instances in that file */
} tardiness;

static inline const tardiness *tard_of(const es_instance *inst) { return (const tardiness *)inst; }

static inline int64_t tard_cost(const tardiness *t, int job, int64_t completion)
{
    int64_t late = completion - t->d[job];
    return late > 0 ? (int64_t)t->w[job] * late : 0;
}

/* Objective of a sequence, the reference every faster path is tested against. */
int64_t tard_sequence_cost(const tardiness *t, const int *seq);

/* parse.c */
int tard_detect(const es_source *src);
int tard_load(const es_source *src, es_instance **out, es_error *err);
void tard_destroy(es_instance *inst);
int tard_alloc(int n, tardiness **out);

/* rules.c: dispatching rules; rule indexes 0..TARD_RULES-1. The dynamic
 * ones (quadratic) return ES_ENOTFOUND when es_stop_requested() says so. */
#define TARD_RULES 6
int tard_rule(const tardiness *t, int rule, int *seq, const char **name);
/* What building the rule's sequence costs, in steps of about the cost of
 * one cell of a dynasearch pass (tard_pass_work). */
double tard_rule_work(const tardiness *t, int rule);
int tard_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name);
int tard_desirability(const es_instance *inst, double *eta);

/* localsearch.c */
size_t tard_scratch_size(const es_instance *inst);
int64_t tard_dynasearch_pass(const tardiness *t, int *seq, void *scratch);
/* The size of the move table one pass fills (jobs times block window): a
 * measure of its work, for callers that cap theirs. */
double tard_pass_work(const tardiness *t);
int tard_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                 long long *evaluations);

/* bound.c, lagrange.c */
int64_t tard_pairing_bound(const tardiness *t);
int tard_exact(const tardiness *t, int64_t *optimum, int *seq);
/* Subgradient iterations of the Lagrangian bound: enough for it to converge
 * on OR-Library's 100-job instances (bench/bench_tardiness). */
#define TARD_LR_ITERATIONS 300
int64_t tard_lagrangian_bound(const tardiness *t, int iterations, int64_t upper);
/* 1 when the bound above fits its memory cap (n (P + 1) states), else it
 * gives 0 at once: a caller can skip the upper bound it would need. */
int tard_lagrangian_fits(const tardiness *t);
int tard_lower_bound(const es_instance *inst, es_bound *out);
int tard_reference_bound(const es_instance *inst, const char *path, es_bound *out, es_error *err);

/* chart.c: the schedule as SVG, a row per job in machine order (--chart). */
int tard_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);

/* solution.c */
int tard_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out);
int tard_check(const es_instance *inst, const es_source *solution, double *value, es_error *err);
int tard_read_solution(const es_instance *inst, const es_source *solution, es_genome *out, es_error *err);

/* generate.c */
int tard_generate(int argc, char **argv, FILE *out, es_error *err);

/* mip.c: the GLPK model and an incumbent in its variables. */
int tard_glpk_model(const es_instance *inst, void *lp, double cutoff, es_error *err);
int tard_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x);

#endif
