/* Reading RCPSP instances: PSPLIB single-mode `.sm` files and Patterson
 * `.rcp` files, with strict validation. A multi-mode or non-renewable file
 * is refused rather than misread. What both formats share once the numbers
 * are read (cycle detection, derived data, limits) is in instance.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "rcpsp.h"

int rcpsp_detect(const es_source *src)
{
    size_t len = strlen(src->path);
    if (len > 4 && strcmp(src->path + len - 4, ".rcp") == 0)
        return 85;
    /* PSPLIB files name their sections; look in the first few kilobytes. */
    size_t scan = src->size < 4096 ? src->size : 4096;
    for (size_t i = 0; i + 20 <= scan; i++)
        if (memcmp(src->data + i, "PRECEDENCE RELATIONS", 20) == 0)
            return 95;
    return 0;
}

/* Appends v to a growable array of successors. */
static int push(int **list, size_t *cap, size_t *total, int v, es_error *err)
{
    if (*total == *cap) {
        int *nl = realloc(*list, 2 * *cap * sizeof *nl);
        if (!nl)
            return es_fail(err, ES_ENOMEM, "out of memory");
        *list = nl;
        *cap *= 2;
    }
    (*list)[(*total)++] = v;
    return ES_OK;
}

/* Puts the successor lists, met job by job, into CSR form. */
static int set_successors(rcpsp *r, const int *count, const int *list, int total)
{
    r->succ = malloc((size_t)(total > 0 ? total : 1) * sizeof *r->succ);
    if (!r->succ)
        return ES_ENOMEM;
    memcpy(r->succ, list, (size_t)total * sizeof *list);
    r->succ_start[0] = 0;
    for (int j = 0; j < r->n; j++)
        r->succ_start[j + 1] = r->succ_start[j] + count[j];
    return ES_OK;
}

/* ---------------------------------------------------------------- .sm */

/* The value after the ':' of a header line such as "jobs (incl. ...):  32". */
static int header_value(es_scanner *sc, const char *line, size_t len, long lo, long hi, const char *what,
                        long *out, es_error *err)
{
    const char *colon = memchr(line, ':', len);
    if (!colon)
        return es_fail(err, ES_EPARSE, "%s:%ld: expected '%s : value'", sc->path, sc->line - 1, what);
    char buf[64];
    size_t n = len - (size_t)(colon + 1 - line);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, colon + 1, n);
    buf[n] = 0;
    char *end;
    long v = strtol(buf, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == buf || (*end && !isalpha((unsigned char)*end)) || v < lo || v > hi)
        return es_fail(err, ES_EPARSE, "%s:%ld: %s must be an integer in [%ld, %ld]", sc->path, sc->line - 1, what,
                       lo, hi);
    *out = v;
    return ES_OK;
}

static int starts_with(const char *line, size_t len, const char *prefix)
{
    while (len > 0 && (*line == ' ' || *line == '\t'))
        line++, len--;
    size_t p = strlen(prefix);
    return len >= p && memcmp(line, prefix, p) == 0;
}

/* Advances to the line starting with `prefix`; ES_EPARSE naming it if absent. */
static int find_line(es_scanner *sc, const char *prefix, const char **line, size_t *len, es_error *err)
{
    while (es_scan_line(sc, line, len))
        if (starts_with(*line, *len, prefix))
            return ES_OK;
    return es_fail(err, ES_EPARSE, "%s:%ld: missing the '%s' line", sc->path, sc->line, prefix);
}

/* A scanner over one line's text, so numbers cannot run into the next line. */
static es_scanner line_scanner(const es_scanner *sc, const char *line, size_t len)
{
    es_scanner l = *sc;
    l.p = line;
    l.end = line + len;
    l.line = sc->line - 1;
    return l;
}

/* The next line of a per-job section (job j, 0-based) as its own scanner,
 * with the job number read and checked to be j + 1. */
static int job_line(es_scanner *sc, long j, long jobs, const char *what, es_scanner *l, es_error *err)
{
    const char *line;
    size_t len;
    if (!es_scan_line(sc, &line, &len))
        return es_fail(err, ES_EPARSE, "%s:%ld: unexpected end of file: expected %s of job %ld", sc->path, sc->line,
                       what, j + 1);
    *l = line_scanner(sc, line, len);
    long id = 0;
    int st = es_scan_long(l, 1, jobs, "job number", &id, err);
    if (st == ES_OK && id != j + 1)
        st = es_fail(err, ES_EPARSE, "%s:%ld: expected job %ld, found job %ld", sc->path, l->line, j + 1, id);
    return st;
}

static int load_sm(const es_source *src, rcpsp **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, 0);
    const char *line;
    size_t len;
    long projects, jobs, renewable, nonrenewable, doubly;
    int st = find_line(&sc, "projects", &line, &len, err);
    if (st == ES_OK)
        st = header_value(&sc, line, len, 1, 1000, "projects", &projects, err);
    if (st == ES_OK && projects != 1)
        st = es_fail(err, ES_EPARSE, "%s:%ld: %ld projects in one file are not supported", sc.path, sc.line - 1,
                     projects);
    if (st == ES_OK)
        st = find_line(&sc, "jobs", &line, &len, err);
    if (st == ES_OK)
        st = header_value(&sc, line, len, 1, RCPSP_MAX_JOBS, "jobs", &jobs, err);
    if (st == ES_OK)
        st = find_line(&sc, "- renewable", &line, &len, err);
    if (st == ES_OK)
        st = header_value(&sc, line, len, 0, RCPSP_MAX_RES, "renewable resources", &renewable, err);
    if (st == ES_OK)
        st = find_line(&sc, "- nonrenewable", &line, &len, err);
    if (st == ES_OK)
        st = header_value(&sc, line, len, 0, 1000, "nonrenewable resources", &nonrenewable, err);
    if (st == ES_OK && nonrenewable > 0)
        st = es_fail(err, ES_EPARSE,
                     "%s:%ld: non-renewable resources: this is a multi-mode (MRCPSP) file, which evosched does not "
                     "support",
                     sc.path, sc.line - 1);
    if (st == ES_OK)
        st = find_line(&sc, "- doubly constrained", &line, &len, err);
    if (st == ES_OK)
        st = header_value(&sc, line, len, 0, 1000, "doubly constrained resources", &doubly, err);
    if (st == ES_OK && doubly > 0)
        st = es_fail(err, ES_EPARSE, "%s:%ld: doubly constrained resources are not supported (single-mode RCPSP only)",
                     sc.path, sc.line - 1);
    if (st != ES_OK)
        return st;
    rcpsp *r;
    if (rcpsp_alloc((int)jobs, (int)renewable, &r) != ES_OK)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int *count = calloc((size_t)jobs, sizeof *count);
    size_t list_cap = 16;
    int *list = malloc(list_cap * sizeof *list);
    size_t total = 0;
    if (!count || !list)
        st = es_fail(err, ES_ENOMEM, "out of memory");
    if (st == ES_OK)
        st = find_line(&sc, "PRECEDENCE RELATIONS", &line, &len, err);
    if (st == ES_OK && !es_scan_line(&sc, &line, &len)) /* column titles */
        st = es_fail(err, ES_EPARSE, "%s:%ld: unexpected end of file in PRECEDENCE RELATIONS", sc.path, sc.line);
    for (long j = 0; st == ES_OK && j < jobs; j++) {
        es_scanner l;
        long id = j + 1, modes = 0, ns = 0, s = 0;
        st = job_line(&sc, j, jobs, "the successors", &l, err);
        if (st == ES_OK)
            st = es_scan_long(&l, 1, 1000, "number of modes", &modes, err);
        if (st == ES_OK && modes != 1)
            st = es_fail(err, ES_EPARSE,
                         "%s:%ld: job %ld has %ld modes: multi-mode (MRCPSP) files are not supported", sc.path,
                         l.line, id, modes);
        if (st == ES_OK)
            st = es_scan_long(&l, 0, jobs - 1, "number of successors", &ns, err);
        for (long q = 0; st == ES_OK && q < ns; q++) {
            st = es_scan_long(&l, 1, jobs, "successor", &s, err);
            if (st == ES_OK && s == id)
                st = es_fail(err, ES_EPARSE, "%s:%ld: job %ld is its own successor", sc.path, l.line, id);
            for (size_t e = total - (size_t)q; st == ES_OK && e < total; e++)
                if (list[e] == s - 1)
                    st = es_fail(err, ES_EPARSE, "%s:%ld: successor %ld listed twice", sc.path, l.line, s);
            if (st == ES_OK)
                st = push(&list, &list_cap, &total, (int)s - 1, err);
        }
        if (st == ES_OK && !es_scan_eof(&l))
            st = es_fail(err, ES_EPARSE, "%s:%ld: job %ld lists more successors than the %ld it announces", sc.path,
                         l.line, id, ns);
        count[j] = (int)ns;
    }
    if (st == ES_OK)
        st = set_successors(r, count, list, (int)total) == ES_OK ? ES_OK : es_fail(err, ES_ENOMEM, "out of memory");
    if (st == ES_OK)
        st = find_line(&sc, "REQUESTS/DURATIONS", &line, &len, err);
    if (st == ES_OK)
        st = find_line(&sc, "----", &line, &len, err);
    for (long j = 0; st == ES_OK && j < jobs; j++) {
        es_scanner l;
        long mode = 0, d = 0, q = 0;
        st = job_line(&sc, j, jobs, "the duration", &l, err);
        if (st == ES_OK)
            st = es_scan_long(&l, 1, 1, "mode (single-mode files only)", &mode, err);
        if (st == ES_OK)
            st = es_scan_long(&l, 0, RCPSP_MAX_DUR, "duration", &d, err);
        r->dur[j] = (int)d;
        for (long k = 0; st == ES_OK && k < renewable; k++) {
            st = es_scan_long(&l, 0, RCPSP_MAX_CAP, "resource request", &q, err);
            r->req[j * renewable + k] = (int)q;
        }
        if (st == ES_OK && !es_scan_eof(&l))
            st = es_fail(err, ES_EPARSE, "%s:%ld: more values than a duration and %ld requests", sc.path, l.line,
                         renewable);
    }
    if (st == ES_OK)
        st = find_line(&sc, "RESOURCEAVAILABILITIES", &line, &len, err);
    if (st == ES_OK && !es_scan_line(&sc, &line, &len))
        st = es_fail(err, ES_EPARSE, "%s:%ld: unexpected end of file in RESOURCEAVAILABILITIES", sc.path, sc.line);
    if (st == ES_OK) {
        if (!es_scan_line(&sc, &line, &len))
            st = es_fail(err, ES_EPARSE, "%s:%ld: missing the resource capacities", sc.path, sc.line);
        es_scanner l = line_scanner(&sc, line, len);
        for (long k = 0; st == ES_OK && k < renewable; k++) {
            long c;
            st = es_scan_long(&l, 0, RCPSP_MAX_CAP, "resource capacity", &c, err);
            r->cap[k] = (int)c;
        }
        if (st == ES_OK && !es_scan_eof(&l))
            st = es_fail(err, ES_EPARSE, "%s:%ld: more capacities than the %ld resources", sc.path, l.line, renewable);
    }
    free(count);
    free(list);
    *out = r; /* rcpsp_load finishes it, or frees it on failure */
    return st;
}

/* ---------------------------------------------------------------- .rcp */

static int load_rcp(const es_source *src, rcpsp **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, 0);
    long n = 0, K = 0, v = 0;
    int st = es_scan_long(&sc, 1, RCPSP_MAX_JOBS, "number of activities", &n, err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 0, RCPSP_MAX_RES, "number of resources", &K, err);
    if (st != ES_OK)
        return st;
    rcpsp *r;
    if (rcpsp_alloc((int)n, (int)K, &r) != ES_OK)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (long k = 0; st == ES_OK && k < K; k++) {
        st = es_scan_long(&sc, 0, RCPSP_MAX_CAP, "resource capacity", &v, err);
        r->cap[k] = (int)v;
    }
    int *count = calloc((size_t)n, sizeof *count);
    size_t cap = 16, total = 0;
    int *list = malloc(cap * sizeof *list);
    if (!count || !list)
        st = es_fail(err, ES_ENOMEM, "out of memory");
    for (long j = 0; st == ES_OK && j < n; j++) {
        char what[64];
        snprintf(what, sizeof what, "duration of activity %ld", j + 1);
        st = es_scan_long(&sc, 0, RCPSP_MAX_DUR, what, &v, err);
        r->dur[j] = (int)v;
        for (long k = 0; st == ES_OK && k < K; k++) {
            st = es_scan_long(&sc, 0, RCPSP_MAX_CAP, "resource request", &v, err);
            r->req[j * K + k] = (int)v;
        }
        long ns = 0;
        if (st == ES_OK)
            st = es_scan_long(&sc, 0, n - 1, "number of successors", &ns, err);
        for (long q = 0; st == ES_OK && q < ns; q++) {
            st = es_scan_long(&sc, 1, n, "successor", &v, err);
            if (st == ES_OK && v == j + 1)
                st = es_fail(err, ES_EPARSE, "%s:%ld: activity %ld is its own successor", sc.path, sc.line, j + 1);
            for (size_t e = total - (size_t)q; st == ES_OK && e < total; e++)
                if (list[e] == v - 1)
                    st = es_fail(err, ES_EPARSE, "%s:%ld: successor %ld listed twice", sc.path, sc.line, v);
            if (st == ES_OK)
                st = push(&list, &cap, &total, (int)v - 1, err);
        }
        count[j] = (int)ns;
    }
    if (st == ES_OK && !es_scan_eof(&sc))
        st = es_fail(err, ES_EPARSE, "%s:%ld: unexpected data after the %ld activities", sc.path, sc.line, n);
    if (st == ES_OK && set_successors(r, count, list, (int)total) != ES_OK)
        st = es_fail(err, ES_ENOMEM, "out of memory");
    free(count);
    free(list);
    *out = r; /* rcpsp_load finishes it, or frees it on failure */
    return st;
}

int rcpsp_load(const es_source *src, es_instance **out, es_error *err)
{
    if (src->selector)
        return es_fail(err, ES_EINVAL, "%s: holds a single project; ':%s' selects nothing", src->path, src->selector);
    rcpsp *r = NULL;
    size_t len = strlen(src->path);
    int st = (len > 4 && strcmp(src->path + len - 4, ".rcp") == 0) ? load_rcp(src, &r, err) : load_sm(src, &r, err);
    if (st == ES_OK)
        st = rcpsp_finish(r, src->path, err);
    if (st != ES_OK) {
        rcpsp_destroy((es_instance *)r);
        return st;
    }
    *out = (es_instance *)r;
    return ES_OK;
}
