/* Tardiness bounds: never above a known optimum (all of wt40), and the exact
 * dynamic program against brute force. */
#include "tardiness_fixture.h"

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
