/* Niching: finds, for a child, a member of the population that is at least
 * as good and agrees with it on at least a share `threshold` of their
 * features (the problem's features hook: RCPSP's start times). Such a child
 * is a near copy; the engine's replacement keeps it last (docs/operators.md).
 *
 * Comparing every child with every member would cost P^2 comparisons per
 * generation, too many for the populations a time limit gives (RCPSP: 9,482
 * members on j120 in 60 s). Locality-sensitive hashing keeps it near linear:
 * each of the bands hashes the features at a few fixed random positions, and
 * a child is compared, exactly, only with members that share one of its band
 * hashes. Two genomes that agree on a share f of their positions share a band
 * with probability 1 - (1 - f^4)^8: 0.95 at f = 0.75, 0.9998 at f = 0.9, 0.06
 * at f = 0.3. Private to the library. */
#ifndef EVOSCHED_NICHE_H
#define EVOSCHED_NICHE_H

#include <stdint.h>

typedef struct es_niche es_niche;

/* An index for `rows` rows of up to `width` features each, for the given
 * threshold in (0, 1]; seed picks the bands' positions. Returns ES_OK,
 * ES_EINVAL or ES_ENOMEM. Ownership: the caller destroys *out with
 * es_niche_destroy. */
int es_niche_create(int rows, int width, double threshold, uint64_t seed, es_niche **out);
void es_niche_destroy(es_niche *n);

/* Row i's features, for the caller to fill (width ints). */
int *es_niche_row(es_niche *n, int i);

/* How many features a row holds (the same for all rows, at most width). The
 * first call fixes it and places the bands; a different count later returns
 * ES_EINTERNAL. */
int es_niche_set_count(es_niche *n, int count);

/* Indexes rows [0, members) with their costs (lower is better). The
 * engine's population is usually sorted, which the index uses as it is;
 * after a restart it is not, and the index sorts its own order. */
void es_niche_index(es_niche *n, int members, const double *cost);

/* 1 if row (not an indexed one) agrees on at least the threshold's share of
 * its features with an indexed member whose cost is at most cost, and then
 * that member's row in *twin (when twin is not NULL); else 0. Reads the
 * index only: children may be checked in parallel. */
int es_niche_crowded(const es_niche *n, int row, double cost, int *twin);

#endif
