/* The small subcommands: check, list, generate. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "report.h"
#include "run_options.h"

static int load_plugins(es_registry *reg, int *argc, char **argv)
{
    /* Removes "--plugin PATH" pairs from argv, loading each; after "--"
     * everything is a file, --plugin included. */
    int w = 1, rest = 0;
    es_error err = {0, ""};
    for (int i = 1; i < *argc; i++) {
        rest = rest || strcmp(argv[i], "--") == 0;
        if (!rest && strcmp(argv[i], "--plugin") == 0) {
            if (!es_cli_value(argv[0], "--plugin", i + 1 < *argc ? argv[i + 1] : NULL))
                return EXIT_USAGE;
            if (es_registry_load_plugin(reg, argv[++i], &err) != ES_OK) {
                fprintf(stderr, "evosched: %s\n", err.message);
                return EXIT_PLUGIN;
            }
        } else
            argv[w++] = argv[i];
    }
    *argc = w;
    return EXIT_OK;
}

int es_cmd_check(int argc, char **argv)
{
    static const char usage[] = "usage: evosched check FILE[:K] SOLUTION [--problem NAME] [--plugin PATH.so]\n"
                                "Re-verifies every constraint and the stated objective of SOLUTION.\n";
    es_registry *reg;
    if (es_registry_create(&reg) != ES_OK)
        return EXIT_FAILURE_RUN;
    int code = load_plugins(reg, &argc, argv);
    const char *files[2] = {NULL, NULL}, *problem = NULL;
    int nfiles = 0, rest = 0; /* after "--": files only */
    for (int i = 1; i < argc && code == EXIT_OK; i++) {
        int option = !rest && argv[i][0] == '-' && argv[i][1]; /* "-" alone is a file: stdin */
        if (option && strcmp(argv[i], "--") == 0)
            rest = 1;
        else if (option && strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            es_registry_destroy(reg);
            return EXIT_OK;
        } else if (option && strcmp(argv[i], "--problem") == 0) {
            if ((problem = es_cli_value("check", argv[i], i + 1 < argc ? argv[i + 1] : NULL)))
                i++;
            else {
                fputs(usage, stderr);
                code = EXIT_USAGE;
            }
        } else if (option) {
            fprintf(stderr, "evosched check: unknown option '%s'\n%s", argv[i], usage);
            code = EXIT_USAGE;
        } else if (nfiles < 2)
            files[nfiles++] = argv[i];
        else {
            fprintf(stderr, "evosched check: one instance and one solution file, not a third ('%s')\n%s", argv[i],
                    usage);
            code = EXIT_USAGE;
        }
    }
    if (code == EXIT_OK && nfiles != 2) {
        fputs(usage, stderr);
        code = EXIT_USAGE;
    }
    if (code != EXIT_OK) {
        es_registry_destroy(reg);
        return code;
    }
    es_error err = {0, ""};
    es_loaded l;
    es_source sol = {0};
    int st = es_cli_load(reg, files[0], problem, &l, &err);
    if (st == ES_OK && !l.problem->check)
        st = es_fail(&err, ES_ENOTSUP, "problem '%s' has no solution checker", l.problem->name);
    if (st == ES_OK)
        st = es_source_read(files[1], &sol, &err);
    double value = 0;
    if (st == ES_OK)
        st = l.problem->check(l.inst, &sol, &value, &err);
    if (st == ES_OK) {
        printf("%s: feasible, objective %.10g\n", files[1], value);
        /* the gap a report states, here for a solution made anywhere */
        es_bounds b;
        es_run_known_bounds(&l, &b);
        es_run_check_bounds(&b, l.problem->sense, value, files[0]);
        es_report_bound_line(stdout, b.best >= 0 ? &b.list[b.best] : NULL, value);
    } else
        fprintf(stderr, "evosched check: %s\n", err.message[0] ? err.message : es_strerror(st));
    es_source_free(&sol);
    es_cli_unload(&l);
    es_registry_destroy(reg);
    return es_cli_exit_code(st);
}

/* Which genomes an operator runs on, for `list`: the engine refuses the
 * others, so a user should see it before choosing. Indexed by the three
 * ES_OPF_ flags; none or all of them: any genome. */
static const char *genomes_of(unsigned flags)
{
    static const char *const names[8] = {"",
                                         " [permutations]",
                                         " [random keys]",
                                         " [permutations, random keys]",
                                         " [activity lists]",
                                         " [permutations, activity lists]",
                                         " [activity lists, random keys]",
                                         ""};
    return names[flags & (ES_OPF_PERMUTATION | ES_OPF_RANDOM_KEYS | ES_OPF_PRECEDENCE)];
}

static const char list_usage[] = "usage: evosched list [--plugin PATH.so]\n";
static const char generate_usage[] = "usage: evosched generate PROBLEM [options] [--output FILE]\n";

int es_cmd_list(int argc, char **argv)
{
    es_registry *reg;
    if (es_registry_create(&reg) != ES_OK)
        return EXIT_FAILURE_RUN;
    int code = load_plugins(reg, &argc, argv);
    if (code == EXIT_OK && argc == 2 && strcmp(argv[1], "--help") == 0) {
        printf("%sLists the problems and operators, built in and from plug-ins.\n", list_usage);
        es_registry_destroy(reg);
        return EXIT_OK;
    }
    if (code == EXIT_OK && argc > 1) {
        fputs(list_usage, stderr);
        code = EXIT_USAGE;
    }
    if (code == EXIT_OK) {
        printf("problems:\n");
        for (int i = 0; i < es_registry_problem_count(reg); i++) {
            const es_problem *p = es_registry_problem_at(reg, i);
            printf("  %-12s %s\n", p->name, p->summary ? p->summary : "");
            if (p->crossover && p->crossover_name)
                printf("  %-12s its own crossover: --crossover %s\n", "", p->crossover_name);
        }
        for (int k = ES_OP_SELECTION; k <= ES_OP_CONSTRUCTION; k++) {
            int any = 0;
            for (int i = 0; i < es_registry_operator_count(reg); i++) {
                const es_operator *op = es_registry_operator_at(reg, i);
                if ((int)op->kind != k)
                    continue;
                if (!any)
                    printf("%s operators:\n", es_operator_kind_name(op->kind));
                any = 1;
                printf("  %-12s %s%s\n", op->name, op->summary ? op->summary : "", genomes_of(op->flags));
            }
            if (k == ES_OP_CROSSOVER && any)
                printf("  %-12s the crossovers above that fit the genome compete; the more successful run more often\n",
                       "adaptive");
        }
    }
    es_registry_destroy(reg);
    return code;
}

/* The problems that can write an instance: naming every problem would
 * offer some that cannot. */
static void print_generators(FILE *f, const es_registry *reg)
{
    fputs("problems with a generator:", f);
    for (int i = 0, n = es_registry_problem_count(reg); i < n; i++)
        if (es_registry_problem_at(reg, i)->generate)
            fprintf(f, " %s", es_registry_problem_at(reg, i)->name);
    fputs(" ('evosched generate PROBLEM --help' gives its options)\n", f);
}

struct generate_call {
    const es_problem *problem;
    int argc;
    char **argv;
    int status;
    es_error err;
};

static int generate_into(FILE *f, void *user)
{
    struct generate_call *c = user;
    return c->status = c->problem->generate(c->argc, c->argv, f, &c->err);
}

int es_cmd_generate(int argc, char **argv)
{
    es_registry *reg;
    if (es_registry_create(&reg) != ES_OK)
        return EXIT_FAILURE_RUN;
    int code = load_plugins(reg, &argc, argv);
    const char *output = NULL;
    int w = 1;
    for (int i = 1; i < argc && code == EXIT_OK; i++) {
        if (strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "-o") == 0) {
            if ((output = es_cli_value("generate", argv[i], i + 1 < argc ? argv[i + 1] : NULL)))
                i++;
            else
                code = EXIT_USAGE;
        } else
            argv[w++] = argv[i];
    }
    argc = w;
    if (code == EXIT_OK && argc == 2 && strcmp(argv[1], "--help") == 0) {
        fputs(generate_usage, stdout);
        print_generators(stdout, reg);
        es_registry_destroy(reg);
        return EXIT_OK;
    }
    if (code == EXIT_OK && argc < 2) {
        fputs(generate_usage, stderr);
        print_generators(stderr, reg);
        code = EXIT_USAGE;
    }
    const es_problem *p = NULL;
    es_error err = {0, ""};
    if (code == EXIT_OK && es_registry_find_problem(reg, argv[1], &p, &err) != ES_OK)
        p = NULL;
    if (code == EXIT_OK && (!p || !p->generate)) {
        fprintf(stderr, "evosched generate: %s '%s'\n", p ? "no generator for" : "unknown problem", argv[1]);
        print_generators(stderr, reg);
        code = EXIT_USAGE;
    }
    for (int i = 2; code == EXIT_OK && i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            /* A generator states its options when it is given none: show
             * that usage (never writing an instance). */
            char *text = NULL;
            size_t size = 0;
            FILE *none = open_memstream(&text, &size);
            es_error usage = {0, ""};
            if (none) {
                p->generate(1, argv + 1, none, &usage);
                fclose(none);
            }
            free(text);
            const char *from = strstr(usage.message, "usage:");
            printf("%s\n", from ? from : usage.message);
            es_registry_destroy(reg);
            return EXIT_OK;
        }
    if (code == EXIT_OK) {
        struct generate_call call = {p, argc - 1, argv + 1, ES_OK, {0, ""}};
        if (es_cli_write_file(output ? output : "-", generate_into, &call, &err) != ES_OK) {
            /* The generator's own message (a bad option) before the write's. */
            fprintf(stderr, "evosched: %s\n", call.status != ES_OK ? call.err.message : err.message);
            code = call.status != ES_OK ? es_cli_exit_code(call.status) : EXIT_OUTPUT;
        }
    }
    es_registry_destroy(reg);
    return code;
}
