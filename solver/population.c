/* The population: its first members (priority rules, then random
 * genomes), breeding by selection, crossover and mutation, replacement of
 * the worst by better distinct children, restarts and island migration. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>
#include "engine_internal.h"
#include "../fitness/similarity.h"

static int pick_uniform(void *rng, const int *eligible, int count, int pos)
{
    (void)eligible, (void)pos;
    return (int)es_rng_below(rng, (uint32_t)count);
}

/* A uniformly random genome; with precedences a random topological order
 * (each step picks uniformly among the items whose predecessors are placed). */
static void random_genome(const es_genome_info *info, es_genome *g, es_rng *rng, int *work)
{
    int n = info->length;
    if (info->kind == ES_GENOME_RANDOM_KEYS) {
        for (int i = 0; i < n; i++)
            g->keys[i] = es_rng_uniform(rng);
        return;
    }
    if (!info->succ_start) {
        for (int i = 0; i < n; i++)
            g->perm[i] = i;
        es_rng_shuffle(rng, g->perm, n);
        return;
    }
    es_genome_build_order(info, pick_uniform, rng, g->perm, work);
}

/* Credit for the crossovers used this generation: a success is a child
 * better than its better parent. */
void es_engine_credit_crossovers(es_solver *s, int count)
{
    if (s->xc.n < 2)
        return;
    for (int i = 0; i < count; i++)
        if (s->child_op[i] >= 0)
            es_xchoice_record(&s->xc, s->child_op[i], s->all[s->P + i].cost < s->parent_cost[i]);
    es_xchoice_update(&s->xc);
}

int es_engine_init_population(es_solver *s)
{
    int n = s->info.length;
    int *work = (int *)s->op_scratch; /* 2n ints fit: op_stride covers the crossover's 2n */
    int *heap_work = NULL;
    if (s->op_stride < 2u * (size_t)n * sizeof(int)) {
        heap_work = malloc(2u * (size_t)n * sizeof(int));
        if (!heap_work)
            return ES_ENOMEM;
        work = heap_work;
    }
    /* The rules' values, for members the time limit leaves unimproved. */
    double *rule_value = malloc(((size_t)s->P / 2 + 1) * sizeof *rule_value);
    if (!rule_value) {
        free(heap_work);
        return ES_ENOMEM;
    }
    int count = 0;
    /* The genomes the caller starts from come first, each evaluated here
     * whatever the time left: the user's work (solve --start) is never
     * lost to a time limit. Kept, like the rules' values, for members the
     * limit leaves unimproved. */
    for (int k = 0; k < s->cfg.ninitial && count < s->P / 2; k++) {
        es_genome_copy(&s->info, &s->all[count].g, &s->cfg.initial[k]);
        int st = s->problem->evaluate(s->inst, &s->all[count].g, es_evaluator_scratch(s->ev, 0), &rule_value[count]);
        if (st != ES_OK) {
            free(heap_work);
            free(rule_value);
            return st;
        }
        count++;
    }
    /* The best first: a budget smaller than the seeds still evaluates it */
    for (int a = 0; a < count; a++) {
        int b = a;
        for (int c = a + 1; c < count; c++)
            if (es_engine_to_cost(s, rule_value[c]) < es_engine_to_cost(s, rule_value[b]))
                b = c;
        es_genome g = s->all[a].g;
        double v = rule_value[a];
        s->all[a].g = s->all[b].g, rule_value[a] = rule_value[b];
        s->all[b].g = g, rule_value[b] = v;
    }
    /* Heuristics fill at most half, so the population keeps diversity. On
     * huge instances a rule can take seconds: past the time limit, one is
     * enough to start from. */
    if (s->problem->heuristic) {
        for (int rule = 0; count < s->P / 2 && !(count > 0 && es_engine_must_stop(s)); rule++) {
            const char *name = NULL;
            int st = s->problem->heuristic(s->inst, rule, &s->all[count].g, &name);
            if (st == ES_ENOTFOUND)
                break;
            if (st != ES_OK) {
                free(heap_work);
                free(rule_value);
                return st;
            }
            double value;
            st = s->problem->evaluate(s->inst, &s->all[count].g, es_evaluator_scratch(s->ev, 0), &value);
            if (st != ES_OK) {
                free(heap_work);
                free(rule_value);
                return st;
            }
            if (!s->res.initial_rule[0] || es_engine_to_cost(s, value) < es_engine_to_cost(s, s->res.initial_rule_value)) {
                snprintf(s->res.initial_rule, sizeof s->res.initial_rule, "%s", name ? name : "heuristic");
                s->res.initial_rule_value = value;
            }
            rule_value[count++] = value;
        }
    }
    /* Past the time limit the members not drawn yet would go unevaluated
     * and copy an evaluated one (below): drawing them is wasted, and took
     * 0.8 s for a population of a million. The first is always drawn, so
     * that there is something to evaluate. */
    for (int i = count; i < s->P && !(i > 0 && es_engine_must_stop(s)); i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_INIT, 0, (uint64_t)i);
        random_genome(&s->info, &s->all[i].g, &rng, work);
    }
    free(heap_work);
    long long left = es_engine_budget_left(s);
    int scored = left < s->P ? (int)left : s->P;
    if (scored < 1)
        scored = 1; /* a run always evaluates at least one solution */
    int st = es_engine_score(s, 0, scored, PURPOSE_INIT);
    if (st != ES_OK) {
        free(rule_value);
        return st;
    }
    /* Past the time limit es_engine_score() leaves members unevaluated: the rules'
     * keep the values found above (whose evaluation now counts, since the
     * search uses it: only the report used it before), the others copy an
     * evaluated member, and if none is, the first is evaluated here. */
    for (int i = 0; i < count && i < scored; i++)
        if (isinf(s->all[i].cost)) {
            s->all[i].value = rule_value[i];
            s->all[i].hash = es_genome_hash(&s->info, &s->all[i].g);
            es_evaluator_add(s->ev, 1);
            es_engine_fold_real(s, &s->all[i]);
        }
    free(rule_value);
    int first = 0;
    while (first < scored && isinf(s->all[first].cost))
        first++;
    if (first == scored) {
        first = 0;
        st = s->problem->evaluate(s->inst, &s->all[0].g, es_evaluator_scratch(s->ev, 0), &s->all[0].value);
        if (st != ES_OK)
            return st;
        es_evaluator_add(s->ev, 1);
        es_engine_fold_real(s, &s->all[0]);
    }
    for (int i = 0; i < scored; i++)
        if (isinf(s->all[i].cost)) {
            es_genome_copy(&s->info, &s->all[i].g, &s->all[first].g);
            s->all[i].value = s->all[first].value;
            s->all[i].cost = s->all[first].cost;
            s->all[i].hash = s->all[first].hash;
        }
    /* Unscored members (tiny budgets) copy a scored one so selection stays sound. */
    for (int i = scored; i < s->P; i++) {
        es_genome_copy(&s->info, &s->all[i].g, &s->all[i % scored].g);
        s->all[i].value = s->all[i % scored].value;
        s->all[i].cost = s->all[i % scored].cost;
        s->all[i].hash = s->all[i % scored].hash;
    }
    return ES_OK;
}

/* Incest prevention (--incest; Eshelman's CHC mates only parents far enough
 * apart). Parents that run most activities alike breed near copies: on
 * j120 with the window crossover, pairs agreeing on seven start times in
 * ten gave 84% near copies against 2-6% for pairs agreeing on under a fifth
 * (docs/rcpsp-experiments.md, "Stop 25"). So while the second parent b
 * agrees with the first on the share cfg.incest of the problem's features
 * or more, it is drawn again by the same tournament, up to INCEST_TRIES
 * times, and the least alike of the members drawn is returned. Tournaments
 * rather than the least alike outright: always taking the least alike of
 * five draws lost the selection pressure (j120 at 5,000 schedules 32.165%
 * against 32.061% without incest prevention). s->mate_count features per
 * member, in s->mate_rows. */
#define INCEST_TRIES 10
static int pick_mate(es_solver *s, int a, int b, int pressure, es_rng *rng)
{
    int n = s->mate_count;
    const int *fa = es_engine_mate_row(s, a);
    int mate = b, fewest = n + 1;
    for (int tries = 0;; tries++) {
        const int *fb = es_engine_mate_row(s, b);
        int same = 0;
        for (int j = 0; j < n; j++)
            same += fa[j] == fb[j];
        if (same < fewest) {
            fewest = same;
            mate = b;
        }
        if (same < s->cfg.incest * n || tries == INCEST_TRIES)
            return mate;
        int c = b;
        s->sel->select(s->costs, s->P, pressure, rng, &c);
        if (c != a || !s->cfg.distinct_parents)
            b = c;
    }
}

/* The members' features for pick_mate, once a generation rather than once
 * per look (a child looks at up to 12 members, and with the late
 * tournament most looks find alike pairs); written in the niche's rows when
 * there is a niche, which then uses them as they are (es_engine_crowd).
 * Their number, or -1 when the hook broke its promise: a count outside
 * [1, genome length], or different counts for different members. */
static int member_features(es_solver *s)
{
    int n = s->problem->features(s->inst, &s->all[0].g, es_engine_mate_row(s, 0)), varies = 0;
    if (n < 1 || (size_t)n > es_engine_row_width(s))
        return -1;
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(| : varies)
    for (int i = 1; i < s->P; i++)
        varies |= s->problem->features(s->inst, &s->all[i].g, es_engine_mate_row(s, i)) != n;
    return varies ? -1 : n;
}

int es_engine_breed(es_solver *s, int count)
{
    s->mate_count = 0;
    if (count > 0 && s->cfg.incest > 0 && s->P > 1 && (s->mate_count = member_features(s)) < 0) {
        s->mate_count = 0;
        return ES_EINTERNAL;
    }
    double best = INFINITY, mean = 0;
    for (int i = 0; i < s->P; i++) {
        s->costs[i] = s->all[i].cost;
        best = fmin(best, s->costs[i]);
        mean += s->costs[i] / s->P;
    }
    double prog = es_engine_progress(s);
    int pressure = s->cfg.late_tournament > s->cfg.tournament && prog > s->cfg.late_from ? s->cfg.late_tournament
                                                                                           : s->cfg.tournament;
#pragma omp parallel for num_threads(s->threads) schedule(static)
    for (int i = 0; i < count; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_BREED, (uint64_t)s->generation, (uint64_t)i);
        void *scratch = s->op_scratch + s->op_stride * (size_t)omp_get_thread_num();
        es_genome *child = &s->all[s->P + i].g;
        int a = 0, b = 0;
        s->sel->select(s->costs, s->P, pressure, &rng, &a);
        s->sel->select(s->costs, s->P, pressure, &rng, &b);
        /* Selection may draw a again; a few more tournaments almost always
         * find another member, and a uniform pick among the others ends it. */
        for (int tries = 0; s->cfg.distinct_parents && s->P > 1 && b == a; tries++) {
            if (tries < 8)
                s->sel->select(s->costs, s->P, pressure, &rng, &b);
            else
                b = (a + 1 + (int)es_rng_below(&rng, (uint32_t)(s->P - 1))) % s->P;
        }
        if (s->mate_count > 0)
            b = pick_mate(s, a, b, pressure, &rng);
        if (s->costs[b] < s->costs[a]) { /* better parent first (biased crossovers) */
            int t = a;
            a = b;
            b = t;
        }
        double sim = s->xrate == ES_XRATE_SIMILARITY
                         ? es_similarity_positional(&s->info, &s->all[a].g, &s->all[b].g)
                         : 0.0;
        double pc, pm;
        es_xrate_apply(s->xrate, s->cfg.crossover_rate, s->cfg.mutation_rate, s->costs[a], best, mean, sim, prog, &pc,
                       &pm);
        int op = s->xc.n > 1 ? es_xchoice_pick(&s->xc, &rng) : 0;
        s->parent_cost[i] = s->costs[a];
        if (es_rng_uniform(&rng) < pc) {
            if (s->problem_cx)
                s->problem->crossover(s->inst, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            else
                s->xc.ops[op]->crossover(&s->info, &s->all[a].g, &s->all[b].g, child, scratch, &rng);
            s->child_op[i] = s->problem_cx ? -1 : op;
        } else {
            es_genome_copy(&s->info, child, &s->all[a].g);
            s->child_op[i] = -1;
        }
        /* A child identical to its parent would waste an evaluation. */
        if (es_rng_uniform(&rng) < pm || es_genome_equal(&s->info, child, &s->all[a].g))
            s->mut->mutate(&s->info, child, s->cfg.mutation_strength, scratch, &rng);
    }
    return ES_OK;
}

/* Children that are near copies of a member at least as good (docs/operators.md,
 * "Parents and near copies"). The features of every member and child are taken afresh each
 * generation: that costs far less than the decodes, and the population's
 * order changes at every replacement. The members' were already read into the
 * niche's rows this generation when breeding prevented incest. The
 * engine skips it past the time limit, and stops looking when the limit
 * comes in the middle. */
int es_engine_crowd(es_solver *s, int count)
{
    int N = s->P + count, first = 1, varies = 0, k0;
    if (s->mate_count > 0) { /* breeding read the members into these rows */
        k0 = s->mate_count;
        first = s->P;
    } else /* the first row fixes the count, and the problem promised the same for all */
        k0 = s->problem->features(s->inst, &s->all[0].g, es_niche_row(s->niche, 0));
    if (es_niche_set_count(s->niche, k0) != ES_OK)
        return ES_EINTERNAL;
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(| : varies)
    for (int i = first; i < N; i++)
        varies |= s->problem->features(s->inst, &s->all[i].g, es_niche_row(s->niche, i)) != k0;
    if (varies)
        return ES_EINTERNAL;
    for (int i = 0; i < s->P; i++)
        s->costs[i] = s->all[i].cost;
    es_niche_index(s->niche, s->P, s->costs);
    long long found = 0;
    int *twin = s->status; /* per child: the member it is a near copy of */
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(+ : found)
    for (int i = 0; i < count; i++) {
        individual *c = &s->all[s->P + i];
        twin[i] = -1;
        /* the run's clock is read per child, as the decoders' is: past the
         * time limit the replacement is skipped, and these looks with it */
        if (es_engine_must_stop(s))
            c->crowded = 1;
        else
            found += c->crowded = es_niche_crowded(s->niche, s->P + i, c->cost, &twin[i]);
    }
    s->res.crowded += found;
    /* With newer_first, a near copy of a member of its own cost takes that
     * member's place (the first such child, in index order, so that the
     * run does not depend on the threads): a move along the plateau rather
     * than a wasted child. Members come here unmarked: es_engine_replace
     * clears the marks of everyone it keeps. */
    for (int i = 0; i < count && s->cfg.newer_first; i++) {
        individual *c = &s->all[s->P + i], *m = twin[i] >= 0 ? &s->all[twin[i]] : NULL;
        if (c->crowded && m && !m->crowded && m->cost == c->cost) {
            m->crowded = 1;
            c->crowded = 0;
        }
    }
    return ES_OK;
}

/* Near copies last, then by cost; on equal costs the newer first when
 * newer is set, else by hash (identical genomes side by side), then age. */
static int rank(const individual *all, int ia, int ib, int newer)
{
    const individual *a = &all[ia], *b = &all[ib];
    if (a->crowded != b->crowded)
        return a->crowded ? 1 : -1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (newer && a->born != b->born)
        return a->born > b->born ? -1 : 1;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->born != b->born)
        return a->born > b->born ? -1 : 1;
    return ia - ib;
}

static int cmp_order(const void *pa, const void *pb, void *base)
{
    return rank(base, *(const int *)pa, *(const int *)pb, 0);
}

static int cmp_newer(const void *pa, const void *pb, void *base)
{
    return rank(base, *(const int *)pa, *(const int *)pb, 1);
}

/* Keeps the P best distinct individuals of survivors + children. Identical
 * genomes share cost and hash, so the sort puts them side by side; with
 * newer_first the distinct ones are then sorted again, newer first among
 * equal costs. */
void es_engine_replace(es_solver *s, int nchildren)
{
    int N = s->P + nchildren;
    if (N <= 0)
        return;
    for (int i = 0; i < N; i++)
        s->order[i] = i;
    qsort_r(s->order, (size_t)N, sizeof *s->order, cmp_order, s->all);
    int kept = 0, dup_end = N;
    int *dups = s->status; /* reuse: indices of duplicates, filled from the back */
    for (int r = 0; r < N; r++) {
        int i = s->order[r];
        int dup = 0;
        if (kept > 0) {
            const individual *prev = &s->all[s->order[kept - 1]];
            dup = prev->cost == s->all[i].cost && prev->hash == s->all[i].hash &&
                  es_genome_equal(&s->info, &prev->g, &s->all[i].g);
        }
        if (dup)
            dups[--dup_end] = i;
        else
            s->order[kept++] = i;
    }
    s->distinct = kept >= s->P;
    if (s->cfg.newer_first)
        qsort_r(s->order, (size_t)kept, sizeof *s->order, cmp_newer, s->all);
    /* Too few distinct ones: top up with duplicates, best first. */
    for (int r = N - 1; r >= dup_end && kept < s->P; r--)
        s->order[kept++] = dups[r];
    /* The rest, in any order, keep their genome buffers as future children. */
    int w = kept;
    char *mark = (char *)s->improve_evals; /* N bytes fit in N long longs */
    memset(mark, 0, (size_t)N);
    for (int r = 0; r < kept; r++)
        mark[s->order[r]] = 1;
    for (int i = 0; i < N; i++)
        if (!mark[i])
            s->order[w++] = i;
    for (int r = 0; r < N; r++)
        s->tmp[r] = s->all[s->order[r]];
    memcpy(s->all, s->tmp, (size_t)N * sizeof *s->all);
    /* a member, even a topped-up near copy, is a member */
    for (int r = 0; r < N; r++)
        s->all[r].crowded = 0;
}

/* Keeps the elite tenth, refills the rest with strongly perturbed copies of
 * the elite (half) and fresh random genomes (half). */
int es_engine_restart(es_solver *s)
{
    int elite = s->P / 10 > 0 ? s->P / 10 : 1;
    int n = s->info.length;
    int *work = malloc(2u * (size_t)n * sizeof *work);
    if (!work)
        return ES_ENOMEM;
    for (int i = elite; i < s->P; i++) {
        es_rng rng;
        es_rng_derive(&rng, s->cfg.seed, PURPOSE_RESTART, (uint64_t)s->generation, (uint64_t)i);
        if (i % 2) {
            es_genome_copy(&s->info, &s->all[i].g, &s->all[es_rng_below(&rng, (uint32_t)elite)].g);
            s->mut->mutate(&s->info, &s->all[i].g, 1.0, s->op_scratch, &rng);
        } else
            random_genome(&s->info, &s->all[i].g, &rng, work);
    }
    free(work);
    s->res.restarts++;
    s->distinct = 0; /* unsorted until the next replace */
    long long left = es_engine_budget_left(s);
    int count = s->P - elite;
    if (left < count)
        count = (int)(left > 0 ? left : 0);
    int st = es_engine_score(s, elite, count, PURPOSE_RESTART);
    if (st == ES_OK && count < s->P - elite)
        for (int i = elite + count; i < s->P; i++) { /* out of budget: mirror the elite */
            es_genome_copy(&s->info, &s->all[i].g, &s->all[0].g);
            s->all[i].value = s->all[0].value;
            s->all[i].cost = s->all[0].cost;
            s->all[i].hash = s->all[0].hash;
            s->all[i].estimated = s->all[0].estimated;
        }
    return st;
}

/* One migration: emigrants out (the best, or random members), immigrants
 * in, replacing the worst or random members outside the best one. The
 * population is sorted (replace ran just before), so "best" is a prefix. */
int es_engine_migrate(es_solver *s)
{
    int k = s->cfg.migrants, elite = 1;
    int *pick = s->order;
    es_rng rng;
    es_rng_derive(&rng, s->cfg.seed, PURPOSE_RESTART + 100, (uint64_t)s->generation, 0);
    int random_out = s->cfg.emigrants && !strcmp(s->cfg.emigrants, "random");
    for (int i = 0; i < k; i++)
        pick[i] = random_out ? (int)es_rng_below(&rng, (uint32_t)s->P) : i;
    for (int i = 0; i < k; i++) {
        s->batch[i] = s->all[pick[i]].g;
        s->values[i] = s->all[pick[i]].value;
    }
    /* Immigrants land in the spare genome buffers behind the population. */
    es_genome *in = s->batch + k;
    for (int i = 0; i < k; i++)
        in[i] = s->all[s->P + i].g;
    int n_in = k;
    int st = s->cfg.migrate(s->cfg.island_user, s->batch, s->values, k, in, s->values + k, &n_in);
    if (st != ES_OK)
        return st;
    s->res.migrations++;
    s->distinct = 0;
    int random_in = s->cfg.immigrants && !strcmp(s->cfg.immigrants, "random");
    for (int i = 0; i < n_in && i < k; i++) {
        int slot = random_in ? elite + (int)es_rng_below(&rng, (uint32_t)(s->P - elite)) : s->P - 1 - i;
        /* swap the genome buffers: the immigrant's becomes the member's */
        individual *v = &s->all[slot], *spare = &s->all[s->P + i];
        es_genome t = v->g;
        v->g = spare->g;
        spare->g = t;
        v->value = s->values[k + i];
        v->born = s->generation;
        v->hash = es_genome_hash(&s->info, &v->g);
        es_engine_fold_real(s, v);
        s->res.immigrants++;
    }
    return ES_OK;
}
