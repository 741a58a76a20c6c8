/* A plug-in as one built against version 1 of the problem API would look to
 * evosched: api_version 1, and whatever happens to lie where version 2's
 * hooks are (here, pointers that must never be called). The registry must
 * read those as NULL. */
#include <stdlib.h>
#include <evosched/evosched.h>

static int load(const es_source *src, es_instance **out, es_error *err)
{
    (void)src, (void)out;
    return es_fail(err, ES_ENOTSUP, "not a real problem");
}
static void destroy(es_instance *inst) { (void)inst; }
static void genome_info(const es_instance *inst, es_genome_info *out)
{
    (void)inst;
    *out = (es_genome_info){ES_GENOME_PERMUTATION, 1, NULL, NULL};
}
static size_t scratch_size(const es_instance *inst)
{
    (void)inst;
    return 0;
}
static int evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    (void)inst, (void)g, (void)scratch;
    *value = 0;
    return ES_OK;
}
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

static const es_problem old = {
    .api_version = 1,
    .name = "old-v1",
    .summary = "a version-1 table",
    .sense = ES_MINIMIZE,
    .load = load,
    .destroy = destroy,
    .genome_info = genome_info,
    .scratch_size = scratch_size,
    .evaluate = evaluate,
    .literature_bound = never_bound,       /* past the end of a real version-1 table */
    .feature_similarity = never_similar,
};
static const es_problem *const problems[] = {&old};
const es_plugin es_plugin_entry = {ES_PLUGIN_API_VERSION, "old-v1", 1, problems, 0, NULL};
