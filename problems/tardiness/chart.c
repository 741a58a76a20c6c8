/* The machine's schedule as a picture (--chart): one row per job in the
 * order the machine runs them, so the bars form a staircase; a job is green
 * when it ends by its due date and red when late, and a dark mark shows the
 * due date (where it falls within the schedule). Details on hover. */
#include <evosched/chart.h>
#include "tardiness.h"

/* 14-pixel rows up to OR-Library's sizes; thin ones beyond, so that 50,000
 * jobs still make a picture a browser opens. */
static double row_height(int n) { return n <= 1000 ? 14 : 2; }

int tard_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    (void)scratch;
    const tardiness *t = tard_of(inst);
    char text[200];
    snprintf(text, sizeof text, "Tardiness schedule, total %stardiness %lld", t->weighted ? "weighted " : "",
             (long long)tard_sequence_cost(t, g->perm));
    es_chart c;
    es_chart_begin(&c, out, text, (long)t->total_p, 1, t->n, row_height(t->n), 0);
    int64_t time = 0;
    for (int k = 0; k < t->n; k++) {
        int j = g->perm[k];
        int64_t end = time + t->p[j], late = end - t->d[j];
        snprintf(text, sizeof text, "%d", j + 1);
        es_chart_label(&c, k, text);
        snprintf(text, sizeof text, "job %d: p %d, due %lld, weight %d, runs [%lld, %lld), tardiness %lld", j + 1,
                 t->p[j], (long long)t->d[j], t->w[j], (long long)time, (long long)end,
                 (long long)(late > 0 ? late : 0));
        es_chart_bar(&c, k, (double)time, (double)end, late > 0 ? 0 : 120, text);
        if (t->d[j] <= t->total_p)
            es_chart_mark(&c, k, (double)t->d[j], "#333");
        time = end;
    }
    return es_chart_end(&c);
}
