/* What the engine's files share: the solver's state and the steps of a
 * generation. create.c checks a configuration and builds the solver;
 * engine.c runs the generations; scoring.c evaluates and improves
 * individuals (with the surrogate); population.c seeds, restarts and
 * migrates the population; breed.c makes children by selection, crossover
 * and mutation; replace.c marks near copies and keeps the best distinct
 * individuals; colony.c lets ants build children. Private to the library:
 * the public API is include/evosched/engine.h.
 *
 * Determinism: every random decision of child i in generation g draws from
 * the stream derive(seed, purpose, g, i), children are produced, evaluated and
 * improved independently, and everything that combines them (counters,
 * replacement, the best so far) runs afterwards in index order. A run stopped
 * by evaluations or generations is therefore the same for any thread count. */
#ifndef EVOSCHED_ENGINE_INTERNAL_H
#define EVOSCHED_ENGINE_INTERNAL_H

#include <evosched/evosched.h>
#include "../fitness/evaluator.h"
#include "../fitness/surrogate.h"
#include "crossover_policy.h"
#include "niche.h"

enum { PURPOSE_INIT = 1, PURPOSE_BREED = 2, PURPOSE_IMPROVE = 3, PURPOSE_RESTART = 4, PURPOSE_SURROGATE = 5,
       PURPOSE_ANT = 6 };

enum { ALGO_GA = 0, ALGO_ACO = 1, ALGO_HYBRID = 2 };

typedef struct individual {
    es_genome g;
    double value;  /* objective as the problem reports it */
    double cost;   /* value turned into "lower is better" */
    uint64_t hash;
    long long born; /* generation; newer wins ties so plateaus are crossed */
    int estimated;  /* value is a surrogate estimate, not a real evaluation */
    int crowded;    /* a child found a near copy of a member (--niche): kept last */
} individual;

struct es_solver {
    const es_problem *problem;
    const es_instance *inst;
    es_config cfg;
    es_genome_info info;
    const es_operator *sel, *mut, *imp;
    es_evaluator *ev;
    int threads, P, L;
    individual *all;  /* P survivors followed by L children */
    int *order;       /* sort buffer over all */
    individual *tmp;  /* reorder buffer */
    es_genome *batch; /* views of genomes for the evaluator */
    double *values, *costs;
    long long *improve_evals;
    int *status;
    unsigned char *op_scratch;
    size_t op_stride;
    es_xrate xrate;
    es_xchoice xc;         /* the crossover(s): one, or several with credit */
    int problem_cx;        /* the problem's own crossover instead of xc */
    const char *cx_name;   /* what the result reports as the crossover */
    es_surrogate *sur;     /* NULL unless --surrogate ffem */
    es_niche *niche;       /* NULL unless --niche */
    int *mate_rows;        /* each member's features (--incest without --niche; see es_engine_mate_row) */
    int mate_count;        /* features per row, read this generation; 0: none read */
    int algo;
    const es_operator *con; /* construction operator (aco/hybrid) */
    void *con_state;
    es_genome iter_best;   /* this iteration's best ant */
    int *child_op;         /* crossover used per child, -1 if none */
    double *parent_cost;   /* better parent's cost per child */
    char *est;             /* per child: estimated this generation */
    char *complete;        /* per child: 0 if its evaluation stopped at the cutoff */
    int distinct;          /* the population is sorted and its P members distinct */
    double *est_cost, *est_sim;
    /* Seconds one evaluation takes on one thread, as last measured (0: not
     * yet): es_engine_must_stop() begins none that would end past the time
     * limit. */
    double eval_seconds;
    es_genome best;
    int have_best;
    double best_cost;
    double t0, deadline, next_progress;
    long long generation;
    es_result res;
};

/* Room for one row of a genome's features (the problem's features hook
 * writes at most the genome's length). */
static inline size_t es_engine_row_width(const es_solver *s)
{
    return (size_t)(s->info.length > 0 ? s->info.length : 1);
}

/* Member i's row of features for incest prevention: the niche's own row
 * when there is a niche, which then needs not read the members again. */
static inline int *es_engine_mate_row(es_solver *s, int i)
{
    return s->niche ? es_niche_row(s->niche, i) : s->mate_rows + (size_t)i * es_engine_row_width(s);
}

static inline double es_engine_to_cost(const es_solver *s, double value)
{
    return s->problem->sense == ES_MAXIMIZE ? -value : value;
}

/* engine.c */
double es_engine_now(void);
int es_engine_must_stop(const es_solver *s);
/* Whether work of that many seconds, begun now, would end at or past the
 * time limit (0 when there is none). es_engine_must_stop asks it for one
 * evaluation. */
int es_engine_out_of_time(const es_solver *s, double seconds);
long long es_engine_budget_left(const es_solver *s);
double es_engine_progress(const es_solver *s);

/* stop.c: es_stop_requested() answers for s while this thread runs one of
 * its hooks, between enter and leave. */
void es_engine_hook_enter(const es_solver *s);
void es_engine_hook_leave(void);

/* scoring.c */
void es_engine_fold_real(es_solver *s, individual *v);
/* Evaluates (and improves, at the configured rate) all[first .. first+count).
 * The first nknown of them have values already, known[0 .. nknown) (the
 * rules' and --start's): those not improved take them, counted as one
 * evaluation each, instead of being evaluated again. */
int es_engine_score(es_solver *s, int first, int count, uint64_t purpose, const double *known, int nknown);
/* Evaluates for real the estimated individuals that would enter the elite. */
int es_engine_guard_estimates(es_solver *s, int nchildren);

/* population.c */
int es_engine_init_population(es_solver *s);
int es_engine_restart(es_solver *s);
int es_engine_migrate(es_solver *s);

/* breed.c */
/* Children [0, count) by selection, crossover and mutation. ES_EINTERNAL when
 * the features hook, read for incest prevention, broke its promise. */
int es_engine_breed(es_solver *s, int count);
void es_engine_credit_crossovers(es_solver *s, int count);

/* replace.c */
/* Marks the children [0, count) that are near copies of a member at least as
 * good (--niche). */
int es_engine_crowd(es_solver *s, int count);
void es_engine_replace(es_solver *s, int nchildren);

/* colony.c */
void es_engine_construct(es_solver *s, int from, int count);
void es_engine_learn(es_solver *s, int have_iter_best);
int es_engine_keep_iteration_best(es_solver *s, int from, int count);

#endif
