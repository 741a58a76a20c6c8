/* Ant colony optimisation over permutations: MAX-MIN Ant System (Stützle &
 * Hoos 2000) and, with q0 > 0, the pseudo-random proportional rule of Ant
 * Colony System (Dorigo & Gambardella 1997).
 *
 * Pheromone sits on (item, position), optionally read with the summation
 * rule (Merkle & Middendorf 2000; den Besten et al. 2000 for weighted
 * tardiness), or on (predecessor, successor); the problem says which. An ant
 * fills positions in order, choosing among the eligible items (all unplaced
 * ones, or those whose predecessors are placed) with probability
 * proportional to pheromone^alpha * desirability^beta; desirability comes
 * from the problem's hook. Deposits are 1 per learning solution (scale-free:
 * the objective's units never matter), so tau_max = 1/rho and
 * tau_min = tau_max / (2n). Ants only read the pheromone, so they are built
 * in parallel; learning happens once per iteration, in order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/operator.h>
#include "aco.h"

typedef struct aco {
    es_genome_info info;
    es_construction_params p;
    int n, rows;   /* rows: n positions, or n+1 predecessors (row n: the start) */
    double *tau;   /* tau[row * n + item] */
    double *etab;  /* desirability^beta */
    double tmax, tmin;
} aco;

static size_t aco_scratch_size(const es_genome_info *info)
{
    return (size_t)info->length * (2 * sizeof(double) + 2 * sizeof(int)) + 64;
}

static void aco_destroy(void *state)
{
    aco *a = state;
    if (!a)
        return;
    free(a->tau);
    free(a->etab);
    free(a);
}

static int aco_create(const es_problem *problem, const es_instance *inst, const es_genome_info *info,
                      const es_construction_params *params, void **state)
{
    if (info->kind != ES_GENOME_PERMUTATION)
        return ES_ENOTSUP;
    aco *a = calloc(1, sizeof *a);
    if (!a)
        return ES_ENOMEM;
    a->info = *info;
    a->p = *params;
    a->n = info->length;
    a->rows = params->successor ? a->n + 1 : a->n;
    if ((double)a->rows * a->n * sizeof *a->tau > ES_ACO_MAX_PHEROMONE_BYTES) {
        free(a);
        return ES_ELIMIT; /* n^2 pheromone: gigabytes, and an ant would take seconds */
    }
    a->tau = malloc((size_t)a->rows * (size_t)a->n * sizeof *a->tau);
    a->etab = malloc((size_t)a->n * sizeof *a->etab);
    if (!a->tau || !a->etab) {
        aco_destroy(a);
        return ES_ENOMEM;
    }
    /* Desirability from the problem, scaled to mean 1 so that beta means the
     * same on every problem. */
    double mean = 0;
    int st = problem->desirability ? problem->desirability(inst, a->etab) : ES_ENOTSUP;
    for (int j = 0; j < a->n; j++) {
        if (st != ES_OK || !(a->etab[j] > 0) || !isfinite(a->etab[j]))
            a->etab[j] = st != ES_OK ? 1.0 : 1e-6;
        mean += a->etab[j] / a->n;
    }
    for (int j = 0; j < a->n; j++)
        a->etab[j] = pow(a->etab[j] / mean, a->p.beta);
    a->tmax = 1.0 / (a->p.rho > 0 ? a->p.rho : 0.1);
    a->tmin = a->tmax / (2.0 * a->n);
    for (size_t i = 0; i < (size_t)a->rows * (size_t)a->n; i++)
        a->tau[i] = a->tmax;
    *state = a;
    return ES_OK;
}

/* One ant's choice at position pos: the best eligible item with
 * probability q0 (ACS), otherwise one drawn in proportion to pheromone^alpha
 * times desirability. */
typedef struct ant {
    const aco *a;
    double *weight, *cum;
    const int *order; /* the positions placed so far, for successor pheromone */
    es_rng *rng;
} ant;

static int ant_pick(void *user, const int *elig, int ne, int pos)
{
    ant *t = user;
    const aco *a = t->a;
    int n = a->n, prev = pos > 0 ? t->order[pos - 1] : n; /* n: the start row for successor pheromone */
    if (a->p.summation)
        for (int j = 0; j < n; j++)
            t->cum[j] += a->tau[(size_t)pos * (size_t)n + (size_t)j];
    double total = 0, *weight = t->weight;
    int best = 0;
    for (int e = 0; e < ne; e++) {
        int j = elig[e];
        double tau = a->p.successor ? a->tau[(size_t)prev * (size_t)n + (size_t)j]
                     : a->p.summation ? t->cum[j]
                                      : a->tau[(size_t)pos * (size_t)n + (size_t)j];
        double w = (a->p.alpha == 1.0 ? tau : pow(tau, a->p.alpha)) * a->etab[j];
        weight[e] = w;
        total += w;
        if (w > weight[best])
            best = e;
    }
    int pick = best;
    if (!(a->p.q0 > 0 && es_rng_uniform(t->rng) < a->p.q0)) {
        double u = es_rng_uniform(t->rng) * total;
        for (pick = 0; pick < ne - 1; pick++) {
            u -= weight[pick];
            if (u < 0)
                break;
        }
    }
    return pick;
}

static int aco_construct(void *state, es_genome *out, void *scratch, es_rng *rng)
{
    const aco *a = state;
    int n = a->n;
    double *weight = scratch, *cum = weight + n;
    memset(cum, 0, (size_t)n * sizeof *cum);
    ant t = {a, weight, cum, out->perm, rng};
    /* the ints after the two double arrays (aco_scratch_size) */
    int *work = (int *)(void *)((char *)scratch + 2 * (size_t)n * sizeof(double));
    es_genome_build_order(&a->info, ant_pick, &t, out->perm, work);
    return ES_OK;
}

static int aco_learn(void *state, const es_genome *solutions, const double *costs, int count, int restart)
{
    (void)costs;
    aco *a = state;
    int n = a->n;
    size_t cells = (size_t)a->rows * (size_t)n;
    if (restart) { /* stagnation: forget, explore again */
        for (size_t i = 0; i < cells; i++)
            a->tau[i] = a->tmax;
        return ES_OK;
    }
    for (size_t i = 0; i < cells; i++)
        a->tau[i] *= 1.0 - a->p.rho;
    double amount = count > 0 ? 1.0 / count : 0;
    for (int k = 0; k < count; k++)
        for (int pos = 0; pos < n; pos++) {
            int j = solutions[k].perm[pos];
            int row = a->p.successor ? (pos == 0 ? n : solutions[k].perm[pos - 1]) : pos;
            a->tau[(size_t)row * (size_t)n + (size_t)j] += amount;
        }
    for (size_t i = 0; i < cells; i++)
        a->tau[i] = a->tau[i] < a->tmin ? a->tmin : a->tau[i] > a->tmax ? a->tmax : a->tau[i];
    return ES_OK;
}

void es_aco_tau_range(const void *state, double *lo, double *hi, double *tmin, double *tmax)
{
    const aco *a = state;
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < (size_t)a->rows * (size_t)a->n; i++) {
        *lo = fmin(*lo, a->tau[i]);
        *hi = fmax(*hi, a->tau[i]);
    }
    *tmin = a->tmin;
    *tmax = a->tmax;
}

const es_operator es_op_aco = {
    .api_version = ES_OPERATOR_API_VERSION,
    .kind = ES_OP_CONSTRUCTION,
    .name = "aco",
    .summary = "ant colony (MAX-MIN Ant System; Ant Colony System with --aco-q0)",
    .flags = ES_OPF_PERMUTATION | ES_OPF_PRECEDENCE,
    .scratch_size = aco_scratch_size,
    .create = aco_create,
    .destroy = aco_destroy,
    .construct = aco_construct,
    .learn = aco_learn,
};
