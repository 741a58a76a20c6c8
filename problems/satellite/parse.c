/* The satellite instance format (docs/satellite.md): line oriented, keyword
 * first, '#' comments, integer seconds, 0-based ids. Every error names the
 * file, the line and the reason. */
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

int sat_detect(const es_source *src)
{
    es_scanner sc;
    es_scanner_init(&sc, src, '#');
    return !es_scan_eof(&sc) && (size_t)(sc.end - sc.p) >= 4 && memcmp(sc.p, "CSG ", 4) == 0 ? 100 : 0;
}

void sat_destroy(es_instance *inst)
{
    satellite *m = (satellite *)inst;
    if (!m)
        return;
    free(m->sats);
    free(m->stas);
    free(m->tasks);
    free(m->antenna_base);
    free(m->feed_base);
    free(m->antenna_cap_start);
    free(m->feed_cap_start);
    free(m->pair_of_task);
    free(m->pair_cap_start);
    free(m->features);
    sat_memo_destroy(m->memo);
    free(m);
}

/* Reads "KEY count" and allocates count records of size bytes. */
static int section(es_scanner *sc, const char *key, long max, long *count, void **arr, size_t size, es_error *err)
{
    int st = es_scan_keyword(sc, key, err);
    if (st == ES_OK)
        st = es_scan_long(sc, 1, max, key, count, err);
    if (st == ES_OK && !(*arr = calloc((size_t)*count, size)))
        st = es_fail(err, ES_ENOMEM, "out of memory");
    return st;
}

/* Reads "<tag> id" and checks the id is the next one expected. */
static int record_head(es_scanner *sc, const char *tag, long expect, long count, es_error *err)
{
    long at = (es_scan_eof(sc), sc->line);
    char w[32];
    int st = es_scan_word(sc, w, sizeof w, tag, err);
    if (st == ES_OK && strcmp(w, tag) != 0)
        st = es_fail(err, ES_EPARSE, "%s:%ld: expected a '%s' line (%ld of %ld), found '%s'", sc->path, at, tag,
                     expect + 1, count, w);
    long id;
    if (st == ES_OK)
        st = es_scan_long(sc, 0, count - 1, "id", &id, err);
    if (st == ES_OK && id != expect)
        st = es_fail(err, ES_EPARSE, "%s:%ld: %s id %ld out of order or repeated (expected %ld)", sc->path, at, tag,
                     id, expect);
    return st;
}

static int line_done(es_scanner *sc, es_error *err)
{
    if (!es_scan_line_end(sc))
        return es_fail(err, ES_EPARSE, "%s:%ld: unexpected data at the end of the line", sc->path, sc->line);
    return ES_OK;
}

int sat_load(const es_source *src, es_instance **out, es_error *err)
{
    if (src->selector)
        return es_fail(err, ES_EINVAL, "%s: holds a single instance; ':%s' selects nothing", src->path, src->selector);
    satellite *m = calloc(1, sizeof *m);
    if (!m)
        return es_fail(err, ES_ENOMEM, "out of memory");
    m->max_switches = m->max_links = -1;
    snprintf(m->name, sizeof m->name, "unnamed");
    es_scanner sc;
    es_scanner_init(&sc, src, '#');
    long v = 0, n = 0;
    int st = es_scan_keyword(&sc, "CSG", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 1, 1, "format version", &v, err);
    /* Header keywords, in any order, until SATELLITES. */
    int have_horizon = 0, have_objective = 0;
    char w[64];
    while (st == ES_OK) {
        long at = (es_scan_eof(&sc), sc.line);
        const char *mark = sc.p;
        st = es_scan_word(&sc, w, sizeof w, "a keyword", err);
        if (st != ES_OK)
            break;
        if (strcmp(w, "SATELLITES") == 0) {
            sc.p = mark; /* let section() read it */
            break;
        } else if (strcmp(w, "NAME") == 0) {
            st = es_scan_word(&sc, m->name, sizeof m->name, "a name", err);
        } else if (strcmp(w, "HORIZON") == 0) {
            st = es_scan_long(&sc, 1, SAT_MAX_HORIZON, "horizon", &m->horizon, err);
            have_horizon = 1;
        } else if (strcmp(w, "OBJECTIVE") == 0) {
            st = es_scan_word(&sc, w, sizeof w, "LINKTIME or PROFIT", err);
            if (st == ES_OK && strcmp(w, "LINKTIME") == 0)
                m->objective = SAT_LINKTIME;
            else if (st == ES_OK && strcmp(w, "PROFIT") == 0)
                m->objective = SAT_PROFIT;
            else if (st == ES_OK)
                st = es_fail(err, ES_EPARSE, "%s:%ld: unknown objective '%s' (LINKTIME or PROFIT)", sc.path, at, w);
            have_objective = 1;
        } else if (strcmp(w, "MAX_SWITCHES") == 0) {
            st = es_scan_long(&sc, 0, SAT_MAX_TASKS, "maximum feed switches per satellite", &v, err);
            m->max_switches = (int)v;
        } else if (strcmp(w, "MAX_LINKS") == 0) {
            st = es_scan_long(&sc, 0, SAT_MAX_TASKS, "maximum links per station", &v, err);
            m->max_links = (int)v;
        } else
            st = es_fail(err, ES_EPARSE, "%s:%ld: unknown keyword '%s'", sc.path, at, w);
        if (st == ES_OK)
            st = line_done(&sc, err);
    }
    if (st == ES_OK && (!have_horizon || !have_objective))
        st = es_fail(err, ES_EPARSE, "%s:%ld: HORIZON and OBJECTIVE must come before SATELLITES", sc.path, sc.line);
    if (st == ES_OK)
        st = section(&sc, "SATELLITES", SAT_MAX_SATS, &n, (void **)&m->sats, sizeof *m->sats, err);
    m->nsat = st == ES_OK ? (int)n : 0;
    for (long i = 0; st == ES_OK && i < m->nsat; i++) {
        sat_satellite *s = &m->sats[i];
        long feeds = 0, a = 0, b = 0, c = 0;
        long at = (es_scan_eof(&sc), sc.line);
        st = record_head(&sc, "S", i, m->nsat, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 1, SAT_MAX_FEEDS, "number of feeds (at least 1)", &feeds, err);
        if (st == ES_OK)
            st = es_scan_word(&sc, w, sizeof w, "mode FIX or SW", err);
        if (st == ES_OK && strcmp(w, "FIX") && strcmp(w, "SW"))
            st = es_fail(err, ES_EPARSE, "%s:%ld: unknown mode '%s' (FIX or SW)", sc.path, at, w);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "tau_same", &a, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "tau_switch", &b, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "tau_repoint", &c, err);
        if (st == ES_OK && b > c)
            st = es_fail(err, ES_EPARSE, "%s:%ld: tau_switch %ld exceeds tau_repoint %ld", sc.path, at, b, c);
        if (st == ES_OK)
            st = line_done(&sc, err);
        *s = (sat_satellite){(int)feeds, strcmp(w, "SW") == 0 ? SAT_SW : SAT_FIX, (int)a, (int)b, (int)c};
    }
    if (st == ES_OK)
        st = section(&sc, "STATIONS", SAT_MAX_STATIONS, &n, (void **)&m->stas, sizeof *m->stas, err);
    m->nsta = st == ES_OK ? (int)n : 0;
    for (long i = 0; st == ES_OK && i < m->nsta; i++) {
        long ant = 0, setup = 0;
        st = record_head(&sc, "G", i, m->nsta, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 1, SAT_MAX_ANTENNAS, "number of antennas (at least 1)", &ant, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_HORIZON, "setup time", &setup, err);
        if (st == ES_OK)
            st = line_done(&sc, err);
        m->stas[i] = (sat_station){(int)ant, (int)setup};
    }
    if (st == ES_OK)
        st = section(&sc, "TASKS", SAT_MAX_TASKS, &n, (void **)&m->tasks, sizeof *m->tasks, err);
    m->ntask = st == ES_OK ? (int)n : 0;
    for (long i = 0; st == ES_OK && i < m->ntask; i++) {
        long s = 0, g = 0, b = 0, e = 0, dmin = 0, dmax = 0, wt = 0;
        long at = (es_scan_eof(&sc), sc.line);
        st = record_head(&sc, "T", i, m->ntask, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, m->nsat - 1, "satellite id", &s, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, m->nsta - 1, "station id", &g, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, m->horizon, "window start", &b, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, m->horizon, "window end", &e, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 1, SAT_MAX_HORIZON, "minimum duration", &dmin, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 1, SAT_MAX_HORIZON, "maximum duration", &dmax, err);
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, SAT_MAX_WEIGHT, "weight", &wt, err);
        if (st == ES_OK && e <= b)
            st = es_fail(err, ES_EPARSE, "%s:%ld: task %ld has an empty or inverted window [%ld, %ld)", sc.path, at, i,
                         b, e);
        else if (st == ES_OK && dmin > dmax)
            st = es_fail(err, ES_EPARSE, "%s:%ld: task %ld has dmin %ld > dmax %ld", sc.path, at, i, dmin, dmax);
        else if (st == ES_OK && dmax > e - b)
            st = es_fail(err, ES_EPARSE, "%s:%ld: task %ld has dmax %ld longer than its window (%ld)", sc.path, at, i,
                         dmax, e - b);
        if (st == ES_OK)
            st = line_done(&sc, err);
        m->tasks[i] = (sat_task){(int)s, (int)g, (int)b, (int)e, (int)dmin, (int)dmax, (int)wt};
    }
    if (st == ES_OK)
        st = es_scan_keyword(&sc, "END", err);
    if (st == ES_OK && !es_scan_eof(&sc))
        st = es_fail(err, ES_EPARSE, "%s:%ld: unexpected data after END", sc.path, sc.line);
    if (st == ES_OK)
        st = sat_prepare(m, err);
    if (st != ES_OK) {
        sat_destroy((es_instance *)m);
        return st;
    }
    *out = (es_instance *)m;
    return ES_OK;
}

int sat_prepare(satellite *m, es_error *err)
{
    m->antenna_base = calloc((size_t)m->nsta + 1, sizeof(int));
    m->feed_base = calloc((size_t)m->nsat + 1, sizeof(int));
    if (!m->antenna_base || !m->feed_base)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int g = 0; g < m->nsta; g++)
        m->antenna_base[g + 1] = m->antenna_base[g] + m->stas[g].antennas;
    for (int s = 0; s < m->nsat; s++)
        m->feed_base[s + 1] = m->feed_base[s] + m->sats[s].feeds;
    m->nantenna = m->antenna_base[m->nsta];
    m->nfeed = m->feed_base[m->nsat];
    double windows = 0;
    for (int k = 0; k < m->ntask; k++)
        windows += m->tasks[k].end - m->tasks[k].start;
    double mean_window = m->ntask > 0 && windows > 0 ? windows / m->ntask : 1;
    m->features = malloc(((size_t)m->ntask + 1) * sizeof *m->features);
    m->memo = sat_memo_create(m->ntask);
    if (!m->features || !m->memo)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        m->features[k].key = t->sat << 16 | t->sta; /* both below 2^15 */
        m->features[k].start = (float)(t->start / mean_window);
        m->features[k].worth = (float)(m->objective == SAT_PROFIT ? t->weight : (double)t->weight * t->dmax);
        m->worth_total += sat_task_worth(m, k);
    }
    /* Slots: an antenna of g can hold at most the tasks of g, a feed of s
     * those of s, a pair (s, g) those of (s, g). */
    int *per_sta = calloc((size_t)m->nsta, sizeof(int)), *per_sat = calloc((size_t)m->nsat, sizeof(int));
    m->antenna_cap_start = calloc((size_t)m->nantenna + 1, sizeof(int));
    m->feed_cap_start = calloc((size_t)m->nfeed + 1, sizeof(int));
    m->pair_of_task = calloc((size_t)m->ntask + 1, sizeof(int));
    m->pair_cap_start = calloc((size_t)m->ntask + 1, sizeof(int));
    /* Pairs: number them by first appearance through a sat x sta map when
     * small, else by sorting; instances here are small enough for the map. */
    long long cells = (long long)m->nsat * m->nsta;
    int *pair_id = cells <= 50000000 ? malloc((size_t)cells * sizeof(int)) : NULL;
    if (!per_sta || !per_sat || !m->antenna_cap_start || !m->feed_cap_start || !m->pair_of_task ||
        !m->pair_cap_start || !pair_id) {
        free(per_sta);
        free(per_sat);
        free(pair_id);
        return es_fail(err, ES_ENOMEM, "out of memory (or too many satellite-station pairs)");
    }
    memset(pair_id, 0xff, (size_t)cells * sizeof(int));
    int npair = 0;
    int *pair_count = m->pair_cap_start; /* counts first, turned into offsets below */
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        per_sta[t->sta]++;
        per_sat[t->sat]++;
        long long c = (long long)t->sat * m->nsta + t->sta;
        if (pair_id[c] < 0)
            pair_id[c] = npair++;
        m->pair_of_task[k] = pair_id[c];
        pair_count[pair_id[c] + 1]++;
    }
    for (int p = 0; p < npair; p++)
        pair_count[p + 1] += pair_count[p];
    m->npair = npair;
    for (int g = 0; g < m->nsta; g++)
        for (int a = m->antenna_base[g]; a < m->antenna_base[g + 1]; a++)
            m->antenna_cap_start[a + 1] = m->antenna_cap_start[a] + per_sta[g];
    for (int s = 0; s < m->nsat; s++)
        for (int f = m->feed_base[s]; f < m->feed_base[s + 1]; f++)
            m->feed_cap_start[f + 1] = m->feed_cap_start[f] + per_sat[s];
    free(per_sta);
    free(per_sat);
    free(pair_id);
    return ES_OK;
}
