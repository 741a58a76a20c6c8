/* Result reports: the human summary and the JSON document (docs/json.md). */
#ifndef ES_REPORT_H
#define ES_REPORT_H
#include <stdio.h>
#include <evosched/evosched.h>
#include "gap.h"
#include "json.h"

typedef struct es_report {
    const es_problem *problem;
    const es_instance *inst;
    const char *instance;
    const es_result *result;
    const es_bounds *bounds;
    const es_config *cfg;
    void *scratch; /* problem scratch for write_solution */
    int ranks;     /* islands (1 without MPI) */
    const double *island_best; /* each island's best value, ranks entries */
    int tuned;                 /* the problem's tune hook chose some settings */
    const es_bound *best_known; /* the best solution known for the instance, or NULL */
    const char *start;          /* solve --start's file, or NULL */
} es_report;

/* "optimal" when a bound proves the value, else "feasible". */
const char *es_report_status(const es_report *r);
void es_report_summary(FILE *out, const es_report *r);
/* The summary's bound line for value: b's value and source and the gap to
 * it (none when value is NAN: no solution), or "none available" when b is
 * NULL. */
void es_report_bound_line(FILE *out, const es_bound *b, double value);
int es_report_json_writer(FILE *out, void *report);
/* j's "bound", "bound_source" and "gap": b's best bound, and value's gap to
 * it (null without a value, or where the gap is undefined). */
void es_report_add_best_bound_json(cJSON *j, const es_bounds *b, int has_value, double value);
/* j's "bounds" array: every bound in b as {value, source, optimum}, and
 * contradicted: true on those a solution beat (docs/json.md). */
void es_report_add_bounds_json(cJSON *j, const es_bounds *b);
#endif
