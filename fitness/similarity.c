/* Genome similarity measures; see similarity.h. */
#include <math.h>
#include "similarity.h"

double es_similarity_positional(const es_genome_info *info, const es_genome *a, const es_genome *b)
{
    int n = info->length;
    if (n <= 0)
        return 1.0;
    if (info->kind == ES_GENOME_RANDOM_KEYS) {
        double d = 0;
        for (int i = 0; i < n; i++)
            d += fabs(a->keys[i] - b->keys[i]);
        return 1.0 - d / n;
    }
    int same = 0;
    for (int i = 0; i < n; i++)
        same += a->perm[i] == b->perm[i];
    return (double)same / n;
}

/* Inversions of v[lo, hi) by merge sort, using tmp. */
static long long inversions(int *v, int *tmp, int lo, int hi)
{
    if (hi - lo < 2)
        return 0;
    int mid = (lo + hi) / 2;
    long long inv = inversions(v, tmp, lo, mid) + inversions(v, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (v[i] <= v[j])
            tmp[k++] = v[i++];
        else {
            inv += mid - i;
            tmp[k++] = v[j++];
        }
    }
    while (i < mid)
        tmp[k++] = v[i++];
    while (j < hi)
        tmp[k++] = v[j++];
    for (k = lo; k < hi; k++)
        v[k] = tmp[k];
    return inv;
}

double es_similarity_order(const es_genome_info *info, const es_genome *a, const es_genome *b, int *work)
{
    int n = info->length;
    if (info->kind == ES_GENOME_RANDOM_KEYS || n < 2)
        return es_similarity_positional(info, a, b);
    int *pos_b = work, *seq = work + n, *tmp = work + 2 * n;
    for (int i = 0; i < n; i++)
        pos_b[b->perm[i]] = i;
    for (int i = 0; i < n; i++)
        seq[i] = pos_b[a->perm[i]];
    long long inv = inversions(seq, tmp, 0, n);
    return 1.0 - (double)inv / ((double)n * (n - 1) / 2.0);
}

double es_similarity(es_similarity_kind kind, const es_genome_info *info, const es_genome *a, const es_genome *b,
                     int *work)
{
    return kind == ES_SIM_ORDER ? es_similarity_order(info, a, b, work) : es_similarity_positional(info, a, b);
}
