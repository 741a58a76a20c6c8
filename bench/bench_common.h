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

/* Loads FILE or FILE:K, detecting the problem; keeps the path (without :K)
 * in path[size] for bound files beside it. */
void bench_load_detect(const es_registry *reg, const char *arg, char *path, size_t size, bench_instance *out);

/* If argv[*i] is `name` followed by a value, stores the value in *out,
 * steps *i past it and returns 1. */
int bench_flag(int argc, char **argv, int *i, const char *name, double *out);

/* Runs the solver once; exits on error. The best genome is not kept. */
es_result bench_solve(const es_registry *reg, const bench_instance *b, const es_config *cfg);
#endif
