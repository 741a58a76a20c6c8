/* Private to the rcpsp-keys representation (keys*.c): the genome's
 * layout, the decoders and the encoders its files share. keys.c is the
 * plug-in table, keys_decode.c turns keys into schedules and schedules into
 * keys, keys_window.c is its crossover and keys_tune.c its settings. */
#ifndef EVOSCHED_RCPSP_KEYS_H
#define EVOSCHED_RCPSP_KEYS_H

#include <stdint.h>
#include "rcpsp.h"

/* Our part of the scratch block, after what the activity-list code needs:
 * the bitset of eligible activities first (8-byte aligned), then ints. The
 * heap serves the parallel SGS; the serial decoders sort (keys_to_list). */
typedef struct keys_scratch {
    int *list, *count, *heap, *start, *active, *usage, *sorted, *rank, *bucket;
    uint64_t *eligible;
} keys_scratch;

size_t rcpsp_keys_scratch_size(const es_instance *inst);
keys_scratch rcpsp_keys_layout(const rcpsp *r, void *scratch);

/* The control genes, after the n keys. DIRECTION and DECODER: below 0.5
 * forward and serial. SCALE: one time unit as a key, 1 / (makespan + 1) of
 * the schedule the keys were written from (0: none, e.g. a priority rule's
 * ranks), which turns a start into a finish and back (see keys_window.c). */
#define GENE_DIRECTION(r) ((r)->n)
#define GENE_DECODER(r) ((r)->n + 1)
#define GENE_SCALE(r) ((r)->n + 2)
/* The DECODER gene of a window crossover's child (serial): its keys are a
 * schedule read the other way, so decoding it already justifies. A random
 * draw hits it with probability 2^-53, and then only costs a pass. */
#define CHILD_OF_WINDOW 0.0

/* Whether g decodes serially backward, i.e. its keys are finish times. */
static inline int rcpsp_keys_is_backward(const rcpsp *r, const es_genome *g)
{
    return g->keys[GENE_DECODER(r)] < 0.5 && g->keys[GENE_DIRECTION(r)] >= 0.5;
}

/* Decodes g, stopping early once the makespan must exceed cutoff (then
 * *complete = 0 and the bound is returned): start times into w->start, the
 * makespan returned. scratch is the evaluation's scratch block, w its
 * layout. */
int rcpsp_keys_decode_cutoff(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w, int cutoff,
                             int *complete);
/* The same without a cutoff. */
int rcpsp_keys_decode(const rcpsp *r, const es_genome *g, void *scratch, const keys_scratch *w);
/* Keys that decode (serial, forward) to exactly `list`: its ranks. */
void rcpsp_keys_encode_list(const rcpsp *r, const int *list, es_genome *g);
/* Keys that decode (serial, forward or backward) to exactly `list`, the
 * activities of the schedule `start` by start time (forward) or by
 * decreasing finish time (backward). */
void rcpsp_keys_encode_schedule(const rcpsp *r, const int *list, const int *start, int makespan, int backward,
                                es_genome *g);

/* The window crossover (keys_window.c); the child's keys are written, the
 * parents only read. */
int rcpsp_keys_window(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                      void *scratch, es_rng *rng);

/* The settings tuned to a budget of schedules or to a time limit
 * (keys_tune.c). */
void rcpsp_keys_tune(const es_instance *inst, long long evaluations, es_tuning *out);
void rcpsp_keys_tune_time(const es_instance *inst, double seconds, int threads, es_tuning *out);

#endif
