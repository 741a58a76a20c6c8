/* The evosched command as a user meets it: exit codes, messages, JSON,
 * solution files that pass `check`, plug-ins, GLPK bounds, --start and the
 * problems' tuning of the settings. Bench, output files and signals have
 * their own suites (test_cli_bench.c, test_cli_outputs.c,
 * test_cli_signals.c). */
#include <math.h>
#include <sys/resource.h>
#include "cli_util.h"

TestSuite(cli, .init = make_dir, .fini = remove_dir);

Test(cli, version_and_help)
{
    cr_assert_eq(run("--version"), 0);
    /* the first line alone is the version, for scripts; then the build */
    char want[160];
    snprintf(want, sizeof want, "evosched %s\n  plug-in API  problem tables 1 to %d,", es_version(), ES_PROBLEM_API_VERSION);
    cr_assert_eq(strncmp(out, want, strlen(want)), 0, "%s", out);
    snprintf(want, sizeof want, "\n  GLPK         %s\n", es_mip_solver_version());
    cr_assert(strstr(out, want), "%s", out);
    cr_assert(strstr(out, "\n  MPI          "), "%s", out);
    cr_assert_eq(run("--help"), 0);
    cr_assert(strstr(out, "solve FILE"), "%s", out);
    cr_assert_eq(run("solve --help"), 0);
    cr_assert(strstr(out, "--evals"), "%s", out);
    /* 'help COMMAND' is that command's --help, for every command */
    cr_assert_eq(run("help solve"), 0);
    cr_assert(strstr(out, "usage: evosched solve") && strstr(out, "--evals"), "%s", out);
    cr_assert_eq(run("help list"), 0);
    cr_assert(strstr(out, "usage: evosched list"), "%s", out);
    cr_assert_eq(run("help generate"), 0);
    cr_assert(strstr(out, "problems with a generator: tardiness rcpsp satellite"), "%s", out);
    /* each generator's options, without writing an instance */
    const char *gens[][2] = {{"rcpsp", "--n N [--resources K]"}, {"tardiness", "--n N --tf TF --rdd RDD"},
                             {"satellite", "--class XS|S|M|L|XL"}};
    for (int g = 0; g < 3; g++) {
        cr_assert_eq(run("generate %s --seed 3 --help", gens[g][0]), 0, "%s", err_text);
        char want[128];
        snprintf(want, sizeof want, "usage: evosched generate %s %s", gens[g][0], gens[g][1]);
        cr_assert(strncmp(out, want, strlen(want)) == 0, "%s", out);
    }
    expect_cases(&(cli_case){"help frobnicate", 2, "unknown command 'frobnicate'", NULL}, 1);
}

Test(cli, bad_command_lines_exit_2_with_a_reason)
{
#define EX20 ES_INSTANCES "/tardiness/example20.txt"
    static const cli_case cases[] = {
        {"", 2, NULL, NULL},
        {"frobnicate", 2, "unknown command 'frobnicate'", NULL},
        {"solve " EX20 " --bogus", 2, "unknown option '--bogus'", NULL},
        {"solve " EX20 " --threads abc", 2, "--threads needs an integer", NULL},
        /* integer limits written in full, not as 9.0072e+15 */
        {"solve " EX20 " --seed 1e16", 2, "--seed needs an integer in [0, 9007199254740992], got '1e16'", NULL},
        {"solve " EX20 " --schedules 0", 2, "--schedules needs an integer in [1, 9000000000000000000], got '0'", NULL},
        {"solve " EX20 " --evals", 2, NULL, NULL},
        {"solve", 2, NULL, NULL},
        {"solve " EX20 " --problem nosuch", 2, "unknown problem 'nosuch'", NULL},
        {"solve " EX20 " --algorithm nosuch", 2, "unknown algorithm 'nosuch' (ga, aco, hybrid, ils)", NULL},
        {"solve " EX20 " --parents some", 2, "--parents needs any or distinct, got 'some'", NULL},
        {"solve " EX20 " --ties newest", 2, "--ties needs hash or newer, got 'newest'", NULL},
        {"solve " EX20 " --niche 2", 2, "--niche needs a number in [0, 1], got '2'", NULL},
        {"solve " EX20 " --niche 0.5 --evals 100", 2, "no features for niching", NULL},
        {"solve " EX20 " --incest -0.1", 2, "--incest needs a number in [0, 1], got '-0.1'", NULL},
        {"solve " EX20 " --incest 0.5 --evals 100", 2, "no features for incest prevention", NULL},
        {"solve " EX20 " --crossover nosuch", 2, "unknown crossover operator 'nosuch'", NULL},
        /* a crossover that does not fit: the problem's own is offered first */
        {"solve " ES_INSTANCES "/rcpsp/j301_1.sm --problem rcpsp --crossover uniform --schedules 10", 2,
         "'uniform' does not handle", "takes: peak, adaptive"},
        {"solve " ES_INSTANCES "/tardiness/wt40.txt", 2, "pick one with", NULL},
        {"check " EX20, 2, NULL, NULL},
        {"check a b c", 2, "not a third ('c')", NULL},
        {"check a b --problem", 2, "--problem needs a value", NULL},
        {"generate tardiness --n 0 --tf 0.5 --rdd 0.5", 2, NULL, NULL},
        /* generate offers the problems that have a generator, not all of them */
        {"generate rcpsp-keys", 2, "no generator for 'rcpsp-keys'\nproblems with a generator: tardiness rcpsp satellite ",
         NULL},
        {"generate rcpsp", 2, "generate rcpsp: --n is needed\nusage: evosched generate rcpsp --n N", NULL},
        {"generate nosuch", 2, "unknown problem 'nosuch'", NULL},
        /* two outputs cannot share stdout */
        {"solve " EX20 " --evals 100 --json - --solution -", 2, "only one of --json, --solution and --chart can be '-'",
         NULL},
    };
#undef EX20
    expect_cases(cases, sizeof cases / sizeof *cases);
}

/* A run without a budget ends only at its target or on Ctrl-C: it says so,
 * and a run with a budget does not. */
Test(cli, a_run_without_a_budget_says_when_it_stops)
{
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:1", ES_INSTANCES), 0, "%s", err_text);
    cr_assert(strstr(err_text, "no budget") && strstr(err_text, "target 913 is reached or Ctrl-C"), "%s", err_text);
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:1 --target 1000", ES_INSTANCES), 0, "%s", err_text);
    cr_assert(strstr(err_text, "target 1000 is reached"), "%s", err_text);
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:1 --evals 2000", ES_INSTANCES), 0, "%s", err_text);
    cr_assert_null(strstr(err_text, "no budget"), "%s", err_text);
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:1 --quiet", ES_INSTANCES), 0, "%s", err_text);
    cr_assert_null(strstr(err_text, "no budget"), "%s", err_text);
}

Test(cli, bad_files_exit_3_with_file_and_line)
{
    cr_assert_eq(run("solve %s/missing.txt", dir), 3);
    cr_assert(strstr(err_text, "missing.txt: cannot open"), "%s", err_text);
    cr_assert_eq(run("solve %s", dir), 3);
    cr_assert(strstr(err_text, "is a folder, not a file"), "%s", err_text);
    /* the same reader takes solution files: the message must fit them too */
    cr_assert_eq(run("check %s/tardiness/example20.txt %s", ES_INSTANCES, dir), 3);
    cr_assert(strstr(err_text, "is a folder, not a file"), "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/bad.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("2\n1 4 x\n", f);
    fclose(f);
    cr_assert_eq(run("solve %s", path), 3);
    cr_assert(strstr(err_text, "bad.txt:2: expected weight of job 1"), "%s", err_text);
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:999", ES_INSTANCES), 2);
    cr_assert(strstr(err_text, "holds 125 instances"), "%s", err_text);
}

Test(cli, solve_writes_json_and_a_solution_that_checks)
{
    cr_assert_eq(run("solve %s/tardiness/example20.txt --seed 3 --threads 2 --json %s/r.json --solution %s/s.txt",
                     ES_INSTANCES, dir, dir),
                 0, "%s", err_text);
    cJSON *j = read_json_in("r.json");
    cr_assert_str_eq(str(j, "problem"), "tardiness");
    cr_assert_str_eq(str(j, "version"), es_version());
    cr_assert(strstr(str(j, "instance"), "example20.txt"));
    cr_assert_str_eq(str(j, "bound_source"), "exact dynamic programming");
    cr_assert_str_eq(str(j, "status"), "optimal");
    cr_assert_eq(num(j, "objective"), num(j, "bound"));
    cr_assert_eq(num(j, "gap"), 0);
    cr_assert_eq(num(j, "seed"), 3);
    cr_assert_eq(num(j, "threads"), 2);
    cr_assert_gt(num(j, "evaluations"), 0);
    cr_assert_geq(num(j, "seconds"), 0);
    const cJSON *sol = cJSON_GetObjectItemCaseSensitive(j, "solution");
    cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(sol, "genome")), 20);
    double objective = num(j, "objective");
    cJSON_Delete(j);
    /* The independent checker agrees with the reported objective. */
    cr_assert_eq(run("check %s/tardiness/example20.txt %s/s.txt", ES_INSTANCES, dir), 0, "%s", err_text);
    char want[64];
    snprintf(want, sizeof want, "feasible, objective %.10g", objective);
    cr_assert(strstr(out, want), "%s", out);
    /* A tampered solution is refused with exit code 4. */
    char cmd[600];
    snprintf(cmd, sizeof cmd, "sed -i '1s/.*/objective 1/' %s/s.txt", dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("check %s/tardiness/example20.txt %s/s.txt", ES_INSTANCES, dir), 4);
    cr_assert(strstr(err_text, "states objective 1"), "%s", err_text);
    /* an --optimum the solution beats is wrong: set aside, with a warning */
    cr_assert_eq(run("solve %s/tardiness/example20.txt --seed 3 --optimum %.10g --json %s/w.json", ES_INSTANCES,
                     objective + 100, dir),
                 0, "%s", err_text);
    cr_assert(strstr(err_text, "better than the optimum") && strstr(err_text, "from --optimum, which therefore cannot"),
              "%s", err_text);
    j = read_json_in("w.json");
    cr_assert_str_eq(str(j, "status"), "optimal"); /* by the exact DP bound, which holds */
    cr_assert_str_eq(str(j, "bound_source"), "exact dynamic programming");
    const cJSON *bl = cJSON_GetObjectItemCaseSensitive(j, "bounds"), *e;
    int set_aside = 0;
    cJSON_ArrayForEach(e, bl) set_aside += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "contradicted"));
    cr_assert_eq(set_aside, 1);
    cJSON_Delete(j);
    /* a solution on stdout is the solution alone, the summary kept off it */
    cr_assert_eq(run("solve %s/tardiness/example20.txt --seed 3 --solution -", ES_INSTANCES), 0, "%s", err_text);
    cr_assert(strncmp(out, "objective ", 10) == 0 && !strstr(out, "evosched "), "%s", out);
}

Test(cli, plugin_problem_end_to_end)
{
    cr_assert_eq(run("list --plugin %s", ES_PLUGIN), 0, "%s", err_text);
    cr_assert(strstr(out, "spread"), "%s", out);
    cr_assert(strstr(out, "reverse a random stretch of the order [permutations]"), "%s", out);
    cr_assert_eq(run("solve %s/spread/example.txt --plugin %s --json %s/p.json --solution %s/p.txt", ES_INSTANCES,
                     ES_PLUGIN, dir, dir),
                 0, "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/p.json", dir);
    cJSON *j = read_json(path);
    cr_assert_str_eq(str(j, "problem"), "spread");
    cr_assert_eq(num(j, "objective"), 0);
    cJSON_Delete(j);
    cr_assert_eq(run("check %s/spread/example.txt %s/p.txt --plugin %s", ES_INSTANCES, dir, ES_PLUGIN), 0, "%s",
                 err_text);
    cr_assert_eq(run("solve %s/spread/example.txt --plugin %s/nope.so", ES_INSTANCES, dir), 5);
    cr_assert(strstr(err_text, "cannot load plug-in"), "%s", err_text);
}

Test(cli, generate_then_solve)
{
    cr_assert_eq(run("generate tardiness --n 15 --tf 0.4 --rdd 0.6 --seed 9 --output %s/g.txt", dir), 0, "%s",
                 err_text);
    cr_assert_eq(run("solve %s/g.txt --quiet --json -", dir), 0, "%s", err_text);
    cJSON *j = cJSON_Parse(out);
    cr_assert_not_null(j, "%s", out);
    cr_assert_str_eq(str(j, "status"), "optimal"); /* n = 15: the exact DP proves it */
    cJSON_Delete(j);
    /* a seed is read exactly up to 2^64 - 1 (as a double it rounded above
     * 2^53 and overflowed at the top) */
    cr_assert_eq(run("generate tardiness --n 5 --tf 0.4 --rdd 0.6 --seed 18446744073709551615"), 0, "%s", err_text);
    cr_assert(strstr(out, "seed=18446744073709551615\n"), "%s", out);
    cr_assert_eq(run("generate tardiness --n 5 --tf 0.4 --rdd 0.6 --seed 18446744073709551616"), 2);
    cr_assert(strstr(err_text, "--seed must be an integer in [0, 18446744073709551615]"), "%s", err_text);
    /* an RCPSP instance, detected from its text whatever its name, solved
     * and its solution checked */
    cr_assert_eq(run("generate rcpsp --n 25 --rs 0.3 --seed 4 --output %s/g.txt", dir), 0, "%s", err_text);
    cr_assert_eq(run("solve %s/g.txt --schedules 2000 --quiet --json - --solution %s/g.sol", dir, dir), 0, "%s",
                 err_text);
    j = cJSON_Parse(out);
    cr_assert_str_eq(str(j, "problem"), "rcpsp-keys");
    cr_assert_eq(num(j, "schedules"), 2000, "%s", out); /* RS 0.3: the critical path is no optimum here */
    cJSON_Delete(j);
    cr_assert_eq(run("check %s/g.txt %s/g.sol", dir, dir), 0, "%s", err_text);
    cr_assert_eq(run("list"), 0);
    cr_assert(strstr(out, "tardiness") && strstr(out, "ox") && strstr(out, "tournament"), "%s", out);
    /* what each operator runs on, and the crossovers outside the registry */
    cr_assert(strstr(out, "biased 0.7 to the better parent [random keys]\n"), "%s", out);
    cr_assert(strstr(out, "redraw random keys [random keys]\n"), "%s", out);
    cr_assert(strstr(out, "its own crossover: --crossover window\n"), "%s", out);
    cr_assert(strstr(out, "  adaptive "), "%s", out);
}

/* The same .sm file goes to random keys for the genetic search and to
 * activity lists for ants, which need a problem's desirability; an explicit
 * --problem wins over both. */
Test(cli, detection_follows_the_algorithm)
{
    const char *cases[][2] = {{"", "rcpsp-keys"},
                              {"--algorithm aco", "rcpsp"},
                              {"--algorithm hybrid", "rcpsp"},
                              {"--algorithm ils", "rcpsp-keys"},
                              {"--algorithm aco --problem rcpsp-keys", "(refused)"}};
    for (int c = 0; c < 5; c++) {
        int code = run("solve %s/rcpsp/j301_1.sm --schedules 300 %s --quiet --json -", ES_INSTANCES, cases[c][0]);
        if (strcmp(cases[c][1], "(refused)") == 0) {
            /* ants build permutations; keys are not one */
            cr_assert_neq(code, 0, "%s was accepted", cases[c][0]);
            cr_assert(strstr(err_text, "which takes: no construction operator at all"), "%s", err_text);
            continue;
        }
        cr_assert_eq(code, 0, "%s: %s", cases[c][0], err_text);
        cJSON *j = cJSON_Parse(out);
        cr_assert_not_null(j, "%s", out);
        cr_assert_str_eq(str(j, "problem"), cases[c][1], "%s", cases[c][0]);
        cJSON_Delete(j);
    }
}

/* What only the command adds to a run: the chart file, the best-known line
 * of the summary, and the surrogate's account in the JSON. */
Test(cli, chart_best_known_and_surrogate_reach_the_user)
{
    cr_assert_eq(run("solve %s/rcpsp/j12060_3.sm --schedules 500 --threads 1 --chart %s/g.svg --json %s/g.json",
                     ES_INSTANCES, dir, dir),
                 0, "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/g.json", dir);
    cJSON *j = read_json(path);
    long objective = (long)num(j, "objective");
    cr_assert_eq(num(j, "best_known"), 89); /* bounds.csv's upper bound for j12060_3 */
    long generations = (long)num(j, "generations"), restarts = (long)num(j, "restarts");
    cJSON_Delete(j);
    /* the budget in the unit it was given in, and the counts the JSON has */
    char search[128];
    snprintf(search, sizeof search, "search     500 schedules, %ld generation%s, %ld restart%s,", generations,
             generations == 1 ? "" : "s", restarts, restarts == 1 ? "" : "s");
    cr_assert(strstr(out, search), "no '%s' in:\n%s", search, out);
    cr_assert(strstr(out, "threads, stopped by schedules\n") || strstr(out, "thread, stopped by schedules\n"),
              "%s", out);
    /* the summary compares with the best known value, in the right direction */
    char line[96];
    if (objective == 89)
        snprintf(line, sizeof line, "best known 89 from bounds.csv, reached");
    else
        snprintf(line, sizeof line, "best known 89 from bounds.csv, %.2f%% away", 100.0 * (objective - 89) / 89);
    cr_assert(strstr(out, line), "no '%s' in:\n%s", line, out);
    /* the chart is the reported schedule: its makespan, a bar per job that lasts */
    static char svg[1 << 20];
    snprintf(path, sizeof path, "%s/g.svg", dir);
    slurp(path, svg, sizeof svg);
    char title[64];
    snprintf(title, sizeof title, "makespan %ld</text>", objective);
    cr_assert(strncmp(svg, "<svg ", 5) == 0 && strstr(svg, title), "%.200s", svg);
    int bars = 0;
    for (const char *p = svg; (p = strstr(p, "<rect x=")) != NULL; p++)
        bars++;
    cr_assert_eq(bars, 120, "%d bars for 120 jobs", bars);

    /* with the surrogate, the JSON accounts for the estimates */
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:3 --evals 3000 --improve none --surrogate ffem "
                     "--surrogate-threshold 0.05 --no-target --threads 2 --json %s/s.json",
                     ES_INSTANCES, dir),
                 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/s.json", dir);
    j = read_json(path);
    double real = num(j, "real_evaluations"), estimated = num(j, "estimated_evaluations");
    cr_assert_eq(real, 3000);
    cr_assert_gt(estimated, 0);
    const cJSON *sg = cJSON_GetObjectItemCaseSensitive(j, "surrogate");
    cr_assert(cJSON_IsObject(sg));
    double ratio = num(sg, "saving_ratio");
    cr_assert(fabs(ratio - estimated / (real + estimated)) < 1e-12, "saving ratio %g", ratio);
    cr_assert_gt(num(sg, "error_samples"), 0);
    cr_assert(num(sg, "estimation_error") >= 0);
    cJSON_Delete(j);
}

Test(cli, bound_command_and_solve_with_glpk)
{
    cr_assert_eq(run("bound %s/rcpsp/j301_1.sm --time 20 --warm 0.5 --json %s/b.json", ES_INSTANCES, dir), 0, "%s",
                 err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/b.json", dir);
    cJSON *j = read_json(path);
    cr_assert_str_eq(str(j, "status"), "optimal");
    cr_assert_eq(num(j, "mip_bound"), 43); /* the optimum in bounds.csv */
    cr_assert_eq(num(j, "incumbent"), 43);
    cr_assert_leq(num(j, "lp_bound"), 43);
    /* the best of GLPK's and the problem's bounds, and the incumbent's gap to it */
    cr_assert_eq(num(j, "bound"), 43);
    cr_assert_eq(num(j, "gap"), 0);
    cr_assert_geq(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "bounds")), 3, "%s", out);
    cJSON_Delete(j);
    cr_assert(strstr(out, "  MIP bound  43\n") && strstr(out, "  status     optimal\n"), "%s", out);
    cr_assert(strstr(out, "  bound      43 from "), "%s", out);
    /* bench --bound: GLPK's verdict per run in results.csv */
    cr_assert_eq(run("bench %s/rcpsp/j301_1.sm --schedules 300 --bound 20 --out %s/bb", ES_INSTANCES, dir), 0, "%s",
                 err_text);
    static char csv[1 << 16];
    snprintf(path, sizeof path, "%s/bb/results.csv", dir);
    slurp(path, csv, sizeof csv);
    cr_assert(strstr(csv, ",glpk_status,glpk_lp_bound,glpk_mip_bound,") && strstr(csv, ",optimal,") &&
                  strstr(csv, ",43,43,1,"),
              "%s", csv);
    /* Too large for GLPK: said plainly, still exit 0 with a status. */
    cr_assert_eq(run("bound %s/tardiness/wt40.txt:1 --json -", ES_INSTANCES), 0, "%s", err_text);
    j = cJSON_Parse(out);
    cr_assert_str_eq(str(j, "status"), "too large");
    cr_assert(strstr(str(j, "message"), "Lagrangian"), "%s", out);
    /* without a model the report still gives a bound: wtopt40.txt's
     * optimum, which the Lagrangian bound proves too (the first found is
     * named) */
    cr_assert_eq(num(j, "bound"), 913);
    cr_assert_str_eq(str(j, "bound_source"), "Lagrangian relaxation");
    cr_assert(has_bound(j, "wtopt40.txt", 913), "%s", out);
    cr_assert_eq(num(j, "gap"), 0); /* the warm start reached it */
    cJSON_Delete(j);
    cr_assert_eq(run("bound %s/tardiness/wt40.txt:1", ES_INSTANCES), 0, "%s", err_text);
    cr_assert(strstr(out, "  bound      913 from Lagrangian relaxation (optimum), gap 0.00%\n"), "%s", out);
    /* A stale bounds.csv that claims the optimum 50 for j301_1 (it is 43):
     * GLPK's incumbent beats it, so it is set aside as in solve. */
    char cmd[700];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/stale && cp %s/rcpsp/j301_1.sm %s/stale/ && "
             "printf 'instance,lower_bound,upper_bound,critical_path\\nj301_1.sm,50,50,38\\n' > %s/stale/bounds.csv",
             dir, ES_INSTANCES, dir, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("bound %s/stale/j301_1.sm --time 20 --warm 0.5 --json %s/stale.json", dir, dir), 0, "%s",
                 err_text);
    cr_assert(strstr(err_text, "better than the optimum 50 from bounds.csv"), "%s", err_text);
    j = read_json_in("stale.json");
    cr_assert_eq(num(j, "bound"), 43, "%s", out);
    cr_assert(strstr(str(j, "bound_source"), "GLPK MIP"), "%s", str(j, "bound_source"));
    int set_aside = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(j, "bounds")) set_aside +=
        cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "contradicted"));
    cr_assert_eq(set_aside, 1);
    cJSON_Delete(j);
    /* solve --bound adds GLPK's bounds to the report. */
    cr_assert_eq(run("solve %s/rcpsp/j3013_5.sm --schedules 2000 --no-target --bound 3 --json %s/s.json", ES_INSTANCES,
                     dir),
                 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/s.json", dir);
    j = read_json(path);
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(j, "bounds");
    int glpk = 0;
    for (int i = 0; i < cJSON_GetArraySize(b); i++)
        glpk += strstr(str(cJSON_GetArrayItem(b, i), "source"), "GLPK") != NULL;
    cr_assert_geq(glpk, 1, "no GLPK bound in the report");
    cr_assert_geq(num(j, "objective"), num(j, "bound"));
    cJSON_Delete(j);
    /* each usage error says what is wrong */
    static const cli_case usage[] = {
        {"bound", 2, NULL, NULL},
        {"bound a b", 2, "one instance file at a time ('a' and 'b')", NULL},
        {"bound a --time -1", 2, "--time needs seconds (a number >= 0), got '-1'", NULL},
        {"bound a --json", 2, "--json needs a value", NULL},
    };
    expect_cases(usage, sizeof usage / sizeof *usage);
}

Test(cli, iterated_local_search_mode)
{
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:7 --algorithm ils --evals 3000 --no-target --quiet --json -",
                     ES_INSTANCES),
                 0, "%s", err_text);
    cJSON *j = cJSON_Parse(out);
    cr_assert_not_null(j, "%s", out);
    cr_assert_eq(num(j, "evaluations"), 3000);
    /* Two kept, one child a generation: generations ~ evaluations / passes. */
    cr_assert_gt(num(j, "generations"), 100);
    cr_assert_geq(num(j, "objective"), num(j, "bound"));
    cJSON_Delete(j);
    cr_assert_eq(run("solve %s/tardiness/wt40.txt:7 --kick 2", ES_INSTANCES), 2);
}

/* The problem's tune hook sets what the user left open, for the budget;
 * what the user gives wins; activity lists (no hook) keep the defaults.
 * The report names the settings, so a run can be repeated. */
Test(cli, problem_tuning_fills_in_settings_the_user_left_open)
{
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --quiet --json -", ES_INSTANCES), 0, "%s",
                 err_text);
    cJSON *j = cJSON_Parse(out);
    cr_assert_not_null(j, "%s", out);
    cr_assert_str_eq(str(j, "problem"), "rcpsp-keys", "RCPSP files go to random keys");
    const cJSON *s = item(j, "settings");
    cr_assert_eq(num(s, "population"), 93); /* 0.17 * 5000^0.7 * sqrt(120 / 60) */
    cr_assert_eq(num(s, "offspring"), 31, "a third of the population a generation");
    cr_assert_str_eq(str(s, "crossover"), "window");
    cr_assert_eq(num(s, "crossover_rate"), 1.0);
    cr_assert_eq(num(s, "mutation_rate"), 0.05);
    cr_assert_eq(num(s, "stagnation"), 30); /* twice a quarter of 60 activities */
    cr_assert(cJSON_IsTrue(item(s, "distinct_parents")));
    cr_assert_eq(num(s, "niche"), 0.75);
    cr_assert_eq(num(s, "incest"), 0.5);
    cr_assert_str_eq(str(s, "ties"), "newer");
    cr_assert_eq(num(s, "tournament"), 2);
    cr_assert_eq(num(s, "late_tournament"), 8);
    cr_assert_eq(num(s, "late_from"), 0.7);
    cr_assert_gt(num(j, "crowded"), 0, "near copies are found at 5,000 schedules");
    cr_assert(cJSON_IsTrue(item(s, "tuned")));
    cJSON_Delete(j);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 50000 --generations 3 --population 25 --crossover uniform "
                     "--mutation-rate 0.2 --parents any --niche 0 --incest 0 --ties hash --late-tournament 0 --quiet --json -",
                     ES_INSTANCES),
                 0, "%s", err_text);
    j = cJSON_Parse(out);
    s = item(j, "settings");
    cr_assert_eq(num(s, "population"), 25);
    cr_assert_eq(num(s, "offspring"), 8, "the tuned share of the user's population");
    cr_assert_str_eq(str(s, "crossover"), "uniform");
    cr_assert_eq(num(s, "mutation_rate"), 0.2);
    cr_assert(cJSON_IsFalse(item(s, "distinct_parents")), "--parents any wins over the tuning");
    cr_assert_eq(num(s, "niche"), 0, "--niche 0 wins over the tuning");
    cr_assert_eq(num(s, "incest"), 0, "--incest 0 wins over the tuning");
    cr_assert_str_eq(str(s, "ties"), "hash", "--ties hash wins over the tuning");
    cr_assert_eq(num(s, "late_tournament"), 0, "--late-tournament 0 wins over the tuning");
    cr_assert_eq(num(j, "crowded"), 0);
    cr_assert_eq(num(s, "crossover_rate"), 1.0, "a setting not given is still tuned");
    cJSON_Delete(j);
    /* the text report names it too */
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --generations 1", ES_INSTANCES), 0, "%s", err_text);
    cr_assert(strstr(out, "population 93, 31 children a generation, crossover window at 1.00, mutation at 0.05, restart "
                          "after 30, distinct parents, niche 0.75, incest 0.50, newer first on ties, tournament 8 after 70% (tuned"),
              "%s", out);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --generations 1 --parents any --niche 0 --incest 0.6",
                     ES_INSTANCES),
                 0, "%s", err_text);
    cr_assert(strstr(out, "restart after 30, incest 0.60, newer first on ties, tournament 8 after 70% (tuned"), "%s",
              out);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --generations 1 --offspring 40 --quiet --json -",
                     ES_INSTANCES),
                 0, "%s", err_text);
    j = cJSON_Parse(out);
    cr_assert_eq(num(item(j, "settings"), "offspring"), 40, "--offspring wins over the tuning");
    cr_assert_eq(num(item(j, "settings"), "population"), 93);
    cJSON_Delete(j);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --generations 1 --late-from 0.5 --late-tournament 4",
                     ES_INSTANCES),
                 0, "%s", err_text);
    cr_assert(strstr(out, "tournament 4 after 50% (tuned"), "%s", out);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 5000 --generations 1 --late-from 0.5", ES_INSTANCES), 0,
                 "%s", err_text);
    cr_assert(strstr(out, "tournament 8 after 50% (tuned"), "one given, the other tuned: %s", out);
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 50000 --generations 3 --quiet --json -", ES_INSTANCES), 0,
                 "%s", err_text);
    j = cJSON_Parse(out);
    cr_assert_eq(num(item(j, "settings"), "population"), 468); /* 0.17 * 50000^0.7 * sqrt(120 / 60) */
    cr_assert_eq(num(item(j, "settings"), "offspring"), 156);
    cJSON_Delete(j);
    /* 120 jobs and more: no size factor; fewer: sqrt(120 / jobs) times as
     * many (30 jobs: twice). Ties newer first from 60 jobs. A time
     * limit: the budget the problem guesses for it (9e6 / 122 jobs schedules
     * per second per thread), through the same formula; with a schedule
     * budget as well, the schedules decide. */
    static const struct {
        const char *file, *options;
        int population, offspring, stagnation; /* stagnation: a quarter of the activities, at least 10 */
        const char *ties;                      /* newer from 60 activities */
    } cases[] = {/* up to 50,000: 0.17 B^0.7, a third, twice */
                 {"j12010_1.sm", "--schedules 5000", 66, 22, 60, "newer"},
                 {"j301_1.sm", "--schedules 5000", 132, 44, 20, "hash"},
                 {"j301_1.sm", "--schedules 50000", 662, 221, 20, "hash"},
                 {"j12010_1.sm", "--schedules 50000", 331, 110, 60, "newer"},
                 {"j12010_1.sm", "--schedules 50001", 253, 253, 30, "newer"}, /* beyond: 0.13 B^0.7, all, once */
                 {"j12010_1.sm", "--time 5 --threads 2", 1665, 1665, 30, "newer"}, /* 0.13 * 737,704^0.7 */
                 {"j12010_1.sm", "--time 5 --threads 1", 1025, 1025, 30, "newer"}, /* 0.13 * 368,852^0.7 */
                 {"j12010_1.sm", "--time 5 --threads 2 --schedules 5000", 66, 22, 60, "newer"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cr_assert_eq(run("solve %s/rcpsp/%s %s --generations 1 --quiet --json -", ES_INSTANCES, cases[i].file,
                         cases[i].options),
                     0, "%s", err_text);
        j = cJSON_Parse(out);
        cr_assert_eq(num(item(j, "settings"), "population"), cases[i].population, "%s %s", cases[i].file,
                     cases[i].options);
        cr_assert_eq(num(item(j, "settings"), "stagnation"), cases[i].stagnation, "%s %s", cases[i].file,
                     cases[i].options);
        cr_assert_eq(num(item(j, "settings"), "offspring"), cases[i].offspring, "%s %s", cases[i].file,
                     cases[i].options);
        cr_assert_str_eq(str(item(j, "settings"), "ties"), cases[i].ties, "%s %s", cases[i].file, cases[i].options);
        cJSON_Delete(j);
    }
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --problem rcpsp --schedules 5000 --quiet --json -", ES_INSTANCES), 0,
                 "%s", err_text);
    j = cJSON_Parse(out);
    s = item(j, "settings");
    cr_assert_eq(num(s, "population"), 60, "the lists' population hint");
    cr_assert_eq(num(s, "offspring"), 60, "the engine's default: as many children as members");
    cr_assert_str_eq(str(s, "crossover"), "twopoint");
    cr_assert_eq(num(s, "mutation_rate"), 0.3);
    cr_assert(cJSON_IsFalse(item(s, "distinct_parents")), "the engine's default");
    cr_assert_eq(num(s, "niche"), 0, "the engine's default");
    cr_assert_eq(num(s, "incest"), 0, "the engine's default");
    cr_assert_str_eq(str(s, "ties"), "hash", "the engine's default");
    cr_assert_eq(num(s, "late_tournament"), 0, "the engine's default");
    cr_assert(cJSON_IsFalse(item(s, "tuned")));
    cJSON_Delete(j);
}

/* bounds.csv lines are found by file name; a project saved under a name in
 * it that is not that project (here j6013_1 renamed j301_1.sm) must not
 * inherit its optimum. The critical path column tells them apart. */
Test(cli, bounds_csv_line_of_another_project_is_refused)
{
    char cmd[1200], path[300];
    snprintf(cmd, sizeof cmd, "cp %s/rcpsp/bounds.csv %s/ && cp %s/rcpsp/j6013_1.sm %s/j301_1.sm", ES_INSTANCES, dir,
             ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/j301_1.sm --schedules 500 --quiet --json %s/r.json", dir, dir), 0, "%s", err_text);
    cr_assert(strstr(err_text, "the line of j301_1.sm gives critical path 38, this project's is 69"), "%s", err_text);
    snprintf(path, sizeof path, "%s/r.json", dir);
    cJSON *j = read_json(path);
    cr_assert_str_neq(str(j, "bound_source"), "bounds.csv");
    cr_assert_str_neq(str(j, "status"), "optimal");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "best_known")), "best known taken from another project");
    cJSON_Delete(j);
    /* the real j301_1 still gets its line */
    snprintf(cmd, sizeof cmd, "cp %s/rcpsp/j301_1.sm %s/j301_1.sm", ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/j301_1.sm --schedules 500 --quiet --json %s/r.json", dir, dir), 0, "%s", err_text);
    cr_assert_eq(err_text[0], 0, "%s", err_text);
    j = read_json(path);
    cr_assert_str_eq(str(j, "bound_source"), "bounds.csv");
    cJSON_Delete(j);
}

/* wtoptN.txt lists optima by position in OR-Library's wtN.txt; another file
 * of N-job instances beside it (here wt40.txt without its first instance)
 * must not take them, or instance 1 would get instance 1's optimum and be
 * reported against a bound that is not its own. */
Test(cli, orlib_optima_belong_to_orlib_files_only)
{
    char cmd[1200], path[300];
    snprintf(cmd, sizeof cmd, "cp %s/tardiness/wtopt40.txt %s/ && tail -n +7 %s/tardiness/wt40.txt > %s/wt40-rest.txt",
             ES_INSTANCES, dir, ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/wt40-rest.txt:1 --evals 2000 --quiet --json %s/r.json", dir, dir), 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/r.json", dir);
    cJSON *j = read_json(path);
    cr_assert(!has_bound(j, "wtopt40.txt", -1));
    cJSON_Delete(j);
    /* OR-Library's own file, copied beside them, keeps its optima */
    snprintf(cmd, sizeof cmd, "cp %s/tardiness/wt40.txt %s/", ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/wt40.txt:2 --evals 2000 --quiet --json %s/r.json", dir, dir), 0, "%s", err_text);
    j = read_json(path);
    cr_assert(has_bound(j, "wtopt40.txt", 1225));
    cJSON_Delete(j);
}

/* Under mpirun every rank ran the whole bench (or bound) and wrote the same
 * files; the commands now refuse, rank 0 saying why. mpirun's environment
 * is faked: neither command starts MPI. */
Test(cli, bench_and_bound_refuse_to_run_once_per_mpi_rank)
{
    static const char *args[] = {"bench %s/rcpsp/j301_1.sm --schedules 300 --out %s/mpi",
                                 "bound %s/rcpsp/j301_1.sm --time 1 --warm 0 --json %s/mpi.json"};
    for (int rank = 0; rank < 2; rank++)
        for (int i = 0; i < 2; i++) {
            char r[12];
            snprintf(r, sizeof r, "%d", rank);
            setenv("OMPI_COMM_WORLD_SIZE", "3", 1);
            setenv("OMPI_COMM_WORLD_RANK", r, 1);
            int code = run(args[i], ES_INSTANCES, dir);
            unsetenv("OMPI_COMM_WORLD_SIZE");
            unsetenv("OMPI_COMM_WORLD_RANK");
            cr_assert_eq(code, 2, "%s on rank %d: %s", args[i], rank, err_text);
            if (rank == 0)
                cr_assert(strstr(err_text, "started by mpirun on 3 ranks, each of which would do the same work"), "%s",
                          err_text);
            else
                cr_assert_eq(err_text[0], 0, "rank 1 spoke: %s", err_text);
        }
    char path[300];
    snprintf(path, sizeof path, "%s/mpi", dir);
    cr_assert_neq(access(path, F_OK), 0, "bench ran");
    /* without mpirun they run as ever */
    cr_assert_eq(run(args[0], ES_INSTANCES, dir), 0, "%s", err_text);
}

/* A file above the 1 GiB limit used to be read into memory up to the limit
 * before being refused (1 GB and 5 s); its size now refuses it at once. The
 * file is sparse, so it costs no disk. */
Test(cli, an_instance_above_the_size_limit_is_refused_without_reading_it)
{
    char cmd[400];
    snprintf(cmd, sizeof cmd, "truncate -s 1073741825 %s/huge.sm", dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/huge.sm", dir), 3);
    cr_assert(strstr(err_text, "huge.sm: file larger than 1073741824 bytes"), "%s", err_text);
    struct rusage ru;
    cr_assert_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
    cr_assert_lt(ru.ru_maxrss, 512L * 1024, "a child used %ld kB", ru.ru_maxrss);
    snprintf(cmd, sizeof cmd, "rm %s/huge.sm", dir);
    cr_assert_eq(system(cmd), 0);
}

/* "--" ends the options, as POSIX utilities do: a file whose name starts
 * with '-' can then be named as it is. Each command used to refuse "--" as
 * an unknown option. */
Test(cli, double_dash_ends_the_options)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "cp %s/rcpsp/j301_1.sm %s/-dash.sm", ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(chdir(dir), 0);
    cr_assert_eq(run("solve --schedules 300 --solution s.txt --quiet -- -dash.sm"), 0, "%s", err_text);
    cr_assert_eq(run("check -- -dash.sm s.txt"), 0, "%s", err_text);
    cr_assert(strstr(out, "s.txt: feasible, objective"), "%s", out);
    cr_assert_eq(run("bound --time 1 --warm 0 --json b.json -- -dash.sm"), 0, "%s", err_text);
    cr_assert_eq(run("bench --schedules 300 --out dd -- -dash.sm"), 0, "%s", err_text);
    cJSON *j = read_json_in("dd/results.json");
    cr_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "runs"), 0), "instance"), "-dash.sm");
    cJSON_Delete(j);
    /* after "--" an option is a file name like any other */
    cr_assert_eq(run("solve --schedules 300 -- -dash.sm --quiet"), 2);
    cr_assert(strstr(err_text, "one instance file at a time ('-dash.sm' and '--quiet')"), "%s", err_text);
}

/* A word that starts with "--" is never an option's value: "--json --quiet"
 * wrote the JSON to a file named "--quiet" and ran on, and "bench --out"
 * said "unknown option '--out'". Every command refuses it with the reason,
 * before any work, and leaves no such file; ./--name still names one. */
Test(cli, an_option_is_never_taken_for_a_value)
{
#define EX20 ES_INSTANCES "/tardiness/example20.txt"
    cr_assert_eq(chdir(dir), 0);
    const cli_case c[] = {
        {"solve " EX20 " --evals 100 --json --quiet", 2, "--json needs a value, not the option '--quiet'", NULL},
        {"solve " EX20 " --evals 100 --solution --chart c.svg", 2, "--solution needs a value, not the option '--chart'",
         NULL},
        {"solve " EX20 " --evals 100 --surrogate --quiet", 2, "--surrogate needs a value, not the option '--quiet'",
         NULL},
        {"solve " EX20 " --evals 100 --plugin --quiet", 2, "--plugin needs a value, not the option '--quiet'", NULL},
        {"bench " EX20 " --evals 100 --out --progress", 2, "--out needs a value, not the option '--progress'", NULL},
        {"bench " EX20 " --evals 100 --out", 2, "bench: --out needs a value", NULL},
        {"bound " EX20 " --json --verbose", 2, "--json needs a value, not the option '--verbose'", NULL},
        {"check " EX20 " s.txt --problem --x", 2, "--problem needs a value, not the option '--x'", NULL},
        {"list --plugin --help", 2, "list: --plugin needs a value, not the option '--help'", NULL},
        {"generate tardiness -o --n", 2, "-o needs a value, not the option '--n'", NULL},
    };
    expect_cases(c, sizeof c / sizeof c[0]);
    const char *made[] = {"--quiet", "--chart", "--progress", "--verbose", "--x", "--help", "--n", "c.svg"};
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++)
        cr_assert_neq(access(made[i], F_OK), 0, "a file %s was written", made[i]);
    cr_assert_eq(run("solve " EX20 " --evals 100 --json ./--quiet --quiet"), 0, "%s", err_text);
    cJSON *j = read_json_in("--quiet");
    cr_assert(strstr(str(j, "instance"), "example20.txt"), "%s", str(j, "instance"));
    cr_assert_leq(num(j, "evaluations"), 100);
    cJSON_Delete(j);
#undef EX20
}

/* solve --start resumes from a solution file: a run killed after its
 * checkpoint, or yesterday's plan. The result is never worse than the start,
 * even on a budget of one schedule, and --solution may replace the file it
 * started from; the other outputs may not. */
Test(cli, solve_starts_from_a_solution_file)
{
    cr_assert_eq(chdir(dir), 0);
    char inst[300];
    snprintf(inst, sizeof inst, "%s/rcpsp/j12060_3.sm", ES_INSTANCES);
    cr_assert_eq(run("solve %s --schedules 2000 --quiet --solution s.txt --json first.json", inst), 0, "%s", err_text);
    cJSON *j = read_json_in("first.json");
    double first = num(j, "objective");
    cr_assert(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(j, "start")));
    cJSON_Delete(j);
    /* the same file as start and result, for both representations */
    const char *reps[] = {"rcpsp-keys", "rcpsp"};
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(run("solve %s --problem %s --schedules 1 --quiet --start s.txt --solution s.txt --json r.json",
                         inst, reps[k]),
                     0, "%s", err_text);
        j = read_json_in("r.json");
        cr_assert_leq(num(j, "objective"), first, "%s: %g from a start of %g", reps[k], num(j, "objective"), first);
        cr_assert_eq(num(j, "schedules"), 1);
        cr_assert_str_eq(str(j, "start"), "s.txt");
        cJSON_Delete(j);
        cr_assert_eq(run("check %s s.txt", inst), 0, "%s", err_text);
        /* check states the gap too, to the lower bound 87 (bounds.csv's, which
         * the time windows prove as well: the first found is named) */
        cr_assert(strstr(out, "bound      87 from time windows, gap "), "%s", out);
    }
    /* from standard input, and a longer run that improves on it */
    char cmd[800];
    snprintf(cmd, sizeof cmd, "%s solve %s --schedules 20000 --seed 2 --quiet --start - --json r.json < s.txt", ES_BIN,
             inst);
    cr_assert_eq(system(cmd), 0);
    j = read_json_in("r.json");
    cr_assert_leq(num(j, "objective"), first);
    cJSON_Delete(j);
    /* bound: the start as GLPK's incumbent, alone (--warm 0) */
    slurp("s.txt", out, sizeof out);
    double start_value = strtod(out + strlen("objective "), NULL);
    cr_assert_eq(run("bound %s --time 2 --warm 0 --start s.txt --json b.json", inst), 0, "%s", err_text);
    j = read_json_in("b.json");
    cr_assert_eq(num(j, "warm_start"), start_value);
    cr_assert_str_eq(str(j, "start"), "s.txt");
    cr_assert_leq(num(j, "incumbent"), start_value);
    cJSON_Delete(j);
    /* satellite: a maximisation, whose start rebuilds the plan it read */
    cr_assert_eq(run("solve %s/satellite/S-1.csg --evals 3000 --quiet --solution sat.txt --json sf.json", ES_INSTANCES),
                 0, "%s", err_text);
    j = read_json_in("sf.json");
    first = num(j, "objective");
    /* the plan written is the search's best retimed: worth more here, and
     * the summary says from what */
    double searched = num(j, "search_objective");
    cr_assert_lt(searched, first);
    cJSON_Delete(j);
    cr_assert_eq(run("solve %s/satellite/S-1.csg --evals 3000", ES_INSTANCES), 0, "%s", err_text);
    char line[128];
    snprintf(line, sizeof line, "  objective  %.10g (maximise)", first);
    cr_assert(strstr(out, line), "%s", out);
    snprintf(line, sizeof line, "  polished   from %.10g, the search's best,", searched);
    cr_assert(strstr(out, line), "%s", out);
    cr_assert_eq(run("solve %s/satellite/S-1.csg --evals 1 --quiet --start sat.txt --json sr.json", ES_INSTANCES), 0,
                 "%s", err_text);
    j = read_json_in("sr.json");
    cr_assert_eq(num(j, "objective"), first);
    cr_assert_eq(num(j, "evaluations"), 1);
    cJSON_Delete(j);
    const cli_case c[] = {
        {"solve - --start - --schedules 10", 2, "the instance and --start cannot both be '-'", NULL},
        {"bound - --start -", 2, "the instance and --start cannot both be '-'", NULL},
        {"bound j.sm --start s.txt --json s.txt", 2, "--json s.txt is the --start file", NULL},
        {"solve j.sm --schedules 10 --start s.txt --json s.txt", 2, "--json s.txt is the --start file", NULL},
        {"solve " ES_INSTANCES "/spread/example.txt --plugin " ES_PLUGIN " --evals 10 --start s.txt", 2,
         "problem 'spread' cannot start from a solution file", NULL},
        {"solve " ES_INSTANCES "/satellite/S-1.csg --evals 10 --start s.txt", 3, "s.txt:3: expected a line 'A task", NULL},
        {"solve j.sm --schedules 10 --start none.txt", 3, "none.txt: cannot open", NULL},
        {"solve j.sm --schedules 10 --start bad.txt", 4, "bad.txt:3: job 2 lasts 1", NULL},
    };
    snprintf(cmd, sizeof cmd, "cp %s j.sm && printf 'objective 1\n#\nJ 2 0 1\n' > bad.txt", inst);
    cr_assert_eq(system(cmd), 0);
    expect_cases(c, sizeof c / sizeof c[0]);
}

/* An output the problem cannot write was announced after the run: an hour
 * later, or never if the run was killed. It is now said at the start. */
Test(cli, outputs_a_problem_cannot_write_are_announced_before_the_run)
{
    char errfile[300];
    snprintf(errfile, sizeof errfile, "%s/early.err", dir);
    /* the example plug-in draws no chart (every built-in problem does) */
    char *const argv[] = {ES_BIN,   "solve",      ES_INSTANCES "/spread/example.txt", "--plugin", ES_PLUGIN, "--time",
                          "60",     "--no-target", "--quiet", "--chart", "/dev/null", NULL};
    pid_t pid = spawn(argv, errfile, 0);
    usleep(1500 * 1000);
    kill(pid, SIGKILL); /* no chance to say anything at the end */
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFSIGNALED(st), "the run ended before it was killed: %d", st);
    slurp(errfile, err_text, sizeof err_text);
    cr_assert(strstr(err_text, "problem 'spread' draws no chart; --chart ignored"), "%s", err_text);
}
