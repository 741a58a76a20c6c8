/* RCPSP: the critical-path and time-window bounds, SGS output against the
 * independent checker and against a naive SGS of the definition, every
 * resource profile giving the same schedules,
 * exact schedule counting, and durations in finer units. Parsers and the
 * checker: test_rcpsp_parse.c; random keys, crossovers and the early
 * abort: test_rcpsp_keys.c. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "test_util.h"
#include "rcpsp_fixture.h"

static const char *const files[] = RCPSP_TEST_FILES;

Test(rcpsp_bounds, critical_path_matches_bounds_csv)
{
    FILE *f = fopen(DIR "bounds.csv", "r");
    cr_assert_not_null(f);
    char line[256];
    int checked = 0;
    cr_assert_not_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f)) {
        char name[64];
        int lb, ub, cp;
        cr_assert_eq(sscanf(line, "%63[^,],%d,%d,%d", name, &lb, &ub, &cp), 4);
        rcpsp *r = load_file(name);
        cr_assert_eq(r->critical_path, cp, "%s: critical path %d, bounds.csv says %d", name, r->critical_path, cp);
        cr_assert_leq(rcpsp_energy_bound(r), lb, "%s: energy bound above the best lower bound", name);
        int windows = rcpsp_destructive_bound(r);
        cr_assert(windows >= r->critical_path && windows <= lb, "%s: time-window bound %d outside [%d, %d]", name,
                  windows, r->critical_path, lb);
        rcpsp_destroy((es_instance *)r);
        checked++;
    }
    fclose(f);
    cr_assert_eq(checked, NFILES);
}

/* The time-window bound is a proof: on small generated projects with
 * scarce resources it never exceeds the optimum found by brute force, never
 * falls below the critical path and energy bounds it starts from, and (or
 * it would be doing nothing) it is above them on some. lower_bound, what
 * reports use, gives it with its name. */
/* -DSMALL_PROJECTS=20000 for a longer check by hand (about 4 s) */
#ifndef SMALL_PROJECTS
#define SMALL_PROJECTS 400
#endif
Test(rcpsp_bounds, time_window_bound_lies_between_the_simple_bounds_and_the_optimum)
{
    int stronger = 0, exact = 0, projects = 0;
    for (int seed = 1; seed <= SMALL_PROJECTS; seed++) {
        char args[128], *text;
        es_error err = {0, ""};
        snprintf(args, sizeof args, "--n 8 --resources %d --rf %s --rs %.1f --seed %d", 1 + seed % 3,
                 seed % 2 ? "1" : "0.5", 0.1 * (seed % 3 + 1), seed);
        cr_assert_eq(generate_rcpsp(args, &text, &err), ES_OK, "%s", err.message);
        es_source src = {"small.sm", text, strlen(text), NULL};
        es_instance *inst = NULL;
        cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s: %s", args, err.message);
        free(text);
        rcpsp *r = (rcpsp *)inst;
        int simple = rcpsp_simple_bound(r), windows = rcpsp_destructive_bound(r);
        int opt = brute_optimum(r);
        cr_assert_geq(windows, simple, "%s", args);
        cr_assert_leq(windows, opt, "%s: bound %d above the optimum %d", args, windows, opt);
        es_bound b;
        cr_assert_eq(rcpsp_lower_bound(inst, &b), ES_OK); /* both problem tables' lower_bound */
        cr_assert_eq(b.value, rcpsp_real(r, windows), "%s", args); /* in the file's units */
        if (windows > simple)
            cr_assert_str_eq(b.source, "time windows", "%s", args);
        stronger += windows > simple;
        exact += windows == opt;
        projects++;
        rcpsp_destroy(inst);
    }
    cr_assert_gt(stronger, 0, "the time windows never beat the critical path and energy bounds");
    cr_log_info("time-window bound: above the simple bounds on %d, the optimum on %d of %d projects", stronger, exact,
                projects);
}

Test(rcpsp_sgs, random_lists_decode_to_checked_schedules_and_justification_never_hurts)
{
    es_rng rng;
    es_rng_seed(&rng, 2024, 7);
    for (int f = 0; f < NFILES; f++) {
        rcpsp *r = load_file(files[f]);
        void *scratch = malloc(rcpsp_scratch_size((es_instance *)r)); /* not zeroed on purpose */
        memset(scratch, 0xA5, rcpsp_scratch_size((es_instance *)r));
        int *list = malloc((size_t)r->n * sizeof *list), *start = malloc((size_t)r->n * sizeof *start);
        for (int trial = 0; trial < 100; trial++) {
            random_list(r, &rng, list);
            int ms = rcpsp_sgs(r, list, RCPSP_FORWARD, scratch, start);
            cr_assert_geq(ms, r->critical_path);
            double checked;
            es_error err = {0, ""};
            cr_assert_eq(check_genome(r, list, scratch, &checked, &err), ES_OK, "%s: %s", files[f], err.message);
            cr_assert_eq(checked, ms);
            /* Backward passes (successors first: the reversed list) are
             * feasible too, with every job ending by their makespan. */
            int *rev = malloc((size_t)r->n * sizeof *rev);
            for (int j = 0; j < r->n; j++)
                rev[j] = list[r->n - 1 - j];
            int bm = rcpsp_sgs(r, rev, RCPSP_BACKWARD, scratch, start);
            free(rev);
            for (int j = 0; j < r->n; j++) {
                cr_assert_geq(start[j], 0);
                cr_assert_leq(start[j] + r->dur[j], bm);
                for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++)
                    cr_assert_geq(start[r->succ[e]], start[j] + r->dur[j]);
            }
            es_genome g = {list, NULL};
            double v = ms;
            long long evals = 1000;
            cr_assert_eq(rcpsp_improve((es_instance *)r, &g, &v, scratch, NULL, &evals), ES_OK);
            cr_assert_leq(v, ms, "%s: justification lengthened %d to %.0f", files[f], ms, v);
            cr_assert(evals >= 3 && evals % 2 == 1, "1 decode + 2 per iteration, got %lld", evals);
            es_genome_info info = {ES_GENOME_PERMUTATION, r->n, r->succ_start, r->succ};
            cr_assert_eq(es_genome_validate(&info, &g), ES_OK, "justified list violates precedences");
            cr_assert_eq(rcpsp_sgs(r, list, RCPSP_FORWARD, scratch, start), (int)v,
                         "the justified list does not decode to the reported makespan");
        }
        free(list);
        free(start);
        free(scratch);
        rcpsp_destroy((es_instance *)r);
    }
}

/* Both representations, with the settings they run with by default: the
 * schedule budget holds exactly, the result does not depend on the thread
 * count, and the best schedule passes the independent checker. */
Test(rcpsp_engine, schedule_budget_is_exact_and_thread_independent)
{
    es_registry *reg;
    es_registry_create(&reg);
    rcpsp *r = load_file("j12060_3.sm");
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 2; k++) {
        const es_problem *p = builtin_problem(reg, names[k]);
        void *scratch = malloc(p->scratch_size((es_instance *)r));
        double best[2];
        for (int threads = 1; threads <= 2; threads++) {
            for (int b = 0; b < 2; b++) {
                long long budget = b ? 5000 : 1000;
                es_config cfg;
                es_config_init(&cfg);
                cfg.threads = threads;
                cfg.population = 60;
                cfg.improvement = "local";
                cfg.improve_rate = 1.0;
                cfg.max_evaluations = budget;
                if (k == 1) { /* what rcpsp-keys' tune hook sets */
                    cfg.population = 39;
                    cfg.crossover = "window";
                    cfg.crossover_rate = 1.0;
                    cfg.mutation_rate = 0.05;
                    cfg.stagnation = 10;
                }
                es_solver *s;
                es_result res;
                es_error err = {0, ""};
                cr_assert_eq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK, "%s", err.message);
                cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
                cr_assert_eq(res.evaluations, budget, "%s: %lld schedules for a budget of %lld", names[k],
                             res.evaluations, budget);
                cr_assert_geq(res.best_value, 87); /* bounds.csv lower bound */
                char *buf = NULL;
                size_t len = 0;
                FILE *out = open_memstream(&buf, &len);
                cr_assert_eq(p->write_solution((es_instance *)r, &res.best, scratch, out), ES_OK);
                fclose(out);
                es_source sol = {"best.txt", buf, len, NULL};
                double checked;
                cr_assert_eq(p->check((es_instance *)r, &sol, &checked, &err), ES_OK, "%s", err.message);
                cr_assert_eq(checked, res.best_value);
                free(buf);
                if (b)
                    best[threads - 1] = res.best_value;
                es_solver_destroy(s);
            }
        }
        cr_assert_eq(best[0], best[1], "%s: %.0f on 1 thread, %.0f on 2", names[k], best[0], best[1]);
        free(scratch);
    }
    rcpsp_destroy((es_instance *)r);
    es_registry_destroy(reg);
}

static es_result solve_for_test(const es_registry *reg, const es_problem *p, rcpsp *r, char **solution)
{
    es_config cfg;
    es_config_init(&cfg);
    cfg.threads = 2;
    cfg.max_evaluations = 2000;
    cfg.improvement = "local";
    cfg.improve_rate = 1;
    es_config_tune(&cfg, p, (es_instance *)r, 0);
    es_solver *s;
    es_result res;
    es_error err = {0, ""};
    cr_assert_eq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
    size_t len = 0;
    FILE *out = open_memstream(solution, &len);
    void *scratch = malloc(p->scratch_size((es_instance *)r));
    cr_assert_eq(p->write_solution((es_instance *)r, &res.best, scratch, out), ES_OK);
    fclose(out);
    free(scratch);
    res.best.perm = NULL;
    res.best.keys = NULL;
    es_solver_destroy(s);
    return res;
}

Test(rcpsp_units, durations_in_finer_units_give_the_same_search_scaled)
{
    es_registry *reg;
    es_registry_create(&reg);
    rcpsp *one = load_scaled(1), *seven = load_scaled(7);
    cr_assert_eq(one->unit, 1);
    cr_assert_eq(seven->unit, 7, "the durations' common divisor is the search's unit");
    cr_assert_eq(seven->horizon, one->horizon, "the profile is no longer for finer units");
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 2; k++) {
        const es_problem *p = builtin_problem(reg, names[k]);
        es_bound b1, b7;
        cr_assert_eq(p->lower_bound((es_instance *)one, &b1), ES_OK);
        cr_assert_eq(p->lower_bound((es_instance *)seven, &b7), ES_OK);
        cr_assert_eq(b7.value, 7 * b1.value);
        cr_assert_eq(p->literature_bound((es_instance *)seven, &b7), ES_OK);
        cr_assert_eq(b7.value, 7.0 * one->critical_path);
        char *sol1, *sol7;
        es_result r1 = solve_for_test(reg, p, one, &sol1), r7 = solve_for_test(reg, p, seven, &sol7);
        cr_assert_eq(r7.best_value, 7 * r1.best_value, "%s: %g against 7 x %g", names[k], r7.best_value,
                     r1.best_value);
        cr_assert_eq(r7.evaluations, r1.evaluations);
        /* The solution file is in the file's units, line by line seven times the other. */
        es_source s7 = {"sol7.txt", sol7, strlen(sol7), NULL};
        es_error err = {0, ""};
        double checked;
        cr_assert_eq(p->check((es_instance *)seven, &s7, &checked, &err), ES_OK, "%s", err.message);
        cr_assert_eq(checked, r7.best_value);
        const char *a = strstr(sol1, "\nJ "), *b = strstr(sol7, "\nJ ");
        for (int j = 0; j < one->n; j++) {
            int ja, jb;
            long sa, ea, sb, eb;
            cr_assert_eq(sscanf(a, "\nJ %d %ld %ld", &ja, &sa, &ea), 3);
            cr_assert_eq(sscanf(b, "\nJ %d %ld %ld", &jb, &sb, &eb), 3);
            cr_assert(ja == jb && sb == 7 * sa && eb == 7 * ea, "%s: job %d at %ld-%ld, and %ld-%ld in sevenths",
                      names[k], ja, sa, ea, sb, eb);
            a = strstr(a + 1, "\nJ ");
            b = strstr(b + 1, "\nJ ");
        }
        /* Feasibility is checked in the file's units: the same schedule
         * three units later, off the grid of sevens, is still feasible. */
        char *shifted = malloc(strlen(sol7) + 64 * (size_t)one->n);
        size_t len = (size_t)sprintf(shifted, "objective %ld\n", (long)r7.best_value + 3);
        for (b = strstr(sol7, "\nJ "); b; b = strstr(b + 1, "\nJ ")) {
            int j;
            long s, e;
            sscanf(b, "\nJ %d %ld %ld", &j, &s, &e);
            len += (size_t)sprintf(shifted + len, "J %d %ld %ld\n", j, s + 3, e + 3);
        }
        es_source sh = {"shifted.txt", shifted, len, NULL};
        cr_assert_eq(p->check((es_instance *)seven, &sh, &checked, &err), ES_OK, "%s", err.message);
        cr_assert_eq(checked, r7.best_value + 3);
        /* and --start puts it back on the grid, no later */
        es_genome_info info;
        p->genome_info((es_instance *)seven, &info);
        es_genome back;
        es_genome_alloc(&info, &back);
        void *scratch = calloc(1, p->scratch_size((es_instance *)seven));
        cr_assert_eq(p->read_solution((es_instance *)seven, &sh, &back, &err), ES_OK, "%s", err.message);
        cr_assert_eq(p->evaluate((es_instance *)seven, &back, scratch, &checked), ES_OK);
        cr_assert_leq(checked, r7.best_value, "%s: %g", names[k], checked);
        free(scratch);
        es_genome_free(&back);
        free(shifted);
        free(sol1);
        free(sol7);
    }
    rcpsp_destroy((es_instance *)one);
    rcpsp_destroy((es_instance *)seven);
    es_registry_destroy(reg);
}

/* The three resource profiles of the SGS, by the flags that choose them. */
enum { PROFILE_UNITS, PROFILE_PACKED, PROFILE_POINTS, PROFILES };
static const char *const profile_names[] = {"time units", "packed time units", "breakpoints"};

static void use_profile(rcpsp *r, int which)
{
    r->breakpoints = which == PROFILE_POINTS;
    r->packed = which == PROFILE_PACKED;
}

/* Time units, packed time units and breakpoints give the same schedules,
 * the same early aborts and the same per-time-unit profile, forward and
 * backward, on random lists of every committed project and of one with
 * long durations (which goes on breakpoints by itself). */
Test(rcpsp_sgs, every_resource_profile_gives_the_same_schedules)
{
    es_rng rng;
    es_rng_seed(&rng, 77, 3);
    rcpsp *fine = load_fine();
    cr_assert_eq(fine->unit, 1);
    cr_assert(fine->breakpoints && !fine->packed, "long durations go on breakpoints");
    for (int f = 0; f <= NFILES; f++) {
        rcpsp *r = f < NFILES ? load_file(files[f]) : fine;
        const char *name = f < NFILES ? files[f] : "fine.rcp";
        cr_assert_eq(r->breakpoints, f == NFILES, "PSPLIB stays on time units");
        cr_assert_eq(r->packed, f < NFILES, "PSPLIB's four resources are packed");
        cr_assert_not_null(r->packed_req);
        size_t size = rcpsp_scratch_size((es_instance *)r);
        int n = r->n, *list = malloc((size_t)n * sizeof *list), *s[PROFILES];
        void *scratch[PROFILES];
        for (int v = 0; v < PROFILES; v++) {
            scratch[v] = calloc(1, size);
            s[v] = malloc((size_t)n * sizeof *s[v]);
        }
        for (int trial = 0; trial < 200; trial++) {
            random_list(r, &rng, list);
            int direction = trial % 2 ? RCPSP_BACKWARD : RCPSP_FORWARD;
            if (direction == RCPSP_BACKWARD) /* a backward list places successors first */
                for (int q = 0; q < n / 2; q++) {
                    int x = list[q];
                    list[q] = list[n - 1 - q];
                    list[n - 1 - q] = x;
                }
            int cutoff = trial % 3 == 2 ? r->critical_path + (int)es_rng_below(&rng, (uint32_t)r->critical_path)
                                        : INT_MAX;
            int m[PROFILES], c[PROFILES];
            for (int v = 0; v < PROFILES; v++) {
                use_profile(r, v);
                m[v] = rcpsp_sgs_cutoff(r, list, direction, scratch[v], s[v], cutoff, &c[v]);
            }
            for (int v = 1; v < PROFILES; v++) {
                cr_assert_eq(m[0], m[v], "%s, trial %d: makespan %d on %s, %d on %s", name, trial, m[0],
                             profile_names[0], m[v], profile_names[v]);
                cr_assert_eq(c[0], c[v]);
                if (!c[0])
                    continue;
                cr_assert_arr_eq(s[0], s[v], (size_t)n * sizeof *s[0], "%s, trial %d: the start times differ on %s",
                                 name, trial, profile_names[v]);
                /* the per-time-unit profile, rebuilt from the start times,
                 * equals the one time units booked */
                use_profile(r, PROFILE_UNITS);
                const int *booked = rcpsp_profile(r, s[0], m[0], direction, scratch[PROFILE_UNITS]);
                use_profile(r, v);
                const int *rebuilt = rcpsp_profile(r, s[v], m[v], direction, scratch[v]);
                cr_assert_arr_eq(booked, rebuilt, (size_t)m[0] * (size_t)r->K * sizeof *booked,
                                 "%s, trial %d: the profile differs on %s", name, trial, profile_names[v]);
            }
        }
        for (int v = 0; v < PROFILES; v++) {
            free(scratch[v]);
            free(s[v]);
        }
        free(list);
        if (r != fine)
            rcpsp_destroy((es_instance *)r);
    }
    rcpsp_destroy((es_instance *)fine);
}


/* The serial SGS by its definition, naively: jobs in list order, each at
 * the earliest time after its predecessors finish (backward: its
 * successors, on mirrored time) at which every resource has room for it
 * through its whole duration, read from a per-time-unit table of the jobs
 * placed before. A start that overloads unit tau cannot be followed by one
 * at or before tau, so the next try is tau + 1: no other shortcut. Writes
 * real start times as rcpsp_sgs does; returns the makespan. */
static int reference_sgs(const rcpsp *r, const int *list, int backward, int *start)
{
    int n = r->n, K = r->K, makespan = 0;
    int *fin = calloc((size_t)n, sizeof *fin), *use = calloc((size_t)(r->horizon + 1) * (size_t)K, sizeof *use);
    const int *in_start = backward ? r->succ_start : r->pred_start, *in = backward ? r->succ : r->pred;
    for (int q = 0; q < n; q++) {
        int j = list[q], t = 0, d = r->dur[j];
        for (int e = in_start[j]; e < in_start[j + 1]; e++)
            t = fin[in[e]] > t ? fin[in[e]] : t;
        for (int tau = t; tau < t + d; tau++)
            for (int k = 0; k < K; k++)
                if (use[(size_t)tau * K + k] + r->req[(size_t)j * K + k] > r->cap[k]) {
                    t = tau + 1, tau = t - 1; /* the loop's ++ starts the check at t */
                    break;
                }
        cr_assert_leq(t + d, r->horizon, "a serial schedule ends within the sum of the durations");
        for (int tau = t; tau < t + d; tau++)
            for (int k = 0; k < K; k++)
                use[(size_t)tau * K + k] += r->req[(size_t)j * K + k];
        fin[j] = t + d;
        makespan = t + d > makespan ? t + d : makespan;
    }
    for (int j = 0; j < n; j++)
        start[j] = backward ? makespan - fin[j] : fin[j] - r->dur[j];
    free(fin);
    free(use);
    return makespan;
}

/* Every profile's SGS starts each job where the definition does, forward
 * and backward, on random lists of every committed project and of one in
 * hundredths (breakpoints): the profiles agreeing with one another (above)
 * would not show a shortcut they share that skips a feasible start. */
Test(rcpsp_sgs, every_job_starts_where_the_definition_puts_it)
{
    es_rng rng;
    es_rng_seed(&rng, 48, 1);
    rcpsp *fine = load_fine();
    for (int f = 0; f <= NFILES; f++) {
        rcpsp *r = f < NFILES ? load_file(files[f]) : fine;
        const char *name = f < NFILES ? files[f] : "fine.rcp";
        int n = r->n, *list = malloc(3 * (size_t)n * sizeof *list), *want = list + n, *got = want + n;
        void *scratch[PROFILES]; /* one each: a profile keeps what it needs to clear in its own layout */
        for (int v = 0; v < PROFILES; v++)
            scratch[v] = calloc(1, rcpsp_scratch_size((es_instance *)r));
        long waited = 0; /* jobs the resources kept from their predecessors' finish */
        for (int trial = 0; trial < 60; trial++) {
            random_list(r, &rng, list);
            int backward = trial % 2;
            if (backward) /* a backward list places successors first */
                for (int q = 0; q < n / 2; q++) {
                    int x = list[q];
                    list[q] = list[n - 1 - q];
                    list[n - 1 - q] = x;
                }
            int ms = reference_sgs(r, list, backward, want);
            for (int v = 0; v < PROFILES; v++) {
                if (v != PROFILE_POINTS && f == NFILES)
                    continue; /* hundredths: too long a profile per time unit */
                use_profile(r, v);
                int got_ms = rcpsp_sgs(r, list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, scratch[v], got);
                cr_assert_eq(got_ms, ms, "%s, trial %d, %s: makespan %d, the definition's %d", name, trial,
                             profile_names[v], got_ms, ms);
                for (int j = 0; j < n; j++)
                    cr_assert_eq(got[j], want[j], "%s, trial %d, %s %s: job %d starts at %d, the definition's %d",
                                 name, trial, profile_names[v], backward ? "backward" : "forward", j + 1, got[j],
                                 want[j]);
            }
            if (!backward)
                for (int j = 0; j < n; j++) {
                    int ready = 0;
                    for (int e = r->pred_start[j]; e < r->pred_start[j + 1]; e++) {
                        int p = r->pred[e];
                        ready = want[p] + r->dur[p] > ready ? want[p] + r->dur[p] : ready;
                    }
                    waited += want[j] > ready;
                }
        }
        cr_assert_gt(waited, 0, "%s: no job ever waited for a resource", name);
        for (int v = 0; v < PROFILES; v++)
            free(scratch[v]);
        free(list);
        if (r != fine)
            rcpsp_destroy((es_instance *)r);
    }
    rcpsp_destroy((es_instance *)fine);
}
