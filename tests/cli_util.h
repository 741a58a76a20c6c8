/* Helpers shared by the suites that run the evosched command (test_cli*.c):
 * a scratch folder per test, running the command and reading what it
 * wrote. Each suite's tests start with `TestSuite(cli, .init = make_dir,
 * .fini = remove_dir)`. */
#ifndef ES_CLI_UTIL_H
#define ES_CLI_UTIL_H
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include "test_util.h"

/* The test's scratch folder, and what the last run() printed. */
extern char dir[];
extern char out[1 << 16], err_text[1 << 16];

/* The suites' .init and .fini: a fresh scratch folder per test. */
void make_dir(void);
void remove_dir(void);

void slurp(const char *path, char *buf, size_t size);

/* Runs `evosched ARGS` through the shell; returns the exit code and leaves
 * stdout and stderr in out and err_text. */
int run(const char *fmt, ...);

cJSON *read_json(const char *path);

/* The JSON file dir/name, parsed. */
cJSON *read_json_in(const char *name);

double num(const cJSON *j, const char *key);

const char *str(const cJSON *j, const char *key);

/* Whether the JSON report's bounds list one from source, proven optimal
 * and of the given value (any value when negative). */
int has_bound(const cJSON *j, const char *source, double value);

/* A command line and what it must give: the exit code and, when not NULL,
 * texts that stderr must hold. */
typedef struct cli_case {
    const char *args;
    int code;
    const char *message, *also;
} cli_case;

void expect_cases(const cli_case *c, size_t n);

/* Starts evosched with argv (NULL-terminated, argv[0] the program) in a
 * child process: stdout to /dev/null, stderr to errfile (NULL: /dev/null),
 * and signal `ignored` (0: none) ignored, as a parent that ignores it would
 * leave it. Returns the child's pid. */
pid_t spawn(char *const argv[], const char *errfile, int ignored);

const cJSON *item(const cJSON *j, const char *key);

/* `evosched bench ARGS --out dir/name` run, and its results.json parsed,
 * with its runs (their count asserted) into *runs. */
cJSON *bench_results(const char *args, const char *name, int count, const cJSON **runs);

#endif
