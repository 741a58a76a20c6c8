/* The population engine: a (mu + lambda) genetic algorithm whose selection,
 * crossover, mutation and improvement are operator plug-ins and whose
 * evaluation goes through fitness/.
 *
 * Determinism: every random decision of child i in generation g draws from
 * the stream derive(seed, purpose, g, i), children are produced, evaluated and
 * improved independently, and everything that combines them (counters,
 * replacement, the best so far) runs afterwards in index order. A run stopped
 * by evaluations or generations is therefore the same for any thread count. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <omp.h>
#include <evosched/evosched.h>
#include "../fitness/evaluator.h"
#include "../fitness/similarity.h"
#include "../fitness/surrogate.h"
#include "crossover_policy.h"

enum { PURPOSE_INIT = 1, PURPOSE_BREED = 2, PURPOSE_IMPROVE = 3, PURPOSE_RESTART = 4, PURPOSE_SURROGATE = 5,
       PURPOSE_ANT = 6 };

enum { ALGO_GA = 0, ALGO_ACO = 1, ALGO_HYBRID = 2 };

/* Share of estimated offspring also evaluated for real, to measure the
 * surrogate's error as it goes. */
#define SURROGATE_SAMPLE 0.05
/* Population and children together: 2 GB of genes (100,000 individuals of
 * 5,000 jobs). */
#define ES_MAX_GENOME_BYTES 2e9

typedef struct individual {
    es_genome g;
    double value;  /* objective as the problem reports it */
    double cost;   /* value turned into "lower is better" */
    uint64_t hash;
    long long born; /* generation; newer wins ties so plateaus are crossed */
    int estimated;  /* value is a surrogate estimate, not a real evaluation */
} individual;

struct es_solver {
    const es_problem *problem;
    const es_instance *inst;
    es_config cfg;
    es_genome_info info;
    const es_operator *sel, *mut, *imp;
    es_evaluator *ev;
    int threads, P, L;
    individual *all;  /* P survivors followed by L children */
    int *order;       /* sort buffer over all */
    individual *tmp;  /* reorder buffer */
    es_genome *batch; /* views of genomes for the evaluator */
    double *values, *costs;
    long long *improve_evals;
    int *status;
    unsigned char *op_scratch;
    size_t op_stride;
    es_xrate xrate;
    es_xchoice xc;         /* the crossover(s): one, or several with credit */
    int problem_cx;        /* the problem's own crossover instead of xc */
    const char *cx_name;   /* what the result reports as the crossover */
    es_surrogate *sur;     /* NULL unless --surrogate ffem */
    int algo;
    const es_operator *con; /* construction operator (aco/hybrid) */
    void *con_state;
    es_genome iter_best;   /* this iteration's best ant */
    int *child_op;         /* crossover used per child, -1 if none */
    double *parent_cost;   /* better parent's cost per child */
    char *est;             /* per child: estimated this generation */
    char *complete;        /* per child: 0 if its evaluation stopped at the cutoff */
    int distinct;          /* the population is sorted and its P members distinct */
    double *est_cost, *est_sim;
    es_genome best;
    int have_best;
    double best_cost;
    double t0, deadline, next_progress;
    long long generation;
    es_result res;
};

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

void es_config_init(es_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->seed = 1;
    cfg->population = 50;
    cfg->tournament = 2;
    cfg->crossover_rate = 0.9;
    cfg->mutation_rate = 0.3;
    cfg->stagnation = 100;
    cfg->progress_interval = 0.5;
    cfg->surrogate_threshold = 0.9;
    cfg->surrogate_threshold_end = 0.98;
    cfg->surrogate_archive = 64;
    cfg->aco = (es_construction_params){1.0, 2.0, 0.1, 0.0, 0, 0};
    cfg->migrants = 2;
    /* No adaptive rate won everywhere in the benchmarks (docs/operators.md). */
    cfg->crossover_rate_policy = "fixed";
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static unsigned needed_flags(const es_genome_info *info)
{
    if (info->kind == ES_GENOME_RANDOM_KEYS)
        return ES_OPF_RANDOM_KEYS;
    return info->succ_start ? ES_OPF_PRECEDENCE : ES_OPF_PERMUTATION;
}

static int pick_operator(const es_registry *reg, const es_genome_info *info, es_operator_kind kind,
                         const char *name, const char *fallback, const es_operator **out, es_error *err)
{
    if (!name)
        name = fallback;
    int status = es_registry_find_operator(reg, kind, name, out, err);
    if (status != ES_OK)
        return status;
    if (!((*out)->flags & needed_flags(info)))
        return es_fail(err, ES_EINVAL, "operator '%s' does not handle this problem's genome (%s)", name,
                       info->kind == ES_GENOME_RANDOM_KEYS ? "random keys"
                       : info->succ_start                 ? "permutation with precedences"
                                                          : "permutation");
    return ES_OK;
}

static size_t op_scratch(const es_operator *op, const es_genome_info *info)
{
    return op && op->scratch_size ? op->scratch_size(info) : 0;
}

void es_solver_destroy(es_solver *s)
{
    if (!s)
        return;
    if (s->all)
        for (int i = 0; i < s->P + s->L; i++)
            es_genome_free(&s->all[i].g);
    es_genome_free(&s->best);
    es_evaluator_destroy(s->ev);
    es_surrogate_destroy(s->sur);
    if (s->con && s->con_state)
        s->con->destroy(s->con_state);
    es_genome_free(&s->iter_best);
    free(s->child_op);
    free(s->parent_cost);
    free(s->est);
    free(s->complete);
    free(s->est_cost);
    free(s->est_sim);
    free(s->all);
    free(s->order);
    free(s->tmp);
    free(s->batch);
    free(s->values);
    free(s->costs);
    free(s->improve_evals);
    free(s->status);
    free(s->op_scratch);
    free(s);
}

int es_solver_create(const es_registry *reg, const es_problem *problem, const es_instance *inst,
                     const es_config *cfg, es_solver **out, es_error *err)
{
    if (cfg->population < 2)
        return es_fail(err, ES_EINVAL, "population must be at least 2 (got %d)", cfg->population);
    if (cfg->offspring < 0 || cfg->tournament < 1 || cfg->threads < 0)
        return es_fail(err, ES_EINVAL, "offspring, tournament and threads must be positive");
    if (!(cfg->mutation_strength >= 0 && cfg->mutation_strength <= 1))
        return es_fail(err, ES_EINVAL, "mutation strength must lie in [0, 1]");
    if (!(cfg->crossover_rate >= 0 && cfg->crossover_rate <= 1 && cfg->mutation_rate >= 0 &&
          cfg->mutation_rate <= 1 && cfg->improve_rate >= 0 && cfg->improve_rate <= 1))
        return es_fail(err, ES_EINVAL, "crossover, mutation and improvement rates must lie in [0, 1]");
    if (cfg->max_evaluations < 0 || cfg->max_generations < 0 || !(cfg->max_seconds >= 0))
        return es_fail(err, ES_EINVAL, "budgets must not be negative");

    es_solver *s = calloc(1, sizeof *s);
    if (!s)
        return es_fail(err, ES_ENOMEM, "out of memory");
    s->problem = problem;
    s->inst = inst;
    s->cfg = *cfg;
    problem->genome_info(inst, &s->info);
    int status = ES_OK;
    if (s->info.length < 1)
        status = es_fail(err, ES_EINVAL, "the instance has no items to order");
    int keys = s->info.kind == ES_GENOME_RANDOM_KEYS;
    if (status == ES_OK)
        status = pick_operator(reg, &s->info, ES_OP_SELECTION, cfg->selection, "tournament", &s->sel, err);
    es_xchoice_init(&s->xc);
    if (status == ES_OK && cfg->crossover && strcmp(cfg->crossover, "adaptive") == 0) {
        /* Every crossover that handles this genome competes for credit. */
        for (int i = 0; i < es_registry_operator_count(reg); i++) {
            const es_operator *op = es_registry_operator_at(reg, i);
            if (op->kind == ES_OP_CROSSOVER && (op->flags & needed_flags(&s->info)))
                es_xchoice_add(&s->xc, op);
        }
        if (s->xc.n == 0)
            status = es_fail(err, ES_EINVAL, "no crossover handles this problem's genome");
        s->cx_name = "adaptive";
    } else if (status == ES_OK && cfg->crossover && problem->crossover && problem->crossover_name &&
               strcmp(cfg->crossover, problem->crossover_name) == 0) {
        s->problem_cx = 1;
        s->cx_name = problem->crossover_name;
    } else if (status == ES_OK) {
        const es_operator *cx = NULL;
        status = pick_operator(reg, &s->info, ES_OP_CROSSOVER, cfg->crossover,
                               keys ? "uniform" : s->info.succ_start ? "twopoint" : "ox", &cx, err);
        if (status == ES_OK) {
            es_xchoice_add(&s->xc, cx);
            s->cx_name = cx->name;
        }
    }
    if (status == ES_OK && es_xrate_parse(cfg->crossover_rate_policy, &s->xrate) != ES_OK)
        status = es_fail(err, ES_EINVAL, "unknown crossover rate policy '%s' (fixed, fitness, similarity, generation)",
                         cfg->crossover_rate_policy);
    es_similarity_kind simkind = ES_SIM_POSITIONAL;
    if (status == ES_OK && cfg->similarity && strcmp(cfg->similarity, "positional") != 0) {
        if (strcmp(cfg->similarity, "order") == 0)
            simkind = ES_SIM_ORDER;
        else if (strcmp(cfg->similarity, "problem") == 0 && problem->feature_similarity)
            simkind = ES_SIM_FEATURE;
        else if (strcmp(cfg->similarity, "problem") == 0)
            status = es_fail(err, ES_EINVAL, "problem '%s' offers no feature similarity (use positional or order)",
                             problem->name);
        else
            status = es_fail(err, ES_EINVAL, "unknown similarity '%s' (positional, order, problem)", cfg->similarity);
    }
    if (status == ES_OK && cfg->algorithm && strcmp(cfg->algorithm, "ga") != 0) {
        s->algo = !strcmp(cfg->algorithm, "aco") ? ALGO_ACO : !strcmp(cfg->algorithm, "hybrid") ? ALGO_HYBRID : -1;
        if (s->algo < 0)
            status = es_fail(err, ES_EINVAL, "unknown algorithm '%s' (ga, aco, hybrid)", cfg->algorithm);
        else
            status = pick_operator(reg, &s->info, ES_OP_CONSTRUCTION, cfg->construction, "aco", &s->con, err);
        if (status == ES_OK && !(cfg->aco.rho > 0 && cfg->aco.rho < 1 && cfg->aco.q0 >= 0 && cfg->aco.q0 < 1 &&
                                 cfg->aco.alpha >= 0 && cfg->aco.beta >= 0))
            status = es_fail(err, ES_EINVAL, "ant colony parameters out of range (0 < rho < 1, 0 <= q0 < 1)");
        if (status == ES_OK) {
            es_construction_params p = cfg->aco;
            const char *ph = problem->pheromone ? problem->pheromone : "position";
            p.successor = strcmp(ph, "successor") == 0;
            p.summation = strcmp(ph, "summation") == 0;
            status = s->con->create(problem, inst, &s->info, &p, &s->con_state);
            if (status == ES_ELIMIT)
                status = es_fail(err, status,
                                 "the ant colony could not start: %d items are more than '%s' takes (its pheromone "
                                 "grows with their square; docs/operators.md); the genetic algorithm has no such limit",
                                 s->info.length, s->con->name);
            else if (status != ES_OK)
                status = es_fail(err, status, "the ant colony could not start: %s", es_strerror(status));
        }
    }
    if (status == ES_OK && cfg->migration_interval > 0 &&
        ((cfg->emigrants && strcmp(cfg->emigrants, "best") && strcmp(cfg->emigrants, "random")) ||
         (cfg->immigrants && strcmp(cfg->immigrants, "worst") && strcmp(cfg->immigrants, "random")) ||
         cfg->migrants < 1 || cfg->migrants >= cfg->population))
        status = es_fail(err, ES_EINVAL,
                         "migration: emigrants best|random, immigrants worst|random, 1 <= migrants < population");
    int want_surrogate = 0;
    if (status == ES_OK && cfg->surrogate && strcmp(cfg->surrogate, "none") != 0) {
        if (strcmp(cfg->surrogate, "ffem") != 0)
            status = es_fail(err, ES_EINVAL, "unknown surrogate '%s' (none, ffem)", cfg->surrogate);
        else if (!(cfg->surrogate_threshold > 0 && cfg->surrogate_threshold <= 1 && cfg->surrogate_threshold_end > 0 &&
                   cfg->surrogate_threshold_end <= 1) || cfg->surrogate_archive < 1)
            status = es_fail(err, ES_EINVAL, "surrogate thresholds must lie in (0, 1] and the archive hold at least one");
        else
            want_surrogate = 1;
    }
    if (status == ES_OK)
        status = pick_operator(reg, &s->info, ES_OP_MUTATION, cfg->mutation, keys ? "redraw" : "insert",
                               &s->mut, err);
    if (status == ES_OK && cfg->improvement && strcmp(cfg->improvement, "none") != 0) {
        status = pick_operator(reg, &s->info, ES_OP_IMPROVEMENT, cfg->improvement, NULL, &s->imp, err);
        if (status == ES_OK && s->imp->improve == NULL)
            status = es_fail(err, ES_EINVAL, "improvement operator '%s' has no improve hook", s->imp->name);
        if (status == ES_OK && strcmp(s->imp->name, "local") == 0 && !problem->improve)
            status = es_fail(err, ES_ENOTSUP, "problem '%s' offers no local improvement", problem->name);
    }
    if (status != ES_OK) {
        es_solver_destroy(s);
        return status;
    }
    s->threads = cfg->threads > 0 ? cfg->threads : omp_get_max_threads();
    s->P = cfg->population;
    s->L = cfg->offspring > 0 ? cfg->offspring : cfg->population;
    int N = s->P + s->L;
    /* Genomes are allocated up front; the memory would be promised lazily
     * and the first generation would run out of it halfway. */
    double gene = s->info.kind == ES_GENOME_PERMUTATION ? sizeof(int) : sizeof(double);
    double bytes = (double)N * (s->info.length > 0 ? s->info.length : 1) * gene;
    if (bytes > ES_MAX_GENOME_BYTES) {
        /* the message reads the solver: destroy it only afterwards */
        status = es_fail(err, ES_ELIMIT,
                         "a population of %d and %d children of %d items would take %.1f GB of genomes, more than "
                         "%.0f GB; at most %.0f individuals in all fit",
                         s->P, s->L, s->info.length, bytes / 1e9, ES_MAX_GENOME_BYTES / 1e9,
                         floor(ES_MAX_GENOME_BYTES / (bytes / N)));
        es_solver_destroy(s);
        return status;
    }
    size_t ops = 0;
    for (int i = 0; i < s->xc.n; i++)
        if (op_scratch(s->xc.ops[i], &s->info) > ops)
            ops = op_scratch(s->xc.ops[i], &s->info);
    if (s->problem_cx && problem->scratch_size && problem->scratch_size(inst) > ops)
        ops = problem->scratch_size(inst);
    size_t m = op_scratch(s->mut, &s->info);
    if (s->con && op_scratch(s->con, &s->info) > m)
        m = op_scratch(s->con, &s->info);
    s->op_stride = ((ops > m ? ops : m) + 63u) / 64u * 64u + 64u;
    status = es_evaluator_create(problem, inst, s->threads, &s->ev);
    s->all = calloc((size_t)N, sizeof *s->all);
    s->order = calloc((size_t)N, sizeof *s->order);
    s->tmp = calloc((size_t)N, sizeof *s->tmp);
    s->batch = calloc((size_t)N, sizeof *s->batch);
    s->values = calloc(2 * (size_t)N, sizeof *s->values);      /* values, then the batch's */
    s->costs = calloc((size_t)N, sizeof *s->costs);
    s->improve_evals = calloc(2 * (size_t)N, sizeof *s->improve_evals); /* allowances, then statuses */
    s->status = calloc((size_t)N, sizeof *s->status);
    s->op_scratch = calloc((size_t)s->threads, s->op_stride);
    s->child_op = calloc((size_t)N, sizeof *s->child_op);
    s->parent_cost = calloc((size_t)N, sizeof *s->parent_cost);
    s->est = calloc((size_t)N, sizeof *s->est);
    s->complete = calloc(2 * (size_t)N, sizeof *s->complete); /* by batch index, then by child */
    s->est_cost = calloc((size_t)N, sizeof *s->est_cost);
    s->est_sim = calloc((size_t)N, sizeof *s->est_sim);
    if (want_surrogate && status == ES_OK) {
        es_surrogate_config sc = {simkind, cfg->surrogate_threshold, cfg->surrogate_threshold_end,
                                  cfg->surrogate_archive, 3, {problem->feature_similarity, inst}};
        status = es_surrogate_create(&s->info, &sc, s->threads, &s->sur);
    }
    if (status != ES_OK || !s->all || !s->order || !s->tmp || !s->batch || !s->values || !s->costs ||
        !s->improve_evals || !s->status || !s->op_scratch || !s->child_op || !s->parent_cost || !s->est ||
        !s->complete || !s->est_cost || !s->est_sim) {
        es_solver_destroy(s);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    for (int i = 0; i < N && status == ES_OK; i++)
        status = es_genome_alloc(&s->info, &s->all[i].g);
    if (status == ES_OK)
        status = es_genome_alloc(&s->info, &s->best);
    if (status == ES_OK)
        status = es_genome_alloc(&s->info, &s->iter_best);
    if (status != ES_OK) {
        es_solver_destroy(s);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    *out = s;
    return ES_OK;
}

static double to_cost(const es_solver *s, double value)
{
    return s->problem->sense == ES_MAXIMIZE ? -value : value;
}

/* A uniformly random genome; with precedences a random topological order
 * (each step picks uniformly among the items whose predecessors are placed). */
static void random_genome(const es_genome_info *info, es_genome *g, es_rng *rng, int *work)
{
    int n = info->length;
    if (info->kind == ES_GENOME_RANDOM_KEYS) {
        for (int i = 0; i < n; i++)
            g->keys[i] = es_rng_uniform(rng);
        return;
    }
    if (!info->succ_start) {
        for (int i = 0; i < n; i++)
            g->perm[i] = i;
        es_rng_shuffle(rng, g->perm, n);
        return;
    }
    int *indeg = work, *eligible = work + n;
    memset(indeg, 0, (size_t)n * sizeof *indeg);
    for (int i = 0; i < n; i++)
        for (int k = info->succ_start[i]; k < info->succ_start[i + 1]; k++)
            indeg[info->succ[k]]++;
    int ne = 0;
    for (int i = 0; i < n; i++)
        if (indeg[i] == 0)
            eligible[ne++] = i;
    for (int w = 0; w < n && ne > 0; w++) {
        int pick = (int)es_rng_below(rng, (uint32_t)ne);
        int v = eligible[pick];
        eligible[pick] = eligible[--ne];
        g->perm[w] = v;
        for (int k = info->succ_start[v]; k < info->succ_start[v + 1]; k++)
            if (--indeg[info->succ[k]] == 0)
                eligible[ne++] = info->succ[k];
    }
}

/* Read-only, so parallel loops may call it to skip optional work. */
static int must_stop(const es_solver *s)
{
    return (s->cfg.stop_flag && *s->cfg.stop_flag) || (s->cfg.max_seconds > 0 && now() >= s->deadline);
}

/* The run whose improve hook this thread is running, for es_stop_requested:
 * a hook's signature has no room for the run, and the question only makes
 * sense while the engine is inside one of its hooks. */
static _Thread_local const es_solver *hook_run;

int es_stop_requested(void)
{
    return hook_run != NULL && must_stop(hook_run);
}

static int stopping(es_solver *s)
{
    if (s->cfg.stop_flag && *s->cfg.stop_flag) {
        s->res.stop = ES_STOP_INTERRUPT;
        return 1;
    }
    if (s->cfg.max_seconds > 0 && now() >= s->deadline) {
        s->res.stop = ES_STOP_TIME;
        return 1;
    }
    return 0;
}

static long long budget_left(const es_solver *s)
{
    if (s->cfg.max_evaluations <= 0)
        return (long long)1 << 62;
    return s->cfg.max_evaluations - es_evaluator_count(s->ev);
}

/* How far the run is, in [0, 1], by whichever budget is nearest its end. */
static double progress(const es_solver *s)
{
    double p = 0;
    if (s->cfg.max_evaluations > 0)
        p = fmax(p, (double)es_evaluator_count(s->ev) / (double)s->cfg.max_evaluations);
    if (s->cfg.max_generations > 0)
        p = fmax(p, (double)s->generation / (double)s->cfg.max_generations);
    if (s->cfg.max_seconds > 0)
        p = fmax(p, (now() - s->t0) / s->cfg.max_seconds);
    return fmin(p, 1.0);
}

/* Records a real evaluation of v: best so far, surrogate archive. */
static void fold_real(es_solver *s, individual *v)
{
    v->estimated = 0;
    v->cost = to_cost(s, v->value);
    if (s->sur)
        es_surrogate_add(s->sur, &v->g, v->cost);
    if (!s->have_best || v->cost < s->best_cost) {
        s->have_best = 1;
        s->best_cost = v->cost;
        s->res.best_value = v->value;
        es_genome_copy(&s->info, &s->best, &v->g);
        s->res.seconds_to_best = now() - s->t0;
        s->res.evaluations_to_best = es_evaluator_count(s->ev);
    }
}

/* The surrogate's verdict on each child not chosen for improvement: est[i]
 * set when it keeps its estimate. Similarities are computed in parallel
 * from the archive as it was before this batch; the decisions, which depend
 * on nothing else, follow in index order. */
static void surrogate_decide(es_solver *s, individual *v, int count, const char *chosen)
{
    double t0 = now();
#pragma omp parallel for num_threads(s->threads) schedule(static)
    for (int i = 0; i < count; i++)
        if (!chosen[i])
            es_surrogate_estimate(s->sur, omp_get_thread_num(), &v[i].g, &s->est_sim[i], &s->est_cost[i]);
    s->res.similarity_seconds += now() - t0;
    double threshold = es_surrogate_threshold(s->sur, progress(s));
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
    return must_stop(s);
}

/* Evaluates and (with the configured probability) improves all[first ..
 * first+count), then folds the results into the counters and the best, in
 * index order. A child chosen for improvement is not evaluated first: the
 * improve hook evaluates it as part of its work (for RCPSP the pass that
 * gives the start times), which saves one evaluation per improved child.
 * With the surrogate, offspring (purpose BREED) similar enough to the
 * archive keep an estimate instead of being evaluated. */
static int score(es_solver *s, int first, int count, uint64_t purpose)
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
    for (int i = 0; i < count; i++) {
        if (chosen[i])
            improved++;
        else if (s->est[i] != 1)
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
    double t0 = now();
    int status = es_evaluator_batch_cutoff(s->ev, s->batch, cutoff, s->values + count, whole, direct, stop_test, s);
    if (status != ES_OK)
        return status;
    /* child_whole: 1 evaluated, 0 cut short at the cutoff, DROPPED not
     * evaluated because the run is over (the batch stopped before it). */
    for (int i = 0, d = 0; i < count; i++) {
        int skip = chosen[i] || s->est[i] == 1;
        child_whole[i] = skip ? 1 : whole[d];
        s->values[i] = skip ? NAN : s->values[count + d++];
        if (!skip && isnan(s->values[i]))
            child_whole[i] = DROPPED;
    }
    /* What is left of the evaluation budget is shared among the improved
     * children in index order (each gets at least the one evaluation it
     * needs, since count never exceeds the budget left), so the budget holds
     * exactly and the split does not depend on the thread count. */
    long long left = budget_left(s);
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
        if (must_stop(s)) { /* no time left even to evaluate it */
            child_whole[i] = DROPPED;
            s->improve_evals[i] = 0;
            continue;
        }
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_IMPROVE + 16 * purpose, (uint64_t)s->generation, (uint64_t)i);
        es_rng_next(&rng); /* the draw that chose this child */
        long long allowance = s->improve_evals[i], spent = allowance;
        hook_run = s;
        st[i] = s->imp->improve(s->problem, s->inst, &v[i].g, &s->values[i], scratch, &rng, &spent);
        hook_run = NULL;
        s->improve_evals[i] = spent < 1 ? 1 : spent > allowance ? allowance : spent;
    }
    s->res.evaluation_seconds += now() - t0;
    for (int i = 0; i < count; i++) {
        if (st[i] != ES_OK)
            return st[i];
        v[i].hash = es_genome_hash(&s->info, &v[i].g);
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
            double real = to_cost(s, v[i].value);
            s->res.estimation_error += fabs(s->est_cost[i] - real) / fmax(fabs(real), 1e-9);
            s->res.error_samples++;
        }
        fold_real(s, &v[i]);
    }
    return ES_OK;
}

/* Guard: an estimated individual that ranks among the best tenth of the
 * pool is evaluated for real before it can take a place there, so the elite
 * (and the reported best) always stands on real evaluations. */
static int guard_estimates(es_solver *s, int nchildren)
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
        if (s->all[i].estimated && s->all[i].cost <= limit && budget_left(s) - n > 0)
            s->order[n++] = i;
    if (n == 0)
        return ES_OK;
    for (int k = 0; k < n; k++)
        s->batch[k] = s->all[s->order[k]].g;
    double t0 = now();
    int st = es_evaluator_batch(s->ev, s->batch, s->values, n);
    s->res.evaluation_seconds += now() - t0;
    if (st != ES_OK)
        return st;
    for (int k = 0; k < n; k++) {
        individual *v = &s->all[s->order[k]];
        v->value = s->values[k];
        fold_real(s, v);
    }
    s->res.reevaluated += n;
    return ES_OK;
}

/* Credit for the crossovers used this generation: a success is a child
 * better than its better parent. */
static void credit_crossovers(es_solver *s, int count)
{
    if (s->xc.n < 2)
        return;
    for (int i = 0; i < count; i++)
        if (s->child_op[i] >= 0)
            es_xchoice_record(&s->xc, s->child_op[i], s->all[s->P + i].cost < s->parent_cost[i]);
    es_xchoice_update(&s->xc);
}

static int init_population(es_solver *s)
{
    int n = s->info.length;
    int *work = (int *)s->op_scratch; /* 2n ints fit: op_stride covers the crossover's 2n */
    int *heap_work = NULL;
    if (s->op_stride < 2u * (size_t)n * sizeof(int)) {
        heap_work = malloc(2u * (size_t)n * sizeof(int));
        if (!heap_work)
            return ES_ENOMEM;
        work = heap_work;
    }
    /* The rules' values, for members the time limit leaves unimproved. */
    double *rule_value = malloc(((size_t)s->P / 2 + 1) * sizeof *rule_value);
    if (!rule_value) {
        free(heap_work);
        return ES_ENOMEM;
    }
    int count = 0;
    /* Heuristics fill at most half, so the population keeps diversity. On
     * huge instances a rule can take seconds: past the time limit, one is
     * enough to start from. */
    if (s->problem->heuristic) {
        for (int rule = 0; count < s->P / 2 && !(count > 0 && must_stop(s)); rule++) {
            const char *name = NULL;
            int st = s->problem->heuristic(s->inst, rule, &s->all[count].g, &name);
            if (st == ES_ENOTFOUND)
                break;
            if (st != ES_OK) {
                free(heap_work);
                free(rule_value);
                return st;
            }
            double value;
            st = s->problem->evaluate(s->inst, &s->all[count].g, es_evaluator_scratch(s->ev, 0), &value);
            if (st != ES_OK) {
                free(heap_work);
                free(rule_value);
                return st;
            }
            if (!s->res.initial_rule[0] || to_cost(s, value) < to_cost(s, s->res.initial_rule_value)) {
                snprintf(s->res.initial_rule, sizeof s->res.initial_rule, "%s", name ? name : "heuristic");
                s->res.initial_rule_value = value;
            }
            rule_value[count++] = value;
        }
    }
    for (int i = count; i < s->P; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_INIT, 0, (uint64_t)i);
        random_genome(&s->info, &s->all[i].g, &rng, work);
    }
    free(heap_work);
    long long left = budget_left(s);
    int scored = left < s->P ? (int)left : s->P;
    if (scored < 1)
        scored = 1; /* a run always evaluates at least one solution */
    int st = score(s, 0, scored, PURPOSE_INIT);
    if (st != ES_OK) {
        free(rule_value);
        return st;
    }
    /* Past the time limit score() leaves members unevaluated: the rules'
     * keep the values found above (whose evaluation now counts, since the
     * search uses it: only the report used it before), the others copy an
     * evaluated member, and if none is, the first is evaluated here. */
    for (int i = 0; i < count && i < scored; i++)
        if (isinf(s->all[i].cost)) {
            s->all[i].value = rule_value[i];
            es_evaluator_add(s->ev, 1);
            fold_real(s, &s->all[i]);
        }
    free(rule_value);
    int first = 0;
    while (first < scored && isinf(s->all[first].cost))
        first++;
    if (first == scored) {
        first = 0;
        st = s->problem->evaluate(s->inst, &s->all[0].g, es_evaluator_scratch(s->ev, 0), &s->all[0].value);
        if (st != ES_OK)
            return st;
        es_evaluator_add(s->ev, 1);
        fold_real(s, &s->all[0]);
    }
    for (int i = 0; i < scored; i++)
        if (isinf(s->all[i].cost)) {
            es_genome_copy(&s->info, &s->all[i].g, &s->all[first].g);
            s->all[i].value = s->all[first].value;
            s->all[i].cost = s->all[first].cost;
            s->all[i].hash = s->all[first].hash;
        }
    /* Unscored members (tiny budgets) copy a scored one so selection stays sound. */
    for (int i = scored; i < s->P; i++) {
        es_genome_copy(&s->info, &s->all[i].g, &s->all[i % scored].g);
        s->all[i].value = s->all[i % scored].value;
        s->all[i].cost = s->all[i % scored].cost;
        s->all[i].hash = s->all[i % scored].hash;
    }
    return ES_OK;
}

/* Children [from, count) are built by ants, each from its own stream. */
static void construct(es_solver *s, int from, int count)
{
#pragma omp parallel for num_threads(s->threads) schedule(dynamic, 1)
    for (int i = from; i < count; i++) {
        s->child_op[i] = -1;
        s->parent_cost[i] = INFINITY;
        /* Past the limit an ant is not built: its slot keeps an old genome,
         * which score() then drops unevaluated, as it does any child begun
         * after the limit. */
        if (must_stop(s))
            continue;
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_ANT, (uint64_t)s->generation, (uint64_t)i);
        void *scratch = s->op_scratch + s->op_stride * (size_t)omp_get_thread_num();
        s->con->construct(s->con_state, &s->all[s->P + i].g, scratch, &rng);
    }
}

/* The colony learns once per iteration. ACO: MAX-MIN's schedule, the
 * iteration's best ant, and every fifth iteration the best so far. Hybrid:
 * the elite tenth of the population. */
static void learn(es_solver *s, int have_iter_best)
{
    if (s->algo == ALGO_ACO) {
        const es_genome *g = s->generation % 5 == 0 || !have_iter_best ? &s->best : &s->iter_best;
        s->con->learn(s->con_state, g, NULL, 1, 0);
    } else if (s->algo == ALGO_HYBRID) {
        int elite = s->P / 10 > 0 ? s->P / 10 : 1;
        for (int i = 0; i < elite; i++)
            s->batch[i] = s->all[i].g;
        s->con->learn(s->con_state, s->batch, NULL, elite, 0);
    }
}

/* Copies the best really evaluated ant among children [from, count). */
static int keep_iteration_best(es_solver *s, int from, int count)
{
    int best = -1;
    for (int i = from; i < count; i++) {
        const individual *v = &s->all[s->P + i];
        if (!v->estimated && (best < 0 || v->cost < s->all[s->P + best].cost))
            best = i;
    }
    if (best >= 0)
        es_genome_copy(&s->info, &s->iter_best, &s->all[s->P + best].g);
    return best >= 0;
}

static void breed(es_solver *s, int count)
{
    double best = INFINITY, mean = 0;
    for (int i = 0; i < s->P; i++) {
        s->costs[i] = s->all[i].cost;
        best = fmin(best, s->costs[i]);
        mean += s->costs[i] / s->P;
    }
    double prog = progress(s);
#pragma omp parallel for num_threads(s->threads) schedule(static)
    for (int i = 0; i < count; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_BREED, (uint64_t)s->generation, (uint64_t)i);
        void *scratch = s->op_scratch + s->op_stride * (size_t)omp_get_thread_num();
        es_genome *child = &s->all[s->P + i].g;
        int a = 0, b = 0;
        s->sel->select(s->costs, s->P, s->cfg.tournament, &rng, &a);
        s->sel->select(s->costs, s->P, s->cfg.tournament, &rng, &b);
        if (s->costs[b] < s->costs[a]) { /* better parent first (biased crossovers) */
            int t = a;
            a = b;
            b = t;
        }
        double sim = s->xrate == ES_XRATE_SIMILARITY
                         ? es_similarity_positional(&s->info, &s->all[a].g, &s->all[b].g)
                         : 0.0;
        double pc, pm;
        es_xrate_apply(s->xrate, s->cfg.crossover_rate, s->cfg.mutation_rate, s->costs[a], best, mean, sim, prog, &pc,
                       &pm);
        int op = s->xc.n > 1 ? es_xchoice_pick(&s->xc, &rng) : 0;
        s->parent_cost[i] = s->costs[a];
        if (es_rng_uniform(&rng) < pc) {
            if (s->problem_cx)
                s->problem->crossover(s->inst, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            else
                s->xc.ops[op]->crossover(&s->info, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            s->child_op[i] = s->problem_cx ? -1 : op;
        } else {
            es_genome_copy(&s->info, child, &s->all[a].g);
            s->child_op[i] = -1;
        }
        /* A child identical to its parent would waste an evaluation. */
        if (es_rng_uniform(&rng) < pm || es_genome_equal(&s->info, child, &s->all[a].g))
            s->mut->mutate(&s->info, child, s->cfg.mutation_strength, scratch, &rng);
    }
}

static int cmp_order(const void *pa, const void *pb, void *base)
{
    const individual *all = base;
    const individual *a = &all[*(const int *)pa], *b = &all[*(const int *)pb];
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->born != b->born)
        return a->born > b->born ? -1 : 1;
    return *(const int *)pa - *(const int *)pb;
}

/* Keeps the P best distinct individuals of survivors + children. Identical
 * genomes share cost and hash, so the sort puts them side by side. */
static void replace(es_solver *s, int nchildren)
{
    int N = s->P + nchildren;
    if (N <= 0)
        return;
    for (int i = 0; i < N; i++)
        s->order[i] = i;
    qsort_r(s->order, (size_t)N, sizeof *s->order, cmp_order, s->all);
    int kept = 0, dup_end = N;
    int *dups = s->status; /* reuse: indices of duplicates, filled from the back */
    for (int r = 0; r < N; r++) {
        int i = s->order[r];
        int dup = 0;
        if (kept > 0) {
            const individual *prev = &s->all[s->order[kept - 1]];
            dup = prev->cost == s->all[i].cost && prev->hash == s->all[i].hash &&
                  es_genome_equal(&s->info, &prev->g, &s->all[i].g);
        }
        if (dup)
            dups[--dup_end] = i;
        else
            s->order[kept++] = i;
    }
    s->distinct = kept >= s->P;
    /* Too few distinct ones: top up with duplicates, best first. */
    for (int r = N - 1; r >= dup_end && kept < s->P; r--)
        s->order[kept++] = dups[r];
    /* The rest, in any order, keep their genome buffers as future children. */
    int w = kept;
    char *mark = (char *)s->improve_evals; /* N bytes fit in N long longs */
    memset(mark, 0, (size_t)N);
    for (int r = 0; r < kept; r++)
        mark[s->order[r]] = 1;
    for (int i = 0; i < N; i++)
        if (!mark[i])
            s->order[w++] = i;
    for (int r = 0; r < N; r++)
        s->tmp[r] = s->all[s->order[r]];
    memcpy(s->all, s->tmp, (size_t)N * sizeof *s->all);
}

/* Keeps the elite tenth, refills the rest with strongly perturbed copies of
 * the elite (half) and fresh random genomes (half). */
static int restart(es_solver *s)
{
    int elite = s->P / 10 > 0 ? s->P / 10 : 1;
    int n = s->info.length;
    int *work = malloc(2u * (size_t)n * sizeof *work);
    if (!work)
        return ES_ENOMEM;
    for (int i = elite; i < s->P; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_RESTART, (uint64_t)s->generation, (uint64_t)i);
        if (i % 2) {
            es_genome_copy(&s->info, &s->all[i].g, &s->all[es_rng_below(&rng, (uint32_t)elite)].g);
            s->mut->mutate(&s->info, &s->all[i].g, 1.0, s->op_scratch, &rng);
        } else
            random_genome(&s->info, &s->all[i].g, &rng, work);
    }
    free(work);
    s->res.restarts++;
    s->distinct = 0; /* unsorted until the next replace */
    long long left = budget_left(s);
    int count = s->P - elite;
    if (left < count)
        count = (int)(left > 0 ? left : 0);
    int st = score(s, elite, count, PURPOSE_RESTART);
    if (st == ES_OK && count < s->P - elite)
        for (int i = elite + count; i < s->P; i++) { /* out of budget: mirror the elite */
            es_genome_copy(&s->info, &s->all[i].g, &s->all[0].g);
            s->all[i].value = s->all[0].value;
            s->all[i].cost = s->all[0].cost;
            s->all[i].hash = s->all[0].hash;
            s->all[i].estimated = s->all[0].estimated;
        }
    return st;
}

/* One migration: emigrants out (the best, or random members), immigrants
 * in, replacing the worst or random members outside the best one. The
 * population is sorted (replace ran just before), so "best" is a prefix. */
static int migrate(es_solver *s)
{
    int k = s->cfg.migrants, elite = 1;
    int *pick = s->order;
    es_rng rng;
    es_rng_derive(&rng, s->cfg.seed, PURPOSE_RESTART + 100, (uint64_t)s->generation, 0);
    int random_out = s->cfg.emigrants && !strcmp(s->cfg.emigrants, "random");
    for (int i = 0; i < k; i++)
        pick[i] = random_out ? (int)es_rng_below(&rng, (uint32_t)s->P) : i;
    for (int i = 0; i < k; i++) {
        s->batch[i] = s->all[pick[i]].g;
        s->values[i] = s->all[pick[i]].value;
    }
    /* Immigrants land in the spare genome buffers behind the population. */
    es_genome *in = s->batch + k;
    for (int i = 0; i < k; i++)
        in[i] = s->all[s->P + i].g;
    int n_in = k;
    int st = s->cfg.migrate(s->cfg.island_user, s->batch, s->values, k, in, s->values + k, &n_in);
    if (st != ES_OK)
        return st;
    s->res.migrations++;
    s->distinct = 0;
    int random_in = s->cfg.immigrants && !strcmp(s->cfg.immigrants, "random");
    for (int i = 0; i < n_in && i < k; i++) {
        int slot = random_in ? elite + (int)es_rng_below(&rng, (uint32_t)(s->P - elite)) : s->P - 1 - i;
        /* swap the genome buffers: the immigrant's becomes the member's */
        individual *v = &s->all[slot], *spare = &s->all[s->P + i];
        es_genome t = v->g;
        v->g = spare->g;
        spare->g = t;
        v->value = s->values[k + i];
        v->born = s->generation;
        v->hash = es_genome_hash(&s->info, &v->g);
        fold_real(s, v);
        s->res.immigrants++;
    }
    return ES_OK;
}

static int target_reached(const es_solver *s)
{
    if (!s->cfg.has_target || !s->have_best)
        return 0;
    double t = to_cost(s, s->cfg.target);
    return s->best_cost <= t + 1e-9 * fmax(1.0, fabs(t));
}

static void report_progress(es_solver *s, int force)
{
    if (!s->cfg.progress)
        return;
    double t = now();
    if (!force && t < s->next_progress)
        return;
    s->next_progress = t + s->cfg.progress_interval;
    es_progress p = {s->generation, es_evaluator_count(s->ev), t - s->t0, s->res.best_value};
    s->cfg.progress(&p, s->cfg.progress_user);
}

int es_solver_run(es_solver *s, es_result *out, es_error *err)
{
    memset(&s->res, 0, sizeof s->res);
    s->have_best = 0;
    s->distinct = 0;
    s->generation = 0;
    s->t0 = now();
    s->deadline = s->t0 + s->cfg.max_seconds;
    s->next_progress = s->t0 + s->cfg.progress_interval;
    int status = init_population(s);
    long long last_improvement = 0;
    double best_seen = s->best_cost;
    while (status == ES_OK) {
        long long left = budget_left(s);
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
        breed(s, ants_from);
        if (ants_from < count)
            construct(s, ants_from, count);
        status = score(s, s->P, count, PURPOSE_BREED);
        if (status == ES_OK && s->sur)
            status = guard_estimates(s, count);
        if (status != ES_OK)
            break;
        credit_crossovers(s, count);
        int have_iter_best = s->algo == ALGO_ACO && keep_iteration_best(s, ants_from, count);
        replace(s, count);
        learn(s, have_iter_best);
        if (s->cfg.migrate && s->cfg.migration_interval > 0 && s->generation % s->cfg.migration_interval == 0) {
            status = migrate(s);
            if (status != ES_OK)
                break;
        }
        if (s->best_cost < best_seen) {
            best_seen = s->best_cost;
            last_improvement = s->generation;
        } else if (s->cfg.stagnation > 0 && s->generation - last_improvement >= s->cfg.stagnation) {
            last_improvement = s->generation;
            if (s->con)
                s->con->learn(s->con_state, NULL, NULL, 0, 1); /* pheromone back to tau_max */
            if (s->algo != ALGO_ACO)
                status = restart(s);
        }
        report_progress(s, 0);
    }
    report_progress(s, 1);
    s->res.generations = s->generation;
    s->res.evaluations = es_evaluator_count(s->ev);
    s->res.seconds = now() - s->t0;
    s->res.threads = s->threads;
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
