/* The registry: built-in problems and operators plus those of loaded
 * plug-ins, looked up by name or, for problems, by file detection. */
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <evosched/evosched.h>

#define ES_MAX_ENTRIES 256
#define ES_MAX_PLUGINS 16

struct es_registry {
    const es_problem *problems[ES_MAX_ENTRIES];
    int nproblems;
    const es_operator *operators[ES_MAX_ENTRIES];
    int noperators;
    void *handles[ES_MAX_PLUGINS];
    int nhandles;
    es_problem *upgraded[ES_MAX_ENTRIES]; /* full-size copies of older plug-in tables */
    int nupgraded;
};

/* Where each version's problem table ends: a plug-in built against an older
 * header has a shorter table, so the hooks added since are read as NULL from
 * a full-size copy instead of past its end. */
static size_t problem_table_size(int version)
{
    return version >= 14  ? sizeof(es_problem)
           : version >= 9 ? offsetof(es_problem, polish)
           : version == 8 ? offsetof(es_problem, read_solution)
           : version == 7 ? offsetof(es_problem, features)
           : version == 6 ? offsetof(es_problem, best_known)
           : version == 5 ? offsetof(es_problem, tune_time)
           : version == 4 ? offsetof(es_problem, evaluate_cutoff)
           : version == 3 ? offsetof(es_problem, tune)
           : version == 2 ? offsetof(es_problem, crossover_name)
                          : offsetof(es_problem, literature_bound);
}

const char *es_operator_kind_name(es_operator_kind k)
{
    switch (k) {
    case ES_OP_SELECTION: return "selection";
    case ES_OP_CROSSOVER: return "crossover";
    case ES_OP_MUTATION: return "mutation";
    case ES_OP_IMPROVEMENT: return "improvement";
    case ES_OP_CONSTRUCTION: return "construction";
    }
    return "unknown";
}

int es_registry_create(es_registry **out)
{
    es_registry *reg = calloc(1, sizeof *reg);
    if (!reg)
        return ES_ENOMEM;
    for (int i = 0; i < es_builtin_problem_count; i++)
        reg->problems[reg->nproblems++] = es_builtin_problems[i];
    for (int i = 0; i < es_builtin_operator_count; i++)
        reg->operators[reg->noperators++] = es_builtin_operators[i];
    *out = reg;
    return ES_OK;
}

void es_registry_destroy(es_registry *reg)
{
    if (!reg)
        return;
    for (int i = 0; i < reg->nupgraded; i++)
        free(reg->upgraded[i]);
    for (int i = 0; i < reg->nhandles; i++)
        dlclose(reg->handles[i]);
    free(reg);
}

static int problem_ok(const es_problem *p, const char *path, es_error *err)
{
    if (!p || p->api_version < 1 || p->api_version > ES_PROBLEM_API_VERSION)
        return es_fail(err, ES_EPLUGIN, "%s: problem API version %d not supported (this evosched supports 1..%d)",
                       path, p ? p->api_version : -1, ES_PROBLEM_API_VERSION);
    if (!p->name || !p->load || !p->destroy || !p->genome_info || !p->scratch_size || !p->evaluate)
        return es_fail(err, ES_EPLUGIN, "%s: problem '%s' lacks a required hook (name, load, destroy, genome_info, scratch_size, evaluate)",
                       path, p->name ? p->name : "?");
    if (p->sense != ES_MINIMIZE && p->sense != ES_MAXIMIZE)
        return es_fail(err, ES_EPLUGIN, "%s: problem '%s' has no objective sense", path, p->name);
    return ES_OK;
}

static int operator_ok(const es_operator *op, const char *path, es_error *err)
{
    if (!op || op->api_version < 1 || op->api_version > ES_OPERATOR_API_VERSION || !op->name)
        return es_fail(err, ES_EPLUGIN, "%s: operator API version not supported or operator unnamed", path);
    int ok = (op->kind == ES_OP_SELECTION && op->select) || (op->kind == ES_OP_CROSSOVER && op->crossover) ||
             (op->kind == ES_OP_MUTATION && op->mutate) || (op->kind == ES_OP_IMPROVEMENT && op->improve) ||
             (op->kind == ES_OP_CONSTRUCTION && op->create && op->construct && op->learn && op->destroy);
    if (!ok)
        return es_fail(err, ES_EPLUGIN, "%s: operator '%s' lacks the hook of its kind", path, op->name);
    return ES_OK;
}

int es_registry_load_plugin(es_registry *reg, const char *path, es_error *err)
{
    if (reg->nhandles >= ES_MAX_PLUGINS)
        return es_fail(err, ES_ELIMIT, "%s: at most %d plug-ins can be loaded", path, ES_MAX_PLUGINS);
    /* dlopen searches the library path for a bare name; a plug-in named on
     * the command line is a file, so make it a path. */
    char buf[4096];
    if (!strchr(path, '/')) {
        snprintf(buf, sizeof buf, "./%s", path);
        path = buf;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return es_fail(err, ES_EPLUGIN, "cannot load plug-in: %s", dlerror());
    const es_plugin *pl = dlsym(h, "es_plugin_entry");
    int status = ES_OK;
    if (!pl)
        status = es_fail(err, ES_EPLUGIN, "%s: no symbol 'es_plugin_entry' (see docs/plugins.md)", path);
    else if (pl->api_version < 1 || pl->api_version > ES_PLUGIN_API_VERSION)
        status = es_fail(err, ES_EPLUGIN, "%s: plug-in API version %d not supported (this evosched supports 1..%d)",
                         path, pl->api_version, ES_PLUGIN_API_VERSION);
    else if (pl->problem_count < 0 || pl->operator_count < 0 ||
             reg->nproblems + pl->problem_count > ES_MAX_ENTRIES ||
             reg->noperators + pl->operator_count > ES_MAX_ENTRIES)
        status = es_fail(err, ES_EPLUGIN, "%s: bad or too many problems/operators", path);
    for (int i = 0; status == ES_OK && i < pl->problem_count; i++) {
        const es_problem *p = pl->problems[i];
        status = problem_ok(p, path, err);
        if (status == ES_OK && es_registry_find_problem(reg, p->name, &(const es_problem *){0}, NULL) == ES_OK)
            status = es_fail(err, ES_EPLUGIN, "%s: a problem named '%s' is already registered", path, p->name);
    }
    for (int i = 0; status == ES_OK && i < pl->operator_count; i++) {
        const es_operator *op = pl->operators[i];
        status = operator_ok(op, path, err);
        if (status == ES_OK &&
            es_registry_find_operator(reg, op->kind, op->name, &(const es_operator *){0}, NULL) == ES_OK)
            status = es_fail(err, ES_EPLUGIN, "%s: a %s operator named '%s' is already registered", path,
                             es_operator_kind_name(op->kind), op->name);
    }
    if (status != ES_OK) {
        dlclose(h);
        return status;
    }
    for (int i = 0; i < pl->problem_count; i++) {
        const es_problem *p = pl->problems[i];
        if (p->api_version < ES_PROBLEM_API_VERSION) {
            es_problem *copy = calloc(1, sizeof *copy);
            if (!copy) {
                dlclose(h);
                return es_fail(err, ES_ENOMEM, "out of memory");
            }
            memcpy(copy, p, problem_table_size(p->api_version));
            reg->upgraded[reg->nupgraded++] = copy;
            p = copy;
        }
        reg->problems[reg->nproblems++] = p;
    }
    for (int i = 0; i < pl->operator_count; i++)
        reg->operators[reg->noperators++] = pl->operators[i];
    reg->handles[reg->nhandles++] = h;
    return ES_OK;
}

int es_registry_problem_count(const es_registry *reg) { return reg->nproblems; }
const es_problem *es_registry_problem_at(const es_registry *reg, int i)
{
    return i >= 0 && i < reg->nproblems ? reg->problems[i] : NULL;
}
int es_registry_operator_count(const es_registry *reg) { return reg->noperators; }
const es_operator *es_registry_operator_at(const es_registry *reg, int i)
{
    return i >= 0 && i < reg->noperators ? reg->operators[i] : NULL;
}

int es_registry_find_problem(const es_registry *reg, const char *name, const es_problem **out, es_error *err)
{
    char known[256] = "";
    for (int i = 0; i < reg->nproblems; i++) {
        if (strcmp(reg->problems[i]->name, name) == 0) {
            *out = reg->problems[i];
            return ES_OK;
        }
        size_t len = strlen(known);
        snprintf(known + len, sizeof known - len, "%s%s", i ? ", " : "", reg->problems[i]->name);
    }
    return es_fail(err, ES_ENOTFOUND, "unknown problem '%s' (known: %s)", name, known);
}

int es_registry_find_operator(const es_registry *reg, es_operator_kind kind, const char *name,
                              const es_operator **out, es_error *err)
{
    char known[512] = "";
    int first = 1;
    for (int i = 0; i < reg->noperators; i++) {
        const es_operator *op = reg->operators[i];
        if (op->kind != kind)
            continue;
        if (strcmp(op->name, name) == 0) {
            *out = op;
            return ES_OK;
        }
        size_t len = strlen(known);
        snprintf(known + len, sizeof known - len, "%s%s", first ? "" : ", ", op->name);
        first = 0;
    }
    return es_fail(err, ES_ENOTFOUND, "unknown %s operator '%s' (known: %s)", es_operator_kind_name(kind), name, known);
}

int es_registry_detect(const es_registry *reg, const es_source *src, const es_problem **out, es_error *err)
{
    return es_registry_detect_where(reg, src, NULL, NULL, out, err);
}

static int builds_for_ants(const es_problem *p, void *user)
{
    (void)user;
    return p->desirability != NULL;
}

int es_registry_detect_for(const es_registry *reg, const es_source *src, const char *algorithm,
                           const es_problem **out, es_error *err)
{
    int ants = algorithm && (!strcmp(algorithm, "aco") || !strcmp(algorithm, "hybrid"));
    if (ants && es_registry_detect_where(reg, src, builds_for_ants, NULL, out, NULL) == ES_OK)
        return ES_OK;
    return es_registry_detect(reg, src, out, err);
}

int es_registry_detect_where(const es_registry *reg, const es_source *src,
                             int (*accept)(const es_problem *p, void *user), void *user, const es_problem **out,
                             es_error *err)
{
    int best = 0;
    const es_problem *found = NULL;
    for (int i = 0; i < reg->nproblems; i++) {
        const es_problem *p = reg->problems[i];
        int score = p->detect && (!accept || accept(p, user)) ? p->detect(src) : 0;
        if (score > best) {
            best = score;
            found = p;
        }
    }
    if (!found)
        return es_fail(err, ES_ENOTFOUND, "%s: cannot tell which problem this file is for; name it with --problem",
                       src->path);
    *out = found;
    return ES_OK;
}
