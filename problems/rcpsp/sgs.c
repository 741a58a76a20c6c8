/* The serial schedule generation scheme, on one of three resource profiles.
 *
 * Time-indexed (short durations, as in PSPLIB): what each resource has in use
 * per time unit. A job is tried at its earliest precedence-feasible start,
 * and on a conflict the start jumps past the latest conflicting time unit
 * inside its window rather than by one. Only resources a job uses are looked
 * at. The profile is reset only up to the last schedule's makespan, so a
 * pass costs what it schedules.
 *
 * Packed (r->packed, up to 4 resources of capacity below 2^15, as in PSPLIB):
 * the same, with each time unit's free capacities in one 64-bit word.
 *
 * Breakpoints (long durations: r->breakpoints): the times where usage
 * changes, each with the usage until the next, so that a job costs what it
 * overlaps, not what it lasts. The earliest feasible start is unique, so all
 * three give the same schedule (tested); only the cost differs. */
#include <limits.h>
#include <string.h>
#include "rcpsp.h"

#define PROFILE_MAGIC 0x52435053 /* "RCPS": the scratch block is initialised */

typedef struct sgs_header {
    int magic;
    int high_water; /* time units of the profile in use since the last reset */
} sgs_header;

/* Ints of the profile region: the time-indexed profile (at least two ints
 * per time unit, for the packed form), which also has room for the
 * breakpoints (at most 2n + 1 of them, each a time and K usages):
 * a project gets breakpoints only when its horizon is many times n. */
static size_t profile_ints(const rcpsp *r)
{
    size_t K = (size_t)(r->K > 0 ? r->K : 1);
    size_t indexed = (size_t)(r->horizon + 1) * (K > 2 ? K : 2), points = (2 * (size_t)r->n + 2) * (K + 1);
    return indexed > points ? indexed : points;
}

size_t rcpsp_scratch_size(const es_instance *inst)
{
    const rcpsp *r = rcpsp_of(inst);
    size_t n = (size_t)r->n;
    return sizeof(sgs_header) + profile_ints(r) * sizeof(int) /* profile */
           + n * sizeof(int)                               /* finish times */
           + 2 * n * sizeof(int)                           /* the tail: starts, orders */
           + (size_t)(r->horizon + 2) * sizeof(int);      /* and counting-sort buckets */
}

int *rcpsp_scratch_tail(const rcpsp *r, void *scratch)
{
    int *usage = (int *)((sgs_header *)scratch + 1);
    return usage + profile_ints(r) + (size_t)r->n;
}

const int *rcpsp_profile(const rcpsp *r, const int *start, int makespan, int direction, void *scratch)
{
    int *usage = (int *)((sgs_header *)scratch + 1);
    if (!r->breakpoints && !r->packed)
        return usage;
    /* Rebuilt per time unit from the start times: the callers (the peak
     * crossover of activity lists) want that form, and it costs them about
     * a pass. */
    sgs_header *h = scratch;
    int K = r->K;
    memset(usage, 0, (size_t)makespan * (size_t)K * sizeof *usage);
    for (int j = 0; j < r->n; j++) {
        int t0 = direction == RCPSP_FORWARD ? start[j] : makespan - start[j] - r->dur[j];
        for (int t = t0; t < t0 + r->dur[j]; t++)
            for (int a = r->used_start[j]; a < r->used_start[j + 1]; a++)
                usage[(size_t)t * (size_t)K + (size_t)r->used[a]] += r->req[(size_t)j * (size_t)K + (size_t)r->used[a]];
    }
    h->magic = 0; /* the region no longer holds breakpoints; the next pass starts afresh anyway */
    return usage;
}

/* Time-indexed: the earliest start >= t where j fits, booked. */
static int place_on_units(const rcpsp *r, int j, int t, int *usage)
{
    int K = r->K, d = r->dur[j];
    const int *used = r->used + r->used_start[j];
    int nused = r->used_start[j + 1] - r->used_start[j];
    const int *req = r->req + (size_t)j * (size_t)K;
    for (;;) {
        int conflict = -1;
        for (int tau = t + d - 1; tau >= t && conflict < 0; tau--) {
            const int *u = usage + (size_t)tau * (size_t)K;
            for (int a = 0; a < nused; a++) {
                int k = used[a];
                if (u[k] + req[k] > r->cap[k]) {
                    conflict = tau;
                    break;
                }
            }
        }
        if (conflict < 0)
            break;
        t = conflict + 1;
    }
    for (int tau = t; tau < t + d; tau++) {
        int *u = usage + (size_t)tau * (size_t)K;
        for (int a = 0; a < nused; a++)
            u[used[a]] += req[used[a]];
    }
    return t;
}

/* Packed (r->packed): free[tau] holds each resource's free capacity at
 * tau in 16 bits, the top bit clear. Setting every field's top bit and
 * subtracting the job's requests leaves a field's top bit set exactly when
 * that resource has room, and no borrow crosses fields: one subtraction
 * tests all resources at once, and one books them. The same earliest start
 * as place_on_units (tested), in fewer operations: `bench_rcpsp
 * --sgs-speed` on j12010_1 gave 277,000-289,000 passes per second against
 * 133,000-158,000 on time units, and the search on every 5th j120 instance
 * at 50,000 schedules 130,893 schedules per second per run against 82,615. */
#define PACKED_TOP 0x8000800080008000ULL
static int place_packed(const rcpsp *r, int j, int t, uint64_t *free_cap)
{
    int d = r->dur[j];
    uint64_t req = r->packed_req[j];
    for (;;) {
        int tau = t + d - 1;
        while (tau >= t && (((free_cap[tau] | PACKED_TOP) - req) & PACKED_TOP) == PACKED_TOP)
            tau--;
        if (tau < t)
            break;
        t = tau + 1;
    }
    for (int tau = t; tau < t + d; tau++)
        free_cap[tau] -= req;
    return t;
}

/* Breakpoints: at[0] = 0 < at[1] < ... < at[m-1], with use[i*K + k] the
 * usage of k on [at[i], at[i+1]) (the last segment runs forever, unused). */
typedef struct breakpoints {
    int m, *at, *use;
} breakpoints;

/* The segment holding time x. */
static int segment_of(const breakpoints *b, int x)
{
    int lo = 0, hi = b->m - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (b->at[mid] <= x)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Makes x a breakpoint; returns its segment. */
static int split_at(breakpoints *b, int K, int x)
{
    int q = segment_of(b, x);
    if (b->at[q] == x)
        return q;
    memmove(b->at + q + 2, b->at + q + 1, (size_t)(b->m - q - 1) * sizeof *b->at);
    memmove(b->use + (size_t)(q + 2) * K, b->use + (size_t)(q + 1) * K, (size_t)(b->m - q - 1) * K * sizeof *b->use);
    b->at[q + 1] = x;
    memcpy(b->use + (size_t)(q + 1) * K, b->use + (size_t)q * K, (size_t)K * sizeof *b->use);
    b->m++;
    return q + 1;
}

/* Breakpoints: the earliest start >= t where j fits, booked. A conflict in
 * a segment moves the start to where that segment ends; the last conflicting
 * segment of the window is the farthest that can be skipped at once. */
static int place_on_breakpoints(const rcpsp *r, int j, int t, breakpoints *b)
{
    int K = r->K, d = r->dur[j];
    const int *used = r->used + r->used_start[j];
    int nused = r->used_start[j + 1] - r->used_start[j];
    const int *req = r->req + (size_t)j * (size_t)K;
    for (;;) {
        int next = -1;
        for (int q = segment_of(b, t); q < b->m && b->at[q] < t + d; q++) {
            const int *u = b->use + (size_t)q * K;
            for (int a = 0; a < nused; a++)
                if (u[used[a]] + req[used[a]] > r->cap[used[a]]) {
                    next = b->at[q + 1]; /* not the last segment: that one is unused */
                    break;
                }
        }
        if (next < 0)
            break;
        t = next;
    }
    int first = split_at(b, K, t), last = split_at(b, K, t + d);
    for (int q = first; q < last; q++)
        for (int a = 0; a < nused; a++)
            b->use[(size_t)q * K + used[a]] += req[used[a]];
    return t;
}

int rcpsp_sgs(const rcpsp *r, const int *order, int direction, void *scratch, int *start)
{
    int complete;
    return rcpsp_sgs_cutoff(r, order, direction, scratch, start, INT_MAX, &complete);
}

/* The early abort: once a placed job's finish plus its tail (rcpsp_tail)
 * passes the cutoff, the rest of the list cannot bring the makespan back. */
int rcpsp_sgs_cutoff(const rcpsp *r, const int *order, int direction, void *scratch, int *start, int cutoff,
                     int *complete)
{
    int n = r->n, K = r->K;
    sgs_header *h = scratch;
    int *usage = (int *)(h + 1);
    int *fin = usage + profile_ints(r);
    breakpoints b = {1, usage, usage + 2 * (size_t)n + 2};
    uint64_t *free_cap = (uint64_t *)usage;
    if (r->breakpoints) {
        b.at[0] = 0;
        memset(b.use, 0, (size_t)K * sizeof *b.use);
    } else if (r->packed) {
        size_t dirty = h->magic != PROFILE_MAGIC ? (size_t)r->horizon + 1 : (size_t)h->high_water;
        for (size_t tau = 0; tau < dirty; tau++)
            free_cap[tau] = r->packed_cap;
        h->magic = PROFILE_MAGIC;
    } else if (h->magic != PROFILE_MAGIC) {
        memset(usage, 0, profile_ints(r) * sizeof *usage);
        h->magic = PROFILE_MAGIC;
    } else
        memset(usage, 0, (size_t)h->high_water * (size_t)K * sizeof *usage);
    const int *ps = direction == RCPSP_FORWARD ? r->pred_start : r->succ_start;
    const int *pl = direction == RCPSP_FORWARD ? r->pred : r->succ;
    int makespan = 0;
    for (int q = 0; q < n; q++) {
        int j = order[q];
        int t = 0;
        for (int e = ps[j]; e < ps[j + 1]; e++)
            if (fin[pl[e]] > t)
                t = fin[pl[e]];
        int d = r->dur[j];
        if (r->used_start[j + 1] > r->used_start[j])
            t = r->breakpoints ? place_on_breakpoints(r, j, t, &b)
                : r->packed    ? place_packed(r, j, t, free_cap)
                               : place_on_units(r, j, t, usage);
        fin[j] = t + d;
        if (t + d > makespan)
            makespan = t + d;
        int bound = t + d + rcpsp_tail(r, j, direction);
        if (bound > cutoff) {
            h->high_water = makespan; /* what the next pass must clear */
            *complete = 0;
            return bound;
        }
    }
    h->high_water = makespan;
    *complete = 1;
    /* Backward passes ran on mirrored time: a job in [t, t+d) mirrored
     * occupies [M - t - d, M - t) in real time. */
    for (int j = 0; j < n; j++)
        start[j] = direction == RCPSP_FORWARD ? fin[j] - r->dur[j] : makespan - fin[j];
    return makespan;
}
