/* The best timing of a decoded plan, the satellite problem's polish hook.
 *
 * The decoder gives each link as much room as it finds when the link is
 * placed, and the links placed after it then often leave time unused around
 * it. Once the links, their antennas and feeds, and their order on every
 * timeline are fixed, the timing that earns most is a linear program in
 * which every constraint bounds a difference of two times (a window, a
 * duration, a gap after the previous link on the same antenna, feed or
 * pair): the dual of a min-cost flow, solved exactly on the integers by the
 * network simplex (potentials.c). On the GA's final plans (5,000
 * evaluations, 3 seeds) it adds 0.33% on S-1, 0.60% on M-1 and 1.05% on L-1
 * (docs/satellite.md, "Retiming"). Too slow for every child (a decode costs
 * microseconds, this milliseconds), so the engine runs it on the final plan
 * only, as the problem's polish hook. */
#include <stdlib.h>
#include "satellite.h"

enum { ON_ANTENNA, ON_FEED, ON_PAIR };

typedef struct keyed {
    long key;
    int start, link;
} keyed;

static int by_key_start(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

/* the nodes of link i's times; node 0 is the origin */
static int b_node(int i) { return 2 * i + 1; }
static int e_node(int i) { return 2 * i + 2; }

/* The gap timeline `kind` needs between its consecutive links of tasks x
 * then y (docs/satellite.md, constraints 2-4). The checker (solution.c)
 * keeps its own copy, so as not to share a mistake with what it checks. */
static int gap_between(const satellite *m, int kind, const sat_task *x, const sat_task *y)
{
    if (kind == ON_ANTENNA)
        return x->sat != y->sat ? m->stas[x->sta].setup : 0;
    if (kind == ON_FEED)
        return sat_feed_gap(m, x->sat, x->sta, y->sta);
    return 0;
}

/* The links in k grouped by their timeline of this kind, each timeline in
 * start order. */
static void sort_by_timeline(const satellite *m, const sat_link *links, int nl, int kind, keyed *k)
{
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        k[i].key = kind == ON_ANTENNA ? (long)m->antenna_base[t->sta] + links[i].antenna
                   : kind == ON_FEED  ? (long)m->feed_base[t->sat] + links[i].feed
                                      : (long)t->sat * m->nsta + t->sta;
        k[i].start = links[i].start;
        k[i].link = i;
    }
    qsort(k, (size_t)nl, sizeof *k, by_key_start);
}

/* The arcs of the timing LP: each link's window and duration, and for
 * every pair of consecutive links on a timeline b_next - e_prev >= gap.
 * Returns their number, at most 7 nl. */
static int timing_arcs(const satellite *m, const sat_link *links, int nl, keyed *k, sat_difference *arcs)
{
    int na = 0;
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        arcs[na++] = (sat_difference){0, b_node(i), t->start};
        arcs[na++] = (sat_difference){e_node(i), 0, -(long long)t->end};
        arcs[na++] = (sat_difference){b_node(i), e_node(i), t->dmin};
        arcs[na++] = (sat_difference){e_node(i), b_node(i), -(long long)t->dmax};
    }
    for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++) {
        sort_by_timeline(m, links, nl, kind, k);
        for (int i = 1; i < nl; i++) {
            if (k[i].key != k[i - 1].key)
                continue;
            int p = k[i - 1].link, q = k[i].link;
            arcs[na++] = (sat_difference){e_node(p), b_node(q),
                                          gap_between(m, kind, &m->tasks[links[p].task], &m->tasks[links[q].task])};
        }
    }
    return na;
}

/* Whether the links' new times keep every constraint of the fixed sequence,
 * checked on the integers: the guard against a bug in the network simplex,
 * whose times are otherwise used as they come. */
static int keeps_sequence(const satellite *m, const sat_link *links, int nl, keyed *k)
{
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        int d = links[i].end - links[i].start;
        if (links[i].start < t->start || links[i].end > t->end || d < t->dmin || d > t->dmax)
            return 0;
    }
    for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++) {
        /* sorted by the new starts: links last at least a unit, so the
         * LP's rows kept each timeline's order, and with it the feed
         * switches and the links per station */
        sort_by_timeline(m, links, nl, kind, k);
        for (int i = 1; i < nl; i++) {
            const sat_link *p = &links[k[i - 1].link], *q = &links[k[i].link];
            if (k[i].key == k[i - 1].key &&
                q->start < p->end + gap_between(m, kind, &m->tasks[p->task], &m->tasks[q->task]))
                return 0;
        }
    }
    return 1;
}

/* The best timing of the links, into moved. */
static int solve_timing(const satellite *m, const sat_link *links, int nl, keyed *k, sat_link *moved)
{
    int n = 2 * nl + 1;
    sat_difference *arcs = malloc((size_t)7 * (size_t)nl * sizeof *arcs);
    long long *gain = calloc((size_t)n, sizeof *gain), *x = malloc((size_t)n * sizeof *x);
    int st = ES_ENOMEM;
    if (arcs && gain && x) {
        for (int i = 0; i < nl; i++) {
            int w = m->tasks[links[i].task].weight;
            gain[b_node(i)] = -w;
            gain[e_node(i)] = w;
        }
        st = sat_max_potentials(n, gain, timing_arcs(m, links, nl, k, arcs), arcs, x);
    }
    for (int i = 0; st == ES_OK && i < nl; i++) {
        moved[i] = links[i];
        moved[i].start = (int)x[b_node(i)];
        moved[i].end = (int)x[e_node(i)];
    }
    free(arcs), free(gain), free(x);
    return st;
}

int sat_retime(const satellite *m, sat_link *links, int nl, double *value)
{
    double before = 0;
    for (int i = 0; i < nl; i++)
        before += sat_link_value(m, &links[i]);
    *value = before;
    /* PROFIT links last dmax: their times earn nothing */
    if (m->objective != SAT_LINKTIME || nl == 0)
        return ES_OK;
    keyed *k = malloc((size_t)nl * sizeof *k);
    sat_link *moved = malloc((size_t)nl * sizeof *moved);
    int st = k && moved ? solve_timing(m, links, nl, k, moved) : ES_ENOMEM;
    double after = 0;
    for (int i = 0; st == ES_OK && i < nl; i++)
        after += sat_link_value(m, &moved[i]);
    if (st == ES_OK && after > before && keeps_sequence(m, moved, nl, k)) {
        for (int i = 0; i < nl; i++)
            links[i] = moved[i];
        *value = after;
    }
    free(k), free(moved);
    return st;
}
