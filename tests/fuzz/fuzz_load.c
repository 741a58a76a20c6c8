/* libFuzzer harness: arbitrary bytes into every registered problem's loader
 * (under several file names, since names select formats) and into its
 * solution checker. Any crash, hang, leak or undefined behaviour is a bug,
 * and so is a problem's bound that a solution of it beats; a clean error
 * return is the expected outcome for garbage. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>

static void try_load(const es_problem *p, const char *path, const char *selector, const char *data, size_t size)
{
    es_source src = {path, data, size, selector};
    es_instance *inst = NULL;
    es_error err = {0, ""};
    if (p->load(&src, &inst, &err) != ES_OK) {
        if (inst || err.message[0] == 0)
            abort(); /* a failure must leave no instance and say why */
        return;
    }
    /* A loaded instance must be usable: evaluate the identity order. */
    es_genome_info info;
    p->genome_info(inst, &info);
    if (info.length > 0 && info.length <= 2000 && info.kind == ES_GENOME_PERMUTATION && !info.succ_start) {
        es_genome g;
        if (es_genome_alloc(&info, &g) == ES_OK) {
            for (int i = 0; i < info.length; i++)
                g.perm[i] = i;
            void *scratch = malloc(p->scratch_size(inst) + 1);
            double v;
            es_bound b;
            memset(&b, 0, sizeof b);
            /* the problem's own bound holds for this solution too (small
             * instances only: the exact ones take 2^n steps, and the fuzzer's
             * speed is its reach) */
            if (scratch && p->evaluate(inst, &g, scratch, &v) == ES_OK && info.length <= 12 && p->lower_bound &&
                p->lower_bound(inst, &b) == ES_OK &&
                (p->sense == ES_MINIMIZE ? b.value > v + 1e-6 * (1 + fabs(v)) : b.value < v - 1e-6 * (1 + fabs(v))))
                abort();
            free(scratch);
            es_genome_free(&g);
        }
    }
    p->destroy(inst);
}

/* A small valid instance for each built-in problem; the checker is fuzzed
 * against whichever of them the problem loads. */
static const struct {
    const char *path, *text;
} instances[] = {
    {"fuzz.txt", "3\n3 4 1\n1 5 3\n2 1 2\n"},
    {"tiny.rcp", "4 1\n2\n0 0 2 2 3\n2 2 1 4\n2 2 1 4\n0 0 0\n"},
    {"tiny.csg", "CSG 1\nHORIZON 100\nOBJECTIVE LINKTIME\nSATELLITES 1\nS 0 1 SW 0 5 9\nSTATIONS 1\nG 0 1 3\n"
                 "TASKS 2\nT 0 0 0 0 50 5 20 1\nT 1 0 0 10 90 5 30 2\nEND\n"},
};

static void try_check(const es_problem *p, const char *data, size_t size)
{
    es_instance *inst = NULL;
    if (!p->check)
        return;
    for (size_t i = 0; i < sizeof instances / sizeof instances[0] && !inst; i++) {
        es_source src = {instances[i].path, instances[i].text, strlen(instances[i].text), NULL};
        if (p->load(&src, &inst, NULL) != ES_OK)
            inst = NULL;
    }
    if (!inst)
        return;
    es_source sol = {"solution.txt", data, size, NULL};
    double v;
    es_error err = {0, ""};
    int checked = p->check(inst, &sol, &v, &err);
    /* --start: what check accepts reads into a valid genome that evaluates
     * (polished, when the problem polishes) no worse; what it refuses is
     * refused */
    es_genome_info info;
    es_genome g;
    p->genome_info(inst, &info);
    if (p->read_solution && es_genome_alloc(&info, &g) == ES_OK) {
        int st = p->read_solution(inst, &sol, &g, &err);
        /* a checked solution may be refused only as one the genome cannot
         * represent (ES_EINVAL: satellite's greedy decoder) */
        if ((st == ES_OK && checked != ES_OK) || (st != ES_OK && checked == ES_OK && st != ES_EINVAL) ||
            (st == ES_OK && es_genome_validate(&info, &g) != ES_OK))
            abort();
        void *scratch = st == ES_OK ? calloc(1, p->scratch_size(inst) + 1) : NULL;
        double start;
        int valued = scratch ? p->polish ? p->polish(inst, &g, scratch, &start, &err)
                                         : p->evaluate(inst, &g, scratch, &start)
                             : ES_ENOMEM;
        if (valued == ES_OK && (p->sense == ES_MINIMIZE ? start > v : start < v))
            abort();
        free(scratch);
        es_genome_free(&g);
    }
    p->destroy(inst);
}

int LLVMFuzzerTestOneInput(const unsigned char *bytes, size_t size)
{
    /* Loaders get NUL-terminated text, as es_source_read provides. */
    char *data = malloc(size + 1);
    if (!data)
        return 0;
    memcpy(data, bytes, size);
    data[size] = 0;
    for (int i = 0; i < es_builtin_problem_count; i++) {
        const es_problem *p = es_builtin_problems[i];
        if (p->detect) {
            es_source src = {"fuzz.txt", data, size, NULL};
            p->detect(&src);
        }
        try_load(p, "fuzz.txt", NULL, data, size);
        try_load(p, "wt2.txt", "1", data, size);
        try_load(p, "wt1.txt", NULL, data, size);
        try_load(p, "fuzz.rcp", NULL, data, size);
        try_load(p, "fuzz.sm", NULL, data, size);
        try_check(p, data, size);
    }
    free(data);
    return 0;
}
