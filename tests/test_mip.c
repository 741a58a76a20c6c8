/* GLPK bounds: the MIP optimum equals brute force on tiny instances, bounds
 * never pass a feasible value, a short time limit still gives a valid bound,
 * and GLPK's errors are trapped instead of aborting the process. */
#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "problems/tardiness/tardiness.h"
#include "problems/rcpsp/rcpsp.h"

extern const es_problem es_problem_tardiness, es_problem_rcpsp;

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
        es_mip_options opt = {30, NULL, NAN, 0};
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

/* Serial SGS over every precedence-feasible list reaches an optimum. */
static int brute_rcpsp(const rcpsp *r, int *list, int k, int *used, void *scratch, int *start)
{
    if (k == r->n)
        return rcpsp_sgs(r, list, RCPSP_FORWARD, scratch, start);
    int best = 1 << 30;
    for (int j = 0; j < r->n; j++) {
        if (used[j])
            continue;
        int ready = 1;
        for (int e = r->pred_start[j]; e < r->pred_start[j + 1]; e++)
            ready &= used[r->pred[e]];
        if (!ready)
            continue;
        used[j] = 1;
        list[k] = j;
        int v = brute_rcpsp(r, list, k + 1, used, scratch, start);
        best = v < best ? v : best;
        used[j] = 0;
    }
    return best;
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
    void *scratch = calloc(1, rcpsp_scratch_size((es_instance *)r));
    int list[8], used[8] = {0}, start[8];
    int want = brute_rcpsp(r, list, 0, used, scratch, start);
    es_mip_options opt = {30, NULL, NAN, 0};
    es_mip_result m;
    es_error err = {0, ""};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert_eq(m.status, ES_MIP_OPTIMAL);
    cr_assert_float_eq(m.incumbent, want, 1e-6, "MIP %g, brute force %d", m.incumbent, want);
    cr_assert_leq(m.lp_bound, want + 1e-6);
    free(scratch);
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
    es_mip_options opt = {1.0, &g, value, 0};
    es_mip_result m;
    es_error err = {0, ""};
    cr_assert_eq(es_mip_bound(&es_problem_rcpsp, (es_instance *)r, &opt, &m, &err), ES_OK, "%s", err.message);
    cr_assert(m.has_lp_bound || m.has_mip_bound, "no bound after 1 s");
    cr_assert(m.has_incumbent, "the incumbent given to GLPK was lost");
    cr_assert_leq(m.incumbent, value + 1e-9);
    cr_assert_leq(m.mip_bound, 67 + 1e-9, "bound %g above the optimum", m.mip_bound);
    cr_assert_leq(m.lp_bound, 67 + 1e-9);
    cr_assert_geq(m.mip_bound, r->critical_path - 1e-9);
    es_genome_free(&g);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
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
    es_mip_options opt = {5, NULL, NAN, 0};
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
