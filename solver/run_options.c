/* Search options shared by `solve` and `bench`; see run_options.h. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "run_options.h"

/* In two strings: C99 promises string literals of 4,095 characters only. */
static const char usage_search[] =
    "  --problem NAME        problem of FILE (default: detected from the file)\n"
    "  --plugin PATH.so      load problems/operators from a shared object (repeatable)\n"
    "  --seed N              master seed (default 1); same seed, same result for any --threads\n"
    "  --threads N           OpenMP threads for evaluation (default: all cores, within a CPU quota)\n"
    "  --time S              wall-time budget in seconds (0: none)\n"
    "  --evals N             budget of real evaluations (local-search passes count)\n"
    "  --schedules N         the same, in RCPSP's terms (one SGS pass = one schedule)\n"
    "  --generations N       budget of generations\n"
    "  --target V            stop as soon as a solution this good is found\n"
    "  --optimum V           known optimum: a bound for the gap, and the target\n"
    "  --no-target           do not stop when the best bound is reached\n"
    "  --population N        individuals kept (default 50, or the problem's hint with local search)\n"
    "                        a problem may tune this and the settings below to the budget\n"
    "                        (rcpsp-keys does); options given win, and the report prints them\n"
    "  --offspring N         children per generation (default: population)\n"
    "  --selection NAME      selection operator (default tournament)\n"
    "  --tournament K        tournament size (default 2)\n"
    "  --late-tournament K, --late-from F  tournaments of K past the share F of the budget\n"
    "                        (default: off, F 0.7; rcpsp-keys tunes K to 8)\n"
    "  --parents any|distinct  may a child's two parents be the same member? (default any;\n"
    "                        rcpsp-keys tunes it to distinct)\n"
    "  --niche S             keep last a child that agrees on a share S of the problem's features with a\n"
    "                        member at least as good (default 0: off; rcpsp-keys tunes it to 0.75)\n"
    "  --incest S            draw the second parent again (up to 10 tournaments) while it agrees on a\n"
    "                        share S of the features with the first (default 0: off; rcpsp-keys: 0.5)\n"
    "  --ties hash|newer     equal costs in the replacement: by a hash of the genome (default), or newer\n"
    "                        first, a near copy taking the place of its equal (rcpsp-keys: newer from\n"
    "                        60 activities)\n";

static const char usage_operators[] =
    "  --crossover NAME      crossover operator (default ox; twopoint with precedences; uniform on keys);\n"
    "                        adaptive: choose among all suitable ones by recent success;\n"
    "                        or the problem's own (rcpsp: peak; rcpsp-keys: window; see evosched list)\n"
    "  --crossover-rate R|POLICY  probability of crossover (0.9), and how it adapts per parent pair:\n"
    "                        fixed (default), fitness, similarity or generation (docs/operators.md)\n"
    "  --mutation NAME       mutation operator (default insert; redraw on keys)\n"
    "  --mutation-rate R     probability of mutation (default 0.3)\n"
    "  --improve NAME|none   improvement operator (default local when the problem has one)\n"
    "  --improve-rate R      probability that a child is improved (default 1 with local)\n"
    "  --stagnation G        restart after G generations without improvement (default 100)\n"
    "  --algorithm ga|aco|hybrid|ils  genetic (default), ant colony, both sharing one population,\n"
    "                        or iterated local search (random kicks, then the problem's local search)\n"
    "  --kick K              mutation strength in [0, 1]: 0 one move, 1 a tenth of the items (ILS: 0.3)\n"
    "  --aco-alpha A, --aco-beta B, --aco-rho R  pheromone and desirability weights, evaporation (1, 2, 0.1)\n"
    "  --aco-q0 Q            Ant Colony System: take the best choice with probability Q (default 0: MAX-MIN)\n"
    "  --surrogate none|ffem fuzzy fitness surrogate: estimate offspring similar to evaluated ones\n"
    "  --surrogate-threshold T0[:T1]  similarity needed for an estimate, rising T0 to T1 (0.9:0.98)\n"
    "  --archive N           genomes the surrogate remembers (default 64)\n"
    "  --similarity positional|order|problem  similarity measure (default positional; problem: the\n"
    "                        problem's own feature similarity, e.g. satellite)\n"
    "  --bound S             after the search, S seconds of GLPK on the problem's MIP, from the best solution\n"
    "  under mpirun: islands, one per rank, exchanging their best (docs/islands.md):\n"
    "  --migration-interval M  generations between migrations (default 10)\n"
    "  --migrants K          individuals sent each time (default 2)\n"
    "  --topology ring|full|random  who sends to whom (default ring)\n"
    "  --emigrants best|random, --immigrants worst|random  selection and replacement policies\n";

void es_run_opts_usage(FILE *f)
{
    fputs(usage_search, f);
    fputs(usage_operators, f);
}

int es_run_parse_number(const char *cmd, const char *opt, const char *arg, double lo, double hi, int integer,
                        double *out)
{
    char *end;
    errno = 0;
    double v = arg ? strtod(arg, &end) : 0;
    if (!arg || *arg == 0 || *end != 0 || errno || !(v >= lo && v <= hi) || (integer && v != floor(v))) {
        /* integers in full: %g would print the seed's limit as 9.0072e+15 */
        if (integer)
            fprintf(stderr, "evosched %s: %s needs an integer in [%.0f, %.0f], got '%s'\n", cmd, opt, lo, hi,
                    arg ? arg : "(nothing)");
        else
            fprintf(stderr, "evosched %s: %s needs a number in [%g, %g], got '%s'\n", cmd, opt, lo, hi,
                    arg ? arg : "(nothing)");
        return 0;
    }
    *out = v;
    return 1;
}

void es_run_opts_init(es_run_opts *o)
{
    memset(o, 0, sizeof *o);
    es_config_init(&o->cfg);
}

/* An option with two values: 0 for off, 1 for on, -1 (with a message) for
 * anything else. */
static int two_way(const char *cmd, const char *opt, const char *v, const char *off, const char *on)
{
    if (v && (strcmp(v, off) == 0 || strcmp(v, on) == 0))
        return strcmp(v, on) == 0;
    fprintf(stderr, "evosched %s: %s needs %s or %s, got '%s'\n", cmd, opt, off, on, v ? v : "(nothing)");
    return -1;
}

int es_run_opts_parse(es_run_opts *o, const char *cmd, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    double x;
#define NUM(name, lo, hi, integer, dest)                                                                           \
    if (strcmp(a, name) == 0) {                                                                                    \
        if (!es_run_parse_number(cmd, a, v, lo, hi, integer, &x))                                                   \
            return -1;                                                                                             \
        dest;                                                                                                      \
        (*i)++;                                                                                                    \
        return 1;                                                                                                  \
    }
#define STR(name, dest)                                                                                            \
    if (strcmp(a, name) == 0) {                                                                                    \
        if (!es_cli_value(cmd, a, v))                                                                              \
            return -1;                                                                                             \
        dest = v;                                                                                                  \
        (*i)++;                                                                                                    \
        return 1;                                                                                                  \
    }
#define TWO_WAY(name, off, on, dest, set)                                                                          \
    if (strcmp(a, name) == 0) {                                                                                    \
        int w = two_way(cmd, a, v, off, on);                                                                       \
        if (w < 0)                                                                                                 \
            return -1;                                                                                             \
        dest = w;                                                                                                  \
        set = 1;                                                                                                   \
        (*i)++;                                                                                                    \
        return 1;                                                                                                  \
    }
    NUM("--seed", 0, 9007199254740992.0, 1, o->cfg.seed = (uint64_t)x)
    NUM("--threads", 1, 1024, 1, o->cfg.threads = (int)x)
    NUM("--time", 0, 1e9, 0, o->cfg.max_seconds = x)
    NUM("--evals", 1, 9e18, 1, o->cfg.max_evaluations = (long long)x)
    NUM("--schedules", 1, 9e18, 1, o->cfg.max_evaluations = (long long)x)
    NUM("--generations", 1, 9e18, 1, o->cfg.max_generations = (long long)x)
    NUM("--target", -1e300, 1e300, 0, (o->cfg.has_target = 1, o->cfg.target = x))
    NUM("--optimum", -1e300, 1e300, 0, (o->has_optimum = 1, o->optimum = x))
    NUM("--population", 2, 1e6, 1, (o->cfg.population = (int)x, o->population_set = 1))
    NUM("--offspring", 1, 1e6, 1, (o->cfg.offspring = (int)x, o->offspring_set = 1))
    NUM("--tournament", 1, 1e6, 1, o->cfg.tournament = (int)x)
    NUM("--late-tournament", 0, 1e6, 1, (o->cfg.late_tournament = (int)x, o->late_tournament_set = 1))
    NUM("--late-from", 0, 1, 0, (o->cfg.late_from = x, o->late_from_set = 1))
    if (strcmp(a, "--crossover-rate") == 0 && v && !strchr("0123456789.", v[0])) {
        o->cfg.crossover_rate_policy = v; /* a policy name rather than a number */
        (*i)++;
        return 1;
    }
    NUM("--crossover-rate", 0, 1, 0, (o->cfg.crossover_rate = x, o->crossover_rate_set = 1))
    NUM("--archive", 1, 1e6, 1, o->cfg.surrogate_archive = (int)x)
    NUM("--migration-interval", 1, 1e9, 1, o->cfg.migration_interval = (int)x)
    NUM("--migrants", 1, 1e6, 1, o->cfg.migrants = (int)x)
    NUM("--aco-alpha", 0, 100, 0, o->cfg.aco.alpha = x)
    NUM("--aco-beta", 0, 100, 0, o->cfg.aco.beta = x)
    NUM("--aco-rho", 1e-6, 0.999999, 0, o->cfg.aco.rho = x)
    NUM("--aco-q0", 0, 0.999999, 0, o->cfg.aco.q0 = x)
    NUM("--mutation-rate", 0, 1, 0, (o->cfg.mutation_rate = x, o->mutation_rate_set = 1))
    NUM("--improve-rate", 0, 1, 0, (o->cfg.improve_rate = x, o->improve_rate_set = 1))
    NUM("--stagnation", 0, 1e9, 1, (o->cfg.stagnation = (int)x, o->stagnation_set = 1))
    NUM("--niche", 0, 1, 0, (o->cfg.niche = x, o->niche_set = 1))
    NUM("--incest", 0, 1, 0, (o->cfg.incest = x, o->incest_set = 1))
    NUM("--bound", 0.001, 1e9, 0, o->mip_seconds = x)
    STR("--problem", o->problem)
    STR("--selection", o->cfg.selection)
    STR("--crossover", o->cfg.crossover)
    STR("--mutation", o->cfg.mutation)
    STR("--improve", o->cfg.improvement)
    STR("--surrogate", o->cfg.surrogate)
    if (strcmp(a, "--algorithm") == 0 && v && strcmp(v, "ils") == 0) {
        /* Iterated local search: one current solution and one candidate,
         * a random kick then local search, keep the better (or equal). */
        o->ils = 1;
        (*i)++;
        return 1;
    }
    if (strcmp(a, "--algorithm") == 0 && v && strcmp(v, "ga") && strcmp(v, "aco") && strcmp(v, "hybrid")) {
        fprintf(stderr, "evosched %s: unknown algorithm '%s' (ga, aco, hybrid, ils)\n", cmd, v);
        return -1;
    }
    STR("--algorithm", o->cfg.algorithm)
    TWO_WAY("--parents", "any", "distinct", o->cfg.distinct_parents, o->parents_set)
    TWO_WAY("--ties", "hash", "newer", o->cfg.newer_first, o->ties_set)
    NUM("--kick", 0, 1, 0, (o->cfg.mutation_strength = x, o->kick_set = 1))
    STR("--topology", o->topology)
    STR("--emigrants", o->cfg.emigrants)
    STR("--immigrants", o->cfg.immigrants)
    STR("--similarity", o->cfg.similarity)
    if (strcmp(a, "--surrogate-threshold") == 0) {
        char *end;
        double t0 = v ? strtod(v, &end) : -1, t1 = t0;
        if (v && *end == ':')
            t1 = strtod(end + 1, &end);
        if (!v || *end || !(t0 > 0 && t0 <= 1 && t1 > 0 && t1 <= 1)) {
            fprintf(stderr, "evosched %s: --surrogate-threshold needs T or T0:T1 in (0, 1]\n", cmd);
            return -1;
        }
        o->cfg.surrogate_threshold = t0;
        o->cfg.surrogate_threshold_end = t1;
        (*i)++;
        return 1;
    }
#undef NUM
#undef STR
#undef TWO_WAY
    if (strcmp(a, "--plugin") == 0) {
        if (!es_cli_value(cmd, a, v))
            return -1;
        if (o->nplugins >= 16) {
            fprintf(stderr, "evosched %s: at most 16 plug-ins\n", cmd);
            return -1;
        }
        o->plugins[o->nplugins++] = v;
        (*i)++;
        return 1;
    }
    if (strcmp(a, "--no-target") == 0) {
        o->no_target = 1;
        return 1;
    }
    return 0;
}

int es_run_opts_registry(const es_run_opts *o, es_registry **reg)
{
    es_error err = {0, ""};
    if (es_registry_create(reg) != ES_OK) {
        fprintf(stderr, "evosched: out of memory\n");
        return EXIT_FAILURE_RUN;
    }
    for (int i = 0; i < o->nplugins; i++)
        if (es_registry_load_plugin(*reg, o->plugins[i], &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            es_registry_destroy(*reg);
            *reg = NULL;
            return EXIT_PLUGIN;
        }
    return EXIT_OK;
}

void es_run_opts_apply_problem(es_run_opts *o, const es_problem *p, const es_instance *inst)
{
    if (!o->cfg.improvement)
        o->cfg.improvement = p->improve && (p->improve_rate_hint >= 0 || o->improve_rate_set) ? "local" : "none";
    if (!o->improve_rate_set && strcmp(o->cfg.improvement, "none") != 0)
        o->cfg.improve_rate = p->improve_rate_hint > 0 ? p->improve_rate_hint : 1.0;
    if (o->ils) {
        o->cfg.population = 2;
        o->cfg.offspring = 1;
        o->cfg.crossover_rate = 0;
        o->cfg.mutation_rate = 1;
        if (!o->kick_set)
            o->cfg.mutation_strength = 0.3;
        o->population_set = o->offspring_set = 1;
    }
    /* With local search, the problem knows best what population pays off
     * (its benchmarks in bench/ chose the hint). */
    int local = o->cfg.improve_rate > 0 && strcmp(o->cfg.improvement, "none") != 0;
    if (!o->population_set && local && p->population_hint > 1)
        o->cfg.population = p->population_hint;
    /* Its tune hook knows more: settings for this budget. They were chosen
     * for the genetic search with local search, so only that gets them. */
    int ga = !o->cfg.algorithm || strcmp(o->cfg.algorithm, "ga") == 0;
    if (local && ga && !o->ils)
        o->tuned = es_config_tune(&o->cfg, p, inst,
                                  (o->population_set ? ES_KEEP_POPULATION : 0u) |
                                      (o->offspring_set ? ES_KEEP_OFFSPRING : 0u) |
                                      (o->stagnation_set ? ES_KEEP_STAGNATION : 0u) |
                                      (o->crossover_rate_set ? ES_KEEP_CROSSOVER_RATE : 0u) |
                                      (o->mutation_rate_set ? ES_KEEP_MUTATION_RATE : 0u) |
                                      (o->parents_set ? ES_KEEP_PARENTS : 0u) |
                                      (o->niche_set ? ES_KEEP_NICHE : 0u) |
                                      (o->incest_set ? ES_KEEP_INCEST : 0u) |
                                      (o->ties_set ? ES_KEEP_TIES : 0u) |
                                      (o->late_tournament_set ? ES_KEEP_LATE_TOURNAMENT : 0u) |
                                      (o->late_from_set ? ES_KEEP_LATE_FROM : 0u));
}

int es_run_problem_bound(const es_loaded *l, double seconds, es_bound *out)
{
    return es_problem_bound(l->problem, l->inst, &es_cli_interrupted, seconds, out) == ES_OK;
}

/* es_run_known_bounds with the problem's own bound given (NULL: none). */
static void known_bounds_given(const es_loaded *l, const es_bound *own, es_bounds *b)
{
    es_bounds_init(b);
    if (own)
        es_bounds_add(b, l->problem->sense, own);
    es_bound bound;
    memset(&bound, 0, sizeof bound);
    es_error why = {0, ""};
    int st = l->problem->reference_bound ? l->problem->reference_bound(l->inst, l->path, &bound, &why) : ES_ENOTFOUND;
    if (st == ES_OK)
        es_bounds_add(b, l->problem->sense, &bound);
    else if (st != ES_ENOTFOUND && why.message[0]) /* a file that is there but does not apply: say so */
        fprintf(stderr, "evosched: warning: %s\n", why.message);
}

void es_run_known_bounds(const es_loaded *l, es_bounds *b)
{
    es_bound own;
    known_bounds_given(l, es_run_problem_bound(l, 0, &own) ? &own : NULL, b);
}

/* Share of a run's time limit that the problem's own bound may take before
 * the search: on huge instances it takes seconds (a 50,000-task satellite
 * project 1.6 s, a 500-job tardiness instance 4 s), which made `--time 1`
 * last 3.7 s. The bound only serves the report's gap, so the search keeps
 * most of the time; with a tenth, that tardiness instance had 742,741
 * instead of 920,504 even with `--time 10`. */
#define BOUND_TIME_SHARE 0.2

void es_run_opts_bounds(es_run_opts *o, const es_loaded *l, es_bounds *b)
{
    es_bound own;
    double t0 = omp_get_wtime(), limit = o->cfg.max_seconds;
    int has = es_run_problem_bound(l, limit * BOUND_TIME_SHARE, &own);
    if (limit > 0) /* the limit is the user's wall time: what the bound took, the search does not get */
        o->cfg.max_seconds = fmax(limit - (omp_get_wtime() - t0), 1e-3 * limit);
    es_run_opts_bounds_given(o, l, has ? &own : NULL, b);
}

void es_run_opts_bounds_given(es_run_opts *o, const es_loaded *l, const es_bound *own, es_bounds *b)
{
    known_bounds_given(l, own, b);
    if (o->has_optimum) {
        es_bound bound;
        memset(&bound, 0, sizeof bound);
        bound.value = o->optimum;
        bound.proven_optimum = 1;
        snprintf(bound.source, sizeof bound.source, "--optimum");
        es_bounds_add(b, l->problem->sense, &bound);
    }
    if (!o->cfg.has_target && !o->no_target && b->best >= 0) {
        /* Nothing can beat a bound: reaching it proves optimality. */
        o->cfg.has_target = 1;
        o->cfg.target = b->list[b->best].value;
    }
}

int es_run_has_budget(const es_config *cfg)
{
    return cfg->max_seconds > 0 || cfg->max_evaluations > 0 || cfg->max_generations > 0;
}

int es_run_best_known(const es_loaded *l, const es_bounds *b, es_bound *out)
{
    memset(out, 0, sizeof *out);
    es_error ignored = {0, ""}; /* a missing or unreadable file only means none is known */
    if (l->problem->best_known && l->problem->best_known(l->inst, l->path, out, &ignored) == ES_OK)
        return 1;
    for (int i = 0; i < b->count; i++)
        if (b->list[i].proven_optimum && !b->contradicted[i]) {
            *out = b->list[i];
            return 1;
        }
    return 0;
}

void es_run_check_bounds(es_bounds *b, es_sense sense, double value, const char *instance)
{
    es_bounds_contradicted_by(b, sense, value);
    for (int i = 0; i < b->count; i++)
        if (b->contradicted[i])
            fprintf(stderr,
                    "evosched: warning: %s: the solution's %.10g is better than the %s %.10g from %s, which therefore "
                    "cannot hold; it is not used\n",
                    instance, value, b->list[i].proven_optimum ? "optimum" : "bound", b->list[i].value,
                    b->list[i].source);
}

void es_run_add_mip_bounds(es_sense sense, const es_mip_result *mr, es_bounds *b)
{
    es_bound bd = {0, 0, ""};
    if (mr->has_lp_bound) {
        bd.value = mr->lp_bound;
        snprintf(bd.source, sizeof bd.source, "GLPK LP relaxation");
        es_bounds_add(b, sense, &bd);
    }
    if (mr->has_mip_bound) {
        bd.value = mr->mip_bound;
        bd.proven_optimum = mr->status == ES_MIP_OPTIMAL;
        snprintf(bd.source, sizeof bd.source, "GLPK MIP (%s, %.1f s)", es_mip_status_name(mr->status), mr->seconds);
        es_bounds_add(b, sense, &bd);
    }
}

int es_run_mip_bounds(const es_loaded *l, const es_result *res, double seconds, es_bounds *b, es_mip_result *out,
                      es_error *err)
{
    /* GLPK starts from the search's best: it only has to prove. */
    es_mip_options mo = {seconds, &res->best, res->best_value, 0, &es_cli_interrupted}; /* Ctrl-C stops it too */
    es_mip_result mr;
    int st = es_mip_bound(l->problem, l->inst, &mo, &mr, err);
    if (st == ES_OK && mr.status == ES_MIP_TOO_LARGE)
        st = es_fail(err, ES_ENOTSUP, "%s", mr.message);
    if (st == ES_OK)
        es_run_add_mip_bounds(l->problem->sense, &mr, b);
    if (out)
        *out = mr;
    return st;
}
