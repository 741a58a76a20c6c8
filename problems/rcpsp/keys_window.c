/* rcpsp-keys' crossover: a window of the first parent's schedule in time,
 * the rest from the second, read the other way round so that decoding the
 * child justifies it. */
#include "keys.h"

/* What turns g's keys into places in time in the given direction (a
 * start for forward, a finish for backward): key + duration * this. Zero
 * when g was written in that direction; otherwise one time unit of g's
 * schedule, added (start to finish) or taken away (finish to start). */
static double shift_to(const rcpsp *r, const es_genome *g, int backward)
{
    return (backward - rcpsp_keys_is_backward(r, g)) * g->keys[GENE_SCALE(r)];
}

/* Window crossover: the child takes the first parent's keys for the
 * activities that parent runs in a random stretch of 30% of its schedule
 * (keys being places in time, a stretch is an interval of key values) and
 * the second parent's keys for all others. The stretch keeps its place in
 * time and its inner order, the rest is laid out as in the second parent.
 * The child decodes serially in the direction opposite to the first
 * parent's, every key read in that direction: a finish where the parent
 * wrote a start, so that decoding it right-justifies a left-justified
 * combination (or the converse). Without that reading (each key taken as
 * written, the child in the first parent's direction, three passes per
 * child) all of j120 at 5,000 schedules gave 32.80%, and decoding such a
 * child the other way 33.8%; the uniform crossover (--crossover uniform)
 * 32.95%. In development builds, widths of 20-40% did as well and placing
 * the stretch where resource use is densest did worse, 33.2%
 * (docs/rcpsp-experiments.md, "How the results table got here"). */
#define WINDOW_WIDTH 0.3
/* Each key of the child then moves by up to a quarter of the first parent's
 * time unit, at random. Keys are written a time unit apart plus an offset
 * below half a unit (rcpsp_keys_encode_schedule), so this reorders only activities
 * placed in the same time unit, which their parents' lists had ordered
 * arbitrarily; a justified parent crossed with itself still decodes to a
 * justification. On all of j120 at 5,000 schedules it gave 32.231 / 32.229 /
 * 32.278 / 32.226% against 32.303 / 32.280 / 32.293 / 32.314% (seeds 1-4,
 * 5-8, 9-12, 13-16), at 1,000 34.100 against 34.159% (seeds 1-4); j60 at
 * 5,000 10.938 against 10.939% (8 seeds), at 50,000 10.571 / 10.566 against
 * 10.558 / 10.574% (seeds 1-3, 4-6); j30 at 5,000 0.0262 against 0.0259% from
 * the optimum (16 seeds); every 5th j120 instance at 50,000 30.800 against
 * 30.814% (2 seeds). 0.15 / 0.2 of a unit: j120 32.241 / 32.236%;
 * 0.35 / 0.5 / 1 unit, which also swap neighbouring units: 32.286 / 32.272 /
 * 32.294% (seeds 1-4). docs/rcpsp-experiments.md, "Stop 29". */
#define TIE_NOISE 0.25
int rcpsp_keys_window(const es_instance *inst, const es_genome *a, const es_genome *b, es_genome *child,
                      void *scratch, es_rng *rng)
{
    (void)scratch;
    const rcpsp *r = rcpsp_of(inst);
    double lo = es_rng_uniform(rng) * (1.0 - WINDOW_WIDTH), hi = lo + WINDOW_WIDTH;
    int backward = !rcpsp_keys_is_backward(r, a);
    double shift_a = shift_to(r, a, backward), shift_b = shift_to(r, b, backward);
    double noise = TIE_NOISE * a->keys[GENE_SCALE(r)];
    for (int j = 0; j < r->n; j++)
        child->keys[j] = (a->keys[j] >= lo && a->keys[j] < hi ? a->keys[j] + r->dur[j] * shift_a
                                                              : b->keys[j] + r->dur[j] * shift_b) +
                         (2 * es_rng_uniform(rng) - 1) * noise;
    child->keys[GENE_DIRECTION(r)] = backward ? 0.75 : 0.25;
    child->keys[GENE_DECODER(r)] = CHILD_OF_WINDOW;
    child->keys[GENE_SCALE(r)] = a->keys[GENE_SCALE(r)];
    return ES_OK;
}
