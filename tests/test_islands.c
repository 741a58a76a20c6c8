/* Islands over MPI on loopback: `mpirun --oversubscribe -n 3` really
 * exchanges individuals, reports the best over the islands, is reproducible,
 * and still writes one result when the job is interrupted. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include "test_util.h"

static char dir[] = "/tmp/evosched-islands-XXXXXX";

static void setup(void)
{
    cr_assert_not_null(mkdtemp(dir));
    /* CI runs as root; OpenMPI refuses that unless told. OpenMPI's own
     * allocations are not ours to check in a sanitizer build. */
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
}

static void teardown(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

static cJSON *run_islands(const char *name, const char *extra)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mpirun --oversubscribe -n 3 %s solve %s/satellite/M-1.csg --evals 1500 --improve none --threads 1 "
             "--migration-interval 5 --quiet --json %s/%s.json %s >%s/%s.log 2>&1",
             ES_BIN, ES_INSTANCES, dir, name, extra, dir, name);
    int st = system(cmd);
    if (!(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
        char log[512], text[4096] = "";
        snprintf(log, sizeof log, "%s/%s.log", dir, name);
        FILE *lf = fopen(log, "r");
        if (lf) {
            text[fread(text, 1, sizeof text - 1, lf)] = 0;
            fclose(lf);
        }
        cr_assert_fail("mpirun exited with status %d:\n%s", st, text);
    }
    char path[512];
    snprintf(path, sizeof path, "%s/%s.json", dir, name);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "no result written");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    cr_assert_not_null(j);
    return j;
}

static double num(const cJSON *j, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, k);
    cr_assert(cJSON_IsNumber(v), "%s missing", k);
    return v->valuedouble;
}

TestSuite(islands, .init = setup, .fini = teardown, .timeout = 300);

Test(islands, exchange_best_over_ranks_and_reproducible)
{
    cJSON *a = run_islands("a", ""), *b = run_islands("b", "");
    cr_assert_eq(num(a, "ranks"), 3);
    cr_assert_gt(num(a, "migrations"), 0, "no migration happened");
    const cJSON *isl = cJSON_GetObjectItemCaseSensitive(a, "islands");
    cr_assert_eq(cJSON_GetArraySize(isl), 3);
    double best = -1;
    for (int i = 0; i < 3; i++)
        if (cJSON_GetArrayItem(isl, i)->valuedouble > best)
            best = cJSON_GetArrayItem(isl, i)->valuedouble;
    cr_assert_eq(num(a, "objective"), best, "the result is not the best island's");
    cr_assert_eq(num(a, "evaluations"), 3 * 1500, "evaluations are summed over ranks, 1500 each");
    /* Same seed and rank count: the same run. */
    cr_assert_eq(num(a, "objective"), num(b, "objective"));
    const cJSON *isl_b = cJSON_GetObjectItemCaseSensitive(b, "islands");
    for (int i = 0; i < 3; i++)
        cr_assert_eq(cJSON_GetArrayItem(isl, i)->valuedouble, cJSON_GetArrayItem(isl_b, i)->valuedouble);
    cJSON_Delete(a);
    cJSON_Delete(b);
}

Test(islands, every_topology_migrates)
{
    const char *opts[] = {"--topology full", "--topology random --emigrants random --immigrants random"};
    for (int k = 0; k < 2; k++) {
        cJSON *j = run_islands(k ? "random" : "full", opts[k]);
        cr_assert_gt(num(j, "migrations"), 0, "%s", opts[k]);
        cJSON_Delete(j);
    }
}

Test(islands, interrupt_writes_one_result)
{
    char json[512], sol[512], cmd[2048];
    snprintf(json, sizeof json, "%s/int.json", dir);
    snprintf(sol, sizeof sol, "%s/int.txt", dir);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execlp("mpirun", "mpirun", "--oversubscribe", "-n", "3", ES_BIN, "solve", ES_INSTANCES "/satellite/L-1.csg",
               "--time", "120", "--no-target", "--improve", "none", "--threads", "1", "--quiet", "--json", json,
               "--solution", sol, (char *)NULL);
        _exit(127);
    }
    sleep(5); /* under way, even on a loaded machine or a sanitizer build */
    kill(pid, SIGINT);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    FILE *f = fopen(json, "r");
    cr_assert_not_null(f, "no result after the interrupt");
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    cJSON *j = cJSON_Parse(buf);
    cr_assert_not_null(j, "the result is not one JSON document");
    cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "stop_reason")->valuestring, "interrupt");
    cJSON_Delete(j);
    snprintf(cmd, sizeof cmd, "%s check %s/satellite/L-1.csg %s >/dev/null", ES_BIN, ES_INSTANCES, sol);
    cr_assert_eq(system(cmd), 0, "the interrupted run's solution does not check");
}

/* Runs `mpirun -n 2 sh -c` with rank 0 solving file0 and rank 1 file1
 * (as if the same name held different files on two machines), with a hang
 * guard; returns the exit status and leaves stderr in text. */
static int run_split(const char *file0, const char *file1, char *text, size_t size)
{
    char script[2048], log[512];
    snprintf(log, sizeof log, "%s/split.log", dir);
    snprintf(script, sizeof script,
             "if [ \"$OMPI_COMM_WORLD_RANK\" = 0 ]; then f=%s; else f=%s; fi; "
             "exec %s solve \"$f\" --time 600 --no-target --threads 1",
             file0, file1, ES_BIN);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen(log, "w", stderr);
        execlp("mpirun", "mpirun", "--oversubscribe", "-n", "2", "sh", "-c", script, (char *)NULL);
        _exit(127);
    }
    int st = wait_or_kill(pid, "the islands"); /* they stop at once */
    FILE *f = fopen(log, "r");
    cr_assert_not_null(f);
    text[fread(text, 1, size - 1, f)] = 0;
    fclose(f);
    return st;
}

/* Islands start together or not at all. One that could not start (its file
 * missing on its machine, a plug-in that would not load there) left the
 * others waiting for it at the first migration, forever; islands that read
 * different instances crashed in MPI (MPI_ERR_TRUNCATE) when their genomes
 * did not fit. Now they all stop, saying why. */
Test(islands, islands_that_cannot_start_together_stop_with_the_reason)
{
    static char text[1 << 16];
    char missing[600];
    snprintf(missing, sizeof missing, "%s/missing.csg", dir);
    int st = run_split(ES_INSTANCES "/satellite/M-1.csg", missing, text, sizeof text);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0, "status %d", st);
    cr_assert(strstr(text, "missing.csg: cannot open"), "%s", text);
    cr_assert(strstr(text, "another island could not start"), "%s", text);

    st = run_split(ES_INSTANCES "/satellite/M-1.csg", ES_INSTANCES "/satellite/M-2.csg", text, sizeof text);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) != 0, "status %d", st);
    cr_assert(strstr(text, "the islands read different instances"), "%s", text);
    cr_assert_null(strstr(text, "MPI_ERR"), "%s", text);
}
