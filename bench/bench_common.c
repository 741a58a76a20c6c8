/* Helpers shared by the benchmark programs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench_common.h"

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
    fprintf(stderr, "bench: %s\n", err.message);
    exit(3);
}

void bench_load_detect(const es_registry *reg, const char *arg, char *path, size_t size, bench_instance *out)
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
    if (es_source_read(path, &probe, &err) != ES_OK || es_registry_detect(reg, &probe, &p, &err) != ES_OK) {
        fprintf(stderr, "bench: %s\n", err.message);
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
        fprintf(stderr, "bench: %s\n", err.message);
        exit(1);
    }
    r.best.perm = NULL;
    r.best.keys = NULL;
    es_solver_destroy(s);
    return r;
}

int bench_flag(int argc, char **argv, int *i, const char *name, double *out)
{
    if (strcmp(argv[*i], name) != 0 || *i + 1 >= argc)
        return 0;
    *out = atof(argv[++*i]);
    return 1;
}
