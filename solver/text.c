/* The shared scanner for instance and solution files; see evosched/text.h. */
#include <ctype.h>
#include <math.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <evosched/text.h>

void es_scanner_init(es_scanner *sc, const es_source *src, char comment)
{
    sc->path = src->path ? src->path : "<input>";
    sc->p = src->data;
    sc->end = src->data + src->size;
    sc->line = 1;
    sc->comment = comment;
}

static void skip_comment(es_scanner *sc)
{
    while (sc->p < sc->end && *sc->p != '\n')
        sc->p++;
}

int es_scan_eof(es_scanner *sc)
{
    while (sc->p < sc->end) {
        char c = *sc->p;
        if (c == '\n') {
            sc->line++;
            sc->p++;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
            sc->p++;
        else if (sc->comment && c == sc->comment)
            skip_comment(sc);
        else
            return 0;
    }
    return 1;
}

int es_scan_line_end(es_scanner *sc)
{
    while (sc->p < sc->end) {
        char c = *sc->p;
        if (c == ' ' || c == '\t' || c == '\r')
            sc->p++;
        else if (sc->comment && c == sc->comment)
            skip_comment(sc);
        else
            return c == '\n';
    }
    return 1;
}

/* The offending token, quoted and cut short, for error messages. */
static void token_text(const es_scanner *sc, char *buf, size_t size)
{
    size_t n = 0;
    const char *q = sc->p;
    while (q < sc->end && n + 1 < size && !isspace((unsigned char)*q)) {
        buf[n++] = isprint((unsigned char)*q) ? *q : '?';
        q++;
    }
    buf[n] = 0;
}

int es_scan_long(es_scanner *sc, long min, long max, const char *what, long *out, es_error *err)
{
    if (es_scan_eof(sc))
        return es_fail(err, ES_EPARSE, "%s:%ld: unexpected end of file: expected %s", sc->path, sc->line, what);
    const char *q = sc->p;
    int neg = 0;
    if (q < sc->end && (*q == '-' || *q == '+'))
        neg = *q++ == '-';
    if (q >= sc->end || !isdigit((unsigned char)*q)) {
        char tok[32];
        token_text(sc, tok, sizeof tok);
        return es_fail(err, ES_EPARSE, "%s:%ld: expected %s (an integer), found '%s'", sc->path, sc->line, what, tok);
    }
    long long v = 0;
    int overflow = 0;
    while (q < sc->end && isdigit((unsigned char)*q)) {
        if (v > (long long)1e15)
            overflow = 1;
        else
            v = v * 10 + (*q - '0');
        q++;
    }
    if (q < sc->end && !isspace((unsigned char)*q) && *q != ',' && !(sc->comment && *q == sc->comment)) {
        char tok[32];
        token_text(sc, tok, sizeof tok);
        return es_fail(err, ES_EPARSE, "%s:%ld: expected %s (an integer), found '%s'", sc->path, sc->line, what, tok);
    }
    if (neg)
        v = -v;
    if (overflow || v < min || v > max)
        return es_fail(err, ES_EPARSE, "%s:%ld: %s must lie in [%ld, %ld]", sc->path, sc->line, what, min, max);
    sc->p = q;
    *out = (long)v;
    return ES_OK;
}

int es_scan_word(es_scanner *sc, char *buf, size_t size, const char *what, es_error *err)
{
    if (es_scan_eof(sc))
        return es_fail(err, ES_EPARSE, "%s:%ld: unexpected end of file: expected %s", sc->path, sc->line, what);
    size_t n = 0;
    while (sc->p < sc->end && (isalnum((unsigned char)*sc->p) || strchr("_-.", *sc->p))) {
        if (n + 1 >= size)
            return es_fail(err, ES_EPARSE, "%s:%ld: %s is too long", sc->path, sc->line, what);
        buf[n++] = *sc->p++;
    }
    buf[n] = 0;
    if (n == 0) {
        char tok[32];
        token_text(sc, tok, sizeof tok);
        return es_fail(err, ES_EPARSE, "%s:%ld: expected %s, found '%s'", sc->path, sc->line, what, tok);
    }
    return ES_OK;
}

int es_scan_keyword(es_scanner *sc, const char *keyword, es_error *err)
{
    char quoted[64], word[64];
    snprintf(quoted, sizeof quoted, "'%s'", keyword);
    long line = (es_scan_eof(sc), sc->line);
    int st = es_scan_word(sc, word, sizeof word, quoted, err);
    if (st == ES_OK && strcmp(word, keyword) != 0)
        st = es_fail(err, ES_EPARSE, "%s:%ld: expected %s, found '%s'", sc->path, line, quoted, word);
    return st;
}

int es_scan_interval(es_scanner *sc, const char *tag, long max_id, long max_time, long *line, long *id, long *start,
                     long *end, es_error *err)
{
    es_scan_eof(sc);
    *line = sc->line;
    char word[64];
    int st = es_scan_word(sc, word, sizeof word, tag, err);
    if (st == ES_OK && strcmp(word, tag) != 0)
        st = es_fail(err, ES_EPARSE, "%s:%ld: expected a line '%s job start end', found '%s'", sc->path, *line, tag,
                     word);
    if (st == ES_OK)
        st = es_scan_long(sc, 1, max_id, "job number", id, err);
    if (st == ES_OK)
        st = es_scan_long(sc, 0, max_time, "start time", start, err);
    if (st == ES_OK)
        st = es_scan_long(sc, 0, max_time, "end time", end, err);
    return st;
}

int es_scan_line(es_scanner *sc, const char **start, size_t *len)
{
    if (sc->p >= sc->end)
        return 0;
    const char *s = sc->p;
    while (sc->p < sc->end && *sc->p != '\n')
        sc->p++;
    size_t n = (size_t)(sc->p - s);
    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (sc->p < sc->end) {
        sc->p++;
        sc->line++;
    }
    *start = s;
    *len = n;
    return 1;
}

/* The whole of f into *data (NUL-terminated, *len bytes), or an error
 * naming path; f stays open. */
static int read_all(FILE *f, const char *path, char **data, size_t *len, es_error *err)
{
    /* fopen accepts a folder on Linux and only the first read fails: say
     * what is wrong instead of a bare read error. */
    struct stat st;
    int known = fstat(fileno(f), &st) == 0;
    if (known && S_ISDIR(st.st_mode))
        return es_fail(err, ES_EIO, "%s: is a folder, not a file", path);
    /* A regular file says its size: refuse one too large at once (it took
     * 5 s and 1 GB of memory to find out by reading), and read the rest in
     * one buffer of the right size. Pipes and devices grow the buffer. */
    int regular = known && S_ISREG(st.st_mode) && st.st_size >= 0;
    int too_large = regular && (unsigned long long)st.st_size > ES_SOURCE_MAX;
    size_t cap = regular && (size_t)st.st_size >= (1 << 16) ? (size_t)st.st_size + 1 : 1 << 16, n = 0;
    char *buf = too_large ? NULL : malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n == cap && cap >= ES_SOURCE_MAX) {
            too_large = 1;
            break;
        }
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    int bad = ferror(f), bad_errno = errno;
    if (too_large || bad || !buf) {
        free(buf);
        return too_large ? es_fail(err, ES_ELIMIT, "%s: file larger than %zu bytes", path, ES_SOURCE_MAX)
               : bad     ? es_fail(err, ES_EIO, "%s: read error: %s", path, strerror(bad_errno))
                         : es_fail(err, ES_ENOMEM, "%s: out of memory reading the file", path);
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return ES_OK;
}

int es_source_read(const char *path, es_source *out, es_error *err)
{
    memset(out, 0, sizeof *out);
    /* "-" is standard input, as "-" is standard output for the results */
    int in = strcmp(path, "-") == 0;
    FILE *f = in ? stdin : fopen(path, "rb");
    if (!f)
        return es_fail(err, ES_EIO, "%s: cannot open: %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0;
    int st = read_all(f, path, &buf, &len, err);
    if (!in)
        fclose(f);
    if (st != ES_OK)
        return st;
    /* Editors on Windows start UTF-8 files with a byte order mark, which
     * no format here has: it goes, as if it were not there. UTF-16 would
     * read as a number every other byte: refused with the reason. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        len -= 3;
        memmove(buf, buf + 3, len + 1);
    } else if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 || memcmp(buf, "\xFE\xFF", 2) == 0)) {
        free(buf);
        return es_fail(err, ES_EPARSE, "%s:1: UTF-16 text (it starts with a byte order mark): save it as UTF-8 or ASCII",
                       path);
    }
    out->path = path;
    out->data = buf;
    out->size = len;
    return ES_OK;
}

void es_source_free(es_source *src)
{
    free((void *)src->data);
    src->data = NULL;
    src->size = 0;
}

int es_option_number(const char *name, const char *opt, const char *arg, double lo, double hi, int whole,
                     double *out, es_error *err)
{
    if (!arg)
        return es_fail(err, ES_EINVAL, "generate %s: %s needs a value", name, opt);
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (*arg == 0 || *end != 0 || errno || !(v >= lo && v <= hi) || (whole && v != floor(v)))
        return es_fail(err, ES_EINVAL, "generate %s: %s must be %s in [%.15g, %.15g], got '%s'", name, opt,
                       whole ? "an integer" : "a number", lo, hi, arg);
    *out = v;
    return ES_OK;
}

int es_option_seed(const char *name, const char *opt, const char *arg, uint64_t *out, es_error *err)
{
    if (!arg)
        return es_fail(err, ES_EINVAL, "generate %s: %s needs a value", name, opt);
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    if (!isdigit((unsigned char)*arg) || *end != 0 || errno)
        return es_fail(err, ES_EINVAL, "generate %s: %s must be an integer in [0, 18446744073709551615], got '%s'",
                       name, opt, arg);
    *out = (uint64_t)v;
    return ES_OK;
}
