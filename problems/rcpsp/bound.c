/* RCPSP lower bounds: the critical path (longest path with unlimited
 * resources), the resource energy bound max_k ceil(sum_j d_j r_jk / R_k),
 * the destructive bound of destructive.c above both, and the best-known
 * bounds of PSPLIB's bounds.csv beside the instance. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rcpsp.h"

int rcpsp_energy_bound(const rcpsp *r)
{
    int best = 0;
    for (int k = 0; k < r->K; k++) {
        if (r->cap[k] <= 0)
            continue;
        long long energy = 0;
        for (int j = 0; j < r->n; j++)
            energy += (long long)r->dur[j] * r->req[j * r->K + k];
        int b = (int)((energy + r->cap[k] - 1) / r->cap[k]);
        if (b > best)
            best = b;
    }
    return best;
}

int rcpsp_simple_bound(const rcpsp *r)
{
    int energy = rcpsp_energy_bound(r);
    return energy > r->critical_path ? energy : r->critical_path;
}

int rcpsp_lower_bound(const es_instance *inst, es_bound *out)
{
    const rcpsp *r = rcpsp_of(inst);
    int simple = rcpsp_simple_bound(r), windows = rcpsp_destructive_bound(r);
    out->proven_optimum = 0;
    out->value = rcpsp_real(r, windows);
    snprintf(out->source, sizeof out->source, "%s",
             windows > simple ? "time windows" : simple > r->critical_path ? "resource energy" : "critical path");
    return ES_OK;
}

/* Deviations on j60 and j120 are stated against this bound in the
 * literature (Kolisch & Hartmann), whatever tighter bound is known. */
int rcpsp_critical_path_bound(const es_instance *inst, es_bound *out)
{
    const rcpsp *r = rcpsp_of(inst);
    out->value = rcpsp_real(r, r->critical_path);
    out->proven_optimum = 0;
    snprintf(out->source, sizeof out->source, "critical path");
    return ES_OK;
}

/* bounds.csv: instance,lower_bound,upper_bound,critical_path, beside the
 * instance file; the line of the instance gives its best lower bound and
 * the value of the best solution known. Lines are matched by file name, so
 * an edited or unrelated project saved under a PSPLIB name would inherit
 * another project's optimum and be called optimal at the wrong makespan:
 * the critical path column, when present, must be this project's, or the
 * line is refused (ES_EPARSE, with the reason in err). */
static int read_bounds_csv(const rcpsp *r, const char *path, long *lb, long *ub, es_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    char file[4200];
    snprintf(file, sizeof file, "%.*sbounds.csv", dirlen, path);
    FILE *f = fopen(file, "r");
    if (!f)
        return ES_ENOTFOUND;
    char line[512];
    int found = ES_ENOTFOUND;
    size_t blen = strlen(base);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, base, blen) == 0 && line[blen] == ',') {
            long cp;
            int fields = sscanf(line + blen + 1, "%ld,%ld,%ld", lb, ub, &cp);
            if (fields >= 2 && *lb > 0 && *ub >= *lb)
                found = ES_OK;
            if (found == ES_OK && fields == 3 && (double)cp != rcpsp_real(r, r->critical_path))
                found = es_fail(err, ES_EPARSE,
                                "%s: the line of %s gives critical path %ld, this project's is %.10g: "
                                "it describes another project, its bounds are not used",
                                file, base, cp, rcpsp_real(r, r->critical_path));
            break;
        }
    fclose(f);
    return found;
}

/* One of the instance's two values in bounds.csv: its lower bound, or
 * (upper) the makespan of the best schedule known; either is a proven
 * optimum when the two agree. */
static int bounds_csv_entry(const es_instance *inst, const char *path, int upper, es_bound *out, es_error *err)
{
    long lb, ub;
    int st = read_bounds_csv(rcpsp_of(inst), path, &lb, &ub, err);
    if (st != ES_OK)
        return st;
    out->value = (double)(upper ? ub : lb);
    out->proven_optimum = lb == ub;
    snprintf(out->source, sizeof out->source, "bounds.csv");
    return ES_OK;
}

int rcpsp_reference_bound(const es_instance *inst, const char *path, es_bound *out, es_error *err)
{
    return bounds_csv_entry(inst, path, 0, out, err);
}

int rcpsp_best_known(const es_instance *inst, const char *path, es_bound *out, es_error *err)
{
    return bounds_csv_entry(inst, path, 1, out, err);
}
