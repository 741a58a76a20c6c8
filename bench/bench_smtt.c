/* SMTT (or SMTWT with --weighted) on Potts-Van Wassenhove instances: mean
 * gap of each dispatching rule and of evosched (memetic GA, a time limit per
 * instance) to the best bound (exact DP for n <= 20, else the Lagrangian
 * bound, computed after the run with its result as the subgradient's
 * target), over the 20 classes TF 0.2..0.8 x RDD 0.2..1.0, with the time at
 * which the run found its best value; and the speed of move evaluation by
 * delta (dynasearch) against full re-evaluation.
 *
 *   (the options: `usage` below, or --help) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"
#include "problems/tardiness/tardiness.h"

static double gap(double v, double b) { return b > 0 ? 100.0 * (v - b) / b : (v > 0 ? NAN : 0.0); }

static const char usage[] = "usage: bench_smtt [--n N] [--per-class K] [--time S] [--lr-iterations I] [--weighted]\n";

int main(int argc, char **argv)
{
    int n = 100, per = 3, lr_its = TARD_LR_ITERATIONS, weighted = 0;
    double seconds = 1;
    const bench_option opts[] = {{"--n", BENCH_INT, &n, 1, 50000},
                                 {"--per-class", BENCH_INT, &per, 1, 1e6},
                                 {"--time", BENCH_REAL, &seconds, 0.001, 1e9},
                                 {"--lr-iterations", BENCH_INT, &lr_its, 1, 1e9},
                                 {"--weighted", BENCH_FLAG, &weighted, 0, 0},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    bench_options(argc, argv, usage, opts, 0, 0, NULL);
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p;
    es_registry_find_problem(reg, "tardiness", &p, NULL);
    printf("%s, n = %d, %d instances per class, %.1f s per instance, 1 thread; gaps in %% to the %s "
           "(zero-bound instances left out of the means)\n\n",
           weighted ? "SMTWT" : "SMTT", n, per, seconds, n <= 20 ? "optimum (exact DP)" : "Lagrangian bound");
    printf("| TF | RDD | EDD | %s | MDD | ATC | COVERT | evosched | evosched at the bound | time to best (s) | "
           "bound time (s) |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
           weighted ? "WSPT" : "SPT");
    double all[7] = {0}, all_ttb = 0, all_bt = 0;
    int all_n = 0, all_at = 0;
    for (int a = 2; a <= 8; a += 2)
        for (int b = 2; b <= 10; b += 2) {
            double tf = a / 10.0, rdd = b / 10.0, sum[7] = {0};
            int cnt = 0, at_bound = 0;
            double ttb = 0, bound_time = 0;
            for (int k = 0; k < per; k++) {
                char ns[16], tfs[16], rdds[16], seed[32];
                snprintf(ns, sizeof ns, "%d", n);
                snprintf(tfs, sizeof tfs, "%g", tf);
                snprintf(rdds, sizeof rdds, "%g", rdd);
                snprintf(seed, sizeof seed, "%d", 1000 * a + 10 * b + k);
                char *gen[] = {"tardiness", "--n", ns, "--tf", tfs, "--rdd", rdds, "--seed", seed, "--weighted", NULL};
                char *text = NULL;
                size_t len = 0;
                FILE *f = open_memstream(&text, &len);
                es_error err = {0, ""};
                tard_generate(weighted ? 10 : 9, gen, f, &err);
                fclose(f);
                es_source src = {"gen.txt", text, len, NULL};
                bench_instance bi;
                bi.problem = p;
                if (p->load(&src, &bi.inst, &err) != ES_OK) {
                    fprintf(stderr, "%s\n", err.message);
                    return 1;
                }
                const tardiness *t = tard_of(bi.inst);
                int *seq = malloc((size_t)n * sizeof *seq);
                double rule[5];
                const int rules[5] = {0, weighted ? 2 : 1, 3, 4, 5}; /* EDD (W)SPT MDD ATC COVERT */
                for (int r = 0; r < 5; r++) {
                    const char *name;
                    tard_rule(t, rules[r], seq, &name);
                    rule[r] = (double)tard_sequence_cost(t, seq);
                }
                es_config cfg;
                es_config_init(&cfg);
                cfg.threads = 1;
                cfg.max_seconds = seconds;
                cfg.improvement = "local";
                cfg.improve_rate = 1.0;
                cfg.population = p->population_hint;
                double bound;
                int64_t opt;
                int exact = n <= 20 && tard_exact(t, &opt, NULL) == ES_OK;
                if (exact) {
                    bound = (double)opt;
                    cfg.has_target = 1;
                    cfg.target = bound;
                }
                es_result res = bench_solve(reg, &bi, &cfg);
                ttb += res.seconds_to_best;
                if (!exact) {
                    double upper = res.best_value, t0 = bench_now();
                    for (int r = 0; r < 5; r++)
                        upper = fmin(upper, rule[r]);
                    int64_t lr = tard_lagrangian_bound(t, lr_its, (int64_t)upper);
                    int64_t pb = tard_pairing_bound(t);
                    bound = (double)(lr > pb ? lr : pb);
                    bound_time += bench_now() - t0;
                }
                if (bound > 0) {
                    for (int r = 0; r < 5; r++)
                        sum[r] += gap(rule[r], bound);
                    sum[5] += gap(res.best_value, bound);
                    cnt++;
                }
                at_bound += res.best_value <= bound;
                free(seq);
                p->destroy(bi.inst);
                free(text);
            }
            printf("| %.1f | %.1f |", tf, rdd);
            for (int r = 0; r < 6; r++)
                printf(cnt ? " %.2f |" : " – |", cnt ? sum[r] / cnt : 0.0);
            printf(" %d / %d | %.3f | %.3f |\n", at_bound, per, ttb / per, bound_time / per);
            fflush(stdout);
            for (int r = 0; r < 6; r++)
                all[r] += cnt ? sum[r] / cnt : 0;
            all_n += cnt > 0;
            all_at += at_bound;
            all_ttb += ttb / per;
            all_bt += bound_time / per;
        }
    printf("| all | all |");
    for (int r = 0; r < 6; r++)
        printf(" %.2f |", all_n ? all[r] / all_n : 0.0);
    printf(" %d / %d | %.3f | %.3f |\n\n", all_at, 20 * per, all_ttb / 20, all_bt / 20);

    /* Move evaluation speed on a 100-job instance: dynasearch passes (delta)
     * against evaluating every swap and shift from scratch. */
    char *gen[] = {"tardiness", "--n", "100", "--tf", "0.6", "--rdd", "0.4", "--seed", "1", NULL};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    tard_generate(9, gen, f, NULL);
    fclose(f);
    es_source src = {"gen.txt", text, len, NULL};
    es_instance *inst;
    p->load(&src, &inst, NULL);
    const tardiness *t = tard_of(inst);
    void *scratch = malloc(tard_scratch_size(inst));
    int seq[100], tmp[100];
    es_rng rng;
    es_rng_seed(&rng, 1, 1);
    long passes = 0;
    double t0 = bench_now(), dt;
    do {
        for (int j = 0; j < 100; j++)
            seq[j] = j;
        es_rng_shuffle(&rng, seq, 100);
        tard_dynasearch_pass(t, seq, scratch);
        passes++;
    } while ((dt = bench_now() - t0) < 2);
    double moves_per_pass = 3.0 * 100 * 99 / 2; /* swaps, backward and forward shifts */
    long full = 0;
    int64_t sink = 0;
    t0 = bench_now();
    do {
        for (int i = 0; i < 99; i++) {
            memcpy(tmp, seq, sizeof tmp);
            int x = tmp[i];
            tmp[i] = tmp[i + 1];
            tmp[i + 1] = x;
            sink += tard_sequence_cost(t, tmp);
            full++;
        }
    } while (bench_now() - t0 < 2);
    double fdt = bench_now() - t0;
    printf("| move evaluation (n = 100) | moves/s |\n|---|---|\n| delta (dynasearch pass, all %0.f moves) | %.3g |\n"
           "| full re-evaluation of each move | %.3g |\n",
           moves_per_pass, passes * moves_per_pass / dt, full / fdt);
    (void)sink;
    free(scratch);
    free(text);
    p->destroy(inst);
    es_registry_destroy(reg);
    return 0;
}
