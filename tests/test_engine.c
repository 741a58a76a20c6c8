/* The engine on a real tardiness instance: determinism across thread
 * counts, budgets, target, the polish hook, configuration errors and the
 * default threads under a CPU quota. Interrupts and time limits:
 * test_engine_stop.c; parent selection and replacement:
 * test_engine_breeding.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "solver/cpus.h"
#include "engine_fixture.h"

TestSuite(engine, .init = engine_setup, .fini = engine_teardown);

Test(engine, same_result_for_one_and_two_threads)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.seed = 1234;
    cfg.max_evaluations = 4000;
    cfg.improvement = "local";
    cfg.improve_rate = 0.2;
    cfg.stagnation = 5; /* exercise restarts too */
    cfg.late_tournament = 4; /* and a late tournament, from halfway */
    cfg.late_from = 0.5;
    es_result r1, r2;
    es_genome g1, g2;
    cfg.threads = 1;
    cr_assert_eq(run(&cfg, &r1, &g1), ES_OK);
    cfg.threads = 2;
    cr_assert_eq(run(&cfg, &r2, &g2), ES_OK);
    cr_assert_eq(r1.threads, 1);
    cr_assert_eq(r2.threads, 2);
    cr_assert_eq(r1.best_value, r2.best_value);
    cr_assert_eq(r1.evaluations, r2.evaluations);
    cr_assert_eq(r1.generations, r2.generations);
    cr_assert_eq(r1.restarts, r2.restarts);
    cr_assert_eq(r1.evaluations_to_best, r2.evaluations_to_best);
    cr_assert_arr_eq(g1.perm, g2.perm, 40 * sizeof(int));
    es_genome_free(&g1);
    es_genome_free(&g2);
}

Test(engine, best_genome_has_the_reported_value)
{
    es_result r;
    es_genome g;
    run_for(2000, &r, &g);
    double v;
    void *scratch = malloc(prob->scratch_size(inst));
    prob->evaluate(inst, &g, scratch, &v);
    cr_assert_eq(v, r.best_value);
    es_genome_info info;
    prob->genome_info(inst, &info);
    cr_assert_eq(es_genome_validate(&info, &g), ES_OK);
    free(scratch);
    es_genome_free(&g);
}

Test(engine, evaluation_budget_is_exact_without_improvement)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = 1237; /* not a multiple of the population */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.evaluations, 1237);
    cr_assert_eq(r.stop, ES_STOP_EVALUATIONS);
}

Test(engine, evaluation_budget_is_exact_with_improvement)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_evaluations = 777;
    cfg.improvement = "local";
    cfg.improve_rate = 1.0;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.evaluations, 777);
}

Test(engine, generation_budget)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_generations = 7;
    cfg.population = 10;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.generations, 7);
    cr_assert_eq(r.evaluations, 10 + 7 * 10);
    cr_assert_eq(r.stop, ES_STOP_GENERATIONS);
}

Test(engine, stops_at_target)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.has_target = 1;
    cfg.target = 1e12; /* any solution reaches it */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_TARGET);
    cr_assert_eq(r.generations, 0);
}

Test(engine, stop_flag_interrupts_with_a_solution)
{
    static volatile sig_atomic_t flag = 1;
    es_config cfg;
    es_config_init(&cfg);
    cfg.stop_flag = &flag;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_INTERRUPT);
    cr_assert_gt(r.evaluations, 0);
    cr_assert_gt(r.best_value, 0);
}

Test(engine, a_population_too_large_for_memory_is_refused_up_front)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 7000000;
    cfg.offspring = 7000000; /* 14 million genomes of 40 jobs: 2.24 GB */
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_ELIMIT);
    cr_assert_null(s);
    cr_assert(strstr(err.message, "2.2 GB of genomes, more than 2 GB; at most 12500000 individuals"), "%s",
              err.message);
}

/* Genomes to start from (solve --start) are members of the first
 * population, evaluated even when the run is stopped before it begins: the
 * result is never worse than the best of them. An invalid one is refused. */
Test(engine, a_run_never_ends_worse_than_its_initial_genomes)
{
    es_result found;
    es_genome good;
    run_for(4000, &found, &good);
    static volatile sig_atomic_t stop = 1;
    es_config cfg;
    es_config_init(&cfg);
    cfg.stop_flag = &stop;
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_gt(r.best_value, found.best_value, "the rules alone must be worse, or this proves nothing");
    es_genome seeds[2];
    es_genome_info info;
    prob->genome_info(inst, &info);
    es_genome_alloc(&info, &seeds[0]);
    for (int i = 0; i < info.length; i++)
        seeds[0].perm[i] = info.length - 1 - i;
    seeds[1] = good;
    cfg.initial = seeds;
    cfg.ninitial = 2;
    for (int evals = 0; evals <= 1; evals++) { /* stopped at once, or a budget of one evaluation */
        cfg.stop_flag = evals ? NULL : &stop;
        cfg.max_evaluations = evals;
        cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
        cr_assert_eq(r.best_value, found.best_value, "%g: the start %g was lost", r.best_value, found.best_value);
    }
    seeds[0].perm[0] = seeds[0].perm[1]; /* a job twice */
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "initial genome 1 is not a valid genome"), "%s", err.message);
    es_genome_free(&seeds[0]);
    es_genome_free(&good);
}

/* A polish for the tardiness problem: one unit off evaluate's total, and a
 * billion off for the genome it marks; fails for every genome when told. */
static const es_genome *polish_marked;
static int polish_fails, polish_calls;
static int polish_by_rule(const es_instance *in, const es_genome *g, void *scratch, double *value, es_error *err)
{
    polish_calls++;
    if (polish_fails)
        return es_fail(err, ES_EINTERNAL, "told to fail");
    es_genome_info info;
    prob->genome_info(in, &info);
    int st = prob->evaluate(in, g, scratch, value);
    int marked = polish_marked && !memcmp(g->perm, polish_marked->perm, (size_t)info.length * sizeof *g->perm);
    *value -= marked ? 1e9 : 1;
    return st;
}

/* The problem's polish runs once the search is over, on its best genome and
 * on each initial one: the result is the best polished value, with the
 * genome it came from, and search_value keeps the search's own best. */
Test(engine, the_polish_hook_ends_the_run_on_the_best_polished_genome)
{
    wrapped = *prob;
    wrapped.polish = polish_by_rule;
    es_config cfg;
    es_config_init(&cfg);
    cfg.seed = 3;
    cfg.max_evaluations = 600;
    es_result plain, r;
    es_genome best;
    cr_assert_eq(run(&cfg, &plain, NULL), ES_OK);
    polish_marked = NULL, polish_fails = 0, polish_calls = 0;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(polish_calls, 1);
    cr_assert_eq(r.search_value, plain.best_value, "polish must not change the search");
    cr_assert_eq(r.best_value, plain.best_value - 1);

    /* an initial genome far worse for the search, but the best once
     * polished: the run ends on it */
    es_genome_info info;
    prob->genome_info(inst, &info);
    es_genome start;
    es_genome_alloc(&info, &start);
    for (int i = 0; i < info.length; i++)
        start.perm[i] = info.length - 1 - i;
    void *scratch = malloc(prob->scratch_size(inst));
    double start_value;
    cr_assert_eq(prob->evaluate(inst, &start, scratch, &start_value), ES_OK);
    cr_assert_gt(start_value, plain.best_value, "the start must lose the search, or this proves nothing");
    cfg.initial = &start;
    cfg.ninitial = 1;
    polish_marked = &start, polish_calls = 0;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, &best), ES_OK);
    cr_assert_eq(polish_calls, 2, "the best and the one initial genome");
    cr_assert_lt(r.search_value, start_value);
    cr_assert_eq(r.best_value, start_value - 1e9);
    cr_assert_eq(memcmp(best.perm, start.perm, (size_t)info.length * sizeof *best.perm), 0,
                 "the reported genome is not the one polished to the reported value");
    es_genome_free(&best);

    /* a polish that fails leaves evaluate's value */
    polish_fails = 1;
    cr_assert_eq(run_on(&wrapped, &cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.best_value, r.search_value);
    polish_fails = 0, polish_marked = NULL;
    es_genome_free(&start);
    free(scratch);
}

Test(engine, time_budget_stops_the_run)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.max_seconds = 0.2;
    cfg.has_target = 1;
    cfg.target = -1; /* unreachable */
    es_result r;
    cr_assert_eq(run(&cfg, &r, NULL), ES_OK);
    cr_assert_eq(r.stop, ES_STOP_TIME);
}

Test(engine, rejects_bad_configuration)
{
    es_config cfg;
    es_config_init(&cfg);
    es_solver *s = NULL;
    es_error err = {0, ""};
    cfg.population = 1;
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    es_config_init(&cfg);
    cfg.crossover = "uniform"; /* random keys only */
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    /* the message names the operator and offers those that fit a
     * permutation, not the random-key ones */
    const char *takes = strstr(err.message, "takes: ");
    cr_assert(strstr(err.message, "'uniform'") && takes, "%s", err.message);
    cr_assert(strstr(takes, "adaptive") && strstr(takes, "ox") && strstr(takes, "pmx"), "%s", err.message);
    cr_assert(!strstr(takes, "uniform"), "%s", err.message);
    es_config_init(&cfg);
    cfg.mutation = "nosuch";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_ENOTFOUND);
    takes = strstr(err.message, "takes: ");
    cr_assert(strstr(err.message, "'nosuch'") && takes && strstr(takes, "swap"), "%s", err.message);
    cr_assert(!strstr(takes, "redraw"), "%s", err.message);
    /* migration: each setting is named with what it takes */
    es_config_init(&cfg);
    cfg.late_from = 1.5;
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "late tournament's start must lie in [0, 1] of the budget, got 1.5"), "%s",
              err.message);
    es_config_init(&cfg);
    cfg.migration_interval = 5;
    cfg.population = 4;
    cfg.migrants = 4; /* the best member never leaves, so at most 3 fit */
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "4 migrants do not fit a population of 4"), "%s", err.message);
    cfg.migrants = 3;
    cfg.immigrants = "oldest";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown immigrants 'oldest' (worst, random)"), "%s", err.message);
    cfg.immigrants = "random";
    cfg.emigrants = "worst";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "unknown emigrants 'worst' (best, random)"), "%s", err.message);
    cr_assert_null(s);
    cfg.emigrants = "best";
    cr_assert_eq(es_solver_create(reg, prob, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
    es_solver_destroy(s);
}

/* A fake file system for es_cgroup_cpu_quota: root/PATH holds text. */
static void put(const char *root, const char *path, const char *text)
{
    char full[512];
    snprintf(full, sizeof full, "%s%s", root, path);
    for (char *p = full + strlen(root) + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(full, 0755);
            *p = '/';
        }
    FILE *f = fopen(full, "w");
    cr_assert_not_null(f, "%s", full);
    fputs(text, f);
    fclose(f);
}

/* A fake file system for es_cgroup_cpu_quota: pairs of path and text, ended
 * by NULL; the quota read from it must be `cpus` (0: none). */
static void expect_quota(const char *const *files, double cpus, const char *what)
{
    char root[] = "/tmp/es-cgroup-XXXXXX";
    cr_assert_not_null(mkdtemp(root));
    for (int i = 0; files[i]; i += 2)
        put(root, files[i], files[i + 1]);
    double got = -1;
    cr_assert_eq(es_cgroup_cpu_quota(root, &got), cpus > 0, "%s", what);
    cr_assert_float_eq(got, cpus, 1e-12, "%s: %g CPUs", what, got);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    cr_assert_eq(system(cmd), 0);
}

Test(engine, the_default_threads_respect_a_cgroup_cpu_quota)
{
    /* cgroup v2: the parent's 1.5 CPUs bind the child whose own is unset;
     * a looser grandparent does not loosen it */
    const char *const v2[] = {"/proc/self/cgroup", "0::/a/b\n",
                              "/sys/fs/cgroup/cpu.max", "400000 100000\n",
                              "/sys/fs/cgroup/a/cpu.max", "150000 100000\n",
                              "/sys/fs/cgroup/a/b/cpu.max", "max 100000\n", NULL};
    expect_quota(v2, 1.5, "v2");
    /* v1 seen from a container without its own cgroup namespace: /proc
     * names the host's path, the container's group is the mount; the
     * memory and cpuacct-only lines are not the cpu controller */
    const char *const v1[] = {
        "/proc/self/cgroup", "6:cpuacct:/other\n5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n",
        "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "200000\n",
        "/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n",
        "/sys/fs/cgroup/memory/cpu.cfs_quota_us", "10000\n",
        "/sys/fs/cgroup/cpu,cpuacct/other/cpu.cfs_quota_us", "10000\n",
        "/sys/fs/cgroup/cpu,cpuacct/other/cpu.cfs_period_us", "100000\n", NULL};
    expect_quota(v1, 2.0, "v1 without a namespace");
    const char *const v1_alone[] = {"/proc/self/cgroup", "1:cpu:/\n",
                                    "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "250000\n",
                                    "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n", NULL};
    expect_quota(v1_alone, 2.5, "v1, cpu mounted alone");
    /* no quota: v1's -1, v2's max, or no files at all */
    const char *const none[] = {"/proc/self/cgroup", "1:cpu:/\n0::/\n",
                                "/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "-1\n",
                                "/sys/fs/cgroup/cpu/cpu.cfs_period_us", "100000\n",
                                "/sys/fs/cgroup/unified/cpu.max", "max 100000\n", NULL};
    expect_quota(none, 0, "no quota");
    const char *const nothing[] = {NULL};
    expect_quota(nothing, 0, "no files");
    /* the cap: rounded up, never below one thread, never above the CPUs */
    cr_assert_eq(es_threads_for_quota(64, 1.5), 2);
    cr_assert_eq(es_threads_for_quota(64, 2.0), 2);
    cr_assert_eq(es_threads_for_quota(64, 0.2), 1);
    cr_assert_eq(es_threads_for_quota(2, 8.0), 2);
    cr_assert_eq(es_threads_for_quota(8, 0), 8);
}
