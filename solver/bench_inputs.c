/* `evosched bench`'s inputs: each argument (a file, FILE:K, a folder, an
 * @LIST file) expanded into the instances it names, in natural order, each
 * checked to load before any run starts. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bench.h"

int bench_names_add(names *l, const char *s)
{
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 64;
        char **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return ES_ENOMEM;
        l->v = v, l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return ES_ENOMEM;
    l->n++;
    return ES_OK;
}

void bench_names_free(names *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int natural_order(const void *a, const void *b)
{
    return strverscmp(*(char *const *)a, *(char *const *)b); /* j301_2 before j301_10 */
}

/* A file's instances: the file itself, or FILE:1..K when it holds many.
 * quiet: a file no problem recognises is skipped (a folder's bounds.csv);
 * one that a problem recognises but cannot read stops the bench. */
static int expand_file(const es_registry *reg, const char *problem, const char *path, int quiet, names *out,
                       es_error *err)
{
    if (quiet && problem) {
        /* --problem names how to read instances, not which files of a folder
         * are instances: that is still what some problem recognises. */
        es_source src;
        const es_problem *any;
        int claimed = es_source_read(path, &src, NULL) == ES_OK && es_registry_detect(reg, &src, &any, NULL) == ES_OK;
        es_source_free(&src);
        if (!claimed)
            return ES_OK;
    }
    es_loaded l;
    int st = es_cli_load(reg, path, problem, &l, err);
    int recognised = l.problem != NULL;
    es_cli_unload(&l);
    if (st == ES_OK)
        return bench_names_add(out, path);
    if (!recognised && quiet)
        return ES_OK;
    es_error first = *err;
    size_t len = strlen(path) + 24;
    char *sel = malloc(len);
    if (!sel)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int k = 0;
    for (;; k++) {
        snprintf(sel, len, "%s:%d", path, k + 1);
        if (es_cli_load(reg, sel, problem, &l, err) != ES_OK) {
            es_cli_unload(&l);
            break;
        }
        es_cli_unload(&l);
        if ((st = bench_names_add(out, sel)) != ES_OK)
            break;
    }
    free(sel);
    if (st == ES_ENOMEM)
        return es_fail(err, st, "out of memory");
    if (k == 0) { /* a file a problem claims but cannot read is an error, even in a folder */
        *err = first;
        return first.status;
    }
    return ES_OK;
}

static int expand_dir(const es_registry *reg, const char *problem, const char *dir, names *out, es_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return es_fail(err, ES_EIO, "%s: cannot open the folder", dir);
    names files = {0}, folders = {0};
    struct dirent *e;
    int st = ES_OK;
    while (st == ES_OK && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(len);
        if (!p) {
            st = es_fail(err, ES_ENOMEM, "out of memory");
            break;
        }
        snprintf(p, len, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(p, &sb) == 0 && (S_ISREG(sb.st_mode) || S_ISDIR(sb.st_mode)))
            st = bench_names_add(S_ISREG(sb.st_mode) ? &files : &folders, p);
        free(p);
    }
    closedir(d);
    if (files.n > 1) /* qsort wants a valid pointer even for no elements, and files.v is NULL then */
        qsort(files.v, (size_t)files.n, sizeof *files.v, natural_order);
    for (int i = 0; st == ES_OK && i < files.n; i++)
        st = expand_file(reg, problem, files.v[i], 1, out, err);
    bench_names_free(&files);
    /* A folder of sets (PSPLIB's j30, j60, j120): sets are named one by one,
     * each its own row of the report, so say which. */
    if (st == ES_OK && out->n == 0 && folders.n > 0) {
        qsort(folders.v, (size_t)folders.n, sizeof *folders.v, natural_order);
        st = es_fail(err, ES_ENOTFOUND,
                     "%s: no instance file in the folder, only folders: name those that are sets (%s%s%s%s)", dir,
                     folders.v[0], folders.n > 1 ? " " : "", folders.n > 1 ? folders.v[1] : "",
                     folders.n > 2 ? " ..." : "");
    } else if (st == ES_OK && out->n == 0)
        st = es_fail(err, ES_ENOTFOUND, "%s: no instance file in the folder", dir);
    bench_names_free(&folders);
    return st;
}


/* @LIST: one input per line, '#' comments; relative names are read from the
 * list's folder. */
static int expand_list(const es_registry *reg, const char *problem, const char *list, names *out, es_error *err)
{
    es_source src;
    int st = es_source_read(list, &src, err);
    if (st != ES_OK)
        return st;
    const char *slash = strrchr(list, '/');
    int dirlen = slash ? (int)(slash - list + 1) : 0;
    long line = 0;
    int before = out->n;
    for (const char *p = src.data; st == ES_OK && *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        line++;
        while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        while (n > 0 && (*p == ' ' || *p == '\t'))
            p++, n--;
        if (n > 0 && *p != '#') {
            char *name = malloc(n + (size_t)dirlen + 1);
            if (!name) {
                st = es_fail(err, ES_ENOMEM, "out of memory");
                break;
            }
            if (*p == '/')
                snprintf(name, n + 1, "%.*s", (int)n, p);
            else
                snprintf(name, n + (size_t)dirlen + 1, "%.*s%.*s", dirlen, list, (int)n, p);
            st = bench_expand(reg, problem, name, out, err);
            if (st != ES_OK && !strstr(err->message, list)) {
                es_error inner = *err;
                es_fail(err, st, "%s:%ld: %s", list, line, inner.message);
            }
            free(name);
        }
        p += n;
        while (*p && *p != '\n')
            p++;
        if (*p)
            p++;
    }
    es_source_free(&src);
    if (st == ES_OK && out->n == before) /* as for an empty folder: nothing to run is a mistake */
        st = es_fail(err, ES_ENOTFOUND, "%s: the list names no instance", list);
    return st;
}

int bench_expand(const es_registry *reg, const char *problem, const char *arg, names *out, es_error *err)
{
    /* Every run reads its instance itself, and standard input reads once */
    if (strcmp(arg, "-") == 0)
        return es_fail(err, ES_EINVAL, "-: standard input cannot be a bench input (each run reads its instance); "
                                       "save it to a file");
    if (arg[0] == '@')
        return expand_list(reg, problem, arg + 1, out, err);
    struct stat sb;
    if (stat(arg, &sb) == 0 && S_ISDIR(sb.st_mode))
        return expand_dir(reg, problem, arg, out, err);
    return expand_file(reg, problem, arg, 0, out, err);
}
