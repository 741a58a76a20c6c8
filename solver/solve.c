/* `evosched solve`: load, bound, search, and report, so that even an
 * interrupted run writes its best solution and its JSON. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "gap.h"
#include "report.h"
#include "islands.h"
#include "run_options.h"

static const char usage_head[] = "usage: evosched solve FILE[:K] [options]\n";
static const char usage_tail[] =
    "  --json FILE           write the result as JSON ('-' for stdout)\n"
    "  --solution FILE       write the solution in the problem's format\n"
    "  --chart FILE.svg      draw the solution (e.g. a Gantt chart with resource profiles)\n"
    "  --start FILE          start from this solution (the problem's solution format, e.g. an earlier\n"
    "                        --solution): the result is never worse; --solution may name the same file\n"
    "  --quiet               no summary on stdout and no progress line\n"
    "  --checkpoint S        during the run, rewrite --solution with the best so far every S seconds\n"
    "                        when it improved (default 60; 0: only at the end)\n"
    "  --                    end of the options: FILE follows, whatever its name\n";

typedef struct solve_opts {
    const char *file, *json, *solution, *chart, *start;
    int quiet, piped; /* piped: one output goes to stdout (its file is "-") */
    double checkpoint;  /* seconds between writes of an improved --solution during the run; 0: none */
    es_run_opts run;
} solve_opts;

static void print_usage(FILE *f)
{
    fputs(usage_head, f);
    es_run_opts_usage(f);
    fputs(usage_tail, f);
}

static int parse_args(int argc, char **argv, solve_opts *o)
{
    memset(o, 0, sizeof *o);
    es_run_opts_init(&o->run);
    o->checkpoint = 60;
    int rest = 0; /* after "--": operands only */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!rest && !strcmp(a, "--")) {
            rest = 1;
            continue;
        }
        int r = rest ? 0 : es_run_opts_parse(&o->run, "solve", argc, argv, &i);
        if (r < 0)
            return 0;
        if (r > 0)
            continue;
        const char **dest = rest                       ? NULL
                            : !strcmp(a, "--json")     ? &o->json
                            : !strcmp(a, "--solution") ? &o->solution
                            : !strcmp(a, "--chart")    ? &o->chart
                            : !strcmp(a, "--start")    ? &o->start
                                                       : NULL;
        if (dest) {
            if (!es_cli_value("solve", a, v))
                return 0;
            *dest = v;
            i++;
        } else if (!rest && strcmp(a, "--quiet") == 0)
            o->quiet = 1;
        else if (!rest && strcmp(a, "--checkpoint") == 0) {
            if (!es_run_parse_number("solve", a, v, 0, 1e9, 0, &o->checkpoint))
                return 0;
            i++;
        } else if (!rest && a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "evosched solve: unknown option '%s' (see evosched solve --help)\n", a);
            return 0;
        } else if (o->file) {
            fprintf(stderr, "evosched solve: one instance file at a time ('%s' and '%s')\n", o->file, a);
            return 0;
        } else
            o->file = a;
    }
    if (!o->file) {
        fprintf(stderr, "evosched solve: no instance file given\n");
        print_usage(stderr);
        return 0;
    }
    /* Two outputs on stdout would interleave into something neither reader
     * can parse. */
    int piped = (o->json && !strcmp(o->json, "-")) + (o->solution && !strcmp(o->solution, "-")) +
                (o->chart && !strcmp(o->chart, "-"));
    if (piped > 1) {
        fprintf(stderr, "evosched solve: only one of --json, --solution and --chart can be '-' (standard output)\n");
        return 0;
    }
    o->piped = piped; /* and the summary stays off it */
    if (o->start && !strcmp(o->start, "-") && !strcmp(o->file, "-")) {
        fprintf(stderr, "evosched solve: the instance and --start cannot both be '-' (standard input)\n");
        return 0;
    }
    return 1;
}

/* What the engine's progress callback serves: the progress line on a
 * terminal, and the checkpoints of --solution. */
typedef struct progress_ctx {
    const es_bounds *bounds;
    es_sense sense;
    int show;
    /* checkpoints: a run killed outright (OOM killer, a scheduler's hard
     * limit) keeps the best solution it had found */
    const char *path; /* NULL: none */
    double every, written_at, written_value;
    int written, failed;
    const es_problem *problem;
    const es_instance *inst;
    void *scratch;
    const es_genome *best; /* during a write */
} progress_ctx;

static int write_checkpoint_cb(FILE *f, void *user)
{
    const progress_ctx *c = user;
    return c->problem->write_solution(c->inst, c->best, c->scratch, f);
}

static void checkpoint(progress_ctx *c, const es_progress *p)
{
    if (!c->path || !c->scratch || p->seconds - c->written_at < c->every ||
        (c->written && es_versus(c->sense, p->best_value, c->written_value) >= 0))
        return;
    c->best = p->best;
    es_error err = {0, ""};
    if (es_cli_write_file(c->path, write_checkpoint_cb, c, &err) != ES_OK) {
        if (!c->failed++)
            fprintf(stderr, "\nevosched: checkpoint: %s\n", err.message);
    } else {
        c->written = 1;
        c->written_value = p->best_value;
    }
    c->written_at = p->seconds;
}

static void show_progress(const es_progress *p, void *user)
{
    progress_ctx *c = user;
    checkpoint(c, p);
    if (!c->show)
        return;
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
            print_usage(stdout);
            return EXIT_OK;
        }
    solve_opts o;
    es_islands is;
    /* Before anything slow (MPI start-up, bounds): an early Ctrl-C still
     * ends in a written result. */
    es_cli_install_signals();
    es_islands_init(&argc, &argv, &is);
    /* Launched by mpirun yet a single island: this build has no MPI */
    if (!is.active) {
        int single = es_cli_one_process("solve", "this evosched was built without MPI (EVOSCHED_MPI=OFF), so the "
                                                 "ranks cannot be islands; rebuild with MPI or run it once");
        if (single != EXIT_OK)
            return single;
    }
    if (!parse_args(argc, argv, &o) || es_islands_topology(o.run.topology, &is.topology) != ES_OK) {
        if (o.file && o.run.topology)
            fprintf(stderr, "evosched solve: unknown topology '%s' (ring, full, random)\n", o.run.topology);
        es_islands_finalize(&is);
        return EXIT_USAGE;
    }
    if (is.active && (strcmp(o.file, "-") == 0 || (o.start && strcmp(o.start, "-") == 0))) { /* all ranks alike */
        if (is.rank == 0)
            fprintf(stderr, "evosched solve: under mpirun, standard input reaches rank 0 only: give the instance "
                            "and --start as files\n");
        es_islands_finalize(&is);
        return EXIT_USAGE;
    }
    if (is.rank != 0)
        o.quiet = 1; /* rank 0 alone speaks and writes */
    es_error err = {0, ""};
    es_registry *reg = NULL;
    es_loaded l;
    memset(&l, 0, sizeof l);
    es_genome start = {NULL, NULL};
    int st = ES_OK, code = es_run_opts_registry(&o.run, &reg);
    if (code == EXIT_OK) {
        st = es_cli_load_for(reg, o.file, o.run.problem, o.run.cfg.algorithm, &l, &err);
        const es_cli_output outputs[] = {{"--json", o.json}, {"--solution", o.solution}, {"--chart", o.chart}};
        if (st == ES_OK && is.rank == 0) /* only rank 0 writes */
            st = es_cli_check_outputs(l.path, outputs, 3, &err);
        /* --solution may replace the start (the result is never worse):
         * that resumes a run; the other outputs would destroy it */
        const es_cli_output others[] = {{"--json", o.json}, {"--chart", o.chart}};
        if (st == ES_OK && is.rank == 0)
            st = es_cli_keep_input(o.start, "the --start file", others, 2, &err);
        if (st == ES_OK && o.start)
            st = es_cli_read_start(&l, o.start, &start, &err);
        if (st != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = es_cli_exit_code(st);
        }
    }
    /* Islands start together or not at all: one that cannot (its file
     * missing on its machine, a plug-in that will not load there) left the
     * others waiting for it at the first migration, forever; one that read
     * another file under the same name crashed them all in MPI when their
     * genomes did not fit. */
    uint64_t print = 0;
    if (code == EXIT_OK && is.active) { /* a pass over the whole file: islands only */
        const char *sel = l.selector ? l.selector : "";
        print = es_hash_bytes(l.src.data, l.src.size, 0);
        print = es_hash_bytes(l.problem->name, strlen(l.problem->name) + 1, print);
        print = es_hash_bytes(sel, strlen(sel) + 1, print);
    }
    int agreed = es_islands_agree(&is, code == EXIT_OK, print);
    if (agreed != ES_OK || code != EXIT_OK) { /* a failed load fails the agreement too: said here for the reader */
        if (agreed == ES_EPARSE && is.rank == 0)
            fprintf(stderr, "evosched: the islands read different instances from %s (the file differs between "
                            "their machines?): islands must solve one instance\n", o.file);
        else if (agreed != ES_EPARSE && code == EXIT_OK && is.rank == 0)
            fprintf(stderr, "evosched: another island could not start (its own message says why)\n");
        es_genome_free(&start);
        es_cli_unload(&l);
        es_registry_destroy(reg);
        es_islands_finalize(&is);
        return code == EXIT_OK ? EXIT_INPUT : code;
    }
    /* Said before the run, not after an hour of it; the outputs it cannot
     * write are dropped (a plug-in need not write solutions or charts). */
    if (o.solution && !l.problem->write_solution && is.rank == 0)
        fprintf(stderr, "evosched: problem '%s' writes no solution file; --solution ignored\n", l.problem->name);
    if (o.chart && !l.problem->write_chart && is.rank == 0)
        fprintf(stderr, "evosched: problem '%s' draws no chart; --chart ignored\n", l.problem->name);
    if (!l.problem->write_solution)
        o.solution = NULL;
    if (!l.problem->write_chart)
        o.chart = NULL;
    es_run_opts_apply_problem(&o.run, l.problem, l.inst);
    es_bounds bounds;
    es_run_opts_bounds(&o.run, &l, &bounds);
    /* Without a budget the search stops only at its target (usually the best
     * bound, which a metaheuristic may never reach) or on Ctrl-C; a script
     * that forgot --time would otherwise wait without knowing why. */
    const es_config *c = &o.run.cfg;
    if (!o.quiet && !es_run_has_budget(c)) {
        if (c->has_target)
            fprintf(stderr, "evosched solve: no budget (--time, --evals, --generations): searching until the "
                            "target %.10g is reached or Ctrl-C\n", c->target);
        else
            fprintf(stderr, "evosched solve: no budget (--time, --evals, --generations): searching until Ctrl-C\n");
    }
    /* the problem's scratch for writing solutions: checkpoints, then results */
    void *scratch = malloc(l.problem->scratch_size(l.inst) + 1);
    progress_ctx pc;
    memset(&pc, 0, sizeof pc);
    pc.bounds = &bounds, pc.sense = l.problem->sense, pc.show = !o.quiet && isatty(STDERR_FILENO);
    if (o.checkpoint > 0 && o.solution && strcmp(o.solution, "-") != 0 && is.rank == 0) {
        pc.path = o.solution, pc.every = o.checkpoint;
        pc.problem = l.problem, pc.inst = l.inst, pc.scratch = scratch;
    }
    if (pc.show || pc.path) {
        o.run.cfg.progress = show_progress;
        o.run.cfg.progress_user = &pc;
    }
    o.run.cfg.stop_flag = &es_cli_interrupted;
    if (o.start) {
        o.run.cfg.initial = &start;
        o.run.cfg.ninitial = 1;
    }
    es_genome_info ginfo;
    l.problem->genome_info(l.inst, &ginfo);
    uint64_t master_seed = o.run.cfg.seed;
    es_islands_configure(&is, &ginfo, &o.run.cfg); /* may give this island its own seed */
    es_solver *solver = NULL;
    es_result res;
    memset(&res, 0, sizeof res);
    st = es_solver_create(reg, l.problem, l.inst, &o.run.cfg, &solver, &err);
    if (st == ES_OK) {
        st = es_solver_run(solver, &res, &err);
        if (pc.show)
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
        if (o.run.mip_seconds > 0 && l.problem->glpk_model && res.evaluations > 0 &&
            es_run_mip_bounds(&l, &res, o.run.mip_seconds, &bounds, NULL, &err) != ES_OK && !o.quiet)
            fprintf(stderr, "evosched: no GLPK bound: %s\n", err.message);
        if (res.evaluations > 0)
            es_run_check_bounds(&bounds, l.problem->sense, res.best_value, o.file);
        o.run.cfg.seed = master_seed; /* reports name the seed the user gave */
        es_bound known;
        int has_known = es_run_best_known(&l, &bounds, &known);
        es_report rep = {l.problem, l.inst, o.file, &res, &bounds, &o.run.cfg, scratch, is.size,
                         is.active ? island_best : NULL, o.run.tuned, has_known ? &known : NULL, o.start};
        if (o.solution && es_cli_write_file(o.solution, write_solution_cb, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (o.chart && es_cli_write_file(o.chart, write_chart_cb, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (o.json && es_cli_write_file(o.json, es_report_json_writer, &rep, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
        if (!o.quiet && !o.piped)
            es_report_summary(stdout, &rep);
        if (code == EXIT_OK) /* interrupted in the search or in --bound's GLPK */
            code = st != ES_OK ? es_cli_exit_code(st)
                   : res.stop == ES_STOP_INTERRUPT || es_cli_interrupted ? EXIT_INTERRUPTED
                                                                         : EXIT_OK;
    }
    es_solver_destroy(solver);
    es_genome_free(&start);
    es_genome_free(&global);
    free(island_best);
    free(scratch);
    es_cli_unload(&l);
    es_registry_destroy(reg);
    es_islands_finalize(&is);
    return code;
}
