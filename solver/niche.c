/* Niching by locality-sensitive hashing over the problem's features: see
 * niche.h for what it finds and why it hashes. */
#include <math.h>
#include <stdlib.h>
#include <evosched/status.h>
#include <evosched/genome.h>
#include <evosched/rng.h>
#include "mix.h"
#include "niche.h"

enum {
    BANDS = 8,
    BAND_WIDTH = 4,
    /* Bounds on the work for one child, so that a converged population, where
     * many members share a band, cannot make a generation quadratic. Members
     * are indexed best first, so the bounded scan sees the best ones. */
    SCAN_PER_BAND = 64,
    CANDIDATES = 64, /* the candidate table below hashes to 7 bits: 2 * 64 slots */
    CHECKS_PER_CHILD = 8
};

/* Each band is a hash table with chaining: head[slot] is the first member
 * whose band hash falls in that slot, next[member] the one after it. Chains
 * run from the best member to the worst, so a lookup stops at the first
 * member worse than the child. */
struct es_niche {
    int rows, width, count, need;
    double threshold;
    uint64_t seed;
    int *features;                   /* rows x width */
    int pos[BANDS][BAND_WIDTH];      /* the positions each band hashes */
    int slots;                       /* per band, a power of two >= 2 rows */
    int *head;                       /* BANDS x slots */
    int *next;                       /* BANDS x rows */
    uint64_t *hash;                  /* BANDS x rows: each member's band hashes */
    int *order;                      /* members from best to worst */
    double *cost;                    /* members' costs */
    int members;
};

int es_niche_create(int rows, int width, double threshold, uint64_t seed, es_niche **out)
{
    *out = NULL;
    if (rows < 1 || width < 1 || !(threshold > 0 && threshold <= 1))
        return ES_EINVAL;
    es_niche *n = calloc(1, sizeof *n);
    if (!n)
        return ES_ENOMEM;
    n->rows = rows;
    n->width = width;
    n->threshold = threshold;
    n->seed = seed;
    n->slots = 2;
    while (n->slots < 2 * rows)
        n->slots *= 2;
    n->features = calloc((size_t)rows * (size_t)width, sizeof *n->features);
    n->head = calloc((size_t)BANDS * (size_t)n->slots, sizeof *n->head);
    n->next = calloc((size_t)BANDS * (size_t)rows, sizeof *n->next);
    n->hash = calloc((size_t)BANDS * (size_t)rows, sizeof *n->hash);
    n->order = calloc((size_t)rows, sizeof *n->order);
    n->cost = calloc((size_t)rows, sizeof *n->cost);
    if (!n->features || !n->head || !n->next || !n->hash || !n->order || !n->cost) {
        es_niche_destroy(n);
        return ES_ENOMEM;
    }
    *out = n;
    return ES_OK;
}

void es_niche_destroy(es_niche *n)
{
    if (!n)
        return;
    free(n->features);
    free(n->head);
    free(n->next);
    free(n->hash);
    free(n->order);
    free(n->cost);
    free(n);
}

int *es_niche_row(es_niche *n, int i) { return n->features + (size_t)i * (size_t)n->width; }

int es_niche_set_count(es_niche *n, int count)
{
    if (n->count > 0)
        return count == n->count ? ES_OK : ES_EINTERNAL;
    if (count < 1 || count > n->width)
        return ES_EINTERNAL;
    n->count = count;
    n->need = (int)ceil(n->threshold * count - 1e-9);
    es_rng rng;
    es_rng_derive(&rng, n->seed, 0x6e69636865ULL /* "niche" */, 0, 0);
    for (int b = 0; b < BANDS; b++)
        for (int k = 0; k < BAND_WIDTH; k++)
            n->pos[b][k] = (int)es_rng_below(&rng, (uint32_t)count);
    return ES_OK;
}

static uint64_t band_hash(const es_niche *n, const int *f, int b)
{
    uint64_t h = (uint64_t)b;
    for (int k = 0; k < BAND_WIDTH; k++)
        h = es_mix64(h ^ (uint32_t)f[n->pos[b][k]]);
    return h;
}

void es_niche_index(es_niche *n, int members, const double *cost)
{
    n->members = members < n->rows ? members : n->rows;
    int sorted = 1;
    for (int m = 0; m < n->members; m++) {
        n->cost[m] = cost[m];
        n->order[m] = m;
        sorted &= m == 0 || cost[m - 1] <= cost[m];
    }
    if (!sorted) /* after a restart the population is not in order */
        es_sort_by_keys(n->order, n->members, n->cost);
    for (int b = 0; b < BANDS && n->count > 0; b++) {
        int *head = n->head + (size_t)b * (size_t)n->slots, *next = n->next + (size_t)b * (size_t)n->rows;
        uint64_t *hash = n->hash + (size_t)b * (size_t)n->rows;
        for (int i = 0; i < n->slots; i++)
            head[i] = -1;
        for (int i = n->members - 1; i >= 0; i--) { /* worst first, so chains start with the best */
            int m = n->order[i];
            hash[m] = band_hash(n, n->features + (size_t)m * (size_t)n->width, b);
            int slot = (int)(hash[m] & (uint64_t)(n->slots - 1));
            next[m] = head[slot];
            head[slot] = m;
        }
    }
}

/* Whether a and b agree on at least need positions; stops as soon as too
 * many disagree. */
static int agree(const es_niche *n, const int *a, const int *b)
{
    int misses = 0, allowed = n->count - n->need;
    for (int j = 0; j < n->count; j++)
        if (a[j] != b[j] && ++misses > allowed)
            return 0;
    return 1;
}

int es_niche_crowded(const es_niche *n, int row, double cost, int *twin)
{
    if (n->count == 0 || n->members == 0)
        return 0;
    const int *f = n->features + (size_t)row * (size_t)n->width;
    /* Candidates first, then the exact comparisons: a near copy shares
     * several bands (2.5 of 8 on average at three quarters in common, 0.5
     * at half), so members met in more bands are compared first. */
    int cand[CANDIDATES], hits[CANDIDATES], ncand = 0, most = 0;
    short where[2 * CANDIDATES]; /* open addressing: member -> its candidate, -1 free */
    for (int i = 0; i < 2 * CANDIDATES; i++)
        where[i] = -1;
    for (int b = 0; b < BANDS; b++) {
        const int *head = n->head + (size_t)b * (size_t)n->slots, *next = n->next + (size_t)b * (size_t)n->rows;
        const uint64_t *hash = n->hash + (size_t)b * (size_t)n->rows;
        uint64_t h = band_hash(n, f, b);
        int scanned = 0;
        for (int m = head[h & (uint64_t)(n->slots - 1)]; m >= 0 && scanned < SCAN_PER_BAND; m = next[m]) {
            if (n->cost[m] > cost)
                break; /* the rest of the chain is worse too */
            if (hash[m] != h)
                continue;
            scanned++;
            unsigned slot = ((unsigned)m * 2654435761u) >> 25; /* 7 bits: 2 * CANDIDATES slots */
            while (where[slot] >= 0 && cand[where[slot]] != m)
                slot = (slot + 1) & (2 * CANDIDATES - 1);
            if (where[slot] >= 0)
                most = ++hits[where[slot]] > most ? hits[where[slot]] : most;
            else if (ncand < CANDIDATES) {
                where[slot] = (short)ncand;
                cand[ncand] = m;
                hits[ncand++] = 1;
                most = most > 1 ? most : 1;
            }
        }
    }
    int checks = 0;
    for (int want = most; want >= 1 && checks < CHECKS_PER_CHILD; want--)
        for (int c = 0; c < ncand && checks < CHECKS_PER_CHILD; c++)
            if (hits[c] == want) {
                if (agree(n, f, n->features + (size_t)cand[c] * (size_t)n->width)) {
                    if (twin)
                        *twin = cand[c];
                    return 1;
                }
                checks++;
            }
    return 0;
}
