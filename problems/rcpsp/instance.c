/* An RCPSP instance in memory: allocation, and what the parsers leave to a
 * common step once the raw data is in (predecessors, the resources each job
 * uses, topological ranks with cycle detection, critical path, size limits,
 * the packed resource form). Both file formats go through it, so both are
 * validated alike. */
#include <stdlib.h>
#include "rcpsp.h"

int rcpsp_alloc(int n, int K, rcpsp **out)
{
    rcpsp *r = calloc(1, sizeof *r);
    if (!r)
        return ES_ENOMEM;
    r->n = n;
    r->K = K;
    r->unit = 1;
    size_t m = (size_t)n + 1;
    r->dur = calloc(m, sizeof *r->dur);
    r->req = calloc(m * (size_t)(K > 0 ? K : 1), sizeof *r->req);
    r->cap = calloc((size_t)(K > 0 ? K : 1), sizeof *r->cap);
    r->succ_start = calloc(m, sizeof *r->succ_start);
    r->pred_start = calloc(m, sizeof *r->pred_start);
    r->used_start = calloc(m, sizeof *r->used_start);
    r->topo = calloc(m, sizeof *r->topo);
    r->es = calloc(m, sizeof *r->es);
    r->lf = calloc(m, sizeof *r->lf);
    if (!r->dur || !r->req || !r->cap || !r->succ_start || !r->pred_start || !r->used_start || !r->topo ||
        !r->es || !r->lf) {
        rcpsp_destroy((es_instance *)r);
        return ES_ENOMEM;
    }
    *out = r;
    return ES_OK;
}

void rcpsp_destroy(es_instance *inst)
{
    rcpsp *r = (rcpsp *)inst;
    if (!r)
        return;
    free(r->dur);
    free(r->req);
    free(r->cap);
    free(r->succ_start);
    free(r->succ);
    free(r->pred_start);
    free(r->pred);
    free(r->used_start);
    free(r->used);
    free(r->topo);
    free(r->by_rank);
    free(r->es);
    free(r->lf);
    free(r->packed_req);
    free(r);
}

static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* The packed form of the requests and capacities (rcpsp.h), when the
 * project fits it. */
static int pack_resources(rcpsp *r, es_error *err)
{
    int K = r->K;
    r->packed = 0;
    if (K > RCPSP_PACKED_RES)
        return ES_OK;
    for (int k = 0; k < K; k++)
        if (r->cap[k] > RCPSP_PACKED_CAP)
            return ES_OK;
    r->packed_req = calloc((size_t)r->n, sizeof *r->packed_req);
    if (!r->packed_req)
        return es_fail(err, ES_ENOMEM, "out of memory");
    r->packed_cap = 0;
    for (int k = 0; k < K; k++)
        r->packed_cap |= (uint64_t)r->cap[k] << (16 * k);
    for (int j = 0; j < r->n; j++)
        for (int k = 0; k < K; k++) /* the parser has checked req <= cap */
            r->packed_req[j] |= (uint64_t)r->req[(size_t)j * (size_t)K + (size_t)k] << (16 * k);
    r->packed = !r->breakpoints;
    return ES_OK;
}

int rcpsp_finish(rcpsp *r, const char *path, es_error *err)
{
    int n = r->n, K = r->K;
    int g = 0;
    for (int j = 0; j < n; j++)
        g = gcd(r->dur[j], g);
    if (g > 1) {
        for (int j = 0; j < n; j++)
            r->dur[j] /= g;
        r->unit = g;
    }
    /* Predecessors from successors. */
    int edges = r->succ_start[n];
    r->pred = malloc((size_t)(edges > 0 ? edges : 1) * sizeof *r->pred);
    int *fill = calloc((size_t)n + 1, sizeof *fill);
    int *queue = malloc((size_t)n * sizeof *queue);
    int uses = 0;
    for (int j = 0; j < n; j++)
        for (int k = 0; k < K; k++)
            uses += r->req[j * K + k] > 0 && r->dur[j] > 0;
    r->used = malloc((size_t)(uses > 0 ? uses : 1) * sizeof *r->used);
    if (!r->pred || !fill || !queue || !r->used) {
        free(fill);
        free(queue);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    for (int e = 0; e < edges; e++)
        r->pred_start[r->succ[e] + 1]++;
    for (int j = 0; j < n; j++)
        r->pred_start[j + 1] += r->pred_start[j];
    for (int i = 0; i < n; i++)
        for (int e = r->succ_start[i]; e < r->succ_start[i + 1]; e++) {
            int j = r->succ[e];
            r->pred[r->pred_start[j] + fill[j]++] = i;
        }
    for (int j = 0, u = 0; j < n; j++) {
        r->used_start[j] = u;
        for (int k = 0; k < K; k++)
            if (r->req[j * K + k] > 0 && r->dur[j] > 0) /* a job of no duration runs at no time */
                r->used[u++] = k;
        r->used_start[j + 1] = u;
    }
    /* Kahn's algorithm: a topological order, or a cycle to report. */
    int head = 0, tail = 0;
    for (int j = 0; j < n; j++) {
        fill[j] = r->pred_start[j + 1] - r->pred_start[j];
        if (fill[j] == 0)
            queue[tail++] = j;
    }
    while (head < tail) {
        int i = queue[head++];
        r->topo[i] = head - 1;
        for (int e = r->succ_start[i]; e < r->succ_start[i + 1]; e++)
            if (--fill[r->succ[e]] == 0)
                queue[tail++] = r->succ[e];
    }
    if (tail < n) {
        int on = -1;
        for (int j = 0; j < n && on < 0; j++)
            if (fill[j] > 0)
                on = j;
        free(fill);
        free(queue);
        return es_fail(err, ES_EPARSE, "%s: the precedence relations contain a cycle (through job %d)", path, on + 1);
    }
    /* Critical path: earliest starts forward, latest finishes backward. */
    long long horizon = 0;
    for (int q = 0; q < n; q++) {
        int i = queue[q];
        horizon += r->dur[i];
        for (int e = r->pred_start[i]; e < r->pred_start[i + 1]; e++) {
            int p = r->pred[e];
            if (r->es[p] + r->dur[p] > r->es[i])
                r->es[i] = r->es[p] + r->dur[p];
        }
    }
    int cp = 0;
    for (int j = 0; j < n; j++)
        if (r->es[j] + r->dur[j] > cp)
            cp = r->es[j] + r->dur[j];
    for (int q = n - 1; q >= 0; q--) {
        int i = queue[q];
        r->lf[i] = cp;
        for (int e = r->succ_start[i]; e < r->succ_start[i + 1]; e++) {
            int s = r->succ[e];
            if (r->lf[s] - r->dur[s] < r->lf[i])
                r->lf[i] = r->lf[s] - r->dur[s];
        }
    }
    free(fill);
    r->by_rank = queue; /* Kahn's queue lists the jobs by topological rank */
    const char *units = r->unit > 1 ? " (counted in their greatest common divisor)" : "";
    if (horizon > RCPSP_MAX_HORIZON)
        return es_fail(err, ES_ELIMIT, "%s: the durations add up to %lld%s, more than %ld", path, horizon, units,
                       RCPSP_MAX_HORIZON);
    if ((horizon + 1) * (K > 0 ? K : 1) > RCPSP_MAX_PROFILE)
        return es_fail(err, ES_ELIMIT,
                       "%s: the durations add up to %lld%s over %d resources: the schedule profile would take %lld MB "
                       "per thread, more than %ld",
                       path, horizon, units, K, (horizon + 1) * K * (long long)sizeof(int) >> 20,
                       RCPSP_MAX_PROFILE * (long)sizeof(int) >> 20);
    r->horizon = (int)horizon;
    r->breakpoints = horizon > RCPSP_BREAKPOINTS_FROM * (long long)n;
    r->critical_path = cp;
    for (int j = 0; j < n; j++)
        for (int k = 0; k < K; k++)
            if (r->req[j * K + k] > r->cap[k])
                return es_fail(err, ES_EPARSE, "%s: job %d needs %d of resource %d but only %d exist: no schedule exists",
                               path, j + 1, r->req[j * K + k], k + 1, r->cap[k]);
    return pack_resources(r, err);
}
