/* Forward-backward improvement (double justification; Tormos & Lova 2001,
 * Valls, Ballestín & Quintanilla 2005). Shifting every job as late as
 * possible (in order of decreasing finish time) and then as early as possible
 * (in order of increasing start time) never lengthens a schedule and often
 * shortens it. Each pass is one schedule generation and is counted as such.
 * The child's genome becomes the list whose serial decoding is the final
 * schedule, so its value stays exact. */
#include <math.h>
#include <string.h>
#include "rcpsp.h"

typedef struct fbi_scratch {
    int *start, *order, *bucket;
} fbi_scratch;

static fbi_scratch layout(const rcpsp *r, void *scratch)
{
    int *base = rcpsp_scratch_tail(r, scratch);
    fbi_scratch s;
    s.start = base;
    s.order = base + r->n;
    s.bucket = base + 2 * r->n;
    return s;
}

/* Jobs sorted by key[j] ascending, ties by topological rank ascending (or
 * descending when reverse): a counting sort, since keys are time units. The
 * tie order keeps zero-duration jobs behind their predecessors. */
static void sort_by_time(const rcpsp *r, const int *key, int maxkey, int reverse, fbi_scratch *s, int *out)
{
    int n = r->n;
    memset(s->bucket, 0, (size_t)(maxkey + 2) * sizeof *s->bucket);
    for (int j = 0; j < n; j++)
        s->bucket[key[j] + 1]++;
    for (int t = 0; t <= maxkey; t++)
        s->bucket[t + 1] += s->bucket[t];
    for (int q = 0; q < n; q++) {
        int j = r->by_rank[reverse ? n - 1 - q : q];
        out[s->bucket[key[j]]++] = j;
    }
}

void rcpsp_list_by_start(const rcpsp *r, const int *start, int makespan, void *scratch, int *list)
{
    fbi_scratch s = layout(r, scratch);
    sort_by_time(r, start, makespan, 0, &s, list);
}

/* Decreasing finish time is increasing M - f; ties by descending rank put
 * zero-duration successors first, as a backward list needs. */
void rcpsp_list_by_finish(const rcpsp *r, const int *start, int makespan, void *scratch, int *list)
{
    fbi_scratch s = layout(r, scratch);
    for (int j = 0; j < r->n; j++)
        s.order[j] = makespan - (start[j] + r->dur[j]);
    sort_by_time(r, s.order, makespan, 1, &s, list);
}

int rcpsp_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                  long long *evaluations)
{
    (void)rng;
    const rcpsp *r = rcpsp_of(inst);
    fbi_scratch s = layout(r, scratch);
    long long allowance = *evaluations, spent = 0;
    (void)value; /* recomputed: the pass below gives the start times too */
    /* The start times of g's schedule: one pass, unless the caller has not
     * evaluated g yet, in which case this is its evaluation anyway. */
    int makespan = rcpsp_sgs(r, g->perm, RCPSP_FORWARD, scratch, s.start);
    spent++;
    while (spent + 2 <= allowance) {
        /* Right-justify: decreasing finish times. */
        rcpsp_list_by_finish(r, s.start, makespan, scratch, g->perm);
        int back = rcpsp_sgs(r, g->perm, RCPSP_BACKWARD, scratch, s.start);
        /* Left-justify: increasing start times of the right-justified one. */
        sort_by_time(r, s.start, back, 0, &s, g->perm);
        int fwd = rcpsp_sgs(r, g->perm, RCPSP_FORWARD, scratch, s.start);
        spent += 2;
        int improved = fwd < makespan;
        makespan = fwd;
        if (!improved)
            break;
    }
    *evaluations = spent;
    *value = rcpsp_real(r, makespan);
    return ES_OK;
}
