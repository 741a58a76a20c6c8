/* Combining bounds and stating gaps: every report says how far a value is
 * from the best bound available and where that bound came from. */
#ifndef ES_GAP_H
#define ES_GAP_H
#include <evosched/evosched.h>

#define ES_MAX_BOUNDS 8
typedef struct es_bounds {
    es_bound list[ES_MAX_BOUNDS];
    unsigned char contradicted[ES_MAX_BOUNDS]; /* beaten by a solution: see below */
    int count;
    int best; /* index of the tightest that holds, -1 if none */
} es_bounds;

void es_bounds_init(es_bounds *b);
void es_bounds_add(es_bounds *b, es_sense sense, const es_bound *bound);

/* A bound that a solution's value beats cannot hold: a wrong --optimum, a
 * stale file of optima, or a bug. Marks every bound value beats as
 * contradicted, so that it no longer counts as the best (nor proves the
 * solution optimal), and returns how many there are. */
int es_bounds_contradicted_by(es_bounds *b, es_sense sense, double value);

/* Relative gap in percent, |value - bound| / |bound| * 100; returns 0 (and
 * leaves *percent alone) when it is undefined (no bound, or a zero bound with
 * a non-zero value). */
int es_gap_percent(double value, double bound, double *percent);

/* value against a reference value in the problem's sense: -1 better, 0
 * equal (within 1e-9 relative, the same tolerance as the gap), 1 worse. */
int es_versus(es_sense sense, double value, double reference);

/* 1 when the bound proves value optimal. */
int es_is_optimal(es_sense sense, double value, const es_bound *bound);
#endif
