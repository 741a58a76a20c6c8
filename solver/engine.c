/* The population engine: a (mu + lambda) genetic algorithm whose selection,
 * crossover, mutation and improvement are operator plug-ins and whose
 * evaluation goes through fitness/. This file runs the generations and
 * decides when to stop; create.c checks a configuration and builds the
 * solver, and the steps of a generation live beside them (engine_internal.h
 * says which where, and why a run is the same for any thread count). */
#include <math.h>
#include <string.h>
#include <time.h>
#include <omp.h>
#include "engine_internal.h"

const char *es_stop_reason_name(es_stop_reason r)
{
    switch (r) {
    case ES_STOP_NONE: return "none";
    case ES_STOP_EVALUATIONS: return "evaluations";
    case ES_STOP_GENERATIONS: return "generations";
    case ES_STOP_TIME: return "time";
    case ES_STOP_TARGET: return "target";
    case ES_STOP_INTERRUPT: return "interrupt";
    case ES_STOP_ISLANDS: return "islands";
    }
    return "unknown";
}

/* Why a run stopped when the features hook (niching, incest prevention)
 * broke its promise. */
static const char FEATURES_BROKEN[] = "the problem's features hook gave a count outside [1, genome length] or "
                                      "different counts for different genomes";

double es_engine_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int es_engine_out_of_time(const es_solver *s, double seconds)
{
    return s->cfg.max_seconds > 0 && es_engine_now() + seconds >= s->deadline;
}

/* Whether the time is up: an evaluation begun now would end past the
 * limit (on a 50,000-task satellite project one takes 0.1 s; on PSPLIB
 * microseconds, where this is the limit itself). */
static int out_of_time(const es_solver *s)
{
    return es_engine_out_of_time(s, s->eval_seconds);
}

/* Read-only, so parallel loops may call it to skip optional work. */
int es_engine_must_stop(const es_solver *s)
{
    return (s->cfg.stop_flag && *s->cfg.stop_flag) || out_of_time(s);
}

static int stopping(es_solver *s)
{
    if (s->cfg.stop_flag && *s->cfg.stop_flag) {
        s->res.stop = ES_STOP_INTERRUPT;
        return 1;
    }
    if (out_of_time(s)) {
        s->res.stop = ES_STOP_TIME;
        return 1;
    }
    return 0;
}

long long es_engine_budget_left(const es_solver *s)
{
    if (s->cfg.max_evaluations <= 0)
        return (long long)1 << 62;
    return s->cfg.max_evaluations - es_evaluator_count(s->ev);
}

/* How far the run is, in [0, 1], by whichever budget is nearest its end. */
double es_engine_progress(const es_solver *s)
{
    double p = 0;
    if (s->cfg.max_evaluations > 0)
        p = fmax(p, (double)es_evaluator_count(s->ev) / (double)s->cfg.max_evaluations);
    if (s->cfg.max_generations > 0)
        p = fmax(p, (double)s->generation / (double)s->cfg.max_generations);
    if (s->cfg.max_seconds > 0)
        p = fmax(p, (es_engine_now() - s->t0) / s->cfg.max_seconds);
    return fmin(p, 1.0);
}

static int target_reached(const es_solver *s)
{
    if (!s->cfg.has_target || !s->have_best)
        return 0;
    double t = es_engine_to_cost(s, s->cfg.target);
    return s->best_cost <= t + 1e-9 * fmax(1.0, fabs(t));
}

/* How many threads a team of `asked` actually gets: OpenMP may give fewer
 * (OMP_THREAD_LIMIT; a region nested in another with nesting off, as in
 * bench before it allowed two levels), and the report must say what ran. */
static int granted_threads(int asked)
{
    int granted = 1;
#pragma omp parallel num_threads(asked)
    {
#pragma omp single
        granted = omp_get_num_threads();
    }
    return granted;
}

static void report_progress(es_solver *s, int force)
{
    if (!s->cfg.progress)
        return;
    double t = es_engine_now();
    if (!force && t < s->next_progress)
        return;
    s->next_progress = t + s->cfg.progress_interval;
    es_progress p = {s->generation, es_evaluator_count(s->ev), t - s->t0, s->res.best_value, &s->best};
    s->cfg.progress(&p, s->cfg.progress_user);
}

/* The problem's last step (polish) on the best genome and on each initial
 * one, once the search is over: it is too slow for every child, and the
 * result is the best of them, so that a --start whose polished value beats
 * the search's polished best is not lost. */
static void polish_best(es_solver *s)
{
    s->res.search_value = s->res.best_value;
    if (!s->problem->polish || !s->have_best)
        return;
    void *scratch = es_evaluator_scratch(s->ev, 0);
    double best = s->res.best_value, v;
    int from = -1; /* -1: s->best, else that initial genome */
    for (int k = -1; k < s->cfg.ninitial; k++) {
        es_error ignored = {0, ""}; /* a polish that fails leaves evaluate's value */
        const es_genome *g = k < 0 ? &s->best : &s->cfg.initial[k];
        if (s->problem->polish(s->inst, g, scratch, &v, &ignored) == ES_OK &&
            es_engine_to_cost(s, v) < es_engine_to_cost(s, best))
            best = v, from = k;
    }
    if (from >= 0)
        es_genome_copy(&s->info, &s->best, &s->cfg.initial[from]);
    s->res.best_value = best;
    s->best_cost = es_engine_to_cost(s, best);
}

int es_solver_run(es_solver *s, es_result *out, es_error *err)
{
    memset(&s->res, 0, sizeof s->res);
    s->have_best = 0;
    s->distinct = 0;
    s->eval_seconds = 0;
    s->generation = 0;
    s->t0 = es_engine_now();
    s->deadline = s->t0 + s->cfg.max_seconds;
    s->next_progress = s->t0 + s->cfg.progress_interval;
    int status = es_engine_init_population(s);
    long long last_improvement = 0;
    double best_seen = s->best_cost;
    while (status == ES_OK) {
        long long left = es_engine_budget_left(s);
        if (target_reached(s))
            s->res.stop = ES_STOP_TARGET;
        else if (stopping(s))
            ; /* stopping() set the reason */
        else if (s->cfg.max_generations > 0 && s->generation >= s->cfg.max_generations)
            s->res.stop = ES_STOP_GENERATIONS;
        else if (left <= 0)
            s->res.stop = ES_STOP_EVALUATIONS;
        if (s->cfg.sync_stop) { /* islands stop together, for the same reason */
            int all = ES_STOP_NONE;
            status = s->cfg.sync_stop(s->cfg.island_user, (int)s->res.stop, &all);
            if (status == ES_OK && all != ES_STOP_NONE)
                s->res.stop = all >= ES_STOP_EVALUATIONS && all <= ES_STOP_ISLANDS ? (es_stop_reason)all
                                                                                   : ES_STOP_ISLANDS;
            if (status != ES_OK || all != ES_STOP_NONE)
                break;
        } else if (s->res.stop != ES_STOP_NONE)
            break;
        s->generation++;
        int count = left < s->L ? (int)left : s->L;
        int ants_from = s->algo == ALGO_ACO ? 0 : s->algo == ALGO_HYBRID ? count / 2 : count;
        if ((status = es_engine_breed(s, ants_from)) != ES_OK) {
            es_fail(err, status, "%s", FEATURES_BROKEN);
            break;
        }
        if (ants_from < count)
            es_engine_construct(s, ants_from, count);
        status = es_engine_score(s, s->P, count, PURPOSE_BREED, NULL, 0);
        if (status == ES_OK && s->sur)
            status = es_engine_guard_estimates(s, count);
        if (status != ES_OK)
            break;
        es_engine_credit_crossovers(s, count);
        /* Past the time limit or after Ctrl-C the children are already in
         * the best (es_engine_fold_real), and nothing will read the
         * population again but migration: ranking them into it (the niche's
         * looks, the replacement, a restart) was wasted work that made a
         * run of 100,000 members on j120 search 3.0 s for --time 2. */
        int over = es_engine_must_stop(s);
        int have_iter_best = !over && s->algo == ALGO_ACO && es_engine_keep_iteration_best(s, ants_from, count);
        if (!over && s->niche && (status = es_engine_crowd(s, count)) != ES_OK) {
            es_fail(err, status, "%s", FEATURES_BROKEN);
            break;
        }
        over = over || es_engine_must_stop(s); /* the looks may have been cut short */
        if (!over) {
            es_engine_replace(s, count);
            es_engine_learn(s, have_iter_best);
        }
        if (s->cfg.migrate && s->cfg.migration_interval > 0 && s->generation % s->cfg.migration_interval == 0) {
            status = es_engine_migrate(s);
            if (status != ES_OK)
                break;
        }
        if (s->best_cost < best_seen) {
            best_seen = s->best_cost;
            last_improvement = s->generation;
        } else if (!over && s->cfg.stagnation > 0 && s->generation - last_improvement >= s->cfg.stagnation) {
            last_improvement = s->generation;
            if (s->con)
                s->con->learn(s->con_state, NULL, NULL, 0, 1); /* pheromone back to tau_max */
            if (s->algo != ALGO_ACO)
                status = es_engine_restart(s);
        }
        report_progress(s, 0);
    }
    report_progress(s, 1);
    polish_best(s);
    s->res.generations = s->generation;
    s->res.evaluations = es_evaluator_count(s->ev);
    s->res.seconds = es_engine_now() - s->t0;
    s->res.threads = granted_threads(s->threads);
    s->res.best = s->best;
    s->res.crossover = s->cx_name;
    if (s->res.error_samples > 0)
        s->res.estimation_error /= (double)s->res.error_samples;
    if (status != ES_OK && err && err->message[0] == 0)
        es_fail(err, status, "the run failed: %s", es_strerror(status));
    if (!s->have_best && status == ES_OK)
        status = es_fail(err, ES_EINTERNAL, "no solution was evaluated");
    *out = s->res;
    return status;
}
