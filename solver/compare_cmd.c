/* `evosched compare A B`: whether two benches differ beyond their seeds'
 * noise. A change to a search moves a set's figure by hundredths while
 * the seeds alone move it as much (all of j120 at 5,000 schedules: 4-seed
 * blocks 0.02 apart), so "B gave 31.998, A 32.012" says nothing until it is
 * set against that noise. This reads the seed spreads the two benches'
 * results.json already hold (bench_spread.c), pairs their sets by name
 * and gives the difference B - A with Welch's 95% interval. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "bench.h"
#include "cli.h"
#include "json.h"

static const char usage[] = "usage: evosched compare A B\n"
                            "  A, B: two `evosched bench` output folders (or their results.json files).\n"
                            "  Pairs the sets of the same name and prints, for each, both figures (the\n"
                            "  deviation from the field's bound, or else the mean gap: lower is better),\n"
                            "  the difference B - A and its 95% interval (Welch, over the per-seed means).\n"
                            "  Each bench needs two seeds or more (--seeds).\n";

typedef struct bench_file {
    char path[4096];
    cJSON *json;
} bench_file;

/* The line of a position in text, for "FILE:LINE: reason". */
static long line_of(const char *text, const char *at)
{
    long line = 1;
    for (const char *c = text; c < at && *c; c++)
        line += *c == '\n';
    return line;
}

/* Reads A: a folder's results.json, or the file itself. ES_OK, or an
 * error naming the file (and the line, for malformed JSON) in err. */
static int read_bench(const char *arg, bench_file *out, es_error *err)
{
    struct stat st;
    int dir = stat(arg, &st) == 0 && S_ISDIR(st.st_mode);
    size_t len = strlen(arg);
    const char *sep = len > 0 && arg[len - 1] == '/' ? "" : "/";
    int n = dir ? snprintf(out->path, sizeof out->path, "%s%sresults.json", arg, sep)
                : snprintf(out->path, sizeof out->path, "%s", arg);
    if (n < 0 || (size_t)n >= sizeof out->path)
        return es_fail(err, ES_EINVAL, "%s: path too long", arg);
    es_source src;
    int rc = es_source_read(out->path, &src, err);
    if (rc != ES_OK)
        return rc;
    const char *end = NULL;
    out->json = cJSON_ParseWithOpts(src.data, &end, 1);
    if (!out->json) {
        const char *at = cJSON_GetErrorPtr();
        long line = at && at >= src.data && at <= src.data + src.size ? line_of(src.data, at) : 1;
        es_source_free(&src);
        return es_fail(err, ES_EPARSE, "%s:%ld: not valid JSON", out->path, line);
    }
    es_source_free(&src);
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(out->json, "sets"))) {
        cJSON_Delete(out->json);
        out->json = NULL;
        return es_fail(err, ES_EPARSE, "%s: not the results.json of `evosched bench` (no \"sets\" list)", out->path);
    }
    return ES_OK;
}

static const char *text_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double number_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* A set's name without its folders: benches run from different places
 * name the same set by different paths. */
static const char *set_name(const cJSON *set)
{
    const char *name = text_of(set, "name");
    return name ? bench_base_name(name) : "";
}

/* Equal up to a trailing slash ("j120/" and "j120"). */
static int same_name(const cJSON *a, const cJSON *b)
{
    const char *x = set_name(a), *y = set_name(b);
    size_t nx = strcspn(x, "/"), ny = strcspn(y, "/");
    return nx == ny && strncmp(x, y, nx) == 0;
}

/* One spread, or 0 when the set has none (one seed, or failed runs). */
typedef struct spread {
    const char *figure;
    double mean, sd;
    int seeds;
} spread;

static int spread_of(const cJSON *set, spread *out)
{
    const cJSON *sp = cJSON_GetObjectItemCaseSensitive(set, "seed_spread");
    out->figure = text_of(sp, "figure");
    out->mean = number_of(sp, "mean");
    out->sd = number_of(sp, "sd");
    double n = number_of(sp, "seeds");
    out->seeds = n >= 2 && n < 1e9 ? (int)n : 0;
    return out->figure && isfinite(out->mean) && isfinite(out->sd) && out->sd >= 0 && out->seeds >= 2;
}

static void compare_sets(const cJSON *sa, const cJSON *sb)
{
    spread a, b;
    printf("%-12s", set_name(sa));
    if (!spread_of(sa, &a) || !spread_of(sb, &b)) {
        puts("  no spread in both: each bench needs --seeds 2 or more and no failed run");
        return;
    }
    if (strcmp(a.figure, b.figure) != 0) {
        printf("  figures differ (%s against %s)\n", a.figure, b.figure);
        return;
    }
    /* Welch: the two benches' seeds are independent samples with their own
     * spreads; the degrees of freedom rounded down, which widens the
     * interval a little rather than narrow it */
    double va = a.sd * a.sd / a.seeds, vb = b.sd * b.sd / b.seeds, diff = b.mean - a.mean;
    double se = sqrt(va + vb), half = 0;
    if (se > 0) {
        double dof = (va + vb) * (va + vb) / (va * va / (a.seeds - 1) + vb * vb / (b.seeds - 1));
        half = bench_t95(dof < 1 ? 1 : dof > 1e6 ? 1000000 : (int)dof) * se;
    }
    double lo = diff - half, hi = diff + half;
    char ca[48], cb[48], ci[64];
    snprintf(ca, sizeof ca, "%.3f (%d)", a.mean, a.seeds);
    snprintf(cb, sizeof cb, "%.3f (%d)", b.mean, b.seeds);
    snprintf(ci, sizeof ci, "%+.3f to %+.3f", lo, hi);
    printf("  %-18s  %14s  %14s  %+8.3f  %-20s  %s\n", strcmp(a.figure, "gap_percent") ? "literature dev. %" : "mean gap %",
           ca, cb, diff, ci, hi < 0 ? "B better" : lo > 0 ? "B worse" : "not shown to differ");
}

int es_cmd_compare(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (argc != 3) {
        fprintf(stderr, "evosched compare: two benches expected\n%s", usage);
        return EXIT_USAGE;
    }
    bench_file f[2] = {{"", NULL}, {"", NULL}};
    es_error err = {0};
    int code = EXIT_OK;
    for (int i = 0; i < 2 && code == EXIT_OK; i++)
        if (read_bench(argv[1 + i], &f[i], &err) != ES_OK) {
            fprintf(stderr, "evosched compare: %s\n", err.message);
            code = EXIT_INPUT;
        }
    if (code == EXIT_OK) {
        const cJSON *sets[2] = {cJSON_GetObjectItemCaseSensitive(f[0].json, "sets"),
                                cJSON_GetObjectItemCaseSensitive(f[1].json, "sets")};
        for (int i = 0; i < 2; i++)
            printf("%s: %s: %s; %g seed(s) per instance\n", i ? "B" : "A", f[i].path,
                   text_of(f[i].json, "budget") ? text_of(f[i].json, "budget") : "?", number_of(f[i].json, "seeds"));
        printf("\n%-12s  %-18s  %14s  %14s  %8s  %-20s  %s\n", "set", "figure", "A (seeds)", "B (seeds)", "B - A",
               "95% interval", "verdict");
        int paired = 0;
        const cJSON *sa, *sb;
        cJSON_ArrayForEach(sa, sets[0])
        {
            cJSON_ArrayForEach(sb, sets[1])
            {
                if (!same_name(sa, sb))
                    continue;
                compare_sets(sa, sb);
                if (number_of(sa, "instances") != number_of(sb, "instances"))
                    printf("%-12s  (the sets differ: %g instances in A, %g in B)\n", "", number_of(sa, "instances"),
                           number_of(sb, "instances"));
                paired++;
            }
        }
        if (!paired) {
            fprintf(stderr, "evosched compare: %s and %s have no set of the same name\n", f[0].path, f[1].path);
            code = EXIT_INPUT;
        } else
            puts("\nLower is better. \"not shown to differ\": the interval holds 0, so the difference may be the "
                 "seeds' noise.");
    }
    cJSON_Delete(f[0].json);
    cJSON_Delete(f[1].json);
    return code;
}
