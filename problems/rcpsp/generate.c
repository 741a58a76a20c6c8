/* Seeded RCPSP instances with ProGen's parameters (Kolisch, Sprecher & Drexl
 * 1995), the generator behind PSPLIB, written in PSPLIB's .sm format:
 *   - network complexity NC: arcs per node, the dummies and their arcs
 *     included, with no redundant (transitive) arc and at most three
 *     successors and predecessors per activity, three start and three
 *     finish activities (more only where the three-arc limit leaves an
 *     activity no predecessor or successor to take);
 *   - resource factor RF: the share of the K resources an activity uses;
 *   - resource strength RS: each capacity placed between the largest
 *     single request (0) and the peak of the earliest-start schedule (1).
 * Durations and requests are uniform in 1..10 by default, as in PSPLIB; the
 * default RS is PSPLIB's scarcest, 0.2, since above about 0.5 the critical
 * path is most often the optimum.
 * Activities are numbered in a topological order, as PSPLIB numbers them. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/text.h>
#include "rcpsp.h"

#define GEN_MAX_JOBS 2000 /* the reachability sets are n^2 bits */
#define GEN_MAX_ARCS 3    /* successors and predecessors per activity */
#define GEN_ENDS 3        /* start activities, and finish activities */

typedef struct gen {
    int n, K;
    int *nsucc, *npred, *succ; /* succ[i * GEN_MAX_ARCS + q]; non-dummy activities 0..n-1 */
    uint64_t *reach;           /* reach[i * words ...]: a bit for each activity reachable from i */
    int words;
    int arcs;                  /* arcs between non-dummy activities */
    int ends;                  /* activities without a predecessor, plus those without a successor */
} gen;

static int reaches(const gen *g, int i, int j) { return (int)(g->reach[(size_t)i * g->words + j / 64] >> (j % 64)) & 1; }

/* Whether the arc i -> j (i < j) would be redundant, or make an arc there is
 * redundant: u -> v is implied by u ->* i -> j ->* v. */
static int redundant(const gen *g, int i, int j)
{
    if (reaches(g, i, j))
        return 1;
    for (int u = 0; u <= i; u++) {
        if (u != i && !reaches(g, u, i))
            continue;
        for (int q = 0; q < g->nsucc[u]; q++) {
            int v = g->succ[u * GEN_MAX_ARCS + q];
            if (v == j || reaches(g, j, v))
                return 1;
        }
    }
    return 0;
}

static void add_arc(gen *g, int i, int j)
{
    g->ends -= (g->nsucc[i] == 0) + (g->npred[j] == 0);
    g->succ[i * GEN_MAX_ARCS + g->nsucc[i]++] = j;
    g->npred[j]++;
    g->arcs++;
    uint64_t *rj = g->reach + (size_t)j * g->words;
    for (int u = 0; u <= i; u++) {
        if (u != i && !reaches(g, u, i))
            continue;
        uint64_t *ru = g->reach + (size_t)u * g->words;
        for (int w = 0; w < g->words; w++)
            ru[w] |= rj[w];
        ru[j / 64] |= (uint64_t)1 << (j % 64);
    }
}

/* Node count and arcs as ProGen counts them: the dummies, and one arc from
 * the source to each activity without a predecessor and from each activity
 * without a successor to the sink. */
static double complexity(const gen *g) { return (double)(g->arcs + g->ends) / (g->n + 2); }

/* Picks uniformly among the activities in [lo, hi) for which ok() holds;
 * -1 when none does. */
static int pick(es_rng *rng, int lo, int hi, const gen *g, int other, int (*ok)(const gen *, int, int))
{
    int count = 0, chosen = -1;
    for (int x = lo; x < hi; x++)
        if (ok(g, x, other) && es_rng_below(rng, (uint32_t)++count) == 0)
            chosen = x; /* reservoir sampling: each candidate kept with 1/count */
    return chosen;
}

/* Adds i -> j where every other successor i could take was redundant, and
 * drops the arcs it implies: u -> v with u ->* i and j ->* v. Numbers grow
 * along arcs, so such a u keeps the successor that leads to i and such a v
 * the predecessor that comes from j: no activity loses its last one, and
 * what reaches what is unchanged. Without this, late activities became
 * extra finish activities (7 instead of 3 on average with 120 activities). */
static void add_arc_dropping_implied(gen *g, int i, int j)
{
    add_arc(g, i, j);
    for (int u = 0; u < i; u++) {
        if (!reaches(g, u, i))
            continue;
        for (int q = 0; q < g->nsucc[u];) {
            int v = g->succ[u * GEN_MAX_ARCS + q];
            if (v == j || reaches(g, j, v)) {
                g->succ[u * GEN_MAX_ARCS + q] = g->succ[u * GEN_MAX_ARCS + --g->nsucc[u]];
                g->npred[v]--;
                g->arcs--;
            } else
                q++;
        }
    }
}

static int can_precede(const gen *g, int i, int j) { return g->nsucc[i] < GEN_MAX_ARCS && !redundant(g, i, j); }
static int can_follow(const gen *g, int j, int i) { return g->npred[j] < GEN_MAX_ARCS && !redundant(g, i, j); }
static int has_room(const gen *g, int j, int i) { return (void)i, g->npred[j] < GEN_MAX_ARCS; }

/* The network: every activity after the starts gets a predecessor, every
 * one before the finishes a successor, then arcs are added at random until
 * NC is reached. Returns the complexity reached. */
static double build_network(gen *g, double nc, es_rng *rng)
{
    int n = g->n, starts = n < GEN_ENDS ? n : GEN_ENDS;
    int finishes = n - starts < GEN_ENDS ? n - starts : GEN_ENDS, last = n - finishes;
    for (int j = starts; j < n; j++) {
        int i = pick(rng, 0, j < last ? j : last, g, j, can_precede);
        if (i >= 0)
            add_arc(g, i, j);
    }
    for (int i = last - 1; i >= 0; i--) /* the latest first: they have the fewest successors to choose from */
        if (g->nsucc[i] == 0) {
            int lo = i + 1 > starts ? i + 1 : starts, j = pick(rng, lo, n, g, i, can_follow);
            if (j >= 0)
                add_arc(g, i, j);
            else if ((j = pick(rng, lo, n, g, i, has_room)) >= 0)
                add_arc_dropping_implied(g, i, j);
        }
    /* Random arcs between an activity that is not a finish and a later one
     * that is not a start; a bounded number of tries, since the limits of
     * three arcs and no redundancy can make NC unreachable. */
    for (long tries = 0; complexity(g) < nc && tries < 200L * n; tries++) {
        if (last < 1 || n - starts < 1)
            break;
        int i = (int)es_rng_below(rng, (uint32_t)last);
        int lo = i + 1 > starts ? i + 1 : starts;
        if (lo >= n)
            continue;
        int j = lo + (int)es_rng_below(rng, (uint32_t)(n - lo));
        if (g->nsucc[i] < GEN_MAX_ARCS && g->npred[j] < GEN_MAX_ARCS && !redundant(g, i, j))
            add_arc(g, i, j);
    }
    return complexity(g);
}

typedef struct gen_options {
    double n, K, nc, rf, rs, max_dur, max_req;
    uint64_t seed;
    int nc_given;
} gen_options;

static const char gen_usage[] = "usage: evosched generate rcpsp --n N [--resources K] [--nc NC] [--rf RF] [--rs RS] "
                                "[--max-duration D] [--max-request Q] [--seed S]";

static int read_options(int argc, char **argv, gen_options *o, es_error *err)
{
    static const struct {
        const char *name;
        double lo, hi;
        int whole;
    } opts[] = {{"--n", 1, GEN_MAX_JOBS, 1}, {"--resources", 1, RCPSP_MAX_RES, 1}, {"--nc", 1, 3, 0},
                {"--rf", 0, 1, 0},           {"--rs", 0, 1, 0},                   {"--max-duration", 1, 1000, 1},
                {"--max-request", 1, 1000, 1}};
    /* where each option of the table above goes, in the same order */
    double *const slot[] = {&o->n, &o->K, &o->nc, &o->rf, &o->rs, &o->max_dur, &o->max_req};
    *o = (gen_options){0, 4, 1.5, 0.5, 0.2, 10, 10, 1, 0};
    int st = ES_OK;
    for (int i = 1; i < argc && st == ES_OK; i += 2) { /* every option takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        size_t k = 0;
        while (k < sizeof opts / sizeof *opts && strcmp(a, opts[k].name))
            k++;
        o->nc_given |= !strcmp(a, "--nc");
        if (k < sizeof opts / sizeof *opts)
            st = es_option_number("rcpsp", a, v, opts[k].lo, opts[k].hi, opts[k].whole, slot[k], err);
        else if (!strcmp(a, "--seed"))
            st = es_option_seed("rcpsp", a, v, &o->seed, err);
        else
            st = es_fail(err, ES_EINVAL, "generate rcpsp: unknown option '%s'\n%s", a, gen_usage);
    }
    if (st == ES_OK && o->n < 1)
        st = es_fail(err, ES_EINVAL, "generate rcpsp: --n is needed\n%s", gen_usage);
    return st;
}

/* Requests: RF * n * K of them in all, spread as evenly as whole numbers
 * allow (PSPLIB: every activity uses the same number of resources), each on
 * resources drawn at random, of 1..max_req units. */
static void draw_requests(int n, int K, double rf, int max_req, int *req, int *order, int *res, es_rng *rng)
{
    long total = lround(rf * n * K);
    for (int j = 0; j < n; j++)
        order[j] = j;
    for (int j = n - 1; j > 0; j--) { /* which activities get one more */
        int x = (int)es_rng_below(rng, (uint32_t)(j + 1)), t = order[j];
        order[j] = order[x], order[x] = t;
    }
    for (int q = 0; q < n; q++) {
        int j = order[q], uses = (int)(total / n) + (q < total % n);
        for (int k = 0; k < K; k++)
            res[k] = k;
        for (int u = 0; u < uses; u++) { /* the first `uses` of a shuffle */
            int x = u + (int)es_rng_below(rng, (uint32_t)(K - u)), t = res[u];
            res[u] = res[x], res[x] = t;
            req[j * K + res[u]] = 1 + (int)es_rng_below(rng, (uint32_t)max_req);
        }
    }
}

/* Earliest starts under the precedences alone; returns the critical path. */
static int earliest_starts(const gen *g, const int *dur, int *es)
{
    int cp = 0;
    for (int j = 0; j < g->n; j++)
        es[j] = 0;
    for (int i = 0; i < g->n; i++) { /* activities are topologically numbered */
        for (int q = 0; q < g->nsucc[i]; q++) {
            int j = g->succ[i * GEN_MAX_ARCS + q];
            if (es[j] < es[i] + dur[i])
                es[j] = es[i] + dur[i];
        }
        if (cp < es[i] + dur[i])
            cp = es[i] + dur[i];
    }
    return cp;
}

/* Capacities from RS: the largest request (RS 0: every activity fits alone)
 * to the peak of the earliest-start schedule (RS 1: precedences alone bind).
 * use has room for the critical path cp. */
static void place_capacities(const gen *g, const int *dur, const int *req, const int *es, int cp, double rs,
                             int *use, int *cap)
{
    int n = g->n, K = g->K;
    for (int k = 0; k < K; k++) {
        int lo = 0, hi = 0;
        memset(use, 0, (size_t)cp * sizeof *use);
        for (int j = 0; j < n; j++) {
            int r = req[j * K + k];
            lo = r > lo ? r : lo;
            for (int t = es[j]; t < es[j] + dur[j]; t++)
                use[t] += r;
        }
        for (int t = 0; t < cp; t++)
            hi = use[t] > hi ? use[t] : hi;
        cap[k] = lo + (int)lround(rs * (hi - lo));
        if (cap[k] < 1)
            cap[k] = 1; /* a resource no activity uses */
    }
}

static void write_sm(FILE *out, const gen *g, const gen_options *o, double nc, const int *dur, const int *req,
                     const int *cap, int cp)
{
    int n = g->n, K = g->K, horizon = 0;
    for (int j = 0; j < n; j++)
        horizon += dur[j];
    const char *rule = "************************************************************************\n";
    fprintf(out, "%sfile with basedata            : evosched generate rcpsp\n", rule);
    fprintf(out, "initial value random generator: %llu\n", (unsigned long long)o->seed);
    fprintf(out, "parameters                    : NC %.2f (asked %.2f)  RF %.2f  RS %.2f  durations 1..%d  "
                 "requests 1..%d\n%s",
            nc, o->nc, o->rf, o->rs, (int)o->max_dur, (int)o->max_req, rule);
    fprintf(out, "projects                      :  1\njobs (incl. supersource/sink ):  %d\n", n + 2);
    fprintf(out, "horizon                       :  %d\nRESOURCES\n  - renewable                 :  %d   R\n", horizon, K);
    fprintf(out, "  - nonrenewable              :  0   N\n  - doubly constrained        :  0   D\n%s", rule);
    fprintf(out, "PROJECT INFORMATION:\npronr.  #jobs rel.date duedate tardcost  MPM-Time\n");
    fprintf(out, "    1   %4d      0    %4d        0    %4d\n%s", n, cp, cp, rule);
    fprintf(out, "PRECEDENCE RELATIONS:\njobnr.    #modes  #successors   successors\n");
    int starts = 0;
    for (int j = 0; j < n; j++)
        starts += g->npred[j] == 0;
    fprintf(out, "%4d        1       %4d       ", 1, starts);
    for (int j = 0; j < n; j++)
        if (g->npred[j] == 0)
            fprintf(out, " %4d", j + 2);
    fputc('\n', out);
    for (int i = 0; i < n; i++) {
        fprintf(out, "%4d        1       %4d       ", i + 2, g->nsucc[i] ? g->nsucc[i] : 1);
        for (int q = 0; q < g->nsucc[i]; q++)
            fprintf(out, " %4d", g->succ[i * GEN_MAX_ARCS + q] + 2);
        if (!g->nsucc[i])
            fprintf(out, " %4d", n + 2);
        fputc('\n', out);
    }
    fprintf(out, "%4d        1          0\n%s", n + 2, rule);
    fprintf(out, "REQUESTS/DURATIONS:\njobnr. mode duration");
    for (int k = 0; k < K; k++)
        fprintf(out, "  R%2d", k + 1);
    fprintf(out, "\n------------------------------------------------------------------------\n");
    for (int j = -1; j <= n; j++) {
        int real = j >= 0 && j < n;
        fprintf(out, "%4d      1  %4d   ", j + 2, real ? dur[j] : 0);
        for (int k = 0; k < K; k++)
            fprintf(out, " %4d", real ? req[j * K + k] : 0);
        fputc('\n', out);
    }
    fprintf(out, "%sRESOURCEAVAILABILITIES:\n", rule);
    for (int k = 0; k < K; k++)
        fprintf(out, "  R%2d", k + 1);
    fputc('\n', out);
    for (int k = 0; k < K; k++)
        fprintf(out, " %4d", cap[k]);
    fprintf(out, "\n%s", rule);
}

/* Writes the instance to out only if evosched reads it back: a project whose
 * schedule profile would pass the loader's limits (many long activities over
 * many resources) is refused here, with the loader's reason, rather than
 * written to be refused later. */
static int write_checked(FILE *out, const gen *g, const gen_options *o, double nc, const int *dur, const int *req,
                         const int *cap, int cp, es_error *err)
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (!mem)
        return es_fail(err, ES_ENOMEM, "out of memory");
    write_sm(mem, g, o, nc, dur, req, cap, cp);
    int st = ferror(mem) ? es_fail(err, ES_ENOMEM, "out of memory") : ES_OK;
    fclose(mem);
    es_source src = {"generate rcpsp", text, size, NULL};
    es_instance *inst = NULL;
    if (st == ES_OK && (st = rcpsp_load(&src, &inst, err)) == ES_OK)
        rcpsp_destroy(inst);
    if (st == ES_OK && (fwrite(text, 1, size, out) != size || ferror(out)))
        st = es_fail(err, ES_EIO, "generate rcpsp: write error");
    free(text);
    return st;
}

int rcpsp_generate(int argc, char **argv, FILE *out, es_error *err)
{
    gen_options o;
    int st = read_options(argc, argv, &o, err);
    if (st != ES_OK)
        return st;
    gen g = {(int)o.n, (int)o.K, NULL, NULL, NULL, NULL, ((int)o.n + 63) / 64, 0, 2 * (int)o.n};
    int n = g.n, K = g.K;
    g.nsucc = calloc((size_t)n, sizeof *g.nsucc);
    g.npred = calloc((size_t)n, sizeof *g.npred);
    g.succ = malloc((size_t)n * GEN_MAX_ARCS * sizeof *g.succ);
    g.reach = calloc((size_t)n * (size_t)g.words, sizeof *g.reach);
    int *dur = malloc((size_t)n * sizeof *dur), *req = calloc((size_t)n * (size_t)K, sizeof *req);
    int *cap = malloc((size_t)K * sizeof *cap), *es = malloc((size_t)n * sizeof *es);
    int *order = malloc((size_t)n * sizeof *order), *res = malloc((size_t)K * sizeof *res);
    /* the earliest-start profile: no longer than n activities of the longest duration */
    int *use = malloc((size_t)n * (size_t)o.max_dur * sizeof *use);
    if (!g.nsucc || !g.npred || !g.succ || !g.reach || !dur || !req || !cap || !es || !order || !res || !use)
        st = es_fail(err, ES_ENOMEM, "out of memory");
    es_rng rng;
    es_rng_seed(&rng, o.seed, 0x9c95ULL); /* a stream of its own: the same seed as another generator differs */
    double nc = 0;
    int cp = 0;
    if (st == ES_OK) {
        nc = build_network(&g, o.nc, &rng);
        /* More than asked comes from the start and finish arcs a small
         * project cannot do without; less, from the three-arc limit. An NC
         * left to its default is what the project allows. */
        if (o.nc_given && fabs(nc - o.nc) > 0.05)
            st = es_fail(err, ES_EINVAL,
                         "generate rcpsp: --nc %.2f cannot be reached with %d activities (this seed gives %.2f)",
                         o.nc, n, nc);
    }
    if (st == ES_OK) {
        for (int j = 0; j < n; j++)
            dur[j] = 1 + (int)es_rng_below(&rng, (uint32_t)o.max_dur);
        draw_requests(n, K, o.rf, (int)o.max_req, req, order, res, &rng);
        cp = earliest_starts(&g, dur, es);
        place_capacities(&g, dur, req, es, cp, o.rs, use, cap);
        for (int k = 0; k < K && st == ES_OK; k++)
            if (cap[k] > RCPSP_MAX_CAP)
                st = es_fail(err, ES_ELIMIT,
                             "generate rcpsp: resource %d would need a capacity of %d, beyond the %ld evosched reads: "
                             "lower --max-request or --rs",
                             k + 1, cap[k], RCPSP_MAX_CAP);
    }
    if (st == ES_OK)
        st = write_checked(out, &g, &o, nc, dur, req, cap, cp, err);
    free(g.nsucc);
    free(g.npred);
    free(g.succ);
    free(g.reach);
    free(dur);
    free(req);
    free(cap);
    free(es);
    free(order);
    free(res);
    free(use);
    return st;
}
