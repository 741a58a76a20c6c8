/* Batch evaluation: the engine hands over a generation's children and the
 * evaluator scores them in parallel, each thread with its own scratch block.
 * It owns the counters of real evaluations, so that a surrogate can later sit
 * here and decide which children are evaluated for real. */
#ifndef ES_EVALUATOR_H
#define ES_EVALUATOR_H

#include <evosched/problem.h>

typedef struct es_evaluator es_evaluator;

/* threads >= 1. Ownership: problem and inst must outlive the evaluator; the
 * caller frees *out with es_evaluator_destroy. */
int es_evaluator_create(const es_problem *problem, const es_instance *inst, int threads,
                        es_evaluator **out);
void es_evaluator_destroy(es_evaluator *ev);

/* The scratch block of thread t (problem->scratch_size bytes), for hooks the
 * engine calls itself, such as improve. */
void *es_evaluator_scratch(es_evaluator *ev, int t);

/* values[i] = objective of genomes[i], for i < count, in parallel. Returns the
 * first failing status in index order, so errors are reproducible too. */
int es_evaluator_batch(es_evaluator *ev, const es_genome *genomes, double *values, int count);

/* The same for a caller that needs a value only if it is at least as good
 * as cutoff (the problem's evaluate_cutoff contract): complete[i] = 0 where
 * the problem stopped early and values[i] is only a bound proving genomes[i]
 * worse. Problems without the hook, or a NaN cutoff, evaluate in full. A
 * stopped evaluation still counts as one.
 * stop (may be NULL) is asked before each evaluation: once it answers
 * nonzero, genomes not yet begun are left alone, with values[i] NaN and
 * complete[i] 0, and are not counted. One evaluation of a huge instance can
 * take a second, so a batch must not outlast the run's time limit. */
int es_evaluator_batch_cutoff(es_evaluator *ev, const es_genome *genomes, double cutoff, double *values,
                              char *complete, int count, int (*stop)(const void *user), const void *user);

long long es_evaluator_count(const es_evaluator *ev);
void es_evaluator_add(es_evaluator *ev, long long evaluations);

#endif
