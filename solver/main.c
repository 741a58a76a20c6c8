/* Entry point of the evosched command: dispatches to the subcommands. */
#include <string.h>
#include "cli.h"

static const char help[] =
    "evosched: metaheuristic solver for scheduling problems, with optimality-gap reports\n"
    "\n"
    "usage: evosched COMMAND [options]\n"
    "  solve FILE[:K]        search for a good solution and report its gap to the best bound\n"
    "  check FILE SOLUTION   verify a solution file independently of the solver\n"
    "  bound FILE[:K]        LP and MIP bounds from the problem's GLPK model\n"
    "  bench INPUT...        run sets of instances over seeds; report.md, results.csv/json and plots\n"
    "  generate PROBLEM ...  write a random instance (e.g. generate tardiness --n 50 --tf 0.6 --rdd 0.4)\n"
    "  list                  list problems and operators\n"
    "  --help, --version\n"
    "\n"
    "'evosched COMMAND --help' describes a command's options; docs/cli.md the exit codes.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(help, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(help, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("evosched %s\n", es_version());
        return EXIT_OK;
    }
    if (strcmp(cmd, "solve") == 0)
        return es_cmd_solve(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return es_cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "list") == 0)
        return es_cmd_list(argc - 1, argv + 1);
    if (strcmp(cmd, "bound") == 0)
        return es_cmd_bound(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return es_cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "generate") == 0)
        return es_cmd_generate(argc - 1, argv + 1);
    fprintf(stderr, "evosched: unknown command '%s'\n\n%s", cmd, help);
    return EXIT_USAGE;
}
