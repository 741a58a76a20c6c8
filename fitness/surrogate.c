/* FFEM archive and estimates; see surrogate.h. */
#include <stdlib.h>
#include <string.h>
#include <evosched/status.h>
#include "surrogate.h"

struct es_surrogate {
    es_genome_info info;
    es_surrogate_config cfg;
    es_genome *members;
    double *cost;
    int size, next;
    int threads;
    int *work;     /* 3n ints per thread for the order measure */
    double *sims;  /* archive-size similarities per thread */
};

int es_surrogate_create(const es_genome_info *info, const es_surrogate_config *cfg, int threads, es_surrogate **out)
{
    es_surrogate *s = calloc(1, sizeof *s);
    if (!s)
        return ES_ENOMEM;
    s->info = *info;
    s->cfg = *cfg;
    if (s->cfg.archive < 1)
        s->cfg.archive = 1;
    if (s->cfg.neighbours < 1)
        s->cfg.neighbours = 1;
    s->threads = threads < 1 ? 1 : threads;
    s->members = calloc((size_t)s->cfg.archive, sizeof *s->members);
    s->cost = calloc((size_t)s->cfg.archive, sizeof *s->cost);
    s->work = malloc((size_t)s->threads * 3 * (size_t)(info->length + 1) * sizeof *s->work);
    s->sims = malloc((size_t)s->threads * (size_t)s->cfg.archive * sizeof *s->sims);
    int st = s->members && s->cost && s->work && s->sims ? ES_OK : ES_ENOMEM;
    for (int i = 0; st == ES_OK && i < s->cfg.archive; i++)
        st = es_genome_alloc(info, &s->members[i]);
    if (st != ES_OK) {
        es_surrogate_destroy(s);
        return st;
    }
    *out = s;
    return ES_OK;
}

void es_surrogate_destroy(es_surrogate *s)
{
    if (!s)
        return;
    if (s->members)
        for (int i = 0; i < s->cfg.archive; i++)
            es_genome_free(&s->members[i]);
    free(s->members);
    free(s->cost);
    free(s->work);
    free(s->sims);
    free(s);
}

double es_surrogate_threshold(const es_surrogate *s, double progress)
{
    if (progress < 0)
        progress = 0;
    if (progress > 1)
        progress = 1;
    return s->cfg.threshold_start + (s->cfg.threshold_end - s->cfg.threshold_start) * progress;
}

/* Positional agreement on an even sample of positions: an unbiased estimate
 * (standard deviation about 0.03 near 0.9) at a fraction of the cost on long
 * genomes, which is what decides whether the surrogate pays at all. */
#define SAMPLE_POSITIONS 128
static double sampled_positional(const es_surrogate *s, const es_genome *a, const es_genome *b)
{
    int n = s->info.length, same = 0;
    for (int k = 0; k < SAMPLE_POSITIONS; k++) {
        int i = (int)((long long)k * n / SAMPLE_POSITIONS);
        same += a->perm[i] == b->perm[i];
    }
    return (double)same / SAMPLE_POSITIONS;
}

void es_surrogate_estimate(es_surrogate *s, int t, const es_genome *g, double *similarity, double *cost)
{
    *similarity = 0;
    *cost = 0;
    if (s->size == 0)
        return;
    double *sim = s->sims + (size_t)t * (size_t)s->cfg.archive;
    int *work = s->work + (size_t)t * 3 * (size_t)(s->info.length + 1);
    for (int i = 0; i < s->size; i++)
        sim[i] = s->cfg.similarity == ES_SIM_FEATURE ? s->cfg.feature.fn(s->cfg.feature.inst, g, &s->members[i], work)
                 : s->cfg.similarity == ES_SIM_POSITIONAL && s->info.kind == ES_GENOME_PERMUTATION &&
                         s->info.length > SAMPLE_POSITIONS
                     ? sampled_positional(s, g, &s->members[i])
                     : es_similarity(s->cfg.similarity, &s->info, g, &s->members[i], work);
    /* The k most similar members, by repeated selection (k is small). */
    int k = s->cfg.neighbours < s->size ? s->cfg.neighbours : s->size;
    double wsum = 0, vsum = 0;
    for (int r = 0; r < k; r++) {
        int best = -1;
        for (int i = 0; i < s->size; i++)
            if (sim[i] >= 0 && (best < 0 || sim[i] > sim[best]))
                best = i;
        if (r == 0)
            *similarity = sim[best];
        double w = sim[best] > 1e-12 ? sim[best] : 1e-12;
        wsum += w;
        vsum += w * s->cost[best];
        sim[best] = -1; /* taken */
    }
    *cost = vsum / wsum;
}

void es_surrogate_add(es_surrogate *s, const es_genome *g, double cost)
{
    es_genome_copy(&s->info, &s->members[s->next], g);
    s->cost[s->next] = cost;
    s->next = (s->next + 1) % s->cfg.archive;
    if (s->size < s->cfg.archive)
        s->size++;
}

int es_surrogate_size(const es_surrogate *s) { return s->size; }
