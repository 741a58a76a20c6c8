/* RCPSP lower bounds on PSPLIB against the bounds.csv of each set: the
 * critical path, the energy bound, and the destructive bound evosched's
 * reports use (problems/rcpsp/destructive.c), as mean deviations from the
 * critical path next to the best lower bound known, with the time each
 * takes. It is also the bound's soundness check over whole sets: a bound
 * above the best schedule known is impossible, and the program then exits 1
 * naming the instance.
 *
 *   bench_rcpsp_bounds DIR... [--every K]
 *
 * DIR holds PSPLIB .sm files and their bounds.csv
 * (instance,lower_bound,upper_bound,critical_path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_common.h"
#include "problems/rcpsp/rcpsp.h"

static const char usage[] = "usage: bench_rcpsp_bounds DIR... [--every K]\n";

typedef struct totals {
    int instances, proven, closed, above_known, wrong;
    double simple_dev, ours_dev, known_dev, seconds, slowest;
} totals;

/* One instance: its bounds against bounds.csv's, read through the
 * problem's own hooks (which also refuse a line whose critical path is not
 * this project's). 0 when the instance has no usable line. */
static int measure(const es_registry *reg, const char *path, totals *t)
{
    bench_instance b;
    bench_load(reg, "rcpsp", path, NULL, &b);
    const rcpsp *r = rcpsp_of(b.inst);
    es_bound known_lb, known_ub;
    es_error err = {0, ""};
    if (b.problem->reference_bound(b.inst, path, &known_lb, &err) != ES_OK ||
        b.problem->best_known(b.inst, path, &known_ub, &err) != ES_OK) {
        fprintf(stderr, "bench_rcpsp_bounds: %s: no bounds: %s\n", path, err.message[0] ? err.message : "no line");
        bench_unload(&b);
        return 0;
    }
    double lb = known_lb.value, ub = known_ub.value;
    int simple = rcpsp_simple_bound(r);
    double t0 = bench_now();
    int ours = rcpsp_destructive_bound(r);
    double s = bench_now() - t0;
    double cp = rcpsp_real(r, r->critical_path), v = rcpsp_real(r, ours);
    t->instances++;
    t->simple_dev += 100 * (rcpsp_real(r, simple) - cp) / cp;
    t->ours_dev += 100 * (v - cp) / cp;
    t->known_dev += 100 * (lb - cp) / cp;
    t->seconds += s;
    t->slowest = s > t->slowest ? s : t->slowest;
    t->closed += lb == ub;
    t->proven += v == ub && lb == ub;
    if (v > ub) {
        fprintf(stderr, "%s: bound %.10g above the best schedule known, %.10g\n", path, v, ub);
        t->wrong++;
    } else if (v > lb) {
        fprintf(stderr, "%s: bound %.10g above bounds.csv's best lower bound %.10g\n", path, v, lb);
        t->above_known++;
    }
    bench_unload(&b);
    return 1;
}

/* Every every-th instance bounds.csv names (its first column). */
static int run_set(const es_registry *reg, const char *dir, int every, totals *t)
{
    char csv[4096], path[4400];
    snprintf(csv, sizeof csv, "%s/bounds.csv", dir);
    FILE *f = fopen(csv, "r");
    if (!f) {
        fprintf(stderr, "bench_rcpsp_bounds: %s: cannot open\n", csv);
        return 0;
    }
    char line[512];
    int row = 0, ok = 1;
    if (!fgets(line, sizeof line, f)) /* header */
        line[0] = 0;
    while (ok && fgets(line, sizeof line, f)) {
        line[strcspn(line, ",\r\n")] = 0;
        if (line[0] && row++ % every == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, line);
            ok = measure(reg, path, t);
        }
    }
    fclose(f);
    return ok;
}

int main(int argc, char **argv)
{
    int every = 1;
    const bench_option opts[] = {{"--every", BENCH_INT, &every, 1, 1e6}, {NULL, BENCH_INT, NULL, 0, 0}};
    const char **dirs = malloc((size_t)argc * sizeof *dirs);
    int ndirs = bench_options(argc, argv, usage, opts, 1, -1, dirs);
    es_registry *reg;
    if (!dirs || es_registry_create(&reg) != ES_OK)
        return 1;
    printf("| set | instances | critical path / energy %% | time windows %% | best known lower bound %% | proven "
           "optimal (of closed) | mean ms | slowest ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int wrong = 0;
    for (int d = 0; d < ndirs; d++) {
        totals t = {0};
        if (!run_set(reg, dirs[d], every, &t))
            return 2;
        if (t.instances == 0)
            continue;
        const char *slash = strrchr(dirs[d], '/');
        printf("| %s | %d | %.2f | %.2f | %.2f | %d (%d) | %.2f | %.1f |\n", slash && slash[1] ? slash + 1 : dirs[d],
               t.instances, t.simple_dev / t.instances, t.ours_dev / t.instances, t.known_dev / t.instances,
               t.proven, t.closed, 1e3 * t.seconds / t.instances, 1e3 * t.slowest);
        if (t.above_known)
            printf("\n%s: %d bounds above bounds.csv's best lower bound (listed on stderr)\n", dirs[d],
                   t.above_known);
        wrong += t.wrong;
    }
    printf("\nDeviations are from the critical path, in %%; \"proven optimal\": the time-window bound equals the "
           "optimum (a closed instance of bounds.csv).\n");
    es_registry_destroy(reg);
    free(dirs);
    if (wrong)
        fprintf(stderr, "bench_rcpsp_bounds: %d bounds above the best schedule known: the bound is unsound\n", wrong);
    return wrong ? 1 : 0;
}
