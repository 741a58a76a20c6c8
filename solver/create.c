/* Creating and destroying the solver: the configuration checked (each
 * error says what would be accepted), the operators chosen for
 * the problem's genome, and all memory of a run taken up front, so that a
 * run never fails halfway for want of it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine_internal.h"

/* Population and children together: 2 GB of genes (100,000 individuals of
 * 5,000 jobs). */
#define ES_MAX_GENOME_BYTES 2e9

int es_config_offspring(const es_config *cfg)
{
    return cfg->offspring > 0 ? cfg->offspring : cfg->population;
}

void es_config_init(es_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->seed = 1;
    cfg->population = 50;
    cfg->tournament = 2;
    cfg->late_from = 0.7;
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

/* An operator of kind that runs on this genome: its flags name the genome. */
static int fits(const es_operator *op, es_operator_kind kind, const es_genome_info *info)
{
    unsigned needed = info->kind == ES_GENOME_RANDOM_KEYS ? ES_OPF_RANDOM_KEYS
                      : info->succ_start                 ? ES_OPF_PRECEDENCE
                                                         : ES_OPF_PERMUTATION;
    return op->kind == kind && (op->flags & needed);
}

/* The names of kind that fit this genome, `also` (names outside the
 * registry, such as the problem's own crossover) first: what an error about
 * an operator should offer instead. */
static void fitting_names(const es_registry *reg, const es_genome_info *info, es_operator_kind kind,
                          const char *also, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "%s", also ? also : "");
    for (int i = 0; i < es_registry_operator_count(reg) && len < size; i++) {
        const es_operator *op = es_registry_operator_at(reg, i);
        if (fits(op, kind, info))
            len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "", op->name);
    }
}

static const char *genome_name(const es_genome_info *info)
{
    return info->kind == ES_GENOME_RANDOM_KEYS ? "random keys"
           : info->succ_start                 ? "activity lists"
                                              : "permutations";
}

static int pick_operator(const es_registry *reg, const es_genome_info *info, es_operator_kind kind,
                         const char *name, const char *fallback, const char *also, const es_operator **out,
                         es_error *err)
{
    if (!name)
        name = fallback;
    int status = es_registry_find_operator(reg, kind, name, out, err);
    if ((status == ES_OK && fits(*out, kind, info)) || (status != ES_OK && status != ES_ENOTFOUND))
        return status;
    char names[512];
    fitting_names(reg, info, kind, also, names, sizeof names);
    if (!names[0])
        snprintf(names, sizeof names, "no %s operator at all", es_operator_kind_name(kind));
    if (status == ES_ENOTFOUND)
        return es_fail(err, status, "unknown %s operator '%s'; this problem's genome (%s) takes: %s",
                       es_operator_kind_name(kind), name, genome_name(info), names);
    return es_fail(err, ES_EINVAL, "operator '%s' does not handle this problem's genome (%s), which takes: %s", name,
                   genome_name(info), names);
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
    es_niche_destroy(s->niche);
    if (s->con && s->con_state)
        s->con->destroy(s->con_state);
    es_genome_free(&s->iter_best);
    free(s->child_op);
    free(s->parent_cost);
    free(s->est);
    free(s->complete);
    free(s->est_cost);
    free(s->est_sim);
    free(s->mate_rows);
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

/* The numbers of a configuration, checked before anything is allocated. */
static int check_numbers(const es_config *cfg, es_error *err)
{
    if (cfg->population < 2)
        return es_fail(err, ES_EINVAL, "population must be at least 2 (got %d)", cfg->population);
    if (cfg->offspring < 0 || cfg->tournament < 1 || cfg->threads < 0 || cfg->late_tournament < 0)
        return es_fail(err, ES_EINVAL, "offspring, tournament, late tournament and threads must be positive");
    if (!(cfg->late_from >= 0 && cfg->late_from <= 1))
        return es_fail(err, ES_EINVAL, "the late tournament's start must lie in [0, 1] of the budget, got %g",
                       cfg->late_from);
    if (!(cfg->mutation_strength >= 0 && cfg->mutation_strength <= 1))
        return es_fail(err, ES_EINVAL, "mutation strength must lie in [0, 1]");
    if (!(cfg->crossover_rate >= 0 && cfg->crossover_rate <= 1 && cfg->mutation_rate >= 0 &&
          cfg->mutation_rate <= 1 && cfg->improve_rate >= 0 && cfg->improve_rate <= 1))
        return es_fail(err, ES_EINVAL, "crossover, mutation and improvement rates must lie in [0, 1]");
    if (cfg->max_evaluations < 0 || cfg->max_generations < 0 || !(cfg->max_seconds >= 0))
        return es_fail(err, ES_EINVAL, "budgets must not be negative");
    return ES_OK;
}

/* The instance's genome and the initial genomes the caller gave for it. */
static int check_genomes(const es_solver *s, es_error *err)
{
    const es_config *cfg = &s->cfg;
    if (s->info.length < 1)
        return es_fail(err, ES_EINVAL, "the instance has no items to order");
    if (cfg->ninitial < 0 || (cfg->ninitial > 0 && !cfg->initial))
        return es_fail(err, ES_EINVAL, "%d initial genomes given without a list of them", cfg->ninitial);
    for (int k = 0; k < cfg->ninitial; k++)
        if (es_genome_validate(&s->info, &cfg->initial[k]) != ES_OK) /* ES_ENOMEM too: refuse rather than crash */
            return es_fail(err, ES_EINVAL, "initial genome %d is not a valid genome of this instance", k + 1);
    return ES_OK;
}

/* The crossovers into s->xc: every one that handles the genome (adaptive),
 * the problem's own, or the one named (by default the genome's usual). */
static int choose_crossover(es_solver *s, const es_registry *reg, es_error *err)
{
    const es_config *cfg = &s->cfg;
    const es_problem *problem = s->problem;
    if (cfg->crossover && strcmp(cfg->crossover, "adaptive") == 0) {
        /* Every crossover that handles this genome competes for credit. */
        for (int i = 0; i < es_registry_operator_count(reg); i++) {
            const es_operator *op = es_registry_operator_at(reg, i);
            if (fits(op, ES_OP_CROSSOVER, &s->info))
                es_xchoice_add(&s->xc, op);
        }
        s->cx_name = "adaptive";
        return s->xc.n == 0 ? es_fail(err, ES_EINVAL, "no crossover handles this problem's genome") : ES_OK;
    }
    if (cfg->crossover && problem->crossover && problem->crossover_name &&
        strcmp(cfg->crossover, problem->crossover_name) == 0) {
        s->problem_cx = 1;
        s->cx_name = problem->crossover_name;
        return ES_OK;
    }
    const es_operator *cx = NULL;
    char also[96];
    int own = problem->crossover && problem->crossover_name;
    snprintf(also, sizeof also, "%s%sadaptive", own ? problem->crossover_name : "", own ? ", " : "");
    int keys = s->info.kind == ES_GENOME_RANDOM_KEYS;
    int status = pick_operator(reg, &s->info, ES_OP_CROSSOVER, cfg->crossover,
                               keys ? "uniform" : s->info.succ_start ? "twopoint" : "ox", also, &cx, err);
    if (status == ES_OK) {
        es_xchoice_add(&s->xc, cx);
        s->cx_name = cx->name;
    }
    return status;
}

/* The similarity the surrogate compares genomes by. */
static int choose_similarity(const es_problem *problem, const es_config *cfg, es_similarity_kind *out,
                             es_error *err)
{
    *out = ES_SIM_POSITIONAL;
    if (!cfg->similarity || strcmp(cfg->similarity, "positional") == 0)
        return ES_OK;
    if (strcmp(cfg->similarity, "order") == 0)
        *out = ES_SIM_ORDER;
    else if (strcmp(cfg->similarity, "problem") == 0 && problem->feature_similarity)
        *out = ES_SIM_FEATURE;
    else if (strcmp(cfg->similarity, "problem") == 0)
        return es_fail(err, ES_EINVAL, "problem '%s' offers no feature similarity (use positional or order)",
                       problem->name);
    else
        return es_fail(err, ES_EINVAL, "unknown similarity '%s' (positional, order, problem)", cfg->similarity);
    return ES_OK;
}

/* Niching and incest prevention: thresholds, and the features hook they read. */
static int check_features(const es_problem *problem, const es_config *cfg, es_error *err)
{
    if (!(cfg->niche >= 0 && cfg->niche <= 1))
        return es_fail(err, ES_EINVAL, "the niche threshold must lie in [0, 1], got %g", cfg->niche);
    if (cfg->niche > 0 && !problem->features)
        return es_fail(err, ES_EINVAL, "problem '%s' offers no features for niching (--niche)", problem->name);
    if (!(cfg->incest >= 0 && cfg->incest <= 1))
        return es_fail(err, ES_EINVAL, "the incest threshold must lie in [0, 1], got %g", cfg->incest);
    if (cfg->incest > 0 && !problem->features)
        return es_fail(err, ES_EINVAL, "problem '%s' offers no features for incest prevention (--incest)",
                       problem->name);
    return ES_OK;
}

/* The ant colony of --algorithm aco or hybrid, created here. */
static int start_colony(es_solver *s, const es_registry *reg, es_error *err)
{
    const es_config *cfg = &s->cfg;
    const es_problem *problem = s->problem;
    if (!cfg->algorithm || strcmp(cfg->algorithm, "ga") == 0)
        return ES_OK;
    s->algo = !strcmp(cfg->algorithm, "aco") ? ALGO_ACO : !strcmp(cfg->algorithm, "hybrid") ? ALGO_HYBRID : -1;
    if (s->algo < 0)
        return es_fail(err, ES_EINVAL, "unknown algorithm '%s' (ga, aco, hybrid)", cfg->algorithm);
    int status = pick_operator(reg, &s->info, ES_OP_CONSTRUCTION, cfg->construction, "aco", NULL, &s->con, err);
    if (status != ES_OK)
        return status;
    if (!(cfg->aco.rho > 0 && cfg->aco.rho < 1 && cfg->aco.q0 >= 0 && cfg->aco.q0 < 1 && cfg->aco.alpha >= 0 &&
          cfg->aco.beta >= 0))
        return es_fail(err, ES_EINVAL, "ant colony parameters out of range (0 < rho < 1, 0 <= q0 < 1)");
    es_construction_params p = cfg->aco;
    const char *ph = problem->pheromone ? problem->pheromone : "position";
    p.successor = strcmp(ph, "successor") == 0;
    p.summation = strcmp(ph, "summation") == 0;
    status = s->con->create(problem, s->inst, &s->info, &p, &s->con_state);
    if (status == ES_ELIMIT)
        return es_fail(err, status,
                       "the ant colony could not start: %d items are more than '%s' takes (its pheromone "
                       "grows with their square; docs/operators.md); the genetic algorithm has no such limit",
                       s->info.length, s->con->name);
    if (status != ES_OK)
        return es_fail(err, status, "the ant colony could not start: %s", es_strerror(status));
    return ES_OK;
}

/* Islands' migration settings (used only when migrating). */
static int check_migration(const es_config *cfg, es_error *err)
{
    if (cfg->migration_interval <= 0)
        return ES_OK;
    if (cfg->emigrants && strcmp(cfg->emigrants, "best") && strcmp(cfg->emigrants, "random"))
        return es_fail(err, ES_EINVAL, "unknown emigrants '%s' (best, random)", cfg->emigrants);
    if (cfg->immigrants && strcmp(cfg->immigrants, "worst") && strcmp(cfg->immigrants, "random"))
        return es_fail(err, ES_EINVAL, "unknown immigrants '%s' (worst, random)", cfg->immigrants);
    if (cfg->migrants < 1 || cfg->migrants >= cfg->population) /* the best member never leaves its place */
        return es_fail(err, ES_EINVAL,
                       "%d migrants do not fit a population of %d: an island keeps its best member, so "
                       "migrants must lie in [1, population - 1] (--migrants, --population)",
                       cfg->migrants, cfg->population);
    return ES_OK;
}

/* Whether the run wants the fuzzy fitness surrogate, into *want. */
static int check_surrogate(const es_config *cfg, int *want, es_error *err)
{
    *want = 0;
    if (!cfg->surrogate || strcmp(cfg->surrogate, "none") == 0)
        return ES_OK;
    if (strcmp(cfg->surrogate, "ffem") != 0)
        return es_fail(err, ES_EINVAL, "unknown surrogate '%s' (none, ffem)", cfg->surrogate);
    if (!(cfg->surrogate_threshold > 0 && cfg->surrogate_threshold <= 1 && cfg->surrogate_threshold_end > 0 &&
          cfg->surrogate_threshold_end <= 1) || cfg->surrogate_archive < 1)
        return es_fail(err, ES_EINVAL, "surrogate thresholds must lie in (0, 1] and the archive hold at least one");
    if (cfg->surrogate_threshold_end < cfg->surrogate_threshold)
        /* a falling threshold would estimate more as the search closes in, when errors cost most */
        return es_fail(err, ES_EINVAL, "the surrogate threshold must rise or stay over the run, not fall from %g to %g",
                       cfg->surrogate_threshold, cfg->surrogate_threshold_end);
    *want = 1;
    return ES_OK;
}

/* The mutation (by default the genome's usual) and the improvement, if any. */
static int choose_mutation_and_improvement(es_solver *s, const es_registry *reg, es_error *err)
{
    const es_config *cfg = &s->cfg;
    int keys = s->info.kind == ES_GENOME_RANDOM_KEYS;
    int status =
        pick_operator(reg, &s->info, ES_OP_MUTATION, cfg->mutation, keys ? "redraw" : "insert", NULL, &s->mut, err);
    if (status != ES_OK || !cfg->improvement || strcmp(cfg->improvement, "none") == 0)
        return status;
    status = pick_operator(reg, &s->info, ES_OP_IMPROVEMENT, cfg->improvement, NULL, "none", &s->imp, err);
    if (status == ES_OK && s->imp->improve == NULL)
        return es_fail(err, ES_EINVAL, "improvement operator '%s' has no improve hook", s->imp->name);
    if (status == ES_OK && strcmp(s->imp->name, "local") == 0 && !s->problem->improve)
        return es_fail(err, ES_ENOTSUP, "problem '%s' offers no local improvement", s->problem->name);
    return status;
}

/* Memory for the population and children, the per-thread scratch, the
 * evaluator, the niche and the surrogate. ES_ELIMIT past
 * ES_MAX_GENOME_BYTES. On failure the caller destroys s. */
static int allocate(es_solver *s, int want_surrogate, es_similarity_kind simkind, es_error *err)
{
    const es_config *cfg = &s->cfg;
    const es_problem *problem = s->problem;
    const es_instance *inst = s->inst;
    s->threads = cfg->threads > 0 ? cfg->threads : es_default_threads();
    s->P = cfg->population;
    s->L = es_config_offspring(cfg);
    int N = s->P + s->L;
    /* Genomes are allocated up front; the memory would be promised lazily
     * and the first generation would run out of it halfway. */
    double gene = s->info.kind == ES_GENOME_PERMUTATION ? sizeof(int) : sizeof(double);
    double bytes = (double)N * (s->info.length > 0 ? s->info.length : 1) * gene;
    if (bytes > ES_MAX_GENOME_BYTES)
        return es_fail(err, ES_ELIMIT,
                       "a population of %d and %d children of %d items would take %.1f GB of genomes, more than "
                       "%.0f GB; at most %.0f individuals in all fit",
                       s->P, s->L, s->info.length, bytes / 1e9, ES_MAX_GENOME_BYTES / 1e9,
                       floor(ES_MAX_GENOME_BYTES / (bytes / N)));
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
    int status = es_evaluator_create(problem, inst, s->threads, &s->ev);
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
    /* the members' features, taken afresh at each generation's breeding
     * (with a niche, in its rows) */
    if (cfg->incest > 0 && !(cfg->niche > 0))
        s->mate_rows = calloc((size_t)s->P * es_engine_row_width(s), sizeof *s->mate_rows);
    if (cfg->niche > 0 && status == ES_OK) {
        status = es_niche_create(N, (int)es_engine_row_width(s), cfg->niche, cfg->seed, &s->niche);
        if (status != ES_OK)
            return es_fail(err, status, "out of memory");
    }
    if (want_surrogate && status == ES_OK) {
        es_surrogate_config sc = {simkind, cfg->surrogate_threshold, cfg->surrogate_threshold_end,
                                  cfg->surrogate_archive, 3, {problem->feature_similarity, inst}};
        status = es_surrogate_create(&s->info, &sc, s->threads, &s->sur);
    }
    if (status != ES_OK || !s->all || !s->order || !s->tmp || !s->batch || !s->values || !s->costs ||
        !s->improve_evals || !s->status || !s->op_scratch || !s->child_op || !s->parent_cost || !s->est ||
        !s->complete || !s->est_cost || !s->est_sim || (cfg->incest > 0 && !(cfg->niche > 0) && !s->mate_rows))
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int i = 0; i < N && status == ES_OK; i++)
        status = es_genome_alloc(&s->info, &s->all[i].g);
    if (status == ES_OK)
        status = es_genome_alloc(&s->info, &s->best);
    if (status == ES_OK)
        status = es_genome_alloc(&s->info, &s->iter_best);
    return status == ES_OK ? ES_OK : es_fail(err, ES_ENOMEM, "out of memory");
}

int es_solver_create(const es_registry *reg, const es_problem *problem, const es_instance *inst,
                     const es_config *cfg, es_solver **out, es_error *err)
{
    int status = check_numbers(cfg, err);
    if (status != ES_OK)
        return status;
    es_solver *s = calloc(1, sizeof *s);
    if (!s)
        return es_fail(err, ES_ENOMEM, "out of memory");
    s->problem = problem;
    s->inst = inst;
    s->cfg = *cfg;
    problem->genome_info(inst, &s->info);
    es_xchoice_init(&s->xc);
    es_similarity_kind simkind = ES_SIM_POSITIONAL;
    int want_surrogate = 0;
    status = check_genomes(s, err);
    if (status == ES_OK)
        status = pick_operator(reg, &s->info, ES_OP_SELECTION, cfg->selection, "tournament", NULL, &s->sel, err);
    if (status == ES_OK)
        status = choose_crossover(s, reg, err);
    if (status == ES_OK && es_xrate_parse(cfg->crossover_rate_policy, &s->xrate) != ES_OK)
        status = es_fail(err, ES_EINVAL, "unknown crossover rate policy '%s' (fixed, fitness, similarity, generation)",
                         cfg->crossover_rate_policy);
    if (status == ES_OK)
        status = choose_similarity(problem, cfg, &simkind, err);
    if (status == ES_OK)
        status = check_features(problem, cfg, err);
    if (status == ES_OK)
        status = start_colony(s, reg, err);
    if (status == ES_OK)
        status = check_migration(cfg, err);
    if (status == ES_OK)
        status = check_surrogate(cfg, &want_surrogate, err);
    if (status == ES_OK)
        status = choose_mutation_and_improvement(s, reg, err);
    if (status == ES_OK)
        status = allocate(s, want_surrogate, simkind, err);
    if (status != ES_OK) {
        es_solver_destroy(s); /* after the message, which may read s */
        return status;
    }
    *out = s;
    return ES_OK;
}
