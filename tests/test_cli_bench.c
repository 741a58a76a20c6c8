/* `evosched bench` and `compare`: sets over seeds, their reports and the
 * spread between seeds, bounds and best known values per instance. */
#include <math.h>
#include <sys/stat.h>
#include "cli_util.h"

TestSuite(cli, .init = make_dir, .fini = remove_dir);

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

/* bench states, per run and per set, whether runs reach the best known
 * solution (bounds.csv's upper bound; for tardiness the proven optimum of
 * wtopt40.txt) and how far the best known values are from the critical
 * path. The expected values are read here from bounds.csv itself. */
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
