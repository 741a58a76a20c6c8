/* Scoring: evaluating and improving individuals in parallel, with the
 * fuzzy surrogate deciding which offspring keep an estimate instead, and the
 * guard that re-evaluates estimates before they reach the elite. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "engine_internal.h"

/* Share of estimated offspring also evaluated for real, to measure the
 * surrogate's error as it goes. */
#define SURROGATE_SAMPLE 0.05

/* Records a real evaluation of v: best so far, surrogate archive. */
void es_engine_fold_real(es_solver *s, individual *v)
{
    v->estimated = 0;
    v->cost = es_engine_to_cost(s, v->value);
    if (s->sur)
        es_surrogate_add(s->sur, &v->g, v->cost);
    if (!s->have_best || v->cost < s->best_cost) {
        s->have_best = 1;
        s->best_cost = v->cost;
        s->res.best_value = v->value;
        es_genome_copy(&s->info, &s->best, &v->g);
        s->res.seconds_to_best = es_engine_now() - s->t0;
        s->res.evaluations_to_best = es_evaluator_count(s->ev);
    }
}

/* The surrogate's verdict on each child not chosen for improvement: est[i]
 * set when it keeps its estimate. Similarities are computed in parallel
 * from the archive as it was before this batch; the decisions, which depend
 * on nothing else, follow in index order. */
static void surrogate_decide(es_solver *s, individual *v, int count, const char *chosen)
{
    double t0 = es_engine_now();
#pragma omp parallel for num_threads(s->threads) schedule(static)
    for (int i = 0; i < count; i++)
        if (!chosen[i])
            es_surrogate_estimate(s->sur, omp_get_thread_num(), &v[i].g, &s->est_sim[i], &s->est_cost[i]);
    s->res.similarity_seconds += es_engine_now() - t0;
    double threshold = es_surrogate_threshold(s->sur, es_engine_progress(s));
    for (int i = 0; i < count; i++) {
        s->est[i] = 0;
        if (chosen[i] || s->est_sim[i] < threshold)
            continue;
        /* Guard: an estimate that would beat the best real value is only a
         * promise; such a child is evaluated for real. */
        if (s->have_best && s->est_cost[i] < s->best_cost)
            continue;
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_SURROGATE, (uint64_t)s->generation, (uint64_t)i);
        s->est[i] = es_rng_uniform(&rng) < SURROGATE_SAMPLE ? 2 : 1; /* 2: estimate, and measure it */
    }
}

enum { DROPPED = 2 };

static int stop_test(const void *s)
{
    return es_engine_must_stop(s);
}

/* Evaluates and (with the configured probability) improves all[first ..
 * first+count), then folds the results into the counters and the best, in
 * index order. A child chosen for improvement is not evaluated first: the
 * improve hook evaluates it as part of its work (for RCPSP the pass that
 * gives the start times), which saves one evaluation per improved child.
 * With the surrogate, offspring (purpose BREED) similar enough to the
 * archive keep an estimate instead of being evaluated. */
int es_engine_score(es_solver *s, int first, int count, uint64_t purpose, const double *known, int nknown)
{
    if (count <= 0)
        return ES_OK;
    individual *v = s->all + first;
    int improve = s->imp && s->cfg.improve_rate > 0;
    char *chosen = (char *)s->status; /* reused below only after this pass */
    int direct = 0, improved = 0;
    for (int i = 0; i < count; i++) {
        chosen[i] = 0;
        if (improve) {
            es_rng rng;
            es_rng_derive(&rng, s->cfg.seed, PURPOSE_IMPROVE + 16 * purpose, (uint64_t)s->generation, (uint64_t)i);
            chosen[i] = es_rng_uniform(&rng) < s->cfg.improve_rate;
        }
    }
    memset(s->est, 0, (size_t)count);
    if (s->sur && purpose == PURPOSE_BREED)
        surrogate_decide(s, v, count, chosen);
    /* A member whose value is known and who is not improved needs no
     * evaluation: on a 50,000-task satellite project one is 0.1 s, a tenth of
     * a time limit of one second. It counts as one all the same, so that runs
     * are the same evaluation for evaluation. */
    for (int i = 0; i < count; i++) {
        if (chosen[i])
            improved++;
        else if (s->est[i] != 1 && i >= nknown)
            s->batch[direct++] = v[i].g;
    }
    /* A child that is only evaluated needs its exact value only if it can
     * survive. When the population holds P distinct members (sorted by
     * replace), a child worse than the worst of them never does, so its
     * decoder may stop as soon as it knows (RCPSP's early abort); the run
     * is the same as without, only sooner. Ants and estimates need their
     * values, so colonies and the surrogate evaluate in full. */
    double cutoff = NAN;
    if (purpose == PURPOSE_BREED && s->distinct && !s->sur && s->algo != ALGO_ACO)
        cutoff = s->all[s->P - 1].value;
    char *whole = s->complete, *child_whole = s->complete + s->P + s->L;
    double t0 = es_engine_now();
    long long before = es_evaluator_count(s->ev);
    int status = es_evaluator_batch_cutoff(s->ev, s->batch, cutoff, s->values + count, whole, direct, stop_test, s);
    if (status != ES_OK)
        return status;
    long long done = es_evaluator_count(s->ev) - before; /* the batch counts those it did not skip */
    if (done > 0) /* the batch ran on up to `threads` threads at once */
        s->eval_seconds = (es_engine_now() - t0) * (done < s->threads ? done : s->threads) / done;
    /* child_whole: 1 evaluated, 0 cut short at the cutoff, DROPPED not
     * evaluated because the run is over (the batch stopped before it). */
    for (int i = 0, d = 0; i < count; i++) {
        int skip = chosen[i] || s->est[i] == 1, was = !skip && i < nknown;
        child_whole[i] = skip || was ? 1 : whole[d];
        s->values[i] = skip ? NAN : was ? known[i] : s->values[count + d++];
        if (!skip && isnan(s->values[i]))
            child_whole[i] = DROPPED;
        if (was)
            es_evaluator_add(s->ev, 1);
    }
    /* What is left of the evaluation budget is shared among the improved
     * children in index order (each gets at least the one evaluation it
     * needs, since count never exceeds the budget left), so the budget holds
     * exactly and the split does not depend on the thread count. */
    long long left = es_engine_budget_left(s);
    if (left < improved)
        left = improved;
    long long share = improved ? left / improved : 0, extra = improved ? left % improved : 0;
    for (int i = 0, k = 0; i < count; i++) {
        s->improve_evals[i] = chosen[i] ? share + (k < extra ? 1 : 0) : 0;
        k += chosen[i];
    }
    int *st = (int *)(s->improve_evals + count); /* per-child status after the allowances */
#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1) if (improved > 1)
    for (int i = 0; i < count; i++) {
        st[i] = ES_OK;
        if (!s->improve_evals[i])
            continue;
        void *scratch = es_evaluator_scratch(s->ev, omp_get_thread_num());
        if (es_engine_must_stop(s)) { /* no time left even to evaluate it */
            child_whole[i] = DROPPED;
            s->improve_evals[i] = 0;
            continue;
        }
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_IMPROVE + 16 * purpose, (uint64_t)s->generation, (uint64_t)i);
        es_rng_next(&rng); /* the draw that chose this child */
        long long allowance = s->improve_evals[i], spent = allowance;
        es_engine_hook_enter(s);
        st[i] = s->imp->improve(s->problem, s->inst, &v[i].g, &s->values[i], scratch, &rng, &spent);
        es_engine_hook_leave();
        s->improve_evals[i] = spent < 1 ? 1 : spent > allowance ? allowance : spent;
    }
    s->res.evaluation_seconds += es_engine_now() - t0;
    /* The hashes in parallel too: serial, they took 6-7% of a j120 run's
     * time. A dropped child is never compared (it is kept last); hashing a
     * million of them took a second past the time limit. */
#pragma omp parallel for num_threads(s->threads) schedule(static) if (count > 1)
    for (int i = 0; i < count; i++)
        v[i].hash = child_whole[i] == DROPPED ? 0 : es_genome_hash(&s->info, &v[i].g);
    for (int i = 0; i < count; i++) {
        if (st[i] != ES_OK)
            return st[i];
        v[i].born = s->generation;
        if (s->est[i] == 1) { /* keeps its estimate */
            v[i].estimated = 1;
            v[i].cost = s->est_cost[i];
            v[i].value = s->problem->sense == ES_MAXIMIZE ? -v[i].cost : v[i].cost;
            s->res.estimated++;
            continue;
        }
        if (child_whole[i] == DROPPED) { /* worse than anything, so that it never takes a place */
            v[i].estimated = 0;
            v[i].cost = INFINITY;
            v[i].value = s->problem->sense == ES_MAXIMIZE ? -INFINITY : INFINITY;
            continue;
        }
        if (isnan(s->values[i]))
            return ES_EINTERNAL; /* an improve hook left its child unevaluated */
        es_evaluator_add(s->ev, s->improve_evals[i]);
        v[i].value = s->values[i]; /* if cut short, a bound that keeps it out of the population */
        s->res.cut_short += !child_whole[i];
        if (s->est[i] == 2) { /* a sampled estimate: how wrong was it? */
            double real = es_engine_to_cost(s, v[i].value);
            s->res.estimation_error += fabs(s->est_cost[i] - real) / fmax(fabs(real), 1e-9);
            s->res.error_samples++;
        }
        es_engine_fold_real(s, &v[i]);
    }
    return ES_OK;
}

/* Guard: an estimated individual that ranks among the best tenth of the
 * pool is evaluated for real before it can take a place there, so the elite
 * (and the reported best) always stands on real evaluations. */
int es_engine_guard_estimates(es_solver *s, int nchildren)
{
    int N = s->P + nchildren, top = s->P / 10 > 0 ? s->P / 10 : 1, n = 0;
    double *c = s->costs; /* P + L doubles */
    for (int i = 0; i < N; i++)
        c[i] = s->all[i].cost;
    /* The cost of the top-th best, by partial selection. */
    double limit = INFINITY;
    for (int r = 0; r < top && r < N; r++) {
        int m = r;
        for (int i = r + 1; i < N; i++)
            if (c[i] < c[m])
                m = i;
        double t = c[r];
        c[r] = c[m];
        c[m] = t;
        limit = c[r];
    }
    for (int i = 0; i < N; i++)
        if (s->all[i].estimated && s->all[i].cost <= limit && es_engine_budget_left(s) - n > 0)
            s->order[n++] = i;
    if (n == 0)
        return ES_OK;
    for (int k = 0; k < n; k++)
        s->batch[k] = s->all[s->order[k]].g;
    double t0 = es_engine_now();
    int st = es_evaluator_batch(s->ev, s->batch, s->values, n);
    s->res.evaluation_seconds += es_engine_now() - t0;
    if (st != ES_OK)
        return st;
    for (int k = 0; k < n; k++) {
        individual *v = &s->all[s->order[k]];
        v->value = s->values[k];
        es_engine_fold_real(s, v);
    }
    s->res.reevaluated += n;
    return ES_OK;
}

