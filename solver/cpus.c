/* How many threads a run takes when it is not told: OpenMP counts the CPUs
 * the process may run on, but not the share of their time a container is
 * allowed. A container given 2 CPUs' worth of time on a 64-core host would
 * run 64 threads that take turns, and the search waits at every barrier for
 * the one descheduled: on this project's 2-core machine `--threads 1024`
 * made a j120 run 15 times slower. So the default is capped by the quota of
 * the process's control group, as Java and .NET runtimes do. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>
#include "cpus.h"

enum { PATH_MAX_ES = 4096 };

/* Reads the first line of root/path into buf; 0 when the file is missing
 * or unreadable, which for a cgroup file means "no limit set here". */
static int read_line(const char *root, const char *path, char *buf, size_t size)
{
    char full[PATH_MAX_ES];
    if ((size_t)snprintf(full, sizeof full, "%s%s", root, path) >= sizeof full)
        return 0;
    FILE *f = fopen(full, "r");
    if (!f)
        return 0;
    int ok = fgets(buf, (int)size, f) != NULL;
    fclose(f);
    return ok;
}

/* cgroup v2's cpu.max is "max PERIOD" or "QUOTA PERIOD", in microseconds. */
static double v2_limit(const char *line)
{
    char quota[32];
    long long period = 0;
    if (sscanf(line, "%31s %lld", quota, &period) != 2 || period <= 0 || strcmp(quota, "max") == 0)
        return 0;
    char *end;
    long long q = strtoll(quota, &end, 10);
    return *end == '\0' && q > 0 ? (double)q / (double)period : 0;
}

/* The tighter of two limits, 0 standing for none. */
static double tighter(double a, double b)
{
    return a > 0 && (b <= 0 || a < b) ? a : b;
}

/* The smallest limit set on dir or any of its ancestors below base: a
 * parent's quota binds its children too. Directories the process cannot see
 * (a container without its own cgroup namespace sees its host's path in
 * /proc/self/cgroup, but has its own cgroup mounted at base) are skipped, so
 * the walk reaches base, which is then the container's own group. */
static double walk_up(const char *root, const char *base, const char *cgpath, int v2)
{
    char dir[PATH_MAX_ES];
    if ((size_t)snprintf(dir, sizeof dir, "%s%s", base, strcmp(cgpath, "/") == 0 ? "" : cgpath) >= sizeof dir)
        return 0;
    size_t baselen = strlen(base);
    double best = 0;
    for (;;) {
        char file[PATH_MAX_ES + 32], line[128];
        double lim = 0;
        if (v2) {
            snprintf(file, sizeof file, "%s/cpu.max", dir);
            if (read_line(root, file, line, sizeof line))
                lim = v2_limit(line);
        } else {
            char period[64];
            snprintf(file, sizeof file, "%s/cpu.cfs_quota_us", dir);
            if (read_line(root, file, line, sizeof line)) {
                snprintf(file, sizeof file, "%s/cpu.cfs_period_us", dir);
                long long q = atoll(line), p = read_line(root, file, period, sizeof period) ? atoll(period) : 0;
                lim = q > 0 && p > 0 ? (double)q / (double)p : 0; /* -1: no quota */
            }
        }
        best = tighter(best, lim);
        char *slash = strrchr(dir, '/');
        if (!slash || (size_t)(slash - dir) < baselen)
            break;
        *slash = '\0';
    }
    return best;
}

/* Does a v1 line's controller list ("cpu,cpuacct") name "cpu"? */
static int names_cpu(const char *list, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && list[j] != ',')
            j++;
        if (j - i == 3 && strncmp(list + i, "cpu", 3) == 0)
            return 1;
        i = j + 1;
    }
    return 0;
}

int es_cgroup_cpu_quota(const char *root, double *cpus)
{
    char full[PATH_MAX_ES];
    *cpus = 0;
    if ((size_t)snprintf(full, sizeof full, "%s/proc/self/cgroup", root) >= sizeof full)
        return 0;
    FILE *f = fopen(full, "r");
    if (!f)
        return 0;
    char line[PATH_MAX_ES];
    double best = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        /* "ID:CONTROLLERS:PATH"; v2 has ID 0 and no controllers */
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2 || c2[1] != '/')
            continue;
        const char *path = c2 + 1;
        double lim = 0;
        if (c2 == c1 + 1) {
            lim = walk_up(root, "/sys/fs/cgroup", path, 1);
            if (lim == 0) /* hybrid hosts mount v2 beside v1 */
                lim = walk_up(root, "/sys/fs/cgroup/unified", path, 1);
        } else if (names_cpu(c1 + 1, (size_t)(c2 - c1 - 1))) {
            lim = walk_up(root, "/sys/fs/cgroup/cpu,cpuacct", path, 0);
            if (lim == 0)
                lim = walk_up(root, "/sys/fs/cgroup/cpu", path, 0);
        }
        best = tighter(best, lim);
    }
    fclose(f);
    *cpus = best;
    return best > 0;
}

int es_threads_for_quota(int threads, double cpus)
{
    if (cpus <= 0)
        return threads;
    /* rounded up: 1.5 CPUs keep two threads busy half the time each, which
     * beats one thread idle for the other half */
    double cap = ceil(cpus - 1e-9);
    return cap < threads ? (int)(cap < 1 ? 1 : cap) : threads;
}

int es_default_threads(void)
{
    int threads = omp_get_max_threads();
    if (getenv("OMP_NUM_THREADS")) /* the user's own choice wins */
        return threads;
    double cpus;
    es_cgroup_cpu_quota("", &cpus);
    return es_threads_for_quota(threads, cpus);
}
