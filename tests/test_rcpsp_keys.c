/* RCPSP's search operators: the random keys' decoders (rcpsp-keys) against
 * the checker and a reference, the justification, the keys' window
 * crossover, the activity lists' peak crossover, and the early abort of a
 * pass that cannot beat the incumbent. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include "test_util.h"
#include "rcpsp_fixture.h"
#include "problems/rcpsp/keys.h"

static const char *const files[] = RCPSP_TEST_FILES;

/* Start and finish times of the schedule g decodes to, read back from the
 * problem's own solution text (so through write_solution, not its decoder). */
static void decoded_times(const es_problem *p, const rcpsp *r, const es_genome *g, void *scratch, int *start,
                          int *finish)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(p->write_solution((const es_instance *)r, g, scratch, out), ES_OK);
    fclose(out);
    int read = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        int j, s0, f0;
        if (sscanf(line, "J %d %d %d", &j, &s0, &f0) == 3) {
            start[j - 1] = s0;
            finish[j - 1] = f0;
            read++;
        }
    }
    cr_assert_eq(read, r->n);
    free(buf);
}

/* How the random-key tests begin: the rcpsp-keys table from a new registry
 * (the caller destroys it) and a seeded generator. */
static const es_problem *keys_open(es_registry **reg, es_rng *rng, uint64_t seed, uint64_t stream)
{
    es_registry_create(reg);
    es_rng_seed(rng, seed, stream);
    return builtin_problem(*reg, "rcpsp-keys");
}

/* Fresh uniform keys for every gene of g, control genes included. */
static void random_keys(const es_genome_info *info, es_genome *g, es_rng *rng)
{
    for (int i = 0; i < info->length; i++)
        g->keys[i] = es_rng_uniform(rng);
}

/* What the independent checker finds in g's solution file, as the problem
 * writes it (not its decoder): the makespan, after asserting it is feasible. */
static double checked_makespan(const es_problem *p, es_instance *inst, const es_genome *g, void *scratch,
                               const char *what)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_eq(p->write_solution(inst, g, scratch, out), ES_OK);
    fclose(out);
    es_source sol = {"sol.txt", buf, len, NULL};
    double checked;
    es_error err = {0, ""};
    cr_assert_eq(p->check(inst, &sol, &checked, &err), ES_OK, "%s: %s", what, err.message);
    free(buf);
    return checked;
}

/* The justification orders activities that start (or finish) together at
 * random, from the improvement's stream (keys.c, shuffle_ties): one genome
 * improved from two streams gives two schedules, both feasible and no
 * longer than its decode; without a stream the order is the sort's. */
Test(rcpsp_keys, justification_breaks_ties_at_random_and_never_lengthens)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 41, 2);
    for (int f = 0; f < NFILES; f++) {
        genome_pair g;
        pair_open(p, files[f], &g);
        es_genome c;
        es_genome_alloc(&g.info, &c);
        int differ = 0;
        for (int trial = 0; trial < 30; trial++) {
            random_keys(&g.info, &g.a, &rng);
            g.a.keys[g.r->n + 1] = 0.25; /* serial, either direction */
            double v;
            cr_assert_eq(p->evaluate(g.inst, &g.a, g.scratch, &v), ES_OK);
            for (int k = 0; k < 3; k++) { /* two streams, then none twice */
                es_genome *out = k == 0 ? &g.b : &c;
                es_genome_copy(&g.info, out, &g.a);
                es_rng stream;
                es_rng_seed(&stream, (uint64_t)trial, (uint64_t)k);
                long long evals = 3;
                double improved;
                cr_assert_eq(p->improve(g.inst, out, &improved, g.scratch, k < 2 ? &stream : NULL, &evals), ES_OK);
                cr_assert_leq(improved, v, "%s: %g after justification, %g before", files[f], improved, v);
                cr_assert_eq(checked_makespan(p, g.inst, out, g.scratch, files[f]), improved);
                if (k == 1)
                    differ += memcmp(g.b.keys, c.keys, (size_t)g.r->n * sizeof *c.keys) != 0;
                if (k == 2) { /* no stream: the same order every time */
                    es_genome_copy(&g.info, &g.b, &g.a);
                    evals = 3;
                    p->improve(g.inst, &g.b, &improved, g.scratch, NULL, &evals);
                    cr_assert_eq(memcmp(g.b.keys, c.keys, (size_t)g.r->n * sizeof *c.keys), 0);
                }
            }
        }
        cr_assert_gt(differ, 0, "%s: two streams never ordered ties differently", files[f]);
        es_genome_free(&c);
        pair_close(&g);
    }
    es_registry_destroy(reg);
}

/* Random keys (rcpsp-keys): every decoder — serial forward, serial backward,
 * parallel — yields schedules the independent checker accepts at the stated
 * makespan; the improvement never lengthens one, spends what it reports
 * (a decode and a justification there and back: three passes when it may),
 * and leaves keys that decode to its result and are places in time: a
 * serial genome keeps its direction, its keys order the activities as their
 * start times (forward) or finish times (backward) do, and its scale gene
 * is one time unit of that schedule. Its niching features are those times,
 * read from the keys alone, with the direction. */
Test(rcpsp_keys, every_decoder_passes_the_checker_and_improvement_is_consistent)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 77, 1);
    for (int f = 0; f < NFILES; f++) {
        genome_pair pair;
        pair_open(p, files[f], &pair);
        const rcpsp *r = pair.r;
        es_instance *inst = pair.inst;
        es_genome_info info = pair.info;
        cr_assert_eq(info.kind, ES_GENOME_RANDOM_KEYS);
        cr_assert_eq(info.length, r->n + 3);
        es_genome g = pair.a;
        void *scratch = pair.scratch;
        int seen[3] = {0, 0, 0};
        for (int trial = 0; trial < 60; trial++) {
            random_keys(&info, &g, &rng);
            int mode = g.keys[r->n + 1] >= 0.5 ? 2 : g.keys[r->n] >= 0.5;
            seen[mode]++;
            double v;
            cr_assert_eq(p->evaluate(inst, &g, scratch, &v), ES_OK);
            cr_assert_geq(v, r->critical_path);
            cr_assert_eq(checked_makespan(p, inst, &g, scratch, files[f]), v, "%s (decoder %d)", files[f], mode);
            long long allowance = 1 + trial % 5, evals = allowance;
            double improved = v;
            cr_assert_eq(p->improve(inst, &g, &improved, scratch, NULL, &evals), ES_OK);
            cr_assert_eq(evals, allowance < 3 ? allowance : 3, "spent %lld of %lld", evals, allowance);
            cr_assert_leq(improved, v, "%s: improvement lengthened %.0f to %.0f", files[f], v, improved);
            double again;
            p->evaluate(inst, &g, scratch, &again);
            cr_assert_eq(again, improved, "improved keys decode to %.0f, not %.0f", again, improved);
            if (allowance < 3)
                continue;
            cr_assert_lt(g.keys[r->n + 1], 0.5, "improved keys decode serially");
            int backward = g.keys[r->n] >= 0.5;
            cr_assert_eq(backward, mode == 1, "decoder %d came back %s", mode, backward ? "backward" : "forward");
            cr_assert_float_eq(g.keys[r->n + 2], 1.0 / (improved + 1.0), 1e-12, "scale %g for makespan %.0f",
                               g.keys[r->n + 2], improved);
            int *start = malloc(2 * (size_t)r->n * sizeof *start), *finish = start + r->n;
            decoded_times(p, r, &g, scratch, start, finish);
            const int *when = backward ? finish : start;
            int *feature = malloc((size_t)info.length * sizeof *feature);
            cr_assert_eq(p->features(inst, &g, feature), r->n);
            for (int a = 0; a < r->n; a++)
                cr_assert_eq(feature[a], 2 * when[a] + backward, "%s: job %d %s at %d has feature %d", files[f],
                             a + 1, backward ? "finishes" : "starts", when[a], feature[a]);
            free(feature);
            for (int a = 0; a < r->n; a++)
                for (int b = 0; b < r->n; b++)
                    if (when[a] < when[b])
                        cr_assert_lt(g.keys[a], g.keys[b], "%s: job %d at %d has key %g, job %d at %d key %g",
                                     files[f], a + 1, when[a], g.keys[a], b + 1, when[b], g.keys[b]);
            free(start);
        }
        cr_assert(seen[0] && seen[1] && seen[2], "a decoder was never exercised");
        pair_close(&pair);
    }
    es_registry_destroy(reg);
}

/* The list a serial decoder must follow, by its definition: at each step
 * the eligible activity (all predecessors placed; backward, all successors)
 * of lowest key (backward: highest), ties to the lower topological rank. */
static void reference_list(const rcpsp *r, const double *key, int backward, int *list)
{
    char *placed = calloc((size_t)r->n, 1);
    const int *in_start = backward ? r->succ_start : r->pred_start, *in = backward ? r->succ : r->pred;
    for (int i = 0; i < r->n; i++) {
        int best = -1;
        for (int j = 0; j < r->n; j++) {
            int ready = !placed[j];
            for (int e = in_start[j]; e < in_start[j + 1] && ready; e++)
                ready = placed[in[e]];
            if (!ready)
                continue;
            double a = backward ? -key[j] : key[j], b = best < 0 ? 0 : backward ? -key[best] : key[best];
            if (best < 0 || a < b || (a == b && r->topo[j] < r->topo[best]))
                best = j;
        }
        cr_assert_geq(best, 0);
        placed[best] = 1;
        list[i] = best;
    }
    free(placed);
}

/* Serial decoding of random keys follows that definition exactly, forward
 * and backward, on keys spread evenly, keys with many ties, keys crowded
 * into a range too small to tell apart by bucket, and equal keys: the
 * decoded schedule is the serial SGS of the reference list. */
Test(rcpsp_keys, serial_decoders_take_the_eligible_activity_of_best_key)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 5, 1);
    for (int f = 0; f < NFILES; f++) {
        genome_pair pair;
        pair_open(p, files[f], &pair);
        const rcpsp *r = pair.r;
        int n = r->n;
        int *list = malloc(4 * (size_t)n * sizeof *list), *start = list + n, *finish = start + n, *want = finish + n;
        void *sgs_scratch = calloc(1, rcpsp_scratch_size(pair.inst));
        for (int trial = 0; trial < 80; trial++) {
            int pattern = trial % 4, backward = trial / 4 % 2;
            for (int j = 0; j < n; j++) {
                double u = es_rng_uniform(&rng);
                pair.a.keys[j] = pattern == 0   ? u
                                 : pattern == 1 ? floor(u * 4) / 4       /* ties */
                                 : pattern == 2 ? 0.5 + u * 1e-14 /* one bucket, and an outlier */
                                                : 0.25;                   /* all equal */
            }
            if (pattern == 2)
                pair.a.keys[3] = 1.0;
            pair.a.keys[n] = backward ? 0.75 : 0.25; /* direction */
            pair.a.keys[n + 1] = 0.25;               /* serial */
            pair.a.keys[n + 2] = 0.0;
            reference_list(r, pair.a.keys, backward, list);
            rcpsp_sgs(r, list, backward ? RCPSP_BACKWARD : RCPSP_FORWARD, sgs_scratch, want);
            decoded_times(p, r, &pair.a, pair.scratch, start, finish);
            for (int j = 0; j < n; j++)
                cr_assert_eq(start[j], want[j], "%s, pattern %d, %s: job %d starts at %d, not %d", files[f],
                             pattern, backward ? "backward" : "forward", j + 1, start[j], want[j]);
        }
        free(sgs_scratch);
        free(list);
        pair_close(&pair);
    }
    es_registry_destroy(reg);
}

/* The parallel SGS by its definition, naively: at time t, a pass over the
 * activities eligible then (every predecessor finished by t), lowest key
 * first (ties: lower topological rank), starts each for which every
 * resource has room beside the activities running at t; an activity of no
 * duration runs at no time and so takes no room, but finishes at once, and
 * then another pass at t takes what it released. Otherwise t moves to the
 * next finish. Writes start times; returns the makespan. */
static int reference_parallel(const rcpsp *r, const double *key, int *start)
{
    int n = r->n, K = r->K, t = 0, left = n, makespan = 0;
    int *order = malloc((size_t)n * sizeof *order);
    for (int j = 0; j < n; j++)
        start[j] = -1;
    while (left > 0) {
        int m = 0;
        for (int j = 0; j < n; j++) {
            int ready = start[j] < 0;
            for (int e = r->pred_start[j]; e < r->pred_start[j + 1] && ready; e++)
                ready = start[r->pred[e]] >= 0 && start[r->pred[e]] + r->dur[r->pred[e]] <= t;
            if (ready)
                order[m++] = j;
        }
        for (int a = 1; a < m; a++) /* by key, then rank */
            for (int b = a; b > 0; b--) {
                int x = order[b - 1], y = order[b];
                if (key[y] < key[x] || (key[y] == key[x] && r->topo[y] < r->topo[x]))
                    order[b - 1] = y, order[b] = x;
            }
        int again = 0;
        for (int q = 0; q < m; q++) {
            int j = order[q], fits = 1;
            for (int k = 0; k < K && fits && r->dur[j] > 0; k++) {
                int use = r->req[j * K + k];
                for (int i = 0; i < n; i++)
                    if (start[i] >= 0 && start[i] <= t && t < start[i] + r->dur[i])
                        use += r->req[i * K + k];
                fits = use <= r->cap[k];
            }
            if (!fits)
                continue;
            start[j] = t;
            left--;
            again |= r->dur[j] == 0;
            makespan = t + r->dur[j] > makespan ? t + r->dur[j] : makespan;
        }
        if (again)
            continue;
        int next = -1;
        for (int i = 0; i < n; i++)
            if (start[i] >= 0 && start[i] + r->dur[i] > t && (next < 0 || start[i] + r->dur[i] < next))
                next = start[i] + r->dur[i];
        cr_assert_geq(next, 0, "nothing runs and nothing can start at %d", t);
        t = next;
    }
    free(order);
    return makespan;
}

/* j301_1 with a third of its activities made instantaneous: they keep
 * their requests, which the parallel SGS must not count. */
static long every_third_instant(int line, long d, long unused)
{
    (void)unused;
    return line % 3 == 0 ? 0 : d;
}

/* The parallel decoder starts every activity where the definition does,
 * on random keys (spread, and with many ties) of every committed project
 * and of one with instantaneous activities that request resources. */
Test(rcpsp_keys, parallel_decoder_follows_its_definition)
{
    es_rng rng;
    es_rng_seed(&rng, 48, 2);
    rcpsp *instant = load_mapped(every_third_instant, 0, "instant.rcp");
    for (int f = 0; f <= NFILES; f++) {
        rcpsp *r = f < NFILES ? load_file(files[f]) : instant;
        const char *name = f < NFILES ? files[f] : "instant.rcp";
        int n = r->n, *want = malloc(2 * (size_t)n * sizeof *want);
        double *key = malloc(((size_t)n + 3) * sizeof *key);
        void *scratch = calloc(1, rcpsp_keys_scratch_size((es_instance *)r));
        keys_scratch w = rcpsp_keys_layout(r, scratch);
        es_genome g = {NULL, key};
        long waited = 0;
        for (int trial = 0; trial < 60; trial++) {
            for (int j = 0; j < n; j++) {
                double u = es_rng_uniform(&rng);
                key[j] = trial % 2 ? floor(u * 4) / 4 : u;
            }
            key[n] = 0.25, key[n + 1] = 0.75, key[n + 2] = 0; /* parallel */
            int ms = reference_parallel(r, key, want);
            cr_assert_eq(rcpsp_keys_decode(r, &g, scratch, &w), ms, "%s, trial %d: makespan", name, trial);
            for (int j = 0; j < n; j++)
                cr_assert_eq(w.start[j], want[j], "%s, trial %d: job %d starts at %d, the definition's %d", name,
                             trial, j + 1, w.start[j], want[j]);
            for (int j = 0; j < n; j++)
                for (int e = r->pred_start[j]; e < r->pred_start[j + 1]; e++)
                    if (want[j] > want[r->pred[e]] + r->dur[r->pred[e]]) {
                        waited++;
                        break;
                    }
        }
        cr_assert_gt(waited, 0, "%s: no activity waited for a resource", name);
        free(scratch);
        free(key);
        free(want);
        if (r != instant)
            rcpsp_destroy((es_instance *)r);
    }
    rcpsp_destroy((es_instance *)instant);
}

/* The peak crossover's child as its definition states it, for a window
 * [t1, t1 + len) of the first parent's schedule. */
static void peak_child(const rcpsp *r, const int *a, const int *b, const int *start, int t1, int len, int *out)
{
    int w = 0;
    for (int g = 0; g < 3; g++) {
        const int *from = g == 1 ? a : b;
        for (int q = 0; q < r->n; q++) {
            int s = start[from[q]], in = s < t1 ? 0 : s < t1 + len ? 1 : 2;
            if (in == g)
                out[w++] = from[q];
        }
    }
}

/* Resource utilisation summed over a window, from the start times alone. */
static double window_utilisation(const rcpsp *r, const int *start, int t1, int len)
{
    double u = 0;
    for (int j = 0; j < r->n; j++) {
        int lo = start[j] > t1 ? start[j] : t1, hi = start[j] + r->dur[j] < t1 + len ? start[j] + r->dur[j] : t1 + len;
        for (int k = 0; k < r->K && hi > lo; k++)
            u += (double)(hi - lo) * r->req[(size_t)j * (size_t)r->K + (size_t)k] / r->cap[k];
    }
    return u;
}

/* Peak crossover (--crossover peak): children of random parents are
 * precedence-feasible and pass the checker, and each is exactly the child
 * the definition gives for a window of a quarter to half the first parent's
 * makespan of highest utilisation (recomputed here from start times);
 * identical parents give themselves. */
Test(rcpsp_peak, children_are_feasible_and_built_around_the_densest_window, .timeout = 120)
{
    es_rng rng;
    es_rng_seed(&rng, 77, 1);
    for (int f = 0; f < NFILES; f++) {
        rcpsp *r = load_file(files[f]);
        int n = r->n;
        size_t size = rcpsp_scratch_size((es_instance *)r);
        void *scratch = malloc(size);
        memset(scratch, 0x5A, size);
        int *a = malloc((size_t)n * sizeof *a), *b = malloc((size_t)n * sizeof *b);
        int *c = malloc((size_t)n * sizeof *c), *want = malloc((size_t)n * sizeof *want);
        int *start = malloc((size_t)n * sizeof *start);
        es_genome_info info = {ES_GENOME_PERMUTATION, n, r->succ_start, r->succ};
        for (int trial = 0; trial < 20; trial++) {
            random_list(r, &rng, a);
            random_list(r, &rng, b);
            es_genome ga = {a, NULL}, gb = {b, NULL}, gc = {c, NULL};
            cr_assert_eq(rcpsp_peak_crossover((es_instance *)r, &ga, &gb, &gc, scratch, &rng), ES_OK);
            cr_assert_eq(es_genome_validate(&info, &gc), ES_OK, "%s: child violates precedences", files[f]);
            double checked;
            es_error err = {0, ""};
            cr_assert_eq(check_genome(r, c, scratch, &checked, &err), ES_OK, "%s: %s", files[f], err.message);
            int ms = rcpsp_sgs(r, a, RCPSP_FORWARD, scratch, start), found = 0;
            for (int len = ms / 4; len <= ms / 4 + ms / 4 && !found; len++) {
                int l = len < 1 ? 1 : len;
                double best = -1;
                for (int t1 = 0; t1 + l <= ms; t1++)
                    if (window_utilisation(r, start, t1, l) > best)
                        best = window_utilisation(r, start, t1, l);
                for (int t1 = 0; t1 + l <= (ms > l ? ms : l) && !found; t1++)
                    if (ms <= l ? t1 == 0 : window_utilisation(r, start, t1, l) >= best - 1e-9) {
                        peak_child(r, a, b, start, t1, l, want);
                        found = memcmp(want, c, (size_t)n * sizeof *c) == 0;
                    }
            }
            cr_assert(found, "%s: the child is not the one of any densest window", files[f]);
        }
        es_genome ga = {a, NULL}, gc = {c, NULL};
        cr_assert_eq(rcpsp_peak_crossover((es_instance *)r, &ga, &ga, &gc, scratch, &rng), ES_OK);
        cr_assert_eq(memcmp(a, c, (size_t)n * sizeof *a), 0, "identical parents must give themselves");
        free(a);
        free(b);
        free(c);
        free(want);
        free(start);
        free(scratch);
        rcpsp_destroy((es_instance *)r);
    }
}

/* The engine uses the problem's crossover by its name, keeps the schedule
 * budget exact and the result independent of the thread count; a problem
 * without such a crossover refuses the name. */
Test(rcpsp_peak, engine_runs_it_by_name)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp"), *keys = builtin_problem(reg, "rcpsp-keys");
    rcpsp *r = load_file("j6013_1.sm");
    void *scratch = malloc(rcpsp_scratch_size((es_instance *)r));
    double best[2];
    es_config cfg;
    for (int threads = 1; threads <= 2; threads++) {
        es_config_init(&cfg);
        cfg.threads = threads;
        cfg.population = 30;
        cfg.crossover = "peak";
        cfg.max_evaluations = 3000;
        es_solver *s;
        es_result res;
        es_error err = {0, ""};
        cr_assert_eq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK, "%s", err.message);
        cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
        cr_assert_eq(res.evaluations, 3000);
        double checked;
        cr_assert_eq(check_genome(r, res.best.perm, scratch, &checked, &err), ES_OK, "%s", err.message);
        cr_assert_eq(checked, res.best_value);
        best[threads - 1] = res.best_value;
        es_solver_destroy(s);
    }
    cr_assert_eq(best[0], best[1]);
    es_solver *s = NULL;
    es_error err = {0, ""};
    cr_assert_neq(es_solver_create(reg, keys, (es_instance *)r, &cfg, &s, &err), ES_OK);
    cr_assert(strstr(err.message, "peak"), "unexpected message: %s", err.message);
    /* and the other way round: keys' window is not the lists' */
    cfg.crossover = "window";
    cr_assert_neq(es_solver_create(reg, p, (es_instance *)r, &cfg, &s, &err), ES_OK);
    cr_assert(strstr(err.message, "window"), "unexpected message: %s", err.message);
    free(scratch);
    rcpsp_destroy((es_instance *)r);
    es_registry_destroy(reg);
}

/* rcpsp-keys' window crossover as its definition states it. The child
 * decodes serially in the direction opposite to the first parent's, and
 * each of its keys is a parent's key read in that direction: the same where
 * the parent's direction is the child's, moved by the activity's duration
 * times the parent's scale gene otherwise (a start read as a finish, or the
 * converse). It holds the first parent's keys for the activities whose
 * first-parent keys lie in one stretch of width 0.3, the second parent's for
 * all others. So the keys taken from the first parent span less than 0.3,
 * and every activity whose first-parent key lies within their span is taken
 * from it too. A mutant taking from the second parent inside the window, a
 * window of another width, a child in the first parent's direction or keys
 * read without the shift fails. */
static int reads_backward(const rcpsp *r, const es_genome *g)
{
    return g->keys[r->n + 1] < 0.5 && g->keys[r->n] >= 0.5;
}

static double read_as(const rcpsp *r, const es_genome *g, int j, int backward)
{
    return g->keys[j] + (backward - reads_backward(r, g)) * r->dur[j] * g->keys[r->n + 2];
}

Test(rcpsp_keys, window_crossover_takes_one_stretch_of_the_first_parent)
{
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp-keys");
    cr_assert_str_eq(p->crossover_name, "window");
    rcpsp *r = load_file("j12010_1.sm");
    es_instance *inst = (es_instance *)r;
    es_genome_info info;
    p->genome_info(inst, &info);
    es_genome a, b, c;
    es_genome_alloc(&info, &a);
    es_genome_alloc(&info, &b);
    es_genome_alloc(&info, &c);
    void *scratch = malloc(p->scratch_size(inst));
    es_rng rng;
    es_rng_seed(&rng, 5, 9);
    double widest = 0;
    int directions[2] = {0, 0};
    for (int trial = 0; trial < 200; trial++) {
        for (int i = 0; i < info.length; i++) {
            a.keys[i] = es_rng_uniform(&rng);
            b.keys[i] = es_rng_uniform(&rng);
        }
        /* a scale of one time unit in a schedule of 80 to 180 */
        a.keys[r->n + 2] = 1.0 / (80 + 100 * es_rng_uniform(&rng));
        b.keys[r->n + 2] = 1.0 / (80 + 100 * es_rng_uniform(&rng));
        cr_assert_eq(p->crossover(inst, &a, &b, &c, scratch, &rng), ES_OK);
        int backward = !reads_backward(r, &a);
        directions[backward]++;
        cr_assert_eq(reads_backward(r, &c), backward, "the child reads %s like its first parent",
                     backward ? "forward" : "backward");
        cr_assert_eq(c.keys[r->n + 2], a.keys[r->n + 2], "the child keeps the first parent's scale");
        /* each key moved by at most a quarter of the first parent's time
         * unit, to reorder activities within one unit (keys_window.c, TIE_NOISE) */
        double tol = 0.25 * a.keys[r->n + 2] + 1e-12, moved = 0;
        double lo = 2, hi = -1;
        for (int j = 0; j < r->n; j++) {
            double from_a = read_as(r, &a, j, backward), from_b = read_as(r, &b, j, backward);
            cr_assert(fabs(c.keys[j] - from_a) <= tol || fabs(c.keys[j] - from_b) <= tol,
                      "key %d is %g: neither %g (first parent) nor %g (second)", j, c.keys[j], from_a, from_b);
            if (fabs(c.keys[j] - from_a) <= tol && fabs(c.keys[j] - from_b) > tol) {
                lo = a.keys[j] < lo ? a.keys[j] : lo;
                hi = a.keys[j] > hi ? a.keys[j] : hi;
            }
            double d = fmin(fabs(c.keys[j] - from_a), fabs(c.keys[j] - from_b));
            moved = d > moved ? d : moved;
        }
        cr_assert_gt(moved, tol / 4, "no key moved within its time unit (largest move %g)", moved);
        cr_assert_lt(hi - lo, 0.3, "the first parent's keys span %g", hi - lo);
        widest = hi - lo > widest ? hi - lo : widest;
        for (int j = 0; j < r->n; j++)
            if (a.keys[j] >= lo && a.keys[j] <= hi)
                cr_assert(fabs(c.keys[j] - read_as(r, &a, j, backward)) <= tol,
                          "job %d inside the window came from the second parent", j);
        double v;
        cr_assert_eq(p->evaluate(inst, &c, scratch, &v), ES_OK);
    }
    /* 120 keys drawn uniformly: a window of 0.3 holds some spanning near it */
    cr_assert_gt(widest, 0.25, "windows narrower than stated (widest %g)", widest);
    cr_assert(directions[0] && directions[1], "children went one way only");
    free(scratch);
    es_genome_free(&a);
    es_genome_free(&b);
    es_genome_free(&c);
    rcpsp_destroy(inst);
    es_registry_destroy(reg);
}

/* Why the window crossover reads keys in the child's direction: a parent
 * the improvement has written (its keys the starts or finishes of a
 * schedule), crossed with itself, gives a child whose decode is a
 * justification of that schedule, which never lengthens it (the backward
 * SGS in order of decreasing finish times, or the forward one in order of
 * increasing starts); so its improvement is one pass back, not the three
 * passes of other genomes. Reading a forward parent's starts as finishes would
 * order the right-justification by start times, with no such guarantee:
 * on these instances that mutant lengthens some schedules. */
Test(rcpsp_keys, a_justified_parent_crossed_with_itself_decodes_no_longer)
{
    es_registry *reg;
    es_rng rng;
    const es_problem *p = keys_open(&reg, &rng, 31, 4);
    int shorter = 0, trials = 0;
    for (int f = 0; f < NFILES; f++) {
        genome_pair g;
        pair_open(p, files[f], &g);
        const rcpsp *r = g.r;
        for (int trial = 0; trial < 100; trial++) {
            random_keys(&g.info, &g.a, &rng);
            /* a decode and a justification there and back */
            long long evals = 3;
            double parent;
            cr_assert_eq(p->improve(g.inst, &g.a, &parent, g.scratch, NULL, &evals), ES_OK);
            cr_assert_eq(p->crossover(g.inst, &g.a, &g.a, &g.b, g.scratch, &rng), ES_OK);
            cr_assert_neq(reads_backward(r, &g.b), reads_backward(r, &g.a));
            double child;
            cr_assert_eq(p->evaluate(g.inst, &g.b, g.scratch, &child), ES_OK);
            cr_assert_leq(child, parent, "%s: a justification of a %.0f schedule took %.0f", files[f], parent,
                          child);
            shorter += child < parent;
            trials++;
            /* the child's decode was a justification: one pass back ends
             * the iteration, in the parent's direction */
            long long allowance = 5;
            double improved;
            cr_assert_eq(p->improve(g.inst, &g.b, &improved, g.scratch, NULL, &allowance), ES_OK);
            cr_assert_eq(allowance, 2, "a child of the window took %lld passes", allowance);
            cr_assert_leq(improved, child);
            cr_assert_eq(reads_backward(r, &g.b), reads_backward(r, &g.a));
        }
        pair_close(&g);
    }
    cr_assert_gt(shorter, 0, "no justification of %d shortened a schedule", trials);
    es_registry_destroy(reg);
}

/* A random genome of either representation: a precedence-feasible list, or
 * keys (control genes included, so every decoder gets its share). */
static void random_genome(const rcpsp *r, const es_genome_info *info, es_rng *rng, es_genome *g)
{
    if (info->kind == ES_GENOME_PERMUTATION)
        random_list(r, rng, g->perm);
    else
        for (int i = 0; i < info->length; i++)
            g->keys[i] = es_rng_uniform(rng);
}

/* Early abort, for both problems and every decoder: with the makespan as
 * cutoff a decode runs to the end and gives what evaluate gives; one below
 * it, the decode stops with a bound that exceeds the cutoff yet never the
 * makespan (so it is a true lower bound); and a pass after a stopped one
 * decodes as on fresh scratch (the profile left behind is cleared). */
Test(rcpsp_abort, cutoff_stops_with_a_true_bound_and_leaves_scratch_clean)
{
    es_registry *reg;
    es_registry_create(&reg);
    es_rng rng;
    es_rng_seed(&rng, 5150, 3);
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 2; k++) {
        const es_problem *p = builtin_problem(reg, names[k]);
        cr_assert_not_null(p->evaluate_cutoff);
        for (int f = 0; f < NFILES; f++) {
            genome_pair pair;
            pair_open(p, files[f], &pair);
            const rcpsp *r = pair.r;
            es_instance *inst = pair.inst;
            es_genome_info info = pair.info;
            es_genome g = pair.a, h = pair.b;
            size_t size = pair.size;
            void *scratch = pair.scratch, *fresh = malloc(size);
            int stopped = 0;
            for (int trial = 0; trial < 40; trial++) {
                random_genome(r, &info, &rng, &g);
                double full, v;
                int complete = -1;
                /* scratch sees only stopped passes and the h decodes below */
                cr_assert_eq(p->evaluate(inst, &g, fresh, &full), ES_OK);
                cr_assert_eq(p->evaluate_cutoff(inst, &g, fresh, full, &v, &complete), ES_OK);
                cr_assert(complete == 1 && v == full, "%s %s: cutoff at the makespan %.0f gave %.0f (complete %d)",
                          names[k], files[f], full, v, complete);
                if (full <= r->critical_path)
                    continue; /* nothing can be proven worse than the critical path */
                cr_assert_eq(p->evaluate_cutoff(inst, &g, scratch, full - 1, &v, &complete), ES_OK);
                cr_assert_eq(complete, 0, "%s %s: no stop below the makespan %.0f", names[k], files[f], full);
                cr_assert(v > full - 1 && v <= full, "%s %s: bound %.0f for makespan %.0f", names[k], files[f], v,
                          full);
                stopped++;
                /* the next decode, on the scratch the stopped one left */
                random_genome(r, &info, &rng, &h);
                double after, clean;
                cr_assert_eq(p->evaluate(inst, &h, scratch, &after), ES_OK);
                memset(fresh, 0, size);
                cr_assert_eq(p->evaluate(inst, &h, fresh, &clean), ES_OK);
                cr_assert_eq(after, clean, "%s %s: %.0f after a stopped pass, %.0f on fresh scratch", names[k],
                             files[f], after, clean);
            }
            if (r->n > 40)
                cr_assert_gt(stopped, 20, "%s %s: only %d decodes above the critical path", names[k], files[f],
                             stopped);
            free(fresh);
            pair_close(&pair);
        }
    }
    es_registry_destroy(reg);
}

/* The engine's use of it changes nothing but time: children that are only
 * evaluated (no local search) are cut short when they cannot enter the
 * population, and the run matches, generation for generation, the same
 * run with the hook removed from the problem's table, on 1 and 2 threads. */
Test(rcpsp_abort, engine_runs_are_identical_with_and_without_it)
{
    es_registry *reg;
    es_registry_create(&reg);
    static const char *const names[] = {"rcpsp", "rcpsp-keys"};
    for (int k = 0; k < 4; k++) {
        /* a 30-job project too */
        rcpsp *r = load_file(k < 2 ? "j12060_3.sm" : "j301_1.sm");
        const es_problem *p = builtin_problem(reg, names[k % 2]);
        es_config cfg;
        es_config_init(&cfg);
        cfg.population = 30;
        cfg.improvement = "none";
        cfg.max_evaluations = 6000;
        cfg.stagnation = 40;
        expect_abort_changes_nothing(reg, p, (es_instance *)r, cfg, 200, names[k % 2]);
        rcpsp_destroy((es_instance *)r);
    }
    es_registry_destroy(reg);
}

/* The engine passes a cutoff only while the population holds P distinct
 * members: in a project with 4 parallel jobs there are only 24 lists, so a
 * population of 30 never does, and no child may be cut short (it could be
 * needed to fill the population, with its true value). */
Test(rcpsp_abort, no_cutoff_while_the_population_has_duplicates)
{
    static const char tiny[] = "6 1\n2\n0 0 4 2 3 4 5\n3 1 1 6\n2 2 1 6\n4 1 1 6\n1 2 1 6\n0 0 0\n";
    es_source src = {"tiny.rcp", tiny, sizeof tiny - 1, NULL};
    es_instance *inst = NULL;
    es_error err = {0, ""};
    cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s", err.message);
    es_registry *reg;
    es_registry_create(&reg);
    const es_problem *p = builtin_problem(reg, "rcpsp");
    es_config cfg;
    es_config_init(&cfg);
    cfg.population = 30;
    cfg.improvement = "none";
    cfg.max_evaluations = 2000;
    es_solver *s;
    es_result res;
    cr_assert_eq(es_solver_create(reg, p, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
    cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
    cr_assert_eq(res.cut_short, 0, "%lld children cut short in a population of duplicates", res.cut_short);
    cr_assert_eq(res.best_value, 7); /* 13 units of work on a capacity of 2: the energy bound, reached */
    es_solver_destroy(s);
    es_registry_destroy(reg);
    rcpsp_destroy(inst);
}
