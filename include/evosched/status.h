/* Status codes and error details shared by every evosched function.
 *
 * Every public function returns an int status (ES_OK or a negative ES_E* code)
 * and gives results through out-parameters, in the style of GLPK and libuv.
 * Where a failure has more to say than its code (a parse error's file, line and
 * reason), the caller passes an es_error that the callee fills in. */
#ifndef EVOSCHED_STATUS_H
#define EVOSCHED_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    ES_OK = 0,
    ES_ENOMEM = -1,      /* out of memory */
    ES_EINVAL = -2,      /* invalid argument or option */
    ES_EIO = -3,         /* file could not be read or written */
    ES_EPARSE = -4,      /* malformed input file */
    ES_ENOTSUP = -5,     /* the problem or operator does not offer this */
    ES_EINFEASIBLE = -6, /* a solution violates a constraint */
    ES_EPLUGIN = -7,     /* a plug-in could not be loaded or is incompatible */
    ES_ENOTFOUND = -8,   /* no problem or operator of that name */
    ES_ELIMIT = -9,      /* input exceeds a documented limit */
    ES_EINTERNAL = -10   /* a bug in evosched: please report it */
};

/* Human-readable text for a status code; never NULL, static storage. */
const char *es_strerror(int status);

/* Details of a failure. Functions that take an es_error * write a complete
 * sentence into message on failure ("file:line: reason" for input errors) and
 * leave it untouched on success. NULL is accepted wherever an es_error * is. */
#define ES_ERROR_MAX 512
typedef struct es_error {
    int status;
    char message[ES_ERROR_MAX];
} es_error;

/* Fills err (if not NULL) and returns status, so that a failing path can read
 * `return es_fail(err, ES_EPARSE, "%s:%ld: expected ...", file, line);`. */
int es_fail(es_error *err, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
#ifdef __clang_analyzer__
/* The static analyzer (scan-build) sees one file at a time: without this it
 * assumes es_fail may return ES_OK and follows failure paths on as if they
 * had succeeded, which buries real reports under false ones. */
#define es_fail(err, status, ...) ((void)(es_fail)(err, status, __VA_ARGS__), (status))
#endif

#ifdef __cplusplus
}
#endif
#endif
