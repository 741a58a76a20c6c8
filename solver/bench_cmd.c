/* `evosched bench`: runs a set of instances (folders, list files, OR-Library
 * files holding many instances, as bench_inputs.c expands them) over
 * several seeds, several runs at once on the machine's cores, and writes
 * the reports of bench_report.c. Each
 * run is exactly `evosched solve INSTANCE --seed S` with the same options,
 * so any line of the results can be reproduced on its own. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <omp.h>
#include "bench.h"

static const char usage_head[] =
    "usage: evosched bench INPUT... [options]\n"
    "  INPUT is an instance file (FILE:K for one instance of a multi-instance file), a folder (every\n"
    "  instance file in it), an OR-Library file (all its instances) or @LIST (a file naming one\n"
    "  input per line). Each INPUT is one set in the report.\n"
    "  --out DIR             where report.md, results.csv, results.json and plots go (default bench-results)\n"
    "  --seeds N             runs per instance, with seeds --seed .. --seed+N-1 (default 1)\n"
    "  --every N             only every N-th instance of each set (default 1: all)\n"
    "  --jobs J              runs at the same time (default: one per core, within a CPU quota); each run uses\n"
    "                        --threads (default 1)\n"
    "  --progress            show the progress bar even when stderr is not a terminal\n"
    "  --checkpoint S        rewrite results.csv with the runs done every S seconds (default 60; 0: never),\n"
    "                        so that a bench killed outright keeps them\n"
    "  --time S is the budget of each run when none is given (default 1 s)\n"
    "  the search options of solve:\n";

/* ---- runs ---- */

static void record_point(const es_progress *p, void *user)
{
    bench_run *r = user;
    if (isnan(p->best_value))
        return;
    if (r->ntrace > 0) {
        double last = r->trace[r->ntrace - 1].value;
        if (r->sense == ES_MINIMIZE ? p->best_value >= last : p->best_value <= last)
            return;
    }
    if (r->ntrace == r->trace_cap) {
        int cap = r->trace_cap ? 2 * r->trace_cap : 32;
        bench_point *t = realloc(r->trace, (size_t)cap * sizeof *t);
        if (!t)
            return; /* a shorter curve, not a failed run */
        r->trace = t, r->trace_cap = cap;
    }
    r->trace[r->ntrace++] = (bench_point){p->seconds, p->evaluations, p->best_value};
}

/* Whether the run reached the best known value of its instance, and how
 * far that value itself is from the literature's bound. */
static void record_best_known(bench_run *r, const es_loaded *l, const es_bounds *bounds)
{
    es_bound bk;
    r->has_best_known = es_run_best_known(l, bounds, &bk);
    if (!r->has_best_known)
        return;
    r->best_known = bk.value;
    r->versus_best_known = es_versus(r->sense, r->value, bk.value);
    r->has_best_known_literature =
        r->has_literature && es_gap_percent(bk.value, r->literature, &r->best_known_literature_gap);
}

/* The problem's own bound of r's instance, computed by its first run (the
 * instance's other runs wait for it): NULL when it has none. */
static const es_bound *own_bound(const bench *b, const bench_run *r, const es_loaded *l)
{
    bench_own_bound *own = &b->own_bounds[(r - b->runs) / b->seeds];
    omp_set_lock(own->lock);
    if (!own->computed) {
        own->has = es_run_problem_bound(l, 0, &own->bound); /* the same bound for every run, whatever its time */
        own->computed = 1;
    }
    omp_unset_lock(own->lock);
    return own->has ? &own->bound : NULL;
}

static void run_one(const bench *b, const es_registry *reg, bench_run *r)
{
    es_run_opts o = b->run;
    o.cfg.seed = r->seed;
    if (!o.cfg.threads)
        o.cfg.threads = 1;
    es_error err = {0, ""};
    es_loaded l;
    int st = es_cli_load_for(reg, r->instance, o.problem, o.cfg.algorithm, &l, &err);
    es_solver *solver = NULL;
    es_result res;
    memset(&res, 0, sizeof res);
    es_bounds bounds;
    if (st == ES_OK) {
        r->problem = l.problem->name;
        r->sense = l.problem->sense;
        r->unit = l.problem->evaluation_unit;
        es_run_opts_apply_problem(&o, l.problem, l.inst);
        es_run_opts_bounds_given(&o, &l, own_bound(b, r, &l), &bounds);
        o.cfg.stop_flag = &es_cli_interrupted;
        o.cfg.progress = record_point;
        o.cfg.progress_user = r;
        o.cfg.progress_interval = 0; /* every generation: the curve records improvements only */
        st = es_solver_create(reg, l.problem, l.inst, &o.cfg, &solver, &err);
    }
    if (st == ES_OK)
        st = es_solver_run(solver, &res, &err);
    if (st == ES_OK && res.evaluations > 0) {
        record_point(&(es_progress){res.generations, res.evaluations_to_best, res.seconds_to_best, res.search_value,
                                    &res.best},
                     r);
        /* the problem's polish comes after the search */
        record_point(&(es_progress){res.generations, res.evaluations, res.seconds, res.best_value, &res.best}, r);
        if (o.mip_seconds > 0 && l.problem->glpk_model) {
            es_mip_result mr;
            es_error merr = {0, ""};
            if (es_run_mip_bounds(&l, &res, o.mip_seconds, &bounds, &mr, &merr) == ES_OK) {
                snprintf(r->mip_status, sizeof r->mip_status, "%s", es_mip_status_name(mr.status));
                r->has_lp = mr.has_lp_bound, r->lp_bound = mr.lp_bound;
                r->has_mip = mr.has_mip_bound, r->mip_bound = mr.mip_bound;
            } else
                snprintf(r->mip_status, sizeof r->mip_status, "no model");
        }
        es_run_check_bounds(&bounds, l.problem->sense, res.best_value, r->instance);
        r->ok = 1;
        r->value = res.best_value;
        r->seconds = res.seconds;
        r->seconds_to_best = res.seconds_to_best;
        r->evaluations = res.evaluations;
        r->evaluations_to_best = res.evaluations_to_best;
        r->threads = res.threads;
        r->stop = es_stop_reason_name(res.stop);
        if (bounds.best >= 0) {
            const es_bound *bd = &bounds.list[bounds.best];
            r->has_bound = 1;
            r->bound = bd->value;
            r->bound_proven = bd->proven_optimum;
            snprintf(r->bound_source, sizeof r->bound_source, "%s", bd->source);
            r->has_gap = es_gap_percent(r->value, bd->value, &r->gap);
            r->optimal = es_is_optimal(r->sense, r->value, bd);
        }
        es_bound lit;
        if (l.problem->literature_bound && l.problem->literature_bound(l.inst, &lit) == ES_OK &&
            es_gap_percent(r->value, lit.value, &r->literature_gap)) {
            r->has_literature = 1;
            r->literature = lit.value;
            snprintf(r->literature_source, sizeof r->literature_source, "%s", lit.source);
        }
        record_best_known(r, &l, &bounds);
    } else if (st == ES_OK)
        snprintf(r->error, sizeof r->error, "stopped before any evaluation");
    else
        snprintf(r->error, sizeof r->error, "%s", err.message[0] ? err.message : es_strerror(st));
    es_solver_destroy(solver);
    es_cli_unload(&l);
}

static void format_clock(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

static void show_bar(int done, int total, double elapsed, int optimal)
{
    char el[32], left[32] = "?";
    format_clock(el, sizeof el, elapsed);
    if (done > 0)
        format_clock(left, sizeof left, elapsed / done * (total - done));
    int width = 30, fill = total ? done * width / total : width;
    fprintf(stderr, "\r\033[K[%.*s%*s] %d/%d runs  %d at bound  %s elapsed  ~%s left", fill,
            "##############################", width - fill, "", done, total, optimal, el, left);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* ---- the command ---- */

static void print_usage(FILE *f)
{
    fputs(usage_head, f);
    es_run_opts_usage(f);
}

static int parse_args(int argc, char **argv, bench *b, names *inputs)
{
    int rest = 0; /* after "--": inputs only */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!rest && !strcmp(a, "--")) {
            rest = 1;
            continue;
        }
        if (rest) {
            if (bench_names_add(inputs, a) != ES_OK)
                return 0;
            continue;
        }
        int r = es_run_opts_parse(&b->run, "bench", argc, argv, &i);
        if (r < 0)
            return 0;
        if (r > 0)
            continue;
        if (!strcmp(a, "--seeds") || !strcmp(a, "--every") || !strcmp(a, "--jobs")) {
            int *dest = !strcmp(a, "--seeds") ? &b->seeds : !strcmp(a, "--every") ? &b->every : &b->jobs;
            double x;
            if (!es_run_parse_number("bench", a, v, 1, 1e6, 1, &x))
                return 0;
            *dest = (int)x;
            i++;
        } else if (!strcmp(a, "--checkpoint")) {
            if (!es_run_parse_number("bench", a, v, 0, 1e9, 0, &b->checkpoint))
                return 0;
            i++;
        } else if (!strcmp(a, "--out")) {
            if (!(b->out_dir = es_cli_value("bench", a, v)))
                return 0;
            i++;
        }
        else if (!strcmp(a, "--progress"))
            b->progress = 1;
        else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "evosched bench: unknown option '%s' (see evosched bench --help)\n", a);
            return 0;
        } else if (bench_names_add(inputs, a) != ES_OK)
            return 0;
    }
    if (inputs->n == 0) {
        fprintf(stderr, "evosched bench: no input given\n");
        print_usage(stderr);
        return 0;
    }
    return 1;
}

/* How the runs were bounded, for the report: a budget of evaluations is named
 * as the problems name them ("5000 schedules" on PSPLIB, as the field states
 * its budgets) when every run that loaded shares that name. */
static void describe_budget(bench *b)
{
    const es_config *c = &b->run.cfg;
    const char *unit = NULL;
    for (int i = 0; i < b->nruns; i++) {
        const bench_run *r = &b->runs[i];
        if (!r->problem)
            continue; /* not run, or its file did not load */
        if (!r->unit || (unit && strcmp(unit, r->unit))) {
            unit = NULL;
            break;
        }
        unit = r->unit;
    }
    int n = 0;
    b->budget[0] = 0;
    if (c->max_seconds > 0)
        n += snprintf(b->budget + n, sizeof b->budget - (size_t)n, "%s%g s", n ? ", " : "", c->max_seconds);
    if (c->max_evaluations > 0)
        n += snprintf(b->budget + n, sizeof b->budget - (size_t)n, "%s%lld %s", n ? ", " : "", c->max_evaluations,
                      unit ? unit : "evaluations");
    if (c->max_generations > 0)
        snprintf(b->budget + n, sizeof b->budget - (size_t)n, "%s%lld generations", n ? ", " : "",
                 c->max_generations);
}

static int build_runs(bench *b, const es_registry *reg, const names *inputs, es_error *err)
{
    b->sets = calloc((size_t)inputs->n, sizeof *b->sets);
    if (!b->sets)
        return es_fail(err, ES_ENOMEM, "out of memory");
    names *inst = calloc((size_t)inputs->n, sizeof *inst);
    if (!inst)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int st = ES_OK;
    long total = 0;
    for (int s = 0; st == ES_OK && s < inputs->n; s++) {
        st = bench_expand(reg, b->run.problem, inputs->v[s], &inst[s], err);
        total += (inst[s].n + b->every - 1) / b->every * (long)b->seeds;
    }
    if (st == ES_OK && total > 10000000)
        st = es_fail(err, ES_ELIMIT, "%ld runs is too many", total);
    if (st == ES_OK && !(b->runs = calloc((size_t)total + 1, sizeof *b->runs)))
        st = es_fail(err, ES_ENOMEM, "out of memory");
    /* at most one instance per run */
    if (st == ES_OK && !(b->own_bounds = calloc((size_t)total + 1, sizeof *b->own_bounds)))
        st = es_fail(err, ES_ENOMEM, "out of memory");
    for (int s = 0; st == ES_OK && s < inputs->n; s++) {
        bench_set *set = &b->sets[b->nsets++];
        set->name = strdup(inputs->v[s]);
        set->first = b->nruns;
        for (int k = 0; k < inst[s].n; k += b->every) {
            set->instances++;
            bench_own_bound *own = &b->own_bounds[b->nown];
            if (!(own->lock = malloc(sizeof(omp_lock_t)))) {
                st = es_fail(err, ES_ENOMEM, "out of memory");
                break;
            }
            omp_init_lock(own->lock);
            b->nown++;
            for (int seed = 0; seed < b->seeds; seed++) {
                bench_run *r = &b->runs[b->nruns++];
                r->set = s;
                r->instance = strdup(inst[s].v[k]);
                r->seed = b->run.cfg.seed + (uint64_t)seed;
                if (!r->instance || !set->name)
                    st = es_fail(err, ES_ENOMEM, "out of memory");
            }
        }
        set->count = b->nruns - set->first;
    }
    for (int s = 0; s < inputs->n; s++)
        bench_names_free(&inst[s]);
    free(inst);
    return st;
}

static void bench_free(bench *b)
{
    for (int i = 0; i < b->nruns; i++) {
        free(b->runs[i].instance);
        free(b->runs[i].trace);
    }
    for (int s = 0; s < b->nsets; s++)
        free(b->sets[s].name);
    for (int i = 0; i < b->nown; i++) {
        omp_destroy_lock(b->own_bounds[i].lock);
        free(b->own_bounds[i].lock);
    }
    free(b->own_bounds);
    free(b->runs);
    free(b->sets);
}

/* The output folder and any missing parents (`--out results/j30-5k`), made
 * before the first run: a folder that cannot hold the reports (a file of
 * that name, no permission) used to surface as a write error after every
 * run had been spent. ES_EIO with the reason otherwise. */
static int make_out_dir(const char *dir, es_error *err)
{
    char *path = strdup(dir);
    if (!path)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int e = 0;
    /* each prefix that ends at a slash, then the whole; "/" itself exists */
    for (char *p = path + (path[0] == '/');; p++) {
        if (*p != '/' && *p != 0)
            continue;
        char end = *p;
        *p = 0;
        if (mkdir(path, 0777) != 0 && errno != EEXIST) {
            e = errno;
            break;
        }
        if (end == 0)
            break;
        *p = end;
    }
    free(path);
    if (e == 0)
        e = es_cli_folder_error(dir);
    return e ? es_fail(err, ES_EIO, "%s: cannot be the output folder: %s", dir, strerror(e)) : ES_OK;
}

int es_cmd_bench(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            print_usage(stdout);
            return EXIT_OK;
        }
    int single = es_cli_one_process("bench", "bench runs its runs side by side itself (--jobs); mpirun is for solve's "
                                             "islands");
    if (single != EXIT_OK)
        return single;
    bench b;
    memset(&b, 0, sizeof b);
    es_run_opts_init(&b.run);
    b.seeds = 1, b.every = 1, b.jobs = es_default_threads(), b.checkpoint = 60;
    b.out_dir = "bench-results";
    names inputs = {0};
    if (!parse_args(argc, argv, &b, &inputs)) {
        bench_names_free(&inputs);
        return EXIT_USAGE;
    }
    es_config *c = &b.run.cfg;
    if (!es_run_has_budget(c))
        c->max_seconds = 1;
    for (int i = 0, n = 0; i < argc && n < (int)sizeof b.command - 2; i++)
        n += snprintf(b.command + n, sizeof b.command - (size_t)n, "%s%s", i ? " " : "evosched ", argv[i]);
    es_cli_install_signals();
    es_registry *reg;
    int code = es_run_opts_registry(&b.run, &reg);
    if (code != EXIT_OK) {
        bench_names_free(&inputs);
        return code;
    }
    es_error err = {0, ""};
    int st = build_runs(&b, reg, &inputs, &err);
    bench_names_free(&inputs);
    if (st == ES_OK)
        st = make_out_dir(b.out_dir, &err);
    if (st != ES_OK) {
        fprintf(stderr, "evosched bench: %s\n", err.message);
        bench_free(&b);
        es_registry_destroy(reg);
        return es_cli_exit_code(st);
    }
    int bar = b.progress || isatty(STDERR_FILENO), done = 0, optimal = 0;
    double t0 = omp_get_wtime(), saved = t0;
    int checkpoint_failed = 0;
    if (bar)
        show_bar(0, b.nruns, 0, 0);
    /* Runs are independent; a run's result depends on its seed only, never
     * on which worker ran it or how many ran beside it. Each run's own
     * parallel regions are nested in this one: with OpenMP's default of one
     * active level, `--jobs 2 --threads 2` ran every run on one thread. */
    if (omp_get_max_active_levels() < 2)
        omp_set_max_active_levels(2);
#pragma omp parallel for schedule(dynamic, 1) num_threads(b.jobs)
    for (int i = 0; i < b.nruns; i++) {
        if (es_cli_interrupted)
            continue;
        /* started seed by seed (every instance's first, then every
         * instance's second, ...), so that the workers compute different
         * instances' own bounds side by side rather than wait for one */
        bench_run *r = &b.runs[i % b.nown * b.seeds + i / b.nown];
        run_one(&b, reg, r);
#pragma omp critical(bench_progress)
        {
            r->done = 1;
            done++;
            optimal += r->optimal;
            if (bar)
                show_bar(done, b.nruns, omp_get_wtime() - t0, optimal);
            if (b.checkpoint > 0 && done < b.nruns && omp_get_wtime() - saved >= b.checkpoint) {
                es_error cerr = {0, ""};
                if (bench_write_checkpoint(&b, &cerr) != ES_OK && !checkpoint_failed++)
                    fprintf(stderr, "\nevosched bench: checkpoint: %s\n", cerr.message);
                saved = omp_get_wtime();
            }
        }
    }
    if (bar && done < b.nruns)
        fputc('\n', stderr);
    b.wall_seconds = omp_get_wtime() - t0;
    b.interrupted = es_cli_interrupted != 0;
    describe_budget(&b);
    st = bench_write_reports(&b, &err);
    int failed = 0;
    for (int i = 0; i < b.nruns; i++)
        if (b.runs[i].done && !b.runs[i].ok) {
            if (failed++ < 5)
                fprintf(stderr, "evosched bench: %s: %s\n", b.runs[i].instance, b.runs[i].error);
        }
    if (st != ES_OK)
        fprintf(stderr, "evosched bench: %s\n", err.message);
    else
        printf("evosched bench: %d of %d runs in %.1f s%s; %s/report.md, results.csv, results.json\n", done - failed,
               b.nruns, b.wall_seconds, b.interrupted ? " (interrupted)" : "", b.out_dir);
    code = st != ES_OK ? EXIT_OUTPUT : b.interrupted ? EXIT_INTERRUPTED : failed ? EXIT_FAILURE_RUN : EXIT_OK;
    bench_free(&b);
    es_registry_destroy(reg);
    return code;
}
