/* `evosched solve`: load, bound, search, and report, so that even an
 * interrupted run writes its best solution and its JSON. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "gap.h"
#include "report.h"
#include "islands.h"

static const char usage[] =
    "usage: evosched solve FILE[:K] [options]\n"
    "  --problem NAME        problem of FILE (default: detected from the file)\n"
    "  --plugin PATH.so      load problems/operators from a shared object (repeatable)\n"
    "  --seed N              master seed (default 1); same seed, same result for any --threads\n"
    "  --threads N           OpenMP threads for evaluation (default: all cores)\n"
    "  --time S              wall-time budget in seconds\n"
    "  --evals N             budget of real evaluations (local-search passes count)\n"
    "  --schedules N         the same, in RCPSP's terms (one SGS pass = one schedule)\n"
    "  --generations N       budget of generations\n"
    "  --target V            stop as soon as a solution this good is found\n"
    "  --optimum V           known optimum: a bound for the gap, and the target\n"
    "  --no-target           do not stop when the best bound is reached\n"
    "  --population N        individuals kept (default 50, or the problem's hint with local search)\n"
    "  --offspring N         children per generation (default: population)\n"
    "  --selection NAME      selection operator (default tournament)\n"
    "  --tournament K        tournament size (default 2)\n"
    "  --crossover NAME      crossover operator (default ox, or twopoint with precedences);\n"
    "                        adaptive: choose among all suitable ones by recent success\n"
    "  --crossover-rate R|POLICY  probability of crossover (0.9), and how it adapts per parent pair:\n"
    "                        fixed (default), fitness, similarity or generation (docs/operators.md)\n"
    "  --mutation NAME       mutation operator (default insert)\n"
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
    "  --similarity positional|order  similarity measure (default positional)\n"
    "  --bound S             after the search, S seconds of GLPK on the problem's MIP, from the best solution\n"
    "  under mpirun: islands, one per rank, exchanging their best (docs/islands.md):\n"
    "  --migration-interval M  generations between migrations (default 10)\n"
    "  --migrants K          individuals sent each time (default 2)\n"
    "  --topology ring|full|random  who sends to whom (default ring)\n"
    "  --emigrants best|random, --immigrants worst|random  selection and replacement policies\n"
    "  --json FILE           write the result as JSON ('-' for stdout)\n"
    "  --solution FILE       write the solution in the problem's format\n"
    "  --chart FILE.svg      draw the solution (e.g. a Gantt chart with resource profiles)\n"
    "  --quiet               no summary on stdout and no progress line\n";

typedef struct solve_opts {
    const char *file, *problem, *json, *solution, *chart, *topology;
    const char *plugins[16];
    int nplugins, quiet, no_target, has_optimum;
    double optimum;
    es_config cfg;
    int improve_rate_set, population_set;
    double mip_seconds; /* --bound S: GLPK after the search; 0: no */
    int ils, kick_set;
} solve_opts;

static int parse_num(const char *opt, const char *arg, double lo, double hi, int integer, double *out)
{
    char *end;
    errno = 0;
    double v = arg ? strtod(arg, &end) : 0;
    if (!arg || *arg == 0 || *end != 0 || errno || !(v >= lo && v <= hi) || (integer && v != floor(v))) {
        fprintf(stderr, "evosched solve: %s needs %s in [%g, %g], got '%s'\n", opt,
                integer ? "an integer" : "a number", lo, hi, arg ? arg : "(nothing)");
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_args(int argc, char **argv, solve_opts *o)
{
    memset(o, 0, sizeof *o);
    es_config_init(&o->cfg);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        double x;
#define NUM(name, lo, hi, integer, dest)                                                                       \
    if (strcmp(a, name) == 0) {                                                                                \
        if (!parse_num(a, v, lo, hi, integer, &x))                                                             \
            return 0;                                                                                          \
        dest;                                                                                                  \
        i++;                                                                                                   \
        continue;                                                                                              \
    }
#define STR(name, dest)                                                                                        \
    if (strcmp(a, name) == 0) {                                                                                \
        if (!v) {                                                                                              \
            fprintf(stderr, "evosched solve: %s needs a value\n", a);                                          \
            return 0;                                                                                          \
        }                                                                                                      \
        dest = v;                                                                                              \
        i++;                                                                                                   \
        continue;                                                                                              \
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
        NUM("--offspring", 1, 1e6, 1, o->cfg.offspring = (int)x)
        NUM("--tournament", 1, 1e6, 1, o->cfg.tournament = (int)x)
        if (strcmp(a, "--crossover-rate") == 0 && v && !strchr("0123456789.", v[0])) {
            o->cfg.crossover_rate_policy = v; /* a policy name rather than a number */
            i++;
            continue;
        }
        NUM("--crossover-rate", 0, 1, 0, o->cfg.crossover_rate = x)
        NUM("--archive", 1, 1e6, 1, o->cfg.surrogate_archive = (int)x)
        NUM("--migration-interval", 1, 1e9, 1, o->cfg.migration_interval = (int)x)
        NUM("--migrants", 1, 1e6, 1, o->cfg.migrants = (int)x)
        NUM("--aco-alpha", 0, 100, 0, o->cfg.aco.alpha = x)
        NUM("--aco-beta", 0, 100, 0, o->cfg.aco.beta = x)
        NUM("--aco-rho", 1e-6, 0.999999, 0, o->cfg.aco.rho = x)
        NUM("--aco-q0", 0, 0.999999, 0, o->cfg.aco.q0 = x)
        NUM("--mutation-rate", 0, 1, 0, o->cfg.mutation_rate = x)
        NUM("--improve-rate", 0, 1, 0, (o->cfg.improve_rate = x, o->improve_rate_set = 1))
        NUM("--stagnation", 0, 1e9, 1, o->cfg.stagnation = (int)x)
        NUM("--bound", 0.001, 1e9, 0, o->mip_seconds = x)
        STR("--problem", o->problem)
        STR("--json", o->json)
        STR("--solution", o->solution)
        STR("--chart", o->chart)
        STR("--selection", o->cfg.selection)
        STR("--crossover", o->cfg.crossover)
        STR("--mutation", o->cfg.mutation)
        STR("--improve", o->cfg.improvement)
        STR("--surrogate", o->cfg.surrogate)
        if (strcmp(a, "--algorithm") == 0 && v && strcmp(v, "ils") == 0) {
            /* Iterated local search: one current solution and one candidate,
             * a random kick then local search, keep the better (or equal). */
            o->ils = 1;
            i++;
            continue;
        }
        STR("--algorithm", o->cfg.algorithm)
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
                fprintf(stderr, "evosched solve: --surrogate-threshold needs T or T0:T1 in (0, 1]\n");
                return 0;
            }
            o->cfg.surrogate_threshold = t0;
            o->cfg.surrogate_threshold_end = t1;
            i++;
            continue;
        }
#undef NUM
#undef STR
        if (strcmp(a, "--plugin") == 0) {
            if (!v || o->nplugins >= 16) {
                fprintf(stderr, "evosched solve: --plugin needs a path (at most 16)\n");
                return 0;
            }
            o->plugins[o->nplugins++] = v;
            i++;
        } else if (strcmp(a, "--quiet") == 0)
            o->quiet = 1;
        else if (strcmp(a, "--no-target") == 0)
            o->no_target = 1;
        else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "evosched solve: unknown option '%s' (see evosched solve --help)\n", a);
            return 0;
        } else if (o->file) {
            fprintf(stderr, "evosched solve: one instance file at a time ('%s' and '%s')\n", o->file, a);
            return 0;
        } else
            o->file = a;
    }
    if (!o->file) {
        fprintf(stderr, "evosched solve: no instance file given\n%s", usage);
        return 0;
    }
    return 1;
}

static void collect_bounds(const es_loaded *l, const solve_opts *o, es_bounds *b, es_error *err)
{
    es_bounds_init(b);
    es_bound bound;
    memset(&bound, 0, sizeof bound);
    if (l->problem->lower_bound && l->problem->lower_bound(l->inst, &bound) == ES_OK)
        es_bounds_add(b, l->problem->sense, &bound);
    memset(&bound, 0, sizeof bound);
    if (l->problem->reference_bound && l->problem->reference_bound(l->inst, l->path, &bound, err) == ES_OK)
        es_bounds_add(b, l->problem->sense, &bound);
    if (o->has_optimum) {
        memset(&bound, 0, sizeof bound);
        bound.value = o->optimum;
        bound.proven_optimum = 1;
        snprintf(bound.source, sizeof bound.source, "--optimum");
        es_bounds_add(b, l->problem->sense, &bound);
    }
}

typedef struct progress_ctx {
    const es_bounds *bounds;
    es_sense sense;
} progress_ctx;

static void show_progress(const es_progress *p, void *user)
{
    const progress_ctx *c = user;
    char gap[48] = "";
    if (c->bounds->best >= 0) {
        double g;
        const es_bound *b = &c->bounds->list[c->bounds->best];
        if (es_gap_percent(p->best_value, b->value, &g))
            snprintf(gap, sizeof gap, "  bound %.10g  gap %.2f%%", b->value, g);
        else
            snprintf(gap, sizeof gap, "  bound %.10g", b->value);
    }
    double rate = p->seconds > 0 ? (double)p->evaluations / p->seconds : 0;
    fprintf(stderr, "\r\033[K  best %.10g%s  gen %lld  %.0f eval/s  %.1f s", p->best_value, gap, p->generation,
            rate, p->seconds);
    fflush(stderr);
}

static int write_solution_cb(FILE *f, void *user)
{
    es_report *r = user;
    return r->problem->write_solution(r->inst, &r->result->best, r->scratch, f);
}

static int write_chart_cb(FILE *f, void *user)
{
    es_report *r = user;
    return r->problem->write_chart(r->inst, &r->result->best, r->scratch, f);
}

int es_cmd_solve(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
    solve_opts o;
    es_islands is;
    /* Before anything slow (MPI start-up, bounds): an early Ctrl-C still
     * ends in a written result. */
    es_cli_install_signals();
    es_islands_init(&argc, &argv, &is);
    if (!parse_args(argc, argv, &o) || es_islands_topology(o.topology, &is.topology) != ES_OK) {
        if (o.file && o.topology)
            fprintf(stderr, "evosched solve: unknown topology '%s' (ring, full, random)\n", o.topology);
        es_islands_finalize(&is);
        return EXIT_USAGE;
    }
    if (is.rank != 0)
        o.quiet = 1; /* rank 0 alone speaks and writes */
    es_error err = {0, ""};
    es_registry *reg = NULL;
    if (es_registry_create(&reg) != ES_OK) {
        fprintf(stderr, "evosched: out of memory\n");
        es_islands_finalize(&is);
        return EXIT_FAILURE_RUN;
    }
    int code = EXIT_OK;
    for (int i = 0; i < o.nplugins; i++)
        if (es_registry_load_plugin(reg, o.plugins[i], &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            es_registry_destroy(reg);
            es_islands_finalize(&is);
            return EXIT_PLUGIN;
        }
    es_loaded l;
    int st = es_cli_load(reg, o.file, o.problem, &l, &err);
    if (st != ES_OK) {
        fprintf(stderr, "evosched: %s\n", err.message);
        es_cli_unload(&l);
        es_registry_destroy(reg);
        es_islands_finalize(&is);
        return es_cli_exit_code(st);
    }
    if (!o.cfg.improvement)
        o.cfg.improvement = l.problem->improve && (l.problem->improve_rate_hint >= 0 || o.improve_rate_set)
                                ? "local"
                                : "none";
    if (!o.improve_rate_set && strcmp(o.cfg.improvement, "none") != 0)
        o.cfg.improve_rate = l.problem->improve_rate_hint > 0 ? l.problem->improve_rate_hint : 1.0;
    if (o.ils) {
        o.cfg.population = 2;
        o.cfg.offspring = 1;
        o.cfg.crossover_rate = 0;
        o.cfg.mutation_rate = 1;
        if (!o.kick_set)
            o.cfg.mutation_strength = 0.3;
        o.population_set = 1;
    }
    /* With local search, the problem knows best what population pays off
     * (its benchmarks in bench/ chose the hint). */
    if (!o.population_set && o.cfg.improve_rate > 0 && strcmp(o.cfg.improvement, "none") != 0 &&
        l.problem->population_hint > 1)
        o.cfg.population = l.problem->population_hint;
    es_bounds bounds;
    collect_bounds(&l, &o, &bounds, &err);
    if (!o.cfg.has_target && !o.no_target && bounds.best >= 0) {
        /* Nothing can beat a bound: reaching it proves optimality. */
        o.cfg.has_target = 1;
        o.cfg.target = bounds.list[bounds.best].value;
    }
    progress_ctx pc = {&bounds, l.problem->sense};
    if (!o.quiet && isatty(STDERR_FILENO)) {
        o.cfg.progress = show_progress;
        o.cfg.progress_user = &pc;
    }
    o.cfg.stop_flag = &es_cli_interrupted;
    es_genome_info ginfo;
    l.problem->genome_info(l.inst, &ginfo);
    uint64_t master_seed = o.cfg.seed;
    es_islands_configure(&is, &ginfo, &o.cfg); /* may give this island its own seed */
    es_solver *solver = NULL;
    es_result res;
    memset(&res, 0, sizeof res);
    st = es_solver_create(reg, l.problem, l.inst, &o.cfg, &solver, &err);
    if (st == ES_OK) {
        st = es_solver_run(solver, &res, &err);
        if (o.cfg.progress)
            fputs("\n", stderr);
    }
    double *island_best = calloc((size_t)is.size, sizeof *island_best);
    es_genome global = {NULL, NULL};
    if (st == ES_OK && island_best && es_genome_alloc(&ginfo, &global) == ES_OK) {
        /* The best over all islands, on rank 0. */
        es_genome_copy(&ginfo, &global, &res.best);
        if (es_islands_reduce(&is, l.problem->sense, &ginfo, &global, &res.best_value, island_best,
                              &res.evaluations) == ES_OK)
            res.best = global;
    }
    if (is.rank != 0) {
        code = st != ES_OK ? es_cli_exit_code(st) : res.stop == ES_STOP_INTERRUPT ? EXIT_INTERRUPTED : EXIT_OK;
    } else if (st != ES_OK && res.evaluations == 0) {
        fprintf(stderr, "evosched: %s\n", err.message[0] ? err.message : es_strerror(st));
        code = es_cli_exit_code(st);
    } else {
        if (st != ES_OK)
            fprintf(stderr, "evosched: %s (writing the best solution found before the failure)\n", err.message);
        if (o.mip_seconds > 0 && l.problem->glpk_model && res.evaluations > 0) {
            /* GLPK starts from the search's best: it only has to prove. */
            es_mip_options mo = {o.mip_seconds, &res.best, res.best_value, 0};
            es_mip_result mr;
            if (es_mip_bound(l.problem, l.inst, &mo, &mr, &err) == ES_OK && mr.status != ES_MIP_TOO_LARGE) {
                es_bound b = {0, 0, ""};
                if (mr.has_lp_bound) {
                    b.value = mr.lp_bound;
                    snprintf(b.source, sizeof b.source, "GLPK LP relaxation");
                    es_bounds_add(&bounds, l.problem->sense, &b);
                }
                if (mr.has_mip_bound) {
                    b.value = mr.mip_bound;
                    b.proven_optimum = mr.status == ES_MIP_OPTIMAL;
                    snprintf(b.source, sizeof b.source, "GLPK MIP (%s, %.1f s)", es_mip_status_name(mr.status),
                             mr.seconds);
                    es_bounds_add(&bounds, l.problem->sense, &b);
                }
            } else if (!o.quiet)
                fprintf(stderr, "evosched: no GLPK bound: %s\n", err.message[0] ? err.message : mr.message);
        }
        o.cfg.seed = master_seed; /* reports name the seed the user gave */
        void *scratch = malloc(l.problem->scratch_size(l.inst) + 1);
        es_report rep = {l.problem, l.inst, o.file, &res, &bounds, &o.cfg, scratch, is.size,
                         is.active ? island_best : NULL};
        if (o.solution && l.problem->write_solution &&
            es_cli_write_file(o.solution, write_solution_cb, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (o.chart && !l.problem->write_chart)
            fprintf(stderr, "evosched: problem '%s' draws no chart; --chart ignored\n", l.problem->name);
        else if (o.chart && es_cli_write_file(o.chart, write_chart_cb, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (o.json && es_cli_write_file(o.json, es_report_json_writer, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (!o.quiet && !(o.json && strcmp(o.json, "-") == 0))
            es_report_summary(stdout, &rep);
        free(scratch);
        if (code == EXIT_OK)
            code = st != ES_OK ? es_cli_exit_code(st) : res.stop == ES_STOP_INTERRUPT ? EXIT_INTERRUPTED : EXIT_OK;
    }
    es_solver_destroy(solver);
    es_genome_free(&global);
    free(island_best);
    es_cli_unload(&l);
    es_registry_destroy(reg);
    es_islands_finalize(&is);
    return code;
}
