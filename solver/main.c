/* Entry point of the evosched command: dispatches to the subcommands. */
#include <errno.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <evosched/mip.h>
#include "cli.h"
#include "islands.h"

static const char help[] =
    "evosched: metaheuristic solver for scheduling problems, with optimality-gap reports\n"
    "\n"
    "usage: evosched COMMAND [options]\n"
    "  solve FILE[:K]        search for a good solution and report its gap to the best bound\n"
    "  check FILE SOLUTION   verify a solution file independently of the solver\n"
    "  bound FILE[:K]        LP and MIP bounds from the problem's GLPK model\n"
    "  bench INPUT...        run sets of instances over seeds; report.md, results.csv/json and plots\n"
    "  compare A B           whether two benches differ beyond their seeds' noise\n"
    "  generate PROBLEM ...  write a random instance (e.g. generate tardiness --n 50 --tf 0.6 --rdd 0.4)\n"
    "  list                  list problems and operators\n"
    "  --help, --version\n"
    "\n"
    "'evosched COMMAND --help' (or 'evosched help COMMAND') describes a command's options;\n"
    "docs/cli.md the exit codes.\n";

/* The first line alone is the version; the rest is what a bug report needs
 * to know of the build: the plug-in tables it loads and the libraries it
 * runs. */
static void print_version(void)
{
    char mpi[128];
    es_islands_library(mpi, sizeof mpi);
    printf("evosched %s\n", es_version());
    printf("  plug-in API  problem tables 1 to %d, operator tables %d, plug-in tables %d\n", ES_PROBLEM_API_VERSION,
           ES_OPERATOR_API_VERSION, ES_PLUGIN_API_VERSION);
    printf("  GLPK         %s\n", es_mip_solver_version());
    printf("  cJSON        %s\n", cJSON_Version());
#ifdef _OPENMP
    /* _OPENMP is the date of the specification the compiler implements */
    static const struct {
        int date;
        const char *name;
    } specs[] = {{201307, "4.0"}, {201511, "4.5"}, {201811, "5.0"}, {202011, "5.1"}, {202111, "5.2"}};
    const char *spec = NULL;
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        if (specs[i].date == _OPENMP)
            spec = specs[i].name;
    printf("  OpenMP       %s%s(%d)\n", spec ? spec : "", spec ? " " : "", _OPENMP);
#else
    printf("  OpenMP       none (one thread)\n");
#endif
    printf("  MPI          %s\n", mpi);
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"solve", es_cmd_solve}, {"check", es_cmd_check}, {"list", es_cmd_list},
    {"bound", es_cmd_bound}, {"bench", es_cmd_bench}, {"compare", es_cmd_compare}, {"generate", es_cmd_generate},
};

/* What a command printed on stdout (a summary, a table, a generated
 * instance) is part of its result: when it could not be written (a full
 * disk, `> /dev/full`) the command fails, as coreutils' do, instead of
 * exiting 0 with the output lost. */
static int close_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno ? errno : EIO;
        fprintf(stderr, "evosched: standard output: write error: %s\n", strerror(e));
        if (code == EXIT_OK || code == EXIT_INTERRUPTED)
            code = EXIT_OUTPUT;
    }
    return code;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    int sub_argc = argc - 1;
    char **sub_argv = argv + 1;
    char help_opt[] = "--help";
    char *help_argv[] = {NULL, help_opt, NULL};
    if (strcmp(cmd, "help") == 0 && argc > 2) { /* help COMMAND: that command's --help */
        cmd = help_argv[0] = argv[2];
        sub_argc = 2, sub_argv = help_argv;
    } else if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(help, stdout);
        return close_stdout(EXIT_OK);
    }
    if (strcmp(cmd, "--version") == 0) {
        print_version();
        return close_stdout(EXIT_OK);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return close_stdout(commands[i].run(sub_argc, sub_argv));
    fprintf(stderr, "evosched: unknown command '%s'\n\n%s", cmd, help);
    return EXIT_USAGE;
}
