/* The satellite plan as a picture (--chart): one row per ground station
 * antenna, each link a bar over the time it holds that antenna, coloured by
 * satellite, its task and times shown on hover. The plan drawn is the one
 * the solution file lists (sat_plan: decoded and retimed). */
#include <stdlib.h>
#include <evosched/chart.h>
#include "satellite.h"

int sat_write_chart(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    const satellite *m = sat_of(inst);
    int nl;
    double value;
    sat_link *links = sat_plan_new(m, g->perm, scratch, &nl, &value);
    if (!links)
        return ES_ENOMEM;
    char text[160];
    snprintf(text, sizeof text, "Satellite plan %s, objective %.0f, %d links of %d tasks", m->name, value, nl,
             m->ntask);
    es_chart c;
    es_chart_begin(&c, out, text, m->horizon, 1, m->nantenna, 14, 0);
    for (int s = 0; s < m->nsta; s++)
        for (int a = 0; a < m->stas[s].antennas; a++) {
            snprintf(text, sizeof text, "G%d.%d", s, a);
            es_chart_label(&c, m->antenna_base[s] + a, text);
        }
    for (int i = 0; i < nl; i++) {
        const sat_link *l = &links[i];
        const sat_task *t = &m->tasks[l->task];
        snprintf(text, sizeof text, "task %d: satellite %d feed %d, station %d antenna %d, [%d, %d)", l->task, t->sat,
                 l->feed, t->sta, l->antenna, l->start, l->end);
        es_chart_bar(&c, m->antenna_base[t->sta] + l->antenna, l->start, l->end, (t->sat * 47) % 360, text);
    }
    free(links);
    return es_chart_end(&c);
}
