/* The best timing of a decoded plan, the satellite problem's polish hook.
 *
 * The decoder gives each link as much room as it finds when the link is
 * placed, and the links placed after it then often leave time unused around
 * it. Once the links, their antennas and feeds, and their order on every
 * timeline are fixed, the timing that earns most is a linear program: every
 * constraint bounds a difference of two times (a window, a duration, a gap
 * after the previous link on the same antenna, feed or pair), so the matrix
 * is totally unimodular and the simplex's optimum is integral. On the GA's
 * final plans (5,000 evaluations, 3 seeds) it adds 0.33% on S-1, 0.60% on
 * M-1 and 1.05% on L-1 (docs/satellite.md, "Retiming"). Too slow for every
 * child (a decode costs microseconds, the LP milliseconds), so the engine
 * runs it on the final plan only, as the problem's polish hook. */
#include <glpk.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include "satellite.h"

enum { ON_ANTENNA, ON_FEED, ON_PAIR };

/* The simplex's time grows about as the square of the links (generated
 * plans of 1,845 / 3,665 / 4,846 links: 0.24 / 1.0 / 1.8 s; 50,000 tasks,
 * about 25,000 links: 95 s), and it runs after the run's time limit or
 * Ctrl-C. Larger plans keep the decoder's times; a cap on the size, not on
 * the time, so that the plan written is the plan reported. */
#define SAT_RETIME_MAX_LINKS 3000

typedef struct keyed {
    long key;
    int start, link;
} keyed;

static int by_key_start(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static int b_col(int i) { return 2 * i + 1; }
static int e_col(int i) { return 2 * i + 2; }

/* The gap timeline `kind` needs between its consecutive links of tasks x
 * then y (docs/satellite.md, constraints 2-4). The checker (solution.c)
 * keeps its own copy, so as not to share a mistake with what it checks. */
static int gap_between(const satellite *m, int kind, const sat_task *x, const sat_task *y)
{
    if (kind == ON_ANTENNA)
        return x->sat != y->sat ? m->stas[x->sta].setup : 0;
    if (kind == ON_FEED)
        return sat_feed_gap(m, x->sat, x->sta, y->sta);
    return 0;
}

/* The links in k grouped by their timeline of this kind, each timeline in
 * start order. */
static void sort_by_timeline(const satellite *m, const sat_link *links, int nl, int kind, keyed *k)
{
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        k[i].key = kind == ON_ANTENNA ? (long)m->antenna_base[t->sta] + links[i].antenna
                   : kind == ON_FEED  ? (long)m->feed_base[t->sat] + links[i].feed
                                      : (long)t->sat * m->nsta + t->sta;
        k[i].start = links[i].start;
        k[i].link = i;
    }
    qsort(k, (size_t)nl, sizeof *k, by_key_start);
}

/* One row per pair of consecutive links on a timeline: b_next - e_prev >= gap. */
static void add_sequence_rows(glp_prob *lp, const satellite *m, const sat_link *links, int nl, int kind, keyed *k)
{
    sort_by_timeline(m, links, nl, kind, k);
    for (int i = 1; i < nl; i++) {
        if (k[i].key != k[i - 1].key)
            continue;
        int p = k[i - 1].link, q = k[i].link;
        int ind[3] = {0, b_col(q), e_col(p)};
        double val[3] = {0, 1, -1};
        int row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, GLP_LO,
                         gap_between(m, kind, &m->tasks[links[p].task], &m->tasks[links[q].task]), 0);
        glp_set_mat_row(lp, row, 2, ind, val);
    }
}

static glp_prob *build(const satellite *m, const sat_link *links, int nl, keyed *k)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, 2 * nl);
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        /* a window is longer than dmax >= 1: never a single point */
        glp_set_col_bnds(lp, b_col(i), GLP_DB, t->start, t->end);
        glp_set_col_bnds(lp, e_col(i), GLP_DB, t->start, t->end);
        glp_set_obj_coef(lp, b_col(i), -t->weight);
        glp_set_obj_coef(lp, e_col(i), t->weight);
        int ind[3] = {0, e_col(i), b_col(i)};
        double val[3] = {0, 1, -1};
        int row = glp_add_rows(lp, 1);
        glp_set_row_bnds(lp, row, t->dmin == t->dmax ? GLP_FX : GLP_DB, t->dmin, t->dmax);
        glp_set_mat_row(lp, row, 2, ind, val);
    }
    for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++)
        add_sequence_rows(lp, m, links, nl, kind, k);
    return lp;
}

/* Whether the links' new times keep every constraint of the fixed sequence,
 * checked exactly on the integers: the guard against a simplex that ended
 * off a vertex or with rounding noise. */
static int keeps_sequence(const satellite *m, const sat_link *links, int nl, keyed *k)
{
    for (int i = 0; i < nl; i++) {
        const sat_task *t = &m->tasks[links[i].task];
        int d = links[i].end - links[i].start;
        if (links[i].start < t->start || links[i].end > t->end || d < t->dmin || d > t->dmax)
            return 0;
    }
    for (int kind = ON_ANTENNA; kind <= ON_PAIR; kind++) {
        /* sorted by the new starts: links last at least a unit, so the
         * LP's rows kept each timeline's order, and with it the feed
         * switches and the links per station */
        sort_by_timeline(m, links, nl, kind, k);
        for (int i = 1; i < nl; i++) {
            const sat_link *p = &links[k[i - 1].link], *q = &links[k[i].link];
            if (k[i].key == k[i - 1].key &&
                q->start < p->end + gap_between(m, kind, &m->tasks[p->task], &m->tasks[q->task]))
                return 0;
        }
    }
    return 1;
}

static void on_glpk_error(void *info) { longjmp(*(jmp_buf *)info, 1); }

/* The LP's timing of the links, into moved. GLPK reports its errors (out of
 * memory, a bug in the model) by calling a hook and then aborting the
 * process; the hook leaves first, and ES_EINTERNAL says so. */
static int solve_timing(const satellite *m, const sat_link *links, int nl, keyed *k, sat_link *moved)
{
    jmp_buf on_error;
    if (setjmp(on_error)) {
        glp_free_env();
        return ES_EINTERNAL;
    }
    glp_error_hook(on_glpk_error, &on_error);
    glp_prob *lp = build(m, links, nl, k);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    sp.meth = GLP_DUALP; /* XL-1, 2,131 links: 0.39 s against 0.95 s for the primal */
    int ok = glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT;
    for (int i = 0; ok && i < nl; i++) {
        moved[i] = links[i];
        moved[i].start = (int)lround(glp_get_col_prim(lp, b_col(i)));
        moved[i].end = (int)lround(glp_get_col_prim(lp, e_col(i)));
    }
    glp_delete_prob(lp);
    glp_free_env();
    return ok ? ES_OK : ES_EINTERNAL;
}

int sat_retime(const satellite *m, sat_link *links, int nl, double *value)
{
    double before = 0;
    for (int i = 0; i < nl; i++)
        before += sat_link_value(m, &links[i]);
    *value = before;
    /* PROFIT links last dmax: their times earn nothing */
    if (m->objective != SAT_LINKTIME || nl == 0 || nl > SAT_RETIME_MAX_LINKS)
        return ES_OK;
    keyed *k = malloc((size_t)nl * sizeof *k);
    sat_link *moved = malloc((size_t)nl * sizeof *moved);
    int st = k && moved ? solve_timing(m, links, nl, k, moved) : ES_ENOMEM;
    double after = 0;
    for (int i = 0; st == ES_OK && i < nl; i++)
        after += sat_link_value(m, &moved[i]);
    if (st == ES_OK && after > before && keeps_sequence(m, moved, nl, k)) {
        for (int i = 0; i < nl; i++)
            links[i] = moved[i];
        *value = after;
    }
    free(k), free(moved);
    return st;
}

int sat_plan(const satellite *m, const int *order, void *scratch, sat_link *links, int *nl, double *value)
{
    sat_decode(m, order, scratch, links, nl);
    return sat_retime(m, links, *nl, value);
}

int sat_plan_value(const satellite *m, const int *order, void *scratch, double *value)
{
    sat_link *links = malloc((size_t)(m->ntask > 0 ? m->ntask : 1) * sizeof *links);
    if (!links) {
        *value = sat_decode(m, order, scratch, NULL, NULL);
        return ES_ENOMEM;
    }
    int nl;
    int st = sat_plan(m, order, scratch, links, &nl, value);
    free(links);
    return st;
}
