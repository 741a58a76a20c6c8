/* The timing LP of a plan (timing.c) solved as what it is: times under
 * difference constraints, x[to] - x[from] >= len, with a linear objective.
 * Its dual is an uncapacitated min-cost flow, and the network simplex on it
 * retimes XL-1's plan (2,131 links) in 3 ms and one of 30,117 links in
 * 63 ms, where GLPK's general simplex took 0.32 s and 95 s, its time
 * growing as the square of the plan (docs/satellite.md, "Retiming").
 *
 * The dual: node v supplies gain[v] units, arc a carries f[a] >= 0 at cost
 * -len[a]; the optimal tree's potentials pi give the times, x = pi[0] - pi,
 * with node 0 the origin of time, whose balance is free. The first tree
 * joins every node to node 0 by an artificial arc of prohibitive cost (the
 * textbook big-M start). Cunningham's rule for the leaving arc keeps every
 * tree strongly feasible, which rules out cycling on the many degenerate
 * pivots of a plan whose links mostly sit at their bounds. */
#include <limits.h>
#include <stdlib.h>
#include "satellite.h"

typedef struct tree {
    int narc;
    const int *from, *to;
    long long *cost, *flow;
    int *parent, *pred, *up, *depth;
    int *child, *next, *prev; /* each node's children, a doubly linked list */
    long long *pi;
    int *stack;
} tree;

static void unlink_child(tree *t, int v)
{
    int p = t->parent[v];
    if (t->prev[v] >= 0)
        t->next[t->prev[v]] = t->next[v];
    else
        t->child[p] = t->next[v];
    if (t->next[v] >= 0)
        t->prev[t->next[v]] = t->prev[v];
}

static void link_child(tree *t, int v, int p)
{
    t->parent[v] = p;
    t->prev[v] = -1;
    t->next[v] = t->child[p];
    if (t->child[p] >= 0)
        t->prev[t->child[p]] = v;
    t->child[p] = v;
}

static long long reduced(const tree *t, int a) { return t->cost[a] + t->pi[t->from[a]] - t->pi[t->to[a]]; }

/* The entering arc: the most negative reduced cost in the first block of
 * arcs, from *start on, that has one (block search pricing); -1 when no arc
 * has one, and the tree is optimal. */
static int entering(const tree *t, int *start, int block)
{
    int m = t->narc, a = *start, best = -1, left = block;
    long long least = 0;
    /* a countdown, not (seen + 1) % block: a division per arc took half
     * the time of sqrt-sized blocks */
    for (int seen = 0; seen < m; seen++, a = a + 1 == m ? 0 : a + 1) {
        long long r = reduced(t, a);
        if (r < least)
            least = r, best = a;
        if (--left == 0) {
            if (best >= 0)
                break;
            left = block;
        }
    }
    *start = a;
    return best;
}

/* Pushes flow around the cycle the arc `in` closes, and swaps it for the
 * arc that blocks first. ES_EINTERNAL when nothing blocks (a cycle of
 * negative cost: the times would be unbounded, which a feasible plan rules
 * out). */
static int pivot(tree *t, int in)
{
    int first = t->from[in], second = t->to[in];
    int u = first, v = second;
    while (u != v) {
        if (t->depth[u] >= t->depth[v])
            u = t->parent[u];
        else
            v = t->parent[v];
    }
    int join = u;
    /* the flow goes from first to second over `in`, then up from second to
     * join, then down from join to first; strict on the first side and not
     * on the second is Cunningham's last blocking arc */
    long long delta = LLONG_MAX;
    int out = -1, side = 0;
    for (int x = first; x != join; x = t->parent[x])
        if (t->up[x] && t->flow[t->pred[x]] < delta)
            delta = t->flow[t->pred[x]], out = x, side = 1;
    for (int x = second; x != join; x = t->parent[x])
        if (!t->up[x] && t->flow[t->pred[x]] <= delta)
            delta = t->flow[t->pred[x]], out = x, side = 2;
    if (out < 0)
        return ES_EINTERNAL;
    if (delta > 0) {
        for (int x = first; x != join; x = t->parent[x])
            t->flow[t->pred[x]] += t->up[x] ? -delta : delta;
        for (int x = second; x != join; x = t->parent[x])
            t->flow[t->pred[x]] += t->up[x] ? delta : -delta;
    }
    t->flow[in] = delta;

    /* the subtree below the leaving arc hangs again from the other end of
     * `in`: the path from its new root up to `out` turns round */
    int u_in = side == 1 ? first : second, v_in = side == 1 ? second : first;
    long long sigma = u_in == t->from[in] ? t->pi[t->to[in]] - t->cost[in] - t->pi[u_in]
                                          : t->cost[in] + t->pi[t->from[in]] - t->pi[u_in];
    int x = u_in, new_parent = v_in, new_pred = in, new_up = t->from[in] == u_in;
    for (;;) {
        int old_parent = t->parent[x], old_pred = t->pred[x], old_up = t->up[x];
        unlink_child(t, x);
        link_child(t, x, new_parent);
        t->pred[x] = new_pred;
        t->up[x] = new_up;
        if (x == out)
            break;
        new_parent = x, new_pred = old_pred, new_up = !old_up;
        x = old_parent;
    }
    /* the moved subtree's potentials shift alike, its depths follow */
    int top = 0;
    t->stack[top++] = u_in;
    while (top > 0) {
        int y = t->stack[--top];
        t->pi[y] += sigma;
        t->depth[y] = t->depth[t->parent[y]] + 1;
        for (int c = t->child[y]; c >= 0; c = t->next[c])
            t->stack[top++] = c;
    }
    return ES_OK;
}

int sat_max_potentials(int n, const long long *gain, int narc, const sat_difference *arcs, long long *x)
{
    /* node 0, the origin, is the root: its balance is free, as its time is fixed */
    int m = narc + n;
    tree t = {.narc = narc};
    int *from = malloc((size_t)m * sizeof *from), *to = malloc((size_t)m * sizeof *to);
    t.cost = malloc((size_t)m * sizeof *t.cost);
    t.flow = calloc((size_t)m, sizeof *t.flow);
    int *ints = malloc((size_t)n * 8 * sizeof *ints);
    t.pi = malloc((size_t)n * sizeof *t.pi);
    int st = ES_ENOMEM;
    if (!from || !to || !t.cost || !t.flow || !ints || !t.pi)
        goto done;
    t.from = from, t.to = to;
    t.parent = ints, t.pred = ints + n, t.up = ints + 2 * n, t.depth = ints + 3 * n;
    t.child = ints + 4 * n, t.next = ints + 5 * n, t.prev = ints + 6 * n;
    t.stack = ints + 7 * n;

    /* the artificial arcs cost more than any path of real arcs, so that an
     * optimum uses none of them when the plan has a timing at all */
    long long big = 1;
    for (int a = 0; a < narc; a++) {
        from[a] = arcs[a].from, to[a] = arcs[a].to;
        t.cost[a] = -arcs[a].len;
        big += llabs(arcs[a].len);
    }
    for (int v = 0; v < n; v++)
        t.child[v] = -1;
    t.parent[0] = -1, t.pred[0] = -1, t.depth[0] = 0, t.pi[0] = 0;
    for (int v = 1; v < n; v++) {
        int a = narc + v;
        /* zero flow points away from the root: a strongly feasible start */
        int out = gain[v] > 0;
        from[a] = out ? v : 0, to[a] = out ? 0 : v;
        t.cost[a] = big;
        t.flow[a] = out ? gain[v] : -gain[v];
        link_child(&t, v, 0);
        t.pred[v] = a, t.up[v] = out, t.depth[v] = 1;
        t.pi[v] = out ? -big : big;
    }

    /* Blocks of two arcs, not the textbook sqrt(arcs) (450 on sat50000):
     * after the big-M start nearly every arc prices out, so a longer look
     * buys no better pivots (127,201 pivots against 131,854 there, 8,137
     * against 8,919 on XL-1) and costs its reads each time: 65 ms against
     * 410 ms on sat50000 (docs/satellite.md, "Retiming"). */
    int block = 2, start = 0;
    long long limit = 50LL * m + 1000; /* far beyond any plan measured: a guard against a bug, not a budget */
    st = ES_OK;
    for (long long pivots = 0; st == ES_OK; pivots++) {
        int in = narc > 0 ? entering(&t, &start, block) : -1;
        if (in < 0)
            break;
        st = pivots < limit ? pivot(&t, in) : ES_EINTERNAL;
    }
    for (int v = 1; st == ES_OK && v < n; v++)
        if (t.flow[narc + v] != 0) /* no flow meets the supplies: no timing */
            st = ES_EINTERNAL;
    for (int v = 0; st == ES_OK && v < n; v++)
        x[v] = t.pi[0] - t.pi[v];
done:
    free(from), free(to), free(t.cost), free(t.flow), free(ints), free(t.pi);
    return st;
}
