/* pcg32: reference values, bounded draws, stream derivation. */
#include <criterion/criterion.h>
#include <evosched/rng.h>

/* The reference outputs quoted in the pcg32 documentation (and the issue). */
Test(rng, reference_seed42_stream54)
{
    es_rng r;
    es_rng_seed(&r, 42u, 54u);
    cr_assert_eq(es_rng_next(&r), 0xa15c02b7u);
    cr_assert_eq(es_rng_next(&r), 0x7b47f409u);
    cr_assert_eq(es_rng_next(&r), 0xba1d3330u);
}

Test(rng, below_stays_in_range_and_covers_it)
{
    es_rng r;
    es_rng_seed(&r, 1, 2);
    int seen[7] = {0};
    for (int i = 0; i < 10000; i++) {
        uint32_t v = es_rng_below(&r, 7);
        cr_assert_lt(v, 7u);
        seen[v]++;
    }
    for (int k = 0; k < 7; k++)
        cr_assert_gt(seen[k], 1200, "value %d drawn %d times of 10000", k, seen[k]);
}

Test(rng, uniform_in_unit_interval)
{
    es_rng r;
    es_rng_seed(&r, 3, 4);
    double sum = 0;
    for (int i = 0; i < 100000; i++) {
        double u = es_rng_uniform(&r);
        cr_assert(u >= 0.0 && u < 1.0);
        sum += u;
    }
    cr_assert_float_eq(sum / 100000, 0.5, 0.01);
}

Test(rng, derive_is_a_function_of_its_arguments)
{
    es_rng a, b, c;
    es_rng_derive(&a, 7, 1, 10, 3);
    es_rng_derive(&b, 7, 1, 10, 3);
    es_rng_derive(&c, 7, 1, 10, 4);
    uint32_t xa = es_rng_next(&a), xb = es_rng_next(&b), xc = es_rng_next(&c);
    cr_assert_eq(xa, xb);
    cr_assert_neq(xa, xc);
}

Test(rng, shuffle_is_a_permutation)
{
    es_rng r;
    es_rng_seed(&r, 9, 9);
    int v[50], seen[50] = {0};
    for (int i = 0; i < 50; i++)
        v[i] = i;
    es_rng_shuffle(&r, v, 50);
    int moved = 0;
    for (int i = 0; i < 50; i++) {
        seen[v[i]]++;
        moved += v[i] != i;
    }
    for (int i = 0; i < 50; i++)
        cr_assert_eq(seen[i], 1);
    cr_assert_gt(moved, 25);
}
