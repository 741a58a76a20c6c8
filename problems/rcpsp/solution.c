/* The RCPSP solution file, its independent checker and the Gantt chart, all
 * in the instance file's time units (the search counts in r->unit).
 *
 *     objective 43
 *     # job start end      (jobs numbered from 1 in file order)
 *     J 1 0 0
 *     ...
 *
 * The checker trusts nothing but the instance and the listed intervals: every
 * job once, for exactly its duration, after all its predecessors end, within
 * every resource capacity at every moment, and the stated makespan. */
#include <stdlib.h>
#include <string.h>
#include <evosched/chart.h>
#include "rcpsp.h"

static int *decode_starts(const rcpsp *r, const es_genome *g, void *scratch, int *makespan)
{
    int *start = rcpsp_scratch_tail(r, scratch);
    *makespan = rcpsp_sgs(r, g->perm, RCPSP_FORWARD, scratch, start);
    return start;
}

int rcpsp_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    int ms;
    const int *start = decode_starts(r, g, scratch, &ms);
    return rcpsp_print_schedule(r, start, ms, out);
}

int rcpsp_print_schedule(const rcpsp *r, const int *start, int ms, FILE *out)
{
    long u = r->unit; /* the file's times */
    fprintf(out, "objective %ld\n# job start end (jobs numbered from 1 in file order)\n", ms * u);
    for (int j = 0; j < r->n; j++)
        fprintf(out, "J %d %ld %ld\n", j + 1, start[j] * u, (start[j] + r->dur[j]) * u);
    return ferror(out) ? ES_EIO : ES_OK;
}

typedef struct event {
    long time;
    int job, delta; /* +1 start, -1 end */
} event;

static int by_time(const void *a, const void *b)
{
    const event *x = a, *y = b;
    if (x->time != y->time)
        return x->time < y->time ? -1 : 1;
    return x->delta - y->delta; /* ends before starts at the same time */
}

/* rcpsp_check, which also gives the start times when starts is not NULL */
static int check_schedule(const es_instance *inst, const es_source *sol, double *value, long *starts, es_error *err)
{
    const rcpsp *r = rcpsp_of(inst);
    int n = r->n, K = r->K;
    /* The file's durations, not the search's: a schedule need not start
     * its jobs on multiples of their common divisor to be feasible. */
    long *dur = malloc((size_t)n * sizeof *dur);
    if (!dur)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int j = 0; j < n; j++)
        dur[j] = (long)r->dur[j] * r->unit;
    long most = RCPSP_MAX_HORIZON * (long)r->unit;
    es_scanner sc;
    es_scanner_init(&sc, sol, '#');
    long stated;
    int st = es_scan_keyword(&sc, "objective", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 0, most, "the makespan", &stated, err);
    if (st != ES_OK) {
        free(dur);
        return st;
    }
    long *s = calloc((size_t)n, sizeof *s), *line = calloc((size_t)n, sizeof *line);
    event *ev = malloc(2 * (size_t)n * sizeof *ev);
    long *use = calloc((size_t)(K > 0 ? K : 1), sizeof *use);
    if (!s || !line || !ev || !use) {
        st = es_fail(err, ES_ENOMEM, "out of memory");
        goto done;
    }
    while (st == ES_OK && !es_scan_eof(&sc)) {
        long at, job, b, e;
        st = es_scan_interval(&sc, "J", n, 2 * most, &at, &job, &b, &e, err);
        if (st != ES_OK)
            break;
        int j = (int)job - 1;
        if (line[j])
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: job %ld is scheduled twice (first at line %ld)", sc.path, at,
                         job, line[j]);
        else if (e - b != dur[j])
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: job %ld lasts %ld, its duration is %ld", sc.path, at, job,
                         e - b, dur[j]);
        s[j] = b;
        line[j] = at;
    }
    for (int j = 0; st == ES_OK && j < n; j++)
        if (!line[j])
            st = es_fail(err, ES_EINFEASIBLE, "%s: job %d is not scheduled", sol->path, j + 1);
    long makespan = 0;
    for (int i = 0; st == ES_OK && i < n; i++) {
        if (s[i] + dur[i] > makespan)
            makespan = s[i] + dur[i];
        for (int q = r->succ_start[i]; q < r->succ_start[i + 1]; q++) {
            int j = r->succ[q];
            if (s[j] < s[i] + dur[i])
                st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: job %d starts at %ld, before its predecessor %d ends at %ld",
                             sol->path, line[j], j + 1, s[j], i + 1, s[i] + dur[i]);
        }
    }
    if (st == ES_OK) {
        int m = 0;
        for (int j = 0; j < n; j++)
            if (dur[j] > 0) {
                ev[m++] = (event){s[j], j, +1};
                ev[m++] = (event){s[j] + dur[j], j, -1};
            }
        qsort(ev, (size_t)m, sizeof *ev, by_time);
        for (int q = 0; q < m && st == ES_OK; q++) {
            for (int k = 0; k < K; k++)
                use[k] += (long)ev[q].delta * r->req[ev[q].job * K + k];
            if (ev[q].delta > 0)
                for (int k = 0; k < K && st == ES_OK; k++)
                    if (use[k] > r->cap[k])
                        st = es_fail(err, ES_EINFEASIBLE,
                                     "%s:%ld: at time %ld resource %d is used %ld > capacity %d (job %d starts)",
                                     sol->path, line[ev[q].job], ev[q].time, k + 1, use[k], r->cap[k], ev[q].job + 1);
        }
    }
    if (st == ES_OK && makespan != stated)
        st = es_fail(err, ES_EINFEASIBLE, "%s:1: states makespan %ld but the schedule's is %ld", sol->path, stated,
                     makespan);
    if (st == ES_OK)
        *value = (double)makespan;
    if (st == ES_OK && starts)
        memcpy(starts, s, (size_t)n * sizeof *s);
done:
    free(dur);
    free(s);
    free(line);
    free(ev);
    free(use);
    return st;
}

int rcpsp_check(const es_instance *inst, const es_source *sol, double *value, es_error *err)
{
    return check_schedule(inst, sol, value, NULL, err);
}

/* The jobs by start time, ties in topological order, so the list respects
 * every precedence (a predecessor of no duration may start with its
 * successor). The serial SGS schedules each job of such a list no later than
 * the file does: when a job is placed, the jobs before it in the list have
 * moved only earlier, and from its start on they use no more than they did. */
int rcpsp_read_order(const es_instance *inst, const es_source *sol, int *list, es_error *err)
{
    const rcpsp *r = rcpsp_of(inst);
    long *start = malloc((size_t)r->n * sizeof *start);
    double *key = malloc((size_t)r->n * sizeof *key);
    double value;
    int st = start && key ? check_schedule(inst, sol, &value, start, err) : es_fail(err, ES_ENOMEM, "out of memory");
    if (st == ES_OK) {
        for (int j = 0; j < r->n; j++) {
            list[j] = j;
            key[j] = (double)start[j] * (r->n + 1) + r->topo[j];
        }
        es_sort_by_keys(list, r->n, key);
    }
    free(start);
    free(key);
    return st;
}

int rcpsp_read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    return rcpsp_read_order(inst, sol, out->perm, err);
}

/* SVG: one bar per job, then one step plot per resource under its capacity. */
int rcpsp_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    int ms;
    const int *start = decode_starts(r, g, scratch, &ms);
    return rcpsp_draw_schedule(r, start, ms, out);
}

/* Resource k's usage as a step line through the times it changes, so the
 * chart grows with the jobs, not with the horizon: a project in fine time
 * units may last millions of them. ev: every job's start and end, by time. */
static void draw_profile(const rcpsp *r, const event *ev, int m, int ms, int k, double left, double scale, double y0,
                         double unit, FILE *out)
{
    fprintf(out, "<polyline fill=\"none\" stroke=\"#336\" points=\"%.1f,%.1f", left, y0);
    long u = 0;
    for (int i = 0; i < m;) {
        long t = ev[i].time, before = u;
        for (; i < m && ev[i].time == t; i++)
            u += ev[i].delta * r->req[ev[i].job * r->K + k];
        if (u != before)
            fprintf(out, " %.1f,%.1f %.1f,%.1f", left + t * scale, y0 - before * unit, left + t * scale,
                    y0 - u * unit);
    }
    fprintf(out, " %.1f,%.1f\"/>\n", left + ms * scale, y0);
}

int rcpsp_draw_schedule(const rcpsp *r, const int *start, int ms, FILE *out)
{
    int n = r->n, K = r->K;
    const double prof = 90;
    event *ev = malloc(2 * (size_t)n * sizeof *ev);
    if (!ev)
        return ES_ENOMEM;
    int m = 0;
    for (int j = 0; j < n; j++)
        if (r->dur[j] > 0) {
            ev[m++] = (event){start[j], j, +1};
            ev[m++] = (event){start[j] + r->dur[j], j, -1};
        }
    qsort(ev, (size_t)m, sizeof *ev, by_time); /* once for all resources */
    char text[64];
    snprintf(text, sizeof text, "RCPSP schedule, makespan %ld", (long)ms * r->unit);
    es_chart c;
    es_chart_begin(&c, out, text, ms, r->unit, n, 14, K * (prof + 30));
    for (int j = 0; j < n; j++) {
        snprintf(text, sizeof text, "%d", j + 1);
        es_chart_label(&c, j, text);
        if (r->dur[j] > 0)
            es_chart_bar(&c, j, start[j], start[j] + r->dur[j], (j * 47) % 360, NULL);
    }
    for (int k = 0; k < K; k++) {
        double y0 = c.below + k * (prof + 30) + prof;
        double unit = prof / (r->cap[k] > 0 ? r->cap[k] : 1);
        fprintf(out, "<text x=\"4\" y=\"%.1f\">R%d</text>", y0 - prof / 2, k + 1);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"red\" stroke-dasharray=\"4\"/>\n",
                c.left, y0 - r->cap[k] * unit, c.left + c.width, y0 - r->cap[k] * unit);
        draw_profile(r, ev, m, ms, k, c.left, c.scale, y0, unit, out);
    }
    free(ev);
    return es_chart_end(&c);
}
