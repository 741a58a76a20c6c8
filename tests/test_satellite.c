/* Satellite link scheduling: every parser error of the format, the checker
 * against hand-made infeasible plans, the property that the decoder's
 * plans, retimed, always pass the independent checker, and the retiming
 * LP's optimum. */
#include <glpk.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "test_util.h"
#include "problems/satellite/satellite.h"

extern const es_problem es_problem_satellite; /* its polish hook: the plan retimed */

static const char base[] = "CSG 1\n"
                           "NAME t\n"
                           "HORIZON 10000\n"
                           "OBJECTIVE LINKTIME\n"
                           "SATELLITES 2\n"
                           "S 0 1 SW 0 50 200\n"
                           "S 1 1 FIX 10 60 300\n"
                           "STATIONS 2\n"
                           "G 0 1 100\n"
                           "G 1 1 50\n"
                           "TASKS 4\n"
                           "T 0 0 0 0 1000 100 500 1\n"
                           "T 1 1 0 0 1000 100 500 2\n"
                           "T 2 0 1 0 2000 100 400 1\n"
                           "T 3 0 0 1500 3000 100 500 1\n"
                           "END\n";

static satellite *load(const char *text, es_error *err, int *status)
{
    es_source src = {"t.csg", text, strlen(text), NULL};
    es_instance *inst = NULL;
    *status = sat_load(&src, &inst, err);
    return (satellite *)inst;
}

/* load, for text that must load. */
static satellite *load_ok(const char *text)
{
    es_error err = {0, ""};
    int st;
    satellite *m = load(text, &err, &st);
    cr_assert_eq(st, ES_OK, "%s", err.message);
    return m;
}

Test(satellite_parse, reads_the_format)
{
    satellite *m = load_ok(base);
    cr_assert_eq(m->nsat, 2);
    cr_assert_eq(m->nsta, 2);
    cr_assert_eq(m->ntask, 4);
    cr_assert_eq(m->sats[0].mode, SAT_SW);
    cr_assert_eq(m->sats[1].tau_repoint, 300);
    cr_assert_eq(m->stas[0].setup, 100);
    cr_assert_eq(m->tasks[3].start, 1500);
    cr_assert_eq(m->objective, SAT_LINKTIME);
    cr_assert_eq(m->max_switches, -1);
    cr_assert_eq(m->npair, 3);
    sat_destroy((es_instance *)m);
}

Test(satellite_parse, every_error_names_line_and_reason)
{
    struct {
        const char *from, *to, *where, *why;
    } cases[] = {
        {"TASKS 4", "TASKS 5", "t.csg:16", "expected a 'T' line (5 of 5)"},
        {"T 2 0 1", "T 1 0 1", "t.csg:14", "out of order or repeated"},
        {"T 2 0 1", "T 2 7 1", "t.csg:14", "satellite id must lie in [0, 1]"},
        {"T 2 0 1 0 2000", "T 2 0 1 700 700", "t.csg:14", "empty or inverted window"},
        {"T 2 0 1 0 2000", "T 2 0 1 900 700", "t.csg:14", "empty or inverted window"},
        {"100 400 1\n", "500 400 1\n", "t.csg:14", "dmin 500 > dmax 400"},
        {"T 3 0 0 1500 3000 100 500", "T 3 0 0 1500 1800 100 500", "t.csg:15", "longer than its window"},
        {"S 0 1 SW", "S 0 0 SW", "t.csg:6", "number of feeds (at least 1)"},
        {"G 1 1 50", "G 1 0 50", "t.csg:10", "number of antennas (at least 1)"},
        {"S 1 1 FIX 10 60 300", "S 1 1 FIX 10 360 300", "t.csg:7", "tau_switch 360 exceeds tau_repoint 300"},
        {"NAME t", "COLOUR blue", "t.csg:2", "unknown keyword 'COLOUR'"},
        {"S 0 1 SW", "S 0 1 XX", "t.csg:6", "unknown mode 'XX'"},
        {"OBJECTIVE LINKTIME", "OBJECTIVE SPEED", "t.csg:4", "unknown objective"},
        {"END\n", "", "t.csg", "end of file"},
        {"T 3 0 0 1500 3000 100 500 1\n", "T 3 0 0 1500 3000 100 500 1 9\n", "t.csg:15", "unexpected data"},
        {"HORIZON 10000\n", "", "t.csg", "HORIZON and OBJECTIVE must come before"},
        {"END\n", "END\nT 4 0 0 0 10 1 5 1\n", "t.csg:17", "unexpected data after END"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = edit(base, cases[i].from, cases[i].to);
        es_error err = {0, ""};
        int st;
        satellite *m = load(text, &err, &st);
        cr_assert_neq(st, ES_OK, "case %zu accepted", i);
        cr_assert_null(m);
        cr_assert(strstr(err.message, cases[i].where) && strstr(err.message, cases[i].why),
                  "case %zu: '%s' lacks '%s' or '%s'", i, err.message, cases[i].where, cases[i].why);
        free(text);
    }
}

static int check(satellite *m, const char *sol, double *v, es_error *err)
{
    es_source src = {"sol.txt", sol, strlen(sol), NULL};
    return sat_check((es_instance *)m, &src, v, err);
}

Test(satellite_check, hand_made_plans)
{
    es_error err = {0, ""};
    int st;
    satellite *m = load(base, &err, &st);
    double v;
    /* Task 0 then task 1 on station 0's one antenna, 100 s of setup between
     * satellites: 1 x 300 + 2 x 400. */
    cr_assert_eq(check(m, "objective 1100\nA 0 0 0 0 300\nA 1 0 0 400 800\n", &v, &err), ES_OK, "%s", err.message);
    cr_assert_eq(v, 1100);
    struct {
        const char *sol, *why;
    } bad[] = {
        {"objective 900\nA 0 0 0 0 500\nA 1 0 0 400 600\n", "overlaps task 0"},
        {"objective 1100\nA 0 0 0 0 300\nA 1 0 0 350 600\n", "needs a gap of 100"},          /* setup */
        {"objective 680\nA 0 0 0 0 300\nA 2 0 0 320 700\n", "same feed, which needs a gap of 50"}, /* SW switch */
        {"objective 400\nA 3 0 0 1400 1800\n", "leaves its window"},
        {"objective 50\nA 0 0 0 0 50\n", "lasts 50, outside [100, 500]"},
        {"objective 300\nA 0 1 0 0 300\n", "has no antenna 1"},
        {"objective 300\nA 0 0 2 0 300\n", "has no feed 2"},
        {"objective 600\nA 0 0 0 0 300\nA 0 0 0 400 700\n", "linked twice"},
        {"objective 301\nA 0 0 0 0 300\n", "states objective 301"},
        {"objective 300\nB 0 0 0 0 300\n", "sol.txt:2"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err.message[0] = 0;
        cr_assert_neq(check(m, bad[i].sol, &v, &err), ES_OK, "case %zu accepted", i);
        cr_assert(strstr(err.message, bad[i].why), "case %zu: '%s' lacks '%s'", i, err.message, bad[i].why);
    }
    sat_destroy((es_instance *)m);
}

/* Found by the fuzzer: a repeated link after every task was linked wrote past
 * the checker's array (caught by the AddressSanitizer build of this test). */
Test(satellite_check, repeated_link_after_all_tasks)
{
    static const char one[] = "CSG 1\nHORIZON 100\nOBJECTIVE LINKTIME\nSATELLITES 1\nS 0 1 SW 0 5 9\nSTATIONS 1\n"
                              "G 0 1 3\nTASKS 1\nT 0 0 0 0 50 5 20 1\nEND\n";
    es_error err = {0, ""};
    satellite *m = load_ok(one);
    double v;
    cr_assert_eq(check(m, "objective 10\nA 0 0 0 0 10\nA 0 0 0 20 30\n", &v, &err), ES_EINFEASIBLE);
    cr_assert(strstr(err.message, "linked twice"), "%s", err.message);
    sat_destroy((es_instance *)m);
}

Test(satellite_check, limits)
{
    char *text = edit(base, "OBJECTIVE LINKTIME\n", "OBJECTIVE LINKTIME\nMAX_LINKS 1\nMAX_SWITCHES 0\n");
    es_error err = {0, ""};
    satellite *m = load_ok(text);
    double v;
    cr_assert_neq(check(m, "objective 1100\nA 0 0 0 0 300\nA 1 0 0 400 800\n", &v, &err), ES_OK);
    cr_assert(strstr(err.message, "more than 1 links"), "%s", err.message);
    cr_assert_neq(check(m, "objective 680\nA 0 0 0 0 300\nA 2 0 0 400 780\n", &v, &err), ES_OK);
    cr_assert(strstr(err.message, "switches feeds more than 0"), "%s", err.message);
    /* The decoder respects both limits: its plans pass. */
    void *scratch = calloc(1, sat_scratch_size((es_instance *)m));
    int order[4] = {0, 1, 2, 3};
    sat_link links[4];
    int nl;
    double val = sat_decode(m, order, scratch, links, &nl);
    char sol[512];
    int off = snprintf(sol, sizeof sol, "objective %.0f\n", val);
    for (int i = 0; i < nl; i++)
        off += snprintf(sol + off, sizeof sol - (size_t)off, "A %d %d %d %d %d\n", links[i].task, links[i].antenna,
                        links[i].feed, links[i].start, links[i].end);
    cr_assert_eq(check(m, sol, &v, &err), ES_OK, "%s\n%s", err.message, sol);
    free(scratch);
    free(text);
    sat_destroy((es_instance *)m);
}

Test(satellite_decode, random_orders_always_pass_the_checker, .timeout = 300)
{
    const char *files[] = {"XS-1.csg", "S-2.csg", "M-1.csg", "L-1.csg"};
    es_rng rng;
    es_rng_seed(&rng, 99, 1);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, ES_INSTANCES "/satellite/%s", files[f]);
        es_source src;
        es_error err = {0, ""};
        cr_assert_eq(es_source_read(path, &src, &err), ES_OK, "%s", err.message);
        es_instance *inst;
        cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s", err.message);
        satellite *m = (satellite *)inst;
        void *scratch = malloc(sat_scratch_size(inst));
        int *order = malloc((size_t)m->ntask * sizeof *order);
        for (int trial = 0; trial < (f < 2 ? 40 : 8); trial++) {
            for (int k = 0; k < m->ntask; k++)
                order[k] = k;
            es_rng_shuffle(&rng, order, m->ntask);
            es_genome g = {order, NULL};
            char *buf = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&buf, &len);
            cr_assert_eq(sat_write_solution(inst, &g, scratch, out), ES_OK);
            fclose(out);
            es_source sol = {"decoded.txt", buf, len, NULL};
            double v;
            cr_assert_eq(sat_check(inst, &sol, &v, &err), ES_OK, "%s: %s", files[f], err.message);
            /* the plan written is the decoder's, retimed: never worth less */
            double polished;
            cr_assert_eq(es_problem_satellite.polish(inst, &g, scratch, &polished, &err), ES_OK, "%s", err.message);
            cr_assert_eq(v, polished);
            cr_assert_geq(v, sat_decode(m, order, scratch, NULL, NULL));
            cr_assert_gt(v, 0);
            free(buf);
        }
        /* Improvement never loses value and keeps a valid order. */
        es_genome g = {order, NULL};
        double before = sat_decode(m, order, scratch, NULL, NULL), after = before;
        long long evals = 50;
        cr_assert_eq(sat_improve(inst, &g, &after, scratch, &rng, &evals), ES_OK);
        cr_assert_geq(after, before);
        cr_assert_leq(evals, 50);
        cr_assert_eq(after, sat_decode(m, order, scratch, NULL, NULL));
        free(order);
        free(scratch);
        sat_destroy(inst);
        es_source_free(&src);
    }
}

Test(satellite_generate, deterministic_per_seed)
{
    char *a = NULL, *b = NULL;
    size_t la, lb;
    char *argv[] = {"satellite", "--class", "S", "--seed", "4", NULL};
    es_error err = {0, ""};
    FILE *f = open_memstream(&a, &la);
    cr_assert_eq(sat_generate(5, argv, f, &err), ES_OK, "%s", err.message);
    fclose(f);
    f = open_memstream(&b, &lb);
    cr_assert_eq(sat_generate(5, argv, f, &err), ES_OK);
    fclose(f);
    cr_assert_str_eq(a, b);
    satellite *m = load_ok(a);
    cr_assert_eq(m->ntask, 80);
    cr_assert_eq(m->nsat, 5);
    sat_destroy((es_instance *)m);
    free(a);
    free(b);
}

/* Sizes, objective and limits given one by one reach the file, and what
 * cannot be generated is refused with the reason. */
Test(satellite_generate, custom_sizes_limits_and_refusals)
{
    char *a = NULL;
    size_t la;
    char *argv[] = {"satellite", "--satellites", "4", "--stations", "3", "--tasks", "30", "--objective", "PROFIT",
                    "--max-switches", "2", "--max-links", "5", "--seed", "7", NULL};
    es_error err = {0, ""};
    FILE *f = open_memstream(&a, &la);
    cr_assert_eq(sat_generate(15, argv, f, &err), ES_OK, "%s", err.message);
    fclose(f);
    satellite *m = load_ok(a);
    cr_assert(m->nsat == 4 && m->nsta == 3 && m->ntask == 30);
    cr_assert_eq(m->objective, SAT_PROFIT);
    cr_assert(m->max_switches == 2 && m->max_links == 5);
    sat_destroy((es_instance *)m);
    free(a);

    struct {
        int argc;
        char *argv[8];
        const char *why;
    } bad[] = {
        {3, {"satellite", "--class", "Q"}, "unknown class 'Q'"},
        {5, {"satellite", "--satellites", "2", "--stations", "2"}, "give --class or all of"},
        {3, {"satellite", "--tasks", "0"}, "--tasks must be an integer in [1, 100000], got '0'"},
        {3, {"satellite", "--seed", "-4"}, "--seed must be an integer in [0, 18446744073709551615], got '-4'"},
        {2, {"satellite", "--stations"}, "--stations needs a value"},
        {3, {"satellite", "--objective", "MONEY"}, "bad option or value '--objective MONEY'"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        a = NULL;
        f = open_memstream(&a, &la);
        cr_assert_eq(sat_generate(bad[i].argc, bad[i].argv, f, &err), ES_EINVAL, "case %zu accepted", i);
        fclose(f);
        cr_assert(strstr(err.message, bad[i].why), "case %zu: '%s' lacks '%s'", i, err.message, bad[i].why);
        free(a);
    }
}

static satellite *load_file(const char *name, es_source *src)
{
    char path[512];
    snprintf(path, sizeof path, ES_INSTANCES "/satellite/%s", name);
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(path, src, &err), ES_OK, "%s", err.message);
    es_instance *inst;
    cr_assert_eq(sat_load(src, &inst, &err), ES_OK, "%s", err.message);
    return (satellite *)inst;
}

/* What `evosched generate` writes for argv, in memory; the caller frees it. */
static char *generated(int argc, char **argv, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    es_error err = {0, ""};
    cr_assert_eq(sat_generate(argc, argv, f, &err), ES_OK, "%s", err.message);
    fclose(f);
    return text;
}

/* The committed file called name, or with name NULL the text given (then
 * src needs no freeing). */
static es_instance *load_file_or_text(const char *name, const char *text, size_t len, es_source *src)
{
    if (name)
        return (es_instance *)load_file(name, src);
    *src = (es_source){"generated.csg", text, len, NULL};
    es_instance *inst;
    es_error err = {0, ""};
    cr_assert_eq(sat_load(src, &inst, &err), ES_OK, "%s", err.message);
    return inst;
}

/* Each link's nearest neighbours on a common antenna, feed or pair (r = 0,
 * 1, 2; -1 for none) found by comparing every two links, and the gap each
 * needs after its predecessor there. */
static void neighbours(const satellite *m, const sat_link *l, int nl, int *prev, int *next, int *gap_before)
{
    for (int i = 0; i < 3 * nl; i++)
        prev[i] = next[i] = -1;
    for (int i = 0; i < nl; i++)
        for (int j = 0; j < nl; j++) {
            const sat_task *x = &m->tasks[l[i].task], *y = &m->tasks[l[j].task];
            if (i == j || l[j].start < l[i].end)
                continue;
            int same[3] = {x->sta == y->sta && l[i].antenna == l[j].antenna,
                           x->sat == y->sat && l[i].feed == l[j].feed, x->sat == y->sat && x->sta == y->sta};
            for (int r = 0; r < 3; r++)
                if (same[r] && (next[3 * i + r] < 0 || l[j].start < l[next[3 * i + r]].start))
                    next[3 * i + r] = j;
        }
    for (int i = 0; i < nl; i++)
        for (int r = 0; r < 3; r++) {
            int j = next[3 * i + r];
            if (j < 0)
                continue;
            const sat_task *x = &m->tasks[l[i].task], *y = &m->tasks[l[j].task];
            prev[3 * j + r] = i;
            gap_before[3 * j + r] = r == 0   ? (x->sat != y->sat ? m->stas[x->sta].setup : 0)
                                    : r == 1 ? sat_feed_gap(m, x->sat, x->sta, y->sta)
                                             : 0;
        }
}

/* The reference the retiming must match or beat, written here apart from
 * it: the links shifted and stretched one at a time, each within its
 * window and the room its neighbours leave (as early as it goes, then as
 * long as it may; then the mirror image), until nothing moves. Every step
 * keeps the plan feasible, and it rarely reaches the best timing, since it
 * never shortens one link for another. */
static double justified(const satellite *m, sat_link *l, int nl)
{
    int *prev = malloc((size_t)nl * 3 * sizeof *prev), *next = malloc((size_t)nl * 3 * sizeof *next);
    int *gap_before = calloc((size_t)nl * 3, sizeof *gap_before);
    neighbours(m, l, nl, prev, next, gap_before);
    for (int moved = 1, round = 0; moved && round < 50; round++) {
        moved = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < nl; i++) {
                const sat_task *t = &m->tasks[l[i].task];
                int lo = t->start, hi = t->end;
                for (int r = 0; r < 3; r++) {
                    if (prev[3 * i + r] >= 0 && l[prev[3 * i + r]].end + gap_before[3 * i + r] > lo)
                        lo = l[prev[3 * i + r]].end + gap_before[3 * i + r];
                    if (next[3 * i + r] >= 0 && l[next[3 * i + r]].start - gap_before[3 * next[3 * i + r] + r] < hi)
                        hi = l[next[3 * i + r]].start - gap_before[3 * next[3 * i + r] + r];
                }
                int b = l[i].start, e = l[i].end, d = e - b;
                if (pass == 0) /* earliest, then longest */
                    b = lo, e = b + d, e = hi < b + t->dmax ? hi : b + t->dmax;
                else /* latest, then longest */
                    e = hi, b = e - d, b = lo > e - t->dmax ? lo : e - t->dmax;
                moved |= e - b > l[i].end - l[i].start;
                l[i].start = b, l[i].end = e;
            }
    }
    double v = 0;
    for (int i = 0; i < nl; i++)
        v += sat_link_value(m, &l[i]);
    free(prev), free(next), free(gap_before);
    return v;
}

/* On random orders the retimed plan is worth at least what the reference
 * justification gets from the decoder's plan, which gains on some of them. */
Test(satellite_retime, at_least_the_reference_justification, .timeout = 300)
{
    const char *files[] = {"XS-1.csg", "S-2.csg", "M-1.csg"};
    es_rng rng;
    es_rng_seed(&rng, 5, 2);
    double reference_gain = 0;
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        es_source src;
        satellite *m = load_file(files[f], &src);
        es_instance *inst = (es_instance *)m;
        void *scratch = malloc(sat_scratch_size(inst));
        int *order = malloc((size_t)m->ntask * sizeof *order);
        sat_link *links = malloc((size_t)m->ntask * sizeof *links);
        for (int trial = 0; trial < 10; trial++) {
            for (int k = 0; k < m->ntask; k++)
                order[k] = k;
            es_rng_shuffle(&rng, order, m->ntask);
            es_genome g = {order, NULL};
            int nl;
            double decoded = sat_decode(m, order, scratch, links, &nl), polished;
            es_error err = {0, ""};
            cr_assert_eq(es_problem_satellite.polish(inst, &g, scratch, &polished, &err), ES_OK, "%s", err.message);
            double reference = justified(m, links, nl), checked;
            char *text = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&text, &len);
            fprintf(out, "objective %.0f\n", reference);
            for (int i = 0; i < nl; i++)
                fprintf(out, "A %d %d %d %d %d\n", links[i].task, links[i].antenna, links[i].feed, links[i].start,
                        links[i].end);
            fclose(out);
            cr_assert_eq(check(m, text, &checked, &err), ES_OK, "%s: the reference itself: %s", files[f], err.message);
            free(text);
            cr_assert_geq(reference, decoded);
            cr_assert_geq(polished, reference, "%s trial %d: retimed %.0f, justified %.0f", files[f], trial, polished,
                          reference);
            reference_gain += reference - decoded;
        }
        free(order), free(links), free(scratch);
        sat_destroy(inst);
        es_source_free(&src);
    }
    cr_assert_gt(reference_gain, 0, "the justification never gained: this test proves nothing");
}

/* The best timing of the links by one LP over the whole plan, written here
 * from the links' neighbours and solved by GLPK's simplex: the reference
 * the network simplex of the retiming must equal. */
static double best_timing_lp(const satellite *m, const sat_link *l, int nl)
{
    int *prev = malloc((size_t)nl * 3 * sizeof *prev), *next = malloc((size_t)nl * 3 * sizeof *next);
    int *gap_before = calloc((size_t)nl * 3, sizeof *gap_before);
    neighbours(m, l, nl, prev, next, gap_before);
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, 2 * nl); /* link i: begin 2i + 1, end 2i + 2 */
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[l[i].task];
        glp_set_col_bnds(lp, 2 * i + 1, GLP_DB, t->start, t->end);
        glp_set_col_bnds(lp, 2 * i + 2, GLP_DB, t->start, t->end);
        glp_set_obj_coef(lp, 2 * i + 1, -t->weight);
        glp_set_obj_coef(lp, 2 * i + 2, t->weight);
        int ind[3] = {0, 2 * i + 2, 2 * i + 1}, row = glp_add_rows(lp, 1);
        double val[3] = {0, 1, -1};
        glp_set_row_bnds(lp, row, t->dmin == t->dmax ? GLP_FX : GLP_DB, t->dmin, t->dmax);
        glp_set_mat_row(lp, row, 2, ind, val);
        for (int r = 0; r < 3; r++) {
            int j = next[3 * i + r];
            if (j < 0)
                continue;
            int sind[3] = {0, 2 * j + 1, 2 * i + 2}, srow = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, srow, GLP_LO, gap_before[3 * j + r], 0);
            glp_set_mat_row(lp, srow, 2, sind, val);
        }
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    cr_assert_eq(glp_simplex(lp, &sp), 0);
    cr_assert_eq(glp_get_status(lp), GLP_OPT);
    double v = glp_get_obj_val(lp);
    glp_delete_prob(lp);
    free(prev), free(next), free(gap_before);
    return v;
}

/* The retiming finds the best timing: on random orders of the committed
 * instances and of a generated one of 6,000 tasks (about 3,600 links, more
 * than GLPK's simplex could retime within a second), the retimed plan is
 * worth exactly the optimum of one LP over the whole plan, and its written
 * form passes the checker with that value. */
Test(satellite_retime, equals_one_lp_over_the_whole_plan, .timeout = 600)
{
    char *argv[] = {"satellite", "--satellites", "24", "--stations", "14", "--tasks", "6000", "--seed", "3"};
    size_t big_len;
    char *big = generated(9, argv, &big_len);
    es_error err = {0, ""};
    const char *files[] = {"XS-1.csg", "S-2.csg", "M-1.csg", "L-1.csg", NULL};
    es_rng rng;
    es_rng_seed(&rng, 8, 3);
    double gain = 0;
    int largest = 0;
    for (size_t fi = 0; fi < sizeof files / sizeof files[0]; fi++) {
        es_source src;
        es_instance *inst = load_file_or_text(files[fi], big, big_len, &src);
        satellite *m = (satellite *)inst;
        void *scratch = malloc(sat_scratch_size(inst));
        int *order = malloc((size_t)m->ntask * sizeof *order);
        sat_link *links = malloc((size_t)m->ntask * sizeof *links);
        for (int trial = 0; trial < (files[fi] ? 5 : 2); trial++) {
            for (int k = 0; k < m->ntask; k++)
                order[k] = k;
            es_rng_shuffle(&rng, order, m->ntask);
            int nl;
            double decoded = sat_decode(m, order, scratch, links, &nl), best = best_timing_lp(m, links, nl), v;
            es_genome g = {order, NULL};
            cr_assert_eq(es_problem_satellite.polish(inst, &g, scratch, &v, &err), ES_OK, "%s", err.message);
            cr_assert_eq(v, best, "%s trial %d (%d links): retimed %.0f, the LP's optimum %.0f",
                         files[fi] ? files[fi] : "generated", trial, nl, v, best);
            char *text = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&text, &len);
            cr_assert_eq(sat_write_solution(inst, &g, scratch, out), ES_OK);
            fclose(out);
            double checked;
            cr_assert_eq(check(m, text, &checked, &err), ES_OK, "%s", err.message);
            cr_assert_eq(checked, best);
            free(text);
            gain += best - decoded;
            largest = nl > largest ? nl : largest;
        }
        free(order), free(links), free(scratch);
        sat_destroy(inst);
        if (files[fi])
            es_source_free(&src);
    }
    glp_free_env();
    free(big);
    cr_assert_gt(gain, 0, "no plan gained: the comparison proves nothing");
    cr_assert_gt(largest, 3000, "the generated plan has %d links, not more than the 3,000 of the old limit", largest);
}

/* How many of two sat_plan calls in a row for order (the second finds it in
 * the memo) do not give the links, count and value wanted. */
static int plans_differ(const satellite *m, const int *order, const sat_link *want, int want_nl, double want_value)
{
    sat_link *links = malloc((size_t)m->ntask * sizeof *links);
    void *scratch = malloc(sat_scratch_size((const es_instance *)m));
    int differ = 0;
    for (int call = 0; call < 2; call++) {
        int nl;
        double v;
        if (sat_plan(m, order, scratch, links, &nl, &v) != ES_OK || nl != want_nl || v != want_value ||
            memcmp(links, want, (size_t)nl * sizeof *links) != 0)
            differ++;
    }
    free(links), free(scratch);
    return differ;
}

/* Random orders of M-1 for the memo tests (plan.c), and the plans that a
 * second instance of the file, whose memo held another order each time,
 * gives them: m is the instance under test. */
enum { MAX_ORDERS = 8 };
typedef struct plan_case {
    es_source src, src2;
    satellite *m, *fresh;
    int n, count;
    int *orders;
    sat_link *want;
    int want_nl[MAX_ORDERS];
    double want_value[MAX_ORDERS];
    void *scratch;
} plan_case;

static int *order_of(const plan_case *c, int o) { return c->orders + (size_t)o * (size_t)c->n; }

static void plan_case_open(plan_case *c, int count, uint64_t seed)
{
    c->m = load_file("M-1.csg", &c->src);
    c->fresh = load_file("M-1.csg", &c->src2);
    c->n = c->m->ntask;
    c->count = count;
    c->orders = malloc((size_t)count * (size_t)c->n * sizeof *c->orders);
    c->want = malloc((size_t)count * (size_t)c->n * sizeof *c->want);
    c->scratch = malloc(sat_scratch_size((es_instance *)c->m));
    es_rng rng;
    es_rng_seed(&rng, seed, 7);
    for (int o = 0; o < count; o++) {
        int *order = order_of(c, o);
        for (int k = 0; k < c->n; k++)
            order[k] = k;
        es_rng_shuffle(&rng, order, c->n);
        cr_assert_eq(sat_plan(c->fresh, order, c->scratch, c->want + (size_t)o * (size_t)c->n, &c->want_nl[o],
                              &c->want_value[o]),
                     ES_OK);
    }
}

/* plans_differ for order o against the fresh instance's plan. */
static int case_differs(const plan_case *c, int o)
{
    return plans_differ(c->m, order_of(c, o), c->want + (size_t)o * (size_t)c->n, c->want_nl[o], c->want_value[o]);
}

static void plan_case_close(plan_case *c)
{
    free(c->orders), free(c->want), free(c->scratch);
    sat_destroy((es_instance *)c->m), sat_destroy((es_instance *)c->fresh);
    es_source_free(&c->src), es_source_free(&c->src2);
}

/* The memo of the last plan (plan.c) must hand back the plan of the order
 * asked for, never the one it holds for another: orders asked for in turn
 * from one instance, serially and from threads racing on its one memo, give
 * the plans a second instance of the same file gives them. */
Test(satellite_plan, the_remembered_plan_is_that_of_the_order_asked_for, .timeout = 300)
{
    enum { ORDERS = 6, ROUNDS = 4 };
    plan_case c;
    plan_case_open(&c, ORDERS, 12);
    cr_assert_neq(c.want_value[0], c.want_value[1], "the test needs orders whose plans differ");
    int mismatches = 0;
    for (int o = 0; o < ORDERS; o++) /* one thread asking for every order in turn */
        mismatches += case_differs(&c, o);
#pragma omp parallel for num_threads(2) schedule(static, 1) reduction(+ : mismatches)
    for (int t = 0; t < ROUNDS * ORDERS; t++) /* two threads racing on the one memo */
        mismatches += case_differs(&c, t % ORDERS);
    cr_assert_eq(mismatches, 0, "%d plans differ from a fresh instance's", mismatches);
    plan_case_close(&c);
}

/* The evaluations offer their plans to the memo of the best (plan.c), and
 * sat_plan takes the decode from there for the order it holds. Orders
 * evaluated from two threads, plain and with the early abort, then give the
 * plans a fresh instance gives them; and the decode sat_plan retimes for
 * the best order is the one offered for it (here, on purpose, another
 * order's), while a plan worth no more never takes the best's place. */
Test(satellite_plan, the_best_evaluated_plan_is_that_of_its_order, .timeout = 300)
{
    enum { ORDERS = MAX_ORDERS };
    plan_case c;
    plan_case_open(&c, ORDERS, 13);
    es_instance *inst = (es_instance *)c.m;
    double evaluated[ORDERS];
#pragma omp parallel num_threads(2)
    {
        void *own = malloc(sat_scratch_size(inst));
#pragma omp for schedule(static, 1)
        for (int o = 0; o < ORDERS; o++) {
            es_genome g = {order_of(&c, o), NULL};
            int complete = 1;
            if (o % 2)
                es_problem_satellite.evaluate(inst, &g, own, &evaluated[o]);
            else /* a cutoff below every plan: the decode runs whole */
                es_problem_satellite.evaluate_cutoff(inst, &g, own, 0, &evaluated[o], &complete);
            cr_assert(complete);
        }
        free(own);
    }
    int best = 0;
    for (int o = 1; o < ORDERS; o++)
        best = evaluated[o] > evaluated[best] ? o : best;
    int other = (best + 1) % ORDERS, nl;
    cr_assert_neq(c.want_value[best], c.want_value[other], "the test needs orders whose plans differ");
    int mismatches = 0;
    for (int o = 0; o < ORDERS; o++)
        mismatches += case_differs(&c, o);
    cr_assert_eq(mismatches, 0, "%d plans differ from a fresh instance's", mismatches);

    /* the best order offered again, with another order's decode: sat_plan
     * retimes what was offered, so it gives the other order's plan */
    sat_link *links = malloc((size_t)c.n * sizeof *links);
    double decoded = sat_decode(c.fresh, order_of(&c, other), c.scratch, links, &nl), v;
    sat_memo_offer(c.m, order_of(&c, best), links, nl, evaluated[best] + 1);
    sat_memo_offer(c.m, order_of(&c, other), links, nl, evaluated[best] + 1); /* worth no more: turned away */
    cr_assert_eq(case_differs(&c, other), 0);
    cr_assert_eq(sat_plan(c.m, order_of(&c, best), c.scratch, links, &nl, &v), ES_OK); /* not the last plan built */
    cr_assert_eq(v, c.want_value[other], "the best order's plan is worth %.0f, not the offered decode's %.0f", v,
                 c.want_value[other]);
    cr_assert_geq(v, decoded);
    cr_assert_eq(case_differs(&c, other), 0);
    free(links);
    plan_case_close(&c);
}

/* The network simplex on hand-made systems: the optimum of a small one, and
 * an error, not a wrong answer or a hang, for systems without times
 * (x1 >= 10 and x1 <= 5) or with unbounded ones (x1 >= 0, maximise x1). */
Test(satellite_retime, potentials_of_small_systems)
{
    /* maximise x2 - x1: x1 >= 10, x2 <= 50, 5 <= x2 - x1 <= 30 */
    sat_difference arcs[] = {{0, 1, 10}, {2, 0, -50}, {1, 2, 5}, {2, 1, -30}};
    long long gain[3] = {0, -1, 1}, x[3];
    cr_assert_eq(sat_max_potentials(3, gain, 4, arcs, x), ES_OK);
    cr_assert_eq(x[0], 0);
    for (int a = 0; a < 4; a++)
        cr_assert_geq(x[arcs[a].to] - x[arcs[a].from], arcs[a].len, "arc %d", a);
    cr_assert_eq(x[2] - x[1], 30);
    sat_difference none[] = {{0, 1, 10}, {1, 0, -5}};
    long long up[2] = {0, 1};
    cr_assert_eq(sat_max_potentials(2, up, 2, none, x), ES_EINTERNAL);
    sat_difference open_ended[] = {{0, 1, 0}};
    cr_assert_eq(sat_max_potentials(2, up, 1, open_ended, x), ES_EINTERNAL);
    /* the same system with x1 <= 7 as well: x1 = 7 */
    sat_difference capped[] = {{0, 1, 0}, {1, 0, -7}};
    cr_assert_eq(sat_max_potentials(2, up, 2, capped, x), ES_OK);
    cr_assert_eq(x[1], 7);
}

/* Two satellites share the one antenna of a station all through [0, 1000):
 * a plan links one of them at a time, so at most 1,000 s at weight 2 (or
 * dmax 600 s each under PROFIT: one task, worth 2). The pair capacity
 * relaxation counts each pair alone (3,000; 3); the interval capacity LP
 * sees the shared antenna and gives the optimum itself. */
Test(satellite_bound, a_shared_antenna_is_counted_once)
{
    static const char two[] = "CSG 1\nHORIZON 2000\nOBJECTIVE LINKTIME\nSATELLITES 2\n"
                              "S 0 1 FIX 0 10 20\nS 1 1 FIX 0 10 20\nSTATIONS 1\nG 0 1 30\nTASKS 2\n"
                              "T 0 0 0 0 1000 100 1000 1\nT 1 1 0 0 1000 100 1000 2\nEND\n";
    satellite *m = load_ok(two);
    es_bound b;
    cr_assert_eq(es_problem_satellite.lower_bound((es_instance *)m, &b), ES_OK);
    cr_assert_eq(b.value, 2000);
    cr_assert_str_eq(b.source, "interval capacity LP");
    sat_destroy((es_instance *)m);
    char *a = edit(two, "LINKTIME", "PROFIT"), *b1 = edit(a, "100 1000 1\n", "600 600 1\n");
    char *profit = edit(b1, "100 1000 2\n", "600 600 2\n");
    free(a), free(b1);
    m = load_ok(profit);
    cr_assert_eq(es_problem_satellite.lower_bound((es_instance *)m, &b), ES_OK);
    cr_assert_eq(b.value, 2, "%s: %.3f", b.source, b.value);
    sat_destroy((es_instance *)m);
    free(profit);
}

/* The Lagrangian bound (lagrange.c) against GLPK's exact optimum of the
 * same relaxation: never below it (GLPK's own tolerance aside), else it
 * would not bound every plan, and within 1% above it, else larger projects get
 * a bound far weaker than the LP's. LINKTIME files and a PROFIT project. */
Test(satellite_bound, the_lagrangian_bound_is_the_lp_from_above, .timeout = 300)
{
    char *argv[] = {"satellite", "--class", "M", "--seed", "5", "--objective", "PROFIT"};
    size_t profit_len;
    char *profit = generated(7, argv, &profit_len);
    const char *files[] = {"XS-1.csg", "XS-3.csg", "S-1.csg", "S-2.csg", "M-1.csg", "L-1.csg", NULL};
    for (size_t fi = 0; fi < sizeof files / sizeof files[0]; fi++) {
        es_source src;
        es_instance *inst = load_file_or_text(files[fi], profit, profit_len, &src);
        const satellite *m = sat_of(inst);
        sat_relaxation r;
        cr_assert_eq(sat_relaxation_build(m, 5000, &r), ES_OK);
        double exact = sat_relaxation_lp(m, &r), lagrange = sat_lagrange_bound(m, &r, 1000);
        const char *name = files[fi] ? files[fi] : "PROFIT";
        cr_assert_gt(exact, 0, "%s: GLPK failed", name);
        cr_assert_geq(lagrange, exact - 1e-6 * exact - 1, "%s: Lagrangian %.0f below the LP's optimum %.0f", name,
                      lagrange, exact);
        cr_assert_leq(lagrange, exact * 1.01, "%s: Lagrangian %.0f, the LP's optimum %.0f", name, lagrange, exact);
        sat_relaxation_free(&r);
        sat_destroy(inst);
        if (files[fi])
            es_source_free(&src);
    }
    free(profit);
}

/* L-1 (1,000 tasks) is past GLPK's columns at its finest buckets, so the
 * hook takes the Lagrangian bound on finer buckets than GLPK's 5,000
 * columns allow: below that LP's optimum, and above what a plan earns. */
Test(satellite_bound, finer_buckets_beyond_glpk_pay, .timeout = 120)
{
    es_source src;
    satellite *m = load_file("L-1.csg", &src);
    es_instance *inst = (es_instance *)m;
    sat_relaxation r;
    cr_assert_eq(sat_relaxation_build(m, 5000, &r), ES_OK);
    double coarse = sat_relaxation_lp(m, &r);
    sat_relaxation_free(&r);
    es_bound b;
    cr_assert_eq(sat_upper_bound(inst, &b), ES_OK);
    cr_assert_str_eq(b.source, "interval capacity LP, Lagrangian bound");
    cr_assert_lt(b.value, coarse, "the hook's %.0f, GLPK's at 5,000 columns %.0f", b.value, coarse);
    es_genome g;
    es_genome_info info = {ES_GENOME_PERMUTATION, m->ntask, NULL, NULL};
    cr_assert_eq(es_genome_alloc(&info, &g), ES_OK);
    const char *name;
    void *scratch = malloc(sat_scratch_size(inst));
    double plan;
    for (int rule = 0; sat_heuristic(inst, rule, &g, &name) == ES_OK; rule++) {
        cr_assert_eq(sat_plan_value(m, g.perm, scratch, &plan), ES_OK);
        cr_assert_geq(b.value, plan, "rule %s: a plan worth %.0f above the bound %.0f", name, plan, b.value);
    }
    free(scratch);
    es_genome_free(&g);
    sat_destroy(inst);
    es_source_free(&src);
}

/* Told to stop (es_problem_bound with its flag raised), L-1's bound skips
 * the interval LP and keeps the pair bound, named as cut short; stopped
 * after its first step, the Lagrangian bound gives that step's value:
 * weaker than the whole ascent's and still above the LP's optimum. */
static const sat_relaxation *first_step_of;
static double first_step;

static int bound_one_step(const es_instance *inst, es_bound *out)
{
    first_step = sat_lagrange_bound(sat_of(inst), first_step_of, 1000);
    out->value = first_step;
    return ES_OK;
}

Test(satellite_bound, a_bound_told_to_stop_is_weaker_and_still_a_bound, .timeout = 120)
{
    es_source src;
    satellite *m = load_file("L-1.csg", &src);
    es_instance *inst = (es_instance *)m;
    volatile sig_atomic_t stop = 1;
    es_bound full, cut;
    cr_assert_eq(es_problem_bound(&es_problem_satellite, inst, NULL, 0, &full), ES_OK);
    cr_assert_eq(es_problem_bound(&es_problem_satellite, inst, &stop, 0, &cut), ES_OK);
    cr_assert_str_eq(full.source, "interval capacity LP, Lagrangian bound");
    cr_assert_str_eq(cut.source, "pair capacity relaxation, cut short");
    cr_assert_gt(cut.value, full.value);
    sat_relaxation r;
    cr_assert_eq(sat_relaxation_build(m, 5000, &r), ES_OK);
    double exact = sat_relaxation_lp(m, &r), whole = sat_lagrange_bound(m, &r, 1000);
    es_problem asks = es_problem_satellite;
    asks.lower_bound = bound_one_step;
    first_step_of = &r;
    cr_assert_eq(es_problem_bound(&asks, inst, &stop, 0, &cut), ES_OK);
    cr_assert_gt(first_step, whole, "the ascent did not stop: %.0f", first_step);
    cr_assert_geq(first_step, exact - 1e-6 * exact - 1, "%.0f below the LP's optimum %.0f", first_step, exact);
    sat_relaxation_free(&r);
    sat_destroy(inst);
    es_source_free(&src);
}

/* A plan whose best timing is known by hand: base with task 1's window
 * narrowed to [300, 800). Decoded in id order, task 0 takes 500 s of the
 * one antenna and task 1 gets 200 of its 500 after the setup: 1,800. The
 * best timing of those links gives task 0 200 s and task 1 its whole
 * window (weight 2): 2,100. */
Test(satellite_retime, the_best_timing_of_a_small_plan)
{
    es_error err = {0, ""};
    char *text = edit(base, "T 1 1 0 0 1000", "T 1 1 0 300 800");
    satellite *m = load_ok(text);
    es_instance *inst = (es_instance *)m;
    void *scratch = malloc(sat_scratch_size(inst));
    int perm[4] = {0, 1, 2, 3};
    es_genome g = {perm, NULL};
    cr_assert_eq(sat_decode(m, perm, scratch, NULL, NULL), 1800);
    double v;
    cr_assert_eq(es_problem_satellite.polish(inst, &g, scratch, &v, &err), ES_OK, "%s", err.message);
    cr_assert_eq(v, 2100);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(sat_write_solution(inst, &g, scratch, out), ES_OK);
    fclose(out);
    cr_assert(strstr(buf, "objective 2100\n") && strstr(buf, "A 0 0 0 0 200\n") && strstr(buf, "A 1 0 0 300 800\n"),
              "%s", buf);
    cr_assert_eq(check(m, buf, &v, &err), ES_OK, "%s", err.message);
    cr_assert_eq(v, 2100);
    free(buf);
    /* PROFIT links last dmax: nothing to retime, the decoder's value stands */
    char *profit = edit(text, "OBJECTIVE LINKTIME", "OBJECTIVE PROFIT");
    satellite *p = load_ok(profit);
    double decoded = sat_decode(p, perm, scratch, NULL, NULL);
    cr_assert_eq(es_problem_satellite.polish((es_instance *)p, &g, scratch, &v, &err), ES_OK);
    cr_assert_eq(v, decoded);
    sat_destroy((es_instance *)p);
    free(profit);
    free(scratch);
    sat_destroy(inst);
    free(text);
}

/* Early abort: with the plan's value as cutoff the decoder runs to the end;
 * with a cutoff above it, it may stop, and then returns an upper bound that
 * is below the cutoff yet never below the true value. A cutoff above what
 * all tasks together could earn stops it at once. */
Test(satellite_abort, cutoff_stops_with_a_true_bound)
{
    es_source src;
    satellite *m = load_file("M-1.csg", &src);
    void *scratch = malloc(sat_scratch_size((es_instance *)m));
    int *order = malloc((size_t)m->ntask * sizeof *order);
    es_rng rng;
    es_rng_seed(&rng, 4, 4);
    int stopped = 0;
    for (int trial = 0; trial < 30; trial++) {
        for (int k = 0; k < m->ntask; k++)
            order[k] = k;
        es_rng_shuffle(&rng, order, m->ntask);
        double v = sat_decode(m, order, scratch, NULL, NULL), w;
        int complete = -1;
        w = sat_decode_cutoff(m, order, scratch, v, NULL, NULL, &complete);
        cr_assert(complete == 1 && w == v, "cutoff at the value %.0f gave %.0f (complete %d)", v, w, complete);
        double cutoff = v * (1.0 + 0.01 * (trial % 10));
        w = sat_decode_cutoff(m, order, scratch, cutoff, NULL, NULL, &complete);
        if (complete)
            cr_assert_eq(w, v);
        else {
            cr_assert(w < cutoff && w >= v, "bound %.0f for value %.0f, cutoff %.0f", w, v, cutoff);
            stopped++;
        }
    }
    cr_assert_gt(stopped, 10, "only %d decodes stopped", stopped);
    int complete = 1;
    double w = sat_decode_cutoff(m, order, scratch, m->worth_total + 1, NULL, NULL, &complete);
    cr_assert_eq(complete, 0);
    cr_assert_eq(w, m->worth_total);
    free(order);
    free(scratch);
    sat_destroy((es_instance *)m);
    es_source_free(&src);
}

/* In the engine (the plain GA, satellite's default) the abort changes only
 * the time: same best value, solution, generations as without the hook, on
 * 1 and 2 threads. */
Test(satellite_abort, engine_runs_are_identical_with_and_without_it)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "satellite");
    es_source src;
    satellite *m = load_file("S-2.csg", &src);
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 30;
    cfg.improvement = "none";
    cfg.max_evaluations = 3000;
    expect_abort_changes_nothing(reg, p, (es_instance *)m, cfg, 100, "satellite");
    sat_destroy((es_instance *)m);
    es_source_free(&src);
    es_registry_destroy(reg);
}

/* solve --start: a plan evosched wrote reads back as an order that
 * rebuilds the same links (random orders on four instances, the solution
 * written again from the read order is the same text). A feasible plan the
 * greedy decoder cannot rebuild from its order is refused with both values,
 * and one the checker refuses with the checker's reason. */
Test(satellite_start, a_written_plan_reads_back_as_the_same_links, .timeout = 300)
{
    const char *files[] = {"XS-1.csg", "S-2.csg", "M-1.csg", "L-1.csg"};
    es_rng rng;
    es_rng_seed(&rng, 7, 3);
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        es_source src;
        satellite *m = load_file(files[f], &src);
        es_instance *inst = (es_instance *)m;
        void *scratch = malloc(sat_scratch_size(inst));
        int *order = malloc((size_t)m->ntask * sizeof *order), *back = malloc((size_t)m->ntask * sizeof *back);
        for (int trial = 0; trial < (f < 2 ? 20 : 4); trial++) {
            for (int k = 0; k < m->ntask; k++)
                order[k] = k;
            es_rng_shuffle(&rng, order, m->ntask);
            char *texts[2] = {NULL, NULL};
            size_t lens[2] = {0, 0};
            es_genome g = {order, NULL}, r = {back, NULL};
            for (int pass = 0; pass < 2; pass++) {
                FILE *out = open_memstream(&texts[pass], &lens[pass]);
                cr_assert_eq(sat_write_solution(inst, pass ? &r : &g, scratch, out), ES_OK);
                fclose(out);
                if (pass == 0) {
                    es_source sol = {"plan.txt", texts[0], lens[0], NULL};
                    es_error err = {0, ""};
                    cr_assert_eq(sat_read_solution(inst, &sol, &r, &err), ES_OK, "%s: %s", files[f], err.message);
                }
            }
            cr_assert_str_eq(texts[1], texts[0], "%s trial %d: other links", files[f], trial);
            free(texts[0]), free(texts[1]);
        }
        free(order), free(back), free(scratch);
        sat_destroy(inst);
        es_source_free(&src);
    }
    /* base with task 1's window narrowed to [300, 700), its dmin raised to
     * 300 and its dmax cut to 400: the plan gives task 0 only 200 s so that task 1 fits; the
     * decoder, taking task 0 first, gives it 500 s and then has no room for
     * task 1 at all, which no retiming brings back: 1,400 against 1,900 */
    es_error err = {0, ""};
    char *text = edit(base, "T 1 1 0 0 1000 100 500", "T 1 1 0 300 700 300 400");
    satellite *m = load_ok(text);
    const char *plan = "objective 1900\nA 0 0 0 0 200\nA 1 0 0 300 700\nA 2 0 0 250 650\nA 3 0 0 1500 2000\n";
    double v;
    cr_assert_eq(check(m, plan, &v, &err), ES_OK, "%s", err.message);
    int perm[4];
    es_genome g = {perm, NULL};
    es_source sol = {"plan.txt", plan, strlen(plan), NULL};
    cr_assert_eq(sat_read_solution((es_instance *)m, &sol, &g, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "plan.txt: the decoder builds links worth 1400") && strstr(err.message, "its 1900"),
              "%s", err.message);
    /* in the other order the decoder rebuilds it: accepted */
    const char *other = "objective 1900\nA 1 0 0 300 700\nA 0 0 0 0 200\nA 2 0 0 250 650\nA 3 0 0 1500 2000\n";
    es_source sol2 = {"plan2.txt", other, strlen(other), NULL};
    cr_assert_eq(sat_read_solution((es_instance *)m, &sol2, &g, &err), ES_OK, "%s", err.message);
    cr_assert_eq(perm[0], 1);
    cr_assert_eq(perm[1], 0);
    const char *refused = "objective 50\nA 0 0 0 0 50\n";
    es_source bad = {"bad.txt", refused, strlen(refused), NULL};
    cr_assert_eq(sat_read_solution((es_instance *)m, &bad, &g, &err), ES_EINFEASIBLE);
    cr_assert(strstr(err.message, "bad.txt:2: link of task 0 lasts 50"), "%s", err.message);
    sat_destroy((es_instance *)m);
    free(text);
}
