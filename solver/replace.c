/* Replacement: children that are near copies of a member at least as good
 * are marked (the niche), then the best distinct individuals of members and
 * children are kept. One step of a generation (engine_internal.h). */
#include <stdlib.h>
#include <string.h>
#include "engine_internal.h"

/* Children that are near copies of a member at least as good (docs/operators.md,
 * "Parents and near copies"). The features of every member and child are taken afresh each
 * generation: that costs far less than the decodes, and the population's
 * order changes at every replacement. The members' were already read into the
 * niche's rows this generation when breeding prevented incest. The
 * engine skips it past the time limit, and stops looking when the limit
 * comes in the middle. */
int es_engine_crowd(es_solver *s, int count)
{
    int N = s->P + count, first = 1, varies = 0, k0;
    if (s->mate_count > 0) { /* breeding read the members into these rows */
        k0 = s->mate_count;
        first = s->P;
    } else /* the first row fixes the count, and the problem promised the same for all */
        k0 = s->problem->features(s->inst, &s->all[0].g, es_niche_row(s->niche, 0));
    if (es_niche_set_count(s->niche, k0) != ES_OK)
        return ES_EINTERNAL;
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(| : varies)
    for (int i = first; i < N; i++)
        varies |= s->problem->features(s->inst, &s->all[i].g, es_niche_row(s->niche, i)) != k0;
    if (varies)
        return ES_EINTERNAL;
    for (int i = 0; i < s->P; i++)
        s->costs[i] = s->all[i].cost;
    es_niche_index(s->niche, s->P, s->costs);
    long long found = 0;
    int *twin = s->status; /* per child: the member it is a near copy of */
#pragma omp parallel for num_threads(s->threads) schedule(static) reduction(+ : found)
    for (int i = 0; i < count; i++) {
        individual *c = &s->all[s->P + i];
        twin[i] = -1;
        /* the run's clock is read per child, as the decoders' is: past the
         * time limit the replacement is skipped, and these looks with it */
        if (es_engine_must_stop(s))
            c->crowded = 1;
        else
            found += c->crowded = es_niche_crowded(s->niche, s->P + i, c->cost, &twin[i]);
    }
    s->res.crowded += found;
    /* With newer_first, a near copy of a member of its own cost takes that
     * member's place (the first such child, in index order, so that the
     * run does not depend on the threads): a move along the plateau rather
     * than a wasted child. Members come here unmarked: es_engine_replace
     * clears the marks of everyone it keeps. */
    for (int i = 0; i < count && s->cfg.newer_first; i++) {
        individual *c = &s->all[s->P + i], *m = twin[i] >= 0 ? &s->all[twin[i]] : NULL;
        if (c->crowded && m && !m->crowded && m->cost == c->cost) {
            m->crowded = 1;
            c->crowded = 0;
        }
    }
    return ES_OK;
}

/* Near copies last, then by cost; on equal costs the newer first when
 * newer is set, else by hash (identical genomes side by side), then age. */
static int rank(const individual *all, int ia, int ib, int newer)
{
    const individual *a = &all[ia], *b = &all[ib];
    if (a->crowded != b->crowded)
        return a->crowded ? 1 : -1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    if (newer && a->born != b->born)
        return a->born > b->born ? -1 : 1;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    if (a->born != b->born)
        return a->born > b->born ? -1 : 1;
    return ia - ib;
}

static int cmp_order(const void *pa, const void *pb, void *base)
{
    return rank(base, *(const int *)pa, *(const int *)pb, 0);
}

static int cmp_newer(const void *pa, const void *pb, void *base)
{
    return rank(base, *(const int *)pa, *(const int *)pb, 1);
}

/* Keeps the P best distinct individuals of survivors + children. Identical
 * genomes share cost and hash, so the sort puts them side by side; with
 * newer_first the distinct ones are then sorted again, newer first among
 * equal costs. */
void es_engine_replace(es_solver *s, int nchildren)
{
    int N = s->P + nchildren;
    if (N <= 0)
        return;
    for (int i = 0; i < N; i++)
        s->order[i] = i;
    qsort_r(s->order, (size_t)N, sizeof *s->order, cmp_order, s->all);
    int kept = 0, dup_end = N;
    int *dups = s->status; /* reuse: indices of duplicates, filled from the back */
    for (int r = 0; r < N; r++) {
        int i = s->order[r];
        int dup = 0;
        if (kept > 0) {
            const individual *prev = &s->all[s->order[kept - 1]];
            dup = prev->cost == s->all[i].cost && prev->hash == s->all[i].hash &&
                  es_genome_equal(&s->info, &prev->g, &s->all[i].g);
        }
        if (dup)
            dups[--dup_end] = i;
        else
            s->order[kept++] = i;
    }
    s->distinct = kept >= s->P;
    if (s->cfg.newer_first)
        qsort_r(s->order, (size_t)kept, sizeof *s->order, cmp_newer, s->all);
    /* Too few distinct ones: top up with duplicates, best first. */
    for (int r = N - 1; r >= dup_end && kept < s->P; r--)
        s->order[kept++] = dups[r];
    /* The rest, in any order, keep their genome buffers as future children. */
    int w = kept;
    char *mark = (char *)s->improve_evals; /* N bytes fit in N long longs */
    memset(mark, 0, (size_t)N);
    for (int r = 0; r < kept; r++)
        mark[s->order[r]] = 1;
    for (int i = 0; i < N; i++)
        if (!mark[i])
            s->order[w++] = i;
    for (int r = 0; r < N; r++)
        s->tmp[r] = s->all[s->order[r]];
    memcpy(s->all, s->tmp, (size_t)N * sizeof *s->all);
    /* a member, even a topped-up near copy, is a member */
    for (int r = 0; r < N; r++)
        s->all[r].crowded = 0;
}
