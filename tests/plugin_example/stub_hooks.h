/* The required problem hooks of a problem that is never solved: the test
 * plug-ins that check how the registry reads a table (old versions, broken
 * tables) need a table that is otherwise valid, and nothing more. */
#ifndef ES_TEST_STUB_HOOKS_H
#define ES_TEST_STUB_HOOKS_H

#include <evosched/evosched.h>

static inline int stub_load(const es_source *src, es_instance **out, es_error *err)
{
    (void)src, (void)out;
    return es_fail(err, ES_ENOTSUP, "not a real problem");
}
static inline void stub_destroy(es_instance *inst) { (void)inst; }
static inline void stub_genome_info(const es_instance *inst, es_genome_info *out)
{
    (void)inst;
    *out = (es_genome_info){ES_GENOME_PERMUTATION, 1, NULL, NULL};
}
static inline size_t stub_scratch_size(const es_instance *inst)
{
    (void)inst;
    return 0;
}
static inline int stub_evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    (void)inst, (void)g, (void)scratch;
    *value = 0;
    return ES_OK;
}

/* The hooks every problem API version has. */
#define STUB_PROBLEM_HOOKS                                                                                 \
    .sense = ES_MINIMIZE, .load = stub_load, .destroy = stub_destroy, .genome_info = stub_genome_info,     \
    .scratch_size = stub_scratch_size, .evaluate = stub_evaluate

#endif
