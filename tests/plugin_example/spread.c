/* An example plug-in with a problem and an operator, walked through in
 * docs/plugins.md.
 *
 * "spread": put n items in an order so that each item lands as close as
 * possible to its wished-for position; minimise the sum of the distances.
 * Instance file:
 *     SPREAD 1
 *     n
 *     t_0 t_1 ... t_{n-1}      (wished positions, each in 0..n-1)
 * Solution file:
 *     objective V
 *     order i_0 i_1 ... i_{n-1}
 */
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

typedef struct spread {
    int n;
    int *target;
} spread;

static int spread_detect(const es_source *src)
{
    return src->size >= 6 && memcmp(src->data, "SPREAD", 6) == 0 ? 100 : 0;
}

static void spread_destroy(es_instance *inst)
{
    spread *s = (spread *)inst;
    if (s)
        free(s->target);
    free(s);
}

static int spread_load(const es_source *src, es_instance **out, es_error *err)
{
    es_scanner sc;
    es_scanner_init(&sc, src, '#');
    long version, n, v;
    int st = es_scan_keyword(&sc, "SPREAD", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 1, 1, "format version", &version, err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 1, 100000, "number of items", &n, err);
    if (st != ES_OK)
        return st;
    spread *s = calloc(1, sizeof *s);
    if (!s || !(s->target = calloc((size_t)n, sizeof *s->target))) {
        free(s);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    s->n = (int)n;
    for (int i = 0; i < n && st == ES_OK; i++) {
        st = es_scan_long(&sc, 0, n - 1, "wished position", &v, err);
        s->target[i] = (int)v;
    }
    if (st == ES_OK && !es_scan_eof(&sc))
        st = es_fail(err, ES_EPARSE, "%s:%ld: unexpected data after %ld positions", sc.path, sc.line, n);
    if (st != ES_OK) {
        spread_destroy((es_instance *)s);
        return st;
    }
    *out = (es_instance *)s;
    return ES_OK;
}

static void spread_genome_info(const es_instance *inst, es_genome_info *out)
{
    *out = (es_genome_info){ES_GENOME_PERMUTATION, ((const spread *)inst)->n, NULL, NULL};
}

static size_t spread_scratch_size(const es_instance *inst)
{
    (void)inst;
    return 0; /* evaluation needs no memory of its own */
}

static long cost_of(const spread *s, const int *order)
{
    long c = 0;
    for (int pos = 0; pos < s->n; pos++)
        c += labs((long)pos - s->target[order[pos]]);
    return c;
}

static int spread_evaluate(const es_instance *inst, const es_genome *g, void *scratch, double *value)
{
    (void)scratch;
    *value = (double)cost_of((const spread *)inst, g->perm);
    return ES_OK;
}

static int spread_write(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    (void)scratch;
    const spread *s = (const spread *)inst;
    fprintf(out, "objective %ld\norder", cost_of(s, g->perm));
    for (int i = 0; i < s->n; i++)
        fprintf(out, " %d", g->perm[i]);
    fputc('\n', out);
    return ferror(out) ? ES_EIO : ES_OK;
}

/* Independent of evaluate's data flow: checks the order is a permutation and
 * recomputes the objective from it. */
static int spread_check(const es_instance *inst, const es_source *sol, double *value, es_error *err)
{
    const spread *s = (const spread *)inst;
    es_scanner sc;
    es_scanner_init(&sc, sol, '#');
    long stated, v;
    int st = es_scan_keyword(&sc, "objective", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 0, 1L << 40, "objective", &stated, err);
    if (st == ES_OK)
        st = es_scan_keyword(&sc, "order", err);
    if (st != ES_OK)
        return st;
    int *order = calloc((size_t)s->n, sizeof *order), *seen = calloc((size_t)s->n, sizeof *seen);
    if (!order || !seen) {
        free(order);
        free(seen);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    for (int i = 0; i < s->n && st == ES_OK; i++) {
        st = es_scan_long(&sc, 0, s->n - 1, "item", &v, err);
        if (st == ES_OK && seen[v]++)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: item %ld appears twice", sc.path, sc.line, v);
        order[i] = (int)v;
    }
    if (st == ES_OK && cost_of(s, order) != stated)
        st = es_fail(err, ES_EINFEASIBLE, "%s: states objective %ld, the order's is %ld", sc.path, stated,
                     cost_of(s, order));
    if (st == ES_OK)
        *value = (double)stated;
    free(order);
    free(seen);
    return st;
}

static int spread_lower_bound(const es_instance *inst, es_bound *out)
{
    (void)inst;
    out->value = 0; /* distances are never negative */
    out->proven_optimum = 0;
    snprintf(out->source, sizeof out->source, "non-negativity");
    return ES_OK;
}

static const es_problem spread_problem = {
    .api_version = ES_PROBLEM_API_VERSION,
    .name = "spread",
    .summary = "example plug-in: order items close to their wished positions",
    .sense = ES_MINIMIZE,
    .detect = spread_detect,
    .load = spread_load,
    .destroy = spread_destroy,
    .genome_info = spread_genome_info,
    .scratch_size = spread_scratch_size,
    .evaluate = spread_evaluate,
    .lower_bound = spread_lower_bound,
    .write_solution = spread_write,
    .check = spread_check,
};

static const es_problem *const problems[] = {&spread_problem};

/* An operator travels the same way: "reverse" turns a stretch of the order
 * around, 2 items at strength 0 up to all of them at strength 1. Plain
 * permutations only, since a reversal can break precedences. */
static int reverse_mutate(const es_genome_info *info, es_genome *g, double strength, void *scratch, es_rng *rng)
{
    (void)scratch;
    int n = info->length;
    if (n < 2)
        return ES_OK;
    int len = 2 + (int)(strength * (n - 2));
    int first = (int)es_rng_below(rng, (uint32_t)(n - len + 1));
    for (int a = first, b = first + len - 1; a < b; a++, b--) {
        int t = g->perm[a];
        g->perm[a] = g->perm[b];
        g->perm[b] = t;
    }
    return ES_OK;
}

static const es_operator reverse_operator = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_MUTATION,
    .name = "reverse",
    .summary = "example plug-in: reverse a random stretch of the order",
    .flags = ES_OPF_PERMUTATION,
    .mutate = reverse_mutate,
};

static const es_operator *const operators[] = {&reverse_operator};

/* The one symbol evosched looks for. */
const es_plugin es_plugin_entry = {ES_PLUGIN_API_VERSION, "spread-example", 1, problems, 1, operators};
