/* Plug-ins as ones built against versions 1 to 7 of the problem API would
 * look to evosched: an older api_version, and whatever happens to lie where
 * later versions' hooks are (here, pointers that must never be called). The
 * registry must read those as NULL and keep the hooks of the stated
 * version. */
#include <stdlib.h>
#include <evosched/evosched.h>
#include "stub_hooks.h"

static int never_bound(const es_instance *inst, es_bound *out)
{
    (void)inst, (void)out;
    abort();
}
static double never_similar(const es_instance *inst, const es_genome *a, const es_genome *b, int *work)
{
    (void)inst, (void)a, (void)b, (void)work;
    abort();
}

static int never_cross(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                       void *scratch, es_rng *rng)
{
    (void)inst, (void)a, (void)b, (void)child, (void)scratch, (void)rng;
    abort();
}
static int literature(const es_instance *inst, es_bound *out)
{
    (void)inst;
    out->value = 1;
    return ES_OK;
}

static const es_problem old = {
    .api_version = 1,
    .name = "old-v1",
    .summary = "a version-1 table",
    STUB_PROBLEM_HOOKS,
    .literature_bound = never_bound,       /* past the end of a real version-1 table */
    .feature_similarity = never_similar,
};
static const es_problem old2 = {
    .api_version = 2,
    .name = "old-v2",
    .summary = "a version-2 table",
    STUB_PROBLEM_HOOKS,
    .literature_bound = literature,        /* version 2: kept */
    .crossover_name = "poison",            /* past the end of a real version-2 table */
    .crossover = never_cross,
};
static void never_tune(const es_instance *inst, long long evaluations, es_tuning *out)
{
    (void)inst, (void)evaluations;
    out->population = -1;
}
static const es_problem old3 = {
    .api_version = 3,
    .name = "old-v3",
    .summary = "a version-3 table",
    STUB_PROBLEM_HOOKS,
    .crossover_name = "kept",              /* version 3: kept */
    .crossover = never_cross,
    .tune = never_tune,                    /* past the end of a real version-3 table */
};
static int never_cutoff(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *value,
                        int *complete)
{
    (void)inst, (void)g, (void)scratch, (void)cutoff, (void)value, (void)complete;
    return ES_EINTERNAL;
}
static const es_problem old4 = {
    .api_version = 4,
    .name = "old-v4",
    .summary = "a version-4 table",
    STUB_PROBLEM_HOOKS,
    .tune = never_tune,                    /* version 4: kept */
    .evaluate_cutoff = never_cutoff,       /* past the end of a real version-4 table */
};
static void never_tune_time(const es_instance *inst, double seconds, int threads, es_tuning *out)
{
    (void)inst, (void)seconds, (void)threads;
    out->population = -1;
}
static const es_problem old5 = {
    .api_version = 5,
    .name = "old-v5",
    .summary = "a version-5 table",
    STUB_PROBLEM_HOOKS,
    .evaluate_cutoff = never_cutoff,       /* version 5: kept */
    .tune_time = never_tune_time,          /* past the end of a real version-5 table */
};
static int never_best_known(const es_instance *inst, const char *path, es_bound *out, es_error *err)
{
    (void)inst, (void)path, (void)out, (void)err;
    return ES_EINTERNAL;
}
static const es_problem old6 = {
    .api_version = 6,
    .name = "old-v6",
    .summary = "a version-6 table",
    STUB_PROBLEM_HOOKS,
    .tune_time = never_tune_time,          /* version 6: kept */
    .best_known = never_best_known,        /* past the end of a real version-6 table */
};
static int never_features(const es_instance *inst, const es_genome *g, int *out)
{
    (void)inst, (void)g, (void)out;
    return -1;
}
static const es_problem old7 = {
    .api_version = 7,
    .name = "old-v7",
    .summary = "a version-7 table",
    STUB_PROBLEM_HOOKS,
    .best_known = never_best_known,        /* version 7: kept */
    .features = never_features,            /* past the end of a real version-7 table */
};
static int never_read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    (void)inst, (void)sol, (void)out, (void)err;
    return ES_EINTERNAL;
}
static const es_problem old8 = {
    .api_version = 8,
    .name = "old-v8",
    .summary = "a version-8 table",
    STUB_PROBLEM_HOOKS,
    .features = never_features,            /* version 8: kept */
    .read_solution = never_read_solution,  /* past the end of a real version-8 table */
};
static const es_problem *const problems[] = {&old, &old2, &old3, &old4, &old5, &old6, &old7, &old8};
const es_plugin es_plugin_entry = {ES_PLUGIN_API_VERSION, "old-v1", 8, problems, 0, NULL};
