/* Helpers shared by the benchmark programs. */
#ifndef ES_BENCH_COMMON_H
#define ES_BENCH_COMMON_H
#include <evosched/evosched.h>
#include <evosched/text.h>

double bench_now(void);

/* Loads FILE[:K] as problem `name`; exits with a message on failure. */
typedef struct bench_instance {
    es_source src;
    const es_problem *problem;
    es_instance *inst;
} bench_instance;
void bench_load(const es_registry *reg, const char *name, const char *path, const char *selector,
                bench_instance *out);
void bench_unload(bench_instance *b);

/* Loads FILE or FILE:K, detecting the problem for `algorithm` as `evosched
 * solve --algorithm` does (es_registry_detect_for; NULL: the genetic
 * search); keeps the path (without :K) in path[size] for bound files beside
 * it. */
void bench_load_detect(const es_registry *reg, const char *arg, const char *algorithm, char *path, size_t size,
                       bench_instance *out);

/* One command-line option of a benchmark program. `value` points to an int
 * (BENCH_INT, and BENCH_FLAG, which sets it to 1), a long long (BENCH_LONG),
 * a double (BENCH_REAL) or a const char * (BENCH_TEXT); numbers must lie in
 * [min, max]. A table of them ends with a NULL name. */
typedef enum bench_kind { BENCH_INT, BENCH_LONG, BENCH_REAL, BENCH_TEXT, BENCH_FLAG } bench_kind;
typedef struct bench_option {
    const char *name;
    bench_kind kind;
    void *value;
    double min, max;
} bench_option;

/* Reads argv the way evosched's own commands do, so that a typing error is
 * not measured as if it were a setting: options may stand anywhere, every
 * other argument (and all after "--") is stored in args in order (room for
 * max_args pointers into argv, or argc when max_args is -1), and the count
 * is returned. --help or -h prints `usage` and exits 0. An unknown option, a
 * missing value (or an option standing where the value should be), a number
 * that is malformed or out of its range, or fewer than min_args or more than
 * max_args (-1: no limit) other arguments print the reason and the usage on
 * stderr and exit 2. */
int bench_options(int argc, char **argv, const char *usage, const bench_option *opts, int min_args,
                  int max_args, const char **args);

/* Prints "PROGRAM: reason" and the usage on stderr and exits 2. */
void bench_usage_error(const char *argv0, const char *usage, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

/* The best bound known for b, read beside path (FILE without :K): the
 * problem's own bound or its reference file's, whichever is tighter. Returns
 * 0 when there is neither. */
int bench_best_bound(const bench_instance *b, const char *path, es_bound *out);

/* Runs the solver once; exits on error. The best genome is not kept. */
es_result bench_solve(const es_registry *reg, const bench_instance *b, const es_config *cfg);
#endif
