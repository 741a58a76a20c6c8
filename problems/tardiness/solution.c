/* The tardiness solution file and its independent checker.
 *
 *     objective 913
 *     # job start end      (jobs numbered from 1 in file order)
 *     J 5 0 26
 *     ...
 *
 * The checker does not trust the sequence: it re-verifies from the instance
 * and the listed intervals that every job runs once for exactly its
 * processing time, that no two jobs overlap, and that the stated objective is
 * the total weighted tardiness of those intervals. */
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

int tard_write_solution(const es_instance *inst, const es_genome *g, void *scratch, FILE *out)
{
    (void)scratch;
    const tardiness *t = tard_of(inst);
    fprintf(out, "objective %lld\n# job start end (jobs numbered from 1 in file order)\n",
            (long long)tard_sequence_cost(t, g->perm));
    int64_t time = 0;
    for (int k = 0; k < t->n; k++) {
        int j = g->perm[k];
        fprintf(out, "J %d %lld %lld\n", j + 1, (long long)time, (long long)(time + t->p[j]));
        time += t->p[j];
    }
    return ferror(out) ? ES_EIO : ES_OK;
}

typedef struct interval {
    int64_t start, end;
    long line;
    int job;
} interval;

static int by_start(const void *a, const void *b)
{
    const interval *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* tard_check, which also gives the jobs in start order when order is not
 * NULL */
static int check_sequence(const es_instance *inst, const es_source *sol, double *value, int *order, es_error *err)
{
    const tardiness *t = tard_of(inst);
    int n = t->n;
    es_scanner sc;
    es_scanner_init(&sc, sol, '#');
    long stated;
    int st = es_scan_keyword(&sc, "objective", err);
    if (st == ES_OK)
        st = es_scan_long(&sc, 0, 4000000000000000000L,
                          "the objective value", &stated, err);
    if (st != ES_OK)
        return st;
    interval *iv = calloc((size_t)n, sizeof *iv);
    if (!iv)
        return es_fail(err, ES_ENOMEM, "out of memory");
    for (int j = 0; j < n; j++)
        iv[j].line = 0;
    int64_t total = 0;
    while (st == ES_OK && !es_scan_eof(&sc)) {
        long line, job, s, e;
        st = es_scan_interval(&sc, "J", n, TARD_MAX_D * 4, &line, &job, &s, &e, err);
        if (st != ES_OK)
            break;
        int j = (int)job - 1;
        if (iv[j].line)
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: job %ld is scheduled twice (first at line %ld)", sc.path, line,
                         job, iv[j].line);
        else if (e - s != t->p[j])
            st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: job %ld runs %ld time units, its processing time is %d",
                         sc.path, line, job, e - s, t->p[j]);
        iv[j] = (interval){s, e, line, j};
        total += tard_cost(t, j, e);
    }
    for (int j = 0; st == ES_OK && j < n; j++)
        if (!iv[j].line)
            st = es_fail(err, ES_EINFEASIBLE, "%s: job %d is not scheduled", sol->path, j + 1);
    if (st == ES_OK) {
        qsort(iv, (size_t)n, sizeof *iv, by_start);
        for (int k = 1; k < n && st == ES_OK; k++)
            if (iv[k].start < iv[k - 1].end)
                st = es_fail(err, ES_EINFEASIBLE, "%s:%ld: overlaps the job of line %ld on the machine", sol->path,
                             iv[k].line, iv[k - 1].line);
    }
    if (st == ES_OK && total != stated)
        st = es_fail(err, ES_EINFEASIBLE, "%s:1: states objective %ld but the schedule's weighted tardiness is %lld",
                     sol->path, stated, (long long)total);
    for (int k = 0; st == ES_OK && order && k < n; k++)
        order[k] = iv[k].job; /* sorted by start above */
    free(iv);
    if (st == ES_OK)
        *value = (double)total;
    return st;
}

int tard_check(const es_instance *inst, const es_source *sol, double *value, es_error *err)
{
    return check_sequence(inst, sol, value, NULL, err);
}

/* The jobs in the file's order, back to back from time 0: none ends later
 * than in the file (they start at or after 0 and keep their order), so the
 * weighted tardiness is at most the file's. */
int tard_read_solution(const es_instance *inst, const es_source *sol, es_genome *out, es_error *err)
{
    double value;
    return check_sequence(inst, sol, &value, out->perm, err);
}
