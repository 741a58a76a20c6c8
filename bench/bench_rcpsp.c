/* RCPSP on PSPLIB, in the standard form of the field (Kolisch & Hartmann):
 * average deviation of the makespan from the optimum (j30) or from the
 * critical-path bound (j60, j120) at a budget of generated schedules.
 *
 *   (the options: `usage` below, or --help)
 *
 * Settings not given take the problem's tune hook's values for the budget,
 * then its population hint, as `evosched solve` does; the default problem is
 * rcpsp-keys, as detection gives.
 *   bench_rcpsp --sgs-speed FILE.sm     (serial SGS passes per second, 1 thread)
 *
 * --improve-rate below 1 leaves children unimproved, which the engine may cut
 * short (early abort); --no-abort runs the problem without its
 * evaluate_cutoff hook, to measure what the abort saves (same results).
 * --sgs-speed also times passes with the best of its 1,000 lists' makespans
 * as cutoff, as an incumbent would be.
 *
 * Every instance's critical path is also checked against bounds.csv's
 * critical_path column (exit status 1 on a mismatch).
 *
 * A run also stops when it reaches the best lower bound (the critical path,
 * the energy bound or bounds.csv's lower bound): it is optimal then. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"
#include "problems/rcpsp/rcpsp.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sgs_speed(const es_registry *reg, const char *file)
{
    bench_instance b;
    bench_load(reg, "rcpsp", file, NULL, &b);
    const rcpsp *r = rcpsp_of(b.inst);
    void *scratch = calloc(1, rcpsp_scratch_size(b.inst));
    int *lists = malloc((size_t)r->n * 1000 * sizeof *lists), *start = malloc((size_t)r->n * sizeof *start);
    /* 1000 random precedence-feasible lists from the sampled priority rules. */
    es_genome g;
    es_genome_info info;
    b.problem->genome_info(b.inst, &info);
    es_genome_alloc(&info, &g);
    for (int i = 0; i < 1000; i++) {
        const char *name;
        b.problem->heuristic(b.inst, 3 + i % 200, &g, &name);
        memcpy(lists + (size_t)i * r->n, g.perm, (size_t)r->n * sizeof *lists);
    }
    long passes = 0;
    long long sum = 0;
    int best = r->horizon;
    for (int i = 0; i < 1000; i++) {
        int ms = rcpsp_sgs(r, lists + (size_t)i * r->n, RCPSP_FORWARD, scratch, start);
        best = ms < best ? ms : best;
    }
    double t0 = bench_now(), t;
    do {
        for (int i = 0; i < 1000; i++)
            sum += rcpsp_sgs(r, lists + (size_t)i * r->n, RCPSP_FORWARD, scratch, start);
        passes += 1000;
    } while ((t = bench_now() - t0) < 3.0);
    long cut_passes = 0, stopped = 0;
    double t1 = bench_now(), tc;
    do {
        for (int i = 0; i < 1000; i++) {
            int complete;
            rcpsp_sgs_cutoff(r, lists + (size_t)i * r->n, RCPSP_FORWARD, scratch, start, best, &complete);
            stopped += !complete;
        }
        cut_passes += 1000;
    } while ((tc = bench_now() - t1) < 3.0);
    printf("| instance | jobs | schedules/s (1 thread) | µs per schedule | mean makespan | with abort at %d: "
           "schedules/s | stopped |\n|---|---|---|---|---|---|---|\n",
           best);
    printf("| %s | %d | %.0f | %.2f | %.1f | %.0f | %.1f%% |\n", file, r->n - 2, passes / t, 1e6 * t / passes,
           (double)sum / passes, cut_passes / tc, 100.0 * (double)stopped / (double)cut_passes);
    es_genome_free(&g);
    free(scratch);
    free(lists);
    free(start);
    bench_unload(&b);
    return 0;
}

static const char usage[] =
    "usage: bench_rcpsp DIR [--schedules N | --time S] [--threads N] [--population N] [--every K] [--seed S]\n"
    "                   [--csv FILE] [--problem rcpsp-keys|rcpsp] [--crossover NAME] [--crossover-rate R]\n"
    "                   [--mutation-rate R] [--tournament K] [--improve-rate R] [--no-abort]\n"
    "       bench_rcpsp --sgs-speed FILE.sm\n";

int main(int argc, char **argv)
{
    const char *csv = NULL, *speed = NULL;
    long long schedules = 5000, seed = 1;
    double seconds = 0;
    int threads = 1, population = 0, every = 1, tournament = 0;
    double mutation = -1, crossover = -1, improve_rate = 1.0;
    int no_abort = 0;
    const char *cx = NULL, *problem = "rcpsp-keys";
    const bench_option opts[] = {{"--sgs-speed", BENCH_TEXT, &speed, 0, 0},
                                 {"--schedules", BENCH_LONG, &schedules, 1, 9e18},
                                 {"--time", BENCH_REAL, &seconds, 0, 1e9},
                                 {"--threads", BENCH_INT, &threads, 1, 1024},
                                 {"--population", BENCH_INT, &population, 2, 1e6},
                                 {"--every", BENCH_INT, &every, 1, 1e6},
                                 {"--seed", BENCH_LONG, &seed, 0, 9e18},
                                 {"--tournament", BENCH_INT, &tournament, 1, 1e6},
                                 {"--mutation-rate", BENCH_REAL, &mutation, 0, 1},
                                 {"--crossover-rate", BENCH_REAL, &crossover, 0, 1},
                                 {"--crossover", BENCH_TEXT, &cx, 0, 0},
                                 {"--problem", BENCH_TEXT, &problem, 0, 0},
                                 {"--improve-rate", BENCH_REAL, &improve_rate, 0, 1},
                                 {"--no-abort", BENCH_FLAG, &no_abort, 0, 0},
                                 {"--csv", BENCH_TEXT, &csv, 0, 0},
                                 {NULL, BENCH_FLAG, NULL, 0, 0}};
    const char *inputs[1] = {NULL};
    int ninputs = bench_options(argc, argv, usage, opts, 0, 1, inputs);
    if (speed) {
        if (argc != 3) /* exactly `bench_rcpsp --sgs-speed FILE` */
            bench_usage_error(argv[0], usage, "--sgs-speed takes one file and no other option");
        es_registry *reg;
        es_registry_create(&reg);
        int st = sgs_speed(reg, speed);
        es_registry_destroy(reg);
        return st;
    }
    if (!ninputs)
        bench_usage_error(argv[0], usage, "a folder of .sm files is needed");
    const char *dir = inputs[0];
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return 3;
    }
    char **names = NULL;
    int count = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len > 3 && !strcmp(e->d_name + len - 3, ".sm")) {
            char **grown = realloc(names, (size_t)(count + 1) * sizeof *names);
            char *name = strdup(e->d_name);
            if (!grown || !name) {
                fprintf(stderr, "bench_rcpsp: out of memory listing %s\n", dir);
                exit(3);
            }
            names = grown;
            names[count++] = name;
        }
    }
    closedir(d);
    if (count == 0) {
        fprintf(stderr, "bench_rcpsp: %s holds no .sm file\n", dir);
        return 3;
    }
    FILE *out = csv ? fopen(csv, "w") : NULL;
    if (csv && !out) {
        perror(csv);
        for (int i = 0; i < count; i++)
            free(names[i]);
        free(names);
        return 3;
    }
    es_registry *reg;
    es_registry_create(&reg);
    qsort(names, (size_t)count, sizeof *names, by_name);
    if (out)
        fprintf(out, "instance,makespan,critical_path,lower_bound,upper_bound,schedules,seconds\n");
    int done = 0, at_best = 0, proven = 0, optimum_known = 0, cp_listed = 0, cp_wrong = 0;
    double dev_opt = 0, dev_cp = 0, secs = 0, total_schedules = 0, cut_short = 0;
    for (int i = 0; i < count; i += every) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        bench_instance b;
        bench_load(reg, problem, path, NULL, &b);
        const rcpsp *r = rcpsp_of(b.inst);
        es_problem without = *b.problem;
        without.evaluate_cutoff = NULL;
        if (no_abort)
            b.problem = &without;
        es_bound own, ref;
        es_error err = {0, ""};
        b.problem->lower_bound(b.inst, &own);
        int has_ref = b.problem->reference_bound(b.inst, path, &ref, &err) == ES_OK;
        long ub = 0, lb = (long)own.value, cp = -1;
        if (has_ref) {
            /* bounds.csv's upper bound is the best known makespan. */
            FILE *f;
            char file[4200], line[512];
            snprintf(file, sizeof file, "%s/bounds.csv", dir);
            if ((f = fopen(file, "r"))) {
                size_t nl = strlen(names[i]);
                while (fgets(line, sizeof line, f))
                    if (!strncmp(line, names[i], nl) && line[nl] == ',')
                        sscanf(line + nl + 1, "%ld,%ld,%ld", &lb, &ub, &cp);
                fclose(f);
            }
        }
        /* the critical path against bounds.csv's column, on every instance run */
        long crit = (long)r->critical_path * r->unit; /* in the file's time units */
        if (cp >= 0) {
            cp_listed++;
            if (cp != crit) {
                cp_wrong++;
                fprintf(stderr, "%s: critical path %ld, bounds.csv says %ld\n", names[i], crit, cp);
            }
        }
        es_config cfg;
        es_config_init(&cfg);
        cfg.seed = (uint64_t)seed;
        cfg.threads = threads;
        cfg.improvement = improve_rate > 0 ? "local" : "none";
        cfg.improve_rate = improve_rate;
        cfg.population = population ? population : b.problem->population_hint;
        if (tournament)
            cfg.tournament = tournament;
        if (mutation >= 0)
            cfg.mutation_rate = mutation;
        if (crossover >= 0)
            cfg.crossover_rate = crossover;
        cfg.crossover = cx;
        if (seconds > 0)
            cfg.max_seconds = seconds;
        else
            cfg.max_evaluations = schedules;
        es_config_tune(&cfg, b.problem, b.inst,
                       (population ? ES_KEEP_POPULATION : 0u) | (mutation >= 0 ? ES_KEEP_MUTATION_RATE : 0u) |
                           (crossover >= 0 ? ES_KEEP_CROSSOVER_RATE : 0u));
        cfg.has_target = 1;
        cfg.target = lb > own.value ? (double)lb : own.value;
        double t0 = bench_now();
        es_result res = bench_solve(reg, &b, &cfg);
        double dt = bench_now() - t0;
        long ms = (long)res.best_value;
        done++;
        secs += dt;
        total_schedules += (double)res.evaluations;
        cut_short += (double)res.cut_short;
        dev_cp += 100.0 * (double)(ms - crit) / crit;
        if (has_ref && lb == ub) {
            optimum_known++;
            dev_opt += 100.0 * (double)(ms - ub) / ub;
        }
        at_best += ub > 0 && ms <= ub;
        proven += ms <= (lb > own.value ? lb : (long)own.value);
        if (out)
            fprintf(out, "%s,%ld,%ld,%ld,%ld,%lld,%.4f\n", names[i], ms, crit, lb, ub, res.evaluations, dt);
        bench_unload(&b);
        free(names[i]);
        if (done % 50 == 0)
            fprintf(stderr, "  %d instances...\n", done);
    }
    for (int i = 0; i < count; i++)
        if (i % every)
            free(names[i]);
    free(names);
    if (out)
        fclose(out);
    printf("| set | problem | instances | budget | threads | dev. from optimum (%%) | dev. from critical path (%%) | at "
           "best known | proven optimal | mean time (s) | schedules/s | cut short |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    char budget[64];
    if (seconds > 0)
        snprintf(budget, sizeof budget, "%.0f s", seconds);
    else
        snprintf(budget, sizeof budget, "%lld schedules", schedules);
    char opt[32] = "n/a";
    if (optimum_known)
        snprintf(opt, sizeof opt, "%.3f (%d known)", dev_opt / optimum_known, optimum_known);
    printf("| %s | %s | %d | %s | %d | %s | %.2f | %d | %d | %.3f | %.0f | %.1f%% |\n", dir, problem, done, budget,
           threads, opt, dev_cp / done, at_best, proven, secs / done, total_schedules / secs,
           100.0 * cut_short / total_schedules);
    if (cp_listed)
        printf("\ncritical path equal to bounds.csv's on %d of %d instances\n", cp_listed - cp_wrong, cp_listed);
    es_registry_destroy(reg);
    return cp_wrong ? 1 : 0;
}
