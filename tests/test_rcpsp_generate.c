/* `evosched generate rcpsp`: the PSPLIB reader accepts what it writes, and
 * the instance has the parameters asked for. Each parameter is checked from
 * the text by this file's own reading, against its definition (Kolisch,
 * Sprecher & Drexl 1995): network complexity, no redundant arc, at most
 * three arcs per activity, the resource factor, and capacities placed by the
 * resource strength between the largest request and the earliest-start
 * schedule's peak. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>
#include "problems/rcpsp/rcpsp.h"
#include "rcpsp_fixture.h"

#define MAXJ 130
#define MAXK 8

typedef struct sm {
    int jobs, K;
    int nsucc[MAXJ], succ[MAXJ][MAXJ];
    int dur[MAXJ], req[MAXJ][MAXK], cap[MAXK];
    char parameters[200];
} sm;

/* This test's own reading of the .sm text the generator writes. */
static void read_sm(const char *text, sm *s)
{
    memset(s, 0, sizeof *s);
    const char *p = strstr(text, "parameters");
    cr_assert_not_null(p);
    sscanf(p, "parameters : %199[^\n]", s->parameters);
    cr_assert_eq(sscanf(strstr(text, "jobs (incl."), "jobs (incl. supersource/sink ): %d", &s->jobs), 1);
    cr_assert_eq(sscanf(strstr(text, "- renewable"), "- renewable : %d", &s->K), 1);
    cr_assert(s->jobs <= MAXJ && s->K <= MAXK);
    p = strchr(strchr(strstr(text, "PRECEDENCE RELATIONS:"), '\n') + 1, '\n') + 1;
    for (int j = 0; j < s->jobs; j++) {
        int id, modes, used;
        cr_assert_eq(sscanf(p, "%d %d %d%n", &id, &modes, &s->nsucc[j], &used), 3);
        cr_assert_eq(id, j + 1);
        p += used;
        for (int q = 0; q < s->nsucc[j]; q++) {
            cr_assert_eq(sscanf(p, "%d%n", &s->succ[j][q], &used), 1);
            s->succ[j][q]--;
            p += used;
        }
        p = strchr(p, '\n') + 1;
    }
    p = strchr(strstr(text, "------"), '\n') + 1;
    for (int j = 0; j < s->jobs; j++) {
        int id, mode, used;
        cr_assert_eq(sscanf(p, "%d %d %d%n", &id, &mode, &s->dur[j], &used), 3);
        p += used;
        for (int k = 0; k < s->K; k++) {
            cr_assert_eq(sscanf(p, "%d%n", &s->req[j][k], &used), 1);
            p += used;
        }
        p = strchr(p, '\n') + 1;
    }
    p = strchr(strchr(strstr(text, "RESOURCEAVAILABILITIES:"), '\n') + 1, '\n') + 1;
    for (int k = 0; k < s->K; k++) {
        int used;
        cr_assert_eq(sscanf(p, "%d%n", &s->cap[k], &used), 1);
        p += used;
    }
}

/* Whether b can be reached from a other than by the arc a -> b itself. */
static int other_path(const sm *s, int a, int b)
{
    int stack[MAXJ * MAXJ], top = 0, seen[MAXJ] = {0};
    for (int q = 0; q < s->nsucc[a]; q++)
        if (s->succ[a][q] != b)
            stack[top++] = s->succ[a][q];
    while (top) {
        int x = stack[--top];
        if (x == b)
            return 1;
        if (seen[x]++)
            continue;
        for (int q = 0; q < s->nsucc[x]; q++)
            stack[top++] = s->succ[x][q];
    }
    return 0;
}

static void check_instance(const char *args, int n, int K, double nc, double rf, double rs, int max_dur, int max_req)
{
    char *text = NULL;
    es_error err = {0, ""};
    cr_assert_eq(generate_rcpsp(args, &text, &err), ES_OK, "%s: %s", args, err.message);

    /* the PSPLIB reader takes it as it is */
    es_source src = {"generated.sm", text, strlen(text), NULL};
    cr_assert_eq(rcpsp_detect(&src), 95, "%s: not recognised as PSPLIB", args);
    es_instance *inst = NULL;
    cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s: %s", args, err.message);
    cr_assert_eq(rcpsp_of(inst)->n, n + 2);
    cr_assert_eq(rcpsp_of(inst)->K, K);
    rcpsp_destroy(inst);

    sm *s = malloc(sizeof *s);
    read_sm(text, s);
    cr_assert_eq(s->jobs, n + 2);
    cr_assert_eq(s->K, K);
    int arcs = 0, preds[MAXJ] = {0};
    for (int i = 0; i < s->jobs; i++)
        for (int q = 0; q < s->nsucc[i]; q++) {
            int j = s->succ[i][q];
            cr_assert_gt(j, i, "%s: arc %d -> %d against the numbering", args, i + 1, j + 1);
            cr_assert_not(other_path(s, i, j), "%s: arc %d -> %d is redundant", args, i + 1, j + 1);
            preds[j]++;
            arcs++;
        }
    cr_assert_float_eq((double)arcs / (n + 2), nc, 0.05, "%s: NC %g", args, (double)arcs / (n + 2));
    for (int j = 1; j <= n; j++) {
        cr_assert(s->nsucc[j] >= 1 && preds[j] >= 1, "%s: activity %d is not connected", args, j + 1);
        cr_assert_leq(s->nsucc[j], 3);
        cr_assert_leq(preds[j], 3);
        cr_assert(s->dur[j] >= 1 && s->dur[j] <= max_dur);
    }
    cr_assert_eq(s->dur[0] + s->dur[n + 1], 0);
    if (n >= 6) { /* three start and three finish activities, as in PSPLIB */
        int finishes = 0;
        for (int j = 1; j <= n; j++)
            finishes += s->nsucc[j] == 1 && s->succ[j][0] == n + 1;
        cr_assert_eq(s->nsucc[0], 3, "%s: %d start activities", args, s->nsucc[0]);
        cr_assert_eq(finishes, 3, "%s: %d finish activities", args, finishes);
    }

    /* RF: round(RF n K) requests, as evenly spread as whole numbers allow */
    int requests = 0, least = K, most = 0;
    for (int j = 1; j <= n; j++) {
        int uses = 0;
        for (int k = 0; k < K; k++) {
            cr_assert(s->req[j][k] >= 0 && s->req[j][k] <= max_req);
            uses += s->req[j][k] > 0;
        }
        requests += uses;
        least = uses < least ? uses : least;
        most = uses > most ? uses : most;
    }
    cr_assert_eq(requests, (int)lround(rf * n * K), "%s", args);
    cr_assert_leq(most - least, 1, "%s", args);

    /* RS: the earliest-start schedule (jobs are topologically numbered) and
     * its peak per resource */
    int es[MAXJ] = {0}, cp = 0;
    for (int i = 0; i < s->jobs; i++) {
        for (int q = 0; q < s->nsucc[i]; q++) {
            int j = s->succ[i][q];
            es[j] = es[j] > es[i] + s->dur[i] ? es[j] : es[i] + s->dur[i];
        }
        cp = cp > es[i] + s->dur[i] ? cp : es[i] + s->dur[i];
    }
    for (int k = 0; k < K; k++) {
        int lo = 0, hi = 0;
        for (int t = 0; t < cp; t++) {
            int use = 0;
            for (int j = 0; j < s->jobs; j++)
                use += es[j] <= t && t < es[j] + s->dur[j] ? s->req[j][k] : 0;
            hi = use > hi ? use : hi;
        }
        for (int j = 0; j < s->jobs; j++)
            lo = s->req[j][k] > lo ? s->req[j][k] : lo;
        int want = lo + (int)lround(rs * (hi - lo));
        cr_assert_eq(s->cap[k], want < 1 ? 1 : want, "%s: R%d has %d, [%d, %d] at RS %g gives %d", args, k + 1,
                     s->cap[k], lo, hi, rs, want);
    }
    free(s);
    free(text);
}

Test(rcpsp_generate, instances_have_the_parameters_asked_for)
{
    check_instance("--n 30 --seed 1", 30, 4, 1.5, 0.5, 0.2, 10, 10);
    check_instance("--n 30 --nc 2.1 --rf 0.25 --rs 0.7 --seed 2", 30, 4, 2.1, 0.25, 0.7, 10, 10);
    check_instance("--n 60 --nc 1.8 --rf 1 --rs 1 --seed 3", 60, 4, 1.8, 1, 1, 10, 10);
    check_instance("--n 120 --nc 1.5 --rf 0.75 --rs 0 --seed 4", 120, 4, 1.5, 0.75, 0, 10, 10);
    check_instance("--n 45 --resources 7 --rf 0.3 --max-duration 40 --max-request 3 --seed 5", 45, 7, 1.5, 0.3,
                   0.2, 40, 3);
    /* a late activity whose every possible successor made an arc redundant:
     * it takes one all the same, and the arcs that become implied go */
    check_instance("--n 10 --nc 1.5 --seed 19", 10, 4, 1.5, 0.5, 0.2, 10, 10);
}

/* The same seed gives the same bytes; another seed another instance. */
Test(rcpsp_generate, deterministic_per_seed)
{
    char *a, *b, *c;
    es_error err = {0, ""};
    cr_assert_eq(generate_rcpsp("--n 40 --seed 11", &a, &err), ES_OK);
    cr_assert_eq(generate_rcpsp("--n 40 --seed 11", &b, &err), ES_OK);
    cr_assert_eq(generate_rcpsp("--n 40 --seed 12", &c, &err), ES_OK);
    cr_assert_str_eq(a, b);
    cr_assert_str_neq(a, c);
    free(a);
    free(b);
    free(c);
}

/* Small projects: what they allow, with the default NC (a single activity
 * is a start and a finish at once). */
Test(rcpsp_generate, the_smallest_projects_load)
{
    for (int n = 1; n <= 7; n++) {
        char args[64], *text;
        es_error err = {0, ""};
        snprintf(args, sizeof args, "--n %d --seed %d", n, n);
        cr_assert_eq(generate_rcpsp(args, &text, &err), ES_OK, "%s: %s", args, err.message);
        es_source src = {"small.sm", text, strlen(text), NULL};
        es_instance *inst = NULL;
        cr_assert_eq(rcpsp_load(&src, &inst, &err), ES_OK, "%s: %s", args, err.message);
        cr_assert_eq(rcpsp_of(inst)->n, n + 2);
        rcpsp_destroy(inst);
        free(text);
    }
}

/* What evosched could not read back is not written: 2,000 activities of up
 * to 1,000 time units over 64 resources pass the schedule profile's limit. */
Test(rcpsp_generate, an_instance_past_the_loaders_limits_is_refused)
{
    char *text = NULL;
    es_error err = {0, ""};
    cr_assert_eq(generate_rcpsp("--n 2000 --resources 64 --max-duration 1000 --seed 2", &text, &err), ES_ELIMIT);
    cr_assert(strstr(err.message, "generate rcpsp: the durations add up to") &&
                  strstr(err.message, "the schedule profile would take"),
              "%s", err.message);
    cr_assert(text == NULL || text[0] == 0, "it was written all the same");
    free(text);
}

Test(rcpsp_generate, bad_options_are_refused_with_the_reason)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"--seed 3", "--n is needed"},
        {"--n 0", "--n must be an integer in [1, 2000], got '0'"},
        {"--n 30.5", "--n must be an integer"},
        {"--n 30 --rf 1.5", "--rf must be a number in [0, 1], got '1.5'"},
        {"--n 30 --rs", "--rs needs a value"},
        {"--n 30 --seed -1", "--seed must be an integer in [0, 18446744073709551615], got '-1'"},
        {"--n 30 --resources 65", "--resources must be an integer in [1, 64]"},
        {"--n 30 --nc 3", "--nc 3.00 cannot be reached with 30 activities"},
        {"--n 30 --nc 1", "--nc 1.00 cannot be reached with 30 activities"},
        {"--n 30 --ants 3", "unknown option '--ants'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *text = NULL;
        es_error err = {0, ""};
        cr_assert_eq(generate_rcpsp(cases[i].args, &text, &err), ES_EINVAL, "%s", cases[i].args);
        cr_assert(strstr(err.message, cases[i].message), "%s: %s", cases[i].args, err.message);
        free(text);
    }
}
