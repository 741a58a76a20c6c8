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

/* Whether bound i should be the best instead of the current one. A known
 * optimum is the tightest bound there is: one that claims to be tighter is
 * numerical noise (GLPK's 1e-11 above a zero optimum). */
static int preferred(const es_bounds *b, es_sense sense, int i)
{
    const es_bound *cur = b->best >= 0 ? &b->list[b->best] : NULL, *bound = &b->list[i];
    return !cur || (bound->proven_optimum && !cur->proven_optimum) ||
           (bound->proven_optimum == cur->proven_optimum && tighter(sense, bound->value, cur->value));
}

void es_bounds_add(es_bounds *b, es_sense sense, const es_bound *bound)
{
    if (b->count >= ES_MAX_BOUNDS || !isfinite(bound->value))
        return;
    b->list[b->count] = *bound;
    b->contradicted[b->count] = 0;
    if (preferred(b, sense, b->count))
        b->best = b->count;
    b->count++;
}

int es_bounds_contradicted_by(es_bounds *b, es_sense sense, double value)
{
    int n = 0;
    b->best = -1;
    for (int i = 0; i < b->count; i++) {
        b->contradicted[i] = es_versus(sense, value, b->list[i].value) < 0;
        n += b->contradicted[i];
        if (!b->contradicted[i] && preferred(b, sense, i))
            b->best = i;
    }
    return n;
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

int es_versus(es_sense sense, double value, double reference)
{
    double tol = 1e-9 * fmax(1.0, fabs(reference));
    if (fabs(value - reference) <= tol)
        return 0;
    return (sense == ES_MINIMIZE) == (value < reference) ? -1 : 1;
}

int es_is_optimal(es_sense sense, double value, const es_bound *bound)
{
    return es_versus(sense, value, bound->value) <= 0;
}
