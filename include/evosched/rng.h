/* pcg32 random number generator (O'Neill's PCG-XSH-RR 64/32), and the rule that
 * derives independent streams from a master seed.
 *
 * Determinism across thread counts rests on this file: every random decision in
 * a run draws from a stream derived from (master seed, purpose, generation,
 * index) rather than from a generator owned by a thread. */
#ifndef EVOSCHED_RNG_H
#define EVOSCHED_RNG_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct es_rng {
    uint64_t state;
    uint64_t inc; /* always odd */
} es_rng;

/* Seeds exactly as pcg32(initstate, initseq) in the reference implementation,
 * so that the outputs agree with pcg_random.hpp and pcg_basic.c. */
void es_rng_seed(es_rng *rng, uint64_t initstate, uint64_t initseq);

uint32_t es_rng_next(es_rng *rng);

/* Uniform integer in [0, bound) without modulo bias; bound must be > 0. */
uint32_t es_rng_below(es_rng *rng, uint32_t bound);

/* Uniform double in [0, 1) with 53 random bits. */
double es_rng_uniform(es_rng *rng);

/* A stream for one decision context: the same (seed, purpose, a, b) always
 * gives the same stream, and different tuples give unrelated streams. The
 * engine uses purpose for the kind of decision (breeding, restart, ...), a for
 * the generation and b for the individual. */
void es_rng_derive(es_rng *rng, uint64_t seed, uint64_t purpose, uint64_t a, uint64_t b);

/* Fisher-Yates shuffle of n ints. */
void es_rng_shuffle(es_rng *rng, int *items, int n);

#ifdef __cplusplus
}
#endif
#endif
