/* RCPSP with random keys (`--problem rcpsp-keys`): the same instances,
 * bounds and checker as `rcpsp`, another representation. A genome holds one
 * key per activity and three control genes the search evolves with them:
 * which schedule generation scheme decodes it (serial or parallel), for the
 * serial one the direction (forward or backward), and the time scale of the
 * schedule its keys were written from. Keys are places in time, low for
 * early: the forward decoders take the eligible activity of lowest key
 * first, the backward one (which places activities from the end) the
 * highest. Every decode is one SGS pass, so one evaluation is still one
 * schedule.
 *
 * Local improvement is one forward-backward iteration: a crossover's child
 * is decoded the other way from its parents' schedules and one pass
 * justifies it back, any other genome is justified there and back; the
 * result is written back as the start or finish times of the last
 * schedule, which decode to exactly it again. */
#include <limits.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rcpsp.h"

/* Our part of the scratch block, after what the activity-list code needs:
 * the bitset of eligible activities first (8-byte aligned), then ints. The
 * heap serves the parallel SGS; the serial decoders sort (keys_to_list). */
typedef struct keys_scratch {
    int *list, *count, *heap, *start, *active, *usage, *sorted, *rank, *bucket;
    uint64_t *eligible;
} keys_scratch;

static size_t base_size(const rcpsp *r)
{
    size_t s = rcpsp_scratch_size((const es_instance *)r);
    return (s + 15) / 16 * 16;
}

static size_t bitset_words(const rcpsp *r)
{
    return ((size_t)r->n + 63) / 64;
}

static size_t keys_scratch_size(const es_instance *inst)
{
    const rcpsp *r = rcpsp_of(inst);
    return base_size(r) + bitset_words(r) * sizeof(uint64_t) + (8 * (size_t)r->n + (size_t)r->K + 1) * sizeof(int);
}

static keys_scratch layout(const rcpsp *r, void *scratch)
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

/* The control genes, after the n keys. DIRECTION and DECODER: below 0.5
 * forward and serial. SCALE: one time unit as a key, 1 / (makespan + 1) of
 * the schedule the keys were written from (0: none, e.g. a priority rule's
 * ranks), which turns a start into a finish and back (see keys_window). */
#define GENE_DIRECTION(r) ((r)->n)
#define GENE_DECODER(r) ((r)->n + 1)
#define GENE_SCALE(r) ((r)->n + 2)
/* The DECODER gene of a window crossover's child (serial): its keys are a
 * schedule read the other way, so decoding it already justifies. A random
 * draw hits it with probability 2^-53, and then only costs a pass. */
#define CHILD_OF_WINDOW 0.0

static void genome_info(const es_instance *inst, es_genome_info *out)
{
    *out = (es_genome_info){ES_GENOME_RANDOM_KEYS, rcpsp_of(inst)->n + 3, NULL, NULL};
}

/* Whether g decodes serially backward, i.e. its keys are finish times. */
static int is_backward(const rcpsp *r, const es_genome *g)
{
    return g->keys[GENE_DECODER(r)] < 0.5 && g->keys[GENE_DIRECTION(r)] >= 0.5;
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
            for (int k = 0; k < K && fits; k++)
                fits = usage[k] + r->req[j * K + k] <= r->cap[k];
            if (!fits) {
                tried[ntried++] = j;
                continue;
            }
            for (int k = 0; k < K; k++)
                usage[k] += r->req[j * K + k];
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
            for (int k = 0; k < K; k++)
                usage[k] -= r->req[j * K + k];
            for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++)
                if (--count[r->succ[e]] == 0)
                    heap_push(r, key, sign, heap, &size, r->succ[e]);
        }
    }
    *complete = 1;
    return makespan;
}

/* Decodes g, stopping early once the makespan must exceed cutoff (then
 * *complete = 0 and the bound is returned): start times into w->start, the
 * makespan returned. */
static int decode_cutoff(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w, int cutoff,
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

static int decode(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w)
{
    int complete;
    return decode_cutoff(r, g, scratch, w, INT_MAX, &complete);
}

static int evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    *value = rcpsp_real(r, decode(r, g, scratch, &w));
    return ES_OK;
}

static int evaluate_cutoff(const es_instance *inst, const es_genome *g, void *scratch, double cutoff,
                           double *value, int *complete)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    *value = rcpsp_real(r, decode_cutoff(r, g, scratch, &w, rcpsp_cutoff_of(r, cutoff), complete));
    return ES_OK;
}

/* Keys that decode (serial, forward) to exactly `list`: its ranks. */
static void encode_list(const rcpsp *r, const int *list, es_genome *g)
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
static void encode_schedule(const rcpsp *r, const int *list, const int *start, int makespan, int backward,
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

/* The activities of list that start (by_finish: finish) at the same time, in
 * random order. The justification's list then stays in time order, and its
 * guarantee holds; only the order among simultaneous activities, which the
 * sort took from topological ranks, changes. Such activities have no
 * precedence between them unless one lasts zero time, so a run of equal
 * times that holds one keeps its order. With the window crossover's tie
 * noise, all of j120 at 5,000 schedules gave 32.223 / 32.235 / 32.226 /
 * 32.189% against 32.231 / 32.229 / 32.278 / 32.226% (seeds 1-4 / 5-8 / 9-12
 * / 13-16), j60 at 5,000 10.905 against 10.938% (seeds 1-8), at 50,000
 * 10.563 / 10.563 against 10.571 / 10.566% (seeds 1-3 / 4-6), every 5th j120
 * instance at 50,000 30.758 against 30.800% (2 seeds), j30 at 5,000 0.0247
 * against 0.0262% from the optimum (16 seeds). docs/rcpsp-experiments.md,
 * "Stop 29". */
static void shuffle_ties(const rcpsp *r, int *list, const int *start, int by_finish, es_rng *rng)
{
    for (int i = 0; i < r->n;) {
        int t = start[list[i]] + (by_finish ? r->dur[list[i]] : 0), k = i, zero = 0;
        for (; k < r->n && start[list[k]] + (by_finish ? r->dur[list[k]] : 0) == t; k++)
            zero |= r->dur[list[k]] == 0;
        if (!zero && k - i > 1)
            es_rng_shuffle(rng, list + i, k - i);
        i = k;
    }
}

/* One forward-backward iteration. A genome is decoded, then justified the
 * other way and back: three passes. A child of the window crossover is
 * decoded in the direction opposite to its parents' schedules, so its
 * decode is itself a justification of their combined order (as in Debels &
 * Vanhoucke's bi-population GA) and one pass back completes the iteration:
 * two passes. On all of j120 at 5,000 schedules this gives 32.61% against
 * 32.80% for the previous version (every child decoded in its parents'
 * direction, then justified there and back). Random genomes and strong
 * perturbations (the initial population, restarts) keep their three: with
 * two, j60 at 50,000 schedules gave 10.670% against 10.648% and j30 at
 * 50,000 1,431 against 1,433 of 1,440 runs optimal (docs/rcpsp-experiments.md,
 * "Stop 22"). More passes per child did worse at every budget tried. The
 * genome is rewritten as the last schedule. */
static int improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                   long long *evaluations)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    int backward = is_backward(r, g);
    int justify = g->keys[GENE_DECODER(r)] == CHILD_OF_WINDOW ? 1 : 2;
    int ms = decode(r, g, scratch, &w), spent = 1;
    for (int pass = 0; pass < justify && spent < *evaluations; pass++) {
        if (backward)
            rcpsp_list_by_start(r, w.start, ms, scratch, w.list);
        else
            rcpsp_list_by_finish(r, w.start, ms, scratch, w.list);
        if (rng)
            shuffle_ties(r, w.list, w.start, !backward, rng);
        backward = !backward;
        ms = rcpsp_sgs(r, w.list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, scratch, w.start);
        encode_schedule(r, w.list, w.start, ms, backward, g);
        spent++;
    }
    *value = rcpsp_real(r, ms);
    *evaluations = spent;
    return ES_OK;
}

/* What turns g's keys into places in time in the given direction (a
 * start for forward, a finish for backward): key + duration * this. Zero
 * when g was written in that direction; otherwise one time unit of g's
 * schedule, added (start to finish) or taken away (finish to start). */
static double shift_to(const rcpsp *r, const es_genome *g, int backward)
{
    return (backward - is_backward(r, g)) * g->keys[GENE_SCALE(r)];
}

/* Window crossover: the child takes the first parent's keys for the
 * activities that parent runs in a random stretch of 30% of its schedule
 * (keys being places in time, a stretch is an interval of key values) and
 * the second parent's keys for all others. The stretch keeps its place in
 * time and its inner order, the rest is laid out as in the second parent.
 * The child decodes serially in the direction opposite to the first
 * parent's, every key read in that direction: a finish where the parent
 * wrote a start, so that decoding it right-justifies a left-justified
 * combination (or the converse). Without that reading (each key taken as
 * written, the child in the first parent's direction, three passes per
 * child) all of j120 at 5,000 schedules gave 32.80%, and decoding such a
 * child the other way 33.8%; the uniform crossover (--crossover uniform)
 * 32.95%. In development builds, widths of 20-40% did as well and placing
 * the stretch where resource use is densest did worse, 33.2%
 * (docs/rcpsp.md). */
#define WINDOW_WIDTH 0.3
/* Each key of the child then moves by up to a quarter of the first parent's
 * time unit, at random. Keys are written a time unit apart plus an offset
 * below half a unit (encode_schedule), so this reorders only activities
 * placed in the same time unit, which their parents' lists had ordered
 * arbitrarily; a justified parent crossed with itself still decodes to a
 * justification. On all of j120 at 5,000 schedules it gave 32.231 / 32.229 /
 * 32.278 / 32.226% against 32.303 / 32.280 / 32.293 / 32.314% (seeds 1-4,
 * 5-8, 9-12, 13-16), at 1,000 34.100 against 34.159% (seeds 1-4); j60 at
 * 5,000 10.938 against 10.939% (8 seeds), at 50,000 10.571 / 10.566 against
 * 10.558 / 10.574% (seeds 1-3, 4-6); j30 at 5,000 0.0262 against 0.0259% from
 * the optimum (16 seeds); every 5th j120 instance at 50,000 30.800 against
 * 30.814% (2 seeds). 0.15 / 0.2 of a unit: j120 32.241 / 32.236%;
 * 0.35 / 0.5 / 1 unit, which also swap neighbouring units: 32.286 / 32.272 /
 * 32.294% (seeds 1-4). docs/rcpsp-experiments.md, "Stop 29". */
#define TIE_NOISE 0.25
static int keys_window(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                       void *scratch, es_rng *rng)
{
    (void)scratch;
    const rcpsp *r = rcpsp_of(inst);
    double lo = es_rng_uniform(rng) * (1.0 - WINDOW_WIDTH), hi = lo + WINDOW_WIDTH;
    int backward = !is_backward(r, a);
    double shift_a = shift_to(r, a, backward), shift_b = shift_to(r, b, backward);
    double noise = TIE_NOISE * a->keys[GENE_SCALE(r)];
    for (int j = 0; j < r->n; j++)
        child->keys[j] = (a->keys[j] >= lo && a->keys[j] < hi ? a->keys[j] + r->dur[j] * shift_a
                                                              : b->keys[j] + r->dur[j] * shift_b) +
                         (2 * es_rng_uniform(rng) - 1) * noise;
    child->keys[GENE_DIRECTION(r)] = backward ? 0.75 : 0.25;
    child->keys[GENE_DECODER(r)] = CHILD_OF_WINDOW;
    child->keys[GENE_SCALE(r)] = a->keys[GENE_SCALE(r)];
    return ES_OK;
}

/* The settings that did best on PSPLIB with this representation
 * (docs/rcpsp.md). Population 0.13 B^0.7 for a budget of B schedules (50 at
 * 5,000, 253 at 50,000): with two passes per child the budget buys 1.5
 * times the children of the previous three, and on all of j120 at 5,000
 * schedules 39 gave 32.75%, 45 32.66%, 50 32.60%, 55 32.62%, 65 32.68%; on
 * every 5th j120 instance at 50,000, 195 gave 31.14%, 253 31.14%, 320
 * 31.19%. (With three passes, 0.1 B^0.7 had been best: 39 and 195.)
 * Smaller projects want more: on j30 (4 seeds) twice as many gave 0.19%
 * instead of 0.24% at 1,000 schedules and 0.04% instead of 0.06% at 5,000,
 * and on j60 1.4 times as many gain at 1,000 and 5,000 schedules (below)
 * and change nothing at 50,000 (10.645% against 10.648%, 3 seeds); hence
 * the factor sqrt(120 / jobs) below 120 jobs. The formula holds far beyond 50,000: at
 * 1,000,000 schedules on every 30th j120 instance 0.1 B^0.7 (1,585) gave
 * 29.36% against 30.09% for 300 (an earlier cap); 10,000 only bounds memory
 * and generation length. Every child crosses, few mutate (a redrawn key
 * throws an activity anywhere in time), and a search stuck for a quarter
 * as many generations as the project has activities, at least 10,
 * restarts: larger projects keep improving after longer pauses. Against 10
 * for every project, 30 gave all of j120 at 50,000 schedules 30.77% and
 * 30.84% on seeds 1 and 2 instead of 30.82% and 30.91%, at 5,000 (2 seeds)
 * 32.59% instead of 32.61%, and j60 at 50,000 (6 seeds) 10.619% instead
 * of 10.631% (15, the rule's value for j60: 10.625%), while j30 at 5,000
 * (16 seeds) lost (0.0373% from the optimum against 0.0337%; 20 gave
 * 0.0359%).
 *
 * Since stop 31, for budgets up to 50,000 schedules, each generation breeds
 * a third of the population, and the population is 1.3 times the formula's
 * (0.17 B^0.7, 66 at 5,000) with twice the generations before a restart:
 * new members become parents three times as often, and a restart still
 * waits for about as many children (60 generations of 22 on j120 at 5,000
 * against 30 of 50). All of j120 at
 * 5,000 schedules gave 32.061 / 32.069 / 32.063 / 32.050% against 32.158 /
 * 32.153 / 32.152 / 32.108% (seeds 1-4 / 5-8 / 9-12 / 13-16), j60 at 5,000
 * 10.876 against 10.885% (48 seeds), j30 at 5,000 0.0221 against 0.0231% from
 * the optimum (16 seeds); j120 at 50,000 30.465 against 30.466% (seeds 1-4),
 * j60 at 50,000 10.556 / 10.561 against 10.553 / 10.550% (seeds 1-3 / 4-6):
 * unchanged; at 1,000 j120 gave 33.908 against 34.057% (seeds 1-4), j60
 * 11.399 against 11.413% (16 seeds). Children of half the population or
 * more, with either population, did worse. Larger budgets keep the rule
 * before it: with the budget a minute buys (60 s on 2 threads, every 30th
 * j120 instance, population 10,000 and 3,333 children against 9,482 and
 * 9,482) the deviation rose from 28.735 to 29.009%, one schedule longer on
 * five of the 20 instances; 5 s (a guessed 737,704 schedules) gave 29.09
 * against 29.11% (docs/rcpsp-experiments.md, "Stop 31"). */
#define POPULATION_MAX 10000
#define SHORT_BUDGET 50000
#define OFFSPRING_SHARE (1.0 / 3.0)
#define NEWER_FIRST_FROM 60 /* activities, dummies aside */
static void keys_tune(const es_instance *inst, long long evaluations, es_tuning *out)
{
    int jobs = rcpsp_of(inst)->n - 2;
    int short_run = evaluations > 0 && evaluations <= SHORT_BUDGET;
    if (evaluations > 0) {
        /* smaller projects converge sooner and want more diversity: at
         * 5,000 schedules (8 seeds) j60 gave 11.025% with the j120
         * population, 10.988% with sqrt(2) times it, 10.981% with 1.6
         * times; j30 wants twice it (0.0337% from the optimum on 16 seeds,
         * 0.0418% with 1.4 times, 0.0369% with 2.6) */
        double size = jobs > 0 && jobs < 120 ? sqrt(120.0 / jobs) : 1.0;
        double p = (short_run ? 0.17 : 0.13) * pow((double)evaluations, 0.7) * size;
        out->population = p < 10 ? 10 : p > POPULATION_MAX ? POPULATION_MAX : (int)lround(p);
    } else /* a time limit the caller could not turn into a budget */
        out->population = 200;
    out->crossover = "window";
    out->crossover_rate = 1.0;
    out->mutation_rate = 0.05;
    out->offspring_share = short_run ? OFFSPRING_SHARE : 1.0;
    out->stagnation = (short_run ? 2 : 1) * (jobs / 4 > 10 ? jobs / 4 : 10);
    /* A member crossed with itself is read the other way and justified back:
     * its own schedule again or a near copy, 2.5% of the children at 5,000
     * schedules on j120. Without them all of j120 at 5,000 gave 32.48%
     * instead of 32.58% on seeds 1-4 and 32.45% instead of 32.55% on seeds
     * 5-8, every seed better; larger populations draw a member twice too
     * rarely to tell (docs/rcpsp.md). */
    out->distinct_parents = 1;
    /* Near copies crowd the population: up to a quarter of the children
     * on j120 at 5,000 schedules agree with a parent on nine in ten start
     * times without being better. Keeping last those that agree with a
     * member at least as good on three quarters gave j120 at 5,000 32.30%
     * instead of 32.48%, j60 at 50,000 10.56% instead of 10.63%, j30 at
     * 5,000 0.026% instead of 0.036% (docs/rcpsp-experiments.md, "Stop 24", for every
     * set, seed and threshold). */
    out->niche = 0.75;
    /* Parents that agree on half their start times or more are not mated
     * while up to 10 more tournaments find a less alike second parent: such
     * pairs breed near copies, which the niche then drops, two passes
     * wasted each (on j12021_1 at 5,000 schedules 1,053 of about 2,400
     * children without this, 734 with it). All of j120 at 5,000 schedules
     * gave 32.012 / 32.032 / 32.008 / 32.010% against 32.061 / 32.069 /
     * 32.063 / 32.050% (seeds 1-4 / 5-8 / 9-12 / 13-16), j60 at 5,000
     * 10.873 against 10.876% (48 seeds), j30 at 5,000 0.0212 against 0.0221%
     * from the optimum (16 seeds); thresholds 0.4 and 0.6 did less on j120
     * (docs/rcpsp-experiments.md, "Stop 32"). */
    out->incest = 0.5;
    /* Equal makespans newer first, and a child that is a near copy of a
     * member with its makespan takes that member's place instead of being
     * dropped (docs/operators.md): such a child is a sideways step, and
     * the population drifts along a plateau of equal makespans instead of
     * waiting on it for a strictly better child. All of j120 at 5,000
     * schedules gave 31.965% against 32.024% (mean of seeds 1-32; every
     * 4-seed block of 1-16 better, 31.949-31.982% against 32.008-32.032%),
     * at 50,000 30.380 against 30.444% (seeds 1-4), every 5th instance at
     * 200,000 30.088 against 30.130% (2 seeds); j60 at 5,000 10.868
     * against 10.873% (48 seeds), at 50,000 10.555 / 10.564 against 10.560
     * / 10.553% (seeds 1-3 / 4-6): neither gained nor lost measurably.
     * j30 lost at every budget, so projects below 60 activities keep the
     * hashed order: at 50,000 schedules 5,731 against 5,739 of 5,760 runs
     * optimal (seeds 1-12), at 5,000 0.0237 against 0.0222% from the
     * optimum (seeds 1-48), at 1,000 0.1122 against 0.1114% (seeds 1-8).
     * Nothing between 30 and 60 activities was measured
     * (docs/rcpsp-experiments.md, "Stop 35" and "Stop 36"). */
    out->newer_first = jobs >= NEWER_FIRST_FROM;
    /* The last 30% of the budget with tournaments of 8 instead of 2: all
     * of j60 at 5,000 schedules (seeds 1-48) 10.885% against 10.913%, j120
     * at 5,000 32.158 / 32.153% against 32.223 / 32.235% (seeds 1-4 / 5-8),
     * at 50,000 30.435 / 30.512 / 30.485 / 30.434% against 30.529 / 30.609 /
     * 30.588 / 30.523% (seeds 1-4), j60 at 50,000 10.553% against 10.563%
     * (seeds 1-3), j30 at 5,000 0.0231% against 0.0247% from the optimum
     * (16 seeds). In a first build (on j60 at 5,000, 48 seeds), past 0.6
     * with 5 gave 10.887%, past 0.7 with 16 10.887%, and 0.8 with 3 / 5,
     * 0.9 with 8, 0.4 with 3 and 0.5 with 8 less (10.903 / 10.892 / 10.895 /
     * 10.897 / 10.895%). docs/rcpsp-experiments.md, "Stop 30". */
    out->late_tournament = 8;
    out->late_from = 0.7;
}

/* A time limit buys a budget: the same formula for the schedules it should
 * give. The search (justification included) ran j120 at about 73,000
 * schedules per second per thread on the 2-core development machine, i.e.
 * 9,000,000 / n for its 122 activities; j30 ran at 295,000-458,000 against
 * the 281,000 this guesses. On a faster machine the guess is low and the
 * population smaller than best, which costs little: 5 s on 2 threads on
 * every 30th j120 instance (a budget guessed at 737,704 schedules,
 * population 1,281) gave 30.36% with 200, 29.79% with 500, 29.62% with
 * 1,000, 29.98% with 2,000 (docs/rcpsp.md). The packed profile has since
 * made the search 1.4-1.7 times as fast (about 1.4e7 / n), but the population
 * that rate gives did worse (29.47% with 2,269 against 29.34% with this
 * constant's 1,665, 29.53% with 1,200), so the constant stays: it now
 * calibrates the population more than it measures a speed. */
#define SCHEDULES_PER_SECOND_TIMES_JOBS 9e6
static void keys_tune_time(const es_instance *inst, double seconds, int threads, es_tuning *out)
{
    double budget = seconds * (threads > 0 ? threads : 1) * SCHEDULES_PER_SECOND_TIMES_JOBS / rcpsp_of(inst)->n;
    keys_tune(inst, budget < 1 ? 1 : budget > 1e15 ? (long long)1e15 : (long long)budget, out);
}

static int heuristic(const es_instance *inst, int rule, es_genome *out, const char **name)
{
    const rcpsp *r = rcpsp_of(inst);
    /* the rules write activity lists (seeding happens once: allocating is fine) */
    int *list = malloc((size_t)r->n * sizeof *list);
    if (!list)
        return ES_ENOMEM;
    es_genome perm = {list, NULL};
    int st = rcpsp_heuristic(inst, rule, &perm, name);
    if (st == ES_OK)
        encode_list(r, list, out);
    free(list);
    return st;
}
/* The file's jobs in start order, as ranks: the serial forward decode
 * takes them in that order (see rcpsp_read_order). */
static int read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    const rcpsp *r = rcpsp_of(inst);
    int *list = malloc((size_t)r->n * sizeof *list);
    if (!list)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int st = rcpsp_read_order(inst, sol, list, err);
    if (st == ES_OK)
        encode_list(r, list, out);
    free(list);
    return st;
}

static int write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    int ms = decode(r, g, scratch, &w);
    return rcpsp_print_schedule(r, w.start, ms, out);
}

static int write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    int ms = decode(r, g, scratch, &w);
    return rcpsp_draw_schedule(r, w.start, ms, out);
}

/* RCPSP files come here, one point surer than the activity lists' table,
 * unless --problem rcpsp asks for lists (or an ant colony, which builds
 * lists, needs them): keys did better on every PSPLIB set (docs/rcpsp.md). */
static int detect(const es_source *src)
{
    int score = rcpsp_detect(src);
    return score > 0 ? score + 1 : 0;
}

/* Niching features: the time unit each activity's key places it in (a
 * start in a forward genome, a finish in a backward one, twice that plus the
 * direction so that the two never agree). Improved genomes are written as
 * their schedule (encode_schedule), so these are its start or finish times,
 * read without decoding. Keys not written from a schedule give arbitrary
 * but harmless values. */
static int keys_features(const es_instance *inst, const es_genome *g, int *out)
{
    const rcpsp *r = rcpsp_of(inst);
    double scale = g->keys[GENE_SCALE(r)];
    /* key / scale is the time plus an offset of at least 1/(4n) below one
     * unit (encode_schedule), so multiplying by the inverse floors alike */
    double inverse = scale > 0 ? 1.0 / scale : 0;
    int backward = is_backward(r, g);
    for (int j = 0; j < r->n; j++) {
        double t = g->keys[j] * inverse;
        out[j] = 2 * (t >= 0 && t < 1e8 ? (int)t : -1) + backward;
    }
    return r->n;
}

static int glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    int ms = decode(r, g, scratch, &w);
    return rcpsp_glpk_schedule(r, w.start, ms, cutoff, x);
}

const es_problem es_problem_rcpsp_keys = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "rcpsp-keys",
    .summary = "RCPSP with random keys, decoded by serial (forward/backward) or parallel SGS (genes choose)",
    .sense = ES_MINIMIZE,
    .detect = detect,
    .load = rcpsp_load,
    .destroy = rcpsp_destroy,
    .genome_info = genome_info,
    .scratch_size = keys_scratch_size,
    .evaluate = evaluate,
    .heuristic = heuristic,
    .improve = improve,
    .lower_bound = rcpsp_lower_bound,
    .reference_bound = rcpsp_reference_bound,
    .best_known = rcpsp_best_known,
    .literature_bound = rcpsp_critical_path_bound,
    .write_solution = write_solution,
    .check = rcpsp_check,
    .read_solution = read_solution,
    .write_chart = write_chart,
    .evaluation_unit = "schedules",
    .glpk_model = rcpsp_glpk_model,
    .glpk_solution = glpk_solution,
    .population_hint = 60,
    .crossover_name = "window",
    .crossover = keys_window,
    .tune = keys_tune,
    .evaluate_cutoff = evaluate_cutoff,
    .tune_time = keys_tune_time,
    .features = keys_features,
};
