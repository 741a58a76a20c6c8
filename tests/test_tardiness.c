/* The tardiness problem: formats and their errors, dispatching rules,
 * dynasearch against full evaluation, and the independent checker. */
#include "tardiness_fixture.h"

static const char small_text[] = "# three jobs\n3\n3 4 1\n1 5 3\n2 1 2\n";
static const char small_csv[] = "job,p,w,d\n1,3,1,4\n2,1,3,5\n3,2,2,1\n";

Test(tardiness_parse, text_and_csv_agree)
{
    tardiness *a, *b;
    es_error err = {0, ""};
    cr_assert_eq(load_text("a.txt", small_text, NULL, &a, &err), ES_OK, "%s", err.message);
    cr_assert_eq(load_text("a.csv", small_csv, NULL, &b, &err), ES_OK, "%s", err.message);
    cr_assert_eq(a->n, 3);
    cr_assert_eq(b->n, 3);
    for (int j = 0; j < 3; j++) {
        cr_assert_eq(a->p[j], b->p[j]);
        cr_assert_eq(a->w[j], b->w[j]);
        cr_assert_eq(a->d[j], b->d[j]);
    }
    cr_assert_eq(a->p[0], 3);
    cr_assert_eq(a->d[0], 4);
    cr_assert_eq(a->w[1], 3);
    cr_assert_eq(a->total_p, 6);
    cr_assert(a->weighted);
    tard_destroy((es_instance *)a);
    tard_destroy((es_instance *)b);
}

Test(tardiness_parse, a_text_file_named_like_or_library_is_read_as_text)
{
    /* `evosched generate tardiness --n 3 > wt3.txt` writes the text format;
     * the name alone made it an OR-Library stream ("wt3.txt:1: expected a
     * number, found '#'"). With or without its comment it is text; a real
     * OR-Library stream of the same name is still one. */
    static const char uncommented[] = "3\n3 4 1\n1 5 3\n2 1 2\n";
    const char *texts[] = {small_text, uncommented};
    for (int k = 0; k < 2; k++) {
        tardiness *t;
        es_error err = {0, ""};
        cr_assert_eq(load_text("wt3.txt", texts[k], NULL, &t, &err), ES_OK, "%s", err.message);
        cr_assert_eq(t->format, TARD_TEXT);
        cr_assert_eq(t->n, 3);
        cr_assert_eq(t->d[0], 4);
        tard_destroy((es_instance *)t);
    }
    tardiness *t;
    es_error err = {0, ""};
    cr_assert_eq(load_text("wt3.txt", "3 1 2  1 3 2  4 5 1\n", NULL, &t, &err), ES_OK, "%s", err.message);
    cr_assert_eq(t->format, TARD_ORLIB);
    cr_assert_eq(t->p[0], 3);
    cr_assert_eq(t->w[0], 1);
    cr_assert_eq(t->d[0], 4);
    tard_destroy((es_instance *)t);
    cr_assert_eq(load_text("wt3.txt", "3 1 2 1 3 2 4 5\n", NULL, &t, &err), ES_EPARSE);
    cr_assert(strstr(err.message, "not a whole number of 3-job instances"), "%s", err.message);
}

Test(tardiness_parse, csv_columns_in_any_order)
{
    tardiness *t;
    es_error err = {0, ""};
    cr_assert_eq(load_text("x.csv", "d,w,p,job\n4,1,3,1\n", NULL, &t, &err), ES_OK, "%s", err.message);
    cr_assert_eq(t->p[0], 3);
    cr_assert_eq(t->d[0], 4);
    tard_destroy((es_instance *)t);
}

Test(tardiness_parse, orlib_instance_selection)
{
    tardiness *t = load_wt40(2);
    cr_assert_eq(t->n, 40);
    cr_assert_eq(t->index, 2);
    cr_assert_eq(t->count, 125);
    for (int j = 0; j < 40; j++)
        cr_assert(t->p[j] >= 1 && t->p[j] <= 100 && t->w[j] >= 1 && t->w[j] <= 10);
    tard_destroy((es_instance *)t);
}

/* Each malformed input must fail with the file, the line and a reason. */
static void expect_error(const char *path, const char *text, const char *selector, const char *where,
                         const char *why)
{
    tardiness *t = NULL;
    es_error err = {0, ""};
    int st = load_text(path, text, selector, &t, &err);
    cr_assert_neq(st, ES_OK, "accepted %s", text);
    cr_assert_null(t);
    cr_assert(strstr(err.message, where), "'%s' lacks '%s'", err.message, where);
    cr_assert(strstr(err.message, why), "'%s' lacks '%s'", err.message, why);
}

Test(tardiness_parse, errors_name_file_line_and_reason)
{
    expect_error("t.txt", "3\n1 2 3\n4 5", NULL, "t.txt:3", "end of file");
    expect_error("t.txt", "2\n1 x 3\n4 5 6\n", NULL, "t.txt:2", "found 'x'");
    expect_error("t.txt", "2\n0 4 1\n4 5 6\n", NULL, "t.txt:2", "processing time of job 1 must lie");
    expect_error("t.txt", "1\n1 4 1\n9\n", NULL, "t.txt:3", "unexpected data");
    expect_error("t.txt", "-4\n", NULL, "t.txt:1", "number of jobs");
    expect_error("t.txt", "2\n1 2 3\n4 5 6.5\n", NULL, "t.txt:3", "found '6.5'");
    expect_error("wt3.txt", "1 2 3 4 5 6 7 8\n", NULL, "wt3.txt", "not a whole number");
    expect_error("wt1.txt", "1 1 1\n2 2 2\n", NULL, "wt1.txt", "pick one with wt1.txt:K");
    expect_error("wt1.txt", "1 1 1\n2 2 2\n", "3", "wt1.txt", "instance '3' does not exist");
    expect_error("wt1.txt", "1 1 1\n2 2 2\n", "0", "wt1.txt", "(1..2)");
    expect_error("t.csv", "job,p,q,d\n1,2,3,4\n", NULL, "t.csv:1", "unknown or repeated column 'q'");
    expect_error("t.csv", "job,p,w,d\n1,2,3\n2,2,3,4\n", NULL, "t.csv:2", "a row needs four values");
    expect_error("t.csv", "job,p,w,d\n1,2,3,4,5\n", NULL, "t.csv:2", "more than four values");
    expect_error("t.csv", "job,p,d\n1,2,3\n", NULL, "t.csv:1", "the header must name the four columns");
    expect_error("t.csv", "job,p,w,d\n\n", NULL, "t.csv:", "expected 1 to");
    expect_error("t.csv", "job,p,w,d\n1,2,3,\n4\n", NULL, "t.csv:2", "a row needs four values");
    expect_error("t.csv", "job,p,w,d\n1 2,3,4\n", NULL, "t.csv:2", "expected ',' after column 1");
    expect_error("t.txt", "2\n1 2 3\n4 5 6\n", "2", "t.txt", "single instance");
    expect_error("t.txt", "", NULL, "t.txt:1", "end of file");
}

Test(tardiness_parse, orlib_index_out_of_range_on_real_file)
{
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/wt40.txt", &src, &err), ES_OK);
    src.selector = "126";
    es_instance *inst = NULL;
    cr_assert_eq(tard_load(&src, &inst, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "holds 125 instances"), "%s", err.message);
    es_source_free(&src);
}

/* OR-Library's files have no job count: renamed, wt40.txt reads as the text
 * format with n = 26 (its first processing time), and the error must say
 * what to do rather than only that data follows the 26th job. */
Test(tardiness_parse, renamed_orlib_file_is_refused_with_the_reason)
{
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/wt40.txt", &src, &err), ES_OK);
    const char *path = src.path;
    src.path = "instances40.txt";
    es_instance *inst = NULL;
    cr_assert_eq(tard_load(&src, &inst, &err), ES_EPARSE);
    cr_assert(strstr(err.message, "instances40.txt:4: unexpected data after the 26 jobs"), "%s", err.message);
    cr_assert(strstr(err.message, "must keep its name, wtN.txt"), "%s", err.message);
    src.path = path;
    es_source_free(&src);
}

/* Hand-computed: p = (3,1,2), d = (4,5,1), w = (1,3,2); see the comments in
 * rules.c for the indexes. */
Test(tardiness_rules, hand_computed_three_jobs)
{
    tardiness *t;
    es_error err = {0, ""};
    cr_assert_eq(load_text("a.txt", small_text, NULL, &t, &err), ES_OK);
    const int want[TARD_RULES][3] = {
        {2, 0, 1}, /* EDD: d = 1, 4, 5 */
        {1, 2, 0}, /* SPT: p = 1, 2, 3 */
        {1, 2, 0}, /* WSPT: w/p = 3, 1, 1/3 */
        {2, 1, 0}, /* MDD at t=0: max(p,d-t)/w = 4, 5/3, 1 -> job 3; t=2: 3, 1 -> job 2 */
        {1, 2, 0}, /* ATC at t=0: 0.26, 1.10, 1.00 -> job 2; then 0.33 < 1 -> job 3 */
        {2, 0, 1}, /* COVERT at t=0: 0.28, 0, 1 -> job 3; t=2: 0.33 > 0 -> job 1 */
    };
    const char *names[TARD_RULES] = {"EDD", "SPT", "WSPT", "MDD", "ATC", "COVERT"};
    for (int r = 0; r < TARD_RULES; r++) {
        int seq[3];
        const char *name;
        cr_assert_eq(tard_rule(t, r, seq, &name), ES_OK);
        cr_assert_str_eq(name, names[r]);
        cr_assert_arr_eq(seq, want[r], sizeof seq, "%s gave %d %d %d", name, seq[0], seq[1], seq[2]);
    }
    int seq[3];
    const char *name;
    cr_assert_eq(tard_rule(t, TARD_RULES, seq, &name), ES_ENOTFOUND);
    /* [3,2,1] in job numbers: job 3 ends at 2 (1 late, w 2), job 2 at 3 (on
     * time), job 1 at 6 (2 late, w 1): 2 + 0 + 2. */
    cr_assert_eq(tard_sequence_cost(t, want[3]), 4);
    tard_destroy((es_instance *)t);
}

Test(tardiness_localsearch, dynasearch_gain_equals_full_evaluation)
{
    es_rng rng;
    es_rng_seed(&rng, 77, 1);
    for (int k = 1; k <= 125; k += 4) {
        tardiness *t = load_wt40(k);
        void *scratch = malloc(tard_scratch_size((es_instance *)t));
        int seq[40];
        for (int trial = 0; trial < 10; trial++) {
            for (int j = 0; j < 40; j++)
                seq[j] = j;
            es_rng_shuffle(&rng, seq, 40);
            for (int pass = 0; pass < 50; pass++) {
                int64_t before = tard_sequence_cost(t, seq);
                int64_t gain = tard_dynasearch_pass(t, seq, scratch);
                int64_t after = tard_sequence_cost(t, seq);
                cr_assert_leq(gain, 0, "a pass made things worse");
                cr_assert_eq(after - before, gain, "instance %d: predicted %lld, actual %lld", k, (long long)gain,
                             (long long)(after - before));
                es_genome_info info = {ES_GENOME_PERMUTATION, 40, NULL, NULL};
                es_genome g = {seq, NULL};
                cr_assert_eq(es_genome_validate(&info, &g), ES_OK);
                if (gain == 0)
                    break;
            }
        }
        free(scratch);
        tard_destroy((es_instance *)t);
    }
}

Test(tardiness_localsearch, improve_hook_reports_the_true_value)
{
    tardiness *t = load_wt40(9);
    void *scratch = malloc(tard_scratch_size((es_instance *)t));
    int seq[40];
    for (int j = 0; j < 40; j++)
        seq[j] = 39 - j;
    es_genome g = {seq, NULL};
    double v = (double)tard_sequence_cost(t, seq), start = v;
    long long evals = 3;
    double v3 = v;
    int copy[40];
    memcpy(copy, seq, sizeof copy);
    es_genome g3 = {copy, NULL};
    cr_assert_eq(tard_improve((es_instance *)t, &g3, &v3, scratch, NULL, &evals), ES_OK);
    cr_assert_eq(evals, 3, "an allowance of 3 passes must be used up here, not exceeded");
    cr_assert_eq(v3, (double)tard_sequence_cost(t, copy));
    evals = 1000000;
    cr_assert_eq(tard_improve((es_instance *)t, &g, &v, scratch, NULL, &evals), ES_OK);
    cr_assert_lt(v, v3);
    cr_assert_eq(v, (double)tard_sequence_cost(t, seq));
    cr_assert_lt(v, start);
    cr_assert_geq(v, (double)wt40_optimum(9));
    cr_assert_gt(evals, 1);
    free(scratch);
    tard_destroy((es_instance *)t);
}

/* Writes the solution of seq, then lets the caller tamper with the text. */
static char *solution_text(tardiness *t, const int *seq)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    es_genome g = {(int *)seq, NULL};
    cr_assert_eq(tard_write_solution((es_instance *)t, &g, NULL, f), ES_OK);
    fclose(f);
    return buf;
}

static int check_text(tardiness *t, const char *text, es_error *err, double *value)
{
    es_source src = {"sol.txt", text, strlen(text), NULL};
    return tard_check((es_instance *)t, &src, value, err);
}

Test(tardiness_check, accepts_written_solutions_and_rejects_tampering)
{
    tardiness *t;
    es_error err = {0, ""};
    cr_assert_eq(load_text("a.txt", small_text, NULL, &t, &err), ES_OK);
    int seq[3] = {2, 1, 0};
    char *good = solution_text(t, seq);
    double v = -1;
    cr_assert_eq(check_text(t, good, &err, &v), ES_OK, "%s", err.message);
    cr_assert_eq(v, 4);
    free(good);
    struct {
        const char *text, *why;
    } bad[] = {
        {"objective 4\nJ 3 0 2\nJ 2 2 3\nJ 1 3 5\n", "processing time"},   /* job 1 too short */
        {"objective 4\nJ 3 0 2\nJ 2 1 2\nJ 1 3 6\n", "overlaps"},          /* jobs 3 and 2 */
        {"objective 4\nJ 3 0 2\nJ 2 2 3\n", "job 1 is not scheduled"},      /* missing */
        {"objective 4\nJ 3 0 2\nJ 3 2 4\nJ 1 4 7\n", "scheduled twice"},    /* duplicate */
        {"objective 3\nJ 3 0 2\nJ 2 2 3\nJ 1 3 6\n", "states objective 3"}, /* wrong value */
        {"objective 4\nJ 4 0 2\n", "job number must lie"},                 /* unknown job */
        {"objectiv 4\n", "expected 'objective'"},
        {"objective 4\nJ 3 0 2\nK 2 2 3\n", "sol.txt:3"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err.message[0] = 0;
        cr_assert_neq(check_text(t, bad[i].text, &err, &v), ES_OK, "accepted case %zu", i);
        cr_assert(strstr(err.message, bad[i].why), "case %zu: '%s' lacks '%s'", i, err.message, bad[i].why);
    }
    /* Idle time is feasible, only later: the checker recomputes the cost. */
    cr_assert_eq(check_text(t, "objective 6\nJ 3 0 2\nJ 2 3 4\nJ 1 5 8\n", &err, &v), ES_OK, "%s", err.message);
    cr_assert_eq(v, 6); /* job 3: 1 late x w 2; job 1: 4 late x w 1 */
    tard_destroy((es_instance *)t);
}

/* solve --start: the jobs of a solution file in its order, back to back,
 * which costs at most what the file states. Random orders of wt40 #7 with
 * idle time before every job (the file's cost then higher than the order's);
 * a file that check refuses is refused with check's reason. */
extern const es_problem es_problem_tardiness;
Test(tardiness_start, a_solution_file_reads_as_its_order)
{
    tardiness *t = load_wt40(7);
    const es_problem *p = &es_problem_tardiness;
    cr_assert_not_null(p->read_solution);
    int n = t->n, *seq = malloc((size_t)n * sizeof *seq);
    es_genome g = {malloc((size_t)n * sizeof(int)), NULL};
    static char text[1 << 14];
    es_rng rng;
    es_rng_seed(&rng, 5, 5);
    for (int trial = 0; trial < 20; trial++) {
        for (int j = 0; j < n; j++)
            seq[j] = j;
        es_rng_shuffle(&rng, seq, n);
        int64_t time = 0, cost = 0;
        size_t off = 0;
        char body[1 << 13];
        for (int k = 0; k < n; k++) {
            time += trial % 3; /* idle before every job, or none */
            off += (size_t)snprintf(body + off, sizeof body - off, "J %d %lld %lld\n", seq[k] + 1, (long long)time,
                                    (long long)(time + t->p[seq[k]]));
            time += t->p[seq[k]];
            cost += tard_cost(t, seq[k], time);
        }
        snprintf(text, sizeof text, "objective %lld\n%s", (long long)cost, body);
        es_source sol = {"start.txt", text, strlen(text), NULL};
        es_error err = {0, ""};
        cr_assert_eq(p->read_solution((es_instance *)t, &sol, &g, &err), ES_OK, "%s", err.message);
        cr_assert_eq(memcmp(g.perm, seq, (size_t)n * sizeof *seq), 0, "trial %d: not the file's order", trial);
        cr_assert_leq(tard_sequence_cost(t, g.perm), cost);
    }
    es_source bad = {"bad.txt", "objective 0\nJ 1 0 1\n", 20, NULL};
    es_error err = {0, ""};
    cr_assert_eq(p->read_solution((es_instance *)t, &bad, &g, &err), ES_EINFEASIBLE);
    cr_assert(strstr(err.message, "bad.txt"), "%s", err.message);
    free(g.perm);
    free(seq);
    tard_destroy((es_instance *)t);
}

Test(tardiness_generate, deterministic_and_within_ranges)
{
    char *a = NULL, *b = NULL;
    size_t la, lb;
    char *argv[] = {"tardiness", "--n", "30", "--tf", "0.6", "--rdd", "0.4", "--weighted", "--seed", "5", NULL};
    FILE *f = open_memstream(&a, &la);
    es_error err = {0, ""};
    cr_assert_eq(tard_generate(10, argv, f, &err), ES_OK, "%s", err.message);
    fclose(f);
    f = open_memstream(&b, &lb);
    cr_assert_eq(tard_generate(10, argv, f, &err), ES_OK);
    fclose(f);
    cr_assert_str_eq(a, b);
    tardiness *t;
    cr_assert_eq(load_text("g.txt", a, NULL, &t, &err), ES_OK, "%s", err.message);
    cr_assert_eq(t->n, 30);
    double P = (double)t->total_p;
    for (int j = 0; j < 30; j++) {
        cr_assert(t->p[j] >= 1 && t->p[j] <= 100);
        cr_assert(t->w[j] >= 1 && t->w[j] <= 10);
        cr_assert(t->d[j] >= P * (1 - 0.6 - 0.2) - 1 && t->d[j] <= P * (1 - 0.6 + 0.2) + 1);
    }
    tard_destroy((es_instance *)t);
    free(a);
    free(b);
    char *bad[] = {"tardiness", "--n", "ten", NULL};
    cr_assert_eq(tard_generate(3, bad, stdout, &err), ES_EINVAL);
    cr_assert(strstr(err.message, "--n"), "%s", err.message);
}
