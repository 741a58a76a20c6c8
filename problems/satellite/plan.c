/* The plan a genome stands for: decoded, then retimed (timing.c), with a
 * memo of the last one and of the best decode the evaluations have seen.
 *
 * At the end of a run the engine polishes the best genome (sat_plan_value)
 * and the CLI then writes the same genome's plan (sat_plan): without the
 * last plan's memo the retiming ran twice, 0.66 s each then (63 ms now) on
 * the 30,117 links of a 50,000-task plan, and that second run stood between
 * a Ctrl-C and the exit. The best decode's memo spares the polish its
 * decode (0.1 s there): the evaluations offer their plans, and the one
 * worth most is kept, which is the genome the engine polishes unless
 * another of equal value came first. Each slot holds one order and its
 * links; only whole plans are kept, so a hit gives what a fresh decode
 * would. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

typedef struct slot {
    int valid;
    int *order;
    sat_link *links;
    int nl;
    double value;
} slot;

struct sat_plan_memo {
    int ntask;
    slot last; /* retimed, by sat_plan */
    slot best; /* decoded only, by sat_memo_offer */
};

static int slot_alloc(slot *s, size_t n)
{
    s->order = malloc(n * sizeof *s->order);
    s->links = malloc(n * sizeof *s->links);
    return s->order && s->links;
}

struct sat_plan_memo *sat_memo_create(int ntask)
{
    struct sat_plan_memo *memo = calloc(1, sizeof *memo);
    size_t n = (size_t)(ntask > 0 ? ntask : 1);
    if (memo) {
        memo->ntask = ntask;
        memo->best.value = -INFINITY; /* every plan is worth more */
        if (!slot_alloc(&memo->last, n) || !slot_alloc(&memo->best, n)) {
            sat_memo_destroy(memo);
            memo = NULL;
        }
    }
    return memo;
}

void sat_memo_destroy(struct sat_plan_memo *memo)
{
    if (!memo)
        return;
    free(memo->last.order), free(memo->last.links);
    free(memo->best.order), free(memo->best.links);
    free(memo);
}

/* Copies the slot's plan out when it is the plan of order. Callers hold
 * the critical section. */
static int recall(const slot *s, int ntask, const int *order, sat_link *links, int *nl, double *value)
{
    if (!s->valid || memcmp(s->order, order, (size_t)ntask * sizeof *order) != 0)
        return 0;
    memcpy(links, s->links, (size_t)s->nl * sizeof *links);
    *nl = s->nl;
    *value = s->value;
    return 1;
}

/* The slot's order and plan, all but its value, which the callers write
 * (the best slot's atomically). Callers hold the critical section. */
static void keep(slot *s, int ntask, const int *order, const sat_link *links, int nl)
{
    memcpy(s->order, order, (size_t)ntask * sizeof *order);
    memcpy(s->links, links, (size_t)nl * sizeof *links);
    s->nl = nl;
    s->valid = 1;
}

void sat_memo_offer(const satellite *m, const int *order, const sat_link *links, int nl, double value)
{
    struct sat_plan_memo *memo = m->memo;
    if (!memo)
        return;
    /* best.value is written atomically, in the critical section only, so
     * that most plans, worth less than the best, are turned away without
     * the lock */
    double kept;
#pragma omp atomic read
    kept = memo->best.value;
    if (value <= kept)
        return;
#pragma omp critical(sat_plan_memo)
    if (value > memo->best.value) {
        keep(&memo->best, memo->ntask, order, links, nl);
#pragma omp atomic write
        memo->best.value = value;
    }
}

int sat_plan(const satellite *m, const int *order, void *scratch, sat_link *links, int *nl, double *value)
{
    struct sat_plan_memo *memo = m->memo;
    int hit = 0, decoded = 0;
    if (memo) {
#pragma omp critical(sat_plan_memo)
        {
            hit = recall(&memo->last, memo->ntask, order, links, nl, value);
            if (!hit)
                decoded = recall(&memo->best, memo->ntask, order, links, nl, value);
        }
    }
    if (hit)
        return ES_OK;
    if (!decoded)
        sat_decode(m, order, scratch, links, nl);
    int st = sat_retime(m, links, *nl, value);
    if (st == ES_OK && memo) {
#pragma omp critical(sat_plan_memo)
        {
            keep(&memo->last, memo->ntask, order, links, *nl);
            memo->last.value = *value;
        }
    }
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
