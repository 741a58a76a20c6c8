/* How many elementary moves a mutation of a given strength makes: one for an
 * ordinary child, up to a tenth of the genome for a restart's perturbation. */
#ifndef ES_MUTATION_MOVES_H
#define ES_MUTATION_MOVES_H
static inline int es_mutation_moves(int n, double strength)
{
    int m = 1 + (int)(strength * n * 0.1);
    return m < 1 ? 1 : m;
}
#endif
