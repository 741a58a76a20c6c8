/* pcg32 (PCG-XSH-RR with 64-bit state) and stream derivation.
 *
 * The generator follows O'Neill's reference pcg32 exactly, so its outputs can
 * be checked against pcg_random.hpp (tests/test_rng_reference.cpp). */
#include <evosched/rng.h>
#include "mix.h"

#define PCG_MULT 6364136223846793005ULL

static inline void step(es_rng *rng) { rng->state = rng->state * PCG_MULT + rng->inc; }

void es_rng_seed(es_rng *rng, uint64_t initstate, uint64_t initseq)
{
    rng->state = 0u;
    rng->inc = (initseq << 1u) | 1u;
    step(rng);
    rng->state += initstate;
    step(rng);
}

uint32_t es_rng_next(es_rng *rng)
{
    uint64_t old = rng->state;
    step(rng);
    uint32_t xorshifted = (uint32_t)(((old >> 18u) ^ old) >> 27u);
    uint32_t rot = (uint32_t)(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
}

uint32_t es_rng_below(es_rng *rng, uint32_t bound)
{
    /* Reject the low values that would make the modulo biased, as
     * pcg32_boundedrand does. */
    uint32_t threshold = (-bound) % bound;
    for (;;) {
        uint32_t r = es_rng_next(rng);
        if (r >= threshold)
            return r % bound;
    }
}

double es_rng_uniform(es_rng *rng)
{
    uint64_t hi = es_rng_next(rng) >> 5; /* 27 bits */
    uint64_t lo = es_rng_next(rng) >> 6; /* 26 bits */
    return (double)((hi << 26) | lo) * (1.0 / 9007199254740992.0);
}

void es_rng_derive(es_rng *rng, uint64_t seed, uint64_t purpose, uint64_t a, uint64_t b)
{
    uint64_t h = es_mix64(seed);
    h = es_mix64(h ^ purpose);
    h = es_mix64(h ^ a);
    h = es_mix64(h ^ b);
    es_rng_seed(rng, h, es_mix64(h ^ 0x5851f42d4c957f2dULL));
}

void es_rng_shuffle(es_rng *rng, int *items, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)es_rng_below(rng, (uint32_t)i + 1u);
        int t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
}
