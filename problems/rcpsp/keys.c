/* RCPSP with random keys (`--problem rcpsp-keys`): the same instances,
 * bounds and checker as `rcpsp`, another representation. A genome holds one
 * key per activity and three control genes the search evolves with them:
 * which schedule generation scheme decodes it (serial or parallel), for the
 * serial one the direction (forward or backward), and the time scale of the
 * schedule its keys were written from. Keys are places in time, low for
 * early: the forward decoders take the eligible activity of lowest key
 * first, the backward one (which places activities from the end) the
 * highest. Every decode is one SGS pass, so one evaluation is still one
 * schedule.
 *
 * Local improvement is one forward-backward iteration: a crossover's child
 * is decoded the other way from its parents' schedules and one pass
 * justifies it back, any other genome is justified there and back; the
 * result is written back as the start or finish times of the last
 * schedule, which decode to exactly it again.
 *
 * This file is the plug-in table and what it needs besides the decoders
 * (keys_decode.c), the window crossover (keys_window.c) and the settings
 * tuned to the budget (keys_tune.c). */
#include <stdlib.h>
#include "keys.h"

static void genome_info(const es_instance *inst, es_genome_info *out)
{
    *out = (es_genome_info){ES_GENOME_RANDOM_KEYS, rcpsp_of(inst)->n + 3, NULL, NULL};
}

static int evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    *value = rcpsp_real(r, rcpsp_keys_decode(r, g, scratch, &w));
    return ES_OK;
}

static int evaluate_cutoff(const es_instance *inst, const es_genome *g, void *scratch, double cutoff,
                           double *value, int *complete)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    *value = rcpsp_real(r, rcpsp_keys_decode_cutoff(r, g, scratch, &w, rcpsp_cutoff_of(r, cutoff), complete));
    return ES_OK;
}

/* The activities of list that start (by_finish: finish) at the same time, in
 * random order. The justification's list then stays in time order, and its
 * guarantee holds; only the order among simultaneous activities, which the
 * sort took from topological ranks, changes. Such activities have no
 * precedence between them unless one lasts zero time, so a run of equal
 * times that holds one keeps its order. With the window crossover's tie
 * noise, all of j120 at 5,000 schedules gave 32.223 / 32.235 / 32.226 /
 * 32.189% against 32.231 / 32.229 / 32.278 / 32.226% (seeds 1-4 / 5-8 / 9-12
 * / 13-16), j60 at 5,000 10.905 against 10.938% (seeds 1-8), at 50,000
 * 10.563 / 10.563 against 10.571 / 10.566% (seeds 1-3 / 4-6), every 5th j120
 * instance at 50,000 30.758 against 30.800% (2 seeds), j30 at 5,000 0.0247
 * against 0.0262% from the optimum (16 seeds). docs/rcpsp-experiments.md,
 * "Stop 29". */
static void shuffle_ties(const rcpsp *r, int *list, const int *start, int by_finish, es_rng *rng)
{
    for (int i = 0; i < r->n;) {
        int t = start[list[i]] + (by_finish ? r->dur[list[i]] : 0), k = i, zero = 0;
        for (; k < r->n && start[list[k]] + (by_finish ? r->dur[list[k]] : 0) == t; k++)
            zero |= r->dur[list[k]] == 0;
        if (!zero && k - i > 1)
            es_rng_shuffle(rng, list + i, k - i);
        i = k;
    }
}

/* One forward-backward iteration. A genome is decoded, then justified the
 * other way and back: three passes. A child of the window crossover is
 * decoded in the direction opposite to its parents' schedules, so its
 * decode is itself a justification of their combined order (as in Debels &
 * Vanhoucke's bi-population GA) and one pass back completes the iteration:
 * two passes. On all of j120 at 5,000 schedules this gives 32.61% against
 * 32.80% for the previous version (every child decoded in its parents'
 * direction, then justified there and back). Random genomes and strong
 * perturbations (the initial population, restarts) keep their three: with
 * two, j60 at 50,000 schedules gave 10.670% against 10.648% and j30 at
 * 50,000 1,431 against 1,433 of 1,440 runs optimal (docs/rcpsp-experiments.md,
 * "Stop 22"). More passes per child did worse at every budget tried. The
 * genome is rewritten as the last schedule. */
static int improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                   long long *evaluations)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    int backward = rcpsp_keys_is_backward(r, g);
    int justify = g->keys[GENE_DECODER(r)] == CHILD_OF_WINDOW ? 1 : 2;
    int ms = rcpsp_keys_decode(r, g, scratch, &w), spent = 1;
    for (int pass = 0; pass < justify && spent < *evaluations; pass++) {
        if (backward)
            rcpsp_list_by_start(r, w.start, ms, scratch, w.list);
        else
            rcpsp_list_by_finish(r, w.start, ms, scratch, w.list);
        if (rng)
            shuffle_ties(r, w.list, w.start, !backward, rng);
        backward = !backward;
        ms = rcpsp_sgs(r, w.list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, scratch, w.start);
        rcpsp_keys_encode_schedule(r, w.list, w.start, ms, backward, g);
        spent++;
    }
    *value = rcpsp_real(r, ms);
    *evaluations = spent;
    return ES_OK;
}

static int heuristic(const es_instance *inst, int rule, es_genome *out, const char **name)
{
    const rcpsp *r = rcpsp_of(inst);
    /* the rules write activity lists (seeding happens once: allocating is fine) */
    int *list = malloc((size_t)r->n * sizeof *list);
    if (!list)
        return ES_ENOMEM;
    es_genome perm = {list, NULL};
    int st = rcpsp_heuristic(inst, rule, &perm, name);
    if (st == ES_OK)
        rcpsp_keys_encode_list(r, list, out);
    free(list);
    return st;
}
/* The file's jobs in start order, as ranks: the serial forward decode
 * takes them in that order (see rcpsp_read_order). */
static int read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    const rcpsp *r = rcpsp_of(inst);
    int *list = malloc((size_t)r->n * sizeof *list);
    if (!list)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int st = rcpsp_read_order(inst, sol, list, err);
    if (st == ES_OK)
        rcpsp_keys_encode_list(r, list, out);
    free(list);
    return st;
}

static int write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    int ms = rcpsp_keys_decode(r, g, scratch, &w);
    return rcpsp_print_schedule(r, w.start, ms, out);
}

static int write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    int ms = rcpsp_keys_decode(r, g, scratch, &w);
    return rcpsp_draw_schedule(r, w.start, ms, out);
}

/* RCPSP files come here, one point surer than the activity lists' table,
 * unless --problem rcpsp asks for lists (or an ant colony, which builds
 * lists, needs them): keys did better on every PSPLIB set (docs/rcpsp.md). */
static int detect(const es_source *src)
{
    int score = rcpsp_detect(src);
    return score > 0 ? score + 1 : 0;
}

/* Niching features: the time unit each activity's key places it in (a
 * start in a forward genome, a finish in a backward one, twice that plus the
 * direction so that the two never agree). Improved genomes are written as
 * their schedule (rcpsp_keys_encode_schedule), so these are its start or finish times,
 * read without decoding. Keys not written from a schedule give arbitrary
 * but harmless values. */
static int keys_features(const es_instance *inst, const es_genome *g, int *out)
{
    const rcpsp *r = rcpsp_of(inst);
    double scale = g->keys[GENE_SCALE(r)];
    /* key / scale is the time plus an offset of at least 1/(4n) below one
     * unit (rcpsp_keys_encode_schedule), so multiplying by the inverse floors alike */
    double inverse = scale > 0 ? 1.0 / scale : 0;
    int backward = rcpsp_keys_is_backward(r, g);
    for (int j = 0; j < r->n; j++) {
        double t = g->keys[j] * inverse;
        out[j] = 2 * (t >= 0 && t < 1e8 ? (int)t : -1) + backward;
    }
    return r->n;
}

static int glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x)
{
    const rcpsp *r = rcpsp_of(inst);
    keys_scratch w = rcpsp_keys_layout(r, scratch);
    int ms = rcpsp_keys_decode(r, g, scratch, &w);
    return rcpsp_glpk_schedule(r, w.start, ms, cutoff, x);
}

const es_problem es_problem_rcpsp_keys = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "rcpsp-keys",
    .summary = "RCPSP with random keys, decoded by serial (forward/backward) or parallel SGS (genes choose)",
    .sense = ES_MINIMIZE,
    .detect = detect,
    .load = rcpsp_load,
    .destroy = rcpsp_destroy,
    .genome_info = genome_info,
    .scratch_size = rcpsp_keys_scratch_size,
    .evaluate = evaluate,
    .heuristic = heuristic,
    .improve = improve,
    .lower_bound = rcpsp_lower_bound,
    .reference_bound = rcpsp_reference_bound,
    .best_known = rcpsp_best_known,
    .literature_bound = rcpsp_critical_path_bound,
    .write_solution = write_solution,
    .check = rcpsp_check,
    .read_solution = read_solution,
    .write_chart = write_chart,
    .evaluation_unit = "schedules",
    .glpk_model = rcpsp_glpk_model,
    .glpk_solution = glpk_solution,
    .population_hint = 60,
    .crossover_name = "window",
    .crossover = rcpsp_keys_window,
    .tune = rcpsp_keys_tune,
    .evaluate_cutoff = evaluate_cutoff,
    .tune_time = rcpsp_keys_tune_time,
    .features = keys_features,
};
