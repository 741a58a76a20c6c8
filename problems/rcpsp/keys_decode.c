/* rcpsp-keys' decoders and encoders: random keys to an activity list (a
 * bucket sort and a bitset of eligible activities) for the serial SGS, the
 * parallel SGS driven by the keys directly, and the keys that decode to a
 * given list or schedule. Every decode is one SGS pass. */
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "keys.h"

static size_t base_size(const rcpsp *r)
{
    size_t s = rcpsp_scratch_size((const es_instance *)r);
    return (s + 15) / 16 * 16;
}

static size_t bitset_words(const rcpsp *r)
{
    return ((size_t)r->n + 63) / 64;
}

size_t rcpsp_keys_scratch_size(const es_instance *inst)
{
    const rcpsp *r = rcpsp_of(inst);
    return base_size(r) + bitset_words(r) * sizeof(uint64_t) + (8 * (size_t)r->n + (size_t)r->K + 1) * sizeof(int);
}

keys_scratch rcpsp_keys_layout(const rcpsp *r, void *scratch)
{
    uint64_t *words = (uint64_t *)((char *)scratch + base_size(r));
    int *p = (int *)(words + bitset_words(r));
    size_t n = (size_t)r->n;
    keys_scratch k;
    k.eligible = words;
    k.list = p;
    k.count = p + n;
    k.heap = p + 2 * n;
    k.start = p + 3 * n;
    k.active = p + 4 * n;
    k.usage = p + 5 * n; /* K ints */
    k.sorted = k.usage + r->K;
    k.rank = k.sorted + n;
    k.bucket = k.rank + n; /* n + 1 */
    return k;
}

/* Heap of eligible activities for the parallel SGS: lowest key first (sign
 * -1; +1 would be highest first); ties: lower topological rank. */
static int before(const rcpsp *r, const double *key, double sign, int a, int b)
{
    double sa = sign * key[a], sb = sign * key[b];
    return sa > sb || (sa == sb && r->topo[a] < r->topo[b]);
}

static void heap_push(const rcpsp *r, const double *key, double sign, int *heap, int *size, int j)
{
    int i = (*size)++;
    while (i > 0 && before(r, key, sign, j, heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = j;
}

static int heap_pop(const rcpsp *r, const double *key, double sign, int *heap, int *size)
{
    int top = heap[0], last = heap[--*size], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *size)
            break;
        if (c + 1 < *size && before(r, key, sign, heap[c + 1], heap[c]))
            c++;
        if (!before(r, key, sign, heap[c], last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = last;
    return top;
}

/* The activities in priority order, into w->sorted, and each one's place
 * in it, into w->rank: ascending key (forward) or descending (backward),
 * ties by topological rank. A bucket sort over the keys' range, then an
 * insertion pass: keys are places in time, spread over their range, so a
 * bucket holds one or two and the sort is linear. A bucket index never
 * falls as the key grows (rounding is monotonic), so no key passes one of
 * another bucket and the order is exact; the insertion moves a key only
 * past strictly lower priorities, so ties keep the topological order the
 * buckets were filled in. On j120 this and the bitset below took the
 * search from 68,603 to 82,615 schedules per second (every 5th instance at
 * 50,000 schedules) against a heap of eligible activities, with the same
 * lists. */
static void sort_by_key(const rcpsp *r, const double *key, int backward, const keys_scratch *w)
{
    int n = r->n, *sorted = w->sorted, *rank = w->rank, *bucket = w->bucket;
    double lo = key[0], hi = key[0];
    for (int j = 1; j < n; j++) {
        lo = key[j] < lo ? key[j] : lo;
        hi = key[j] > hi ? key[j] : hi;
    }
    double scale = hi > lo ? (n - 0.5) / (hi - lo) : 0.0;
    memset(bucket, 0, ((size_t)n + 1) * sizeof *bucket);
    for (int j = 0; j < n; j++) {
        double x = (key[j] - lo) * scale; /* NaN (a range too small to scale) goes to bucket 0 */
        int b = x > 0 ? (x < n - 1 ? (int)x : n - 1) : 0;
        rank[j] = backward ? n - 1 - b : b; /* the bucket, for now */
        bucket[rank[j] + 1]++;
    }
    for (int b = 0; b < n; b++)
        bucket[b + 1] += bucket[b];
    for (int q = 0; q < n; q++) {
        int j = r->by_rank[q];
        sorted[bucket[rank[j]]++] = j;
    }
    for (int q = 1; q < n; q++) {
        int j = sorted[q], at = q;
        double k = key[j];
        while (at > 0 && (backward ? key[sorted[at - 1]] < k : key[sorted[at - 1]] > k)) {
            sorted[at] = sorted[at - 1];
            at--;
        }
        sorted[at] = j;
    }
    for (int q = 0; q < n; q++)
        rank[sorted[q]] = q;
}

/* The precedence-feasible list that takes, at each step, the eligible
 * activity of lowest key (forward) or highest (backward, where "eligible"
 * means all successors placed, as the backward SGS wants its list); ties go
 * to the lower topological rank. The eligible activities are bits of their
 * priority rank, so taking the first is finding the lowest set bit. */
static void keys_to_list(const rcpsp *r, const double *key, int backward, const keys_scratch *w)
{
    int n = r->n, words = (int)bitset_words(r), low = words;
    int *count = w->count, *list = w->list, *rank = w->rank, *sorted = w->sorted;
    uint64_t *eligible = w->eligible;
    const int *in_start = backward ? r->succ_start : r->pred_start;
    const int *out_start = backward ? r->pred_start : r->succ_start, *out = backward ? r->pred : r->succ;
    sort_by_key(r, key, backward, w);
    memset(eligible, 0, (size_t)words * sizeof *eligible);
    for (int j = 0; j < n; j++) {
        count[j] = in_start[j + 1] - in_start[j];
        if (count[j] == 0) {
            eligible[rank[j] / 64] |= (uint64_t)1 << (rank[j] % 64);
            low = rank[j] / 64 < low ? rank[j] / 64 : low;
        }
    }
    for (int i = 0; i < n; i++) {
        while (eligible[low] == 0) /* the parser refuses cycles: one is always eligible */
            low++;
        int b = __builtin_ctzll(eligible[low]);
        eligible[low] &= eligible[low] - 1;
        int j = sorted[low * 64 + b];
        list[i] = j;
        for (int e = out_start[j]; e < out_start[j + 1]; e++)
            if (--count[out[e]] == 0) {
                int q = rank[out[e]];
                eligible[q / 64] |= (uint64_t)1 << (q % 64);
                low = q / 64 < low ? q / 64 : low;
            }
    }
}

/* Parallel SGS: time advances from one finish to the next; at each moment
 * the eligible activities start in key order while resources last. Every
 * activity running at time t started at or before t, so the usage at t is
 * the highest it will be from t on and checking t alone suffices. */
static int parallel_sgs(const rcpsp *r, const double *key, const keys_scratch *w, int cutoff, int *complete)
{
    int n = r->n, K = r->K, size = 0, nactive = 0, done = 0, t = 0, makespan = 0;
    int *count = w->count, *heap = w->heap, *active = w->active, *usage = w->usage, *start = w->start, *tried = w->list;
    const double sign = -1.0;
    memset(usage, 0, (size_t)K * sizeof *usage);
    for (int j = 0; j < n; j++) {
        count[j] = r->pred_start[j + 1] - r->pred_start[j];
        if (count[j] == 0)
            heap_push(r, key, sign, heap, &size, j);
    }
    while (done < n) {
        /* start what fits, in key order; the rest waits for the next moment */
        int ntried = 0;
        while (size > 0) {
            int j = heap_pop(r, key, sign, heap, &size), fits = 1;
            /* the resources j holds (none for an activity of no duration,
             * which the next moment, now, releases at once) */
            const int *used = r->used + r->used_start[j], nused = r->used_start[j + 1] - r->used_start[j];
            for (int a = 0; a < nused && fits; a++)
                fits = usage[used[a]] + r->req[j * K + used[a]] <= r->cap[used[a]];
            if (!fits) {
                tried[ntried++] = j;
                continue;
            }
            for (int a = 0; a < nused; a++)
                usage[used[a]] += r->req[j * K + used[a]];
            start[j] = t;
            active[nactive++] = j;
            int bound = t + r->dur[j] + rcpsp_tail(r, j, RCPSP_FORWARD);
            if (bound > cutoff) {
                *complete = 0;
                return bound;
            }
        }
        for (int i = 0; i < ntried; i++)
            heap_push(r, key, sign, heap, &size, tried[i]);
        if (nactive == 0) {
            *complete = 1;
            return r->horizon + 1; /* nothing can ever start (the parser rules this out) */
        }
        /* the next moment: the earliest finish; everything ending then frees
         * its resources and releases its successors */
        int next = -1;
        for (int i = 0; i < nactive; i++) {
            int f = start[active[i]] + r->dur[active[i]];
            if (next < 0 || f < next)
                next = f;
        }
        t = next;
        for (int i = 0; i < nactive;) {
            int j = active[i];
            if (start[j] + r->dur[j] > t) {
                i++;
                continue;
            }
            active[i] = active[--nactive];
            done++;
            makespan = t > makespan ? t : makespan;
            for (int a = r->used_start[j]; a < r->used_start[j + 1]; a++)
                usage[r->used[a]] -= r->req[j * K + r->used[a]];
            for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++)
                if (--count[r->succ[e]] == 0)
                    heap_push(r, key, sign, heap, &size, r->succ[e]);
        }
    }
    *complete = 1;
    return makespan;
}

int rcpsp_keys_decode_cutoff(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w, int cutoff,
                             int *complete)
{
    const double *key = g->keys;
    if (key[GENE_DECODER(r)] >= 0.5)
        return parallel_sgs(r, key, w, cutoff, complete);
    int backward = key[GENE_DIRECTION(r)] >= 0.5;
    keys_to_list(r, key, backward, w);
    return rcpsp_sgs_cutoff(r, w->list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, scratch, w->start, cutoff,
                            complete);
}

int rcpsp_keys_decode(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w)
{
    int complete;
    return rcpsp_keys_decode_cutoff(r, g, scratch, w, INT_MAX, &complete);
}

void rcpsp_keys_encode_list(const rcpsp *r, const int *list, es_genome *g)
{
    for (int i = 0; i < r->n; i++)
        g->keys[list[i]] = (i + 0.5) / r->n;
    g->keys[GENE_DIRECTION(r)] = 0.25; /* forward */
    g->keys[GENE_DECODER(r)] = 0.25;   /* serial */
    g->keys[GENE_SCALE(r)] = 0.0;      /* ranks, not times */
}

/* Keys that decode (serial, in the given direction) to exactly `list`, the
 * activities of a schedule by start time (forward) or by decreasing finish
 * time (backward). A key is the activity's place in time, low for early:
 * its start (forward) or finish (backward) over makespan + 1, plus an offset
 * below one time unit that follows the list, so ties keep the list's order.
 * A crossover thus mixes when the parents run their activities rather than
 * in which order they list them (the topological-order encoding, Debels et
 * al. 2006), and the scale gene lets it read a forward genome's starts as
 * finishes or a backward one's finishes as starts. */
void rcpsp_keys_encode_schedule(const rcpsp *r, const int *list, const int *start, int makespan, int backward,
                                es_genome *g)
{
    double unit = 1.0 / (makespan + 1.0);
    for (int i = 0; i < r->n; i++) {
        int j = list[i];
        double pos = (i + 0.5) / r->n;
        g->keys[j] = backward ? ((start[j] + r->dur[j]) + 0.5 * (1.0 - pos)) * unit : (start[j] + 0.5 * pos) * unit;
    }
    g->keys[GENE_DIRECTION(r)] = backward ? 0.75 : 0.25;
    g->keys[GENE_DECODER(r)] = 0.25; /* serial */
    g->keys[GENE_SCALE(r)] = unit;
}
