/* Local search for total weighted tardiness: enhanced dynasearch.
 *
 * A block move acts on positions i..j and leaves every completion time
 * outside the block unchanged: swapping the jobs at i and j (Congram, Potts &
 * van de Velde 2002), moving the job at j to i (backward shift) or the job at
 * i to j (forward shift; Grosso, Della Croce & Tadei 2004). Moves on disjoint
 * blocks are independent and their gains add up, so a dynamic program over
 * positions finds the best set of them in one pass:
 *     F[j+1] = min(F[j], min_i F[i] + delta(i, j)).
 * Gains are evaluated incrementally from the current completion times:
 * backward shifts by j fixed and i falling, forward shifts by i fixed and j
 * rising (kept in a window matrix), swaps directly. Blocks are limited to a
 * window so that memory and time stay bounded on very long sequences. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "tardiness.h"

enum { MOVE_NONE = 0, MOVE_SWAP = 1, MOVE_BACK = 2, MOVE_FORWARD = 3 };

static int window(int n)
{
    int w = n - 1;
    int cap = 2000000 / (n > 0 ? n : 1);
    if (cap < 8)
        cap = 8;
    return w < cap ? w : cap;
}

size_t tard_scratch_size(const es_instance *inst)
{
    const tardiness *t = tard_of(inst);
    size_t n = (size_t)t->n, w = (size_t)window(t->n) + 1;
    return n * sizeof(int64_t)           /* C */
           + (n + 1) * sizeof(int64_t)   /* F */
           + n * w * sizeof(int64_t)     /* forward-shift gains */
           + (n + 1) * sizeof(int64_t)   /* prefix weights of tardy jobs */
           + 2 * (n + 1) * sizeof(int);  /* from, move */
}

double tard_pass_work(const tardiness *t)
{
    return (double)t->n * (double)(window(t->n) + 1);
}

int64_t tard_sequence_cost(const tardiness *t, const int *seq)
{
    int64_t time = 0, cost = 0;
    for (int k = 0; k < t->n; k++) {
        time += t->p[seq[k]];
        cost += tard_cost(t, seq[k], time);
    }
    return cost;
}

int64_t tard_dynasearch_pass(const tardiness *t, int *seq, void *scratch)
{
    int n = t->n, W = window(n);
    int64_t *C = scratch;
    int64_t *F = C + n;
    int64_t *fwd = F + n + 1; /* fwd[i*(W+1) + (j-i)] */
    int64_t *WT = fwd + (size_t)n * (size_t)(W + 1);
    int *from = (int *)(WT + n + 1);
    int *move = from + n + 1;

    int64_t time = 0;
    WT[0] = 0;
    for (int k = 0; k < n; k++) {
        time += t->p[seq[k]];
        C[k] = time;
        WT[k + 1] = WT[k] + (C[k] > t->d[seq[k]] ? t->w[seq[k]] : 0); /* weight of tardy jobs before k+1 */
    }
    /* Forward shifts: job at i goes to j, jobs i+1..j move earlier by p_i. */
    for (int i = 0; i < n; i++) {
        int a = seq[i];
        int64_t pa = t->p[a], acc = -tard_cost(t, a, C[i]);
        int last = i + W < n - 1 ? i + W : n - 1;
        for (int j = i + 1; j <= last; j++) {
            int b = seq[j];
            acc += tard_cost(t, b, C[j] - pa) - tard_cost(t, b, C[j]);
            fwd[(size_t)i * (size_t)(W + 1) + (size_t)(j - i)] = acc + tard_cost(t, a, C[j]);
        }
    }
    F[0] = 0;
    for (int j = 0; j < n; j++) {
        F[j + 1] = F[j];
        from[j + 1] = j;
        move[j + 1] = MOVE_NONE;
        int b = seq[j];
        int64_t pb = t->p[b];
        int64_t cb = tard_cost(t, b, C[j]);
        int64_t back = 0; /* sum over k in i..j-1 of the change when shifted by +pb */
        int first = j - W > 0 ? j - W : 0;
        for (int i = j - 1; i >= first; i--) {
            int a = seq[i];
            int64_t base = i > 0 ? C[i - 1] : 0;
            int64_t ca = tard_cost(t, a, C[i]);
            back += tard_cost(t, a, C[i] + pb) - ca;
            int64_t best = back + tard_cost(t, b, base + pb) - cb;
            int kind = MOVE_BACK;
            int64_t f = fwd[(size_t)i * (size_t)(W + 1) + (size_t)(j - i)];
            if (f < best) {
                best = f;
                kind = MOVE_FORWARD;
            }
            if (j > i + 1) { /* a swap of neighbours is both shifts */
                int64_t delta = t->p[b] - t->p[a];
                int64_t s = tard_cost(t, b, base + pb) - cb + tard_cost(t, a, C[j]) - ca;
                /* Cheap lower bound first: delayed middle jobs cannot gain,
                 * advanced ones gain at most |delta| times the weight of
                 * the tardy ones. Most swaps stop here. */
                int64_t lb = delta >= 0 ? s : s + delta * (WT[j] - WT[i + 1]);
                int64_t need = F[j + 1] - F[i]; /* what the cell must beat */
                if (best < need)
                    need = best;
                if (lb < need) {
                    for (int k = i + 1; k < j; k++)
                        s += tard_cost(t, seq[k], C[k] + delta) - tard_cost(t, seq[k], C[k]);
                    if (s < best) {
                        best = s;
                        kind = MOVE_SWAP;
                    }
                }
            }
            if (F[i] + best < F[j + 1]) {
                F[j + 1] = F[i] + best;
                from[j + 1] = i;
                move[j + 1] = kind;
            }
        }
    }
    int64_t gain = F[n];
    if (gain >= 0)
        return 0;
    for (int j = n; j > 0;) {
        int i = from[j], kind = move[j];
        int e = j - 1; /* block i..e */
        if (kind == MOVE_SWAP) {
            int x = seq[i];
            seq[i] = seq[e];
            seq[e] = x;
        } else if (kind == MOVE_BACK) {
            int x = seq[e];
            memmove(seq + i + 1, seq + i, (size_t)(e - i) * sizeof *seq);
            seq[i] = x;
        } else if (kind == MOVE_FORWARD) {
            int x = seq[i];
            memmove(seq + i, seq + i + 1, (size_t)(e - i) * sizeof *seq);
            seq[e] = x;
        }
        j = kind == MOVE_NONE ? j - 1 : i;
    }
    return gain;
}

int tard_improve(const es_instance *inst, es_genome *g, double *value, void *scratch, es_rng *rng,
                 long long *evaluations)
{
    (void)rng;
    const tardiness *t = tard_of(inst);
    long long allowance = *evaluations, spent = 0;
    int64_t cost;
    if (isnan(*value)) {
        cost = tard_sequence_cost(t, g->perm);
        spent++;
    } else
        cost = (int64_t)*value;
    /* A pass counts as one evaluation: it costs about as much as evaluating
     * every move from scratch would cost per move. On thousands of jobs a
     * descent takes hundreds of passes of tens of milliseconds each, so it
     * asks between passes whether the run is over. */
    while (spent < allowance && !es_stop_requested()) {
        int64_t gain = tard_dynasearch_pass(t, g->perm, scratch);
        spent++;
        if (gain >= 0)
            break;
        cost += gain;
    }
    *evaluations = spent;
    *value = (double)cost;
    return ES_OK;
}
