/* The reports of `evosched bench`: per-set figures in the form each field
 * states them (RCPSP: deviation from the optimum on j30 and from the
 * critical path on j60/j120; tardiness: runs at the optimum and average
 * relative deviation), the per-run table, the convergence curves and the
 * gap distribution, drawn by gnuplot when it is installed. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <omp.h>
#include "bench.h"
#include "json.h"

typedef struct set_stats {
    const char *problem, *unit, *literature_source;
    int runs, ok, with_gap, optimal, with_literature, mip_optimal, mip_runs, lp_runs, lp_above;
    double lp_vs_literature; /* sum of (LP - literature) / literature, in percent */
    int lp_with_bound;
    double lp_gap_sum, lp_gap_max; /* the LP's gap to the best bound, in percent */
    double value_sum, gap_sum, gap_max, literature_sum, seconds_sum, to_best_sum;
    long long evaluations;
    int with_best_known, at_best_known, better_than_best_known, best_known_with_literature;
    double best_known_literature_sum; /* deviation of the best known values from the literature bound */
    int has_spread;                   /* bench_seed_spread's answer, for report.md and results.json */
    bench_spread spread;
    /* the gap's spread too, where the headline figure is the literature's
     * (j30: the literature's is the critical path, the target the optimum) */
    int has_gap_spread;
    bench_spread gap_spread;
} set_stats;

/* "At best known" counts a run that equals or beats the best known value. */
static int at_best_known(const bench_run *r)
{
    return r->has_best_known && r->versus_best_known <= 0;
}

static void add_spread(cJSON *o, const char *name, const bench_spread *sp)
{
    cJSON *p = cJSON_AddObjectToObject(o, name);
    es_json_add_text(p, "figure", sp->figure);
    cJSON_AddNumberToObject(p, "seeds", sp->seeds);
    cJSON_AddNumberToObject(p, "mean", sp->mean);
    cJSON_AddNumberToObject(p, "sd", sp->sd);
    cJSON_AddNumberToObject(p, "min", sp->min);
    cJSON_AddNumberToObject(p, "max", sp->max);
    const double ci[2] = {sp->low, sp->high};
    cJSON_AddItemToObject(p, "ci95", cJSON_CreateDoubleArray(ci, 2));
    cJSON_AddNumberToObject(p, "at_bound_min", sp->at_bound_min);
    cJSON_AddNumberToObject(p, "at_bound_max", sp->at_bound_max);
    cJSON_AddNumberToObject(p, "seeds_all_at_bound", sp->seeds_all_at_bound);
}

static void stats_of(const bench *b, int s, set_stats *st)
{
    memset(st, 0, sizeof *st);
    st->has_spread = bench_seed_spread(b, s, 0, &st->spread);
    st->has_gap_spread = st->has_spread && strcmp(st->spread.figure, "gap_percent") != 0 &&
                         bench_seed_spread(b, s, 1, &st->gap_spread);
    const bench_set *set = &b->sets[s];
    for (int i = set->first; i < set->first + set->count; i++) {
        const bench_run *r = &b->runs[i];
        if (!r->done)
            continue;
        st->runs++;
        if (!r->ok)
            continue;
        st->ok++;
        st->problem = r->problem;
        st->unit = r->unit;
        st->value_sum += r->value;
        st->seconds_sum += r->seconds;
        st->to_best_sum += r->seconds_to_best;
        st->evaluations += r->evaluations;
        st->optimal += r->optimal;
        if (r->has_gap) {
            st->with_gap++;
            st->gap_sum += r->gap;
            st->gap_max = fmax(st->gap_max, r->gap);
        }
        if (r->has_literature) {
            st->with_literature++;
            st->literature_sum += r->literature_gap;
            st->literature_source = r->literature_source;
        }
        if (r->has_best_known) {
            st->with_best_known++;
            st->at_best_known += at_best_known(r);
            st->better_than_best_known += r->versus_best_known < 0;
        }
        if (r->has_best_known_literature) {
            st->best_known_with_literature++;
            st->best_known_literature_sum += r->best_known_literature_gap;
        }
        if (r->mip_status[0]) {
            st->mip_runs++;
            st->mip_optimal += strcmp(r->mip_status, "optimal") == 0;
        }
        double g;
        if (r->has_lp && r->has_bound && es_gap_percent(r->lp_bound, r->bound, &g)) {
            st->lp_with_bound++;
            st->lp_gap_sum += g;
            st->lp_gap_max = fmax(st->lp_gap_max, g);
        }
        if (r->has_lp && r->has_literature && r->literature != 0) {
            /* how much the LP relaxation adds to the field's cheap bound */
            double d = r->sense == ES_MINIMIZE ? r->lp_bound - r->literature : r->literature - r->lp_bound;
            st->lp_runs++;
            st->lp_above += d > 1e-9;
            st->lp_vs_literature += 100.0 * d / fabs(r->literature);
        }
    }
}

/* What every writer reads: the bench, its per-set figures (computed once),
 * and for the plot data which axis it is written against. */
typedef struct report_ctx {
    const bench *b;
    const set_stats *stats;
    int by_evals; /* convergence data: 0 over time, 1 over evaluations */
    int plotted;  /* gnuplot drew the SVGs */
} report_ctx;

const char *bench_base_name(const char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        n--;
    const char *s = p + n;
    while (s > p && s[-1] != '/')
        s--;
    return s;
}

/* ---- results.csv ---- */

static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
    fputc('"', f);
}

static int write_csv(FILE *f, void *user)
{
    const bench *b = ((const report_ctx *)user)->b;
    fputs("set,instance,problem,seed,status,value,bound,bound_source,gap_percent,optimal,literature_bound,"
          "literature_gap_percent,seconds,seconds_to_best,evaluations,evaluations_to_best,stop,glpk_status,glpk_lp_bound,"
          "glpk_mip_bound,best_known,at_best_known,error\n",
          f);
    for (int i = 0; i < b->nruns; i++) {
        const bench_run *r = &b->runs[i];
        if (!r->done)
            continue;
        csv_field(f, b->sets[r->set].name);
        fputc(',', f);
        csv_field(f, r->instance);
        fprintf(f, ",%s,%llu,%s,", r->problem ? r->problem : "", (unsigned long long)r->seed, r->ok ? "ok" : "failed");
        if (r->ok)
            fprintf(f, "%.10g", r->value);
        fputc(',', f);
        if (r->has_bound)
            fprintf(f, "%.10g", r->bound);
        fputc(',', f);
        csv_field(f, r->has_bound ? r->bound_source : "");
        fputc(',', f);
        if (r->has_gap)
            fprintf(f, "%.6f", r->gap);
        fprintf(f, ",%d,", r->optimal);
        if (r->has_literature)
            fprintf(f, "%.10g,%.6f", r->literature, r->literature_gap);
        else
            fputc(',', f);
        if (r->ok)
            fprintf(f, ",%.6f,%.6f,%lld,%lld,%s,%s,", r->seconds, r->seconds_to_best, r->evaluations,
                    r->evaluations_to_best, r->stop, r->mip_status);
        else
            fputs(",,,,,,,", f);
        if (r->has_lp)
            fprintf(f, "%.10g", r->lp_bound);
        fputc(',', f);
        if (r->has_mip)
            fprintf(f, "%.10g", r->mip_bound);
        fputc(',', f);
        if (r->has_best_known)
            fprintf(f, "%.10g,%d", r->best_known, at_best_known(r));
        else
            fputc(',', f);
        fputc(',', f);
        csv_field(f, r->error);
        fputc('\n', f);
    }
    return ferror(f) ? ES_EIO : ES_OK;
}

/* ---- results.json ---- */

static void add_opt_number(cJSON *o, const char *key, int has, double v)
{
    cJSON_AddItemToObject(o, key, es_json_number(has, v));
}

static int write_json(FILE *f, void *user)
{
    const report_ctx *c = user;
    const bench *b = c->b;
    cJSON *j = cJSON_CreateObject();
    es_json_add_text(j, "version", es_version());
    es_json_add_text(j, "command", b->command);
    es_json_add_text(j, "budget", b->budget);
    cJSON_AddNumberToObject(j, "seeds", b->seeds);
    cJSON_AddNumberToObject(j, "jobs", b->jobs);
    cJSON_AddNumberToObject(j, "wall_seconds", b->wall_seconds);
    cJSON_AddBoolToObject(j, "interrupted", b->interrupted);
    cJSON *sets = cJSON_AddArrayToObject(j, "sets");
    for (int s = 0; s < b->nsets; s++) {
        set_stats st = c->stats[s];
        cJSON *o = cJSON_CreateObject();
        es_json_add_text(o, "name", b->sets[s].name);
        if (st.problem)
            es_json_add_text(o, "problem", st.problem);
        cJSON_AddNumberToObject(o, "instances", b->sets[s].instances);
        cJSON_AddNumberToObject(o, "runs", st.runs);
        cJSON_AddNumberToObject(o, "failed", st.runs - st.ok);
        cJSON_AddNumberToObject(o, "optimal", st.optimal);
        add_opt_number(o, "mean_value", st.ok > 0, st.ok ? st.value_sum / st.ok : 0);
        add_opt_number(o, "mean_gap_percent", st.with_gap > 0, st.with_gap ? st.gap_sum / st.with_gap : 0);
        add_opt_number(o, "max_gap_percent", st.with_gap > 0, st.gap_max);
        if (st.with_literature) {
            es_json_add_text(o, "literature_bound", st.literature_source);
            cJSON_AddNumberToObject(o, "mean_literature_deviation_percent", st.literature_sum / st.with_literature);
        }
        if (st.with_best_known) {
            cJSON_AddNumberToObject(o, "runs_with_best_known", st.with_best_known);
            cJSON_AddNumberToObject(o, "at_best_known", st.at_best_known);
            cJSON_AddNumberToObject(o, "better_than_best_known", st.better_than_best_known);
        }
        if (st.best_known_with_literature)
            cJSON_AddNumberToObject(o, "mean_best_known_literature_deviation_percent",
                                    st.best_known_literature_sum / st.best_known_with_literature);
        if (st.mip_runs)
            cJSON_AddNumberToObject(o, "glpk_proven_optimal", st.mip_optimal);
        add_opt_number(o, "mean_seconds", st.ok > 0, st.ok ? st.seconds_sum / st.ok : 0);
        add_opt_number(o, "mean_seconds_to_best", st.ok > 0, st.ok ? st.to_best_sum / st.ok : 0);
        cJSON_AddNumberToObject(o, "evaluations", (double)st.evaluations);
        if (st.unit)
            es_json_add_text(o, "evaluation_unit", st.unit);
        if (st.has_spread)
            add_spread(o, "seed_spread", &st.spread);
        if (st.has_gap_spread)
            add_spread(o, "gap_seed_spread", &st.gap_spread);
        cJSON_AddItemToArray(sets, o);
    }
    cJSON *runs = cJSON_AddArrayToObject(j, "runs");
    for (int i = 0; i < b->nruns; i++) {
        const bench_run *r = &b->runs[i];
        if (!r->done)
            continue;
        cJSON *o = cJSON_CreateObject();
        es_json_add_text(o, "set", b->sets[r->set].name);
        es_json_add_text(o, "instance", r->instance);
        cJSON_AddNumberToObject(o, "seed", (double)r->seed);
        if (!r->ok) {
            es_json_add_text(o, "error", r->error);
            cJSON_AddItemToArray(runs, o);
            continue;
        }
        es_json_add_text(o, "problem", r->problem);
        cJSON_AddNumberToObject(o, "value", r->value);
        add_opt_number(o, "bound", r->has_bound, r->bound);
        if (r->has_bound)
            es_json_add_text(o, "bound_source", r->bound_source);
        add_opt_number(o, "gap_percent", r->has_gap, r->gap);
        cJSON_AddBoolToObject(o, "optimal", r->optimal);
        if (r->has_literature) {
            cJSON_AddNumberToObject(o, "literature_bound", r->literature);
            cJSON_AddNumberToObject(o, "literature_gap_percent", r->literature_gap);
        }
        if (r->has_best_known) {
            cJSON_AddNumberToObject(o, "best_known", r->best_known);
            cJSON_AddBoolToObject(o, "at_best_known", at_best_known(r));
        }
        cJSON_AddNumberToObject(o, "seconds", r->seconds);
        cJSON_AddNumberToObject(o, "seconds_to_best", r->seconds_to_best);
        cJSON_AddNumberToObject(o, "evaluations", (double)r->evaluations);
        cJSON_AddNumberToObject(o, "evaluations_to_best", (double)r->evaluations_to_best);
        cJSON_AddNumberToObject(o, "threads", r->threads);
        es_json_add_text(o, "stop", r->stop);
        if (r->mip_status[0]) {
            es_json_add_text(o, "glpk_status", r->mip_status);
            add_opt_number(o, "glpk_lp_bound", r->has_lp, r->lp_bound);
            add_opt_number(o, "glpk_mip_bound", r->has_mip, r->mip_bound);
        }
        cJSON *tr = cJSON_AddArrayToObject(o, "convergence"); /* [seconds, evaluations, value] */
        for (int k = 0; k < r->ntrace; k++) {
            const double p[3] = {r->trace[k].seconds, (double)r->trace[k].evaluations, r->trace[k].value};
            cJSON_AddItemToArray(tr, cJSON_CreateDoubleArray(p, 3));
        }
        cJSON_AddItemToArray(runs, o);
    }
    return es_json_write(f, j);
}

/* ---- plots ---- */

/* The mean gap to the best bound over the runs whose curve has started, at
 * log-spaced moments of time (by_evals 0) or evaluation counts (1). */
static int write_convergence(FILE *f, void *user)
{
    const report_ctx *c = user;
    const bench *b = c->b;
    int by_evals = c->by_evals;
    double lo = INFINITY, hi = 0;
    for (int i = 0; i < b->nruns; i++) {
        const bench_run *r = &b->runs[i];
        for (int k = 0; r->ok && r->has_bound && k < r->ntrace; k++) {
            double x = by_evals ? (double)r->trace[k].evaluations : r->trace[k].seconds;
            if (x > 0)
                lo = fmin(lo, x), hi = fmax(hi, x);
        }
    }
    fprintf(f, "# %s mean_gap_percent runs\n", by_evals ? "evaluations" : "seconds");
    if (!(hi > 0) || !isfinite(lo))
        return ES_OK;
    hi = fmax(hi, lo * 1.0001);
    for (int p = 0; p <= 60; p++) {
        double x = lo * pow(hi / lo, p / 60.0), sum = 0;
        int n = 0;
        for (int i = 0; i < b->nruns; i++) {
            const bench_run *r = &b->runs[i];
            if (!r->ok || !r->has_bound)
                continue;
            int last = -1;
            for (int k = 0; k < r->ntrace; k++)
                if ((by_evals ? (double)r->trace[k].evaluations : r->trace[k].seconds) <= x)
                    last = k;
            double g;
            if (last >= 0 && es_gap_percent(r->trace[last].value, r->bound, &g))
                sum += g, n++;
        }
        if (n > 0)
            fprintf(f, "%.6g %.6g %d\n", x, sum / n, n);
    }
    return ferror(f) ? ES_EIO : ES_OK;
}

static int write_gaps(FILE *f, void *user)
{
    const bench *b = ((const report_ctx *)user)->b;
    fputs("# gap_percent of each run to its best bound\n", f);
    for (int i = 0; i < b->nruns; i++)
        if (b->runs[i].ok && b->runs[i].has_gap)
            fprintf(f, "%.6g\n", b->runs[i].gap);
    return ferror(f) ? ES_EIO : ES_OK;
}

static const char plot_script[] =
    "# Written by evosched bench; gnuplot plots.gp redraws the figures.\n"
    "set terminal svg size 720,420 dynamic font 'sans,12'\n"
    "set grid\n"
    "set key off\n"
    "set logscale x\n"
    "set ylabel 'mean gap to the best bound (%)'\n"
    "set output 'convergence_time.svg'\n"
    "set xlabel 'seconds'\n"
    "plot 'convergence_time.dat' using 1:2 with steps lw 2\n"
    "set output 'convergence_evaluations.svg'\n"
    "set xlabel 'evaluations'\n"
    "plot 'convergence_evaluations.dat' using 1:2 with steps lw 2\n"
    "unset logscale x\n"
    "set output 'gap_distribution.svg'\n"
    "set xlabel 'gap to the best bound (%)'\n"
    "set ylabel 'runs'\n"
    "stats 'gaps.dat' using 1 nooutput\n"
    "width = STATS_max > 0 ? STATS_max / 20.0 : 1\n"
    "set boxwidth width * 0.9\n"
    "set style fill solid 0.6\n"
    "plot 'gaps.dat' using (width * floor($1 / width) + width / 2):(1) smooth frequency with boxes\n";

static int write_script(FILE *f, void *user)
{
    (void)user;
    return fputs(plot_script, f) >= 0 ? ES_OK : ES_EIO;
}

/* gnuplot, run in the output folder; 1 when the plots were drawn. */
static int run_gnuplot(const char *dir)
{
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        if (chdir(dir) != 0)
            _exit(127);
        FILE *null = freopen("/dev/null", "w", stderr);
        (void)null;
        execlp("gnuplot", "gnuplot", "plots.gp", (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return 0; /* its status is lost: say the plots were not drawn */
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* ---- report.md ---- */

static int by_gap_desc(const void *x, const void *y, void *runs)
{
    const bench_run *r = runs;
    double a = r[*(const int *)x].gap, c = r[*(const int *)y].gap;
    return (a < c) - (a > c);
}

/* Text in a Markdown table cell: a '|' in a name (a folder "a|b") would
 * end the cell and shift every column after it. */
static void md_cell(FILE *f, const char *text)
{
    for (const char *c = text; *c; c++)
        if (*c == '|')
            fputs("\\|", f);
        else
            fputc(*c == '\n' || *c == '\r' ? ' ' : *c, f);
}

/* One row of the Seeds table; gaps near zero (j30 from its optima) get
 * four decimals, since three would show 0.004 and 0.005 alike. */
static void spread_row(FILE *f, const char *set, const bench_spread *sp)
{
    int gap = strcmp(sp->figure, "gap_percent") == 0, places = gap && sp->max < 0.1 ? 4 : 3;
    fputs("| ", f);
    md_cell(f, bench_base_name(set));
    fprintf(f, " | %s | %d | %.*f | %.*f | %.*f | %.*f | %.*f – %.*f |\n", gap ? "mean gap %" : "literature dev. %",
            sp->seeds, places, sp->mean, places, sp->sd, places, sp->min, places, sp->max, places, sp->low, places,
            sp->high);
}

static int write_md(FILE *f, void *user)
{
    const report_ctx *m = user;
    const bench *b = m->b;
    time_t t = time(NULL);
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime(&t));
    fprintf(f, "# evosched bench report\n\n");
    fprintf(f, "- command: `%s`\n- evosched %s, %s, %d cores, %d runs at a time\n", b->command, es_version(), date,
            omp_get_num_procs(), b->jobs);
    fprintf(f, "- budget per run: %s; %d seed%s per instance\n", b->budget, b->seeds, b->seeds > 1 ? "s" : "");
    fprintf(f, "- wall time: %.1f s%s\n\n", b->wall_seconds,
            b->interrupted ? " — **interrupted**: the tables cover the runs that finished" : "");
    fprintf(f, "## Sets\n\n");
    fprintf(f, "| set | problem | instances | runs | at bound | at best known | mean gap %% | max gap %% | "
               "literature dev. %% | best known, literature dev. %% | mean value | mean s | s to best | "
               "evaluations/s |\n");
    fprintf(f, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    int any_better = 0;
    for (int s = 0; s < b->nsets; s++) {
        const set_stats st = m->stats[s];
        fputs("| ", f);
        md_cell(f, bench_base_name(b->sets[s].name));
        fprintf(f, " | %s | %d | %d", st.problem ? st.problem : "-", b->sets[s].instances, st.runs);
        if (st.runs > st.ok)
            fprintf(f, " (%d failed)", st.runs - st.ok);
        fprintf(f, " | %d |", st.optimal);
        if (st.with_best_known)
            fprintf(f, " %d |", st.at_best_known);
        else
            fputs(" - |", f);
        any_better += st.better_than_best_known;
        if (st.with_gap)
            fprintf(f, " %.2f | %.2f |", st.gap_sum / st.with_gap, st.gap_max);
        else
            fputs(" - | - |", f);
        if (st.with_literature)
            fprintf(f, " %.2f (%s) |", st.literature_sum / st.with_literature, st.literature_source);
        else
            fputs(" - |", f);
        if (st.best_known_with_literature)
            fprintf(f, " %.2f |", st.best_known_literature_sum / st.best_known_with_literature);
        else
            fputs(" - |", f);
        if (st.ok)
            fprintf(f, " %.6g | %.3f | %.3f | %.0f |\n", st.value_sum / st.ok, st.seconds_sum / st.ok,
                    st.to_best_sum / st.ok, st.seconds_sum > 0 ? (double)st.evaluations / st.seconds_sum : 0.0);
        else
            fputs(" - | - | - | - |\n", f);
    }
    fprintf(f, "\n*at bound*: runs whose value equals the best bound known for the instance, which proves it "
               "optimal. *gap*: |value − bound| / bound to the best bound (named per run in results.csv); where the "
               "bound is a known optimum (bounds.csv on j30, wtopt files) this is the average relative deviation "
               "from the optimum. *literature dev.*: deviation from the bound the field states its results against "
               "(RCPSP j60/j120: the critical path, Kolisch & Hartmann). *at best known*: runs that equal or beat the "
               "best solution known for the instance (bounds.csv's upper bound, or a proven optimum); *best known, "
               "literature dev.*: the same deviation for the best known values of those runs.");
    if (any_better)
        fprintf(f, " **%d run%s found a better solution than the best known** (see results.csv).", any_better,
                any_better > 1 ? "s" : "");
    int any_spread = 0;
    for (int s = 0; s < b->nsets; s++) {
        if (!m->stats[s].has_spread)
            continue;
        if (!any_spread++)
            fprintf(f, "\n\n## Seeds\n\n| set | figure | seeds | mean | sd between seeds | min | max | "
                       "95%% interval of the mean |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        spread_row(f, b->sets[s].name, &m->stats[s].spread);
        if (m->stats[s].has_gap_spread)
            spread_row(f, b->sets[s].name, &m->stats[s].gap_spread);
    }
    if (any_spread) {
        fprintf(f, "\nEach seed's figure is its mean over the set's instances; the interval is Student's t on those "
                   "means. It measures the seeds' noise on these instances: two benches whose figures differ by less "
                   "than about 1.4 times its half-width are not shown to differ. Seeds with a failed or unfinished "
                   "run are left out.\n");
        /* a mean of 0.005% may hide a miss on every seed */
        for (int s = 0; s < b->nsets; s++) {
            const bench_spread sp = m->stats[s].spread;
            if (!m->stats[s].has_spread || m->stats[s].optimal == 0)
                continue;
            fputs("\n- ", f);
            md_cell(f, bench_base_name(b->sets[s].name));
            if (sp.at_bound_min == sp.at_bound_max)
                fprintf(f, ": %d of %d runs at their bound on each seed", sp.at_bound_min, sp.instances);
            else
                fprintf(f, ": %d to %d of %d runs at their bound per seed", sp.at_bound_min, sp.at_bound_max,
                        sp.instances);
            fprintf(f, "; all %d on %d of %d seeds", sp.instances, sp.seeds_all_at_bound, sp.seeds);
        }
    }
    int any_mip = 0;
    for (int s = 0; s < b->nsets; s++) {
        const set_stats st = m->stats[s];
        if (st.mip_runs) {
            if (!any_mip++)
                fprintf(f, "\n\n## GLPK\n\n| set | runs with a model | proven optimal | LP gap to best bound %% "
                           "(mean / max) | LP bound > literature bound | mean (LP − literature) / literature %% |\n"
                           "|---|---:|---:|---:|---:|---:|\n");
            fputs("| ", f);
            md_cell(f, bench_base_name(b->sets[s].name));
            fprintf(f, " | %d | %d |", st.mip_runs, st.mip_optimal);
            if (st.lp_with_bound)
                fprintf(f, " %.2f / %.2f (%d runs) |", st.lp_gap_sum / st.lp_with_bound, st.lp_gap_max,
                        st.lp_with_bound);
            else
                fputs(" - |", f);
            if (st.lp_runs)
                fprintf(f, " %d of %d | %.2f |\n", st.lp_above, st.lp_runs, st.lp_vs_literature / st.lp_runs);
            else
                fputs(" - | - |\n", f);
        }
    }
    int *idx = malloc(((size_t)b->nruns + 1) * sizeof *idx), n = 0;
    for (int i = 0; idx && i < b->nruns; i++)
        if (b->runs[i].ok && b->runs[i].has_gap && b->runs[i].gap > 0)
            idx[n++] = i;
    if (n > 0) {
        qsort_r(idx, (size_t)n, sizeof *idx, by_gap_desc, b->runs);
        fprintf(f, "\n\n## Largest gaps\n\n| instance | seed | value | bound | source | gap %% | s |\n"
                   "|---|---:|---:|---:|---|---:|---:|\n");
        for (int k = 0; k < n && k < 10; k++) {
            const bench_run *r = &b->runs[idx[k]];
            fputs("| ", f);
            md_cell(f, r->instance);
            fprintf(f, " | %llu | %.10g | %.10g | ", (unsigned long long)r->seed, r->value, r->bound);
            md_cell(f, r->bound_source);
            fprintf(f, " | %.2f | %.3f |\n", r->gap, r->seconds);
        }
    }
    free(idx);
    int failed = 0;
    for (int i = 0; i < b->nruns; i++)
        if (b->runs[i].done && !b->runs[i].ok) {
            if (!failed++)
                fprintf(f, "\n\n## Failed runs\n\n");
            if (failed <= 20)
                fprintf(f, "- %s (seed %llu): %s\n", b->runs[i].instance, (unsigned long long)b->runs[i].seed,
                        b->runs[i].error);
        }
    if (m->plotted)
        fprintf(f, "\n\n## Plots\n\n![mean gap over time](convergence_time.svg)\n\n"
                   "![mean gap over evaluations](convergence_evaluations.svg)\n\n"
                   "![distribution of final gaps](gap_distribution.svg)\n");
    else
        fprintf(f, "\n\nPlot data: convergence_time.dat, convergence_evaluations.dat, gaps.dat; "
                   "install gnuplot and run `gnuplot plots.gp` in this folder to draw them.\n");
    fputs("\nPer run: results.csv and results.json (with each run's convergence curve).\n", f);
    return ferror(f) ? ES_EIO : ES_OK;
}

static int write_in(const char *dir, const char *name, es_writer fn, void *user, es_error *err)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path)
        return es_fail(err, ES_ENOMEM, "out of memory");
    snprintf(path, len, "%s/%s", dir, name);
    int st = es_cli_write_file(path, fn, user, err);
    free(path);
    return st;
}

int bench_write_checkpoint(const bench *b, es_error *err)
{
    report_ctx c = {b, NULL, 0, 0}; /* write_csv reads the runs only */
    return write_in(b->out_dir, "results.csv", write_csv, &c, err);
}

int bench_write_reports(const bench *b, es_error *err)
{
    set_stats *stats = calloc((size_t)b->nsets + 1, sizeof *stats);
    if (!stats)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int s = 0; s < b->nsets; s++)
        stats_of(b, s, &stats[s]);
    report_ctx c = {b, stats, 0, 0};
    int st = write_in(b->out_dir, "results.csv", write_csv, &c, err);
    if (st == ES_OK)
        st = write_in(b->out_dir, "results.json", write_json, &c, err);
    if (st == ES_OK)
        st = write_in(b->out_dir, "convergence_time.dat", write_convergence, &c, err);
    c.by_evals = 1;
    if (st == ES_OK)
        st = write_in(b->out_dir, "convergence_evaluations.dat", write_convergence, &c, err);
    if (st == ES_OK)
        st = write_in(b->out_dir, "gaps.dat", write_gaps, &c, err);
    if (st == ES_OK)
        st = write_in(b->out_dir, "plots.gp", write_script, NULL, err);
    c.plotted = st == ES_OK && run_gnuplot(b->out_dir);
    if (st == ES_OK)
        st = write_in(b->out_dir, "report.md", write_md, &c, err);
    free(stats);
    return st;
}
