/* The satellite decoder against its definition (docs/satellite.md,
 * "Decoder"). The other satellite tests hold its plans to the checker, which
 * says they are feasible but not that they are the plans the decoder
 * promises: a pruning or a search that skipped a better place would still
 * pass them. Here a naive reference builds the promised plan from the
 * definition alone, with no timelines, binary searches or pruning: every
 * gap is checked against the placed links by scanning them all, and the
 * decoder must give the same links in the same order. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "problems/satellite/satellite.h"

typedef struct ref_place {
    int ok, antenna, feed, start, end, pointed, slack;
} ref_place;

/* The definition's order of places, as a tuple compared from the left:
 * the longest link, then a feed whose previous link went to the task's
 * station, then the tightest fit (least room left after the link), then
 * the earliest start, then the first antenna and the first feed. */
static int ref_better(const ref_place *x, const ref_place *y)
{
    if (!y->ok)
        return 1;
    const int kx[] = {x->end - x->start, x->pointed, -x->slack, -x->start, -x->antenna, -x->feed};
    const int ky[] = {y->end - y->start, y->pointed, -y->slack, -y->start, -y->antenna, -y->feed};
    for (size_t i = 0; i < sizeof kx / sizeof *kx; i++)
        if (kx[i] != ky[i])
            return kx[i] > ky[i];
    return 0;
}

/* Which timeline a placed link shares with task t on antenna a and feed f
 * (both numbered within the station and the satellite). */
enum { ON_ANTENNA, ON_FEED, ON_PAIR };

static int shares(const satellite *m, const sat_task *t, int a, int f, const sat_link *l, int kind)
{
    const sat_task *u = &m->tasks[l->task];
    if (kind == ON_ANTENNA)
        return u->sta == t->sta && l->antenna == a;
    if (kind == ON_FEED)
        return u->sat == t->sat && l->feed == f;
    return u->sat == t->sat && u->sta == t->sta;
}

/* The gap the model asks between placed link l and a link of task t that
 * follow one another on a timeline of that kind. */
static int ref_gap(const satellite *m, const sat_task *t, const sat_link *l, int kind)
{
    const sat_task *u = &m->tasks[l->task];
    if (kind == ON_ANTENNA)
        return u->sat != t->sat ? m->stas[t->sta].setup : 0;
    if (kind == ON_FEED)
        return sat_feed_gap(m, t->sat, u->sta, t->sta);
    return 0;
}

/* Switches of satellite s (consecutive links of one feed to different
 * stations) among the placed links and, when extra is not NULL, one more. */
static int ref_switches(const satellite *m, int s, const sat_link *placed, int n, const sat_link *extra)
{
    int count = 0;
    for (int f = 0; f < m->sats[s].feeds; f++)
        for (int i = 0; i <= n; i++) { /* each link with the next one on its feed */
            const sat_link *x = i < n ? &placed[i] : extra;
            if (!x || m->tasks[x->task].sat != s || x->feed != f)
                continue;
            const sat_link *next = NULL;
            for (int j = 0; j <= n; j++) {
                const sat_link *y = j < n ? &placed[j] : extra;
                if (y && y != x && m->tasks[y->task].sat == s && y->feed == f && y->start > x->start &&
                    (!next || y->start < next->start))
                    next = y;
            }
            count += next && m->tasks[next->task].sta != m->tasks[x->task].sta;
        }
    return count;
}

/* Task k's link starting at b on antenna a and feed f, as the definition
 * allows it among the placed links: ok = 0 when it does not fit. */
static ref_place ref_try(const satellite *m, int k, int a, int f, int b, const sat_link *placed, int n)
{
    const sat_task *t = &m->tasks[k];
    ref_place no = {0, 0, 0, 0, 0, 0, 0};
    if (b < t->start || b + t->dmin > t->end)
        return no;
    int e = t->end, pointed = 0;
    for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++) {
        const sat_link *prev = NULL, *next = NULL;
        for (int i = 0; i < n; i++) {
            const sat_link *l = &placed[i];
            if (!shares(m, t, a, f, l, kind))
                continue;
            if (l->start < b && (!prev || l->start > prev->start))
                prev = l;
            if (l->start >= b && (!next || l->start < next->start))
                next = l;
        }
        if (prev && b < prev->end + ref_gap(m, t, prev, kind))
            return no;
        if (next && next->start - ref_gap(m, t, next, kind) < e)
            e = next->start - ref_gap(m, t, next, kind);
        if (kind == ON_FEED)
            pointed = prev && m->tasks[prev->task].sta == t->sta;
    }
    if (e - b < (m->objective == SAT_PROFIT ? t->dmax : t->dmin))
        return no;
    int end = b + (e - b < t->dmax ? e - b : t->dmax);
    if (m->max_switches >= 0) {
        sat_link l = {k, a, f, b, end};
        if (ref_switches(m, t->sat, placed, n, &l) > m->max_switches)
            return no;
    }
    return (ref_place){1, a, f, b, end, pointed, e - end};
}

/* The plan the definition builds for order: its links in the order they
 * were placed go to placed (room for every task); returns their number. */
static int ref_decode(const satellite *m, const int *order, sat_link *placed, double *value)
{
    int n = 0;
    *value = 0;
    for (int q = 0; q < m->ntask; q++) {
        int k = order[q];
        const sat_task *t = &m->tasks[k];
        if (m->max_links >= 0) {
            int links = 0;
            for (int i = 0; i < n; i++)
                links += m->tasks[placed[i].task].sta == t->sta;
            if (links >= m->max_links)
                continue;
        }
        ref_place best = {0, 0, 0, 0, 0, 0, 0};
        for (int a = 0; a < m->stas[t->sta].antennas; a++)
            for (int f = 0; f < m->sats[t->sat].feeds; f++) {
                /* the starts worth trying: the window's, and just after each
                 * link of this antenna, feed or pair, gap included */
                ref_place c = ref_try(m, k, a, f, t->start, placed, n);
                if (c.ok && ref_better(&c, &best))
                    best = c;
                for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++)
                    for (int i = 0; i < n; i++)
                        if (shares(m, t, a, f, &placed[i], kind)) {
                            c = ref_try(m, k, a, f, placed[i].end + ref_gap(m, t, &placed[i], kind), placed, n);
                            if (c.ok && ref_better(&c, &best))
                                best = c;
                        }
            }
        if (!best.ok)
            continue;
        placed[n] = (sat_link){k, best.antenna, best.feed, best.start, best.end};
        *value += sat_link_value(m, &placed[n]);
        n++;
    }
    return n;
}

static es_instance *load_text(const char *name, const char *text)
{
    es_source src = {name, text, strlen(text), NULL};
    es_instance *inst = NULL;
    es_error err = {0, ""};
    cr_assert_eq(sat_load(&src, &inst, &err), ES_OK, "%s: %s", name, err.message);
    return inst;
}

static es_instance *load_file(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, ES_INSTANCES "/satellite/%s", name);
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(path, &src, &err), ES_OK, "%s", err.message);
    es_instance *inst = load_text(name, src.data);
    es_source_free(&src);
    return inst;
}

/* A generated project: argv after "satellite". */
static es_instance *generated(int argc, char **argv)
{
    char *text = NULL;
    size_t len = 0;
    es_error err = {0, ""};
    FILE *out = open_memstream(&text, &len);
    cr_assert_eq(sat_generate(argc, argv, out, &err), ES_OK, "%s", err.message);
    fclose(out);
    es_instance *inst = load_text("generated.csg", text);
    free(text);
    return inst;
}

/* The decoder, plain and with an early abort that never fires (a cutoff
 * below the plan's value), against the reference on `orders` orders: the
 * tasks by window, reversed, and random ones. Returns how many links the
 * reference placed after the window start of their task (the starts that
 * only another link makes worth trying), so a caller can see that the
 * instance tested them. */
static long check_orders(const char *what, es_instance *inst, int orders, es_rng *rng)
{
    const satellite *m = sat_of(inst);
    void *scratch = malloc(sat_scratch_size(inst));
    int *order = malloc((size_t)m->ntask * sizeof *order);
    sat_link *want = malloc((size_t)m->ntask * sizeof *want), *got = malloc((size_t)m->ntask * sizeof *got);
    long later = 0;
    for (int trial = 0; trial < orders; trial++) {
        for (int k = 0; k < m->ntask; k++)
            order[k] = trial == 1 ? m->ntask - 1 - k : k;
        if (trial >= 2)
            es_rng_shuffle(rng, order, m->ntask);
        double ref_value;
        int nref = ref_decode(m, order, want, &ref_value);
        for (int pass = 0; pass < 2; pass++) {
            int ngot = -1, complete = 1;
            double v = pass == 0 ? sat_decode(m, order, scratch, got, &ngot)
                                 : sat_decode_cutoff(m, order, scratch, ref_value - 1, got, &ngot, &complete);
            cr_assert(complete, "%s, order %d: the early abort fired below the plan's value", what, trial);
            cr_assert_eq(ngot, nref, "%s, order %d%s: %d links, the definition places %d", what, trial,
                         pass ? " (cutoff)" : "", ngot, nref);
            for (int i = 0; i < nref; i++)
                cr_assert(!memcmp(&got[i], &want[i], sizeof got[i]),
                          "%s, order %d%s, link %d: task %d antenna %d feed %d [%d, %d), the definition: task %d "
                          "antenna %d feed %d [%d, %d)",
                          what, trial, pass ? " (cutoff)" : "", i, got[i].task, got[i].antenna, got[i].feed,
                          got[i].start, got[i].end, want[i].task, want[i].antenna, want[i].feed, want[i].start,
                          want[i].end);
            cr_assert_float_eq(v, ref_value, 1e-6, "%s, order %d: value %.0f, the definition's %.0f", what, trial, v,
                               ref_value);
        }
        for (int i = 0; i < nref; i++)
            later += want[i].start > m->tasks[want[i].task].start;
    }
    free(got);
    free(want);
    free(order);
    free(scratch);
    return later;
}

/* The committed instances of linked time, and generated projects with what
 * they lack: PROFIT (every link dmax), a cap on switches and one on the
 * links of a station. Each must use the starts after other links often,
 * and the caps must bind, so that the comparison covers them. */
Test(satellite_decode, places_every_task_as_the_definition_does, .timeout = 600)
{
    es_rng rng;
    es_rng_seed(&rng, 2026, 12);
    const char *files[] = {"XS-1.csg", "S-2.csg", "M-1.csg"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        es_instance *inst = load_file(files[f]);
        cr_assert_gt(check_orders(files[f], inst, f < 2 ? 30 : 6, &rng), 0, "%s: no link after another", files[f]);
        sat_destroy(inst);
    }
    char *profit[] = {"satellite", "--satellites", "6", "--stations", "4", "--tasks", "120", "--objective", "PROFIT",
                      "--seed", "3"};
    char *switches[] = {"satellite", "--satellites", "5", "--stations", "4", "--tasks", "120", "--max-switches", "4",
                        "--seed", "5"};
    char *links[] = {"satellite", "--satellites", "6", "--stations", "3", "--tasks", "120", "--max-links", "12",
                     "--seed", "7"};
    struct {
        const char *what;
        char **argv;
    } gen[] = {{"PROFIT", profit}, {"MAX_SWITCHES 4", switches}, {"MAX_LINKS 12", links}};
    for (size_t g = 0; g < sizeof gen / sizeof *gen; g++) {
        es_instance *inst = generated(11, gen[g].argv);
        const satellite *m = sat_of(inst);
        cr_assert_gt(check_orders(gen[g].what, inst, 20, &rng), 0, "%s: no link after another", gen[g].what);
        /* the cap binds: without it the same (random) order places more */
        satellite loose = *m;
        loose.max_switches = -1;
        loose.max_links = -1;
        int *order = malloc((size_t)m->ntask * sizeof *order);
        sat_link *l = malloc((size_t)m->ntask * sizeof *l);
        for (int k = 0; k < m->ntask; k++)
            order[k] = k;
        es_rng_shuffle(&rng, order, m->ntask);
        double capped, free_value;
        int ncapped = ref_decode(m, order, l, &capped), nfree = ref_decode(&loose, order, l, &free_value);
        if (m->max_switches >= 0 || m->max_links >= 0)
            cr_assert_lt(ncapped, nfree, "%s: the cap never binds (%d links, %d without it)", gen[g].what, ncapped, nfree);
        free(l);
        free(order);
        sat_destroy(inst);
    }
}

static int below(es_rng *rng, int n) { return (int)es_rng_below(rng, (uint32_t)n); }

/* A small random project where what the committed and generated ones
 * rarely have happens often: stations with several antennas, windows of one
 * (satellite, station) pair that overlap, times in steps of 10 so that
 * places tie on length, fit and start, and a same-station gap that may
 * exceed the others. The caller frees the text. */
static char *random_project(es_rng *rng, int profit, int max_switches, int max_links)
{
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    int nsat = 1 + below(rng, 3), nsta = 1 + below(rng, 3), ntask = 10 + below(rng, 40);
    fprintf(out, "CSG 1\nNAME random\nHORIZON 1000\nOBJECTIVE %s\n", profit ? "PROFIT" : "LINKTIME");
    if (max_switches >= 0)
        fprintf(out, "MAX_SWITCHES %d\n", max_switches);
    if (max_links >= 0)
        fprintf(out, "MAX_LINKS %d\n", max_links);
    fprintf(out, "SATELLITES %d\n", nsat);
    for (int s = 0; s < nsat; s++) {
        int sw = 10 * below(rng, 4);
        fprintf(out, "S %d %d %s %d %d %d\n", s, 1 + below(rng, 3), below(rng, 2) ? "SW" : "FIX", 10 * below(rng, 6), sw,
                sw + 10 * below(rng, 4));
    }
    fprintf(out, "STATIONS %d\n", nsta);
    for (int g = 0; g < nsta; g++)
        fprintf(out, "G %d %d %d\n", g, 1 + below(rng, 3), 10 * below(rng, 4));
    fprintf(out, "TASKS %d\n", ntask);
    for (int k = 0; k < ntask; k++) {
        int start = 10 * below(rng, 60), span = 10 * (3 + below(rng, 25));
        int dmin = 10 * (1 + below(rng, span / 20)), dmax = dmin + 10 * below(rng, (span - dmin) / 10 + 1);
        fprintf(out, "T %d %d %d %d %d %d %d %d\n", k, below(rng, nsat), below(rng, nsta), start, start + span, dmin,
                dmax, 1 + below(rng, 3));
    }
    fprintf(out, "END\n");
    fclose(out);
    return text;
}

/* Hundreds of small random projects, of both objectives, with and without
 * caps, each on a few orders. */
Test(satellite_decode, random_small_projects_follow_the_definition, .timeout = 600)
{
    es_rng rng;
    es_rng_seed(&rng, 8, 12);
    long later = 0;
    for (int trial = 0; trial < 400; trial++) {
        int profit = trial % 2, capped = trial / 2 % 4;
        char *text = random_project(&rng, profit, capped == 1 ? below(&rng, 4) : -1, capped == 2 ? 1 + below(&rng, 8) : -1);
        es_instance *inst = load_text("random.csg", text);
        char what[64];
        snprintf(what, sizeof what, "random project %d", trial);
        later += check_orders(what, inst, 4, &rng);
        sat_destroy(inst);
        free(text);
    }
    cr_assert_gt(later, 0);
}
