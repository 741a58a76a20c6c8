/* The population: its first members (priority rules, then random
 * genomes), restarts and island migration. Breeding is breed.c, replacement
 * replace.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "engine_internal.h"

/* Evaluates a first member on thread 0's scratch, and times it: the
 * engine begins no evaluation that would end past the time limit. */
static int evaluate_timed(es_solver *s, const es_genome *g, double *value)
{
    double t = es_engine_now();
    int st = s->problem->evaluate(s->inst, g, es_evaluator_scratch(s->ev, 0), value);
    s->eval_seconds = es_engine_now() - t;
    return st;
}

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
        int st = evaluate_timed(s, &s->all[count].g, &rule_value[count]);
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
     * enough to start from, and a rule is not begun when the last one's
     * time would take it past the limit (a 100,000-task satellite project:
     * 0.26 s a rule, a second's limit). */
    if (s->problem->heuristic) {
        double took = 0; /* the last rule's time, built and evaluated */
        for (int rule = 0; count < s->P / 2 && !(count > 0 && (es_engine_must_stop(s) || es_engine_out_of_time(s, took)));
             rule++) {
            double began = es_engine_now();
            const char *name = NULL;
            if (count > 0) /* the first rule always finishes */
                es_engine_hook_enter(s);
            int st = s->problem->heuristic(s->inst, rule, &s->all[count].g, &name);
            es_engine_hook_leave();
            if (st == ES_ENOTFOUND)
                break;
            if (st != ES_OK) {
                free(heap_work);
                free(rule_value);
                return st;
            }
            double value;
            st = evaluate_timed(s, &s->all[count].g, &value);
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
            took = es_engine_now() - began;
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
    int st = es_engine_score(s, 0, scored, PURPOSE_INIT, rule_value, count);
    if (st != ES_OK) {
        free(rule_value);
        return st;
    }
    /* Past the time limit es_engine_score() leaves members unevaluated (the
     * rules' only when it was to improve them): the rules' keep the values
     * found above (whose evaluation now counts, since the search uses it:
     * only the report used it before), the others copy an evaluated
     * member, and if none is, the first is evaluated here. */
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
    int st = es_engine_score(s, elite, count, PURPOSE_RESTART, NULL, 0);
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
