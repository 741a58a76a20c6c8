/* The greedy, always-feasible decoder. Tasks are taken in genome order; each
 * is given the best (antenna, feed, interval) that fits between the links
 * already placed, gaps included, or skipped. "Best" is the longest link (for
 * PROFIT every link lasts dmax), then a feed already pointed at the task's
 * station, then the tightest fit, then the earliest start, then the first
 * antenna and feed (tests/test_satellite_decode.c holds the decoder to a
 * naive reference of this definition).
 *
 * Every antenna, feed and (satellite, station) pair has a timeline: a sorted
 * array of links in a slice of one scratch block, sized by the tasks that
 * could ever land there, so decoding allocates nothing. A start time is only
 * worth trying at the window start or just after an existing link plus its
 * gap; neighbours are found by binary search. */
#include <math.h>
#include <string.h>
#include "satellite.h"

typedef struct slot {
    int start, end, other; /* other: satellite (antenna), station (feed) */
} slot;

typedef struct timelines {
    int *ant_n, *feed_n, *pair_n, *sta_links, *sat_switches;
    slot *ant, *feed, *pair;
} timelines;

/* The timelines' part of the scratch: their slots and their counts. */
static size_t timelines_size(const satellite *m)
{
    size_t ints = (size_t)m->nantenna + (size_t)m->nfeed + (size_t)m->npair + (size_t)m->nsta + (size_t)m->nsat;
    size_t slots = (size_t)m->antenna_cap_start[m->nantenna] + (size_t)m->feed_cap_start[m->nfeed] +
                   (size_t)m->pair_cap_start[m->npair];
    return ints * sizeof(int) + slots * sizeof(slot);
}

size_t sat_scratch_size(const es_instance *inst)
{
    const satellite *m = sat_of(inst);
    /* and room for the plans of the evaluations and the improvement hook:
     * a link list and two task arrays, aligned to 64 bytes */
    return timelines_size(m) + (size_t)m->ntask * (sizeof(sat_link) + 2 * sizeof(int)) + 64;
}

sat_link *sat_scratch_links(const satellite *m, void *scratch)
{
    char *p = (char *)scratch + timelines_size(m);
    p += (64 - ((uintptr_t)p % 64)) % 64;
    return (sat_link *)p;
}

static timelines layout(const satellite *m, void *scratch)
{
    timelines t;
    slot *s = scratch;
    t.ant = s;
    t.feed = t.ant + m->antenna_cap_start[m->nantenna];
    t.pair = t.feed + m->feed_cap_start[m->nfeed];
    int *i = (int *)(t.pair + m->pair_cap_start[m->npair]);
    t.ant_n = i;
    t.feed_n = t.ant_n + m->nantenna;
    t.pair_n = t.feed_n + m->nfeed;
    t.sta_links = t.pair_n + m->npair;
    t.sat_switches = t.sta_links + m->nsta;
    return t;
}

/* Index of the first link in a[lo..hi) that starts at or after b, hi when
 * none does; every link before lo starts before b. */
static int first_start_in(const slot *a, int lo, int hi, int b)
{
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int first_at_or_after(const slot *a, int n, int b) { return first_start_in(a, 0, n, b); }

/* first_at_or_after, searched outwards from a guess (galloping): the starts
 * a task tries on one timeline come nearly in order, so the answer is
 * mostly a step or two from the last one. Any guess gives the same answer. */
static int first_at_or_after_from(const slot *a, int n, int b, int guess)
{
    int lo, hi, step = 1;
    int i = guess < 0 ? 0 : guess > n ? n : guess;
    if (i < n && a[i].start < b) { /* the answer lies right of i */
        lo = i + 1;
        while (lo + step - 1 < n && a[lo + step - 1].start < b)
            lo += step, step <<= 1;
        hi = lo + step - 1 < n ? lo + step - 1 : n;
    } else { /* at i or left of it */
        hi = i;
        while (hi - step >= 0 && a[hi - step].start >= b)
            hi -= step, step <<= 1;
        lo = hi - step + 1 > 0 ? hi - step + 1 : 0;
    }
    return first_start_in(a, lo, hi, b); /* the answer is in [lo, hi] */
}

/* Index of the first link in a[0..n) that ends at or after x (links of one
 * timeline never overlap, so their ends are sorted too). */
static int first_ending_at_or_after(const slot *a, int n, int x)
{
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid].end < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One task's search for its place. Each timeline keeps where its last
 * search ended, the guess of the next. */
typedef struct fit_ctx {
    const satellite *m;
    const sat_task *t;
    int a0, f0, p; /* the station's first antenna, the satellite's first feed, the pair */
    /* the gaps beside another satellite's link on an antenna, and beside a
     * link to the same or another station on a feed (sat_feed_gap) */
    int setup, feed_same, feed_other;
    int need; /* the shortest link the task may have: dmin, or dmax for PROFIT */
    int ant_guess[SAT_MAX_ANTENNAS], feed_guess[SAT_MAX_FEEDS], pair_guess;
} fit_ctx;

static int gap(const fit_ctx *c, int kind, int other)
{
    if (kind == 0)
        return other != c->t->sat ? c->setup : 0;
    if (kind == 1)
        return other == c->t->sta ? c->feed_same : c->feed_other;
    return 0;
}

/* What a timeline allows for a link starting at b: the latest end, or -1
 * when b itself is not allowed. kind: 0 antenna, 1 feed, 2 pair. */
static int allowed_end(const fit_ctx *c, int kind, const slot *a, int n, int b, int *guess, int *prev_other,
                       int *next_other)
{
    int i = *guess = first_at_or_after_from(a, n, b, *guess);
    *prev_other = i > 0 ? a[i - 1].other : -1;
    *next_other = i < n ? a[i].other : -1;
    if (i > 0 && b < a[i - 1].end + gap(c, kind, a[i - 1].other))
        return -1;
    if (i < n)
        return a[i].start - gap(c, kind, a[i].other);
    return c->t->end;
}

static void insert(slot *a, int *n, slot v)
{
    int i = first_at_or_after(a, *n, v.start);
    memmove(a + i + 1, a + i, (size_t)(*n - i) * sizeof *a);
    a[i] = v;
    ++*n;
}

double sat_link_value(const satellite *m, const sat_link *l)
{
    const sat_task *t = &m->tasks[l->task];
    return m->objective == SAT_PROFIT ? (double)t->weight : (double)t->weight * (l->end - l->start);
}

typedef struct choice {
    int ok, antenna, feed, start, end, pointed, slack;
} choice;

/* The definition's order of places; among places equal on all four, the
 * first antenna, then the first feed, so that the order in which places are
 * tried does not matter. */
static int better(const choice *x, const choice *y)
{
    if (!y->ok)
        return x->ok;
    int dx = x->end - x->start, dy = y->end - y->start;
    if (dx != dy)
        return dx > dy;
    if (x->pointed != y->pointed)
        return x->pointed > y->pointed;
    if (x->slack != y->slack)
        return x->slack < y->slack;
    if (x->start != y->start)
        return x->start < y->start;
    return x->antenna != y->antenna ? x->antenna < y->antenna : x->feed < y->feed;
}

/* Tries start b on antennas [alo, ahi) and feeds [flo, fhi) (global
 * indices), every combination, searching each timeline once for b: a
 * station of 8 antennas and a satellite of 2 feeds would otherwise search
 * the pair's timeline 16 times for the same answer. */
static void try_start(fit_ctx *c, timelines *tl, int b, int alo, int ahi, int flo, int fhi, choice *best)
{
    const satellite *m = c->m;
    const sat_task *t = c->t;
    if (b < t->start || b + t->dmin > t->end)
        return;
    /* the length comes first in better(): a start with less room than the
     * best link found cannot beat it, whatever the timelines allow; each
     * timeline only shortens the link, so one that leaves less room ends the
     * search too */
    int shortest = best->ok ? best->end - best->start : 0;
    if ((t->end - b < t->dmax ? t->end - b : t->dmax) < shortest)
        return;
    int want = c->need > shortest ? c->need : shortest;
    int x, y;
    int e = allowed_end(c, 2, tl->pair + m->pair_cap_start[c->p], tl->pair_n[c->p], b, &c->pair_guess, &x, &y);
    if (e < 0)
        return;
    if (t->end < e)
        e = t->end;
    if (e - b < want)
        return;
    int ant_end[SAT_MAX_ANTENNAS], any = 0;
    for (int a = alo; a < ahi; a++) {
        int v = allowed_end(c, 0, tl->ant + m->antenna_cap_start[a], tl->ant_n[a], b, &c->ant_guess[a - c->a0], &x, &y);
        ant_end[a - alo] = v < e ? v : e;
        any |= v >= 0 && ant_end[a - alo] - b >= want;
    }
    if (!any)
        return;
    for (int f = flo; f < fhi; f++) {
        int fpo, fno;
        int ef = allowed_end(c, 1, tl->feed + m->feed_cap_start[f], tl->feed_n[f], b, &c->feed_guess[f - c->f0], &fpo,
                             &fno);
        if (ef < 0)
            continue;
        if (e < ef)
            ef = e;
        if (ef - b < want)
            continue;
        if (m->max_switches >= 0) { /* switches: consecutive links of a feed to different stations */
            int before = fpo >= 0 && fno >= 0 && fpo != fno;
            int after = (fpo >= 0 && fpo != t->sta) + (fno >= 0 && fno != t->sta);
            if (tl->sat_switches[t->sat] + after - before > m->max_switches)
                continue;
        }
        for (int a = alo; a < ahi; a++) {
            int ea = ant_end[a - alo];
            if (ea < 0)
                continue;
            if (ef < ea)
                ea = ef;
            if (ea - b < want)
                continue;
            int end = b + (ea - b < t->dmax ? ea - b : t->dmax);
            choice ch = {1, a, f, b, end, fpo == t->sta, ea - end};
            if (better(&ch, best)) {
                *best = ch;
                if (want < end - b)
                    want = end - b;
            }
        }
    }
}

/* Candidate starts from one timeline: just after each link near the window,
 * tried on the antennas [alo, ahi) and feeds [flo, fhi) it may serve. */
static void candidates(fit_ctx *c, timelines *tl, const slot *arr, int n, int kind, int maxgap, int alo, int ahi,
                       int flo, int fhi, choice *best)
{
    const sat_task *t = c->t;
    int i = first_ending_at_or_after(arr, n, t->start - maxgap);
    for (; i < n && arr[i].start < t->end; i++) {
        /* gaps are never negative and the ends are sorted: from here on
         * every start leaves less room than the best link found */
        int shortest = best->ok ? best->end - best->start : 0;
        if (t->end - arr[i].end < shortest)
            break;
        int b = arr[i].end + gap(c, kind, arr[i].other);
        /* the next link on this timeline, when it starts after b, bounds the
         * link's end: a gap too short for it needs no other search (one
         * that starts before b may end early enough to leave b free) */
        if (i + 1 < n && arr[i + 1].start >= b &&
            arr[i + 1].start - gap(c, kind, arr[i + 1].other) - b < (c->need > shortest ? c->need : shortest))
            continue;
        try_start(c, tl, b, alo, ahi, flo, fhi, best);
    }
}

double sat_task_worth(const satellite *m, int k)
{
    const sat_task *t = &m->tasks[k];
    int longest = t->end - t->start < t->dmax ? t->end - t->start : t->dmax;
    return m->objective == SAT_PROFIT ? (double)t->weight : (double)t->weight * (longest > 0 ? longest : 0);
}

/* Values are integers, so "below cutoff" means at least one below; the half
 * unit of slack also absorbs rounding in the running sums. */
static double build(const satellite *m, const int *order, void *scratch, sat_link *links, int *nlinks, double cutoff,
                    int *complete)
{
    timelines tl = layout(m, scratch);
    memset(tl.ant_n, 0, ((size_t)m->nantenna + m->nfeed + m->npair + m->nsta + m->nsat) * sizeof(int));
    double value = 0, left = m->worth_total;
    int bounded = cutoff > -INFINITY; /* the plain decode keeps no bound */
    int count = 0;
    fit_ctx c;
    c.m = m;
    for (int q = 0; q < m->ntask; q++) {
        int k = order[q];
        const sat_task *t = &m->tasks[k];
        if (bounded) {
            if (value + left < cutoff - 0.5) { /* even if every task left earned its most */
                *complete = 0;
                return value + left;
            }
            left -= sat_task_worth(m, k);
        }
        if (m->max_links >= 0 && tl.sta_links[t->sta] >= m->max_links)
            continue;
        int a0 = m->antenna_base[t->sta], a1 = m->antenna_base[t->sta + 1];
        int f0 = m->feed_base[t->sat], f1 = m->feed_base[t->sat + 1];
        int p = m->pair_of_task[k];
        c.t = t, c.a0 = a0, c.f0 = f0, c.p = p, c.pair_guess = 0;
        c.setup = m->stas[t->sta].setup;
        c.feed_same = sat_feed_gap(m, t->sat, t->sta, t->sta), c.feed_other = sat_feed_gap(m, t->sat, -1, t->sta);
        c.need = m->objective == SAT_PROFIT ? t->dmax : t->dmin;
        memset(c.ant_guess, 0, (size_t)(a1 - a0) * sizeof *c.ant_guess);
        memset(c.feed_guess, 0, (size_t)(f1 - f0) * sizeof *c.feed_guess);
        int feedgap = c.feed_same > c.feed_other ? c.feed_same : c.feed_other; /* the largest a feed asks */
        choice best = {0, 0, 0, 0, 0, 0, 0};
        /* the window's start and every start the pair's links give serve
         * any antenna and feed; an antenna's, only that antenna; a feed's,
         * only that feed */
        try_start(&c, &tl, t->start, a0, a1, f0, f1, &best);
        candidates(&c, &tl, tl.pair + m->pair_cap_start[p], tl.pair_n[p], 2, 0, a0, a1, f0, f1, &best);
        for (int a = a0; a < a1; a++)
            candidates(&c, &tl, tl.ant + m->antenna_cap_start[a], tl.ant_n[a], 0, c.setup, a, a + 1, f0, f1, &best);
        for (int f = f0; f < f1; f++)
            candidates(&c, &tl, tl.feed + m->feed_cap_start[f], tl.feed_n[f], 1, feedgap, a0, a1, f, f + 1, &best);
        if (!best.ok)
            continue;
        if (m->max_switches >= 0) {
            int fpo, fno;
            slot *F = tl.feed + m->feed_cap_start[best.feed];
            allowed_end(&c, 1, F, tl.feed_n[best.feed], best.start, &c.feed_guess[best.feed - f0], &fpo, &fno);
            int before = fpo >= 0 && fno >= 0 && fpo != fno;
            tl.sat_switches[t->sat] += (fpo >= 0 && fpo != t->sta) + (fno >= 0 && fno != t->sta) - before;
        }
        insert(tl.ant + m->antenna_cap_start[best.antenna], &tl.ant_n[best.antenna],
               (slot){best.start, best.end, t->sat});
        insert(tl.feed + m->feed_cap_start[best.feed], &tl.feed_n[best.feed], (slot){best.start, best.end, t->sta});
        insert(tl.pair + m->pair_cap_start[p], &tl.pair_n[p], (slot){best.start, best.end, 0});
        tl.sta_links[t->sta]++;
        sat_link l = {k, best.antenna - m->antenna_base[t->sta], best.feed - m->feed_base[t->sat], best.start, best.end};
        value += sat_link_value(m, &l);
        if (links)
            links[count] = l;
        count++;
    }
    if (nlinks)
        *nlinks = count;
    *complete = 1;
    return value;
}

double sat_decode(const satellite *m, const int *order, void *scratch, sat_link *links, int *nlinks)
{
    int complete;
    return build(m, order, scratch, links, nlinks, -INFINITY, &complete);
}

double sat_decode_cutoff(const satellite *m, const int *order, void *scratch, double cutoff, sat_link *links, int *nlinks,
                         int *complete)
{
    return build(m, order, scratch, links, nlinks, cutoff, complete);
}
