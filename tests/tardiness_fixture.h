/* Helpers for the tardiness tests: instances from strings or files. */
#ifndef ES_TARDINESS_FIXTURE_H
#define ES_TARDINESS_FIXTURE_H
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "problems/tardiness/tardiness.h"

static inline int load_text(const char *path, const char *text, const char *selector, tardiness **out, es_error *err)
{
    es_source src = {path, text, strlen(text), selector};
    es_instance *inst = NULL;
    int st = tard_load(&src, &inst, err);
    *out = (tardiness *)inst;
    return st;
}

static inline tardiness *load_wt40(int k)
{
    es_source src;
    es_error err = {0, ""};
    cr_assert_eq(es_source_read(ES_INSTANCES "/tardiness/wt40.txt", &src, &err), ES_OK, "%s", err.message);
    char sel[16];
    snprintf(sel, sizeof sel, "%d", k);
    src.selector = sel;
    es_instance *inst = NULL;
    cr_assert_eq(tard_load(&src, &inst, &err), ES_OK, "%s", err.message);
    es_source_free(&src);
    return (tardiness *)inst;
}

static inline long long wt40_optimum(int k)
{
    FILE *f = fopen(ES_INSTANCES "/tardiness/wtopt40.txt", "r");
    cr_assert_not_null(f);
    long long v = -1;
    for (int i = 0; i < k; i++)
        cr_assert_eq(fscanf(f, "%lld", &v), 1);
    fclose(f);
    return v;
}
#endif
