/* Tardiness bounds: never above a known optimum (all of wt40), and the exact
 * dynamic program against brute force. */
#include <signal.h>
#include "tardiness_fixture.h"

extern const es_problem es_problem_tardiness; /* its bound as a run computes it */

Test(tardiness_bounds, never_above_the_wt40_optima, .timeout = 600)
{
    int tight = 0;
    double lag_sum = 0, opt_sum = 0;
    for (int k = 1; k <= 125; k++) {
        tardiness *t = load_wt40(k);
        long long opt = wt40_optimum(k);
        int64_t pair = tard_pairing_bound(t);
        int64_t lag = tard_lagrangian_bound(t, TARD_LR_ITERATIONS, opt);
        cr_assert_leq(pair, opt, "instance %d: pairing bound %lld > optimum %lld", k, (long long)pair, opt);
        cr_assert_leq(lag, opt, "instance %d: Lagrangian bound %lld > optimum %lld", k, (long long)lag, opt);
        tight += opt > 0 && lag >= 0.95 * (double)opt;
        lag_sum += (double)lag;
        opt_sum += (double)opt;
        tard_destroy((es_instance *)t);
    }
    /* A bound that is never close would be worthless even if valid. */
    cr_assert_gt(tight, 90, "only %d instances within 5%%", tight);
    /* The issue asks for about 1% in total; a relaxation that lost its
     * no-idle or no-repeat rule drops well below. */
    cr_assert_geq(lag_sum / opt_sum, 0.99, "Lagrangian bounds sum to %.4f of the optima", lag_sum / opt_sum);
}

static int64_t brute(const tardiness *t, int *perm, int k)
{
    if (k == t->n)
        return tard_sequence_cost(t, perm);
    int64_t best = INT64_MAX;
    for (int i = k; i < t->n; i++) {
        int x = perm[k];
        perm[k] = perm[i];
        perm[i] = x;
        int64_t v = brute(t, perm, k + 1);
        if (v < best)
            best = v;
        perm[i] = perm[k];
        perm[k] = x;
    }
    return best;
}

Test(tardiness_bounds, exact_dp_equals_brute_force)
{
    es_rng rng;
    es_rng_seed(&rng, 3, 3);
    for (int trial = 0; trial < 20; trial++) {
        int n = 3 + trial % 6; /* up to 8 jobs: 40320 orders */
        tardiness *t;
        cr_assert_eq(tard_alloc(n, &t), ES_OK);
        for (int j = 0; j < n; j++) {
            t->p[j] = 1 + (int)es_rng_below(&rng, 20);
            t->w[j] = 1 + (int)es_rng_below(&rng, 10);
            t->total_p += t->p[j];
        }
        for (int j = 0; j < n; j++)
            t->d[j] = es_rng_below(&rng, (uint32_t)t->total_p);
        int perm[8], seq[8];
        for (int j = 0; j < n; j++)
            perm[j] = j;
        int64_t want = brute(t, perm, 0), got;
        cr_assert_eq(tard_exact(t, &got, seq), ES_OK);
        cr_assert_eq(got, want, "n=%d: dp %lld, brute force %lld", n, (long long)got, (long long)want);
        cr_assert_eq(tard_sequence_cost(t, seq), got, "the DP's sequence does not have its value");
        int64_t lag = tard_lagrangian_bound(t, TARD_LR_ITERATIONS, want);
        cr_assert_leq(lag, want);
        tard_destroy((es_instance *)t);
    }
}

/* Told to stop (es_problem_bound with its flag raised), the bound gives
 * what its first steps proved: never above the optimum nor below the
 * pairing bound, and named as cut short. The ascent itself, told to stop
 * with the optimum as its upper bound, is weaker than the whole ascent
 * somewhere. */
static long long ascent_upper;
static int64_t ascent_value;

static int bound_ascent(const es_instance *inst, es_bound *out)
{
    ascent_value = tard_lagrangian_bound(tard_of(inst), TARD_LR_ITERATIONS, ascent_upper);
    out->value = (double)ascent_value;
    return ES_OK;
}

Test(tardiness_bounds, a_bound_told_to_stop_is_weaker_and_still_a_bound, .timeout = 120)
{
    volatile sig_atomic_t stop = 1;
    es_problem ascent = es_problem_tardiness;
    ascent.lower_bound = bound_ascent;
    int weaker = 0;
    for (int k = 1; k <= 10; k++) {
        tardiness *t = load_wt40(k);
        long long opt = wt40_optimum(k);
        es_bound full, cut;
        cr_assert_eq(es_problem_bound(&es_problem_tardiness, (es_instance *)t, NULL, 0, &full), ES_OK);
        cr_assert_eq(es_problem_bound(&es_problem_tardiness, (es_instance *)t, &stop, 0, &cut), ES_OK);
        cr_assert_null(strstr(full.source, "cut short"), "instance %d: %s", k, full.source);
        cr_assert_not_null(strstr(cut.source, "cut short"), "instance %d: %s", k, cut.source);
        cr_assert_leq(cut.value, (double)opt, "instance %d", k);
        cr_assert_geq(cut.value, (double)tard_pairing_bound(t), "instance %d", k);
        ascent_upper = opt;
        cr_assert_eq(es_problem_bound(&ascent, (es_instance *)t, &stop, 0, &cut), ES_OK);
        int64_t whole = tard_lagrangian_bound(t, TARD_LR_ITERATIONS, opt);
        cr_assert_leq(ascent_value, whole, "instance %d", k);
        weaker += ascent_value < whole;
        tard_destroy((es_instance *)t);
    }
    cr_assert_gt(weaker, 0, "the ascent did not stop: every bound is the whole ascent's");
}

/* 3,000 jobs of up to 100 time units: too many states for the Lagrangian
 * bound, so neither its upper bound (rules and descents) is computed nor
 * anything asked to stop; and a dynamic rule told to stop gives up. */
static int rule_status;

static int bound_runs_mdd(const es_instance *inst, es_bound *out)
{
    const tardiness *t = tard_of(inst);
    int *seq = malloc((size_t)t->n * sizeof *seq);
    const char *name;
    rule_status = tard_rule(t, 3, seq, &name);
    free(seq);
    out->value = 0;
    return ES_OK;
}

Test(tardiness_bounds, huge_instances_skip_what_they_cannot_use)
{
    es_rng rng;
    es_rng_seed(&rng, 5, 5);
    tardiness *t;
    cr_assert_eq(tard_alloc(3000, &t), ES_OK);
    for (int j = 0; j < t->n; j++) {
        t->p[j] = 1 + (int)es_rng_below(&rng, 100);
        t->w[j] = 1 + (int)es_rng_below(&rng, 10);
        t->total_p += t->p[j];
    }
    for (int j = 0; j < t->n; j++)
        t->d[j] = es_rng_below(&rng, (uint32_t)t->total_p);
    cr_assert_eq(tard_lagrangian_fits(t), 0);
    volatile sig_atomic_t stop = 1;
    es_bound b;
    cr_assert_eq(es_problem_bound(&es_problem_tardiness, (es_instance *)t, &stop, 0, &b), ES_OK);
    cr_assert_str_eq(b.source, "SPT/EDD pairing");
    cr_assert_eq(b.value, (double)tard_pairing_bound(t));
    es_problem asks = es_problem_tardiness;
    asks.lower_bound = bound_runs_mdd;
    cr_assert_eq(es_problem_bound(&asks, (es_instance *)t, &stop, 0, &b), ES_OK);
    cr_assert_eq(rule_status, ES_ENOTFOUND, "MDD did not give up when told to stop");
    cr_assert_eq(es_problem_bound(&asks, (es_instance *)t, NULL, 0, &b), ES_OK);
    cr_assert_eq(rule_status, ES_OK);
    tard_destroy((es_instance *)t);
}
