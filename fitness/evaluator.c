/* Parallel batch evaluation with per-thread scratch; see evaluator.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "evaluator.h"

struct es_evaluator {
    const es_problem *problem;
    const es_instance *inst;
    int threads;
    size_t stride; /* bytes per thread block, a multiple of 64 */
    unsigned char *scratch;
    int *status; /* per-index status of the last batch */
    int status_cap;
    long long count;
};

int es_evaluator_create(const es_problem *problem, const es_instance *inst, int threads,
                        es_evaluator **out)
{
    es_evaluator *ev = calloc(1, sizeof *ev);
    if (!ev)
        return ES_ENOMEM;
    ev->problem = problem;
    ev->inst = inst;
    ev->threads = threads < 1 ? 1 : threads;
    /* Round each block to a cache line so threads never share one. */
    ev->stride = (problem->scratch_size(inst) + 63u) / 64u * 64u;
    if (ev->stride == 0)
        ev->stride = 64;
    ev->scratch = aligned_alloc(64, ev->stride * (size_t)ev->threads);
    if (!ev->scratch) {
        free(ev);
        return ES_ENOMEM;
    }
    memset(ev->scratch, 0, ev->stride * (size_t)ev->threads);
    *out = ev;
    return ES_OK;
}

void es_evaluator_destroy(es_evaluator *ev)
{
    if (!ev)
        return;
    free(ev->scratch);
    free(ev->status);
    free(ev);
}

void *es_evaluator_scratch(es_evaluator *ev, int t) { return ev->scratch + ev->stride * (size_t)t; }

/* One batch, in parallel: with the problem's evaluate_cutoff when there is
 * a cutoff to pass (complete[i] then says whether i ran to the end), with
 * evaluate otherwise; genomes begun after stop answers are skipped. Counts
 * what it evaluated; returns the first failure in index order. */
static int run_batch(es_evaluator *ev, const es_genome *genomes, double cutoff, double *values, char *complete,
                     int count, int (*stop)(const void *user), const void *user)
{
    if (count <= 0)
        return ES_OK;
    if (count > ev->status_cap) {
        int *s = realloc(ev->status, (size_t)count * sizeof *s);
        if (!s)
            return ES_ENOMEM;
        ev->status = s;
        ev->status_cap = count;
    }
    int cut = ev->problem->evaluate_cutoff && !isnan(cutoff);
    long long skipped = 0;
#pragma omp parallel for num_threads(ev->threads) schedule(dynamic, 1) reduction(+ : skipped)
    for (int i = 0; i < count; i++) {
        void *scratch = es_evaluator_scratch(ev, omp_get_thread_num());
        int whole = 1;
        if (stop && stop(user)) {
            ev->status[i] = ES_OK;
            values[i] = NAN;
            whole = 0;
            skipped++;
        } else
            ev->status[i] = cut ? ev->problem->evaluate_cutoff(ev->inst, &genomes[i], scratch, cutoff, &values[i],
                                                               &whole)
                                : ev->problem->evaluate(ev->inst, &genomes[i], scratch, &values[i]);
        if (complete)
            complete[i] = (char)(whole != 0);
    }
    ev->count += count - skipped;
    for (int i = 0; i < count; i++)
        if (ev->status[i] != ES_OK)
            return ev->status[i];
    return ES_OK;
}

int es_evaluator_batch(es_evaluator *ev, const es_genome *genomes, double *values, int count)
{
    return run_batch(ev, genomes, NAN, values, NULL, count, NULL, NULL);
}

int es_evaluator_batch_cutoff(es_evaluator *ev, const es_genome *genomes, double cutoff, double *values,
                              char *complete, int count, int (*stop)(const void *user), const void *user)
{
    return run_batch(ev, genomes, cutoff, values, complete, count, stop, user);
}

long long es_evaluator_count(const es_evaluator *ev) { return ev->count; }
void es_evaluator_add(es_evaluator *ev, long long evaluations) { ev->count += evaluations; }
