/* The satellite assignment/sequencing MIP for small instances.
 *
 * Per task k: z_k (linked or not), start b_k and duration d_k (continuous:
 * with the binaries fixed, what is left is a system of difference
 * constraints, whose optimum is integral on integer data), x_ka (antenna a of
 * its station) and y_kf (feed f of its satellite) when there is more than
 * one. Per pair of tasks that share a station or a satellite and whose
 * windows come close enough to clash: one order binary o_kl (k first), and
 * big-M disjunctions on each antenna, each feed and the (satellite, station)
 * pair they could share.
 *
 * The checker asks for gaps between consecutive links only; the model asks
 * them of every ordered pair on a resource. The two agree when every gap
 * obeys the triangle inequality through a third link (gap(a,c) <= gap(a,b) +
 * d + gap(b,c)); the model is declined when an instance breaks it, so that
 * it is never stricter than the problem, and when the feed-switch limit is
 * set, which it does not model. Both keep its optimum the true optimum. */
#include <glpk.h>
#include <stdlib.h>
#include "satellite.h"

#define SAT_MIP_MAX_TASKS 400
#define SAT_MIP_MAX_ROWS 400000L

typedef struct layout {
    int n;
    int *x_base, *y_base; /* first x / y column of each task, 0 when its resource is single */
    int npairs;
    int (*pairs)[2];
    int o_base; /* o column of pair i is o_base + i */
    int cols;
} layout;

static void layout_free(layout *L)
{
    free(L->x_base);
    free(L->y_base);
    free(L->pairs);
}

static int z_col(int k) { return k + 1; }
static int b_col(const layout *L, int k) { return L->n + k + 1; }
static int d_col(const layout *L, int k) { return 2 * L->n + k + 1; }

/* The largest gap any resource the two tasks could share needs between
 * them, in either order: windows further apart than that never clash. */
static int max_gap(const satellite *m, const sat_task *a, const sat_task *b)
{
    int g = 0;
    if (a->sta == b->sta && a->sat != b->sat)
        g = m->stas[a->sta].setup;
    if (a->sat == b->sat) {
        int f = sat_feed_gap(m, a->sat, a->sta, b->sta);
        g = f > g ? f : g;
    }
    return g;
}

static int build_layout(const satellite *m, layout *L, es_error *err)
{
    *L = (layout){0};
    L->n = m->ntask;
    L->x_base = calloc((size_t)m->ntask + 1, sizeof *L->x_base);
    L->y_base = calloc((size_t)m->ntask + 1, sizeof *L->y_base);
    long cap = (long)m->ntask * (m->ntask - 1) / 2 + 1;
    L->pairs = malloc((size_t)cap * sizeof *L->pairs);
    if (!L->x_base || !L->y_base || !L->pairs) {
        layout_free(L);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    int col = 3 * m->ntask;
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        if (m->stas[t->sta].antennas > 1) {
            L->x_base[k] = col + 1;
            col += m->stas[t->sta].antennas;
        }
        if (m->sats[t->sat].feeds > 1) {
            L->y_base[k] = col + 1;
            col += m->sats[t->sat].feeds;
        }
    }
    for (int k = 0; k < m->ntask; k++)
        for (int l = k + 1; l < m->ntask; l++) {
            const sat_task *a = &m->tasks[k], *b = &m->tasks[l];
            if (a->sta != b->sta && a->sat != b->sat)
                continue;
            int g = max_gap(m, a, b);
            if ((long)a->end + g <= b->start || (long)b->end + g <= a->start)
                continue;
            L->pairs[L->npairs][0] = k;
            L->pairs[L->npairs][1] = l;
            L->npairs++;
        }
    L->o_base = col + 1;
    L->cols = col + L->npairs;
    return ES_OK;
}

/* Declines instances the model does not describe exactly (see the top). */
static int modelled(const satellite *m, es_error *err)
{
    if (m->ntask > SAT_MIP_MAX_TASKS)
        return es_fail(err, ES_ENOTSUP, "the sequencing model is for small instances (up to %d tasks, this one has %d)",
                       SAT_MIP_MAX_TASKS, m->ntask);
    if (m->max_switches >= 0)
        return es_fail(err, ES_ENOTSUP, "the sequencing model does not cover the feed-switch limit");
    for (int s = 0; s < m->nsat; s++) {
        const sat_satellite *x = &m->sats[s];
        long shortest = SAT_MAX_HORIZON, other = x->mode == SAT_SW ? x->tau_switch : x->tau_repoint;
        for (int k = 0; k < m->ntask; k++)
            if (m->tasks[k].sat == s && m->tasks[k].dmin < shortest)
                shortest = m->tasks[k].dmin;
        if (x->tau_same > 2 * other + shortest)
            return es_fail(err, ES_ENOTSUP,
                           "satellite %d: tau_same %d exceeds two switches and a link (%ld), so gaps between "
                           "non-consecutive links differ from the pairwise model",
                           s, x->tau_same, 2 * other + shortest);
    }
    return ES_OK;
}

/* Rows are added one at a time from one buffer, long enough for the longest
 * row (a task and every other task, or a task and its units). */
typedef struct rows {
    glp_prob *lp;
    int *ind;    /* 1-based, as GLPK wants */
    double *val;
    long count;
} rows;

static void add_row(rows *r, int len, int type, double lo, double hi)
{
    int row = glp_add_rows(r->lp, 1);
    glp_set_row_bnds(r->lp, row, type, lo, hi);
    glp_set_mat_row(r->lp, row, len, r->ind, r->val);
    r->count++;
}

/* Antennas of a station (feeds of a satellite) are interchangeable, and
 * branch-and-bound would explore every relabelling: number them in order of
 * first use by task index, i.e. task k may use unit i > 0 only if an earlier
 * task of the same owner uses unit i - 1. */
static void symmetry_rows(rows *r, const layout *L, const satellite *m, int feeds)
{
    const int *base = feeds ? L->y_base : L->x_base;
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        int units = feeds ? m->sats[t->sat].feeds : m->stas[t->sta].antennas;
        for (int i = 1; base[k] && i < units; i++) {
            int len = 0;
            r->ind[++len] = base[k] + i, r->val[len] = 1;
            for (int e = 0; e < k; e++)
                if (feeds ? m->tasks[e].sat == t->sat : m->tasks[e].sta == t->sta)
                    r->ind[++len] = base[e] + i - 1, r->val[len] = -1;
            add_row(r, len, GLP_UP, 0, 0);
        }
    }
}

/* The decoder's units relabelled in order of first use, as symmetry_rows
 * asks; a relabelling of identical units keeps the schedule feasible. */
static int relabel(const satellite *m, const sat_link *links, int nl, int *order, int feeds, int *label)
{
    int units = feeds ? m->nfeed : m->nantenna, owners = feeds ? m->nsat : m->nsta;
    int *next = calloc((size_t)owners + 1, sizeof *next);
    int *map = malloc(((size_t)units + 1) * sizeof *map);
    if (!next || !map) {
        free(next), free(map);
        return ES_ENOMEM;
    }
    for (int u = 0; u < units; u++)
        map[u] = -1;
    for (int i = 0; i < nl; i++) { /* order: links by task index */
        const sat_link *l = &links[order[i]];
        const sat_task *t = &m->tasks[l->task];
        int owner = feeds ? t->sat : t->sta;
        int u = feeds ? m->feed_base[owner] + l->feed : m->antenna_base[owner] + l->antenna;
        if (map[u] < 0)
            map[u] = next[owner]++;
        label[order[i]] = map[u];
    }
    free(next), free(map);
    return ES_OK;
}

/* Energy cuts: the links of tasks whose windows lie inside [T1, T2) fit on
 * `units` parallel units, so their durations sum to at most units (T2 - T1).
 * Valid for any schedule; they give the LP what the big-M rows hide from
 * it. member(k) says whether task k uses the resource group. */
typedef int (*member_fn)(const sat_task *t, int owner);
static int on_station(const sat_task *t, int g) { return t->sta == g; }
static int on_satellite(const sat_task *t, int s) { return t->sat == s; }

static void energy_rows(rows *r, const layout *L, const satellite *m, member_fn member, int owner, int units)
{
    for (int i = 0; i < m->ntask; i++) {
        const sat_task *a = &m->tasks[i];
        if (!member(a, owner))
            continue;
        for (int j = 0; j < m->ntask; j++) {
            const sat_task *b = &m->tasks[j];
            if (!member(b, owner) || b->end <= a->start)
                continue;
            long T1 = a->start, T2 = b->end, demand = 0;
            int len = 0;
            for (int k = 0; k < m->ntask; k++) {
                const sat_task *t = &m->tasks[k];
                if (member(t, owner) && t->start >= T1 && t->end <= T2) {
                    r->ind[++len] = d_col(L, k), r->val[len] = 1;
                    demand += t->dmax;
                }
            }
            if (len >= 2 && demand > units * (T2 - T1)) /* else redundant with the duration bounds */
                add_row(r, len, GLP_UP, 0, (double)units * (double)(T2 - T1));
        }
    }
}

/* "first before second on a resource both use (u columns, or z when the
 * resource is single)": b1 + d1 + gap - b2 <= M (3 - o' - u1 - u2), where o'
 * is o or 1 - o. M is the largest the left side can be inside the windows;
 * no row when it cannot be positive. */
static void order_row(rows *r, const layout *L, const satellite *m, int first, int second, int pair, int first_is_k,
                      int u1, int u2, int gap)
{
    const sat_task *a = &m->tasks[first], *b = &m->tasks[second];
    double M = (double)a->end + gap - b->start;
    if (M <= 0)
        return;
    int o = L->o_base + pair;
    r->ind[1] = b_col(L, first), r->val[1] = 1;
    r->ind[2] = d_col(L, first), r->val[2] = 1;
    r->ind[3] = b_col(L, second), r->val[3] = -1;
    r->ind[4] = u1, r->val[4] = M;
    r->ind[5] = u2, r->val[5] = M;
    r->ind[6] = o;
    /* o = 1 means k first: for (k, l) the row is active when o = 1 (+M o, 3M
     * on the right), for (l, k) when o = 0 (-M o, 2M on the right). */
    r->val[6] = first_is_k ? M : -M;
    add_row(r, 6, GLP_UP, 0, (first_is_k ? 3 * M : 2 * M) - gap);
}

static void pair_rows(rows *r, const layout *L, const satellite *m, int p)
{
    int k = L->pairs[p][0], l = L->pairs[p][1];
    const sat_task *a = &m->tasks[k], *b = &m->tasks[l];
    if (a->sta == b->sta) {
        int gap = a->sat != b->sat ? m->stas[a->sta].setup : 0;
        int A = m->stas[a->sta].antennas;
        for (int i = 0; i < A; i++) {
            int uk = A > 1 ? L->x_base[k] + i : z_col(k), ul = A > 1 ? L->x_base[l] + i : z_col(l);
            order_row(r, L, m, k, l, p, 1, uk, ul, gap);
            order_row(r, L, m, l, k, p, 0, ul, uk, gap);
        }
    }
    if (a->sat == b->sat) {
        int F = m->sats[a->sat].feeds;
        for (int i = 0; i < F; i++) {
            int uk = F > 1 ? L->y_base[k] + i : z_col(k), ul = F > 1 ? L->y_base[l] + i : z_col(l);
            order_row(r, L, m, k, l, p, 1, uk, ul, sat_feed_gap(m, a->sat, a->sta, b->sta));
            order_row(r, L, m, l, k, p, 0, ul, uk, sat_feed_gap(m, a->sat, b->sta, a->sta));
        }
    }
    if (a->sta == b->sta && a->sat == b->sat && m->stas[a->sta].antennas > 1 && m->sats[a->sat].feeds > 1) {
        /* one link at a time per pair; implied above when either resource is single */
        order_row(r, L, m, k, l, p, 1, z_col(k), z_col(l), 0);
        order_row(r, L, m, l, k, p, 0, z_col(l), z_col(k), 0);
    }
}

int sat_glpk_model(const es_instance *inst, void *lpv, double cutoff, es_error *err)
{
    (void)cutoff; /* a maximisation: the incumbent is offered as a solution instead */
    const satellite *m = sat_of(inst);
    glp_prob *lp = lpv;
    int st = modelled(m, err);
    layout L;
    if (st == ES_OK)
        st = build_layout(m, &L, err);
    if (st != ES_OK)
        return st;
    glp_set_prob_name(lp, "satellite-sequencing");
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, L.cols);
    int profit = m->objective == SAT_PROFIT;
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        glp_set_col_kind(lp, z_col(k), GLP_BV);
        glp_set_col_bnds(lp, b_col(&L, k), GLP_DB, t->start, t->end - t->dmin);
        glp_set_col_bnds(lp, d_col(&L, k), GLP_DB, 0, t->dmax);
        glp_set_obj_coef(lp, profit ? z_col(k) : d_col(&L, k), t->weight);
        for (int i = 0; L.x_base[k] && i < m->stas[t->sta].antennas; i++)
            glp_set_col_kind(lp, L.x_base[k] + i, GLP_BV);
        for (int i = 0; L.y_base[k] && i < m->sats[t->sat].feeds; i++)
            glp_set_col_kind(lp, L.y_base[k] + i, GLP_BV);
    }
    for (int p = 0; p < L.npairs; p++)
        glp_set_col_kind(lp, L.o_base + p, GLP_BV);
    size_t longest = (size_t)m->ntask + SAT_MAX_ANTENNAS + SAT_MAX_FEEDS + 8;
    rows r = {lp, malloc(longest * sizeof *r.ind), malloc(longest * sizeof *r.val), 0};
    if (!r.ind || !r.val) {
        free(r.ind), free(r.val), layout_free(&L);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    for (int k = 0; k < m->ntask; k++) {
        const sat_task *t = &m->tasks[k];
        /* dmin z <= d <= dmax z (d = dmax z for PROFIT); b + d <= end */
        r.ind[1] = d_col(&L, k), r.val[1] = 1;
        r.ind[2] = z_col(k), r.val[2] = -t->dmin;
        if (profit) {
            r.val[2] = -t->dmax;
            add_row(&r, 2, GLP_FX, 0, 0);
        } else {
            add_row(&r, 2, GLP_LO, 0, 0);
            r.val[2] = -t->dmax;
            add_row(&r, 2, GLP_UP, 0, 0);
        }
        r.ind[1] = b_col(&L, k), r.val[1] = 1;
        r.ind[2] = d_col(&L, k), r.val[2] = 1;
        add_row(&r, 2, GLP_UP, 0, t->end);
        /* one antenna and one feed when linked */
        int counts[2] = {L.x_base[k] ? m->stas[t->sta].antennas : 0, L.y_base[k] ? m->sats[t->sat].feeds : 0};
        int bases[2] = {L.x_base[k], L.y_base[k]};
        for (int which = 0; which < 2; which++) {
            if (!counts[which])
                continue;
            int len = 0;
            r.ind[++len] = z_col(k), r.val[len] = -1;
            for (int i = 0; i < counts[which]; i++)
                r.ind[++len] = bases[which] + i, r.val[len] = 1;
            add_row(&r, len, GLP_FX, 0, 0);
        }
    }
    for (int g = 0; m->max_links >= 0 && g < m->nsta; g++) {
        int len = 0;
        for (int k = 0; k < m->ntask; k++)
            if (m->tasks[k].sta == g)
                r.ind[++len] = z_col(k), r.val[len] = 1;
        add_row(&r, len, GLP_UP, 0, m->max_links);
    }
    symmetry_rows(&r, &L, m, 0);
    symmetry_rows(&r, &L, m, 1);
    for (int g = 0; g < m->nsta; g++)
        energy_rows(&r, &L, m, on_station, g, m->stas[g].antennas);
    for (int s = 0; s < m->nsat; s++)
        energy_rows(&r, &L, m, on_satellite, s, m->sats[s].feeds);
    for (int p = 0; p < L.npairs && r.count <= SAT_MIP_MAX_ROWS; p++)
        pair_rows(&r, &L, m, p);
    layout_free(&L);
    free(r.ind), free(r.val);
    if (r.count > SAT_MIP_MAX_ROWS)
        return es_fail(err, ES_ENOTSUP, "the sequencing model would need more than %ld rows", SAT_MIP_MAX_ROWS);
    return ES_OK;
}

static int by_task(const void *a, const void *b, void *links)
{
    const sat_link *l = links;
    return l[*(const int *)a].task - l[*(const int *)b].task;
}

int sat_glpk_solution(const es_instance *inst, const es_genome *g, void *scratch, double cutoff, double *x)
{
    (void)cutoff;
    const satellite *m = sat_of(inst);
    size_t n = (size_t)(m->ntask > 0 ? m->ntask : 1);
    sat_link *links = malloc(n * sizeof *links);
    int *order = malloc(n * sizeof *order), *antenna = malloc(n * sizeof *antenna), *feed = malloc(n * sizeof *feed);
    layout L;
    int st = links && order && antenna && feed ? build_layout(m, &L, NULL) : ES_ENOMEM;
    if (st != ES_OK) {
        free(links), free(order), free(antenna), free(feed);
        return st;
    }
    int nl;
    double value;
    sat_plan(m, g->perm, scratch, links, &nl, &value); /* on an error, the decoder's times */
    for (int i = 0; i < nl; i++)
        order[i] = i;
    qsort_r(order, (size_t)nl, sizeof *order, by_task, links);
    st = relabel(m, links, nl, order, 0, antenna);
    if (st == ES_OK)
        st = relabel(m, links, nl, order, 1, feed);
    for (int k = 0; st == ES_OK && k < m->ntask; k++) /* unlinked tasks sit at the start of their windows */
        x[b_col(&L, k)] = m->tasks[k].start;
    for (int i = 0; st == ES_OK && i < nl; i++) {
        const sat_link *l = &links[i];
        x[z_col(l->task)] = 1;
        x[b_col(&L, l->task)] = l->start;
        x[d_col(&L, l->task)] = l->end - l->start;
        if (L.x_base[l->task])
            x[L.x_base[l->task] + antenna[i]] = 1;
        if (L.y_base[l->task])
            x[L.y_base[l->task] + feed[i]] = 1;
    }
    for (int p = 0; st == ES_OK && p < L.npairs; p++) /* the earlier start goes first */
        x[L.o_base + p] = x[b_col(&L, L.pairs[p][0])] <= x[b_col(&L, L.pairs[p][1])];
    layout_free(&L);
    free(links), free(order), free(antenna), free(feed);
    return st;
}
