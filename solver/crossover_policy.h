/* Adaptive crossover: the probability of crossover per parent pair, and the
 * choice among several crossover operators by their recent success. The
 * engine asks; this file holds the rules (docs/operators.md). */
#ifndef ES_CROSSOVER_POLICY_H
#define ES_CROSSOVER_POLICY_H
#include <evosched/evosched.h>

typedef enum { ES_XRATE_FIXED = 0, ES_XRATE_FITNESS, ES_XRATE_SIMILARITY, ES_XRATE_GENERATION } es_xrate;

/* NULL means "fixed". ES_EINVAL for an unknown name. */
int es_xrate_parse(const char *name, es_xrate *out);

/* Crossover and mutation probabilities for one pair. better: the fitter
 * parent's cost; best, mean: of the population; similarity of the parents in
 * [0, 1]; progress of the run in [0, 1]. Costs: lower is better. */
void es_xrate_apply(es_xrate policy, double rate, double mutation, double better, double best, double mean,
                    double similarity, double progress, double *pc, double *pm);

/* Credit assignment among crossovers: probabilities follow each operator's
 * share of children better than their better parent, smoothed over
 * generations, never below a floor so that no operator dies out. */
#define ES_XCHOICE_MAX 16
typedef struct es_xchoice {
    int n;
    const es_operator *ops[ES_XCHOICE_MAX];
    double prob[ES_XCHOICE_MAX], credit[ES_XCHOICE_MAX];
    long long uses[ES_XCHOICE_MAX], wins[ES_XCHOICE_MAX]; /* this generation */
} es_xchoice;

void es_xchoice_init(es_xchoice *c);
int es_xchoice_add(es_xchoice *c, const es_operator *op);
int es_xchoice_pick(const es_xchoice *c, es_rng *rng);
void es_xchoice_record(es_xchoice *c, int op, int success);
void es_xchoice_update(es_xchoice *c); /* end of a generation */
#endif
