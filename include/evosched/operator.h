/* The operator plug-in interface: selection, crossover, mutation, improvement
 * and construction, each a versioned const table picked by name.
 *
 * Operators see problems only through es_genome_info and the problem table,
 * never a concrete problem, so every operator works on every problem whose
 * genome kind it supports. All hooks must be thread-safe: the engine calls
 * them concurrently for different offspring, each with its own rng stream and
 * scratch block. */
#ifndef EVOSCHED_OPERATOR_H
#define EVOSCHED_OPERATOR_H

#include <evosched/status.h>
#include <evosched/rng.h>
#include <evosched/genome.h>
#include <evosched/problem.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ES_OPERATOR_API_VERSION 1

typedef enum es_operator_kind {
    ES_OP_SELECTION = 1,
    ES_OP_CROSSOVER = 2,
    ES_OP_MUTATION = 3,
    ES_OP_IMPROVEMENT = 4,
    ES_OP_CONSTRUCTION = 5
} es_operator_kind;

/* "selection", "crossover", ...; static storage. */
const char *es_operator_kind_name(es_operator_kind kind);

/* flags: which genomes the operator handles */
#define ES_OPF_PERMUTATION 0x1u /* plain permutations */
#define ES_OPF_RANDOM_KEYS 0x2u
#define ES_OPF_PRECEDENCE 0x4u /* keeps precedence-feasible permutations feasible */

/* Parameters of constructive algorithms (ant colonies). */
typedef struct es_construction_params {
    double alpha, beta; /* weight of pheromone and of the problem's desirability */
    double rho;         /* evaporation */
    double q0;          /* ACS: probability of taking the best choice outright (0: MAX-MIN) */
    int successor;      /* pheromone on (predecessor, successor) instead of (item, position) */
    int summation;      /* summation rule over positions (tardiness-type problems) */
} es_construction_params;

typedef struct es_operator {
    int api_version; /* ES_OPERATOR_API_VERSION */
    es_operator_kind kind;
    const char *name;
    const char *summary;
    unsigned flags;

    /* Scratch bytes a call needs (NULL: none). */
    size_t (*scratch_size)(const es_genome_info *info);

    /* ES_OP_SELECTION: index of a parent among n, costs lower = better. */
    int (*select)(const double *costs, int n, int pressure, es_rng *rng, int *index);

    /* ES_OP_CROSSOVER: child from parents a and b; child never aliases them.
     * A child of two identical parents must equal them. */
    int (*crossover)(const es_genome_info *info, const es_genome *a, const es_genome *b,
                     es_genome *child, void *scratch, es_rng *rng);

    /* ES_OP_MUTATION: perturbs g in place; strength in (0, 1] scales how much. */
    int (*mutate)(const es_genome_info *info, es_genome *g, double strength,
                  void *scratch, es_rng *rng);

    /* ES_OP_IMPROVEMENT: improves g in place; same contract as es_problem.improve
     * (*evaluations: allowance in, spent out). */
    int (*improve)(const es_problem *problem, const es_instance *inst, es_genome *g,
                   double *value, void *scratch, es_rng *rng, long long *evaluations);

    /* ES_OP_CONSTRUCTION (ant colonies): an operator with learned state.
     * create: state for one run on one instance; construct: a new genome
     * (thread-safe: reads the state only); learn: update the state from the
     * given solutions, best first (called once per iteration, in order). */
    int (*create)(const es_problem *problem, const es_instance *inst, const es_genome_info *info,
                  const struct es_construction_params *params, void **state);
    void (*destroy)(void *state);
    int (*construct)(void *state, es_genome *out, void *scratch, es_rng *rng);
    int (*learn)(void *state, const es_genome *solutions, const double *costs, int count, int restart);
} es_operator;

#ifdef __cplusplus
}
#endif
#endif
