/* The evosched command as a user meets it: exit codes, messages, JSON,
 * solution files that pass `check`, interrupts and plug-ins. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <evosched/evosched.h>
#include <evosched/mip.h>
#include "solver/json.h"
#include "test_util.h"

static char dir[] = "/tmp/evosched-cli-XXXXXX";
static char out[1 << 16], err_text[1 << 16];

static void make_dir(void) { cr_assert_not_null(mkdtemp(dir)); }
static void remove_dir(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, size - 1, f) : 0;
    buf[n] = 0;
    if (f)
        fclose(f);
}

/* Runs `evosched ARGS` through the shell; returns the exit code and leaves
 * stdout and stderr in out and err_text. */
static int run(const char *fmt, ...)
{
    char args[4096], cmd[8192], o[300], e[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(o, sizeof o, "%s/stdout", dir);
    snprintf(e, sizeof e, "%s/stderr", dir);
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s </dev/null", ES_BIN, args, o, e);
    int st = system(cmd);
    slurp(o, out, sizeof out);
    slurp(e, err_text, sizeof err_text);
    cr_assert(WIFEXITED(st), "evosched %s did not exit normally", args);
    return WEXITSTATUS(st);
}

static cJSON *read_json(const char *path)
{
    static char buf[1 << 20];
    slurp(path, buf, sizeof buf);
    cJSON *j = cJSON_Parse(buf);
    cr_assert_not_null(j, "%s is not JSON: %.200s", path, buf);
    return j;
}

/* The JSON file dir/name, parsed. */
static cJSON *read_json_in(const char *name)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return read_json(path);
}

static double num(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsNumber(v), "key %s missing or not a number", key);
    return v->valuedouble;
}

static const char *str(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsString(v), "key %s missing or not a string", key);
    return v->valuestring;
}

/* Whether the JSON report's bounds list one from source, proven optimal
 * and of the given value (any value when negative). */
static int has_bound(const cJSON *j, const char *source, double value)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(j, "bounds"))
    {
        if (strcmp(str(e, "source"), source) == 0 && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "optimum")) &&
            (value < 0 || num(e, "value") == value))
            return 1;
    }
    return 0;
}

/* A command line and what it must give: the exit code and, when not NULL,
 * texts that stderr must hold. */
typedef struct cli_case {
    const char *args;
    int code;
    const char *message, *also;
} cli_case;

static void expect_cases(const cli_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(run("%s", c[i].args), c[i].code, "evosched %s: %s", c[i].args, err_text);
        if (c[i].message)
            cr_assert(strstr(err_text, c[i].message), "evosched %s: %s", c[i].args, err_text);
        if (c[i].also)
            cr_assert(strstr(err_text, c[i].also), "evosched %s: %s", c[i].args, err_text);
    }
}

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

/* Starts evosched with argv (NULL-terminated, argv[0] the program) in a
 * child process: stdout to /dev/null, stderr to errfile (NULL: /dev/null),
 * and signal `ignored` (0: none) ignored, as a parent that ignores it would
 * leave it. Returns the child's pid. */
static pid_t spawn(char *const argv[], const char *errfile, int ignored)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        if (ignored)
            signal(ignored, SIG_IGN);
        freopen("/dev/null", "w", stdout);
        freopen(errfile ? errfile : "/dev/null", "w", stderr);
        execv(ES_BIN, argv);
        _exit(127);
    }
    return pid;
}

/* Runs evosched with argv (NULL-terminated, argv[0] the program), sends
 * sig after delay_ms, and checks that it exits 130 having written json,
 * which it returns parsed. With ignored set, evosched starts with sig
 * ignored, as a background job of a script does SIGINT and nohup SIGHUP,
 * and must then run to its end and exit 0. */
static cJSON *signalled_run(int sig, int delay_ms, const char *json, char *const argv[], int ignored)
{
    pid_t pid = spawn(argv, NULL, ignored ? sig : 0);
    usleep((useconds_t)delay_ms * 1000);
    kill(pid, sig);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st), "status %d", st);
    cr_assert_eq(WEXITSTATUS(st), ignored ? 0 : 130);
    return read_json(json);
}

static cJSON *interrupted_run(int delay_ms, const char *json, char *const argv[])
{
    return signalled_run(SIGINT, delay_ms, json, argv, 0);
}

Test(cli, sigint_still_writes_the_result)
{
    char json[300], sol[300];
    snprintf(json, sizeof json, "%s/int.json", dir);
    snprintf(sol, sizeof sol, "%s/int.txt", dir);
    /* Interrupted once the run is under way (the bound is computed first). */
    char *const argv[] = {ES_BIN, "solve", ES_INSTANCES "/tardiness/wt40.txt:19", "--time", "120", "--no-target",
                          "--json", json, "--solution", sol, NULL};
    cJSON *j = interrupted_run(1500, json, argv);
    cr_assert_str_eq(str(j, "stop_reason"), "interrupt");
    cr_assert_gt(num(j, "evaluations"), 0);
    cJSON_Delete(j);
    cr_assert_eq(run("check %s/tardiness/wt40.txt:19 %s", ES_INSTANCES, sol), 0, "%s", err_text);
}

/* Ctrl-C in GLPK's branch-and-cut: 'bound' stops at once, still writes
 * what was proven, and says it was interrupted (j3013_5 from no incumbent
 * would run its whole 60 s). */
/* `evosched solve ... &` in a script starts with SIGINT ignored: the
 * Ctrl-C its user gives the foreground job is not for it; under nohup,
 * SIGHUP is ignored and must stay so. */
Test(cli, ignored_sigint_and_sighup_stay_ignored)
{
    char json[300];
    snprintf(json, sizeof json, "%s/bg.json", dir);
    char *const argv[] = {ES_BIN, "solve", ES_INSTANCES "/tardiness/wt40.txt:19", "--time", "3", "--no-target",
                          "--json", json, NULL};
    cJSON *j = signalled_run(SIGINT, 1500, json, argv, 1);
    cr_assert_str_eq(str(j, "stop_reason"), "time");
    cJSON_Delete(j);
    j = signalled_run(SIGHUP, 1500, json, argv, 1);
    cr_assert_str_eq(str(j, "stop_reason"), "time");
    cJSON_Delete(j);
}

/* SIGHUP, the terminal or ssh session going away, used to kill the run and
 * all it had found; it now ends the run as Ctrl-C does. */
Test(cli, sighup_still_writes_the_result)
{
    char json[300];
    snprintf(json, sizeof json, "%s/hup.json", dir);
    char *const argv[] = {ES_BIN, "solve", ES_INSTANCES "/tardiness/wt40.txt:19", "--time", "120", "--no-target",
                          "--json", json, NULL};
    cJSON *j = signalled_run(SIGHUP, 1500, json, argv, 0);
    cr_assert_str_eq(str(j, "stop_reason"), "interrupt");
    cJSON_Delete(j);
}

Test(cli, sigint_stops_glpk_and_keeps_its_bounds)
{
    char json[300];
    snprintf(json, sizeof json, "%s/bound-int.json", dir);
    /* the model and its LP take about a second */
    char *const argv[] = {ES_BIN, "bound", ES_INSTANCES "/rcpsp/j3013_5.sm", "--time", "60", "--warm", "0",
                          "--json", json, NULL};
    cJSON *j = interrupted_run(3000, json, argv);
    cr_assert_lt(num(j, "seconds"), 20, "GLPK ran on after Ctrl-C");
    cr_assert_geq(num(j, "mip_bound"), num(j, "lp_bound") - 1e-9);
    cr_assert(strstr(str(j, "message"), "interrupted"), "%s", str(j, "message"));
    cJSON_Delete(j);
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

static const cJSON *item(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert_not_null(v, "key %s missing", key);
    return v;
}

/* The spread of a set's figure between seeds, recomputed here from the
 * runs: one mean per seed over the set's instances, their sample standard
 * deviation, and Student's 95% interval (t = 3.182 for 4 seeds). */
Test(cli, bench_reports_the_spread_between_seeds)
{
    cr_assert_eq(run("bench %s/rcpsp --seeds 4 --seed 3 --schedules 300 --no-target --out %s/sp", ES_INSTANCES, dir), 0,
                 "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/sp/results.json", dir);
    cJSON *j = read_json(path);
    double sum[4] = {0};
    int count[4] = {0}, at_bound[4] = {0};
    double gap[4] = {0};
    const cJSON *runs = item(j, "runs");
    for (int i = 0; i < cJSON_GetArraySize(runs); i++) {
        const cJSON *r = cJSON_GetArrayItem(runs, i);
        int k = (int)num(r, "seed") - 3;
        cr_assert(k >= 0 && k < 4);
        sum[k] += num(r, "literature_gap_percent");
        gap[k] += num(r, "gap_percent");
        count[k]++;
        at_bound[k] += cJSON_IsTrue(item(r, "optimal"));
    }
    double mean = 0, lo = INFINITY, hi = -INFINITY, squares = 0;
    for (int k = 0; k < 4; k++) {
        cr_assert_eq(count[k], count[0]);
        double m = sum[k] / count[k];
        mean += m / 4;
        lo = fmin(lo, m);
        hi = fmax(hi, m);
    }
    for (int k = 0; k < 4; k++)
        squares += (sum[k] / count[k] - mean) * (sum[k] / count[k] - mean);
    double sd = sqrt(squares / 3), half = 3.182 * sd / 2;
    cr_assert_gt(sd, 0.01, "these seeds should give different means");
    const cJSON *sp = item(cJSON_GetArrayItem(item(j, "sets"), 0), "seed_spread");
    cr_assert_str_eq(str(sp, "figure"), "literature_deviation_percent");
    cr_assert_eq(num(sp, "seeds"), 4);
    cr_assert_float_eq(num(sp, "mean"), mean, 1e-9);
    cr_assert_float_eq(num(sp, "sd"), sd, 1e-9);
    cr_assert_float_eq(num(sp, "min"), lo, 1e-9);
    cr_assert_float_eq(num(sp, "max"), hi, 1e-9);
    const cJSON *ci = item(sp, "ci95");
    cr_assert_float_eq(cJSON_GetArrayItem(ci, 0)->valuedouble, mean - half, 1e-9);
    cr_assert_float_eq(cJSON_GetArrayItem(ci, 1)->valuedouble, mean + half, 1e-9);
    /* the runs at their bound, per seed: a count the mean deviation hides */
    int fewest = at_bound[0], most = at_bound[0], all = 0;
    for (int k = 0; k < 4; k++) {
        fewest = at_bound[k] < fewest ? at_bound[k] : fewest;
        most = at_bound[k] > most ? at_bound[k] : most;
        all += at_bound[k] == count[k];
    }
    cr_assert_eq(num(sp, "at_bound_min"), fewest);
    cr_assert_eq(num(sp, "at_bound_max"), most);
    cr_assert_eq(num(sp, "seeds_all_at_bound"), all);
    cr_assert(fewest > 0 && all < 4, "these runs should reach some bounds and miss some (%d, %d)", fewest, all);
    /* and the gap to the best bound, the measure j30 is held to, beside it */
    const cJSON *gs = item(cJSON_GetArrayItem(item(j, "sets"), 0), "gap_seed_spread");
    cr_assert_str_eq(str(gs, "figure"), "gap_percent");
    double gap_mean = 0, gap_lo = INFINITY, gap_hi = -INFINITY;
    for (int k = 0; k < 4; k++) {
        gap_mean += gap[k] / count[k] / 4;
        gap_lo = fmin(gap_lo, gap[k] / count[k]);
        gap_hi = fmax(gap_hi, gap[k] / count[k]);
    }
    cr_assert_float_eq(num(gs, "mean"), gap_mean, 1e-9);
    cr_assert_float_eq(num(gs, "min"), gap_lo, 1e-9);
    cr_assert_float_eq(num(gs, "max"), gap_hi, 1e-9);
    cr_assert_gt(gap_mean, 0);
    /* report.md prints the same figures (the JSON's, so that rounding agrees) */
    static char md[1 << 16];
    char row[200];
    snprintf(path, sizeof path, "%s/sp/report.md", dir);
    slurp(path, md, sizeof md);
    snprintf(row, sizeof row, "| rcpsp | literature dev. %% | 4 | %.3f | %.3f | %.3f | %.3f | %.3f – %.3f |",
             num(sp, "mean"), num(sp, "sd"), num(sp, "min"), num(sp, "max"), cJSON_GetArrayItem(ci, 0)->valuedouble,
             cJSON_GetArrayItem(ci, 1)->valuedouble);
    cJSON_Delete(j);
    cr_assert(strstr(md, row), "no row %s in\n%s", row, md);
    if (fewest == most)
        snprintf(row, sizeof row, "- rcpsp: %d of %d runs at their bound on each seed; all %d on %d of 4 seeds", fewest,
                 count[0], count[0], all);
    else
        snprintf(row, sizeof row, "- rcpsp: %d to %d of %d runs at their bound per seed; all %d on %d of 4 seeds",
                 fewest, most, count[0], count[0], all);
    cr_assert(strstr(md, row), "no line %s in\n%s", row, md);
    /* one instance that some seeds solve and some do not: the counts differ */
    cr_assert_eq(run("bench %s/rcpsp/j3013_5.sm --seeds 6 --seed 1 --schedules 3000 --no-target --out %s/sp6",
                     ES_INSTANCES, dir),
                 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/sp6/results.json", dir);
    j = read_json(path);
    runs = item(j, "runs");
    int solved = 0;
    for (int i = 0; i < cJSON_GetArraySize(runs); i++)
        solved += cJSON_IsTrue(item(cJSON_GetArrayItem(runs, i), "optimal"));
    cr_assert(solved > 0 && solved < 6, "some seeds should solve it, not all (%d)", solved);
    sp = item(cJSON_GetArrayItem(item(j, "sets"), 0), "seed_spread");
    cr_assert_eq(num(sp, "at_bound_min"), 0);
    cr_assert_eq(num(sp, "at_bound_max"), 1);
    cr_assert_eq(num(sp, "seeds_all_at_bound"), solved);
    cJSON_Delete(j);
    /* one seed has no spread */
    cr_assert_eq(run("bench %s/rcpsp/j3013_5.sm --schedules 300 --out %s/sp1", ES_INSTANCES, dir), 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/sp1/results.json", dir);
    j = read_json(path);
    cr_assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(item(j, "sets"), 0), "seed_spread"));
    cJSON_Delete(j);
    snprintf(path, sizeof path, "%s/sp1/report.md", dir);
    slurp(path, md, sizeof md);
    cr_assert_null(strstr(md, "## Seeds"));
}

/* compare: the difference of two benches' figures with Welch's interval,
 * recomputed here from the seed spreads of their results.json. */
static double t95_small(int dof)
{
    static const double t[] = {0, 12.706, 4.303, 3.182, 2.776};
    cr_assert(dof >= 1 && dof <= 4);
    return t[dof];
}

Test(cli, compare_tells_a_difference_from_the_seeds_noise)
{
    cr_assert_eq(run("bench %s/rcpsp --seeds 3 --schedules 60 --no-target --out %s/ca", ES_INSTANCES, dir), 0, "%s",
                 err_text);
    cr_assert_eq(run("bench %s/rcpsp --seeds 3 --schedules 1500 --no-target --out %s/cb", ES_INSTANCES, dir), 0, "%s",
                 err_text);
    char path[300];
    double mean[2], var[2];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/c%c/results.json", dir, "ab"[i]);
        cJSON *j = read_json(path);
        const cJSON *sp = item(cJSON_GetArrayItem(item(j, "sets"), 0), "seed_spread");
        cr_assert_eq(num(sp, "seeds"), 3);
        mean[i] = num(sp, "mean");
        var[i] = num(sp, "sd") * num(sp, "sd") / 3;
        cJSON_Delete(j);
    }
    double diff = mean[1] - mean[0], se = sqrt(var[0] + var[1]);
    double dof = (var[0] + var[1]) * (var[0] + var[1]) / (var[0] * var[0] / 2 + var[1] * var[1] / 2);
    double half = t95_small((int)dof) * se;
    cr_assert_lt(diff + half, 0, "1,500 schedules should beat 60 beyond the noise: %g +- %g", diff, half);
    cr_assert_eq(run("compare %s/ca %s/cb", dir, dir), 0, "%s", err_text);
    char row[300];
    snprintf(row, sizeof row, "%+8.3f  %+.3f to %+.3f", diff, diff - half, diff + half);
    cr_assert(strstr(out, row), "no '%s' in\n%s", row, out);
    cr_assert(strstr(out, "B better"), "%s", out);
    /* the other way round, and a bench against itself */
    cr_assert_eq(run("compare %s/cb/results.json %s/ca", dir, dir), 0, "%s", err_text);
    cr_assert(strstr(out, "B worse"), "%s", out);
    cr_assert_eq(run("compare %s/ca %s/ca", dir, dir), 0, "%s", err_text);
    cr_assert(strstr(out, "  +0.000  ") && strstr(out, "not shown to differ"), "%s", out);
    /* one seed: nothing to compare, said so */
    cr_assert_eq(run("bench %s/rcpsp --schedules 60 --out %s/c1", ES_INSTANCES, dir), 0, "%s", err_text);
    cr_assert_eq(run("compare %s/ca %s/c1", dir, dir), 0, "%s", err_text);
    cr_assert(strstr(out, "no spread in both"), "%s", out);
    /* bad input: the file, the line where it can, and exit 3 */
    cr_assert_eq(run("compare %s/ca", dir), 2);
    cr_assert_eq(run("compare %s/ca %s/none", dir, dir), 3);
    cr_assert(strstr(err_text, "/none: cannot open"), "%s", err_text);
    snprintf(path, sizeof path, "%s/broken.json", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("{\n  \"sets\": [\n    oops\n", f);
    fclose(f);
    cr_assert_eq(run("compare %s/ca %s", dir, path), 3);
    cr_assert(strstr(err_text, "broken.json:3: not valid JSON"), "%s", err_text);
    f = fopen(path, "w");
    fputs("{\"runs\": []}\n", f);
    fclose(f);
    cr_assert_eq(run("compare %s %s/ca", path, dir), 3);
    cr_assert(strstr(err_text, "not the results.json of `evosched bench`"), "%s", err_text);
    cr_assert_eq(run("bench %s/tardiness/wt40.txt --every 100 --seeds 2 --evals 200 --out %s/ct", ES_INSTANCES, dir), 0,
                 "%s", err_text);
    cr_assert_eq(run("compare %s/ca %s/ct", dir, dir), 3);
    cr_assert(strstr(err_text, "no set of the same name"), "%s", err_text);
}

Test(cli, bench_reports_sets_reproducibly_whatever_the_jobs)
{
    char path[300], text[1024];
    snprintf(path, sizeof path, "%s/list", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "# two instances\n%s/rcpsp/j3013_5.sm\n\n%s/tardiness/wt40.txt:3\n", ES_INSTANCES, ES_INSTANCES);
    fclose(f);
    const char *common = "--every 60 --seeds 2 --evals 1500 --no-target";
    cr_assert_eq(run("bench @%s/list %s/tardiness/wt40.txt %s --jobs 2 --out %s/b2", dir, ES_INSTANCES, common, dir), 0,
                 "%s", err_text);
    cr_assert_eq(run("bench @%s/list %s/tardiness/wt40.txt %s --jobs 1 --out %s/b1", dir, ES_INSTANCES, common, dir), 0,
                 "%s", err_text);
    snprintf(path, sizeof path, "%s/b2/results.json", dir);
    cJSON *j2 = read_json(path);
    snprintf(path, sizeof path, "%s/b1/results.json", dir);
    cJSON *j1 = read_json(path);
    const cJSON *runs2 = item(j2, "runs"), *runs1 = item(j1, "runs");
    /* every 60th instance of each set: the list's first, wt40.txt's 1, 61
     * and 121; 2 seeds each */
    cr_assert_eq(cJSON_GetArraySize(runs2), 8);
    cr_assert_eq(num(cJSON_GetArrayItem(item(j2, "sets"), 1), "instances"), 3);
    for (int i = 0; i < 8; i++) {
        const cJSON *r = cJSON_GetArrayItem(runs2, i), *r1 = cJSON_GetArrayItem(runs1, i);
        cr_assert_str_eq(str(r, "instance"), str(r1, "instance"));
        cr_assert_eq(num(r, "value"), num(r1, "value"), "%s seed %g: %g with 2 jobs, %g with 1", str(r, "instance"),
                     num(r, "seed"), num(r, "value"), num(r1, "value"));
        cr_assert_eq(num(r, "evaluations"), 1500);
        double v = num(r, "value"), b = num(r, "bound");
        cr_assert_geq(v, b);
        cr_assert_float_eq(num(r, "gap_percent"), 100.0 * (v - b) / b, 1e-6);
        cr_assert_eq(cJSON_IsTrue(item(r, "optimal")), v == b);
        /* the convergence curve only improves and ends at the final value */
        const cJSON *c = item(r, "convergence");
        int n = cJSON_GetArraySize(c);
        cr_assert_gt(n, 0);
        for (int k = 1; k < n; k++)
            cr_assert_lt(cJSON_GetArrayItem(cJSON_GetArrayItem(c, k), 2)->valuedouble,
                         cJSON_GetArrayItem(cJSON_GetArrayItem(c, k - 1), 2)->valuedouble);
        cr_assert_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(c, n - 1), 2)->valuedouble, v);
        if (!strcmp(str(r, "problem"), "rcpsp"))
            cr_assert_leq(num(r, "literature_bound"), b); /* the critical path, below bounds.csv's optimum */
    }
    /* A bench run is the solve run with that seed. */
    const cJSON *r = cJSON_GetArrayItem(runs2, 1);
    cr_assert_str_eq(str(r, "instance"), ES_INSTANCES "/rcpsp/j3013_5.sm");
    cr_assert_eq(run("solve %s/rcpsp/j3013_5.sm --seed %g --evals 1500 --no-target --quiet --json -", ES_INSTANCES,
                     num(r, "seed")),
                 0, "%s", err_text);
    cJSON *s = cJSON_Parse(out);
    cr_assert_eq(num(s, "objective"), num(r, "value"));
    cJSON_Delete(s);
    cJSON_Delete(j1);
    cJSON_Delete(j2);
    snprintf(path, sizeof path, "%s/b2/results.csv", dir);
    slurp(path, text, sizeof text);
    cr_assert(strncmp(text, "set,instance,problem,seed,", 26) == 0, "%s", text);
    static char big[1 << 16];
    slurp(path, big, sizeof big);
    int lines = 0;
    for (const char *p = big; *p; p++)
        lines += *p == '\n';
    cr_assert_eq(lines, 9);
    snprintf(path, sizeof path, "%s/b2/report.md", dir);
    slurp(path, big, sizeof big);
    cr_assert(strstr(big, "| wt40.txt | tardiness | 3 | 6 |"), "%s", big);
    /* RCPSP names its evaluations schedules; with tardiness beside it the
     * budget keeps the common name */
    cr_assert(strstr(big, "- budget per run: 1500 evaluations;"), "%s", big);
    /* bad inputs: a reason naming the file, and the usual exit codes */
    cr_assert_eq(run("bench %s/none.sm --out %s/b3", dir, dir), 3);
    cr_assert(strstr(err_text, "none.sm"), "%s", err_text);
    snprintf(path, sizeof path, "%s/list", dir);
    f = fopen(path, "w");
    fprintf(f, "%s/rcpsp/j3013_5.sm\nmissing.sm\n", ES_INSTANCES);
    fclose(f);
    cr_assert_eq(run("bench @%s/list --out %s/b3", dir, dir), 3);
    cr_assert(strstr(err_text, "list:2:"), "%s", err_text);
    /* an empty folder is a mistake to report, not an empty report (and its
     * empty listing once reached qsort as a null pointer: UBSan caught it) */
    snprintf(path, sizeof path, "%s/empty", dir);
    cr_assert_eq(mkdir(path, 0777), 0);
    cr_assert_eq(run("bench %s/empty --out %s/b3", dir, dir), 2);
    cr_assert(strstr(err_text, "empty: no instance file in the folder"), "%s", err_text);
    snprintf(path, sizeof path, "%s/comments", dir);
    f = fopen(path, "w");
    fprintf(f, "# nothing yet\n\n");
    fclose(f);
    cr_assert_eq(run("bench @%s/comments --out %s/b3", dir, dir), 2);
    cr_assert(strstr(err_text, "comments: the list names no instance"), "%s", err_text);
    /* in a folder, files no problem claims are skipped, a broken instance is not */
    snprintf(path, sizeof path, "%s/set", dir);
    cr_assert_eq(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/set/notes.csv", dir);
    f = fopen(path, "w");
    fprintf(f, "instance,comment\n");
    fclose(f);
    /* the head of a real PSPLIB file, cut in its precedence section */
    static char head[1 << 12];
    slurp(ES_INSTANCES "/rcpsp/j3013_5.sm", head, sizeof head);
    char *cut = strstr(head, "   3        1");
    cr_assert_not_null(cut);
    *cut = 0;
    snprintf(path, sizeof path, "%s/set/broken.sm", dir);
    f = fopen(path, "w");
    fputs(head, f);
    fclose(f);
    /* --problem says how to read instances, not which files are instances */
    cr_assert_eq(run("bench %s/rcpsp --problem rcpsp-keys --every 3 --evals 300 --out %s/b5", ES_INSTANCES, dir), 0,
                 "%s", err_text);
    cr_assert(strstr(out, "3 of 3 runs"), "%s", out); /* 7 files, from the 1st every 3rd */
    snprintf(path, sizeof path, "%s/b5/report.md", dir);
    slurp(path, big, sizeof big);
    cr_assert(strstr(big, "- budget per run: 300 schedules;"), "%s", big);
    cr_assert_eq(run("bench %s/set --out %s/b4", dir, dir), 3, "%s", err_text);
    cr_assert(strstr(err_text, "broken.sm:21: unexpected end of file"), "%s", err_text);
    cr_assert_eq(run("bench --seeds 0 x"), 2);
    cr_assert_eq(run("bench"), 2);
}

/* bench states, per run and per set, whether runs reach the best known
 * solution (bounds.csv's upper bound; for tardiness the proven optimum of
 * wtopt40.txt) and how far the best known values are from the critical
 * path. The expected values are read here from bounds.csv itself. */
/* `evosched bench ARGS --out dir/name` run, and its results.json parsed,
 * with its runs (their count asserted) into *runs. */
static cJSON *bench_results(const char *args, const char *name, int count, const cJSON **runs)
{
    cr_assert_eq(run("bench %s --out %s/%s", args, dir, name), 0, "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/results.json", name);
    cJSON *j = read_json_in(path);
    *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
    cr_assert_eq(cJSON_GetArraySize(*runs), count, "%s", name);
    return j;
}

/* bench computes the problem's own bound once per instance and hands it to
 * that instance's runs, which start seed by seed: every run's bound is the
 * one `solve` reports for its instance. Satellite files have no reference
 * bound, so the problem's own is the one reported, and XS-1's and XS-3's
 * differ. */
Test(cli, bench_gives_each_instance_its_own_bound)
{
    const cJSON *runs;
    cJSON *j = bench_results(ES_INSTANCES "/satellite/XS-1.csg " ES_INSTANCES
                             "/satellite/XS-3.csg --seeds 3 --evals 50 --jobs 2",
                             "own", 6, &runs);
    double bound[2];
    const char *names[] = {"XS-1.csg", "XS-3.csg"};
    for (int f = 0; f < 2; f++) {
        cr_assert_eq(run("solve %s/satellite/%s --evals 50 --quiet --json -", ES_INSTANCES, names[f]), 0, "%s",
                     err_text);
        cJSON *s = cJSON_Parse(out);
        bound[f] = num(s, "bound");
        cJSON_Delete(s);
    }
    cr_assert_neq(bound[0], bound[1], "the test needs instances whose bounds differ");
    for (int i = 0; i < 6; i++) {
        const cJSON *r = cJSON_GetArrayItem(runs, i);
        int f = strstr(str(r, "instance"), "XS-3") != NULL;
        cr_assert_eq(f, i / 3, "run %d is of %s: the runs keep their order", i, str(r, "instance"));
        cr_assert_eq(num(r, "seed"), 1 + i % 3);
        cr_assert_eq(num(r, "bound"), bound[f], "run %d (%s): bound %g, solve's %g", i, str(r, "instance"),
                     num(r, "bound"), bound[f]);
    }
    cJSON_Delete(j);
}

Test(cli, bench_reports_the_best_known_solutions)
{
    cr_assert_eq(run("bench %s/rcpsp %s/tardiness/wt40.txt:3 --schedules 300 --out %s/bk", ES_INSTANCES, ES_INSTANCES,
                     dir),
                 0, "%s", err_text);
    char path[300], line[256];
    FILE *f = fopen(ES_INSTANCES "/rcpsp/bounds.csv", "r");
    cr_assert_not_null(f);
    char names[8][64];
    long ub[8], cp[8];
    int nb = 0;
    while (fgets(line, sizeof line, f) && nb < 8) {
        long lb;
        if (sscanf(line, "%63[^,],%ld,%ld,%ld", names[nb], &lb, &ub[nb], &cp[nb]) == 4)
            nb++;
    }
    fclose(f);
    cr_assert_eq(nb, 6);
    snprintf(path, sizeof path, "%s/bk/results.json", dir);
    cJSON *j = read_json(path);
    const cJSON *runs = item(j, "runs");
    int with = 0, at = 0;
    double dev = 0;
    for (int i = 0; i < cJSON_GetArraySize(runs); i++) {
        const cJSON *r = cJSON_GetArrayItem(runs, i);
        const char *inst = str(r, "instance"), *base = strrchr(inst, '/') + 1;
        double v = num(r, "value");
        if (!strcmp(str(r, "problem"), "tardiness")) {
            /* wtopt40.txt's optimum is the best known value */
            cr_assert_eq(num(r, "best_known"), num(r, "bound"));
            cr_assert_eq(cJSON_IsTrue(item(r, "at_best_known")), v == num(r, "bound"));
            continue;
        }
        int k = 0;
        while (k < nb && strcmp(names[k], base) != 0)
            k++;
        if (k == nb) { /* the Patterson file has no line in bounds.csv */
            cr_assert_null(cJSON_GetObjectItemCaseSensitive(r, "best_known"), "%s", inst);
            continue;
        }
        cr_assert_eq(num(r, "best_known"), (double)ub[k], "%s", inst);
        cr_assert_eq(cJSON_IsTrue(item(r, "at_best_known")), v <= ub[k], "%s: %g against %ld", inst, v, ub[k]);
        with++;
        at += v <= ub[k];
        dev += 100.0 * (ub[k] - cp[k]) / cp[k];
    }
    cr_assert_eq(with, 6);
    const cJSON *set = cJSON_GetArrayItem(item(j, "sets"), 0);
    cr_assert_eq(num(set, "runs_with_best_known"), with);
    cr_assert_eq(num(set, "at_best_known"), at);
    cr_assert_eq(num(set, "better_than_best_known"), 0);
    double optimal = num(set, "optimal");
    cr_assert_float_eq(num(set, "mean_best_known_literature_deviation_percent"), dev / with, 1e-9);
    cr_assert_eq(num(cJSON_GetArrayItem(item(j, "sets"), 1), "at_best_known"),
                 num(cJSON_GetArrayItem(item(j, "sets"), 1), "optimal"));
    cJSON_Delete(j);
    static char text[1 << 15];
    snprintf(path, sizeof path, "%s/bk/results.csv", dir);
    slurp(path, text, sizeof text);
    cr_assert(strstr(text, ",glpk_mip_bound,best_known,at_best_known,error\n"), "%s", text);
    char row[64];
    snprintf(row, sizeof row, ",%ld,", ub[2]); /* j6013_1: best known 112 above its lower bound 105 */
    cr_assert(strstr(text, row), "%s", text);
    snprintf(path, sizeof path, "%s/bk/report.md", dir);
    slurp(path, text, sizeof text);
    cr_assert(strstr(text, "| at bound | at best known |"), "%s", text);
    snprintf(row, sizeof row, "| rcpsp-keys | 7 | 7 | %g | %d |", optimal, at);
    cr_assert(strstr(text, row), "%s in %s", row, text);
    /* a run better than bounds.csv's best known value is counted and said */
    snprintf(path, sizeof path, "%s/better", dir);
    cr_assert_eq(mkdir(path, 0777), 0);
    static char sm[1 << 14];
    slurp(ES_INSTANCES "/rcpsp/j301_1.sm", sm, sizeof sm);
    snprintf(path, sizeof path, "%s/better/j301_1.sm", dir);
    f = fopen(path, "w");
    fputs(sm, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/better/bounds.csv", dir);
    f = fopen(path, "w");
    fputs("instance,lower_bound,upper_bound,critical_path\nj301_1.sm,38,50,38\n", f);
    fclose(f);
    cr_assert_eq(run("bench %s/better --schedules 1000 --out %s/bkb", dir, dir), 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/bkb/results.json", dir);
    j = read_json(path);
    const cJSON *r0 = cJSON_GetArrayItem(item(j, "runs"), 0);
    cr_assert_lt(num(r0, "value"), 50);
    cr_assert_eq(num(cJSON_GetArrayItem(item(j, "sets"), 0), "better_than_best_known"), 1);
    cJSON_Delete(j);
    snprintf(path, sizeof path, "%s/bkb/report.md", dir);
    slurp(path, text, sizeof text);
    cr_assert(strstr(text, "1 run found a better solution than the best known"), "%s", text);
    /* solve states it too: the value, and null where nothing is known */
    cr_assert_eq(run("solve %s/rcpsp/j6013_1.sm --schedules 200 --quiet --json -", ES_INSTANCES), 0, "%s", err_text);
    cJSON *sj = cJSON_Parse(out);
    cr_assert_eq(num(sj, "best_known"), (double)ub[2]);
    cr_assert_eq(num(sj, "search_objective"), num(sj, "objective"), "RCPSP has no last step");
    cJSON_Delete(sj);
    cr_assert_eq(run("solve %s/satellite/XS-1.csg --evals 100 --quiet --json -", ES_INSTANCES), 0, "%s", err_text);
    sj = cJSON_Parse(out);
    cr_assert(cJSON_IsNull(item(sj, "best_known")));
    cJSON_Delete(sj);
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

/* A result file is written through a temporary file renamed over it, so an
 * interrupted write leaves the old file whole. That must not reach what is
 * not a regular file: renaming over /dev/full, a FIFO or a symbolic link
 * replaced the device node, the pipe or the link with a regular file. And a
 * write that fails, on a file or on stdout (a full disk), fails the command
 * instead of exiting 0 with the result lost. */
Test(cli, results_reach_special_files_and_write_errors_fail_the_command)
{
    struct stat st;
    char path[300], cmd[1200], buf[4096];
    const char *inst = ES_INSTANCES "/tardiness/example20.txt";
    /* a FIFO read by another process gets the JSON and stays a FIFO */
    snprintf(path, sizeof path, "%s/p.json", dir);
    cr_assert_eq(mkfifo(path, 0600), 0);
    int reader = open(path, O_RDONLY | O_NONBLOCK); /* the JSON fits the pipe's buffer */
    cr_assert_geq(reader, 0);
    cr_assert_eq(run("solve %s --seed 3 --quiet --json %s", inst, path), 0, "%s", err_text);
    cr_expect(stat(path, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO was replaced");
    ssize_t got = read(reader, buf, sizeof buf - 1);
    buf[got > 0 ? got : 0] = 0;
    close(reader);
    cr_expect(strstr(buf, "\"status\""), "the reader got: %.200s", buf);
    /* through a symbolic link the file it names is replaced, keeping its mode */
    snprintf(cmd, sizeof cmd, "cd %s && echo old > real.json && chmod 640 real.json && ln -s real.json link.json",
             dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s --seed 3 --quiet --json %s/link.json", inst, dir), 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/link.json", dir);
    cr_expect(lstat(path, &st) == 0 && S_ISLNK(st.st_mode), "the link was replaced");
    snprintf(path, sizeof path, "%s/real.json", dir);
    slurp(path, buf, sizeof buf);
    cr_expect(strstr(buf, "\"status\""), "the file the link names holds: %.200s", buf);
    cr_expect(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "mode %o", (unsigned)(st.st_mode & 0777));
    /* a generator that refuses its options leaves an existing file alone */
    snprintf(path, sizeof path, "%s/keep.txt", dir);
    snprintf(cmd, sizeof cmd, "echo keep > %s", path);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("generate tardiness --n -5 --tf 0.5 --rdd 0.5 --output %s", path), 2);
    cr_assert(strstr(err_text, "--n must be"), "%s", err_text);
    slurp(path, buf, sizeof buf);
    cr_expect_str_eq(buf, "keep\n");
    if (stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode))
        return; /* no full device to fail writes on */
    cr_expect_eq(run("solve %s --seed 3 --quiet --json /dev/full", inst), 6);
    cr_expect(strstr(err_text, "/dev/full: cannot write: No space left on device"), "%s", err_text);
    cr_assert(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode), "/dev/full was replaced");
    cr_expect_eq(run("generate tardiness --n 5 --tf 0.5 --rdd 0.5 --output /dev/full"), 6);
    /* stdout: the summary, a piped result, a listing */
    const char *stdout_cases[] = {"solve %s --seed 3", "solve %s --seed 3 --quiet --json -", "list%.0s"};
    for (size_t i = 0; i < sizeof stdout_cases / sizeof *stdout_cases; i++) {
        char args[600];
        snprintf(args, sizeof args, stdout_cases[i], inst);
        snprintf(cmd, sizeof cmd, "%s %s >/dev/full 2>%s/full.err", ES_BIN, args, dir);
        int code = system(cmd);
        snprintf(path, sizeof path, "%s/full.err", dir);
        slurp(path, buf, sizeof buf);
        cr_expect(WIFEXITED(code) && WEXITSTATUS(code) == 6, "evosched %s > /dev/full: %d", args, code);
        const char *said = strstr(buf, "standard output");
        cr_expect(said && strstr(buf, "No space left"), "%s", buf);
        cr_expect(!said || !strstr(said + 1, "standard output"), "reported twice: %s", buf);
    }
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

/* Whether the n bytes at s are well-formed UTF-8, by glibc's iconv rather
 * than the code under test. */
static int valid_utf8(const char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", "UTF-8");
    cr_assert_neq(cd, (iconv_t)-1);
    char buf[4096], *in = (char *)s, *o;
    size_t left = n, room;
    int ok = 1;
    while (ok && left > 0) {
        o = buf;
        room = sizeof buf;
        ok = iconv(cd, &in, &left, &o, &room) != (size_t)-1 || errno == E2BIG;
    }
    iconv_close(cd);
    return ok;
}

/* dir/name, checked to be UTF-8, parsed. */
static cJSON *read_utf8_json(const char *name)
{
    static char buf[1 << 20];
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    slurp(path, buf, sizeof buf);
    cr_assert(valid_utf8(buf, strlen(buf)), "%s is not UTF-8", name);
    return read_json_in(name);
}

/* JSON is UTF-8 (RFC 8259); names are bytes. Every byte that is not part of
 * a well-formed sequence becomes U+FFFD, and well-formed text, up to four
 * bytes a character, passes as it is. */
Test(json, text_is_utf8_whatever_the_bytes)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain j30/x.sm", "plain j30/x.sm"},
        {"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"},
        {"Latin-1 caf\xE9.sm", "Latin-1 caf\xEF\xBF\xBD.sm"},
        {"\xFF\xFE", "\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"overlong \xC0\xAF \xE0\x80\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"beyond U+10FFFF \xF4\x90\x80\x80", "beyond U+10FFFF \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
        {"lone \x80 continuation", "lone \xEF\xBF\xBD continuation"},
        {"cut short \xE2\x82", "cut short \xEF\xBF\xBD\xEF\xBF\xBD"},
        {"\xE2\x82(", "\xEF\xBF\xBD\xEF\xBF\xBD("},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cJSON *item = es_json_text(cases[i].in);
        cr_assert(cJSON_IsString(item), "case %zu", i);
        cr_assert_str_eq(item->valuestring, cases[i].out, "case %zu", i);
        cr_assert(valid_utf8(item->valuestring, strlen(item->valuestring)), "case %zu", i);
        cJSON_Delete(item);
    }
    cJSON *none = es_json_text(NULL);
    cr_assert(cJSON_IsNull(none));
    cJSON_Delete(none);
    cJSON *nan = es_json_number(1, NAN), *inf = es_json_number(1, -INFINITY), *unset = es_json_number(0, 3);
    cr_assert(cJSON_IsNull(nan) && cJSON_IsNull(inf) && cJSON_IsNull(unset));
    cJSON_Delete(nan);
    cJSON_Delete(inf);
    cJSON_Delete(unset);
}

/* A Latin-1 file or folder name used to reach results.json, the result
 * JSON and the bound JSON byte for byte, and no JSON parser would read them. */
Test(cli, json_stays_utf8_with_latin1_file_names)
{
    char cmd[1200], want[300];
    snprintf(cmd, sizeof cmd, "mkdir %s/set\xE9 && cp %s/rcpsp/j301_1.sm %s/set\xE9/caf\xE9.sm", dir, ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    snprintf(want, sizeof want, "%s/set\xEF\xBF\xBD/caf\xEF\xBF\xBD.sm", dir);

    /* the result of solve, then of bound */
    const char *json[] = {"r.json", "b.json"};
    for (int i = 0; i < 2; i++) {
        cr_assert_eq(run(i == 0 ? "solve %s/set\xE9/caf\xE9.sm --schedules 300 --quiet --json %s/%s"
                                : "bound %s/set\xE9/caf\xE9.sm --time 1 --warm 0 --json %s/%s",
                         dir, dir, json[i]),
                     0, "%s", err_text);
        cJSON *j = read_utf8_json(json[i]);
        cr_assert_str_eq(str(j, "instance"), want);
        cJSON_Delete(j);
    }

    cr_assert_eq(run("bench %s/set\xE9 --schedules 300 --out %s/bo", dir, dir), 0, "%s", err_text);
    cJSON *j = read_utf8_json("bo/results.json");
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
    cr_assert_eq(cJSON_GetArraySize(runs), 1);
    cr_assert_str_eq(str(cJSON_GetArrayItem(runs, 0), "instance"), want);
    cr_assert(strstr(str(j, "command"), "set\xEF\xBF\xBD"), "%s", str(j, "command"));
    cJSON_Delete(j);
}

/* A parent that ignores SIGCHLD (it is inherited through exec) made the
 * kernel reap gnuplot before bench could wait for it, and bench waited
 * forever. Run so, bench must finish and write its report. */
Test(cli, bench_finishes_when_its_parent_ignores_sigchld)
{
    char outdir[300], path[350];
    snprintf(outdir, sizeof outdir, "%s/ign", dir);
    char *const argv[] = {ES_BIN, "bench", ES_INSTANCES "/rcpsp/j301_1.sm", "--schedules", "200", "--out", outdir, NULL};
    int st = wait_or_kill(spawn(argv, NULL, SIGCHLD), "bench"); /* it takes well under a second */
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
    snprintf(path, sizeof path, "%s/report.md", outdir);
    cr_assert_eq(access(path, R_OK), 0, "no report.md");
}

/* A UTF-8 byte order mark (Windows editors write one) is no part of any
 * format: the file solves as without it, same seed, same result. UTF-16 is
 * refused with the reason, not misread. */
Test(cli, byte_order_marks)
{
    static const char *files[] = {"rcpsp/j301_1.rcp", "rcpsp/j301_1.sm", "tardiness/example20.txt",
                                  "satellite/XS-1.csg"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *ext = strrchr(files[i], '.');
        char cmd[1200];
        double plain = -1, marked = -2;
        snprintf(cmd, sizeof cmd, "printf '\\357\\273\\277' > %s/bom%s && cat %s/%s >> %s/bom%s", dir, ext, ES_INSTANCES,
                 files[i], dir, ext);
        cr_assert_eq(system(cmd), 0);
        cr_assert_eq(run("solve %s/%s --evals 300 --seed 4 --threads 1", ES_INSTANCES, files[i]), 0, "%s", err_text);
        cr_assert_eq(sscanf(strstr(out, "objective"), "objective %lf", &plain), 1, "%s", out);
        cr_assert_eq(run("solve %s/bom%s --evals 300 --seed 4 --threads 1", dir, ext), 0, "%s: %s", files[i], err_text);
        cr_assert_eq(sscanf(strstr(out, "objective"), "objective %lf", &marked), 1, "%s", out);
        cr_assert_eq(marked, plain, "%s: %g against %g", files[i], marked, plain);
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "iconv -f UTF-8 -t UTF-16 %s/rcpsp/j301_1.rcp > %s/u16.rcp", ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("solve %s/u16.rcp", dir), 3);
    cr_assert(strstr(err_text, "u16.rcp:1: UTF-16 text"), "%s", err_text);
}

/* Reports state the threads that ran, not those asked for: a bench's runs
 * are nested in its own parallel loop, where OpenMP's default of one active
 * level gave each run one thread whatever --threads said; and
 * OMP_THREAD_LIMIT caps what solve gets. */
Test(cli, reported_threads_are_the_threads_that_ran)
{
    const cJSON *runs;
    cJSON *j = bench_results(ES_INSTANCES "/rcpsp/j301_1.sm " ES_INSTANCES
                             "/rcpsp/j3013_5.sm --schedules 2000 --jobs 2 --threads 2",
                             "nb", 2, &runs);
    for (int i = 0; i < 2; i++)
        cr_assert_eq(num(cJSON_GetArrayItem(runs, i), "threads"), 2, "run %d", i);
    cJSON_Delete(j);

    cr_assert_eq(setenv("OMP_THREAD_LIMIT", "1", 1), 0);
    int code = run("solve %s/rcpsp/j3013_5.sm --schedules 500 --threads 2 --quiet --json %s/t.json", ES_INSTANCES, dir);
    unsetenv("OMP_THREAD_LIMIT");
    cr_assert_eq(code, 0, "%s", err_text);
    j = read_json_in("t.json");
    cr_assert_eq(num(j, "threads"), 1);
    cJSON_Delete(j);
}

/* `solve inst.sm --solution inst.sm` wrote the solution over the instance,
 * two outputs naming one file kept only the last, and an output into a
 * missing folder failed after the whole run. All are refused before the
 * run, and the files are left as they were. */
Test(cli, outputs_never_overwrite_the_instance_or_each_other)
{
    static char before[1 << 16], after[1 << 16];
    char inst[300], cmd[700];
    snprintf(inst, sizeof inst, "%s/mine.sm", dir);
    snprintf(cmd, sizeof cmd, "cp %s/rcpsp/j301_1.sm %s && ln -s mine.sm %s/link.sm", ES_INSTANCES, inst, dir);
    cr_assert_eq(system(cmd), 0);
    slurp(inst, before, sizeof before);
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"solve %s/mine.sm --schedules 300 --solution %s/mine.sm", "--solution %s/mine.sm is the instance file"},
        {"solve %s/mine.sm --schedules 300 --chart %s/./mine.sm", "--chart %s/./mine.sm is the instance file"},
        {"solve %s/link.sm --schedules 300 --json %s/mine.sm", "--json %s/mine.sm is the instance file"},
        {"bound %s/mine.sm --time 1 --json %s/mine.sm", "--json %s/mine.sm is the instance file"},
        {"solve %s/mine.sm --schedules 300 --json %s/out --solution %s/out",
         "--json %s/out and --solution %s/out are the same file"},
        /* found before the run, not in a write error after it */
        {"solve %s/mine.sm --schedules 300 --json %s/nowhere/r.json", "--json %s/nowhere/r.json: cannot be written"},
        {"solve %s/mine.sm --schedules 300 --solution %s/mine.sm/s.txt", "--solution %s/mine.sm/s.txt: cannot be written: Not a directory"},
        {"bound %s/mine.sm --time 1 --json %s", "--json %s: cannot be written: Is a directory"},
        {"solve %s/mine.sm --schedules 300 --json %s/"
         "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
         "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
         "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr.json",
         "cannot be written: File name too long"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char message[600];
        snprintf(message, sizeof message, cases[i].message, dir, dir);
        cr_assert_eq(run(cases[i].args, dir, dir, dir), 2, "case %zu: %s", i, err_text);
        cr_assert(strstr(err_text, message), "case %zu: %s", i, err_text);
        slurp(inst, after, sizeof after);
        cr_assert_str_eq(after, before, "case %zu changed the instance", i);
    }
    char path[300];
    snprintf(path, sizeof path, "%s/out", dir);
    cr_assert_neq(access(path, F_OK), 0, "out was written");
    /* devices take any number of outputs */
    cr_assert_eq(run("solve %s --schedules 300 --json /dev/null --solution /dev/null --chart /dev/null", inst), 0, "%s",
                 err_text);
}

/* bench makes its output folder with any missing parents, and refuses one
 * that cannot hold the reports before spending a run: a file of that name
 * used to fail every report's write after all runs were done. */
Test(cli, bench_makes_its_output_folder_or_refuses_it_first)
{
    char path[300];
    cr_assert_eq(run("bench %s/rcpsp/j301_1.sm --schedules 300 --out %s/a/b/c", ES_INSTANCES, dir), 0, "%s", err_text);
    snprintf(path, sizeof path, "%s/a/b/c/report.md", dir);
    cr_assert_eq(access(path, R_OK), 0, "no %s", path);
    snprintf(path, sizeof path, "%s/a/file", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fclose(f);
    for (int nested = 0; nested < 2; nested++) {
        cr_assert_eq(run("bench %s/rcpsp/j301_1.sm --schedules 300 --out %s%s", ES_INSTANCES, path, nested ? "/x" : ""), 3);
        cr_assert(strstr(err_text, "cannot be the output folder: Not a directory"), "%s", err_text);
        cr_assert_eq(out[0], 0, "runs happened: %s", out);
    }
}

/* OR-Library's folder holds wtoptN.txt and wtbestNb.txt beside the
 * instances: lists of numbers the text format would claim. bench on the
 * folder stopped at them with a load error; they are reference values, and
 * only wt40.txt's instances are runs. */
Test(cli, bench_on_orlib_folder_skips_its_files_of_optima)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "mkdir %s/orlib && cp %s/tardiness/wt40.txt %s/tardiness/wtopt40.txt %s/orlib/ && "
             "cp %s/tardiness/wtopt40.txt %s/orlib/wtbest40b.txt",
             dir, ES_INSTANCES, ES_INSTANCES, dir, ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("bench %s/orlib --evals 500 --every 50 --out %s/ob", dir, dir), 0, "%s", err_text);
    cJSON *j = read_json_in("ob/results.json");
    const cJSON *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
    cr_assert_eq(cJSON_GetArraySize(runs), 3); /* instances 1, 51 and 101 */
    for (int i = 0; i < 3; i++) {
        const char *inst = str(cJSON_GetArrayItem(runs, i), "instance");
        cr_assert(strstr(inst, "/wt40.txt:"), "%s", inst);
    }
    cJSON_Delete(j);
    /* named on its own, such a file is no instance of any problem */
    cr_assert_eq(run("solve %s/orlib/wtopt40.txt", dir), 2);
    cr_assert(strstr(err_text, "cannot tell which problem"), "%s", err_text);
    /* a folder of sets, as OR-Library's and PSPLIB's folders sit together */
    snprintf(cmd, sizeof cmd, "mkdir %s/sets && mv %s/orlib %s/sets/ && mkdir %s/sets/psplib", dir, dir, dir, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("bench %s/sets --evals 500", dir), 2);
    cr_assert(strstr(err_text, "only folders: name those that are sets"), "%s", err_text);
    cr_assert(strstr(err_text, "sets/orlib "), "%s", err_text);
}

/* Results are written to a temporary file renamed into place. Its name was
 * the result's plus a suffix, which broke a name near the 255-byte limit
 * after the whole run; now it has a short name of its own. A new result
 * file gets the mode the umask gives, and no temporary file is left. */
Test(cli, long_output_names_and_new_file_modes)
{
    char name[256], path[600];
    memset(name, 'r', 250);
    strcpy(name + 250, ".json"); /* 255 bytes: the longest a name may be */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cr_assert_eq(run("solve %s/rcpsp/j301_1.sm --schedules 300 --quiet --json %s", ES_INSTANCES, path), 0, "%s",
                 err_text);
    cJSON *j = read_json(path);
    cr_assert_eq(num(j, "objective"), 43);
    cJSON_Delete(j);
    mode_t old = umask(027);
    int code = run("solve %s/rcpsp/j301_1.sm --schedules 300 --quiet --solution %s/new.txt", ES_INSTANCES, dir);
    umask(old);
    cr_assert_eq(code, 0, "%s", err_text);
    struct stat st;
    snprintf(path, sizeof path, "%s/new.txt", dir);
    cr_assert(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640, "mode %o", (unsigned)(st.st_mode & 0777));
    char cmd[400];
    snprintf(cmd, sizeof cmd, "ls -a %s | grep -q evosched-", dir);
    cr_assert_neq(system(cmd), 0, "a temporary file was left behind");
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

/* A '|' in a set's or an instance's name ended its Markdown table cell and
 * shifted the columns after it; report.md escapes it. */
Test(cli, report_md_escapes_pipes_in_names)
{
    char cmd[600], path[300];
    snprintf(cmd, sizeof cmd, "mkdir '%s/a|b' && cp %s/rcpsp/j301_1.sm '%s/a|b/'", dir, ES_INSTANCES, dir);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run("bench '%s/a|b' --schedules 300 --out %s/pipes", dir, dir), 0, "%s", err_text);
    static char md[1 << 16];
    snprintf(path, sizeof path, "%s/pipes/report.md", dir);
    slurp(path, md, sizeof md);
    const char *row = strstr(md, "\n| a\\|b | rcpsp-keys | 1 | 1 |");
    cr_assert_not_null(row, "%s", md);
    int cells = 0;
    for (const char *c = row + 1; *c && *c != '\n'; c++)
        cells += *c == '|' && c[-1] != '\\';
    cr_assert_eq(cells, 15, "the sets row has %d cell borders: %.200s", cells, row + 1);
}

/* Waits (up to two minutes: sanitizer builds are slow) for path to appear,
 * then kills pid outright and checks that it was still running. */
static void kill_once_written(pid_t pid, const char *path)
{
    for (int waited = 0; waited < 1200 && access(path, F_OK) != 0; waited++)
        usleep(100 * 1000);
    usleep(300 * 1000); /* past the rename, whatever else is under way */
    kill(pid, SIGKILL);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFSIGNALED(st), "the run ended before it was killed: %d", st);
    cr_assert_eq(access(path, F_OK), 0, "%s never appeared", path);
}

/* A bench killed outright (OOM killer, a scheduler's hard limit) lost every
 * run it had finished: reports were written only at the end. results.csv
 * is now rewritten with the runs done every --checkpoint seconds. */
Test(cli, a_killed_bench_keeps_its_checkpointed_runs)
{
    char outdir[300], csv[350];
    snprintf(outdir, sizeof outdir, "%s/ck", dir);
    char *const argv[] = {ES_BIN,   "bench",  ES_INSTANCES "/rcpsp/j3013_5.sm", "--schedules", "20000", "--no-target",
                          "--seeds", "100000", "--jobs", "1", "--checkpoint", "0.3", "--out", outdir, NULL};
    pid_t pid = spawn(argv, NULL, 0);
    snprintf(csv, sizeof csv, "%s/results.csv", outdir);
    kill_once_written(pid, csv);
    static char text[1 << 20];
    slurp(csv, text, sizeof text);
    cr_assert(strncmp(text, "set,instance,problem,seed,status,value", 38) == 0, "%.200s", text);
    int rows = 0, ok = 0;
    for (const char *c = strchr(text, '\n'); c && c[1]; c = strchr(c + 1, '\n')) {
        rows++;
        ok += strstr(c + 1, ",ok,") != NULL && strstr(c + 1, ",ok,") < strchr(c + 1, '\n');
    }
    cr_assert_gt(rows, 0, "no run checkpointed");
    cr_assert_eq(ok, rows, "%s", text);
    snprintf(csv, sizeof csv, "%s/report.md", outdir);
    cr_assert_neq(access(csv, F_OK), 0, "the reports of a finished bench");
}

/* A solve killed outright lost its best solution; --solution is now
 * rewritten with the best so far every --checkpoint seconds when it
 * improved, and what is there passes the independent checker. */
Test(cli, a_killed_solve_keeps_its_checkpointed_solution)
{
    char sol[300];
    snprintf(sol, sizeof sol, "%s/ck.txt", dir);
    char *const argv[] = {ES_BIN, "solve", ES_INSTANCES "/tardiness/wt40.txt:19", "--time", "600", "--no-target",
                          "--checkpoint", "0.3", "--solution", sol, NULL};
    kill_once_written(spawn(argv, NULL, 0), sol);
    cr_assert_eq(run("check %s/tardiness/wt40.txt:19 %s", ES_INSTANCES, sol), 0, "%s", err_text);
    cr_assert(strstr(out, "feasible, objective"), "%s", out);
}

/* "-" reads the instance (or, for check, the solution) from standard input,
 * as "-" already wrote results to standard output (bound took it for an
 * unknown option); bench, whose runs each read their instance, refuses it
 * with the reason. */
Test(cli, a_dash_reads_standard_input)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "%s solve - --schedules 300 --quiet --solution - < %s/rcpsp/j301_1.sm > %s/s.txt && "
             "%s check %s/rcpsp/j301_1.sm - < %s/s.txt > %s/check.out",
             ES_BIN, ES_INSTANCES, dir, ES_BIN, ES_INSTANCES, dir, dir);
    cr_assert_eq(system(cmd), 0);
    char path[300];
    snprintf(path, sizeof path, "%s/check.out", dir);
    slurp(path, out, sizeof out);
    cr_assert(strstr(out, "-: feasible, objective 43\n  bound      43 from bounds.csv (optimum), gap 0.00%"), "%s", out);
    snprintf(cmd, sizeof cmd, "%s bound - --time 1 --warm 0 --json %s/b.json < %s/rcpsp/j301_1.sm > /dev/null", ES_BIN, dir,
             ES_INSTANCES);
    cr_assert_eq(system(cmd), 0);
    cJSON *j = read_json_in("b.json");
    cr_assert_str_eq(str(j, "instance"), "-");
    double rows = num(j, "rows"), columns = num(j, "columns");
    cJSON_Delete(j);
    /* the model of the file itself, the same */
    cr_assert_eq(run("bound %s/rcpsp/j301_1.sm --time 1 --warm 0 --json %s/b.json", ES_INSTANCES, dir), 0, "%s",
                 err_text);
    j = read_json_in("b.json");
    cr_assert(num(j, "rows") == rows && num(j, "columns") == columns, "%g x %g from stdin", rows, columns);
    cJSON_Delete(j);
    cr_assert_eq(run("bench - --schedules 300 --out %s/bs", dir), 2);
    cr_assert(strstr(err_text, "standard input cannot be a bench input"), "%s", err_text);
}
