/* The engine suites' fixture (test_engine*.c): instance 5 of wt40, loaded
 * afresh for each test, runs on it, and a copy of the tardiness problem
 * that a test may rewire. Each suite starts with `TestSuite(engine, .init =
 * engine_setup, .fini = engine_teardown)`. */
#ifndef ES_ENGINE_FIXTURE_H
#define ES_ENGINE_FIXTURE_H
#include <signal.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>

extern es_registry *reg;
extern const es_problem *prob; /* tardiness */
extern es_instance *inst;
extern es_source src;

void engine_setup(void);
void engine_teardown(void);

/* One run of problem p (the instance's own, or a wrapped copy); copy, if
 * given, receives the best genome (free it with es_genome_free). */
int run_on(const es_problem *p, es_config *cfg, es_result *res, es_genome *copy);

/* run_on with the instance's own problem. */
int run(es_config *cfg, es_result *res, es_genome *copy);

/* A run with the default settings and a budget of evals; *g receives its
 * best genome (free it with es_genome_free). */
void run_for(long long evals, es_result *r, es_genome *g);

/* Hooks that misbehave on purpose, on a copy of the tardiness problem: the
 * run must end at its limit whatever they cost. */
extern es_problem wrapped;
extern volatile sig_atomic_t raised;

/* Settings for a run that `raised` may stop: a population of 40. */
void stoppable(es_config *cfg);

/* A features hook for wrapped (tardiness has none): the permutation. */
int perm_features(const es_instance *in, const es_genome *g, int *out);

#endif
