/* The satellite and tardiness charts, read back from their SVG and held to
 * the solution file of the same genome and to the instance: every link or
 * job is one bar at the place the file gives it, in the row and colour its
 * definition says. (The RCPSP chart has test_rcpsp_chart.c.) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/chart.h>
#include <evosched/rng.h>
#include "problems/satellite/satellite.h"
#include "tardiness_fixture.h"

#define LEFT 60.0   /* where time 0 is drawn */
#define WIDTH 900.0 /* what the horizon is drawn over */
#define TOP 30.0    /* the first row's top */

typedef struct bar {
    double x, y, width, height;
    int hue, id; /* id: the task or job its tooltip names */
} bar;

/* The bars of svg, in the order drawn; tooltip_tag is "task" or "job". */
static int read_bars(const char *svg, const char *tooltip_tag, bar *out, int room)
{
    int n = 0;
    char pat[32];
    snprintf(pat, sizeof pat, "><title>%s %%d:", tooltip_tag);
    for (const char *p = svg; (p = strstr(p, "<rect x=")) != NULL; p++) {
        cr_assert_lt(n, room, "more bars than expected");
        bar *b = &out[n++];
        cr_assert_eq(sscanf(p, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\" fill=\"hsl(%d,", &b->x, &b->y,
                            &b->width, &b->height, &b->hue),
                     5, "%.120s", p);
        const char *after_fill = strchr(strstr(p, "hsl("), ')') + 2; /* past the fill's closing quote */
        cr_assert_eq(sscanf(after_fill, pat, &b->id), 1, "no tooltip in %.160s", p);
    }
    return n;
}

/* What a writer printed, NUL-terminated; the caller frees it. */
static char *printed(int (*write)(const es_instance *, const es_genome *, void *, FILE *), const es_instance *inst,
                     const es_genome *g, void *scratch)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(write(inst, g, scratch, f), ES_OK);
    fclose(f);
    return buf;
}

static void random_order(int *perm, int n, uint64_t seed)
{
    es_rng rng;
    es_rng_seed(&rng, seed, 7);
    for (int i = 0; i < n; i++)
        perm[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)es_rng_below(&rng, (uint32_t)i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
}

/* The row of (station, antenna): the antennas of the stations before it
 * first, counted from the file's station lines, not from the instance's
 * own layout. */
static int antenna_row(const char *csg, int station, int antenna)
{
    int row = 0;
    for (const char *p = csg; (p = strstr(p, "\nG ")) != NULL; p++) {
        int id, antennas;
        cr_assert_eq(sscanf(p, "\nG %d %d", &id, &antennas), 2);
        if (id < station)
            row += antennas;
    }
    return row + antenna;
}

static void check_satellite(const char *name, int orders)
{
    char path[300];
    snprintf(path, sizeof path, ES_INSTANCES "/satellite/%s", name);
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(path, &src, &err), ES_OK, "%s", err.message);
    es_instance *inst;
    cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s", err.message);
    const satellite *m = sat_of(inst);
    void *scratch = malloc(sat_scratch_size(inst));
    es_genome g = {malloc((size_t)m->ntask * sizeof(int)), NULL};
    bar *bars = malloc((size_t)m->ntask * sizeof *bars);
    for (int o = 0; o < orders; o++) {
        const char *rule;
        if (o == 0)
            cr_assert_eq(sat_heuristic(inst, 0, &g, &rule), ES_OK);
        else
            random_order(g.perm, m->ntask, (uint64_t)o);
        char *svg = printed(sat_write_chart, inst, &g, scratch), *sol = printed(sat_write_solution, inst, &g, scratch);
        long objective;
        cr_assert_eq(sscanf(sol, "objective %ld", &objective), 1);
        char title[160];
        snprintf(title, sizeof title, "objective %ld, ", objective);
        cr_assert(strstr(svg, title), "no '%s' in %.300s", title, svg);
        int nb = read_bars(svg, "task", bars, m->ntask), links = 0;
        double scale = WIDTH / (double)m->horizon;
        for (const char *p = sol; (p = strstr(p, "\nA ")) != NULL; p++, links++) {
            int task, antenna, feed, start, end;
            cr_assert_eq(sscanf(p, "\nA %d %d %d %d %d", &task, &antenna, &feed, &start, &end), 5);
            const bar *b = NULL;
            for (int i = 0; i < nb && !b; i++)
                if (bars[i].id == task)
                    b = &bars[i];
            cr_assert_not_null(b, "%s: no bar for task %d", name, task);
            int row = antenna_row(src.data, m->tasks[task].sta, antenna);
            cr_assert(fabs(b->x - (LEFT + start * scale)) < 0.051, "%s task %d: x %g for start %d", name, task, b->x,
                      start);
            cr_assert(fabs(b->width - (end - start) * scale) < 0.051, "%s task %d: width %g for [%d, %d)", name, task,
                      b->width, start, end);
            cr_assert(fabs(b->y - (TOP + 14 * row + 1)) < 0.051, "%s task %d: y %g for row %d", name, task, b->y, row);
            cr_assert_eq(b->hue, m->tasks[task].sat * 47 % 360, "%s task %d: colour of another satellite", name, task);
        }
        cr_assert_eq(nb, links, "%s: %d bars for %d links", name, nb, links);
        cr_assert_gt(links, 0);
        free(svg);
        free(sol);
    }
    free(bars);
    free(g.perm);
    free(scratch);
    sat_destroy(inst);
    es_source_free(&src);
}

Test(charts, a_satellite_plan_has_a_bar_per_link_in_its_antennas_row)
{
    const char *files[] = {"XS-1.csg", "XS-2.csg", "S-1.csg", "M-1.csg"};
    for (int f = 0; f < 4; f++)
        check_satellite(files[f], 4);
}

static void check_tardiness(int k, int orders)
{
    es_instance *inst = (es_instance *)load_wt40(k);
    const tardiness *t = tard_of(inst);
    int n = t->n;
    es_genome g = {malloc((size_t)n * sizeof(int)), NULL};
    bar *bars = malloc((size_t)n * sizeof *bars);
    for (int o = 0; o < orders; o++) {
        const char *rule;
        if (o < 2)
            cr_assert_eq(tard_heuristic(inst, o, &g, &rule), ES_OK);
        else
            random_order(g.perm, n, (uint64_t)o);
        char *svg = printed(tard_write_chart, inst, &g, NULL), *sol = printed(tard_write_solution, inst, &g, NULL);
        long long objective;
        cr_assert_eq(sscanf(sol, "objective %lld", &objective), 1);
        char title[96];
        snprintf(title, sizeof title, "total weighted tardiness %lld</text>", objective);
        cr_assert(strstr(svg, title), "no '%s' in %.300s", title, svg);
        cr_assert_eq(read_bars(svg, "job", bars, n), n);
        double total = 0;
        for (int j = 0; j < n; j++)
            total += t->p[j];
        double scale = WIDTH / total;
        int row = 0, late = 0, due_inside = 0;
        for (const char *p = sol; (p = strstr(p, "\nJ ")) != NULL; p++, row++) {
            int job;
            long long start, end;
            cr_assert_eq(sscanf(p, "\nJ %d %lld %lld", &job, &start, &end), 3);
            const bar *b = &bars[row]; /* a row per job, in the machine's order */
            cr_assert_eq(b->id, job, "row %d: job %d drawn, %d in the file", row, b->id, job);
            cr_assert(fabs(b->x - (LEFT + start * scale)) < 0.051 && fabs(b->width - (end - start) * scale) < 0.051,
                      "job %d: bar at %g + %g for [%lld, %lld)", job, b->x, b->width, start, end);
            cr_assert(fabs(b->y - (TOP + 14 * row + 1)) < 0.051);
            int tardy = end > t->d[job - 1];
            cr_assert_eq(b->hue, tardy ? 0 : 120, "job %d ends %lld, due %lld: wrong colour", job, end,
                         (long long)t->d[job - 1]);
            late += tardy;
            due_inside += t->d[job - 1] <= total;
        }
        cr_assert_eq(row, n);
        cr_assert(late > 0 || objective == 0);
        /* a due-date mark for every due date within the schedule */
        int marks = 0;
        for (const char *p = svg; (p = strstr(p, "stroke=\"#333\"")) != NULL; p++)
            marks++;
        cr_assert_eq(marks, due_inside);
        free(svg);
        free(sol);
    }
    free(bars);
    free(g.perm);
    tard_destroy(inst);
}

Test(charts, a_tardiness_schedule_has_a_bar_per_job_red_when_late)
{
    for (int k = 1; k <= 5; k++)
        check_tardiness(k, 4);
}

/* The shared frame: the horizon spans the width, text is escaped, and an
 * unwritable stream is an error. */
Test(charts, the_frame_escapes_text_and_reports_a_failed_write)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    es_chart c;
    es_chart_begin(&c, f, "a & b <c>", 200, 3, 2, 14, 0);
    cr_assert_float_eq(es_chart_x(&c, 0), LEFT, 1e-9);
    cr_assert_float_eq(es_chart_x(&c, 200), LEFT + WIDTH, 1e-9);
    es_chart_label(&c, 1, "R&D");
    es_chart_bar(&c, 1, 50, 100, 10, "x<y");
    cr_assert_eq(es_chart_end(&c), ES_OK);
    fclose(f);
    cr_assert(strstr(buf, ">a &amp; b &lt;c&gt;</text>"), "%s", buf);
    cr_assert(strstr(buf, ">R&amp;D</text>"), "%s", buf);
    cr_assert(strstr(buf, "<rect x=\"285.0\" y=\"45.0\" width=\"225.0\" height=\"12.0\" fill=\"hsl(10,60%,60%)\">"
                          "<title>x&lt;y</title></rect>"),
              "%s", buf);
    cr_assert(strstr(buf, ">600</text>"), "axis labels in the file's units (200 x 3): %s", buf);
    cr_assert(strstr(buf, "</svg>\n"));
    free(buf);
    FILE *full = fopen("/dev/full", "w");
    if (full) {
        setvbuf(full, NULL, _IONBF, 0);
        es_chart_begin(&c, full, "t", 10, 1, 1, 14, 0);
        cr_assert_eq(es_chart_end(&c), ES_EIO);
        fclose(full);
    }
}
