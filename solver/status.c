/* es_strerror and es_fail: the one place error codes get their words. */
#include <stdarg.h>
#include <stdio.h>
#include <evosched/evosched.h>

const char *es_strerror(int status)
{
    switch (status) {
    case ES_OK: return "success";
    case ES_ENOMEM: return "out of memory";
    case ES_EINVAL: return "invalid argument";
    case ES_EIO: return "input/output error";
    case ES_EPARSE: return "malformed input";
    case ES_ENOTSUP: return "not supported by this problem or operator";
    case ES_EINFEASIBLE: return "infeasible solution";
    case ES_EPLUGIN: return "plug-in error";
    case ES_ENOTFOUND: return "not found";
    case ES_ELIMIT: return "input exceeds a limit";
    case ES_EINTERNAL: return "internal error";
    default: return "unknown status";
    }
}

int(es_fail)(es_error *err, int status, const char *fmt, ...) /* parenthesised: see status.h */
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

const char *es_version(void) { return ES_VERSION_STRING; }
