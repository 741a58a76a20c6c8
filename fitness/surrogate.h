/* The fuzzy fitness surrogate (FFEM, after Jiang et al. 2024): an offspring
 * close enough to genomes already evaluated for real gets a
 * similarity-weighted estimate of its fitness instead of a decode.
 *
 * This module only estimates and remembers; the engine decides, with the
 * guards of docs/operators.md, what is finally evaluated for real. Estimates
 * of a batch read the archive only, so they can run in parallel; the archive
 * is updated afterwards in index order, which keeps runs deterministic. */
#ifndef ES_SURROGATE_H
#define ES_SURROGATE_H
#include <evosched/genome.h>
#include "similarity.h"

typedef struct es_surrogate_config {
    es_similarity_kind similarity;
    double threshold_start, threshold_end; /* rises linearly with the run's progress */
    int archive;                           /* genomes remembered (oldest dropped) */
    int neighbours;                        /* archive members an estimate averages */
    es_feature_similarity feature;         /* used when similarity is ES_SIM_FEATURE */
} es_surrogate_config;

typedef struct es_surrogate es_surrogate;

/* Ownership: the caller frees *out with es_surrogate_destroy. */
int es_surrogate_create(const es_genome_info *info, const es_surrogate_config *cfg, int threads, es_surrogate **out);
void es_surrogate_destroy(es_surrogate *s);

double es_surrogate_threshold(const es_surrogate *s, double progress);

/* Best similarity of g to the archive and the similarity-weighted mean cost
 * of its nearest members (cost: lower is better). 0 similarity when empty.
 * Thread-safe for distinct t (thread index). */
void es_surrogate_estimate(es_surrogate *s, int t, const es_genome *g, double *similarity, double *cost);

/* Remembers a real evaluation. Not thread-safe. */
void es_surrogate_add(es_surrogate *s, const es_genome *g, double cost);

int es_surrogate_size(const es_surrogate *s);
#endif
