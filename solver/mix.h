/* splitmix64's finaliser, private to the library: the rng's stream
 * derivation and the niche's band hashes both need a 64-bit mixer. */
#ifndef EVOSCHED_MIX_H
#define EVOSCHED_MIX_H

#include <stdint.h>

/* Bijective, so distinct inputs never collide, and nearby inputs give
 * unrelated outputs. */
static inline uint64_t es_mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

#endif
