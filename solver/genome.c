/* Genome storage, the checks every operator's output must pass, and what
 * problems and operators share to build one: the deterministic sort by keys
 * and the walk that builds a precedence-feasible order. */
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>

int es_genome_alloc(const es_genome_info *info, es_genome *out)
{
    out->perm = NULL;
    out->keys = NULL;
    size_t n = info->length > 0 ? (size_t)info->length : 1;
    if (info->kind == ES_GENOME_PERMUTATION)
        out->perm = calloc(n, sizeof *out->perm);
    else
        out->keys = calloc(n, sizeof *out->keys);
    return (out->perm || out->keys) ? ES_OK : ES_ENOMEM;
}

void es_genome_free(es_genome *g)
{
    free(g->perm);
    free(g->keys);
    g->perm = NULL;
    g->keys = NULL;
}

void es_genome_copy(const es_genome_info *info, es_genome *dst, const es_genome *src)
{
    size_t n = (size_t)info->length;
    if (info->kind == ES_GENOME_PERMUTATION)
        memcpy(dst->perm, src->perm, n * sizeof *dst->perm);
    else
        memcpy(dst->keys, src->keys, n * sizeof *dst->keys);
}

int es_genome_equal(const es_genome_info *info, const es_genome *a, const es_genome *b)
{
    size_t n = (size_t)info->length;
    if (info->kind == ES_GENOME_PERMUTATION)
        return memcmp(a->perm, b->perm, n * sizeof *a->perm) == 0;
    return memcmp(a->keys, b->keys, n * sizeof *a->keys) == 0;
}

uint64_t es_genome_hash(const es_genome_info *info, const es_genome *g)
{
    /* FNV-1a over the bytes: only used to find duplicates quickly, equality
     * is always confirmed with es_genome_equal. */
    const unsigned char *p;
    size_t len;
    if (info->kind == ES_GENOME_PERMUTATION) {
        p = (const unsigned char *)g->perm;
        len = (size_t)info->length * sizeof *g->perm;
    } else {
        p = (const unsigned char *)g->keys;
        len = (size_t)info->length * sizeof *g->keys;
    }
    return es_hash_bytes(p, len, 1469598103934665603ULL);
}

uint64_t es_hash_bytes(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

int es_genome_validate(const es_genome_info *info, const es_genome *g)
{
    int n = info->length;
    if (info->kind == ES_GENOME_RANDOM_KEYS) {
        for (int i = 0; i < n; i++)
            if (!(g->keys[i] >= 0.0 && g->keys[i] < 1.0))
                return ES_EINFEASIBLE;
        return ES_OK;
    }
    int *pos = malloc((size_t)(n > 0 ? n : 1) * sizeof *pos);
    if (!pos)
        return ES_ENOMEM;
    for (int i = 0; i < n; i++)
        pos[i] = -1;
    int status = ES_OK;
    for (int i = 0; i < n && status == ES_OK; i++) {
        int v = g->perm[i];
        if (v < 0 || v >= n || pos[v] != -1)
            status = ES_EINFEASIBLE;
        else
            pos[v] = i;
    }
    if (status == ES_OK && info->succ_start) {
        for (int i = 0; i < n && status == ES_OK; i++)
            for (int k = info->succ_start[i]; k < info->succ_start[i + 1]; k++)
                if (pos[info->succ[k]] < pos[i])
                    status = ES_EINFEASIBLE;
    }
    free(pos);
    return status;
}

static int by_key(const void *a, const void *b, void *keys)
{
    const double *k = keys;
    int i = *(const int *)a, j = *(const int *)b;
    if (k[i] != k[j])
        return k[i] < k[j] ? -1 : 1;
    return (i > j) - (i < j);
}

void es_sort_by_keys(int *items, int count, const double *keys)
{
    if (count > 1)
        qsort_r(items, (size_t)count, sizeof *items, by_key, (void *)keys);
}

void es_genome_build_order(const es_genome_info *info, es_order_pick pick, void *user, int *out, int *work)
{
    int n = info->length, ne = 0;
    int *indeg = work, *eligible = work + n;
    memset(indeg, 0, (size_t)n * sizeof *indeg);
    if (info->succ_start)
        for (int i = 0; i < n; i++)
            for (int k = info->succ_start[i]; k < info->succ_start[i + 1]; k++)
                indeg[info->succ[k]]++;
    for (int i = 0; i < n; i++)
        if (indeg[i] == 0)
            eligible[ne++] = i;
    for (int pos = 0; pos < n && ne > 0; pos++) {
        int e = pick(user, eligible, ne, pos), v = eligible[e];
        eligible[e] = eligible[--ne];
        out[pos] = v;
        if (info->succ_start)
            for (int k = info->succ_start[v]; k < info->succ_start[v + 1]; k++)
                if (--indeg[info->succ[k]] == 0)
                    eligible[ne++] = info->succ[k];
    }
}
