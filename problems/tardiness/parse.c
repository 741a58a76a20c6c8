/* Reading tardiness instances: OR-Library multi-instance files (wt40.txt:17),
 * the single-instance text format (n, then "p d w" per job) and CSV with a
 * "job,p,w,d" header (columns in any order). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

int tard_alloc(int n, tardiness **out)
{
    tardiness *t = calloc(1, sizeof *t);
    if (!t)
        return ES_ENOMEM;
    size_t m = (size_t)(n > 0 ? n : 1);
    t->n = n;
    t->p = calloc(m, sizeof *t->p);
    t->w = calloc(m, sizeof *t->w);
    t->d = calloc(m, sizeof *t->d);
    if (!t->p || !t->w || !t->d) {
        tard_destroy((es_instance *)t);
        return ES_ENOMEM;
    }
    *out = t;
    return ES_OK;
}

void tard_destroy(es_instance *inst)
{
    tardiness *t = (tardiness *)inst;
    if (!t)
        return;
    free(t->p);
    free(t->w);
    free(t->d);
    free(t);
}

/* n from an OR-Library file name: "wt40.txt" -> 40. 0 when the name is not one. */
static int orlib_jobs(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "wt", 2) != 0 || !isdigit((unsigned char)base[2]))
        return 0;
    long n = strtol(base + 2, NULL, 10);
    return n > 0 && n <= TARD_MAX_JOBS ? (int)n : 0;
}

/* A file named like OR-Library's (wt2000.txt, say, written by `evosched
 * generate`) may still be in the text format: it is when it has comments,
 * which OR-Library's integer streams never do, or when its first number n is
 * followed by exactly 3n more. */
static int looks_like_text(const es_source *src)
{
    if (memchr(src->data, '#', src->size))
        return 1;
    long first = -1, count = 0;
    for (const char *c = src->data, *end = src->data + src->size; c < end;) {
        while (c < end && !isdigit((unsigned char)*c))
            c++;
        if (c == end)
            break;
        if (first < 0)
            first = strtol(c, NULL, 10);
        count++;
        while (c < end && isdigit((unsigned char)*c))
            c++;
    }
    return first > 0 && first <= TARD_MAX_JOBS && count == 1 + 3 * first;
}

/* The OR-Library job count of src: from its name, unless its content is in
 * the text format. */
static int orlib_source_jobs(const es_source *src)
{
    int n = orlib_jobs(src->path);
    return n && !looks_like_text(src) ? n : 0;
}

static int is_csv(const es_source *src)
{
    const char *nl = memchr(src->data, '\n', src->size);
    size_t len = nl ? (size_t)(nl - src->data) : src->size;
    if (len < 6 || len > 200)
        return 0;
    char head[201];
    memcpy(head, src->data, len);
    head[len] = 0;
    for (char *c = head; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return strstr(head, "job") && strchr(head, ',') && strstr(head, "p") && strstr(head, "d");
}

/* OR-Library's files of optimal and best known values (wtopt40.txt,
 * wtbest100b.txt) sit beside its instances and hold numbers too, so the
 * text format would claim them; they are what tard_reference_bound reads,
 * not instances, and `evosched bench` on OR-Library's folder stopped at
 * them with a load error. */
static int orlib_values_file(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t skip = strncmp(base, "wtopt", 5) == 0 ? 5 : strncmp(base, "wtbest", 6) == 0 ? 6 : 0;
    return skip && isdigit((unsigned char)base[skip]);
}

int tard_detect(const es_source *src)
{
    if (orlib_values_file(src->path))
        return 0;
    if (is_csv(src))
        return 90;
    if (orlib_source_jobs(src))
        return 80;
    /* The plain text format: starts with a number. Weak, since other formats
     * may too; problems with a keyword header win. */
    es_scanner sc;
    es_scanner_init(&sc, src, '#');
    return (!es_scan_eof(&sc) && isdigit((unsigned char)*sc.p)) ? 30 : 0;
}

static void finish(tardiness *t)
{
    t->total_p = 0;
    t->weighted = 0;
    for (int j = 0; j < t->n; j++) {
        t->total_p += t->p[j];
        if (t->w[j] != 1)
            t->weighted = 1;
    }
}

static int parse_job(es_scanner *sc, tardiness *t, int j, const char *order, es_error *err)
{
    char what[64];
    for (const char *f = order; *f; f++) {
        long v;
        int st;
        if (*f == 'p') {
            snprintf(what, sizeof what, "processing time of job %d", j + 1);
            st = es_scan_long(sc, 1, TARD_MAX_P, what, &v, err);
            t->p[j] = (int32_t)v;
        } else if (*f == 'w') {
            snprintf(what, sizeof what, "weight of job %d", j + 1);
            st = es_scan_long(sc, 0, TARD_MAX_W, what, &v, err);
            t->w[j] = (int32_t)v;
        } else {
            snprintf(what, sizeof what, "due date of job %d", j + 1);
            st = es_scan_long(sc, 0, TARD_MAX_D, what, &v, err);
            t->d[j] = v;
        }
        if (st != ES_OK)
            return st;
    }
    return ES_OK;
}

static int load_orlib(const es_source *src, int n, tardiness **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, 0);
    long count = 0, v;
    /* First pass: validate every token and count them. */
    while (!es_scan_eof(&sc)) {
        int st = es_scan_long(&sc, 0, TARD_MAX_D, "a number", &v, err);
        if (st != ES_OK)
            return st;
        count++;
    }
    long per = 3L * n;
    if (count == 0 || count % per != 0)
        return es_fail(err, ES_EPARSE,
                       "%s:%ld: holds %ld numbers, not a whole number of %d-job instances (%ld numbers each): truncated?",
                       src->path, sc.line, count, n, per);
    long instances = count / per;
    long k = 1;
    if (src->selector) {
        char *end;
        k = strtol(src->selector, &end, 10);
        if (*src->selector == 0 || *end != 0 || k < 1 || k > instances)
            return es_fail(err, ES_EINVAL, "%s: instance '%s' does not exist: the file holds %ld instances (1..%ld)",
                           src->path, src->selector, instances, instances);
    } else if (instances > 1)
        return es_fail(err, ES_EINVAL, "%s: the file holds %ld instances; pick one with %s:K (K in 1..%ld)",
                       src->path, instances, src->path, instances);
    tardiness *t;
    if (tard_alloc(n, &t) != ES_OK)
        return es_fail(err, ES_ENOMEM, "out of memory");
    t->format = TARD_ORLIB;
    t->index = (int)k;
    t->count = (int)instances;
    /* Second pass: skip to instance k; it holds n p's, then n w's, then n d's. */
    es_scanner_init(&sc, src, 0);
    for (long i = 0; i < (k - 1) * per; i++)
        es_scan_long(&sc, 0, TARD_MAX_D, "a number", &v, NULL);
    const char *what[3] = {"processing time", "weight", "due date"};
    long lo[3] = {1, 0, 0}, hi[3] = {TARD_MAX_P, TARD_MAX_W, TARD_MAX_D};
    for (int f = 0; f < 3; f++)
        for (int j = 0; j < n; j++) {
            char msg[64];
            snprintf(msg, sizeof msg, "%s of job %d", what[f], j + 1);
            int st = es_scan_long(&sc, lo[f], hi[f], msg, &v, err);
            if (st != ES_OK) {
                tard_destroy((es_instance *)t);
                return st;
            }
            if (f == 0)
                t->p[j] = (int32_t)v;
            else if (f == 1)
                t->w[j] = (int32_t)v;
            else
                t->d[j] = v;
        }
    *out = t;
    return ES_OK;
}

static int load_text(const es_source *src, tardiness **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, '#');
    long n;
    int st = es_scan_long(&sc, 1, TARD_MAX_JOBS, "the number of jobs", &n, err);
    if (st != ES_OK)
        return st;
    tardiness *t;
    if (tard_alloc((int)n, &t) != ES_OK)
        return es_fail(err, ES_ENOMEM, "out of memory");
    t->format = TARD_TEXT;
    for (int j = 0; j < n && st == ES_OK; j++)
        st = parse_job(&sc, t, j, "pdw", err);
    /* OR-Library's files hold no count, so one renamed from wtN.txt reads
     * as this format with its first processing time as n: say so */
    if (st == ES_OK && !es_scan_eof(&sc))
        st = es_fail(err, ES_EPARSE,
                     "%s:%ld: unexpected data after the %ld jobs (an OR-Library file must keep its name, "
                     "wtN.txt for N-job instances: the job count comes from it)",
                     src->path, sc.line, n);
    if (st != ES_OK) {
        tard_destroy((es_instance *)t);
        return st;
    }
    *out = t;
    return ES_OK;
}

/* Column order of a CSV header, as a string over "jpwd", e.g. "jpwd". */
static int csv_header(const char *line, size_t len, char *order, const char *path, es_error *err)
{
    int n = 0;
    size_t i = 0;
    while (i <= len) {
        size_t s = i;
        while (i < len && line[i] != ',')
            i++;
        char name[16];
        size_t l = i - s;
        while (l > 0 && isspace((unsigned char)line[s]))
            s++, l--;
        while (l > 0 && isspace((unsigned char)line[s + l - 1]))
            l--;
        if (l >= sizeof name || n >= 4)
            return es_fail(err, ES_EPARSE, "%s:1: the header must name the columns job,p,w,d", path);
        for (size_t k = 0; k < l; k++)
            name[k] = (char)tolower((unsigned char)line[s + k]);
        name[l] = 0;
        char c = strcmp(name, "job") == 0 ? 'j' : strcmp(name, "p") == 0 ? 'p' : strcmp(name, "w") == 0 ? 'w'
                                             : strcmp(name, "d") == 0   ? 'd'
                                                                        : 0;
        if (!c || memchr(order, c, (size_t)n))
            return es_fail(err, ES_EPARSE, "%s:1: unknown or repeated column '%s' (expected job,p,w,d)", path, name);
        order[n++] = c;
        i++;
    }
    order[n] = 0;
    if (n != 4)
        return es_fail(err, ES_EPARSE, "%s:1: the header must name the four columns job,p,w,d", path);
    return ES_OK;
}

static int load_csv(const es_source *src, tardiness **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, 0);
    const char *line;
    size_t len;
    char order[5];
    es_scan_line(&sc, &line, &len);
    int st = csv_header(line, len, order, src->path, err);
    if (st != ES_OK)
        return st;
    /* Count data lines first so the instance is allocated once. */
    es_scanner probe = sc;
    long rows = 0;
    while (es_scan_line(&probe, &line, &len))
        if (len > 0)
            rows++;
    if (rows < 1 || rows > TARD_MAX_JOBS)
        return es_fail(err, ES_EPARSE, "%s:%ld: expected 1 to %d job rows, found %ld", src->path, probe.line,
                       TARD_MAX_JOBS, rows);
    tardiness *t;
    if (tard_alloc((int)rows, &t) != ES_OK)
        return es_fail(err, ES_ENOMEM, "out of memory");
    t->format = TARD_CSV;
    for (int j = 0; j < rows && st == ES_OK; j++) {
        while (es_scan_line_end(&sc) && sc.p < sc.end) { /* blank line */
            sc.p++;
            sc.line++;
        }
        long line_no = sc.line;
        for (int c = 0; c < 4 && st == ES_OK; c++) {
            char f[2] = {order[c], 0};
            long v;
            if (f[0] == 'j')
                st = es_scan_long(&sc, 0, (long)1e9, "job id", &v, err);
            else
                st = parse_job(&sc, t, j, f, err);
            if (st == ES_OK && sc.line != line_no)
                st = es_fail(err, ES_EPARSE, "%s:%ld: a row needs four values", src->path, line_no);
            if (st == ES_OK && c < 3) {
                if (es_scan_line_end(&sc))
                    st = es_fail(err, ES_EPARSE, "%s:%ld: a row needs four values, found %d", src->path, line_no,
                                 c + 1);
                else if (*sc.p != ',')
                    st = es_fail(err, ES_EPARSE, "%s:%ld: expected ',' after column %d", src->path, line_no, c + 1);
                else
                    sc.p++;
            }
        }
        if (st == ES_OK && !es_scan_line_end(&sc))
            st = es_fail(err, ES_EPARSE, "%s:%ld: more than four values in a row", src->path, line_no);
    }
    if (st != ES_OK) {
        tard_destroy((es_instance *)t);
        return st;
    }
    *out = t;
    return ES_OK;
}

int tard_load(const es_source *src, es_instance **out, es_error *err)
{
    tardiness *t = NULL;
    int st;
    int n = orlib_source_jobs(src);
    if (is_csv(src))
        st = load_csv(src, &t, err);
    else if (n)
        st = load_orlib(src, n, &t, err);
    else
        st = load_text(src, &t, err);
    if (st != ES_OK)
        return st;
    if (src->selector && t->format != TARD_ORLIB) {
        tard_destroy((es_instance *)t);
        return es_fail(err, ES_EINVAL, "%s: holds a single instance; ':%s' selects nothing", src->path, src->selector);
    }
    finish(t);
    *out = (es_instance *)t;
    return ES_OK;
}
