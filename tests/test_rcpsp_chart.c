/* The RCPSP Gantt chart, read back from its SVG: one bar per job where the
 * solution file puts it, and resource profiles that match the usage the
 * solution file implies, drawn point by point from the changes only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "rcpsp_fixture.h"

#define LEFT 60.0   /* the chart's left margin, where time 0 is drawn */
#define WIDTH 900.0 /* the width the makespan is drawn over */

/* What a writer printed into memory, NUL-terminated. */
typedef struct text {
    char *buf;
    size_t len;
} text;

/* Start and end of every job and the makespan, in the chart's time units,
 * from the solution file alone. */
static long read_solution(const rcpsp *r, const char *sol, long *start, long *end)
{
    long ms = -1;
    cr_assert_eq(sscanf(sol, "objective %ld", &ms), 1, "%.80s", sol);
    for (int j = 0; j < r->n; j++) {
        char pat[32];
        snprintf(pat, sizeof pat, "\nJ %d ", j + 1);
        const char *p = strstr(sol, pat);
        cr_assert_not_null(p, "job %d missing", j + 1);
        cr_assert_eq(sscanf(p, " J %*d %ld %ld", &start[j], &end[j]), 2);
        start[j] /= r->unit;
        end[j] /= r->unit;
    }
    return ms / r->unit;
}

/* Usage of resource k at time t (constant on [t, t + 1)). */
static long usage(const rcpsp *r, const long *start, const long *end, int k, long t)
{
    long u = 0;
    for (int j = 0; j < r->n; j++)
        if (start[j] <= t && t < end[j])
            u += r->req[j * r->K + k];
    return u;
}

static void check_chart(const rcpsp *r, const char *svg, const char *sol)
{
    int n = r->n, K = r->K;
    long *start = malloc((size_t)n * sizeof *start), *end = malloc((size_t)n * sizeof *end);
    long ms = read_solution(r, sol, start, end);
    double scale = WIDTH / (double)ms;
    long title;
    const char *p = strstr(svg, "makespan ");
    cr_assert(p && sscanf(p, "makespan %ld", &title) == 1 && title == ms * r->unit, "title: %.40s", p);

    /* bars: one per job that lasts, in job order, where the file puts it */
    p = svg;
    for (int j = 0; j < n; j++) {
        if (r->dur[j] == 0)
            continue;
        p = strstr(p, "<rect x=\"");
        cr_assert_not_null(p, "no bar for job %d", j + 1);
        double x, y, w;
        cr_assert_eq(sscanf(p, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\"", &x, &y, &w), 3);
        cr_assert(fabs(x - (LEFT + start[j] * scale)) < 0.06, "job %d: bar at %.1f, starts at %ld", j + 1, x, start[j]);
        cr_assert(fabs(w - r->dur[j] * scale) < 0.06, "job %d: bar %.1f wide for %d", j + 1, w, r->dur[j]);
        p++;
    }
    cr_assert_null(strstr(p, "<rect x=\""), "more bars than jobs that last");

    /* profiles: a step line from time 0 to the makespan whose flat parts are
     * the usage of every unit they span and whose points are the usage just
     * before or at their time; the peak is drawn, nothing crosses the
     * capacity, and points come only from the jobs' starts and ends, not
     * from every time unit */
    for (int k = 0; k < K; k++) {
        p = strstr(p, "stroke=\"red\"");
        cr_assert_not_null(p, "no capacity line for resource %d", k + 1);
        const char *line = p;
        while (line > svg && strncmp(line, "<line", 5) != 0)
            line--;
        double ycap;
        cr_assert_eq(sscanf(strstr(line, "y1=\""), "y1=\"%lf\"", &ycap), 1);
        p = strstr(p, "points=\"");
        cr_assert_not_null(p, "no profile for resource %d", k + 1);
        p += strlen("points=\"");
        double x, y, y0 = NAN, unit = NAN;
        int off, points = 0;
        long drawn_peak = 0, peak = 0, prev_t = 0, prev_u = 0;
        for (long t = 0; t < ms; t++) {
            long u = usage(r, start, end, k, t);
            peak = u > peak ? u : peak;
        }
        while (sscanf(p, "%lf,%lf%n", &x, &y, &off) == 2) {
            p += off;
            if (points++ == 0) {
                cr_assert(fabs(x - LEFT) < 1e-9, "resource %d: the profile starts at x = %.1f", k + 1, x);
                y0 = y;
                unit = (y0 - ycap) / r->cap[k];
            }
            long t = lround((x - LEFT) / scale), u = lround((y0 - y) / unit);
            long before = t > 0 ? usage(r, start, end, k, t - 1) : 0, at = t < ms ? usage(r, start, end, k, t) : 0;
            cr_assert(u == before || u == at, "resource %d, time %ld: drawn %ld, usage %ld then %ld", k + 1, t, u,
                      before, at);
            cr_assert_leq(u, r->cap[k]);
            drawn_peak = u > drawn_peak ? u : drawn_peak;
            /* a step line: flat between changes, at the usage of every unit it spans */
            if (points > 1 && t != prev_t) {
                cr_assert_eq(u, prev_u, "resource %d: a slope from time %ld to %ld", k + 1, prev_t, t);
                for (long tt = prev_t; tt < t; tt++)
                    cr_assert_eq(usage(r, start, end, k, tt), u, "resource %d: drawn %ld at time %ld", k + 1, u, tt);
            }
            prev_t = t, prev_u = u;
        }
        cr_assert_eq(prev_t, ms, "resource %d: the profile ends at %ld, the makespan is %ld", k + 1, prev_t, ms);
        cr_assert_eq(*p, '"', "resource %d: unreadable point at '%.20s'", k + 1, p);
        cr_assert_eq(drawn_peak, peak, "resource %d: peak %ld drawn as %ld", k + 1, peak, drawn_peak);
        cr_assert_leq(points, 2 + 4 * n, "resource %d: %d points for %d jobs", k + 1, points, n);
    }
    cr_assert(strstr(p, "</svg>\n") != NULL);
    free(start);
    free(end);
}

static void chart_of(rcpsp *r, int rule)
{
    const es_instance *inst = (const es_instance *)r;
    void *scratch = malloc(rcpsp_scratch_size(inst));
    es_genome g = {malloc((size_t)r->n * sizeof(int)), NULL};
    const char *name;
    cr_assert_eq(rcpsp_heuristic(inst, rule, &g, &name), ES_OK);
    text svg = {0}, sol = {0};
    FILE *f = open_memstream(&svg.buf, &svg.len);
    cr_assert_eq(rcpsp_write_chart(inst, &g, scratch, f), ES_OK);
    fclose(f);
    f = open_memstream(&sol.buf, &sol.len);
    cr_assert_eq(rcpsp_write_solution(inst, &g, scratch, f), ES_OK);
    fclose(f);
    check_chart(r, svg.buf, sol.buf);
    free(svg.buf);
    free(sol.buf);
    free(g.perm);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
}

Test(rcpsp_chart, bars_and_profiles_follow_the_solution_file)
{
    const char *files[] = {"j301_1.sm", "j12060_3.sm", "j301_1.rcp"};
    for (int f = 0; f < 3; f++)
        for (int rule = 0; rule < 6; rule++)
            chart_of(load_file(files[f]), rule);
}

/* Durations in hundredths with noise: a makespan of thousands of time
 * units, whose profile still has a point only where usage changes. */
Test(rcpsp_chart, a_long_horizon_is_drawn_from_the_changes_only)
{
    for (int rule = 0; rule < 6; rule++) {
        rcpsp *r = load_fine();
        cr_assert_gt(r->horizon, 1000, "horizon %d: not a long project", r->horizon);
        chart_of(r, rule);
    }
}
