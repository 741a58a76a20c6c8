/* Seeded instance generator whose passes look like orbits (docs/satellite.md):
 * low orbits see a station a few times a day in clusters of consecutive
 * revolutions for 5-15 minutes, medium orbits for hours, geostationary ones
 * most of the day. Only some (satellite, station) pairs see each other, and
 * antennas are sized so that window time is 1.5-4 times antenna time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "satellite.h"

typedef struct gen_window {
    int sat, sta, start, end;
} gen_window;

static const struct {
    const char *name;
    int sats, stations, tasks;
} classes[] = {{"XS", 3, 3, 30}, {"S", 5, 4, 80}, {"M", 10, 8, 300}, {"L", 20, 12, 1000}, {"XL", 40, 20, 3000}};

static int uniform(es_rng *r, int lo, int hi) { return lo + (int)es_rng_below(r, (uint32_t)(hi - lo + 1)); }

static int by_start(const void *a, const void *b)
{
    const gen_window *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->sat != y->sat ? x->sat - y->sat : x->sta - y->sta;
}

static int push(gen_window **w, int *n, int *cap, gen_window v)
{
    if (*n == *cap) {
        gen_window *nw = realloc(*w, (size_t)(*cap * 2 + 16) * sizeof *nw);
        if (!nw)
            return ES_ENOMEM;
        *w = nw;
        *cap = *cap * 2 + 16;
    }
    (*w)[(*n)++] = v;
    return ES_OK;
}

/* `clusters` clusters of 2-4 consecutive revolutions, half a day apart, the
 * first at `phase`: the passes of a low orbit over one station. */
static int leo_passes(es_rng *rng, int s, int g, int period, int phase, int clusters, gen_window **w, int *nw, int *cap)
{
    const int H = 86400;
    int st = ES_OK;
    for (int c = 0; st == ES_OK && c < clusters; c++) {
        int first = (phase + c * (H / 2)) % H, revs = uniform(rng, 2, 4);
        for (int r = 0; st == ES_OK && r < revs; r++) {
            int b = first + r * period + uniform(rng, -120, 120);
            int len = uniform(rng, 300, 900);
            if (b >= 0 && b + len <= H)
                st = push(w, nw, cap, (gen_window){s, g, b, b + len});
        }
    }
    return st;
}

static const char gen_usage[] = "usage: evosched generate satellite --class XS|S|M|L|XL [--seed N] [--satellites N "
                                "--stations N --tasks N] [--objective LINKTIME|PROFIT] [--max-switches N] "
                                "[--max-links N]";

int sat_generate(int argc, char **argv, FILE *out, es_error *err)
{
    int nsat = 0, nsta = 0, ntask = 0, profit = 0, max_sw = -1, max_links = -1;
    uint64_t seed = 1;
    const char *cls = NULL;
    const struct {
        const char *name;
        int *value;
        double lo, hi;
    } counts[] = {{"--satellites", &nsat, 1, 1000},
                  {"--stations", &nsta, 1, 1000},
                  {"--tasks", &ntask, 1, 100000},
                  {"--max-switches", &max_sw, 0, 1e9},
                  {"--max-links", &max_links, 0, 1e9}};
    for (int i = 1; i < argc; i += 2) { /* every option takes a value */
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        size_t c = 0;
        while (c < sizeof counts / sizeof *counts && strcmp(a, counts[c].name))
            c++;
        int st = ES_OK;
        if (!strcmp(a, "--class") && v)
            cls = v;
        else if (!strcmp(a, "--objective") && v && (!strcmp(v, "PROFIT") || !strcmp(v, "LINKTIME")))
            profit = !strcmp(v, "PROFIT");
        else if (!strcmp(a, "--seed"))
            st = es_option_seed("satellite", a, v, &seed, err);
        else if (c < sizeof counts / sizeof *counts) {
            double x = 0;
            st = es_option_number("satellite", a, v, counts[c].lo, counts[c].hi, 1, &x, err);
            *counts[c].value = (int)x;
        } else
            return es_fail(err, ES_EINVAL, "generate satellite: bad option or value '%s%s%s'\n%s", a, v ? " " : "",
                           v ? v : "", gen_usage);
        if (st != ES_OK)
            return st;
    }
    if (cls) {
        int found = 0;
        for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++)
            if (!strcmp(cls, classes[c].name)) {
                nsat = nsat ? nsat : classes[c].sats;
                nsta = nsta ? nsta : classes[c].stations;
                ntask = ntask ? ntask : classes[c].tasks;
                found = 1;
            }
        if (!found)
            return es_fail(err, ES_EINVAL, "generate satellite: unknown class '%s' (XS, S, M, L, XL)", cls);
    }
    if (!nsat || !nsta || !ntask)
        return es_fail(err, ES_EINVAL, "generate satellite: give --class or all of --satellites, --stations, --tasks\n%s",
                       gen_usage);
    const int H = 86400;
    es_rng rng;
    es_rng_seed(&rng, seed, 0x5a7e111e5ULL);
    sat_satellite *sats = calloc((size_t)nsat, sizeof *sats);
    int *orbit = calloc((size_t)nsat, sizeof *orbit), *period = calloc((size_t)nsat, sizeof *period);
    long *window_time = calloc((size_t)nsta, sizeof *window_time);
    gen_window *w = NULL;
    int nw = 0, cap = 0, st = ES_OK;
    if (!sats || !orbit || !period || !window_time)
        st = ES_ENOMEM;
    for (int s = 0; st == ES_OK && s < nsat; s++) {
        int u = uniform(&rng, 0, 9);
        orbit[s] = u < 7 ? 0 : u < 9 ? 1 : 2; /* LEO, MEO, GEO */
        period[s] = orbit[s] == 0 ? uniform(&rng, 5400, 7200) : uniform(&rng, 18000, 43200);
        int sw = uniform(&rng, 30, 90);
        sats[s] = (sat_satellite){uniform(&rng, 1, 3), uniform(&rng, 0, 1) ? SAT_SW : SAT_FIX, uniform(&rng, 0, 30), sw,
                                  sw + uniform(&rng, 60, 300)};
    }
    /* Passes, pair by pair, with more pairs made visible until there are
     * enough windows to choose from. */
    double visible = 0.5;
    char *seen = calloc((size_t)nsat * (size_t)nsta, 1);
    if (!seen)
        st = ES_ENOMEM;
    for (int round = 0; st == ES_OK && nw < ntask && round < 64; round++, visible = fmin(1.0, visible + 0.15))
        for (int s = 0; st == ES_OK && s < nsat; s++)
            for (int g = 0; st == ES_OK && g < nsta; g++) {
                if (seen[s * nsta + g] || es_rng_uniform(&rng) >= visible)
                    continue;
                seen[s * nsta + g] = 1;
                if (orbit[s] == 2) { /* GEO: most of the day, in one or two windows */
                    int b = uniform(&rng, 0, H / 4), e = H - uniform(&rng, 0, H / 4);
                    st = push(&w, &nw, &cap, (gen_window){s, g, b, e});
                } else if (orbit[s] == 1) { /* MEO: hours-long passes */
                    for (int t = uniform(&rng, 0, period[s]); st == ES_OK && t < H; t += period[s]) {
                        int len = uniform(&rng, 3600, 4 * 3600);
                        st = push(&w, &nw, &cap, (gen_window){s, g, t, t + len < H ? t + len : H});
                    }
                } else /* LEO: clusters of consecutive revolutions, twice a day */
                    st = leo_passes(&rng, s, g, period[s], uniform(&rng, 0, H / 2), 2, &w, &nw, &cap);
            }
    /* Every pair visible and still too few windows: more revolution clusters
     * on random pairs (as the station's latitude would give). */
    for (int extra = 0; st == ES_OK && nw < ntask && extra < 100 * ntask; extra++) {
        int s = (int)es_rng_below(&rng, (uint32_t)nsat), g = (int)es_rng_below(&rng, (uint32_t)nsta);
        if (orbit[s] == 0)
            st = leo_passes(&rng, s, g, period[s], uniform(&rng, 0, H - 1), 1, &w, &nw, &cap);
        else { /* a higher orbit: one more long pass */
            int b = uniform(&rng, 0, H - 3600), len = uniform(&rng, 3600, 4 * 3600);
            st = push(&w, &nw, &cap, (gen_window){s, g, b, b + len < H ? b + len : H});
        }
    }
    if (st == ES_OK && nw < ntask)
        st = es_fail(err, ES_EINVAL, "generate satellite: only %d passes exist for %d satellites and %d stations; ask "
                                    "for fewer tasks", nw, nsat, nsta), nw = -1;
    if (st == ES_OK) {
        /* Keep ntask windows chosen uniformly (partial Fisher-Yates). */
        for (int i = 0; i < ntask; i++) {
            int j = i + (int)es_rng_below(&rng, (uint32_t)(nw - i));
            gen_window t = w[i];
            w[i] = w[j];
            w[j] = t;
        }
        qsort(w, (size_t)ntask, sizeof *w, by_start);
        for (int k = 0; k < ntask; k++)
            window_time[w[k].sta] += w[k].end - w[k].start;
        fprintf(out, "CSG 1\n# evosched generate satellite%s%s --seed %llu: %d satellites, %d stations, %d tasks\n",
                cls ? " --class " : "", cls ? cls : "", (unsigned long long)seed, nsat, nsta, ntask);
        fprintf(out, "NAME %s-%llu\nHORIZON %d\nOBJECTIVE %s\n", cls ? cls : "custom", (unsigned long long)seed, H,
                profit ? "PROFIT" : "LINKTIME");
        if (max_sw >= 0)
            fprintf(out, "MAX_SWITCHES %d\n", max_sw);
        if (max_links >= 0)
            fprintf(out, "MAX_LINKS %d\n", max_links);
        fprintf(out, "SATELLITES %d\n# S id feeds mode tau_same tau_switch tau_repoint\n", nsat);
        for (int s = 0; s < nsat; s++)
            fprintf(out, "S %d %d %s %d %d %d\n", s, sats[s].feeds, sats[s].mode == SAT_SW ? "SW" : "FIX",
                    sats[s].tau_same, sats[s].tau_switch, sats[s].tau_repoint);
        /* Antennas: window time over antenna time in about [1.5, 4]. */
        fprintf(out, "STATIONS %d\n# G id antennas setup\n", nsta);
        for (int g = 0; g < nsta; g++) {
            double ratio = 1.5 + 2.5 * es_rng_uniform(&rng);
            int ant = (int)lround((double)window_time[g] / (ratio * H));
            fprintf(out, "G %d %d %d\n", g, ant < 1 ? 1 : ant > 8 ? 8 : ant, uniform(&rng, 60, 180));
        }
        fprintf(out, "TASKS %d\n# T id sat sta start end dmin dmax weight\n", ntask);
        for (int k = 0; k < ntask; k++) {
            int len = w[k].end - w[k].start;
            int dmax = (int)(len * (0.5 + 0.5 * es_rng_uniform(&rng)));
            int dmin = orbit[w[k].sat] == 0 ? uniform(&rng, 60, 180) : uniform(&rng, 300, 900);
            if (dmax < 1)
                dmax = 1;
            if (dmin > dmax)
                dmin = dmax;
            fprintf(out, "T %d %d %d %d %d %d %d %d\n", k, w[k].sat, w[k].sta, w[k].start, w[k].end, dmin, dmax,
                    uniform(&rng, 1, 5));
        }
        fprintf(out, "END\n");
        if (ferror(out))
            st = es_fail(err, ES_EIO, "generate satellite: write error");
    } else if (st == ES_ENOMEM)
        st = es_fail(err, ES_ENOMEM, "out of memory");
    free(sats), free(orbit), free(period), free(window_time), free(w), free(seen);
    return st;
}
