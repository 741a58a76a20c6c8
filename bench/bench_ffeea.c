/* Ablation of the FFEEA operators: plain GA, + adaptive crossover,
 * + fuzzy fitness surrogate, and both, at an equal budget of real evaluations
 * and at an equal wall time, over 10 seeds, on any instances.
 *
 *   (the options: `usage` below, or --help)
 *
 * Prints per instance and mode: mean and best objective, gap of the mean to
 * the best bound, real and estimated evaluations. Local search is off: this
 * measures the operators themselves. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"

typedef struct variant {
    const char *name;
    int adaptive, surrogate;
} variant;

static const char usage[] = "usage: bench_ffeea [--evals N] [--time S] [--seeds K] [--policy NAME] [--similarity NAME] "
                            "[--threads N] FILE[:K]...\n";

int main(int argc, char **argv)
{
    long long evals = 3000;
    double seconds = 2;
    int seeds = 10, threads = 2;
    const char *policy = "fitness", *similarity = NULL;
    const bench_option opts[] = {{"--evals", BENCH_LONG, &evals, 1, 9e18},
                                 {"--time", BENCH_REAL, &seconds, 0.001, 1e9},
                                 {"--seeds", BENCH_INT, &seeds, 1, 1e6},
                                 {"--policy", BENCH_TEXT, &policy, 0, 0},
                                 {"--similarity", BENCH_TEXT, &similarity, 0, 0},
                                 {"--threads", BENCH_INT, &threads, 1, 1024},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    const char **inputs = malloc((size_t)argc * sizeof *inputs);
    int ninputs = bench_options(argc, argv, usage, opts, 1, -1, inputs);
    es_registry *reg;
    es_registry_create(&reg);
    printf("| instance | mode | variant | mean | best | gap of mean to bound (%%) | real evals | estimated | "
           "seconds |\n|---|---|---|---|---|---|---|---|---|\n");
    for (int i = 0; i < ninputs; i++) {
        char path[4096];
        bench_instance b;
        bench_load_detect(reg, inputs[i], NULL, path, sizeof path, &b);
        const es_problem *p = b.problem;
        es_bound bound = {0, 0, ""};
        int has_bound = bench_best_bound(&b, path, &bound);
        variant vs[4] = {{"plain GA", 0, 0}, {"+ adaptive crossover", 1, 0}, {"+ surrogate", 0, 1}, {"both", 1, 1}};
        for (int mode = 0; mode < 2; mode++)
            for (int v = 0; v < 4; v++) {
                double sum = 0, best = p->sense == ES_MINIMIZE ? INFINITY : -INFINITY, secs = 0;
                long long real = 0, est = 0;
                for (int seed = 1; seed <= seeds; seed++) {
                    es_config cfg;
                    es_config_init(&cfg);
                    cfg.seed = (uint64_t)seed;
                    cfg.threads = threads;
                    if (mode == 0)
                        cfg.max_evaluations = evals;
                    else
                        cfg.max_seconds = seconds;
                    cfg.crossover_rate_policy = vs[v].adaptive ? policy : "fixed";
                    if (vs[v].surrogate)
                        cfg.surrogate = "ffem";
                    cfg.similarity = similarity;
                    double t0 = bench_now();
                    es_result r = bench_solve(reg, &b, &cfg);
                    secs += bench_now() - t0;
                    sum += r.best_value;
                    best = p->sense == ES_MINIMIZE ? fmin(best, r.best_value) : fmax(best, r.best_value);
                    real += r.evaluations;
                    est += r.estimated;
                }
                double mean = sum / seeds;
                char gap[32] = "n/a";
                if (has_bound && bound.value != 0)
                    snprintf(gap, sizeof gap, "%.2f", 100.0 * fabs(mean - bound.value) / fabs(bound.value));
                printf("| %s | %s | %s | %.1f | %.0f | %s | %lld | %lld | %.2f |\n", inputs[i],
                       mode == 0 ? "equal evaluations" : "equal time", vs[v].name, mean, best, gap, real / seeds,
                       est / seeds, secs / seeds);
                fflush(stdout);
            }
        bench_unload(&b);
    }
    es_registry_destroy(reg);
    free(inputs);
    return 0;
}
