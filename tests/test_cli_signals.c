/* Signals: SIGINT and SIGHUP still write the best result, signals a parent
 * ignores stay ignored (SIGCHLD too, for bench's runs), GLPK stops and
 * keeps its bounds, and a run killed outright keeps its last checkpoint. */
#include "cli_util.h"

TestSuite(cli, .init = make_dir, .fini = remove_dir);

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

/* Ctrl-C in GLPK's branch-and-cut: 'bound' stops at once, still writes
 * what was proven, and says it was interrupted (j3013_5 from no incumbent
 * would run its whole 60 s). */
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
