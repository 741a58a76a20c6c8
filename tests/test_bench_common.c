/* The benchmark programs' shared helpers: their options are read strictly
 * (a typing error must stop a bench, not be measured as a setting), and an
 * ant colony bench gets the RCPSP problem it can build for. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <evosched/evosched.h>
#include "bench/bench_common.h"

static const char usage[] = "usage: bench_x [--evals N] [--rate R] [--name S] [--quick] FILE...\n";

static long long evals = 7;
static double rate = 0.5;
static int seeds = 3, quick = 0;
static const char *name = "none";

static const bench_option opts[] = {{"--evals", BENCH_LONG, &evals, 1, 9e18},
                                    {"--rate", BENCH_REAL, &rate, 0, 1},
                                    {"--seeds", BENCH_INT, &seeds, 1, 100},
                                    {"--name", BENCH_TEXT, &name, 0, 0},
                                    {"--quick", BENCH_FLAG, &quick, 0, 0},
                                    {NULL, BENCH_FLAG, NULL, 0, 0}};

static int parse(int argc, char **argv, int min_args, int max_args, const char **args)
{
    return bench_options(argc, argv, usage, opts, min_args, max_args, args);
}

Test(bench_options, options_anywhere_and_inputs_in_order)
{
    char *argv[] = {"bench_x", "a.sm", "--evals", "5000000000", "-", "--rate", "0.25", "--quick",
                    "--seeds", "100", "--name", "fitness", "--", "--b.sm", NULL};
    const char *args[14];
    int n = parse(14, argv, 1, -1, args);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(args[0], "a.sm");
    cr_assert_str_eq(args[1], "-", "a lone '-' is an input (standard input), not an option");
    cr_assert_str_eq(args[2], "--b.sm", "after '--' everything is an input");
    cr_assert_eq(evals, 5000000000LL, "a budget beyond an int is kept whole");
    cr_assert_float_eq(rate, 0.25, 1e-12);
    cr_assert_eq(seeds, 100, "the range's ends are allowed");
    cr_assert_str_eq(name, "fitness");
    cr_assert_eq(quick, 1);
}

Test(bench_options, no_inputs_when_none_are_needed)
{
    char *argv[] = {"bench_x", "--seeds", "2", NULL};
    cr_assert_eq(parse(3, argv, 0, 0, NULL), 0);
    cr_assert_eq(seeds, 2);
}

/* Each refusal ends the program with exit code 2 before anything would be
 * measured: one process per case. max_args 2 with room for two inputs: a
 * third must be refused before it is stored (ASan would see the overflow). */
typedef struct refusal { /* arrays, not pointers: Criterion copies a parameter into the test's own process */
    char why[32], args[4][16];
} refusal;

ParameterizedTestParameters(bench_options, refusals)
{
    static refusal cases[] = {
        {"an unknown option", {"--sed", "3", "a.sm"}},
        {"a malformed integer", {"--evals", "5k", "a.sm"}},
        {"a fraction for an integer", {"--seeds", "2.5", "a.sm"}},
        {"a number out of range", {"--rate", "1.5", "a.sm"}},
        {"a missing value", {"a.sm", "--name"}},
        {"an option as the value", {"--name", "--quick", "a.sm"}},
        {"no input", {"--quick"}},
        {"more inputs than fit", {"a", "b", "c"}},
    };
    return cr_make_param_array(refusal, cases, sizeof cases / sizeof *cases);
}

ParameterizedTest(refusal *c, bench_options, refusals, .exit_code = 2)
{
    char *argv[6] = {"bench_x"};
    int argc = 1;
    while (argc < 5 && c->args[argc - 1][0])
        argv[argc] = c->args[argc - 1], argc++;
    const char *args[2];
    parse(argc, argv, 1, 2, args);
    cr_assert_fail("%s was accepted", c->why);
}

/* bench_aco on a PSPLIB file: the ants need activity lists (rcpsp), which a
 * plain detection (random keys, rcpsp-keys) does not give. */
Test(bench_load, ants_get_the_problem_they_can_build_for)
{
    es_registry *reg;
    es_registry_create(&reg);
    char path[4096];
    bench_instance plain, ants;
    bench_load_detect(reg, ES_INSTANCES "/rcpsp/j3013_5.sm", NULL, path, sizeof path, &plain);
    bench_load_detect(reg, ES_INSTANCES "/rcpsp/j3013_5.sm", "aco", path, sizeof path, &ants);
    cr_assert_str_eq(plain.problem->name, "rcpsp-keys");
    cr_assert_str_eq(ants.problem->name, "rcpsp");
    cr_assert_not_null(ants.problem->desirability);

    /* The best bound: bounds.csv's optimum 67, tighter than the problem's own. */
    es_bound own, best;
    cr_assert_eq(ants.problem->lower_bound(ants.inst, &own), ES_OK);
    cr_assert_lt(own.value, 67);
    cr_assert_eq(bench_best_bound(&ants, path, &best), 1);
    cr_assert_float_eq(best.value, 67, 1e-9, "%s gave %g", best.source, best.value);

    /* A selector is split off the path that bound files are found beside. */
    bench_instance wt;
    bench_load_detect(reg, ES_INSTANCES "/tardiness/wt40.txt:2", NULL, path, sizeof path, &wt);
    cr_assert_str_eq(path, ES_INSTANCES "/tardiness/wt40.txt");
    cr_assert_eq(bench_best_bound(&wt, path, &best), 1);
    cr_assert_eq(best.proven_optimum, 1, "wtopt40.txt holds the optimum: %s", best.source);
    bench_unload(&wt);
    bench_unload(&ants);
    bench_unload(&plain);
    es_registry_destroy(reg);
}
