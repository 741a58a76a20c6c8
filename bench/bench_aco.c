/* GA alone, ant colony alone and the hybrid, at the same budget, on any
 * instances (wt100, PSPLIB, satellite), over several seeds; the problems'
 * local search is on for all three, as the ant colony literature does.
 *
 *   (the options: `usage` below, or --help)
 *
 * Per algorithm: mean value, optimum/best-bound hits, mean time to the best. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"

static const char usage[] = "usage: bench_aco [--evals N | --time S] [--seeds K] [--threads N] FILE[:K]...\n";

int main(int argc, char **argv)
{
    long long evals = 5000;
    double seconds = 0;
    int seeds = 10, threads = 2, files = 0;
    const bench_option opts[] = {{"--evals", BENCH_LONG, &evals, 1, 9e18},
                                 {"--time", BENCH_REAL, &seconds, 0, 1e9},
                                 {"--seeds", BENCH_INT, &seeds, 1, 1e6},
                                 {"--threads", BENCH_INT, &threads, 1, 1024},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    const char **inputs = malloc((size_t)argc * sizeof *inputs);
    int ninputs = bench_options(argc, argv, usage, opts, 1, -1, inputs);
    const char *algos[] = {"ga", "aco", "hybrid"};
    double sum[3] = {0}, hits[3] = {0}, tbest[3] = {0}, dev[3] = {0};
    int runs = 0;
    es_registry *reg;
    es_registry_create(&reg);
    for (int a = 0; a < ninputs; a++) {
        char path[4096];
        bench_instance b;
        bench_load_detect(reg, inputs[a], "aco", path, sizeof path, &b);
        const es_problem *p = b.problem;
        es_bound lb = {0, 0, ""};
        int has = bench_best_bound(&b, path, &lb);
        files++;
        for (int seed = 1; seed <= seeds; seed++, runs++)
            for (int k = 0; k < 3; k++) {
                es_config cfg;
                es_config_init(&cfg);
                cfg.seed = (uint64_t)seed;
                cfg.threads = threads;
                cfg.algorithm = algos[k];
                if (seconds > 0)
                    cfg.max_seconds = seconds;
                else
                    cfg.max_evaluations = evals;
                if (p->improve) {
                    cfg.improvement = "local";
                    cfg.improve_rate = 1.0;
                    cfg.population = p->population_hint;
                }
                if (has) {
                    cfg.has_target = 1;
                    cfg.target = lb.value;
                }
                es_result r = bench_solve(reg, &b, &cfg);
                sum[k] += r.best_value;
                int hit = has && fabs(r.best_value - lb.value) < 1e-9;
                hits[k] += hit;
                tbest[k] += r.seconds_to_best;
                if (has && lb.value != 0)
                    dev[k] += 100.0 * fabs(r.best_value - lb.value) / fabs(lb.value);
            }
        bench_unload(&b);
    }
    printf("%d instance(s) x %d seeds, budget %s, %d threads\n\n", files, seeds,
           seconds > 0 ? "time" : "evaluations", threads);
    printf("| algorithm | mean value | runs at the best bound | mean deviation from the best bound (%%) | mean time "
           "to best (s) |\n|---|---|---|---|---|\n");
    for (int k = 0; k < 3; k++)
        printf("| %s | %.2f | %.0f / %d | %.3f | %.3f |\n", algos[k], sum[k] / runs, hits[k], runs, dev[k] / runs,
               tbest[k] / runs);
    es_registry_destroy(reg);
    free(inputs);
    return 0;
}
