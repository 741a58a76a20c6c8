/* Priority rules for activity lists: latest finish time (LFT), greatest rank
 * positional weight (GRPW) and most total successors (MTS), each picking the
 * best eligible job (all predecessors listed) at every step. Rules past the
 * first three are regret-based biased random samplings of them (Kolisch &
 * Drexl 1996), seeded by the rule number so that they are deterministic. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rcpsp.h"

#define BASE_RULES 3
#define SAMPLED_RULES 200

static const char *const names[BASE_RULES] = {"LFT", "GRPW", "MTS"};
static const char *const sampled_names[BASE_RULES] = {"LFT-sampled", "GRPW-sampled", "MTS-sampled"};

/* Priority of each job under a base rule; larger is scheduled first. */
static int priorities(const rcpsp *r, int rule, double *prio)
{
    int n = r->n;
    if (rule == 0) {
        for (int j = 0; j < n; j++)
            prio[j] = -(double)r->lf[j];
    } else if (rule == 1) {
        for (int j = 0; j < n; j++) {
            prio[j] = r->dur[j];
            for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++)
                prio[j] += r->dur[r->succ[e]];
        }
    } else {
        /* Transitive successors by bit sets, in reverse topological order. */
        size_t words = ((size_t)n + 63) / 64;
        uint64_t *bits = calloc((size_t)n * words, sizeof *bits);
        const int *by_rank = r->by_rank;
        if (!bits)
            return ES_ENOMEM;
        for (int q = n - 1; q >= 0; q--) {
            int j = by_rank[q];
            uint64_t *b = bits + (size_t)j * words;
            for (int e = r->succ_start[j]; e < r->succ_start[j + 1]; e++) {
                int s = r->succ[e];
                const uint64_t *bs = bits + (size_t)s * words;
                b[s / 64] |= (uint64_t)1 << (s % 64);
                for (size_t w = 0; w < words; w++)
                    b[w] |= bs[w];
            }
            int count = 0;
            for (size_t w = 0; w < words; w++)
                count += __builtin_popcountll(b[w]);
            prio[j] = count;
        }
        free(bits);
    }
    return ES_OK;
}

/* A rule's pick: the eligible job of highest priority (ties: lowest
 * number), or with regret-based random sampling one drawn with probability
 * growing with (priority - worst eligible priority + 1). */
typedef struct rule_pick {
    const double *prio;
    int sampled;
    es_rng rng;
} rule_pick;

static int pick_by_rule(void *user, const int *elig, int ne, int pos)
{
    (void)pos;
    rule_pick *rp = user;
    const double *prio = rp->prio;
    int pick = 0;
    if (!rp->sampled) {
        for (int e = 1; e < ne; e++)
            if (prio[elig[e]] > prio[elig[pick]] || (prio[elig[e]] == prio[elig[pick]] && elig[e] < elig[pick]))
                pick = e;
        return pick;
    }
    double worst = prio[elig[0]], total = 0;
    for (int e = 1; e < ne; e++)
        worst = fmin(worst, prio[elig[e]]);
    for (int e = 0; e < ne; e++)
        total += prio[elig[e]] - worst + 1;
    double u = es_rng_uniform(&rp->rng) * total;
    for (pick = 0; pick < ne - 1; pick++) {
        u -= prio[elig[pick]] - worst + 1;
        if (u < 0)
            break;
    }
    return pick;
}

int rcpsp_heuristic(const es_instance *inst, int rule, es_genome *out, const char **name)
{
    const rcpsp *r = rcpsp_of(inst);
    int n = r->n;
    if (rule < 0 || rule >= BASE_RULES + SAMPLED_RULES)
        return ES_ENOTFOUND;
    int base = rule % BASE_RULES, sampled = rule >= BASE_RULES;
    *name = sampled ? sampled_names[base] : names[base];
    double *prio = malloc((size_t)n * sizeof *prio);
    int *work = malloc(2 * (size_t)n * sizeof *work);
    int st = prio && work ? priorities(r, base, prio) : ES_ENOMEM;
    if (st == ES_OK) {
        rule_pick rp = {prio, sampled, {0, 0}};
        es_rng_seed(&rp.rng, (uint64_t)rule, 0x52435053u);
        es_genome_info info = {ES_GENOME_PERMUTATION, n, r->succ_start, r->succ};
        es_genome_build_order(&info, pick_by_rule, &rp, out->perm, work);
    }
    free(prio);
    free(work);
    return st;
}

/* For constructive algorithms: jobs with an early latest finish come first. */
int rcpsp_desirability(const es_instance *inst, double *eta)
{
    const rcpsp *r = rcpsp_of(inst);
    for (int j = 0; j < r->n; j++)
        eta[j] = 1.0 / (1.0 + r->lf[j]);
    return ES_OK;
}
