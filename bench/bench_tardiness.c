/* OR-Library weighted tardiness: does evosched reach every optimum, and how
 * fast? Also the quality of the Lagrangian bound and of the dispatching rules.
 *
 *   (the options: `usage` below, or --help)
 *
 * DIR defaults to ../shared/instances/orlib-wt. For each instance the run
 * stops at the known optimum (wtopt*.txt, wtbest100b.txt) or at --time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"
#include "problems/tardiness/tardiness.h"

static const char usage[] = "usage: bench_tardiness [DIR] [--sets wt40,wt50,wt100] [--time S] [--threads N] [--population N]\n"
                            "                       [--seed S] [--every K] [--policy NAME] [--no-bound]\n";

int main(int argc, char **argv)
{
    const char *dir = "../shared/instances/orlib-wt", *sets = "wt40,wt50,wt100";
    double limit = 10;
    int threads = 1, population = 10, every = 1, no_bound = 0;
    const char *policy = NULL;
    long long seed = 1;
    const bench_option opts[] = {{"--sets", BENCH_TEXT, &sets, 0, 0},
                                 {"--time", BENCH_REAL, &limit, 0.001, 1e9},
                                 {"--threads", BENCH_INT, &threads, 1, 1024},
                                 {"--population", BENCH_INT, &population, 2, 1e6},
                                 {"--seed", BENCH_LONG, &seed, 0, 9e18},
                                 {"--every", BENCH_INT, &every, 1, 1e6},
                                 {"--policy", BENCH_TEXT, &policy, 0, 0},
                                 {"--no-bound", BENCH_FLAG, &no_bound, 0, 0},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    const char *input = NULL;
    if (bench_options(argc, argv, usage, opts, 0, 1, &input))
        dir = input;
    int bounds = !no_bound;
    es_registry *reg;
    es_registry_create(&reg);
    printf("evosched %s: memetic GA (dynasearch), population %d, %d thread(s), seed %lld, limit %.1f s/instance\n\n",
           es_version(), population, threads, seed, limit);
    printf("| set | instances | optimum reached | mean time to optimum (s) | max time (s) | mean evaluations | "
           "Lagrangian / optimum (sum) | Lagrangian = optimum | LR mean time (s) | best rule mean dev. (%%) |\n");
    printf("|---|---|---|---|---|---|---|---|---|---|\n");
    char *list = strdup(sets);
    for (char *set = strtok(list, ","); set; set = strtok(NULL, ",")) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.txt", dir, set);
        int hits = 0, count = 0;
        double tsum = 0, tmax = 0, esum = 0, lagsum = 0, optsum = 0, lrtime = 0, rule_dev = 0;
        int rule_n = 0, lag_tight = 0;
        for (int k = 1; k <= 125; k += every) {
            char sel[16];
            snprintf(sel, sizeof sel, "%d", k);
            bench_instance b;
            bench_load(reg, "tardiness", path, sel, &b);
            es_bound opt;
            es_error err = {0, ""};
            if (b.problem->reference_bound(b.inst, path, &opt, &err) != ES_OK) {
                fprintf(stderr, "bench_tardiness: no optimum file for %s\n", path);
                bench_unload(&b);
                free(list);
                es_registry_destroy(reg);
                return 3;
            }
            es_config cfg;
            es_config_init(&cfg);
            cfg.seed = (uint64_t)seed;
            cfg.threads = threads;
            cfg.population = population;
            cfg.improvement = "local";
            cfg.improve_rate = 1.0;
            cfg.max_seconds = limit;
            if (policy)
                cfg.crossover_rate_policy = policy;
            cfg.has_target = 1;
            cfg.target = opt.value;
            es_result r = bench_solve(reg, &b, &cfg);
            count++;
            if (r.best_value <= opt.value) {
                hits++;
                tsum += r.seconds_to_best;
                if (r.seconds_to_best > tmax)
                    tmax = r.seconds_to_best;
                esum += (double)r.evaluations_to_best;
            } else
                fprintf(stderr, "%s:%d: %.0f, optimum %.0f\n", path, k, r.best_value, opt.value);
            const tardiness *t = tard_of(b.inst);
            double t0 = bench_now();
            int64_t lag = bounds ? tard_lagrangian_bound(t, TARD_LR_ITERATIONS, (int64_t)opt.value) : 0;
            lrtime += bench_now() - t0;
            lagsum += (double)lag;
            lag_tight += bounds && (double)lag >= opt.value; /* the bound alone proves the optimum */
            optsum += opt.value;
            if (opt.value > 0) {
                int *seq = malloc((size_t)t->n * sizeof *seq);
                int64_t best = INT64_MAX;
                for (int rule = 0; rule < TARD_RULES; rule++) {
                    const char *name;
                    tard_rule(t, rule, seq, &name);
                    int64_t c = tard_sequence_cost(t, seq);
                    if (c < best)
                        best = c;
                }
                rule_dev += 100.0 * ((double)best - opt.value) / opt.value;
                rule_n++;
                free(seq);
            }
            bench_unload(&b);
        }
        printf("| %s | %d | %d | %.4f | %.4f | %.0f | %.4f | %d | %.3f | %.2f |\n", set, count, hits,
               hits ? tsum / hits : NAN, tmax, hits ? esum / hits : NAN, lagsum / optsum, lag_tight, lrtime / count,
               rule_n ? rule_dev / rule_n : 0.0);
        fflush(stdout);
    }
    free(list);
    es_registry_destroy(reg);
    return 0;
}
