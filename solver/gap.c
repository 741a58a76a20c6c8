/* Bound bookkeeping for reports; see gap.h. */
#include <math.h>
#include "gap.h"

void es_bounds_init(es_bounds *b)
{
    b->count = 0;
    b->best = -1;
}

static int tighter(es_sense sense, double a, double b)
{
    return sense == ES_MINIMIZE ? a > b : a < b;
}

void es_bounds_add(es_bounds *b, es_sense sense, const es_bound *bound)
{
    if (b->count >= ES_MAX_BOUNDS || !isfinite(bound->value))
        return;
    b->list[b->count] = *bound;
    if (b->best < 0 || tighter(sense, bound->value, b->list[b->best].value) ||
        (bound->value == b->list[b->best].value && bound->proven_optimum && !b->list[b->best].proven_optimum))
        b->best = b->count;
    b->count++;
}

int es_gap_percent(double value, double bound, double *percent)
{
    double diff = fabs(value - bound);
    if (diff <= 1e-9 * fmax(1.0, fabs(bound))) {
        *percent = 0;
        return 1;
    }
    if (fabs(bound) < 1e-12)
        return 0;
    *percent = 100.0 * diff / fabs(bound);
    return 1;
}

int es_is_optimal(es_sense sense, double value, const es_bound *bound)
{
    double tol = 1e-9 * fmax(1.0, fabs(bound->value));
    return sense == ES_MINIMIZE ? value <= bound->value + tol : value >= bound->value - tol;
}
