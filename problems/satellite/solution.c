/* The satellite solution file and its independent checker.
 *
 *     objective 12345
 *     # A task antenna feed start end
 *     A 3 0 1 1200 2100
 *
 * Antennas and feeds are numbered from 0 within their station and satellite.
 * The checker does not use the decoder: it sorts the listed links per
 * antenna, per feed and per (satellite, station) pair and re-verifies every
 * window, duration, gap and limit, then the objective. */
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

int sat_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const satellite *m = sat_of(inst);
    int nl;
    double value;
    sat_link *links = sat_plan_new(m, g->perm, scratch, &nl, &value);
    if (!links)
        return ES_ENOMEM;
    fprintf(out, "objective %.0f\n# A task antenna feed start end (%d links of %d tasks)\n", value, nl, m->ntask);
    for (int i = 0; i < nl; i++)
        fprintf(out, "A %d %d %d %d %d\n", links[i].task, links[i].antenna, links[i].feed, links[i].start, links[i].end);
    free(links);
    return ferror(out) ? ES_EIO : ES_OK;
}

typedef struct checked {
    sat_link l;
    long line;
    long key; /* the resource the current pass groups by */
} checked;

static int by_key_start(const void *a, const void *b)
{
    const checked *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->l.start > y->l.start) - (x->l.start < y->l.start);
}

enum { ON_ANTENNA, ON_FEED, ON_PAIR };

/* The gap the resource needs between consecutive links x then y. */
static long needed_gap(const satellite *m, int kind, const sat_task *x, const sat_task *y)
{
    if (kind == ON_ANTENNA)
        return x->sat != y->sat ? m->stas[x->sta].setup : 0;
    if (kind == ON_FEED)
        return sat_feed_gap(m, x->sat, x->sta, y->sta);
    return 0;
}

static int check_resource(const satellite *m, checked *c, int n, int kind, const char *path, es_error *err)
{
    static const char *const what[] = {"antenna", "feed", "satellite-station pair"};
    for (int i = 0; i < n; i++) {
        const sat_task *t = &m->tasks[c[i].l.task];
        c[i].key = kind == ON_ANTENNA ? (long)m->antenna_base[t->sta] + c[i].l.antenna
                   : kind == ON_FEED  ? (long)m->feed_base[t->sat] + c[i].l.feed
                                      : (long)t->sat * m->nsta + t->sta;
    }
    qsort(c, (size_t)n, sizeof *c, by_key_start);
    for (int i = 1; i < n; i++) {
        if (c[i].key != c[i - 1].key)
            continue;
        const sat_task *x = &m->tasks[c[i - 1].l.task], *y = &m->tasks[c[i].l.task];
        long g = needed_gap(m, kind, x, y);
        if (c[i].l.start < c[i - 1].l.end + g) {
            if (c[i].l.start < c[i - 1].l.end)
                return es_fail(err, ES_EINFEASIBLE, "%s:%ld: task %d overlaps task %d (line %ld) on the same %s", path,
                               c[i].line, c[i].l.task, c[i - 1].l.task, c[i - 1].line, what[kind]);
            return es_fail(err, ES_EINFEASIBLE,
                           "%s:%ld: task %d starts %ld after task %d (line %ld) on the same %s, which needs a gap of %ld",
                           path, c[i].line, c[i].l.task, (long)c[i].l.start - c[i - 1].l.end, c[i - 1].l.task,
                           c[i - 1].line, what[kind], g);
        }
    }
    return ES_OK;
}

/* Checks the file and writes its value; when order is not NULL, also writes
 * there the linked tasks in the file's order, then the others by id: the
 * order to decode for a start (sat_read_solution). */
static int check_links(const es_instance *inst, const es_source *sol, double *value, int *order, es_error *err)
{
    const satellite *m = sat_of(inst);
    es_scanner sc;
    es_scanner_init(&sc, sol, '#');
    char word[32];
    long stated;
    int st = es_scan_keyword(&sc, "objective", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 0, 4000000000000000000L, "the objective value", &stated, err);
    if (st != ES_OK)
        return st;
    checked *c = malloc((size_t)(m->ntask > 0 ? m->ntask : 1) * sizeof *c);
    long *seen = calloc((size_t)m->ntask + 1, sizeof *seen);
    int *per_sta = calloc((size_t)m->nsta + 1, sizeof *per_sta);
    if (!c || !seen || !per_sta) {
        free(c), free(seen), free(per_sta);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    int n = 0;
    double total = 0;
    while (st == ES_OK && !es_scan_eof(&sc)) {
        long at = sc.line, k = 0, a = 0, f = 0, b = 0, e = 0;
        st = es_scan_word(&sc, word, sizeof word, "'A'", err);
        if (st == ES_OK && strcmp(word, "A") != 0)
            st = es_fail(err, ES_EPARSE, "%s:%ld: expected a line 'A task antenna feed start end', found '%s'", sc.path,
                         at, word);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, m->ntask - 1, "task id", &k, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_ANTENNAS, "antenna", &a, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_FEEDS, "feed", &f, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "start", &b, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "end", &e, err);
        if (st != ES_OK)
            break;
        const sat_task *t = &m->tasks[k];
        if (seen[k])
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: task %ld is linked twice (first at line %ld)", sc.path, at, k,
                         seen[k]);
        else if (a >= m->stas[t->sta].antennas)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: station %d has no antenna %ld", sc.path, at, t->sta, a);
        else if (f >= m->sats[t->sat].feeds)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: satellite %d has no feed %ld", sc.path, at, t->sat, f);
        else if (b < t->start || e > t->end)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: link [%ld, %ld) of task %ld leaves its window [%d, %d)", sc.path,
                         at, b, e, k, t->start, t->end);
        else if (e - b < t->dmin || e - b > t->dmax || (m->objective == SAT_PROFIT && e - b != t->dmax))
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: link of task %ld lasts %ld, outside [%d, %d]%s", sc.path, at, k,
                         e - b, m->objective == SAT_PROFIT ? t->dmax : t->dmin, t->dmax,
                         m->objective == SAT_PROFIT ? " (PROFIT links last dmax)" : "");
        else if (m->max_links >= 0 && ++per_sta[t->sta] > m->max_links)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: station %d gets more than %d links", sc.path, at, t->sta,
                         m->max_links);
        if (st == ES_OK) { /* only accepted links are stored: at most one per task */
            seen[k] = at;
            c[n].l = (sat_link){(int)k, (int)a, (int)f, (int)b, (int)e};
            c[n].line = at;
            total += sat_link_value(m, &c[n].l);
            n++;
        }
    }
    for (int kind = ON_ANTENNA; st == ES_OK && kind <= ON_PAIR; kind++)
        st = check_resource(m, c, n, kind, sol->path, err);
    if (st == ES_OK && m->max_switches >= 0) {
        /* c is sorted by pair now; regroup by feed to count switches. */
        check_resource(m, c, n, ON_FEED, sol->path, NULL);
        int *sw = calloc((size_t)m->nsat, sizeof *sw);
        for (int i = 1; sw && i < n && st == ES_OK; i++) {
            const sat_task *x = &m->tasks[c[i - 1].l.task], *y = &m->tasks[c[i].l.task];
            if (c[i].key == c[i - 1].key && x->sta != y->sta && ++sw[y->sat] > m->max_switches)
                st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: satellite %d switches feeds more than %d times", sol->path,
                             c[i].line, y->sat, m->max_switches);
        }
        free(sw);
    }
    if (st == ES_OK && (double)stated != total)
        st = es_fail(err, ES_EINFEASIBLE, "%s:1: states objective %ld but the links are worth %.0f", sol->path, stated,
                     total);
    if (st == ES_OK)
        *value = total;
    if (st == ES_OK && order) {
        int k = 0;
        /* c was re-sorted by the resource checks: the lines give the file's order back */
        for (int i = 0; i < n; i++)
            c[i].key = c[i].line;
        qsort(c, (size_t)n, sizeof *c, by_key_start);
        for (int i = 0; i < n; i++)
            order[k++] = c[i].l.task;
        for (int t = 0; t < m->ntask; t++)
            if (!seen[t])
                order[k++] = t;
    }
    free(c), free(seen), free(per_sta);
    return st;
}

int sat_check(const es_instance *inst, const es_source *sol, double *value, es_error *err)
{
    return check_links(inst, sol, value, NULL, err);
}

/* The decoder is greedy, so not every feasible schedule is the decode of
 * some order. But a file evosched wrote lists its links in the order the
 * decoder placed them, and decoding those tasks in that order, the
 * unlinked ones after, builds the same links again: each task meets the
 * same timelines as before, and a task that found no room among fewer
 * links finds none among more. Retimed, they are worth what the file's
 * retimed links were. A file from elsewhere may give less; the start is
 * then refused rather than made worse than the file. */
int sat_read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    const satellite *m = sat_of(inst);
    double stated;
    int st = check_links(inst, sol, &stated, out->perm, err);
    if (st != ES_OK)
        return st;
    void *scratch = malloc(sat_scratch_size(inst));
    double rebuilt;
    if (!scratch || sat_plan_value(m, out->perm, scratch, &rebuilt) == ES_ENOMEM) {
        free(scratch);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    free(scratch);
    if (rebuilt < stated)
        return es_fail(err, ES_EINVAL,
                       "%s: the decoder builds links worth %.0f (retimed) from this solution's order, less than its %.0f: "
                       "a start must be a solution the decoder can rebuild, such as one evosched wrote",
                       sol->path, rebuilt, stated);
    return ES_OK;
}
