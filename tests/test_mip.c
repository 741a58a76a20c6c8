/* GLPK bounds: the MIP optimum equals brute force on tiny instances, bounds
 * never pass a feasible value, a short time limit still gives a valid bound,
 * the incumbent each problem hands GLPK is a point of its model, and GLPK's
 * errors are trapped instead of aborting the process. */
#include <glpk.h>
#include <signal.h>
#include <sys/time.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "problems/tardiness/tardiness.h"
#include "problems/rcpsp/rcpsp.h"
#include "rcpsp_fixture.h"
#include "problems/satellite/satellite.h"
#include "solver/gap.h"
#include "solver/mip_bound.h"

extern const es_problem es_problem_tardiness, es_problem_rcpsp, es_problem_rcpsp_keys, es_problem_satellite;

static int64_t brute_tardiness(const tardiness *t, int *perm, int k)
{
    if (k == t->n)
        return tard_sequence_cost(t, perm);
    int64_t best = INT64_MAX;
    for (int i = k; i < t->n; i++) {
        int x = perm[k];
        perm[k] = perm[i], perm[i] = x;
        int64_t v = brute_tardiness(t, perm, k + 1);
        best = v < best ? v : best;
        perm[i] = perm[k], perm[k] = x;
    }
    return best;
}

Test(mip, tardiness_optimum_equals_brute_force)
{
    es_rng rng;
    es_rng_seed(&rng, 8, 8);
    for (int trial = 0; trial < 6; trial++) {
        int n = 4 + trial % 3;
        tardiness *t;
        cr_assert_eq(tard_alloc(n, &t), ES_OK);
        for (int j = 0; j < n; j++) {
            t->p[j] = 1 + (int)es_rng_below(&rng, 9);
            t->w[j] = 1 + (int)es_rng_below(&rng, 5);
            t->total_p += t->p[j];
        }
        for (int j = 0; j < n; j++)
            t->d[j] = es_rng_below(&rng, (uint32_t)t->total_p);
        int perm[8];
        for (int j = 0; j < n; j++)
            perm[j] = j;
        int64_t want = brute_tardiness(t, perm, 0);
        es_mip_options opt = {30, NULL, NAN, 0, NULL};
        es_mip_result r;
        es_error err = {0, ""};
        cr_assert_eq(es_mip_bound(&es_problem_tardiness, (es_instance *)t, &opt, &r, &err), ES_OK, "%s", err.message);
        cr_assert_eq(r.status, ES_MIP_OPTIMAL);
        cr_assert_float_eq(r.incumbent, (double)want, 1e-6, "n=%d: MIP %g, brute force %lld", n, r.incumbent,
                           (long long)want);
        cr_assert_leq(r.lp_bound, want + 1e-6);
        tard_destroy((es_instance *)t);
    }
}

static rcpsp *load_rcpsp(const char *name, const char *text)
{
    es_source src;
    es_error err = {0, ""};
    if (text)
        src = (es_source){name, text, strlen(text), NULL};
    else
        cr_assert_eq(es_source_read(name, &src, &err), ES_OK, "%s", err.message);
    es_instance *inst;
    cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s", err.message);
    if (!text)
        es_source_free(&src);
    return (rcpsp *)inst;
}

Test(mip, rcpsp_optimum_equals_brute_force)
{
    /* Six real jobs on two resources, with a precedence chain and conflicts. */
    static const char project[] = "8 2\n4 3\n"
                                  "0 0 0 3 2 3 4\n"
                                  "3 2 1 1 5\n"
                                  "2 3 2 1 6\n"
                                  "4 1 1 1 7\n"
                                  "2 2 2 1 8\n"
                                  "3 3 1 1 8\n"
                                  "1 2 2 1 8\n"
                                  "0 0 0 0\n";
    rcpsp *r = load_rcpsp("tiny.rcp", project);
    int want = brute_optimum(r);
    es_mip_options opt = {30, NULL, NAN, 0, NULL};
    es_mip_result m;
    es_error err = {0, ""};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert_eq(m.status, ES_MIP_OPTIMAL);
    cr_assert_float_eq(m.incumbent, want, 1e-6, "MIP %g, brute force %d", m.incumbent, want);
    cr_assert_leq(m.lp_bound, want + 1e-6);
    rcpsp_destroy((es_instance *)r);
    /* The same project in fifths (every duration times 5): the model counts
     * in the durations' common divisor, its objective in the file's units,
     * from an incumbent stated in them too. */
    static const char fifths[] = "8 2\n4 3\n"
                                 "0 0 0 3 2 3 4\n"
                                 "15 2 1 1 5\n"
                                 "10 3 2 1 6\n"
                                 "20 1 1 1 7\n"
                                 "10 2 2 1 8\n"
                                 "15 3 1 1 8\n"
                                 "5 2 2 1 8\n"
                                 "0 0 0 0\n";
    r = load_rcpsp("fifths.rcp", fifths);
    es_genome g;
    es_genome_info info = {ES_GENOME_PERMUTATION, r->n, r->succ_start, r->succ};
    es_genome_alloc(&info, &g);
    const char *name;
    rcpsp_heuristic((es_instance *)r, 0, &g, &name);
    void *scratch = calloc(1, rcpsp_scratch_size((es_instance *)r));
    double value;
    cr_assert_eq(es_problem_rcpsp.evaluate((es_instance *)r, &g, scratch, &value), ES_OK);
    es_mip_options with = {30, &g, value, 0, NULL};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &with, &m, &err), ES_OK, "%s", err.message);
    cr_assert_eq(m.status, ES_MIP_OPTIMAL);
    cr_assert_float_eq(m.incumbent, 5 * want, 1e-6, "MIP %g in fifths, brute force 5 x %d", m.incumbent, want);
    cr_assert_float_eq(m.mip_bound, 5 * want, 1e-6);
    es_genome_free(&g);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
}

Test(mip, rcpsp_model_with_few_columns_but_too_many_nonzeros_is_declined, .timeout = 60)
{
    /* 300 unit jobs side by side on one unit resource: 90,000 columns (under
     * the column cap), but each precedence from the start brings rows as
     * long as the window: about 27 million nonzeros, gigabytes for GLPK. */
    enum { N = 300 };
    char *text = malloc(16 * N * N);
    int len = sprintf(text, "%d 1\n1\n0 0 %d", N + 2, N);
    for (int j = 0; j < N; j++)
        len += sprintf(text + len, " %d", j + 2);
    len += sprintf(text + len, "\n");
    for (int j = 0; j < N; j++)
        len += sprintf(text + len, "1 1 1 %d\n", N + 2);
    sprintf(text + len, "0 0 0\n");
    rcpsp *r = load_rcpsp("parallel.rcp", text);
    es_mip_options opt = {5, NULL, NAN, 0, NULL};
    es_mip_result m;
    es_error err = {0, ""};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert_eq(m.status, ES_MIP_TOO_LARGE);
    cr_assert(strstr(m.message, "nonzeros"), "%s", m.message);
    rcpsp_destroy((es_instance *)r);
    free(text);
}

/* The model's start windows come from the time-window propagation and its
 * makespan from the time-window bound up: on generated projects with scarce
 * resources GLPK's optimum is still the brute-force optimum (windows that
 * cut off every optimal schedule would make it worse, or infeasible), and
 * the LP bound is never below the time-window bound. */
Test(mip, propagated_windows_keep_the_optimum_of_small_projects)
{
    for (int seed = 1; seed <= 30; seed++) {
        char args[128], *text;
        es_error err = {0, ""};
        snprintf(args, sizeof args, "--n 7 --resources 2 --rf %s --rs %.1f --seed %d", seed % 2 ? "1" : "0.5",
                 0.1 * (seed % 3 + 1), seed);
        cr_assert_eq(generate_rcpsp(args, &text, &err), ES_OK, "%s", err.message);
        rcpsp *r = load_rcpsp("small.sm", text);
        free(text);
        int want = brute_optimum(r);
        int windows = rcpsp_destructive_bound(r);
        es_mip_options opt = {30, NULL, NAN, 0, NULL};
        es_mip_result m;
        cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
        cr_assert_eq(m.status, ES_MIP_OPTIMAL, "%s: %s", args, m.message);
        cr_assert_float_eq(m.incumbent, rcpsp_real(r, want), 1e-6, "%s: MIP %g, brute force %g", args, m.incumbent,
                           rcpsp_real(r, want));
        cr_assert(m.has_lp_bound && m.lp_bound >= rcpsp_real(r, windows) - 1e-6, "%s: LP %g below the windows' %g",
                  args, m.lp_bound, rcpsp_real(r, windows));
        rcpsp_destroy((es_instance *)r);
    }
}

static volatile sig_atomic_t mip_stop;
static void raise_stop(int sig)
{
    (void)sig;
    mip_stop = 1;
}

/* When the heuristic's horizon is the critical path, the makespan column
 * has equal bounds; GLPK rejects those as a double bound and gave no LP
 * bound at all. A stop flag already raised leaves the LP bound standing. */
Test(mip, a_horizon_at_the_critical_path_and_a_raised_stop_flag)
{
    rcpsp *r = load_rcpsp(ES_INSTANCES "/rcpsp/j12010_1.sm", NULL); /* critical path 111 = optimum */
    es_mip_options opt = {1.0, NULL, NAN, 0, NULL};
    es_mip_result m;
    es_error err = {0, ""};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert(m.has_lp_bound, "no LP bound: %s", m.message);
    cr_assert_float_eq(m.lp_bound, 111, 1e-9);
    rcpsp_destroy((es_instance *)r);

    /* Without a stop, branch-and-cut on j3013_5 from no incumbent runs its
     * whole limit (30 s here); a flag raised 5 s in, as Ctrl-C would,
     * ends it at once with the bounds proven so far. */
    r = load_rcpsp(ES_INSTANCES "/rcpsp/j3013_5.sm", NULL);
    mip_stop = 0;
    signal(SIGALRM, raise_stop);
    /* the LP takes about 1 s (GLPK is not built with the sanitizers): 5 s
     * leave room for a slow machine */
    struct itimerval in = {{0, 0}, {5, 0}};
    setitimer(ITIMER_REAL, &in, NULL);
    opt = (es_mip_options){30, NULL, NAN, 0, &mip_stop};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert(mip_stop, "the test's timer never fired");
    cr_assert_lt(m.seconds, 12, "GLPK ran %.1f s past the stop flag", m.seconds);
    cr_assert(m.has_lp_bound && m.has_mip_bound, "the bounds proven before the stop were lost");
    cr_assert_geq(m.mip_bound, m.lp_bound - 1e-9);
    cr_assert_leq(m.mip_bound, 67 + 1e-9); /* the optimum */
    cr_assert(strstr(m.message, "interrupted"), "%s", m.message);
    rcpsp_destroy((es_instance *)r);
    /* j12021_1's LP relaxation alone takes about 12 s: the flag, raised 2 s
     * in, is seen between its slices */
    r = load_rcpsp(ES_INSTANCES "/rcpsp/j12021_1.sm", NULL);
    mip_stop = 0;
    struct itimerval early = {{0, 0}, {2, 0}};
    setitimer(ITIMER_REAL, &early, NULL);
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert(mip_stop, "the test's timer never fired");
    cr_assert_lt(m.seconds, 8, "the LP ran %.1f s past the stop flag", m.seconds); /* it needs 12 s */
    cr_assert(!m.has_lp_bound && strstr(m.message, "interrupted"), "%s", m.message);
    rcpsp_destroy((es_instance *)r);
}

Test(mip, incumbent_and_short_time_limit_give_valid_bounds)
{
    rcpsp *r = load_rcpsp(ES_INSTANCES "/rcpsp/j3013_5.sm", NULL); /* optimum 67 */
    es_genome g;
    es_genome_info info = {ES_GENOME_PERMUTATION, r->n, r->succ_start, r->succ};
    es_genome_alloc(&info, &g);
    const char *name;
    rcpsp_heuristic((es_instance *)r, 0, &g, &name);
    void *scratch = calloc(1, rcpsp_scratch_size((es_instance *)r));
    long long evals = 1000;
    double value = NAN;
    rcpsp_improve((es_instance *)r, &g, &value, scratch, NULL, &evals);
    /* What a short limit leaves must be valid whenever GLPK stops. Whether
     * 1 s is enough for a bound depends on the machine's speed (a CI run once
     * had none after 1 s), so the limit doubles from 1 s until there is one,
     * and every try's result is checked. */
    es_mip_result m;
    double limit = 1;
    for (;; limit *= 2) {
        es_mip_options opt = {limit, &g, value, 0, NULL};
        es_error err = {0, ""};
        cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
        cr_assert(m.has_incumbent, "the incumbent given to GLPK was lost");
        cr_assert_leq(m.incumbent, value + 1e-9);
        if (m.has_lp_bound)
            cr_assert_leq(m.lp_bound, 67 + 1e-9);
        if (m.has_lp_bound || m.has_mip_bound)
            break;
        cr_assert_lt(limit, 64, "no bound within %g s", limit);
    }
    cr_assert_leq(m.mip_bound, 67 + 1e-9, "bound %g above the optimum", m.mip_bound);
    cr_assert_geq(m.mip_bound, r->critical_path - 1e-9);
    /* A makespan is a whole number (the model's makespan column is
     * integer), so the proven bound is rounded up: at least the LP's value
     * rounded up (50.45 -> 51), never a fraction. */
    if (m.has_mip_bound) {
        cr_assert_eq(m.mip_bound, nearbyint(m.mip_bound), "bound %.10g is not a whole makespan", m.mip_bound);
        if (m.has_lp_bound)
            cr_assert_geq(m.mip_bound, ceil(m.lp_bound - 1e-6), "MIP %g, LP %g", m.mip_bound, m.lp_bound);
    }
    es_genome_free(&g);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
}

/* Satellite brute force: every task skipped or given every (antenna, feed,
 * interval) in turn, each new link checked against the placed ones on the
 * resources they share. */
typedef struct sat_brute {
    const satellite *m;
    sat_link placed[8];
    int on[8];
    double best;
    sat_link best_links[8];
    int best_on[8];
} sat_brute;

static int clashes(const satellite *m, const sat_link *x, const sat_link *y)
{
    const sat_task *a = &m->tasks[x->task], *b = &m->tasks[y->task];
    const sat_link *first = x->start <= y->start ? x : y, *second = first == x ? y : x;
    const sat_task *f = &m->tasks[first->task], *s = &m->tasks[second->task];
    if (a->sta == b->sta && x->antenna == y->antenna &&
        second->start < first->end + (f->sat != s->sat ? m->stas[f->sta].setup : 0))
        return 1;
    if (a->sat == b->sat && x->feed == y->feed && second->start < first->end + sat_feed_gap(m, f->sat, f->sta, s->sta))
        return 1;
    return a->sat == b->sat && a->sta == b->sta && second->start < first->end;
}

static void brute_satellite(sat_brute *B, int k, double value)
{
    const satellite *m = B->m;
    if (k == m->ntask) {
        if (value > B->best) {
            B->best = value;
            memcpy(B->best_links, B->placed, sizeof B->placed);
            memcpy(B->best_on, B->on, sizeof B->on);
        }
        return;
    }
    const sat_task *t = &m->tasks[k];
    B->on[k] = 0;
    brute_satellite(B, k + 1, value);
    for (int a = 0; a < m->stas[t->sta].antennas; a++)
        for (int f = 0; f < m->sats[t->sat].feeds; f++)
            for (int b = t->start; b < t->end; b++)
                for (int e = b + t->dmin; e <= t->end && e - b <= t->dmax; e++) {
                    if (m->objective == SAT_PROFIT && e - b != t->dmax)
                        continue;
                    sat_link l = {k, a, f, b, e};
                    int ok = 1;
                    for (int j = 0; j < k && ok; j++)
                        ok = !B->on[j] || !clashes(m, &B->placed[j], &l);
                    if (!ok)
                        continue;
                    B->placed[k] = l;
                    B->on[k] = 1;
                    brute_satellite(B, k + 1, value + sat_link_value(m, &l));
                    B->on[k] = 0;
                }
}

/* A tiny random instance (4 tasks, horizon 20) in text, small enough for
 * the brute force: trial picks the objective, satellites and antennas. */
static void tiny_satellite(es_rng *rng, int trial, char *text, size_t size)
{
    int len = 0, nsat = 1 + trial % 2, ntask = 4;
    len += snprintf(text + len, size - (size_t)len, "CSG 1\nHORIZON 20\nOBJECTIVE %s\nSATELLITES %d\n",
                    trial % 3 == 2 ? "PROFIT" : "LINKTIME", nsat);
    for (int s = 0; s < nsat; s++) {
        int same = (int)es_rng_below(rng, 2), sw = same + (int)es_rng_below(rng, 3);
        len += snprintf(text + len, size - (size_t)len, "S %d %d %s %d %d %d\n", s,
                        1 + (int)es_rng_below(rng, 2), es_rng_below(rng, 2) ? "SW" : "FIX", same, sw,
                        sw + (int)es_rng_below(rng, 3));
    }
    len += snprintf(text + len, size - (size_t)len, "STATIONS 2\n");
    for (int g = 0; g < 2; g++)
        len += snprintf(text + len, size - (size_t)len, "G %d %d %d\n", g, 1 + (trial + g) % 2 * (g == 0),
                        (int)es_rng_below(rng, 4));
    len += snprintf(text + len, size - (size_t)len, "TASKS %d\n", ntask);
    for (int k = 0; k < ntask; k++) {
        int b = (int)es_rng_below(rng, 7), w = 4 + (int)es_rng_below(rng, 4);
        int dmin = 1 + (int)es_rng_below(rng, 2), dmax = dmin + (int)es_rng_below(rng, 3);
        if (k == 0 && trial % 2) /* a window just long enough: its start is fixed, which GLPK wants said so */
            w = dmax = dmin;
        len += snprintf(text + len, size - (size_t)len, "T %d %d %d %d %d %d %d %d\n", k,
                        (int)es_rng_below(rng, (uint32_t)nsat), (int)es_rng_below(rng, 2), b, b + w, dmin, dmax,
                        1 + (int)es_rng_below(rng, 5));
    }
    snprintf(text + len, size - (size_t)len, "END\n");
}

/* A tiny random instance (text in text), loaded, with its brute-force
 * optimum in *B. */
static es_instance *tiny_solved(es_rng *rng, int trial, char *text, size_t size, sat_brute *B)
{
    tiny_satellite(rng, trial, text, size);
    es_source src = {"tiny.csg", text, strlen(text), NULL};
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s\n%s", err.message, text);
    *B = (sat_brute){.m = sat_of(inst), .best = -1};
    brute_satellite(B, 0, 0);
    return inst;
}

Test(mip, satellite_optimum_equals_brute_force)
{
    es_rng rng;
    es_rng_seed(&rng, 5, 5);
    for (int trial = 0; trial < 8; trial++) {
        char text[2048];
        int ntask = 4;
        sat_brute B;
        es_instance *inst = tiny_solved(&rng, trial, text, sizeof text, &B);
        es_error err = {0, ""};
        /* the brute-force optimum passes the independent checker */
        char plan[1024];
        int pl = snprintf(plan, sizeof plan, "objective %.0f\n", B.best);
        for (int k = 0; k < ntask; k++)
            if (B.best_on[k])
                pl += snprintf(plan + pl, sizeof plan - (size_t)pl, "A %d %d %d %d %d\n", k, B.best_links[k].antenna,
                               B.best_links[k].feed, B.best_links[k].start, B.best_links[k].end);
        es_source sol = {"plan.txt", plan, strlen(plan), NULL};
        double checked;
        cr_assert_eq(sat_check(inst, &sol, &checked, &err), ES_OK, "%s\n%s%s", err.message, text, plan);
        es_mip_options opt = {30, NULL, NAN, 0, NULL};
        es_mip_result r;
        cr_assert_eq(es_mip_bound(&es_problem_satellite, inst, &opt, &r, &err), ES_OK, "%s", err.message);
        cr_assert_eq(r.status, ES_MIP_OPTIMAL);
        cr_assert_float_eq(r.incumbent, B.best, 1e-6, "trial %d: MIP %g, brute force %g\n%s", trial, r.incumbent,
                           B.best, text);
        cr_assert_geq(r.lp_bound, B.best - 1e-6);
        sat_destroy(inst);
    }
}

/* The problem's bound (the pair capacity relaxation or the interval
 * capacity LP, the smaller) is never below the optimum: 80 tiny random
 * instances against the brute force. The LP gives the bound on some and
 * meets the optimum on some, so both its validity and its use are seen.
 * Tiny projects get GLPK's exact LP; the Lagrangian bound that larger ones
 * get instead (lagrange.c) is held to the optimum on the same relaxations. */
Test(mip, satellite_bound_hook_is_never_below_the_optimum)
{
    es_rng rng;
    es_rng_seed(&rng, 21, 4);
    int by_lp = 0, tight = 0, lagrange_tight = 0;
    for (int trial = 0; trial < 80; trial++) {
        char text[2048];
        sat_brute B;
        es_instance *inst = tiny_solved(&rng, trial, text, sizeof text, &B);
        es_bound b;
        memset(&b, 0, sizeof b);
        cr_assert_eq(es_problem_satellite.lower_bound(inst, &b), ES_OK);
        cr_assert_geq(b.value, B.best, "trial %d: bound %.0f (%s) below the optimum %.0f\n%s", trial, b.value, b.source,
                      B.best, text);
        by_lp += strcmp(b.source, "interval capacity LP") == 0;
        tight += b.value == B.best;
        sat_relaxation r;
        cr_assert_eq(sat_relaxation_build(sat_of(inst), 5000, &r), ES_OK);
        double lagrange = sat_lagrange_bound(sat_of(inst), &r, 1000);
        cr_assert_geq(lagrange, B.best, "trial %d: Lagrangian bound %.0f below the optimum %.0f\n%s", trial, lagrange,
                      B.best, text);
        lagrange_tight += lagrange == B.best;
        sat_relaxation_free(&r);
        sat_destroy(inst);
    }
    cr_assert_gt(by_lp, 0, "the LP never gave the bound");
    cr_assert_gt(tight, 0, "no bound met its optimum");
    cr_assert_gt(lagrange_tight, 0, "the Lagrangian bound never met the optimum");
}

Test(mip, satellite_incumbent_is_kept_and_bounds_it)
{
    es_source src;
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/satellite/XS-2.csg", &src, &err), ES_OK, "%s", err.message);
    cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s", err.message);
    const satellite *m = sat_of(inst);
    es_genome g;
    es_genome_info info = {ES_GENOME_PERMUTATION, m->ntask, NULL, NULL};
    es_genome_alloc(&info, &g);
    const char *name;
    cr_assert_eq(sat_heuristic(inst, 0, &g, &name), ES_OK);
    void *scratch = calloc(1, sat_scratch_size(inst));
    double value = sat_decode(m, g.perm, scratch, NULL, NULL);
    es_mip_options opt = {1.0, &g, value, 0, NULL};
    es_mip_result r;
    cr_assert_eq(es_mip_bound(&es_problem_satellite, inst, &opt, &r, &err), ES_OK, "%s", err.message);
    cr_assert(r.has_incumbent && r.incumbent >= value - 1e-9, "incumbent %g lost (heuristic %g)", r.incumbent, value);
    cr_assert(r.has_mip_bound || r.has_lp_bound);
    cr_assert_geq(r.has_mip_bound ? r.mip_bound : r.lp_bound, r.incumbent - 1e-6);
    cr_assert_geq(r.lp_bound, r.incumbent - 1e-6);
    es_genome_free(&g);
    free(scratch);
    sat_destroy(inst);
    es_source_free(&src);
}

/* What problem p hands GLPK as its first incumbent for genome g (columns
 * 1..cols of p's model lp) is a point of the model: within every column's
 * bounds, binary where the column is, inside every row, and worth value. */
static void expect_incumbent_in_model(const es_problem *p, const es_instance *inst, glp_prob *lp, const es_genome *g,
                                      void *scratch, double cutoff, double value, const char *what)
{
    int rows = glp_get_num_rows(lp), cols = glp_get_num_cols(lp);
    double *x = calloc((size_t)cols + 1, sizeof *x);
    cr_assert_eq(p->glpk_solution(inst, g, scratch, cutoff, x), ES_OK, "%s", what);
    double *val = malloc(((size_t)cols + 1) * sizeof *val), obj = glp_get_obj_coef(lp, 0);
    int *ind = malloc(((size_t)cols + 1) * sizeof *ind);
    for (int c = 1; c <= cols; c++) {
        double lo = glp_get_col_lb(lp, c), hi = glp_get_col_ub(lp, c);
        int type = glp_get_col_type(lp, c);
        if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
            cr_assert_geq(x[c], lo - 1e-9, "%s: column %d below its bound", what, c);
        if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
            cr_assert_leq(x[c], hi + 1e-9, "%s: column %d above its bound", what, c);
        if (glp_get_col_kind(lp, c) == GLP_BV)
            cr_assert(x[c] == 0 || x[c] == 1, "%s: column %d not binary", what, c);
        obj += glp_get_obj_coef(lp, c) * x[c];
    }
    cr_assert_float_eq(obj, value, 1e-6, "%s: the variables are worth %g, the solution %g", what, obj, value);
    for (int i = 1; i <= rows; i++) {
        int len = glp_get_mat_row(lp, i, ind, val);
        double a = 0;
        for (int k = 1; k <= len; k++)
            a += val[k] * x[ind[k]];
        int type = glp_get_row_type(lp, i);
        if (type == GLP_LO || type == GLP_DB || type == GLP_FX)
            cr_assert_geq(a, glp_get_row_lb(lp, i) - 1e-6, "%s: row %d violated", what, i);
        if (type == GLP_UP || type == GLP_DB || type == GLP_FX)
            cr_assert_leq(a, glp_get_row_ub(lp, i) + 1e-6, "%s: row %d violated", what, i);
    }
    free(x);
    free(val);
    free(ind);
}

/* A random sequence of a tardiness instance, written in the time-indexed
 * model's variables, is a point of the model worth its total tardiness: a
 * column for the wrong completion time would break a row or the value. */
Test(mip, tardiness_incumbent_satisfies_every_row)
{
    glp_term_out(GLP_OFF);
    es_source src;
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/example20.txt", &src, &err), ES_OK, "%s", err.message);
    cr_assert_eq(tard_load(&src, &inst, &err), ES_OK, "%s", err.message);
    const tardiness *t = tard_of(inst);
    glp_prob *lp = glp_create_prob();
    cr_assert_eq(tard_glpk_model(inst, lp, NAN, &err), ES_OK, "%s", err.message);
    int perm[64];
    cr_assert_leq(t->n, 64);
    es_rng rng;
    es_rng_seed(&rng, 20, 20);
    for (int trial = 0; trial < 20; trial++) {
        for (int k = 0; k < t->n; k++)
            perm[k] = k;
        es_rng_shuffle(&rng, perm, t->n);
        es_genome g = {perm, NULL};
        char what[64];
        snprintf(what, sizeof what, "example20 trial %d", trial);
        expect_incumbent_in_model(&es_problem_tardiness, inst, lp, &g, NULL, NAN, (double)tard_sequence_cost(t, perm),
                                  what);
    }
    glp_delete_prob(lp);
    tard_destroy(inst);
    es_source_free(&src);
    glp_free_env();
}

/* The same for RCPSP, through both representations' tables: each priority
 * rule's schedule as x_js and the makespan variable, in a model whose
 * horizon (the cutoff) leaves room for all of them. */
Test(mip, rcpsp_incumbent_satisfies_every_row)
{
    glp_term_out(GLP_OFF);
    const es_problem *problems[2] = {&es_problem_rcpsp, &es_problem_rcpsp_keys};
    for (int f = 0; f < 2; f++) {
        const char *file = f ? ES_INSTANCES "/rcpsp/j3013_5.sm" : ES_INSTANCES "/rcpsp/j301_1.sm";
        rcpsp *r = load_rcpsp(file, NULL);
        const es_instance *inst = (const es_instance *)r;
        double cutoff = 0;
        for (int j = 0; j < r->n; j++)
            cutoff += r->dur[j] * r->unit; /* every schedule fits */
        for (int w = 0; w < 2; w++) {
            const es_problem *p = problems[w];
            es_error err = {0, ""};
            glp_prob *lp = glp_create_prob();
            cr_assert_eq(p->glpk_model(inst, lp, cutoff, &err), ES_OK, "%s", err.message);
            void *scratch = calloc(1, p->scratch_size(inst));
            es_genome_info info;
            p->genome_info(inst, &info);
            es_genome g;
            cr_assert_eq(es_genome_alloc(&info, &g), ES_OK);
            const char *name;
            for (int rule = 0; p->heuristic(inst, rule, &g, &name) == ES_OK; rule++) {
                double value;
                cr_assert_eq(p->evaluate(inst, &g, scratch, &value), ES_OK);
                char what[128];
                snprintf(what, sizeof what, "%s, %s, rule %s", file, p->name, name);
                expect_incumbent_in_model(p, inst, lp, &g, scratch, cutoff, value, what);
            }
            es_genome_free(&g);
            free(scratch);
            glp_delete_prob(lp);
        }
        rcpsp_destroy((es_instance *)r);
    }
    glp_free_env();
}

/* The plan a genome stands for (decoded, then retimed), written in the
 * model's variables (what GLPK is given as its first incumbent), satisfies
 * every bound, row and integrality of the model and has the plan's value: a
 * wrong relabelling of antennas or feeds, a wrong order binary, or a
 * retiming that broke a gap would break a row. The retiming gains on some
 * of the orders, so the retimed times are what is checked. */
Test(mip, satellite_incumbent_satisfies_every_row)
{
    glp_term_out(GLP_OFF);
    int retimed = 0;
    es_rng rng;
    es_rng_seed(&rng, 12, 12);
    for (int f = 1; f <= 3; f++) {
        char path[256];
        snprintf(path, sizeof path, ES_INSTANCES "/satellite/XS-%d.csg", f);
        es_source src;
        es_instance *inst;
        es_error err = {0, ""};
        cr_assert_eq(es_source_read(path, &src, &err), ES_OK, "%s", err.message);
        cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s", err.message);
        const satellite *m = sat_of(inst);
        glp_prob *lp = glp_create_prob();
        cr_assert_eq(sat_glpk_model(inst, lp, NAN, &err), ES_OK, "%s", err.message);
        int *perm = malloc((size_t)m->ntask * sizeof *perm);
        char what[64];
        void *scratch = calloc(1, sat_scratch_size(inst));
        for (int trial = 0; trial < 20; trial++) {
            for (int k = 0; k < m->ntask; k++)
                perm[k] = k;
            es_rng_shuffle(&rng, perm, m->ntask);
            es_genome g = {perm, NULL};
            double decoded = sat_decode(m, perm, scratch, NULL, NULL), value;
            cr_assert_eq(sat_plan_value(m, perm, scratch, &value), ES_OK);
            retimed += value > decoded;
            snprintf(what, sizeof what, "XS-%d trial %d", f, trial);
            expect_incumbent_in_model(&es_problem_satellite, inst, lp, &g, scratch, NAN, value, what);
        }
        glp_delete_prob(lp);
        free(perm), free(scratch);
        sat_destroy(inst);
        es_source_free(&src);
    }
    cr_assert_gt(retimed, 0, "no order gained by the retiming: its times were not checked");
    glp_free_env();
}

Test(mip, satellite_model_declines_what_it_does_not_describe)
{
    static const char text[] = "CSG 1\nHORIZON 100\nOBJECTIVE LINKTIME\nMAX_SWITCHES 1\nSATELLITES 1\nS 0 1 SW 0 1 2\nSTATIONS 1\n"
                               "G 0 1 0\nTASKS 1\nT 0 0 0 0 10 1 5 1\nEND\n";
    es_source src = {"limits.csg", text, sizeof text - 1, NULL};
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s", err.message);
    es_mip_options opt = {5, NULL, NAN, 0, NULL};
    es_mip_result r;
    cr_assert_eq(es_mip_bound(&es_problem_satellite, inst, &opt, &r, &err), ES_OK, "%s", err.message);
    cr_assert_eq(r.status, ES_MIP_TOO_LARGE);
    cr_assert(strstr(r.message, "feed-switch limit"), "%s", r.message);
    sat_destroy(inst);
}

/* A model builder that makes GLPK fail (a column that does not exist). */
static int broken_model(const es_instance *inst, void *lp, double cutoff, es_error *err)
{
    (void)inst, (void)cutoff, (void)err;
    glp_add_cols(lp, 1);
    glp_set_col_bnds(lp, 7, GLP_LO, 0.0, 0.0);
    return ES_OK;
}

Test(mip, glpk_errors_are_trapped_not_fatal)
{
    es_problem broken = es_problem_tardiness;
    broken.glpk_model = broken_model;
    tardiness *t;
    es_error err = {0, ""};
    static const char text[] = "3\n3 4 1\n1 5 3\n2 1 2\n";
    es_source src = {"a.txt", text, sizeof text - 1, NULL};
    cr_assert_eq(tard_load(&src, (es_instance **)&t, &err), ES_OK);
    es_mip_options opt = {5, NULL, NAN, 0, NULL};
    es_mip_result m;
    cr_assert_eq(es_mip_bound(&broken, (es_instance *)t, &opt, &m, &err), ES_EINTERNAL);
    cr_assert(strstr(err.message, "GLPK error"), "%s", err.message);
    cr_assert(strstr(err.message, "j = 7; column number out of range"), "%s", err.message);
    /* GLPK still works afterwards. */
    cr_assert_eq(es_mip_bound(&es_problem_tardiness, (es_instance *)t, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert_eq(m.status, ES_MIP_OPTIMAL);
    cr_assert_float_eq(m.incumbent, 4, 1e-9);
    tard_destroy((es_instance *)t);
}

/* The bound reported from what GLPK proved. A branch-and-cut stopped within
 * milliseconds of the LP (j3013_5 given 0.94 s) still held a weaker bound
 * than the LP's 50.45; that was rounded to 50 first, then replaced by the
 * LP's value unrounded, and 50.45 was reported where 51 is proven. */
Test(mip, the_bound_reported_is_the_lp_or_better_then_rounded)
{
    /* minimisation, whole objective: the LP's value wins and is rounded up */
    cr_assert_eq(es_mip_settle_bound(ES_MINIMIZE, 1, 50.0, 1, 50.44722236), 51);
    cr_assert_eq(es_mip_settle_bound(ES_MINIMIZE, 1, 48.2, 1, 50.44722236), 51);
    /* a better branch-and-cut bound is kept, and rounded */
    cr_assert_eq(es_mip_settle_bound(ES_MINIMIZE, 1, 52.3, 1, 50.44722236), 53);
    /* a whole value but for the LP's rounding error stays */
    cr_assert_eq(es_mip_settle_bound(ES_MINIMIZE, 1, 50.0000001, 1, 49.5), 50);
    /* no LP bound: the branch-and-cut bound alone */
    cr_assert_eq(es_mip_settle_bound(ES_MINIMIZE, 1, 48.2, 0, 60), 49);
    /* maximisation: the mirror image */
    cr_assert_eq(es_mip_settle_bound(ES_MAXIMIZE, 1, 120.0, 1, 110.6), 110);
    cr_assert_eq(es_mip_settle_bound(ES_MAXIMIZE, 1, 100.7, 1, 110.6), 100);
    cr_assert_eq(es_mip_settle_bound(ES_MAXIMIZE, 1, 99.9999999, 1, 110.6), 100);
    /* an objective that is not whole-valued is never rounded */
    cr_assert_float_eq(es_mip_settle_bound(ES_MINIMIZE, 0, 48.2, 1, 50.44722236), 50.44722236, 1e-12);
    cr_assert_float_eq(es_mip_settle_bound(ES_MAXIMIZE, 0, 100.7, 1, 110.6), 100.7, 1e-12);
}

Test(gap, a_known_optimum_outranks_bounds_that_claim_more)
{
    es_bounds b;
    es_bounds_init(&b);
    es_bound dp = {0, 1, "exact dynamic programming"}, noise = {5.9e-11, 0, "GLPK MIP"}, weak = {-3, 0, "pairing"};
    es_bounds_add(&b, ES_MINIMIZE, &weak);
    cr_assert_eq(b.best, 0);
    es_bounds_add(&b, ES_MINIMIZE, &dp);
    es_bounds_add(&b, ES_MINIMIZE, &noise);
    cr_assert_eq(b.best, 1, "GLPK's 5.9e-11 beat the proven optimum 0");
    double g;
    cr_assert(es_gap_percent(0, b.list[b.best].value, &g) && g == 0);
    /* without a known optimum the tightest bound wins, in either sense */
    es_bounds_init(&b);
    es_bound lo = {10, 0, "a"}, hi = {12, 0, "b"};
    es_bounds_add(&b, ES_MAXIMIZE, &hi);
    es_bounds_add(&b, ES_MAXIMIZE, &lo);
    cr_assert_eq(b.best, 1);
    es_bounds_init(&b);
    es_bounds_add(&b, ES_MINIMIZE, &lo);
    es_bounds_add(&b, ES_MINIMIZE, &hi);
    cr_assert_eq(b.best, 1);
}

/* A bound the solution beats is wrong (a bad --optimum, a stale file): it
 * is set aside, and the best is chosen among those that hold. */
Test(gap, a_bound_the_solution_beats_is_set_aside)
{
    es_bounds b;
    es_bounds_init(&b);
    es_bound cp = {38, 0, "critical path"}, opt = {43, 1, "bounds.csv"}, wrong = {50, 1, "--optimum"};
    es_bounds_add(&b, ES_MINIMIZE, &cp);
    es_bounds_add(&b, ES_MINIMIZE, &opt);
    es_bounds_add(&b, ES_MINIMIZE, &wrong);
    cr_assert_eq(b.best, 2); /* the tightest optimum claimed, until a solution says otherwise */
    cr_assert_eq(es_bounds_contradicted_by(&b, ES_MINIMIZE, 52), 0);
    cr_assert_eq(b.best, 2);
    cr_assert_eq(es_bounds_contradicted_by(&b, ES_MINIMIZE, 43), 1);
    cr_assert(!b.contradicted[0] && !b.contradicted[1] && b.contradicted[2]);
    cr_assert_eq(b.best, 1);
    cr_assert(es_is_optimal(ES_MINIMIZE, 43, &b.list[b.best]));
    /* maximising: a solution above every bound leaves none */
    es_bounds_init(&b);
    es_bound relax = {1000, 0, "relaxation"};
    es_bounds_add(&b, ES_MAXIMIZE, &relax);
    cr_assert_eq(es_bounds_contradicted_by(&b, ES_MAXIMIZE, 999), 0);
    cr_assert_eq(b.best, 0);
    cr_assert_eq(es_bounds_contradicted_by(&b, ES_MAXIMIZE, 1001), 1);
    cr_assert_eq(b.best, -1);
}
