/* Timeline charts in SVG for the problems' write_chart hooks: rows of bars
 * on one time axis, with room below the rows for a problem's own drawings
 * (RCPSP's resource profiles). Every problem's chart looks and reads the
 * same way because they all draw through these calls. Public, so that
 * plug-ins can draw theirs too. */
#ifndef EVOSCHED_CHART_H
#define EVOSCHED_CHART_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The geometry of one chart. Filled by es_chart_begin; read-only for the
 * caller, who may use es_chart_x and the fields to draw below the rows. */
typedef struct es_chart {
    FILE *out;          /* not owned */
    double left, width; /* time 0 is drawn at x = left, the horizon at left + width */
    double top, row;    /* row r spans [top + r row, top + (r + 1) row) */
    double scale;       /* pixels per time unit */
    double below;       /* y where the area under the rows and the axis starts */
} es_chart;

/* Starts a chart of `rows` rows of height row_px over times [0, horizon] on
 * out, with `extra` pixels below the axis for the caller's own drawings, and
 * the title on top. Axis labels are times multiplied by unit (1 unless the
 * problem counts in a coarser unit than its file). Writes the SVG header and
 * the time grid; out stays the caller's. */
void es_chart_begin(es_chart *c, FILE *out, const char *title, long horizon, long unit, int rows, double row_px,
                    double extra);

/* The x coordinate of time t. */
double es_chart_x(const es_chart *c, double t);

/* A label left of row r (at most a few characters fit the margin); none
 * on rows thinner than the text. */
void es_chart_label(es_chart *c, int r, const char *text);

/* A bar over [from, to) in row r, of hue 0-359; tooltip (may be NULL) is
 * shown when the pointer rests on it. Titles, labels and tooltips are plain
 * text: '&', '<' and '>' are escaped here. */
void es_chart_bar(es_chart *c, int r, double from, double to, int hue, const char *tooltip);

/* A thin vertical mark at time t across row r (a due date, a window end). */
void es_chart_mark(es_chart *c, int r, double t, const char *color);

/* Closes the SVG. ES_OK, or ES_EIO when anything written to out failed. */
int es_chart_end(es_chart *c);

#ifdef __cplusplus
}
#endif
#endif
