/* What the command writes and reads as files: special files, write
 * errors, outputs that would overwrite an input, long names and file modes,
 * UTF-8 in the JSON whatever the bytes of a name, byte order marks and
 * standard input. */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <math.h>
#include <sys/stat.h>
#include "solver/json.h"
#include "cli_util.h"

TestSuite(cli, .init = make_dir, .fini = remove_dir);

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

