/* The plan a genome stands for: decoded, then retimed (timing.c), with a
 * memo of the last one.
 *
 * At the end of a run the engine polishes the best genome (sat_plan_value)
 * and the CLI then writes the same genome's plan (sat_plan): without the
 * memo the retiming ran twice, 0.66 s each then (63 ms now) on the 30,117
 * links of a 50,000-task plan, and that second run stood between a Ctrl-C
 * and the exit. The memo holds one order and its plan; a call for another order
 * replaces it. Only whole, successful plans are kept, so a hit gives what a
 * fresh call would. */
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

struct sat_plan_memo {
    int ntask;
    int valid;
    int *order;
    sat_link *links;
    int nl;
    double value;
};

struct sat_plan_memo *sat_memo_create(int ntask)
{
    struct sat_plan_memo *memo = calloc(1, sizeof *memo);
    size_t n = (size_t)(ntask > 0 ? ntask : 1);
    if (memo) {
        memo->ntask = ntask;
        memo->order = malloc(n * sizeof *memo->order);
        memo->links = malloc(n * sizeof *memo->links);
    }
    if (memo && (!memo->order || !memo->links)) {
        sat_memo_destroy(memo);
        memo = NULL;
    }
    return memo;
}

void sat_memo_destroy(struct sat_plan_memo *memo)
{
    if (!memo)
        return;
    free(memo->order);
    free(memo->links);
    free(memo);
}

/* Copies the memo's plan out when it is the plan of order. */
static int recall(struct sat_plan_memo *memo, const int *order, sat_link *links, int *nl, double *value)
{
    int hit = 0;
#pragma omp critical(sat_plan_memo)
    if (memo->valid && memcmp(memo->order, order, (size_t)memo->ntask * sizeof *order) == 0) {
        memcpy(links, memo->links, (size_t)memo->nl * sizeof *links);
        *nl = memo->nl;
        *value = memo->value;
        hit = 1;
    }
    return hit;
}

static void remember(struct sat_plan_memo *memo, const int *order, const sat_link *links, int nl, double value)
{
#pragma omp critical(sat_plan_memo)
    {
        memcpy(memo->order, order, (size_t)memo->ntask * sizeof *order);
        memcpy(memo->links, links, (size_t)nl * sizeof *links);
        memo->nl = nl;
        memo->value = value;
        memo->valid = 1;
    }
}

int sat_plan(const satellite *m, const int *order, void *scratch, sat_link *links, int *nl, double *value)
{
    if (m->memo && recall(m->memo, order, links, nl, value))
        return ES_OK;
    sat_decode(m, order, scratch, links, nl);
    int st = sat_retime(m, links, *nl, value);
    if (st == ES_OK && m->memo)
        remember(m->memo, order, links, *nl, *value);
    return st;
}

int sat_plan_value(const satellite *m, const int *order, void *scratch, double *value)
{
    sat_link *links = malloc((size_t)(m->ntask > 0 ? m->ntask : 1) * sizeof *links);
    if (!links) {
        *value = sat_decode(m, order, scratch, NULL, NULL);
        return ES_ENOMEM;
    }
    int nl;
    int st = sat_plan(m, order, scratch, links, &nl, value);
    free(links);
    return st;
}

sat_link *sat_plan_new(const satellite *m, const int *order, void *scratch, int *nl, double *value)
{
    sat_link *links = malloc((size_t)(m->ntask > 0 ? m->ntask : 1) * sizeof *links);
    if (links)
        sat_plan(m, order, scratch, links, nl, value); /* an LP that failed leaves the decoder's times */
    return links;
}
