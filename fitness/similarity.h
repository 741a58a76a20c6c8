/* Similarity between genomes, computed without decoding: the fuzzy fitness
 * surrogate and the similarity-based crossover rate need it to cost far less
 * than an evaluation. Values lie in [0, 1]; 1 means identical. */
#ifndef ES_SIMILARITY_H
#define ES_SIMILARITY_H
#include <evosched/genome.h>
#include <evosched/problem.h>

typedef enum { ES_SIM_POSITIONAL = 0, ES_SIM_ORDER = 1, ES_SIM_FEATURE = 2 } es_similarity_kind;

/* A problem's feature similarity (es_problem.feature_similarity), bound to
 * its instance. */
typedef struct es_feature_similarity {
    double (*fn)(const es_instance *inst, const es_genome *a, const es_genome *b, int *work);
    const es_instance *inst;
} es_feature_similarity;

/* Share of positions holding the same item (random keys: 1 - mean |a-b|). O(n). */
double es_similarity_positional(const es_genome_info *info, const es_genome *a, const es_genome *b);

/* Share of item pairs in the same relative order (1 - normalised Kendall
 * distance), by counting inversions with a merge sort: O(n log n). work must
 * hold 3 n ints. Random keys fall back to the positional measure. */
double es_similarity_order(const es_genome_info *info, const es_genome *a, const es_genome *b, int *work);

double es_similarity(es_similarity_kind kind, const es_genome_info *info, const es_genome *a, const es_genome *b,
                     int *work);
#endif
