/* Scratch layout shared by the permutation crossovers: a membership mark per
 * item and a position table, both of genome length. */
#ifndef ES_PERM_SCRATCH_H
#define ES_PERM_SCRATCH_H
#include <string.h>
#include <evosched/genome.h>

static inline size_t es_perm_scratch_size(const es_genome_info *info)
{
    return 2u * (size_t)info->length * sizeof(int);
}

/* Random cut points 0 <= *lo <= *hi < n. */
static inline void es_two_cuts(es_rng *rng, int n, int *lo, int *hi)
{
    int a = (int)es_rng_below(rng, (uint32_t)n);
    int b = (int)es_rng_below(rng, (uint32_t)n);
    *lo = a < b ? a : b;
    *hi = a < b ? b : a;
}
#endif
