/* `evosched bound`: LP and MIP bounds from the problem's GLPK model, after a
 * short metaheuristic run whose best solution becomes GLPK's incumbent and
 * cut-off, so that GLPK spends its time proving rather than searching. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "json.h"
#include "report.h"
#include "run_options.h"

static const char usage[] =
    "usage: evosched bound FILE[:K] [--time S] [--warm S] [--start SOLUTION] [--json FILE] [--problem NAME]\n"
    "                      [--plugin P.so] [--verbose]\n"
    "  --time S     GLPK's time limit (default 10)\n"
    "  --warm S     seconds of metaheuristic search first, for an incumbent (default 1; 0: none)\n"
    "  --start F    a solution file as the incumbent (the search, if any, starts from it): the bounds\n"
    "               then say how far that solution can be from the optimum\n";

typedef struct bound_report {
    const es_problem *problem;
    const char *instance;
    const es_mip_result *mip;
    int has_warm;
    double warm_value;
    const char *start; /* --start's file, or NULL */
    const es_bounds *bounds; /* GLPK's and the problem's own */
    int has_incumbent;
    double incumbent; /* GLPK's, or else the warm start's */
} bound_report;

static int write_json(FILE *f, void *user)
{
    const bound_report *b = user;
    cJSON *j = cJSON_CreateObject();
    es_json_add_text(j, "version", es_version());
    es_json_add_text(j, "problem", b->problem->name);
    es_json_add_text(j, "instance", b->instance);
    es_json_add_text(j, "status", es_mip_status_name(b->mip->status));
    cJSON_AddItemToObject(j, "lp_bound", es_json_number(b->mip->has_lp_bound, b->mip->lp_bound));
    cJSON_AddItemToObject(j, "mip_bound", es_json_number(b->mip->has_mip_bound, b->mip->mip_bound));
    cJSON_AddItemToObject(j, "incumbent", es_json_number(b->mip->has_incumbent, b->mip->incumbent));
    cJSON_AddItemToObject(j, "warm_start", es_json_number(b->has_warm, b->warm_value));
    es_json_add_text(j, "start", b->start);
    cJSON_AddNumberToObject(j, "rows", b->mip->rows);
    cJSON_AddNumberToObject(j, "columns", b->mip->columns);
    cJSON_AddNumberToObject(j, "seconds", b->mip->seconds);
    if (b->mip->message[0])
        es_json_add_text(j, "message", b->mip->message);
    es_report_add_best_bound_json(j, b->bounds, b->has_incumbent, b->incumbent);
    es_report_add_bounds_json(j, b->bounds);
    return es_json_write(f, j);
}

/* Runs the metaheuristic for `seconds` and keeps its best genome. */
int es_cli_warm_start(const es_registry *reg, const es_loaded *l, double seconds, const es_genome *start,
                      const es_bound *bound, es_genome *best, double *value, es_error *err)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_seconds = seconds;
    cfg.initial = start;
    cfg.ninitial = start != NULL;
    if (seconds <= 0)
        cfg.max_evaluations = 1; /* the start, evaluated */
    cfg.stop_flag = &es_cli_interrupted;
    if (bound) {
        cfg.has_target = 1; /* nothing beats the bound: stop there */
        cfg.target = bound->value;
    }
    if (l->problem->improve) {
        cfg.improvement = "local";
        cfg.improve_rate = 1.0;
        if (l->problem->population_hint > 1)
            cfg.population = l->problem->population_hint;
    }
    es_solver *s;
    es_result r;
    int st = es_solver_create(reg, l->problem, l->inst, &cfg, &s, err);
    if (st == ES_OK)
        st = es_solver_run(s, &r, err);
    if (st == ES_OK) {
        es_genome_info info;
        l->problem->genome_info(l->inst, &info);
        st = es_genome_alloc(&info, best);
        if (st == ES_OK)
            es_genome_copy(&info, best, &r.best);
        *value = r.best_value;
    }
    es_solver_destroy(s);
    return st;
}

/* A value GLPK may not have reached (time limit, interrupt, failure):
 * "none", not a number that would read as one. */
static void print_value(const char *label, int has, double value)
{
    if (has)
        printf("  %s %.10g\n", label, value);
    else
        printf("  %s none (GLPK stopped before it had one)\n", label);
}

int es_cmd_bound(int argc, char **argv)
{
    double seconds = 10, warm = 1;
    const char *file = NULL, *json = NULL, *problem = NULL, *start_file = NULL;
    const char *plugins[16];
    int nplugins = 0, verbose = 0;
    int rest = 0; /* after "--": the file only */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!rest && !strcmp(a, "--")) {
            rest = 1;
            continue;
        }
        if (rest || a[0] != '-' || !a[1]) { /* the instance; "-" is standard input */
            if (file) {
                fprintf(stderr, "evosched bound: one instance file at a time ('%s' and '%s')\n%s", file, a, usage);
                return EXIT_USAGE;
            }
            file = a;
        } else if (!strcmp(a, "--help")) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if ((!strcmp(a, "--time") || !strcmp(a, "--warm")) && v && (strtod(v, &end), *end == 0) &&
                   strtod(v, NULL) >= 0) {
            *(!strcmp(a, "--time") ? &seconds : &warm) = strtod(v, NULL);
            i++;
        } else if (!strcmp(a, "--json") || !strcmp(a, "--problem") || !strcmp(a, "--plugin") ||
                   !strcmp(a, "--start")) {
            if (!es_cli_value("bound", a, v)) {
                fputs(usage, stderr);
                return EXIT_USAGE;
            }
            if (!strcmp(a, "--plugin") && nplugins >= 16) {
                fprintf(stderr, "evosched bound: at most 16 plug-ins\n%s", usage);
                return EXIT_USAGE;
            }
            *(!strcmp(a, "--json")      ? &json
              : !strcmp(a, "--problem") ? &problem
              : !strcmp(a, "--start")   ? &start_file
                                        : &plugins[nplugins++]) = v;
            i++;
        } else if (!strcmp(a, "--verbose"))
            verbose = 1;
        else if (!strcmp(a, "--time") || !strcmp(a, "--warm")) {
            fprintf(stderr, "evosched bound: %s needs seconds (a number >= 0), got '%s'\n", a, v ? v : "nothing");
            return EXIT_USAGE;
        } else {
            fprintf(stderr, "evosched bound: unknown option '%s'\n%s", a, usage);
            return EXIT_USAGE;
        }
    }
    if (!file) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (start_file && !strcmp(start_file, "-") && !strcmp(file, "-")) {
        fprintf(stderr, "evosched bound: the instance and --start cannot both be '-' (standard input)\n");
        return EXIT_USAGE;
    }
    int single = es_cli_one_process("bound", "GLPK's bound is one search; run bound once");
    if (single != EXIT_OK)
        return single;
    es_registry *reg;
    if (es_registry_create(&reg) != ES_OK)
        return EXIT_FAILURE_RUN;
    es_error err = {0, ""};
    for (int i = 0; i < nplugins; i++)
        if (es_registry_load_plugin(reg, plugins[i], &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            es_registry_destroy(reg);
            return EXIT_PLUGIN;
        }
    es_loaded l;
    int st = es_cli_load(reg, file, problem, &l, &err);
    const es_cli_output output = {"--json", json};
    if (st == ES_OK)
        st = es_cli_check_outputs(l.path, &output, 1, &err);
    if (st == ES_OK)
        st = es_cli_keep_input(start_file, "the --start file", &output, 1, &err);
    es_genome start = {NULL, NULL}, best = {NULL, NULL};
    if (st == ES_OK && start_file)
        st = es_cli_read_start(&l, start_file, &start, &err);
    double best_value = NAN;
    int has_warm = 0;
    es_cli_install_signals();
    if (st == ES_OK && !l.problem->glpk_model)
        st = es_fail(&err, ES_ENOTSUP, "problem '%s' has no MIP model", l.problem->name);
    /* GLPK's bounds join the problem's own and the files beside the instance:
     * the report states the best of them all, as solve's does. */
    es_bounds bounds;
    es_bounds_init(&bounds);
    if (st == ES_OK)
        es_run_known_bounds(&l, &bounds);
    if (st == ES_OK && (warm > 0 || start_file) &&
        es_cli_warm_start(reg, &l, warm, start_file ? &start : NULL, bounds.best >= 0 ? &bounds.list[bounds.best] : NULL,
                          &best, &best_value, &err) == ES_OK)
        has_warm = 1;
    es_mip_result mip = {0}; /* read only when es_mip_bound succeeded; zeroed for the analyzers */
    if (st == ES_OK) {
        es_mip_options opt = {seconds, has_warm ? &best : NULL, best_value, verbose, &es_cli_interrupted};
        st = es_mip_bound(l.problem, l.inst, &opt, &mip, &err);
    }
    int has_incumbent = 0;
    double incumbent = 0;
    if (st == ES_OK) {
        es_run_add_mip_bounds(l.problem->sense, &mip, &bounds);
        has_incumbent = mip.has_incumbent || has_warm;
        incumbent = mip.has_incumbent ? mip.incumbent : best_value;
        if (has_incumbent)
            es_run_check_bounds(&bounds, l.problem->sense, incumbent, file);
    }
    int code = es_cli_exit_code(st);
    int human = !(json && strcmp(json, "-") == 0); /* JSON on stdout stays parseable */
    if (st == ES_OK && human) {
        printf("evosched %s: GLPK %s bound, %s\n", es_version(), l.problem->name, file);
        if (mip.status == ES_MIP_TOO_LARGE)
            printf("  no model   %s\n", mip.message);
        else
            printf("  model      %d rows, %d columns, %.2f s\n", mip.rows, mip.columns, mip.seconds);
        if (has_warm) {
            printf("  warm start %.10g from ", best_value);
            if (start_file)
                printf("%s%s", start_file, warm > 0 ? " and " : "");
            if (warm > 0)
                printf("%.1f s of search", warm);
            printf("\n");
        }
        if (mip.status != ES_MIP_TOO_LARGE) {
            print_value("LP bound  ", mip.has_lp_bound, mip.lp_bound);
            print_value("MIP bound ", mip.has_mip_bound, mip.mip_bound);
            print_value("incumbent ", mip.has_incumbent, mip.incumbent);
            printf("  status     %s\n", es_mip_status_name(mip.status));
            if (mip.message[0])
                printf("  note       %s\n", mip.message);
        }
        /* the best of all bounds, and the incumbent's gap to it */
        es_report_bound_line(stdout, bounds.best >= 0 ? &bounds.list[bounds.best] : NULL,
                             has_incumbent ? incumbent : NAN);
    }
    if (st == ES_OK) {
        bound_report b = {l.problem, file, &mip, has_warm, best_value, start_file, &bounds, has_incumbent, incumbent};
        if (json && es_cli_write_file(json, write_json, &b, &err) != ES_OK) {
            fprintf(stderr, "evosched: %s\n", err.message);
            code = EXIT_OUTPUT;
        }
    } else
        fprintf(stderr, "evosched bound: %s\n", err.message[0] ? err.message : es_strerror(st));
    if (code == EXIT_OK && es_cli_interrupted)
        code = EXIT_INTERRUPTED; /* the bounds were written, from a shortened run */
    es_genome_free(&best);
    es_genome_free(&start);
    es_cli_unload(&l);
    es_registry_destroy(reg);
    return code;
}
