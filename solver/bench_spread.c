/* The seed-to-seed spread of a bench set's headline figure, for report.md
 * and results.json. A set's figure moves with the seeds alone (all of j120
 * at 5,000 schedules: 4-seed blocks 0.02 apart), so a comparison between
 * two settings means something only next to this spread. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

double bench_t95(int dof)
{
    static const double table[30] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                     2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                     2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    const double z = 1.959964;
    return dof <= 30 ? table[dof - 1] : z + (z * z * z + z) / (4.0 * dof);
}

int bench_seed_spread(const bench *b, int s, int gap, bench_spread *out)
{
    memset(out, 0, sizeof *out);
    const bench_set *set = &b->sets[s];
    if (b->seeds < 2 || set->count == 0)
        return 0;
    /* the literature's figure only when every finished run has it */
    int literature = !gap;
    for (int i = set->first; i < set->first + set->count; i++)
        if (b->runs[i].done && b->runs[i].ok && !b->runs[i].has_literature)
            literature = 0;
    double *sum = calloc((size_t)b->seeds, sizeof *sum);
    int *count = calloc((size_t)b->seeds, sizeof *count), *broken = calloc((size_t)b->seeds, sizeof *broken);
    int *at_bound = calloc((size_t)b->seeds, sizeof *at_bound);
    int n = 0;
    if (sum && count && broken && at_bound) {
        for (int i = set->first; i < set->first + set->count; i++) {
            const bench_run *r = &b->runs[i];
            long k = (long)(r->seed - b->run.cfg.seed);
            if (k < 0 || k >= b->seeds)
                continue;
            int has = r->done && r->ok && (literature ? r->has_literature : r->has_gap);
            if (!has)
                broken[k] = 1;
            else {
                sum[k] += literature ? r->literature_gap : r->gap;
                count[k]++;
                at_bound[k] += r->optimal;
            }
        }
        double total = 0, squares = 0;
        for (int k = 0; k < b->seeds; k++) {
            if (broken[k] || count[k] == 0)
                continue;
            double m = sum[k] / count[k];
            out->min = n == 0 ? m : fmin(out->min, m);
            out->max = n == 0 ? m : fmax(out->max, m);
            out->at_bound_min = n == 0 || at_bound[k] < out->at_bound_min ? at_bound[k] : out->at_bound_min;
            out->at_bound_max = n == 0 || at_bound[k] > out->at_bound_max ? at_bound[k] : out->at_bound_max;
            out->seeds_all_at_bound += at_bound[k] == count[k];
            out->instances = count[k];
            total += m;
            n++;
        }
        if (n >= 2) {
            out->mean = total / n;
            for (int k = 0; k < b->seeds; k++)
                if (!broken[k] && count[k] > 0)
                    squares += (sum[k] / count[k] - out->mean) * (sum[k] / count[k] - out->mean);
            out->sd = sqrt(squares / (n - 1));
            double half = bench_t95(n - 1) * out->sd / sqrt((double)n);
            out->low = out->mean - half;
            out->high = out->mean + half;
            out->seeds = n;
            out->figure = literature ? "literature_deviation_percent" : "gap_percent";
        }
    }
    free(sum);
    free(count);
    free(broken);
    free(at_bound);
    if (n < 2) {
        memset(out, 0, sizeof *out);
        return 0;
    }
    return 1;
}
