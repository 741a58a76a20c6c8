/* RCPSP's files: the parsers and their errors, the checker's refusals,
 * and solution files read back as the start of a run. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "test_util.h"
#include "rcpsp_fixture.h"

static const char *const files[] = RCPSP_TEST_FILES;

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
