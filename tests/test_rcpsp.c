/* RCPSP: parsers and their errors, the critical path against bounds.csv,
 * SGS output against the independent checker, justification, the checker's
 * refusals, and exact schedule counting. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "test_util.h"
#include "rcpsp_fixture.h"

static const char *const files[] = {"j301_1.sm", "j3013_5.sm", "j6013_1.sm", "j12010_1.sm", "j12060_3.sm", "j12021_1.sm"};
#define NFILES 6

/* The parser refuses text, naming `where` (file:line) and `why`. */
static void expect_error(const char *path, const char *text, const char *where, const char *why)
{
    es_source src = {path, text, strlen(text), NULL};
    es_instance *inst = NULL;
    es_error err = {0, ""};
    cr_assert_neq(rcpsp_load(&src, &inst, &err), ES_OK, "accepted a malformed file (%s)", why);
    cr_assert_null(inst);
    cr_assert(strstr(err.message, where), "'%s' lacks '%s'", err.message, where);
    cr_assert(strstr(err.message, why), "'%s' lacks '%s'", err.message, why);
}

Test(rcpsp_parse, reads_psplib_sm)
{
    rcpsp *r = load_file("j301_1.sm");
    cr_assert_eq(r->n, 32);
    cr_assert_eq(r->K, 4);
    int cap[4] = {12, 13, 4, 12};
    cr_assert_arr_eq(r->cap, cap, sizeof cap);
    cr_assert_eq(r->dur[1], 8);
    cr_assert_eq(r->req[1 * 4 + 0], 4);
    cr_assert_eq(r->succ_start[1] - r->succ_start[0], 3);
    int s0[3] = {1, 2, 3};
    cr_assert_arr_eq(r->succ, s0, sizeof s0);
    rcpsp_destroy((es_instance *)r);
}

Test(rcpsp_parse, patterson_rcp_reads_the_same_project)
{
    rcpsp *a = load_file("j301_1.sm"), *b = load_file("j301_1.rcp");
    cr_assert_eq(a->n, b->n);
    cr_assert_eq(a->K, b->K);
    cr_assert_arr_eq(a->cap, b->cap, (size_t)a->K * sizeof(int));
    cr_assert_arr_eq(a->dur, b->dur, (size_t)a->n * sizeof(int));
    cr_assert_arr_eq(a->req, b->req, (size_t)a->n * (size_t)a->K * sizeof(int));
    cr_assert_arr_eq(a->succ_start, b->succ_start, (size_t)(a->n + 1) * sizeof(int));
    cr_assert_arr_eq(a->succ, b->succ, (size_t)a->succ_start[a->n] * sizeof(int));
    rcpsp_destroy((es_instance *)a);
    rcpsp_destroy((es_instance *)b);
}

Test(rcpsp_parse, malformed_files_give_file_line_and_reason)
{
    char *sm = slurp("j301_1.sm");
    char *t;
    /* Line 20 holds job 2's precedence line, line 56 job 2's request line. */
    expect_error("m.sm", t = edit(sm, "   2        1          3           6  11  15",
                                  "   2        3          3           6  11  15"), "m.sm:20", "multi-mode");
    free(t);
    expect_error("m.sm", t = edit(sm, "  - nonrenewable              :  0   N", "  - nonrenewable              :  2   N"),
                 "m.sm:10", "multi-mode");
    free(t);
    expect_error("m.sm", t = edit(sm, "  30        1          1          32", "  30        1          1           2"),
                 "m.sm", "cycle");
    free(t);
    expect_error("m.sm", t = edit(sm, "   3        1          3           7   8  13", "   4        1          3           7   8  13"),
                 "m.sm:21", "expected job 3, found job 4");
    free(t);
    expect_error("m.sm", t = edit(sm, "   3        1          3           7   8  13", "   3        1          3           7   8  99"),
                 "m.sm:21", "successor must lie in [1, 32]");
    free(t);
    expect_error("m.sm", t = edit(sm, "   3        1          3           7   8  13", "   3        1          3           7   8  3"),
                 "m.sm:21", "its own successor");
    free(t);
    expect_error("m.sm", t = edit(sm, "  2      1     8       4", "  2      1     8      40"), "m.sm", "no schedule exists");
    free(t);
    expect_error("m.sm", t = edit(sm, "  2      1     8       4", "  2      1     x       4"), "m.sm:56", "found 'x'");
    free(t);
    char *cut = strdup(sm);
    cut[strstr(cut, "REQUESTS/DURATIONS") - cut + 300] = 0; /* truncated inside the requests */
    expect_error("m.sm", cut, "m.sm", "unexpected end of file");
    free(cut);
    expect_error("m.sm", "PRECEDENCE RELATIONS\n", "m.sm", "missing the 'projects' line");
    expect_error("x.rcp", "2 1\n5\n1 1 1 2\n", "x.rcp:4", "end of file");
    expect_error("x.rcp", "2 1\n5\n1 1 1 2\n1 1 1 1\n", "x.rcp", "cycle");
    free(sm);
}

/* The cases above are the ones users meet; these are the rest of the
 * parsers' refusals, each of which would otherwise let a damaged file be
 * read as some other project (a count taken from the wrong line, a
 * successor kept twice, a second project silently dropped). */
Test(rcpsp_parse, every_other_refusal_names_its_line)
{
    char *sm = slurp("j301_1.sm");
    char *t;
    static const struct {
        const char *from, *to, *where, *why;
    } cases[] = {
        {"projects                      :  1", "projects                      :  2", "m.sm:5",
         "2 projects in one file are not supported"},
        {"projects                      :  1", "projects                         1", "m.sm:5",
         "expected 'projects : value'"},
        {"jobs (incl. supersource/sink ):  32", "jobs (incl. supersource/sink ):  0", "m.sm:6",
         "jobs must be an integer in [1, "},
        {"  - renewable                 :  4   R", "  - renewable                 :  -4   R", "m.sm:9",
         "renewable resources must be an integer"},
        {"  - doubly constrained        :  0   D", "  - doubly constrained        :  1   D", "m.sm:11",
         "doubly constrained resources are not supported"},
        {"   2        1          3           6  11  15", "   2        1          3           6  11   6", "m.sm:20",
         "successor 6 listed twice"},
        {"   2        1          3           6  11  15", "   2        1          2           6  11  15", "m.sm:20",
         "job 2 lists more successors than the 2 it announces"},
        {"  2      1     8       4    0    0    0", "  2      1     8       4    0    0    0    5", "m.sm:56",
         "more values than a duration and 4 requests"},
        {"   12   13    4   12", "   12   13    4   12    9", "m.sm:90", "more capacities than the 4 resources"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        expect_error("m.sm", t = edit(sm, cases[c].from, cases[c].to), cases[c].where, cases[c].why);
        free(t);
    }
    /* Files cut short inside a section: the message says which. */
    static const struct {
        const char *after, *why;
    } cuts[] = {
        {"PRECEDENCE RELATIONS:\n", "unexpected end of file in PRECEDENCE RELATIONS"},
        {"RESOURCEAVAILABILITIES:\n", "unexpected end of file in RESOURCEAVAILABILITIES"},
        {"RESOURCEAVAILABILITIES:\n  R 1  R 2  R 3  R 4\n", "missing the resource capacities"},
    };
    for (size_t c = 0; c < sizeof cuts / sizeof cuts[0]; c++) {
        char *cut = strdup(sm);
        char *at = strstr(cut, cuts[c].after);
        cr_assert_not_null(at, "the fixture lacks '%s'", cuts[c].after);
        at[strlen(cuts[c].after)] = 0;
        expect_error("m.sm", cut, "m.sm:", cuts[c].why);
        free(cut);
    }
    free(sm);
    expect_error("x.rcp", "2 1\n5\n1 1 1 1\n1 1 0\n", "x.rcp:3", "activity 1 is its own successor");
    expect_error("x.rcp", "3 1\n5\n1 1 2 2 2\n1 1 0\n1 1 0\n", "x.rcp:3", "successor 2 listed twice");
    expect_error("x.rcp", "2 1\n5\n1 1 1 2\n1 1 0\n7\n", "x.rcp:5", "unexpected data after the 2 activities");
}

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

static void random_list(const rcpsp *r, es_rng *rng, int *list)
{
    int n = r->n, *indeg = malloc((size_t)n * sizeof *indeg), *elig = malloc((size_t)n * sizeof *elig), ne = 0;
    for (int j = 0; j < n; j++)
        if ((indeg[j] = r->pred_start[j + 1] - r->pred_start[j]) == 0)
            elig[ne++] = j;
    for (int pos = 0; pos < n; pos++) {
        int k = (int)es_rng_below(rng, (uint32_t)ne), j = elig[k];
        elig[k] = elig[--ne];
        list[pos] = j;
        for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++)
            if (--indeg[r->succ[e]] == 0)
                elig[ne++] = r->succ[e];
    }
    free(indeg);
    free(elig);
}

static int check_genome(const rcpsp *r, const int *list, void *scratch, double *value, es_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    es_genome g = {(int *)list, NULL};
    cr_assert_eq(rcpsp_write_solution((const es_instance *)r, &g, scratch, f), ES_OK);
    fclose(f);
    es_source src = {"sol.txt", buf, len, NULL};
    int st = rcpsp_check((const es_instance *)r, &src, value, err);
    free(buf);
    return st;
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

Test(rcpsp_check, refuses_broken_schedules)
{
    rcpsp *r = load_file("j301_1.sm");
    es_source bad;
    es_error err = {0, ""};
    double v;
    struct {
        const char *text, *why;
    } cases[] = {
        /* job 2 (duration 8) starts before job 1 ends? job 1 is a dummy; use job 6 after job 2 */
        {"objective 8\nJ 2 0 8\nJ 6 7 15\n", "job 1 is not scheduled"},
        {"objective 10\nJ 1 0 0\nJ 2 0 7\n", "lasts 7, its duration is 8"},
        {"objective 10\nJ 1 0 0\nJ 1 0 0\n", "scheduled twice"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bad = (es_source){"sol.txt", cases[i].text, strlen(cases[i].text), NULL};
        err.message[0] = 0;
        cr_assert_neq(rcpsp_check((es_instance *)r, &bad, &v, &err), ES_OK);
        cr_assert(strstr(err.message, cases[i].why), "'%s' lacks '%s'", err.message, cases[i].why);
    }
    /* Start from a feasible schedule and break one thing at a time. */
    void *scratch = calloc(1, rcpsp_scratch_size((es_instance *)r));
    int *list = malloc((size_t)r->n * sizeof *list), *start = malloc((size_t)r->n * sizeof *start);
    es_rng rng;
    es_rng_seed(&rng, 1, 1);
    random_list(r, &rng, list);
    int ms = rcpsp_sgs(r, list, RCPSP_FORWARD, scratch, start);
    char text[8192];
    for (int variant = 0; variant < 2; variant++) {
        int off = 0, stated = ms;
        int s[64];
        memcpy(s, start, (size_t)r->n * sizeof *s);
        const char *why = NULL;
        if (variant == 0) { /* job 6 (successor of 2) starts with job 2 */
            s[5] = s[1];
            why = "before its predecessor 2 ends";
        } else {
            stated = ms + 1;
            why = "states makespan";
        }
        int real = 0;
        for (int j = 0; j < r->n; j++)
            if (s[j] + r->dur[j] > real)
                real = s[j] + r->dur[j];
        off += snprintf(text + off, sizeof text - (size_t)off, "objective %d\n", variant == 1 ? stated : real);
        for (int j = 0; j < r->n; j++)
            off += snprintf(text + off, sizeof text - (size_t)off, "J %d %d %d\n", j + 1, s[j], s[j] + r->dur[j]);
        bad = (es_source){"sol.txt", text, (size_t)off, NULL};
        err.message[0] = 0;
        cr_assert_eq(rcpsp_check((es_instance *)r, &bad, &v, &err), ES_EINFEASIBLE, "variant %d accepted", variant);
        cr_assert(strstr(err.message, why), "variant %d: '%s' lacks '%s'", variant, err.message, why);
    }
    free(scratch);
    free(list);
    free(start);
    rcpsp_destroy((es_instance *)r);
}

/* A schedule as a solution file: starts times `stretch`, each job then
 * `shift` later (both keep a feasible schedule feasible). The objective
 * written is that schedule's makespan, into *makespan too. */
static size_t write_schedule(const rcpsp *r, const int *start, long stretch, long shift, char *text, size_t size,
                             long *makespan)
{
    *makespan = 0;
    for (int j = 0; j < r->n; j++)
        if (start[j] * stretch + shift + r->dur[j] > *makespan)
            *makespan = start[j] * stretch + shift + r->dur[j];
    size_t off = (size_t)snprintf(text, size, "objective %ld\n", *makespan);
    for (int j = 0; j < r->n && off < size; j++)
        off += (size_t)snprintf(text + off, size - off, "J %d %ld %ld\n", j + 1, start[j] * stretch + shift,
                                start[j] * stretch + shift + r->dur[j]);
    cr_assert_lt(off, size);
    return off;
}

/* solve --start reads a solution into a genome that decodes no later (the
 * serial SGS on the jobs in start order moves each job only earlier), for
 * both representations: the schedule itself and a stretched copy full of
 * idle time. A solution that check refuses is refused alike. */
Test(rcpsp_start, a_solution_file_decodes_to_a_schedule_no_longer)
{
    es_registry *reg;
    es_registry_create(&reg);
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    static char text[1 << 16];
    for (int k = 0; k < 2; k++) {
        const es_problem *p = builtin_problem(reg, names[k]);
        cr_assert_not_null(p->read_solution);
        for (int f = 0; f < NFILES; f++) {
            genome_pair g;
            pair_open(p, files[f], &g);
            int *list = malloc((size_t)g.r->n * sizeof *list), *start = malloc((size_t)g.r->n * sizeof *start);
            es_rng rng;
            es_rng_seed(&rng, (uint64_t)f, 9);
            long shorter = 0;
            for (int trial = 0; trial < 20; trial++) {
                random_list(g.r, &rng, list);
                int ms = rcpsp_sgs(g.r, list, RCPSP_FORWARD, g.scratch, start);
                for (long stretch = 1; stretch <= 2; stretch++) {
                    long makespan;
                    size_t len = write_schedule(g.r, start, stretch, stretch - 1, text, sizeof text, &makespan);
                    es_source sol = {"start.txt", text, len, NULL};
                    es_error err = {0, ""};
                    cr_assert_eq(p->read_solution(g.inst, &sol, &g.a, &err), ES_OK, "%s", err.message);
                    cr_assert_eq(es_genome_validate(&g.info, &g.a), ES_OK);
                    double v;
                    cr_assert_eq(p->evaluate(g.inst, &g.a, g.scratch, &v), ES_OK);
                    cr_assert_leq(v, makespan, "%s %s: the start decodes to %g, the file says %ld", names[k],
                                  files[f], v, makespan);
                    cr_assert_leq(v, ms, "%s %s: %g, longer than the schedule the file stretches (%d)", names[k],
                                  files[f], v, ms);
                    shorter += v < ms;
                }
            }
            cr_assert_lt(shorter, 40, "%s %s: every decode beat its schedule: not a test", names[k], files[f]);
            /* a file that check refuses: job 6 starting with its predecessor 2 */
            long makespan;
            int keep = start[5];
            start[5] = start[1];
            size_t len = write_schedule(g.r, start, 1, 0, text, sizeof text, &makespan);
            start[5] = keep;
            es_source sol = {"bad.txt", text, len, NULL};
            es_error err = {0, ""}, check_err = {0, ""};
            double v;
            int st = p->check(g.inst, &sol, &v, &check_err);
            cr_assert(f > 0 || st != ES_OK, "j301_1: job 6 follows job 2");
            if (st != ES_OK) {
                cr_assert_eq(p->read_solution(g.inst, &sol, &g.a, &err), st);
                cr_assert_str_eq(err.message, check_err.message);
            }
            free(list);
            free(start);
            pair_close(&g);
        }
    }
    es_registry_destroy(reg);
}

Test(rcpsp_check, refuses_a_resource_overload)
{
    /* Two unrelated jobs of duration 2 each need 2 units of a resource of 2. */
    static const char project[] = "4 1\n2\n0 0 2 2 3\n2 2 1 4\n2 2 1 4\n0 0 0\n";
    es_source src = {"tiny.rcp", project, sizeof project - 1, NULL};
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s", err.message);
    static const char overlap[] = "objective 2\nJ 1 0 0\nJ 2 0 2\nJ 3 0 2\nJ 4 2 2\n";
    static const char serial[] = "objective 4\nJ 1 0 0\nJ 2 0 2\nJ 3 2 4\nJ 4 4 4\n";
    es_source bad = {"sol.txt", overlap, sizeof overlap - 1, NULL}, good = {"sol.txt", serial, sizeof serial - 1, NULL};
    double v;
    cr_assert_eq(rcpsp_check(inst, &bad, &v, &err), ES_EINFEASIBLE);
    cr_assert(strstr(err.message, "resource 1 is used 4 > capacity 2"), "%s", err.message);
    cr_assert_eq(rcpsp_check(inst, &good, &v, &err), ES_OK, "%s", err.message);
    cr_assert_eq(v, 4);
    rcpsp_destroy(inst);
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

/* Start and finish times of the schedule g decodes to, read back from the
 * problem's own solution text (so through write_solution, not its decoder). */
static void decoded_times(const es_problem *p, const rcpsp *r, const es_genome *g, void *scratch, int *start,
                          int *finish)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(p->write_solution((const es_instance *)r, g, scratch, out), ES_OK);
    fclose(out);
    int read = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        int j, s0, f0;
        if (sscanf(line, "J %d %d %d", &j, &s0, &f0) == 3) {
            start[j - 1] = s0;
            finish[j - 1] = f0;
            read++;
        }
    }
    cr_assert_eq(read, r->n);
    free(buf);
}

/* How the random-key tests begin: the rcpsp-keys table from a new registry
 * (the caller destroys it) and a seeded generator. */
static const es_problem *keys_open(es_registry **reg, es_rng *rng, uint64_t seed, uint64_t stream)
{
    es_registry_create(reg);
    es_rng_seed(rng, seed, stream);
    return builtin_problem(*reg, "rcpsp-keys");
}

/* Fresh uniform keys for every gene of g, control genes included. */
static void random_keys(const es_genome_info *info, es_genome *g, es_rng *rng)
{
    for (int i = 0; i < info->length; i++)
        g->keys[i] = es_rng_uniform(rng);
}

/* What the independent checker finds in g's solution file, as the problem
 * writes it (not its decoder): the makespan, after asserting it is feasible. */
static double checked_makespan(const es_problem *p, es_instance *inst, const es_genome *g, void *scratch,
                               const char *what)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(p->write_solution(inst, g, scratch, out), ES_OK);
    fclose(out);
    es_source sol = {"sol.txt", buf, len, NULL};
    double checked;
    es_error err = {0, ""};
    cr_assert_eq(p->check(inst, &sol, &checked, &err), ES_OK, "%s: %s", what, err.message);
    free(buf);
    return checked;
}

/* The justification orders activities that start (or finish) together at
 * random, from the improvement's stream (keys.c, shuffle_ties): one genome
 * improved from two streams gives two schedules, both feasible and no
 * longer than its decode; without a stream the order is the sort's. */
Test(rcpsp_keys, justification_breaks_ties_at_random_and_never_lengthens)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 41, 2);
    for (int f = 0; f < NFILES; f++) {
        genome_pair g;
        pair_open(p, files[f], &g);
        es_genome c;
        es_genome_alloc(&g.info, &c);
        int differ = 0;
        for (int trial = 0; trial < 30; trial++) {
            random_keys(&g.info, &g.a, &rng);
            g.a.keys[g.r->n + 1] = 0.25; /* serial, either direction */
            double v;
            cr_assert_eq(p->evaluate(g.inst, &g.a, g.scratch, &v), ES_OK);
            for (int k = 0; k < 3; k++) { /* two streams, then none twice */
                es_genome *out = k == 0 ? &g.b : &c;
                es_genome_copy(&g.info, out, &g.a);
                es_rng stream;
                es_rng_seed(&stream, (uint64_t)trial, (uint64_t)k);
                long long evals = 3;
                double improved;
                cr_assert_eq(p->improve(g.inst, out, &improved, g.scratch, k < 2 ? &stream : NULL, &evals), ES_OK);
                cr_assert_leq(improved, v, "%s: %g after justification, %g before", files[f], improved, v);
                cr_assert_eq(checked_makespan(p, g.inst, out, g.scratch, files[f]), improved);
                if (k == 1)
                    differ += memcmp(g.b.keys, c.keys, (size_t)g.r->n * sizeof *c.keys) != 0;
                if (k == 2) { /* no stream: the same order every time */
                    es_genome_copy(&g.info, &g.b, &g.a);
                    evals = 3;
                    p->improve(g.inst, &g.b, &improved, g.scratch, NULL, &evals);
                    cr_assert_eq(memcmp(g.b.keys, c.keys, (size_t)g.r->n * sizeof *c.keys), 0);
                }
            }
        }
        cr_assert_gt(differ, 0, "%s: two streams never ordered ties differently", files[f]);
        es_genome_free(&c);
        pair_close(&g);
    }
    es_registry_destroy(reg);
}

/* Random keys (rcpsp-keys): every decoder — serial forward, serial backward,
 * parallel — yields schedules the independent checker accepts at the stated
 * makespan; the improvement never lengthens one, spends what it reports
 * (a decode and a justification there and back: three passes when it may),
 * and leaves keys that decode to its result and are places in time: a
 * serial genome keeps its direction, its keys order the activities as their
 * start times (forward) or finish times (backward) do, and its scale gene
 * is one time unit of that schedule. Its niching features are those times,
 * read from the keys alone, with the direction. */
Test(rcpsp_keys, every_decoder_passes_the_checker_and_improvement_is_consistent)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 77, 1);
    for (int f = 0; f < NFILES; f++) {
        genome_pair pair;
        pair_open(p, files[f], &pair);
        const rcpsp *r = pair.r;
        es_instance *inst = pair.inst;
        es_genome_info info = pair.info;
        cr_assert_eq(info.kind, ES_GENOME_RANDOM_KEYS);
        cr_assert_eq(info.length, r->n + 3);
        es_genome g = pair.a;
        void *scratch = pair.scratch;
        int seen[3] = {0, 0, 0};
        for (int trial = 0; trial < 60; trial++) {
            random_keys(&info, &g, &rng);
            int mode = g.keys[r->n + 1] >= 0.5 ? 2 : g.keys[r->n] >= 0.5;
            seen[mode]++;
            double v;
            cr_assert_eq(p->evaluate(inst, &g, scratch, &v), ES_OK);
            cr_assert_geq(v, r->critical_path);
            cr_assert_eq(checked_makespan(p, inst, &g, scratch, files[f]), v, "%s (decoder %d)", files[f], mode);
            long long allowance = 1 + trial % 5, evals = allowance;
            double improved = v;
            cr_assert_eq(p->improve(inst, &g, &improved, scratch, NULL, &evals), ES_OK);
            cr_assert_eq(evals, allowance < 3 ? allowance : 3, "spent %lld of %lld", evals, allowance);
            cr_assert_leq(improved, v, "%s: improvement lengthened %.0f to %.0f", files[f], v, improved);
            double again;
            p->evaluate(inst, &g, scratch, &again);
            cr_assert_eq(again, improved, "improved keys decode to %.0f, not %.0f", again, improved);
            if (allowance < 3)
                continue;
            cr_assert_lt(g.keys[r->n + 1], 0.5, "improved keys decode serially");
            int backward = g.keys[r->n] >= 0.5;
            cr_assert_eq(backward, mode == 1, "decoder %d came back %s", mode, backward ? "backward" : "forward");
            cr_assert_float_eq(g.keys[r->n + 2], 1.0 / (improved + 1.0), 1e-12, "scale %g for makespan %.0f",
                               g.keys[r->n + 2], improved);
            int *start = malloc(2 * (size_t)r->n * sizeof *start), *finish = start + r->n;
            decoded_times(p, r, &g, scratch, start, finish);
            const int *when = backward ? finish : start;
            int *feature = malloc((size_t)info.length * sizeof *feature);
            cr_assert_eq(p->features(inst, &g, feature), r->n);
            for (int a = 0; a < r->n; a++)
                cr_assert_eq(feature[a], 2 * when[a] + backward, "%s: job %d %s at %d has feature %d", files[f],
                             a + 1, backward ? "finishes" : "starts", when[a], feature[a]);
            free(feature);
            for (int a = 0; a < r->n; a++)
                for (int b = 0; b < r->n; b++)
                    if (when[a] < when[b])
                        cr_assert_lt(g.keys[a], g.keys[b], "%s: job %d at %d has key %g, job %d at %d key %g",
                                     files[f], a + 1, when[a], g.keys[a], b + 1, when[b], g.keys[b]);
            free(start);
        }
        cr_assert(seen[0] && seen[1] && seen[2], "a decoder was never exercised");
        pair_close(&pair);
    }
    es_registry_destroy(reg);
}

/* The list a serial decoder must follow, by its definition: at each step
 * the eligible activity (all predecessors placed; backward, all successors)
 * of lowest key (backward: highest), ties to the lower topological rank. */
static void reference_list(const rcpsp *r, const double *key, int backward, int *list)
{
    char *placed = calloc((size_t)r->n, 1);
    const int *in_start = backward ? r->succ_start : r->pred_start, *in = backward ? r->succ : r->pred;
    for (int i = 0; i < r->n; i++) {
        int best = -1;
        for (int j = 0; j < r->n; j++) {
            int ready = !placed[j];
            for (int e = in_start[j]; e < in_start[j + 1] && ready; e++)
                ready = placed[in[e]];
            if (!ready)
                continue;
            double a = backward ? -key[j] : key[j], b = best < 0 ? 0 : backward ? -key[best] : key[best];
            if (best < 0 || a < b || (a == b && r->topo[j] < r->topo[best]))
                best = j;
        }
        cr_assert_geq(best, 0);
        placed[best] = 1;
        list[i] = best;
    }
    free(placed);
}

/* Serial decoding of random keys follows that definition exactly, forward
 * and backward, on keys spread evenly, keys with many ties, keys crowded
 * into a range too small to tell apart by bucket, and equal keys: the
 * decoded schedule is the serial SGS of the reference list. */
Test(rcpsp_keys, serial_decoders_take_the_eligible_activity_of_best_key)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 5, 1);
    for (int f = 0; f < NFILES; f++) {
        genome_pair pair;
        pair_open(p, files[f], &pair);
        const rcpsp *r = pair.r;
        int n = r->n;
        int *list = malloc(4 * (size_t)n * sizeof *list), *start = list + n, *finish = start + n, *want = finish + n;
        void *sgs_scratch = calloc(1, rcpsp_scratch_size(pair.inst));
        for (int trial = 0; trial < 80; trial++) {
            int pattern = trial % 4, backward = trial / 4 % 2;
            for (int j = 0; j < n; j++) {
                double u = es_rng_uniform(&rng);
                pair.a.keys[j] = pattern == 0   ? u
                                 : pattern == 1 ? floor(u * 4) / 4       /* ties */
                                 : pattern == 2 ? 0.5 + u * 1e-14 /* one bucket, and an outlier */
                                                : 0.25;                   /* all equal */
            }
            if (pattern == 2)
                pair.a.keys[3] = 1.0;
            pair.a.keys[n] = backward ? 0.75 : 0.25; /* direction */
            pair.a.keys[n + 1] = 0.25;               /* serial */
            pair.a.keys[n + 2] = 0.0;
            reference_list(r, pair.a.keys, backward, list);
            rcpsp_sgs(r, list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, sgs_scratch, want);
            decoded_times(p, r, &pair.a, pair.scratch, start, finish);
            for (int j = 0; j < n; j++)
                cr_assert_eq(start[j], want[j], "%s, pattern %d, %s: job %d starts at %d, not %d", files[f],
                             pattern, backward ? "backward" : "forward", j + 1, start[j], want[j]);
        }
        free(sgs_scratch);
        free(list);
        pair_close(&pair);
    }
    es_registry_destroy(reg);
}

/* The peak crossover's child as its definition states it, for a window
 * [t1, t1 + len) of the first parent's schedule. */
static void peak_child(const rcpsp *r, const int *a, const int *b, const int *start, int t1, int len, int *out)
{
    int w = 0;
    for (int g = 0; g < 3; g++) {
        const int *from = g == 1 ? a : b;
        for (int q = 0; q < r->n; q++) {
            int s = start[from[q]], in = s < t1 ? 0 : s < t1 + len ? 1 : 2;
            if (in == g)
                out[w++] = from[q];
        }
    }
}

/* Resource utilisation summed over a window, from the start times alone. */
static double window_utilisation(const rcpsp *r, const int *start, int t1, int len)
{
    double u = 0;
    for (int j = 0; j < r->n; j++) {
        int lo = start[j] > t1 ? start[j] : t1, hi = start[j] + r->dur[j] < t1 + len ? start[j] + r->dur[j] : t1 + len;
        for (int k = 0; k < r->K && hi > lo; k++)
            u += (double)(hi - lo) * r->req[(size_t)j * (size_t)r->K + (size_t)k] / r->cap[k];
    }
    return u;
}

/* Peak crossover (--crossover peak): children of random parents are
 * precedence-feasible and pass the checker, and each is exactly the child
 * the definition gives for a window of a quarter to half the first parent's
 * makespan of highest utilisation (recomputed here from start times);
 * identical parents give themselves. */
Test(rcpsp_peak, children_are_feasible_and_built_around_the_densest_window, .timeout = 120)
{
    es_rng rng;
    es_rng_seed(&rng, 77, 1);
    for (int f = 0; f < NFILES; f++) {
        rcpsp *r = load_file(files[f]);
        int n = r->n;
        size_t size = rcpsp_scratch_size((es_instance *)r);
        void *scratch = malloc(size);
        memset(scratch, 0x5A, size);
        int *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
        int *c = malloc((size_t)n * sizeof *c), *want = malloc((size_t)n * sizeof *want);
        int *start = malloc((size_t)n * sizeof *start);
        es_genome_info info = {ES_GENOME_PERMUTATION, n, r->succ_start, r->succ};
        for (int trial = 0; trial < 20; trial++) {
            random_list(r, &rng, a);
            random_list(r, &rng, b);
            es_genome ga = {a, NULL}, gb = {b, NULL}, gc = {c, NULL};
            cr_assert_eq(rcpsp_peak_crossover((es_instance *)r, &ga, &gb, &gc, scratch, &rng), ES_OK);
            cr_assert_eq(es_genome_validate(&info, &gc), ES_OK, "%s: child violates precedences", files[f]);
            double checked;
            es_error err = {0, ""};
            cr_assert_eq(check_genome(r, c, scratch, &checked, &err), ES_OK, "%s: %s", files[f], err.message);
            int ms = rcpsp_sgs(r, a, RCPSP_FORWARD, scratch, start), found = 0;
            for (int len = ms / 4; len <= ms / 4 + ms / 4 && !found; len++) {
                int l = len < 1 ? 1 : len;
                double best = -1;
                for (int t1 = 0; t1 + l <= ms; t1++)
                    if (window_utilisation(r, start, t1, l) > best)
                        best = window_utilisation(r, start, t1, l);
                for (int t1 = 0; t1 + l <= (ms > l ? ms : l) && !found; t1++)
                    if (ms <= l ? t1 == 0 : window_utilisation(r, start, t1, l) >= best - 1e-9) {
                        peak_child(r, a, b, start, t1, l, want);
                        found = memcmp(want, c, (size_t)n * sizeof *c) == 0;
                    }
            }
            cr_assert(found, "%s: the child is not the one of any densest window", files[f]);
        }
        es_genome ga = {a, NULL}, gc = {c, NULL};
        cr_assert_eq(rcpsp_peak_crossover((es_instance *)r, &ga, &ga, &gc, scratch, &rng), ES_OK);
        cr_assert_eq(memcmp(a, c, (size_t)n * sizeof *a), 0, "identical parents must give themselves");
        free(a);
        free(b);
        free(c);
        free(want);
        free(start);
        free(scratch);
        rcpsp_destroy((es_instance *)r);
    }
}

/* The engine uses the problem's crossover by its name, keeps the schedule
 * budget exact and the result independent of the thread count; a problem
 * without such a crossover refuses the name. */
Test(rcpsp_peak, engine_runs_it_by_name)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp"), *keys = builtin_problem(reg, "rcpsp-keys");
    rcpsp *r = load_file("j6013_1.sm");
    void *scratch = malloc(rcpsp_scratch_size((es_instance *)r));
    double best[2];
    es_config cfg;
    for (int threads = 1; threads <= 2; threads++) {
        es_config_init(&cfg);
        cfg.threads = threads;
        cfg.population = 30;
        cfg.crossover = "peak";
        cfg.max_evaluations = 3000;
        es_solver *s;
        es_result res;
        es_error err = {0, ""};
        cr_assert_eq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK, "%s", err.message);
        cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
        cr_assert_eq(res.evaluations, 3000);
        double checked;
        cr_assert_eq(check_genome(r, res.best.perm, scratch, &checked, &err), ES_OK, "%s", err.message);
        cr_assert_eq(checked, res.best_value);
        best[threads - 1] = res.best_value;
        es_solver_destroy(s);
    }
    cr_assert_eq(best[0], best[1]);
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_neq(es_solver_create(reg, keys, (es_instance *)r, &cfg, &s, &err), ES_OK);
    cr_assert(strstr(err.message, "peak"), "unexpected message: %s", err.message);
    /* and the other way round: keys' window is not the lists' */
    cfg.crossover = "window";
    cr_assert_neq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK);
    cr_assert(strstr(err.message, "window"), "unexpected message: %s", err.message);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
    es_registry_destroy(reg);
}

/* rcpsp-keys' window crossover as its definition states it. The child
 * decodes serially in the direction opposite to the first parent's, and
 * each of its keys is a parent's key read in that direction: the same where
 * the parent's direction is the child's, moved by the activity's duration
 * times the parent's scale gene otherwise (a start read as a finish, or the
 * converse). It holds the first parent's keys for the activities whose
 * first-parent keys lie in one stretch of width 0.3, the second parent's for
 * all others. So the keys taken from the first parent span less than 0.3,
 * and every activity whose first-parent key lies within their span is taken
 * from it too. A mutant taking from the second parent inside the window, a
 * window of another width, a child in the first parent's direction or keys
 * read without the shift fails. */
static int reads_backward(const rcpsp *r, const es_genome *g)
{
    return g->keys[r->n + 1] < 0.5 && g->keys[r->n] >= 0.5;
}

static double read_as(const rcpsp *r, const es_genome *g, int j, int backward)
{
    return g->keys[j] + (backward - reads_backward(r, g)) * r->dur[j] * g->keys[r->n + 2];
}

Test(rcpsp_keys, window_crossover_takes_one_stretch_of_the_first_parent)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp-keys");
    cr_assert_str_eq(p->crossover_name, "window");
    rcpsp *r = load_file("j12010_1.sm");
    es_instance *inst = (es_instance *)r;
    es_genome_info info;
    p->genome_info(inst, &info);
    es_genome a, b, c;
    es_genome_alloc(&info, &a);
    es_genome_alloc(&info, &b);
    es_genome_alloc(&info, &c);
    void *scratch = malloc(p->scratch_size(inst));
    es_rng rng;
    es_rng_seed(&rng, 5, 9);
    double widest = 0;
    int directions[2] = {0, 0};
    for (int trial = 0; trial < 200; trial++) {
        for (int i = 0; i < info.length; i++) {
            a.keys[i] = es_rng_uniform(&rng);
            b.keys[i] = es_rng_uniform(&rng);
        }
        /* a scale of one time unit in a schedule of 80 to 180 */
        a.keys[r->n + 2] = 1.0 / (80 + 100 * es_rng_uniform(&rng));
        b.keys[r->n + 2] = 1.0 / (80 + 100 * es_rng_uniform(&rng));
        cr_assert_eq(p->crossover(inst, &a, &b, &c, scratch, &rng), ES_OK);
        int backward = !reads_backward(r, &a);
        directions[backward]++;
        cr_assert_eq(reads_backward(r, &c), backward, "the child reads %s like its first parent",
                     backward ? "forward" : "backward");
        cr_assert_eq(c.keys[r->n + 2], a.keys[r->n + 2], "the child keeps the first parent's scale");
        /* each key moved by at most a quarter of the first parent's time
         * unit, to reorder activities within one unit (keys_window.c, TIE_NOISE) */
        double tol = 0.25 * a.keys[r->n + 2] + 1e-12, moved = 0;
        double lo = 2, hi = -1;
        for (int j = 0; j < r->n; j++) {
            double from_a = read_as(r, &a, j, backward), from_b = read_as(r, &b, j, backward);
            cr_assert(fabs(c.keys[j] - from_a) <= tol || fabs(c.keys[j] - from_b) <= tol,
                      "key %d is %g: neither %g (first parent) nor %g (second)", j, c.keys[j], from_a, from_b);
            if (fabs(c.keys[j] - from_a) <= tol && fabs(c.keys[j] - from_b) > tol) {
                lo = a.keys[j] < lo ? a.keys[j] : lo;
                hi = a.keys[j] > hi ? a.keys[j] : hi;
            }
            double d = fmin(fabs(c.keys[j] - from_a), fabs(c.keys[j] - from_b));
            moved = d > moved ? d : moved;
        }
        cr_assert_gt(moved, tol / 4, "no key moved within its time unit (largest move %g)", moved);
        cr_assert_lt(hi - lo, 0.3, "the first parent's keys span %g", hi - lo);
        widest = hi - lo > widest ? hi - lo : widest;
        for (int j = 0; j < r->n; j++)
            if (a.keys[j] >= lo && a.keys[j] <= hi)
                cr_assert(fabs(c.keys[j] - read_as(r, &a, j, backward)) <= tol,
                          "job %d inside the window came from the second parent", j);
        double v;
        cr_assert_eq(p->evaluate(inst, &c, scratch, &v), ES_OK);
    }
    /* 120 keys drawn uniformly: a window of 0.3 holds some spanning near it */
    cr_assert_gt(widest, 0.25, "windows narrower than stated (widest %g)", widest);
    cr_assert(directions[0] && directions[1], "children went one way only");
    free(scratch);
    es_genome_free(&a);
    es_genome_free(&b);
    es_genome_free(&c);
    rcpsp_destroy(inst);
    es_registry_destroy(reg);
}

/* Why the window crossover reads keys in the child's direction: a parent
 * the improvement has written (its keys the starts or finishes of a
 * schedule), crossed with itself, gives a child whose decode is a
 * justification of that schedule, which never lengthens it (the backward
 * SGS in order of decreasing finish times, or the forward one in order of
 * increasing starts); so its improvement is one pass back, not the three
 * passes of other genomes. Reading a forward parent's starts as finishes would
 * order the right-justification by start times, with no such guarantee:
 * on these instances that mutant lengthens some schedules. */
Test(rcpsp_keys, a_justified_parent_crossed_with_itself_decodes_no_longer)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 31, 4);
    int shorter = 0, trials = 0;
    for (int f = 0; f < NFILES; f++) {
        genome_pair g;
        pair_open(p, files[f], &g);
        const rcpsp *r = g.r;
        for (int trial = 0; trial < 100; trial++) {
            random_keys(&g.info, &g.a, &rng);
            /* a decode and a justification there and back */
            long long evals = 3;
            double parent;
            cr_assert_eq(p->improve(g.inst, &g.a, &parent, g.scratch, NULL, &evals), ES_OK);
            cr_assert_eq(p->crossover(g.inst, &g.a, &g.a, &g.b, g.scratch, &rng), ES_OK);
            cr_assert_neq(reads_backward(r, &g.b), reads_backward(r, &g.a));
            double child;
            cr_assert_eq(p->evaluate(g.inst, &g.b, g.scratch, &child), ES_OK);
            cr_assert_leq(child, parent, "%s: a justification of a %.0f schedule took %.0f", files[f], parent,
                          child);
            shorter += child < parent;
            trials++;
            /* the child's decode was a justification: one pass back ends
             * the iteration, in the parent's direction */
            long long allowance = 5;
            double improved;
            cr_assert_eq(p->improve(g.inst, &g.b, &improved, g.scratch, NULL, &allowance), ES_OK);
            cr_assert_eq(allowance, 2, "a child of the window took %lld passes", allowance);
            cr_assert_leq(improved, child);
            cr_assert_eq(reads_backward(r, &g.b), reads_backward(r, &g.a));
        }
        pair_close(&g);
    }
    cr_assert_gt(shorter, 0, "no justification of %d shortened a schedule", trials);
    es_registry_destroy(reg);
}

/* A random genome of either representation: a precedence-feasible list, or
 * keys (control genes included, so every decoder gets its share). */
static void random_genome(const rcpsp *r, const es_genome_info *info, es_rng *rng, es_genome *g)
{
    if (info->kind == ES_GENOME_PERMUTATION)
        random_list(r, rng, g->perm);
    else
        for (int i = 0; i < info->length; i++)
            g->keys[i] = es_rng_uniform(rng);
}

/* Early abort, for both problems and every decoder: with the makespan as
 * cutoff a decode runs to the end and gives what evaluate gives; one below
 * it, the decode stops with a bound that exceeds the cutoff yet never the
 * makespan (so it is a true lower bound); and a pass after a stopped one
 * decodes as on fresh scratch (the profile left behind is cleared). */
Test(rcpsp_abort, cutoff_stops_with_a_true_bound_and_leaves_scratch_clean)
{
    es_registry *reg;
    es_registry_create(&reg);
    es_rng rng;
    es_rng_seed(&rng, 5150, 3);
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 2; k++) {
        const es_problem *p = builtin_problem(reg, names[k]);
        cr_assert_not_null(p->evaluate_cutoff);
        for (int f = 0; f < NFILES; f++) {
            genome_pair pair;
            pair_open(p, files[f], &pair);
            const rcpsp *r = pair.r;
            es_instance *inst = pair.inst;
            es_genome_info info = pair.info;
            es_genome g = pair.a, h = pair.b;
            size_t size = pair.size;
            void *scratch = pair.scratch, *fresh = malloc(size);
            int stopped = 0;
            for (int trial = 0; trial < 40; trial++) {
                random_genome(r, &info, &rng, &g);
                double full, v;
                int complete = -1;
                /* scratch sees only stopped passes and the h decodes below */
                cr_assert_eq(p->evaluate(inst, &g, fresh, &full), ES_OK);
                cr_assert_eq(p->evaluate_cutoff(inst, &g, fresh, full, &v, &complete), ES_OK);
                cr_assert(complete == 1 && v == full, "%s %s: cutoff at the makespan %.0f gave %.0f (complete %d)",
                          names[k], files[f], full, v, complete);
                if (full <= r->critical_path)
                    continue; /* nothing can be proven worse than the critical path */
                cr_assert_eq(p->evaluate_cutoff(inst, &g, scratch, full - 1, &v, &complete), ES_OK);
                cr_assert_eq(complete, 0, "%s %s: no stop below the makespan %.0f", names[k], files[f], full);
                cr_assert(v > full - 1 && v <= full, "%s %s: bound %.0f for makespan %.0f", names[k], files[f], v,
                          full);
                stopped++;
                /* the next decode, on the scratch the stopped one left */
                random_genome(r, &info, &rng, &h);
                double after, clean;
                cr_assert_eq(p->evaluate(inst, &h, scratch, &after), ES_OK);
                memset(fresh, 0, size);
                cr_assert_eq(p->evaluate(inst, &h, fresh, &clean), ES_OK);
                cr_assert_eq(after, clean, "%s %s: %.0f after a stopped pass, %.0f on fresh scratch", names[k],
                             files[f], after, clean);
            }
            if (r->n > 40)
                cr_assert_gt(stopped, 20, "%s %s: only %d decodes above the critical path", names[k], files[f],
                             stopped);
            free(fresh);
            pair_close(&pair);
        }
    }
    es_registry_destroy(reg);
}

/* The engine's use of it changes nothing but time: children that are only
 * evaluated (no local search) are cut short when they cannot enter the
 * population, and the run matches, generation for generation, the same
 * run with the hook removed from the problem's table, on 1 and 2 threads. */
Test(rcpsp_abort, engine_runs_are_identical_with_and_without_it)
{
    es_registry *reg;
    es_registry_create(&reg);
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 4; k++) {
        /* a 30-job project too */
        rcpsp *r = load_file(k < 2 ? "j12060_3.sm" : "j301_1.sm");
        const es_problem *p = builtin_problem(reg, names[k % 2]);
        es_config cfg;
        es_config_init(&cfg);
        cfg.population = 30;
        cfg.improvement = "none";
        cfg.max_evaluations = 6000;
        cfg.stagnation = 40;
        expect_abort_changes_nothing(reg, p, (es_instance *)r, cfg, 200, names[k % 2]);
        rcpsp_destroy((es_instance *)r);
    }
    es_registry_destroy(reg);
}

/* The engine passes a cutoff only while the population holds P distinct
 * members: in a project with 4 parallel jobs there are only 24 lists, so a
 * population of 30 never does, and no child may be cut short (it could be
 * needed to fill the population, with its true value). */
Test(rcpsp_abort, no_cutoff_while_the_population_has_duplicates)
{
    static const char tiny[] = "6 1\n2\n0 0 4 2 3 4 5\n3 1 1 6\n2 2 1 6\n4 1 1 6\n1 2 1 6\n0 0 0\n";
    es_source src = {"tiny.rcp", tiny, sizeof tiny - 1, NULL};
    es_instance *inst = NULL;
    es_error err = {0, ""};
    cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s", err.message);
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp");
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 30;
    cfg.improvement = "none";
    cfg.max_evaluations = 2000;
    es_solver *s;
    es_result res;
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
    cr_assert_eq(res.cut_short, 0, "%lld children cut short in a population of duplicates", res.cut_short);
    cr_assert_eq(res.best_value, 7); /* 13 units of work on a capacity of 2: the energy bound, reached */
    es_solver_destroy(s);
    es_registry_destroy(reg);
    rcpsp_destroy(inst);
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

Test(rcpsp_units, a_profile_too_large_is_refused_with_its_size)
{
    /* Ten jobs of 99,990 to 99,999 time units (no common divisor to count
     * in) over 64 resources: 999,945 time units x 64 resources, 244 MB. */
    char text[16384];
    int len = sprintf(text, "12 64\n");
    for (int k = 0; k < 64; k++)
        len += sprintf(text + len, "1 ");
    len += sprintf(text + len, "\n0");
    for (int k = 0; k < 64; k++)
        len += sprintf(text + len, " 0");
    len += sprintf(text + len, " 10 2 3 4 5 6 7 8 9 10 11\n");
    for (int j = 0; j < 10; j++) {
        len += sprintf(text + len, "%d", 99990 + j);
        for (int k = 0; k < 64; k++)
            len += sprintf(text + len, " 1");
        len += sprintf(text + len, " 1 12\n");
    }
    len += sprintf(text + len, "0");
    for (int k = 0; k < 64; k++)
        len += sprintf(text + len, " 0");
    sprintf(text + len, " 0\n");
    expect_error("wide.rcp", text, "wide.rcp", "244 MB per thread");
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
