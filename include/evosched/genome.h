/* Genomes: what the search manipulates. A problem says which kind it wants
 * and how long; operators work on the kinds they declare. */
#ifndef EVOSCHED_GENOME_H
#define EVOSCHED_GENOME_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum es_genome_kind {
    ES_GENOME_PERMUTATION = 1, /* perm[0..n) is a permutation of 0..n-1 */
    ES_GENOME_RANDOM_KEYS = 2  /* keys[0..n) in [0, 1), decoded by the problem */
} es_genome_kind;

/* Shape of a problem's genomes. For permutations that must respect
 * precedences (activity lists), succ_start/succ give the successors of each
 * item in compressed form: the successors of item i are
 * succ[succ_start[i] .. succ_start[i+1]). Both are NULL when there are none.
 * The arrays are owned by the problem instance. */
typedef struct es_genome_info {
    es_genome_kind kind;
    int length;
    const int *succ_start;
    const int *succ;
} es_genome_info;

/* One genome. Exactly the member of its kind is non-NULL. */
typedef struct es_genome {
    int *perm;
    double *keys;
} es_genome;

/* Allocates a genome of the given shape (contents unspecified).
 * Ownership: the caller owns *out and frees it with es_genome_free. */
int es_genome_alloc(const es_genome_info *info, es_genome *out);
void es_genome_free(es_genome *g);
void es_genome_copy(const es_genome_info *info, es_genome *dst, const es_genome *src);
int es_genome_equal(const es_genome_info *info, const es_genome *a, const es_genome *b);
uint64_t es_genome_hash(const es_genome_info *info, const es_genome *g);

/* The hash es_genome_hash uses (FNV-1a), over any n bytes, continuing from
 * h: to tell things apart quickly, never to prove them equal. */
uint64_t es_hash_bytes(const void *data, size_t n, uint64_t h);

/* ES_OK if g is a permutation of 0..n-1 that respects the precedences (or
 * keys all lie in [0,1)); ES_EINFEASIBLE otherwise. Used by tests and by the
 * engine's debug checks. */
int es_genome_validate(const es_genome_info *info, const es_genome *g);

/* Chooses the next item of an order: an index into eligible[0 .. count),
 * the items whose predecessors are all placed; pos items are placed. */
typedef int (*es_order_pick)(void *user, const int *eligible, int count, int pos);

/* Builds an order of info's items into out[0 .. length): a topological order
 * of its precedences (any order without them), one pick per position. The
 * eligible items are listed deterministically (the initially free ones by
 * number, a removed one replaced by the last, newly freed ones appended in
 * successor order), so a pick that depends only on its inputs and its own
 * state gives the same order everywhere: random orders, priority rules and
 * ants share this walk. Ownership: borrows everything; work holds 2 *
 * length ints. */
void es_genome_build_order(const es_genome_info *info, es_order_pick pick, void *user, int *out, int *work);

/* Sorts items[0 .. count) by increasing keys[item], equal keys by item, so
 * the order never depends on the sort's implementation: what priority rules
 * and random-key decoders need. keys is indexed by item, not by position.
 * Ownership: borrows both arrays; sorts items in place. */
void es_sort_by_keys(int *items, int count, const double *keys);

#ifdef __cplusplus
}
#endif
#endif
