/* A small scanner for the line-oriented text formats of scheduling
 * instances, shared by every parser so that all of them report errors the
 * same way: "path:line: reason". Public, so that plug-ins can use it too. */
#ifndef EVOSCHED_TEXT_H
#define EVOSCHED_TEXT_H

#include <evosched/problem.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct es_scanner {
    const char *path;
    const char *p, *end;
    long line;          /* 1-based line of p */
    char comment;       /* a character that starts a comment to end of line, or 0 */
} es_scanner;

void es_scanner_init(es_scanner *sc, const es_source *src, char comment);

/* Skips blanks, newlines and comments. Returns 1 at the end of input. */
int es_scan_eof(es_scanner *sc);

/* Reads an integer in [min, max]; `what` names it in the error message
 * ("processing time of job 3"). ES_EPARSE on anything else, with the line. */
int es_scan_long(es_scanner *sc, long min, long max, const char *what, long *out, es_error *err);

/* Reads a word (letters, digits, '_', '-', '.') into buf. */
int es_scan_word(es_scanner *sc, char *buf, size_t size, const char *what, es_error *err);

/* Reads a word that must be `keyword` ("expected 'objective', found 'x'"). */
int es_scan_keyword(es_scanner *sc, const char *keyword, es_error *err);

/* Reads a solution line "TAG id start end" (id in [1, max_id], times in
 * [0, max_time]); *line gets its line number. */
int es_scan_interval(es_scanner *sc, const char *tag, long max_id, long max_time, long *line, long *id, long *start,
                     long *end, es_error *err);

/* Reads the rest of the current line (without the newline) and moves to the
 * next; *len excludes trailing blanks and '\r'. Returns 0 at end of input. */
int es_scan_line(es_scanner *sc, const char **start, size_t *len);

/* Skips blanks (not newlines) and comments; 1 if the line has no more tokens. */
int es_scan_line_end(es_scanner *sc);

/* For a problem's generate hook: reads the value arg (NULL when the option
 * came last) of option opt as a number in [lo, hi], a whole one when whole
 * is set. ES_EINVAL otherwise, with "generate NAME: --opt must be ..., got
 * 'arg'" in err (name is the problem's), so that every generator refuses a
 * bad value in the same words. */
int es_option_number(const char *name, const char *opt, const char *arg, double lo, double hi, int whole,
                     double *out, es_error *err);

/* The same for a seed: any integer in [0, 2^64 - 1], read exactly (a
 * double would round seeds above 2^53 and overflow at 2^64). */
int es_option_seed(const char *name, const char *opt, const char *arg, uint64_t *out, es_error *err);

/* Reads a whole file (at most ES_SOURCE_MAX bytes) into *out, NUL-terminated;
 * path "-" reads standard input.
 * A UTF-8 byte order mark at its start is dropped; UTF-16 text (a UTF-16
 * byte order mark) is refused with ES_EPARSE.
 * Ownership: the caller frees it with es_source_free; out->path points to
 * path, which must outlive it. */
#define ES_SOURCE_MAX ((size_t)1 << 30)
int es_source_read(const char *path, es_source *out, es_error *err);
void es_source_free(es_source *src);

#ifdef __cplusplus
}
#endif
#endif
