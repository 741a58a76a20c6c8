/* Helpers shared by the benchmark programs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench_common.h"

/* The program's name for its error messages, set by bench_options. */
static const char *me = "bench";

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void bench_load(const es_registry *reg, const char *name, const char *path, const char *selector,
                bench_instance *out)
{
    es_error err = {0, ""};
    if (es_source_read(path, &out->src, &err) != ES_OK || es_registry_find_problem(reg, name, &out->problem, &err))
        goto fail;
    out->src.selector = selector;
    if (out->problem->load(&out->src, &out->inst, &err) != ES_OK)
        goto fail;
    return;
fail:
    fprintf(stderr, "%s: %s\n", me, err.message);
    exit(3);
}

void bench_load_detect(const es_registry *reg, const char *arg, const char *algorithm, char *path, size_t size,
                       bench_instance *out)
{
    snprintf(path, size, "%s", arg);
    char *colon = strrchr(path, ':');
    const char *sel = NULL;
    if (colon && colon[1] >= '0' && colon[1] <= '9') {
        *colon = 0;
        sel = colon + 1;
    }
    es_source probe;
    es_error err = {0, ""};
    const es_problem *p;
    if (es_source_read(path, &probe, &err) != ES_OK ||
        es_registry_detect_for(reg, &probe, algorithm, &p, &err) != ES_OK) {
        fprintf(stderr, "%s: %s\n", me, err.message);
        exit(3);
    }
    es_source_free(&probe);
    bench_load(reg, p->name, path, sel, out);
}

void bench_unload(bench_instance *b)
{
    b->problem->destroy(b->inst);
    es_source_free(&b->src);
}

es_result bench_solve(const es_registry *reg, const bench_instance *b, const es_config *cfg)
{
    es_error err = {0, ""};
    es_solver *s;
    es_result r;
    if (es_solver_create(reg, b->problem, b->inst, cfg, &s, &err) != ES_OK ||
        es_solver_run(s, &r, &err) != ES_OK) {
        fprintf(stderr, "%s: %s\n", me, err.message);
        exit(1);
    }
    r.best.perm = NULL;
    r.best.keys = NULL;
    es_solver_destroy(s);
    return r;
}

static const char *program(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    return slash ? slash + 1 : argv0;
}

void bench_usage_error(const char *argv0, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", program(argv0));
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s", usage);
    exit(2);
}

/* Stores text into o's value; returns 0 when it is not a number of o's kind
 * within o's range. */
static int store(const bench_option *o, const char *text)
{
    char *end = NULL;
    errno = 0;
    if (o->kind == BENCH_TEXT) {
        *(const char **)o->value = text;
        return 1;
    }
    if (o->kind == BENCH_REAL) {
        double x = strtod(text, &end);
        if (end == text || *end || errno || !(x >= o->min && x <= o->max))
            return 0;
        *(double *)o->value = x;
        return 1;
    }
    long long x = strtoll(text, &end, 10);
    if (end == text || *end || errno || (double)x < o->min || (double)x > o->max)
        return 0;
    if (o->kind == BENCH_INT)
        *(int *)o->value = (int)x;
    else
        *(long long *)o->value = x;
    return 1;
}

int bench_options(int argc, char **argv, const char *usage, const bench_option *opts, int min_args,
                  int max_args, const char **args)
{
    me = program(argv[0]);
    int n = 0, rest = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (rest || a[0] != '-' || !a[1]) {
            if (max_args >= 0 && n == max_args)
                bench_usage_error(argv[0], usage, "too many inputs ('%s')", a);
            args[n++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            rest = 1;
            continue;
        }
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage, stdout);
            exit(0);
        }
        const bench_option *o = opts;
        while (o->name && strcmp(o->name, a))
            o++;
        if (!o->name)
            bench_usage_error(argv[0], usage, "unknown option '%s'", a);
        if (o->kind == BENCH_FLAG) {
            *(int *)o->value = 1;
            continue;
        }
        if (i + 1 >= argc)
            bench_usage_error(argv[0], usage, "%s needs a value", a);
        if (!strncmp(argv[i + 1], "--", 2)) /* as evosched: '--csv --quick' names no file '--quick' */
            bench_usage_error(argv[0], usage, "%s needs a value, not the option '%s'", a, argv[i + 1]);
        if (!store(o, argv[++i])) {
            if (o->kind == BENCH_REAL)
                bench_usage_error(argv[0], usage, "%s needs a number in [%g, %g], got '%s'", a, o->min, o->max,
                                  argv[i]);
            bench_usage_error(argv[0], usage, "%s needs an integer in [%.15g, %.15g], got '%s'", a, o->min, o->max,
                              argv[i]);
        }
    }
    if (n < min_args)
        bench_usage_error(argv[0], usage, "%s", n ? "too few inputs" : "no input given");
    return n;
}

int bench_best_bound(const bench_instance *b, const char *path, es_bound *out)
{
    const es_problem *p = b->problem;
    es_error err = {0, ""};
    es_bound ref;
    int has = p->lower_bound && p->lower_bound(b->inst, out) == ES_OK;
    if (p->reference_bound && p->reference_bound(b->inst, path, &ref, &err) == ES_OK &&
        (!has || (p->sense == ES_MINIMIZE ? ref.value > out->value : ref.value < out->value))) {
        *out = ref;
        has = 1;
    }
    return has;
}
