/* The serial schedule generation scheme with a time-indexed resource profile.
 *
 * The profile records what each resource has in use per time unit; a job is
 * tried at its earliest precedence-feasible start, and on a conflict the
 * start jumps past the latest conflicting time unit inside its window rather
 * than by one. Only resources a job uses are looked at. The profile is reset
 * only up to the last schedule's makespan, so a pass costs what it schedules. */
#include <limits.h>
#include <string.h>
#include "rcpsp.h"

#define PROFILE_MAGIC 0x52435053 /* "RCPS": the scratch block is initialised */

typedef struct sgs_header {
    int magic;
    int high_water; /* time units of the profile in use since the last reset */
} sgs_header;

size_t rcpsp_scratch_size(const es_instance *inst)
{
    const rcpsp *r = rcpsp_of(inst);
    size_t n = (size_t)r->n;
    return sizeof(sgs_header) + (size_t)(r->horizon + 1) * (size_t)(r->K > 0 ? r->K : 1) * sizeof(int) /* profile */
           + n * sizeof(int)                               /* finish times */
           + 2 * n * sizeof(int)                           /* the tail: starts, orders */
           + (size_t)(r->horizon + 2) * sizeof(int);      /* and counting-sort buckets */
}

int *rcpsp_scratch_tail(const rcpsp *r, void *scratch)
{
    int *usage = (int *)((sgs_header *)scratch + 1);
    return usage + (size_t)(r->horizon + 1) * (size_t)(r->K > 0 ? r->K : 1) + (size_t)r->n;
}

const int *rcpsp_scratch_profile(const void *scratch)
{
    return (const int *)((const sgs_header *)scratch + 1);
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
    int *fin = usage + (size_t)(r->horizon + 1) * (size_t)(K > 0 ? K : 1);
    if (h->magic != PROFILE_MAGIC) {
        memset(usage, 0, (size_t)(r->horizon + 1) * (size_t)(K > 0 ? K : 1) * sizeof *usage);
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
        const int *used = r->used + r->used_start[j];
        int nused = r->used_start[j + 1] - r->used_start[j];
        const int *req = r->req + (size_t)j * (size_t)K;
        if (d > 0 && nused > 0) {
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
        }
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
