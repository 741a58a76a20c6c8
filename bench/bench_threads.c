/* Evaluations per second with 1 and 2 threads on a real instance, and the
 * check that both runs give the same result.
 *
 *   bench_threads [FILE:K] [--evals N]
 *   (a tardiness instance, default ../shared/instances/orlib-wt/wt100.txt:1;
 *   200,000 evaluations)
 *
 * Two workloads: the plain GA (evaluations are ~100 ns, so the batch
 * overhead shows) and the memetic GA (every child gets dynasearch, the
 * configuration evosched uses for tardiness by default). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"

int main(int argc, char **argv)
{
    static const char usage[] = "usage: bench_threads [FILE:K] [--evals N]\n";
    const char *arg = "../shared/instances/orlib-wt/wt100.txt:1";
    long long evals = 200000;
    const bench_option opts[] = {{"--evals", BENCH_LONG, &evals, 20, 9e18}, {NULL, BENCH_FLAG, NULL, 0, 0}};
    bench_options(argc, argv, usage, opts, 0, 1, &arg);
    char path[4096];
    snprintf(path, sizeof path, "%s", arg);
    char *colon = strrchr(path, ':');
    const char *sel = NULL;
    if (colon) {
        *colon = 0;
        sel = colon + 1;
    }
    es_registry *reg;
    es_registry_create(&reg);
    bench_instance b;
    bench_load(reg, "tardiness", path, sel, &b);
    printf("instance %s, budget %lld evaluations, seed 1\n\n", arg, evals);
    printf("| workload | threads | seconds | evaluations/s | best | speed-up |\n");
    printf("|----------|---------|---------|---------------|------|----------|\n");
    for (int memetic = 0; memetic <= 1; memetic++) {
        double rate1 = 0, best1 = 0;
        for (int threads = 1; threads <= 2; threads++) {
            es_config cfg;
            es_config_init(&cfg);
            cfg.threads = threads;
            cfg.max_evaluations = memetic ? evals / 20 : evals;
            cfg.population = 100;
            if (memetic) {
                cfg.improvement = "local";
                cfg.improve_rate = 1.0;
            }
            double t0 = bench_now();
            es_result r = bench_solve(reg, &b, &cfg);
            double dt = bench_now() - t0;
            double rate = (double)r.evaluations / dt;
            if (threads == 1) {
                rate1 = rate;
                best1 = r.best_value;
            }
            printf("| %s | %d | %.3f | %.0f | %.0f | %.2f%s |\n", memetic ? "GA + dynasearch" : "plain GA", threads, dt,
                   rate, r.best_value, rate / rate1, threads > 1 && r.best_value != best1 ? " (RESULT DIFFERS)" : "");
        }
    }
    bench_unload(&b);
    es_registry_destroy(reg);
    return 0;
}
