/* The helpers of cli_util.h. */
#include "cli_util.h"

char dir[] = "/tmp/evosched-cli-XXXXXX";
char out[1 << 16], err_text[1 << 16];

void make_dir(void) { cr_assert_not_null(mkdtemp(dir)); }
void remove_dir(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}

void slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, size - 1, f) : 0;
    buf[n] = 0;
    if (f)
        fclose(f);
}

int run(const char *fmt, ...)
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

cJSON *read_json(const char *path)
{
    static char buf[1 << 20];
    slurp(path, buf, sizeof buf);
    cJSON *j = cJSON_Parse(buf);
    cr_assert_not_null(j, "%s is not JSON: %.200s", path, buf);
    return j;
}

cJSON *read_json_in(const char *name)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return read_json(path);
}

double num(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsNumber(v), "key %s missing or not a number", key);
    return v->valuedouble;
}

const char *str(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert(cJSON_IsString(v), "key %s missing or not a string", key);
    return v->valuestring;
}

int has_bound(const cJSON *j, const char *source, double value)
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

void expect_cases(const cli_case *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(run("%s", c[i].args), c[i].code, "evosched %s: %s", c[i].args, err_text);
        if (c[i].message)
            cr_assert(strstr(err_text, c[i].message), "evosched %s: %s", c[i].args, err_text);
        if (c[i].also)
            cr_assert(strstr(err_text, c[i].also), "evosched %s: %s", c[i].args, err_text);
    }
}

pid_t spawn(char *const argv[], const char *errfile, int ignored)
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

const cJSON *item(const cJSON *j, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    cr_assert_not_null(v, "key %s missing", key);
    return v;
}

cJSON *bench_results(const char *args, const char *name, int count, const cJSON **runs)
{
    cr_assert_eq(run("bench %s --out %s/%s", args, dir, name), 0, "%s", err_text);
    char path[300];
    snprintf(path, sizeof path, "%s/results.json", name);
    cJSON *j = read_json_in(path);
    *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
    cr_assert_eq(cJSON_GetArraySize(*runs), count, "%s", name);
    return j;
}

