/* Satellite link scheduling: decoder speed, and the GA against the greedy
 * orders alone and a plain random-restart baseline at the same budget of
 * evaluations, over 10 seeds.
 *
 *   (the options: `usage` below, or --help)
 *
 * Each method's final plan is retimed by the problem's LP, as solve's is.
 * The GA's mean seconds per run and the share of its children cut short by
 * the early abort are printed too; --no-abort runs it without the
 * problem's evaluate_cutoff hook, to measure what the abort saves (the
 * results are the same). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"
#include "problems/satellite/satellite.h"

static const char usage[] = "usage: bench_satellite [--evals N] [--seeds K] [--threads N] [--no-abort] FILE.csg...\n";

int main(int argc, char **argv)
{
    long long evals = 5000;
    int seeds = 10, threads = 2, no_abort = 0;
    const bench_option opts[] = {{"--evals", BENCH_LONG, &evals, 1, 9e18},
                                 {"--seeds", BENCH_INT, &seeds, 1, 1e6},
                                 {"--threads", BENCH_INT, &threads, 1, 1024},
                                 {"--no-abort", BENCH_FLAG, &no_abort, 0, 0},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    const char **inputs = malloc((size_t)argc * sizeof *inputs);
    int ninputs = bench_options(argc, argv, usage, opts, 1, -1, inputs);
    es_registry *reg;
    es_registry_create(&reg);
    printf("| instance | tasks | decodes/s (1 thread) | greedy (best rule) | random restart mean / best | GA mean / "
           "best | GA gain over greedy (%%) | bound | GA s per run | cut short |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (int a = 0; a < ninputs; a++) {
        bench_instance b;
        bench_load(reg, "satellite", inputs[a], NULL, &b);
        const satellite *m = sat_of(b.inst);
        es_problem without = *b.problem;
        without.evaluate_cutoff = NULL;
        if (no_abort)
            b.problem = &without;
        void *scratch = malloc(sat_scratch_size(b.inst));
        int *order = malloc((size_t)m->ntask * sizeof *order), *best_order = malloc((size_t)m->ntask * sizeof *order);
        es_rng rng;
        es_rng_seed(&rng, 1, 1);
        /* Decoder speed on random orders. */
        long decodes = 0;
        double t0 = bench_now(), dt, sink = 0;
        do {
            for (int k = 0; k < m->ntask; k++)
                order[k] = k;
            es_rng_shuffle(&rng, order, m->ntask);
            sink += sat_decode(m, order, scratch, NULL, NULL);
            decodes++;
        } while ((dt = bench_now() - t0) < 2.0);
        /* Greedy: the best of the rules. Every method's final plan is
         * retimed (the problem's last step), as the GA's is. */
        double greedy = 0, v;
        es_genome g = {order, NULL};
        for (int r = 0;; r++) {
            const char *name;
            if (sat_heuristic(b.inst, r, &g, &name) != ES_OK)
                break;
            sat_plan_value(m, order, scratch, &v);
            greedy = fmax(greedy, v);
        }
        /* Random restart and the GA, same budget, several seeds. */
        double rr_sum = 0, rr_best = 0, ga_sum = 0, ga_best = 0, ga_seconds = 0, cut = 0, children = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            es_rng_seed(&rng, (uint64_t)seed, 7);
            double best = -1;
            for (long long e = 0; e < evals; e++) {
                for (int k = 0; k < m->ntask; k++)
                    order[k] = k;
                es_rng_shuffle(&rng, order, m->ntask);
                if ((v = sat_decode(m, order, scratch, NULL, NULL)) > best) {
                    best = v;
                    memcpy(best_order, order, (size_t)m->ntask * sizeof *order);
                }
            }
            sat_plan_value(m, best_order, scratch, &best);
            rr_sum += best;
            rr_best = fmax(rr_best, best);
            es_config cfg;
            es_config_init(&cfg);
            cfg.seed = (uint64_t)seed;
            cfg.threads = threads;
            cfg.max_evaluations = evals;
            cfg.improvement = b.problem->improve_rate_hint < 0 ? "none" : "local"; /* the CLI's default */
            cfg.improve_rate = b.problem->improve_rate_hint > 0 ? b.problem->improve_rate_hint : 1.0;
            cfg.population = b.problem->improve_rate_hint < 0 ? 50 : b.problem->population_hint;
            double t1 = bench_now();
            es_result r = bench_solve(reg, &b, &cfg);
            ga_seconds += bench_now() - t1;
            cut += (double)r.cut_short;
            children += (double)r.evaluations;
            ga_sum += r.best_value;
            ga_best = fmax(ga_best, r.best_value);
        }
        es_bound ub;
        b.problem->lower_bound(b.inst, &ub);
        printf("| %s | %d | %.0f | %.0f | %.0f / %.0f | %.0f / %.0f | %.2f | %.0f | %.3f | %.1f%% |\n", inputs[a],
               m->ntask, decodes / dt, greedy, rr_sum / seeds, rr_best, ga_sum / seeds, ga_best,
               100.0 * (ga_sum / seeds - greedy) / greedy, ub.value, ga_seconds / seeds,
               children > 0 ? 100.0 * cut / children : 0.0);
        fflush(stdout);
        (void)sink;
        free(scratch);
        free(order);
        free(best_order);
        bench_unload(&b);
    }
    es_registry_destroy(reg);
    free(inputs);
    return 0;
}
