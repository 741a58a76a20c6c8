/* RCPSP with random keys (`--problem rcpsp-keys`): the same instances,
 * bounds and checker as `rcpsp`, another representation. A genome holds one
 * priority per activity and two control genes the search evolves with them:
 * which schedule generation scheme decodes it (serial or parallel) and, for
 * the serial one, the direction (forward or backward). Every decode is one
 * SGS pass, so one evaluation is still one schedule.
 *
 * Local improvement is the forward-backward justification of the activity
 * lists; its result is written back as keys decreasing along the improved
 * list with the control genes set to "serial, forward", which decodes to
 * exactly that list again. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rcpsp.h"

/* Our part of the scratch block, after what the activity-list code needs. */
typedef struct keys_scratch {
    int *list, *count, *heap, *start, *active, *usage;
} keys_scratch;

static size_t base_size(const rcpsp *r)
{
    size_t s = rcpsp_scratch_size((const es_instance *)r);
    return (s + 15) / 16 * 16;
}

static size_t keys_scratch_size(const es_instance *inst)
{
    const rcpsp *r = rcpsp_of(inst);
    return base_size(r) + (5 * (size_t)r->n + (size_t)r->K + 8) * sizeof(int);
}

static keys_scratch layout(const rcpsp *r, void *scratch)
{
    int *p = (int *)((char *)scratch + base_size(r));
    size_t n = (size_t)r->n;
    keys_scratch k = {p, p + n, p + 2 * n, p + 3 * n, p + 4 * n, p + 5 * n};
    return k;
}

static void genome_info(const es_instance *inst, es_genome_info *out)
{
    *out = (es_genome_info){ES_GENOME_RANDOM_KEYS, rcpsp_of(inst)->n + 2, NULL, NULL};
}

/* Max-heap of eligible activities by key (ties: lower topological rank). */
static int before(const rcpsp *r, const double *key, int a, int b)
{
    return key[a] > key[b] || (key[a] == key[b] && r->topo[a] < r->topo[b]);
}

static void heap_push(const rcpsp *r, const double *key, int *heap, int *size, int j)
{
    int i = (*size)++;
    while (i > 0 && before(r, key, j, heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = j;
}

static int heap_pop(const rcpsp *r, const double *key, int *heap, int *size)
{
    int top = heap[0], last = heap[--*size], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= *size)
            break;
        if (c + 1 < *size && before(r, key, heap[c + 1], heap[c]))
            c++;
        if (!before(r, key, heap[c], last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = last;
    return top;
}

/* The precedence-feasible list that takes, at each step, the eligible
 * activity of highest key; backward, "eligible" means all successors placed,
 * as the backward SGS wants its list. */
static void keys_to_list(const rcpsp *r, const double *key, int backward, int *list, int *count, int *heap)
{
    int n = r->n, size = 0;
    const int *in_start = backward ? r->succ_start : r->pred_start;
    const int *out_start = backward ? r->pred_start : r->succ_start, *out = backward ? r->pred : r->succ;
    for (int j = 0; j < n; j++) {
        count[j] = in_start[j + 1] - in_start[j];
        if (count[j] == 0)
            heap_push(r, key, heap, &size, j);
    }
    for (int i = 0; i < n; i++) {
        int j = heap_pop(r, key, heap, &size);
        list[i] = j;
        for (int e = out_start[j]; e < out_start[j + 1]; e++)
            if (--count[out[e]] == 0)
                heap_push(r, key, heap, &size, out[e]);
    }
}

/* Parallel SGS: time advances from one finish to the next; at each moment
 * the eligible activities start in key order while resources last. Every
 * activity running at time t started at or before t, so the usage at t is
 * the highest it will be from t on and checking t alone suffices. */
static int parallel_sgs(const rcpsp *r, const double *key, const keys_scratch *w)
{
    int n = r->n, K = r->K, size = 0, nactive = 0, done = 0, t = 0, makespan = 0;
    int *count = w->count, *heap = w->heap, *active = w->active, *usage = w->usage, *start = w->start, *tried = w->list;
    memset(usage, 0, (size_t)K * sizeof *usage);
    for (int j = 0; j < n; j++) {
        count[j] = r->pred_start[j + 1] - r->pred_start[j];
        if (count[j] == 0)
            heap_push(r, key, heap, &size, j);
    }
    while (done < n) {
        /* start what fits, in key order; the rest waits for the next moment */
        int ntried = 0;
        while (size > 0) {
            int j = heap_pop(r, key, heap, &size), fits = 1;
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
        }
        for (int i = 0; i < ntried; i++)
            heap_push(r, key, heap, &size, tried[i]);
        if (nactive == 0)
            return r->horizon + 1; /* nothing can ever start (the parser rules this out) */
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
                    heap_push(r, key, heap, &size, r->succ[e]);
        }
    }
    return makespan;
}

/* Decodes g: start times into w->start, the makespan returned. */
static int decode(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w)
{
    const double *key = g->keys;
    if (key[r->n + 1] >= 0.5)
        return parallel_sgs(r, key, w);
    int backward = key[r->n] >= 0.5;
    keys_to_list(r, key, backward, w->list, w->count, w->heap);
    return rcpsp_sgs(r, w->list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, scratch, w->start);
}

static int evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    *value = decode(r, g, scratch, &w);
    return ES_OK;
}

/* Keys that decode (serial, forward) to exactly `list`. */
static void encode_list(const rcpsp *r, const int *list, es_genome *g)
{
    for (int i = 0; i < r->n; i++)
        g->keys[list[i]] = 1.0 - (i + 0.5) / r->n;
    g->keys[r->n] = 0.25;     /* forward */
    g->keys[r->n + 1] = 0.25; /* serial */
}

static int improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                   long long *evaluations)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = layout(r, scratch);
    long long allowance = *evaluations;
    /* One pass for this genome's schedule, counted. */
    int ms = decode(r, g, scratch, &w);
    if (allowance < 2) {
        *value = ms;
        *evaluations = 1;
        return ES_OK;
    }
    /* Justification starts from that schedule in start-time order: the list
     * lives in our part of the scratch, rcpsp_improve works in the rest. */
    rcpsp_list_by_start(r, w.start, ms, scratch, w.list);
    es_genome perm = {w.list, NULL};
    long long left = allowance - 1;
    double v = NAN;
    int st = rcpsp_improve(inst, &perm, &v, scratch, rng, &left);
    if (st == ES_OK) {
        encode_list(r, w.list, g);
        *value = v;
        *evaluations = 1 + left;
    }
    return st;
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

const es_problem es_problem_rcpsp_keys = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "rcpsp-keys",
    .summary = "RCPSP with random keys, decoded by serial (forward/backward) or parallel SGS (genes choose)",
    .sense = ES_MINIMIZE,
    /* no detect: the files are rcpsp's, this table is chosen by name */
    .load = rcpsp_load,
    .destroy = rcpsp_destroy,
    .genome_info = genome_info,
    .scratch_size = keys_scratch_size,
    .evaluate = evaluate,
    .heuristic = heuristic,
    .improve = improve,
    .lower_bound = rcpsp_lower_bound,
    .reference_bound = rcpsp_reference_bound,
    .literature_bound = rcpsp_critical_path_bound,
    .write_solution = write_solution,
    .check = rcpsp_check,
    .write_chart = write_chart,
    .evaluation_unit = "schedules",
    .population_hint = 60,
};
