/* The registry: which problems and operators a run can use. Built-in ones are
 * listed in one table each; plug-ins add theirs from a shared object. */
#ifndef EVOSCHED_REGISTRY_H
#define EVOSCHED_REGISTRY_H

#include <evosched/problem.h>
#include <evosched/operator.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ES_PLUGIN_API_VERSION 1

/* What a plug-in shared object exports, under the symbol name "es_plugin_entry":
 *     const es_plugin es_plugin_entry = { ES_PLUGIN_API_VERSION, ... };  */
typedef struct es_plugin {
    int api_version;
    const char *name;
    int problem_count;
    const es_problem *const *problems;
    int operator_count;
    const es_operator *const *operators;
} es_plugin;

typedef struct es_registry es_registry;

/* Creates a registry holding the built-in problems and operators.
 * Ownership: the caller owns *out and frees it with es_registry_destroy. */
int es_registry_create(es_registry **out);

/* Unloads plug-ins too: no problem or operator pointer obtained from the
 * registry may be used afterwards. */
void es_registry_destroy(es_registry *reg);

/* dlopens path and adds what its es_plugin lists. Refuses (ES_EPLUGIN) a
 * missing symbol, a newer API version, or a name already registered. */
int es_registry_load_plugin(es_registry *reg, const char *path, es_error *err);

int es_registry_problem_count(const es_registry *reg);
const es_problem *es_registry_problem_at(const es_registry *reg, int i);
int es_registry_operator_count(const es_registry *reg);
const es_operator *es_registry_operator_at(const es_registry *reg, int i);

/* ES_ENOTFOUND (with the known names listed in err) when absent. */
int es_registry_find_problem(const es_registry *reg, const char *name,
                             const es_problem **out, es_error *err);
int es_registry_find_operator(const es_registry *reg, es_operator_kind kind,
                              const char *name, const es_operator **out, es_error *err);

/* The problem whose detect hook is most confident about src. */
int es_registry_detect(const es_registry *reg, const es_source *src,
                       const es_problem **out, es_error *err);

/* The same among the problems accept(p, user) lets through (all when accept
 * is NULL): e.g. those an ant colony can build for, when two problems read
 * the same files in different representations. */
int es_registry_detect_where(const es_registry *reg, const es_source *src,
                             int (*accept)(const es_problem *p, void *user), void *user,
                             const es_problem **out, es_error *err);

/* The problem for src that `algorithm` (es_config.algorithm; NULL: the
 * genetic search) runs on. Ant colonies ("aco", "hybrid") build permutations
 * guided by a problem's desirability, so of two problems reading the same
 * files (RCPSP's random keys and activity lists) they get the one that
 * offers it; otherwise, and when none does, es_registry_detect's answer. */
int es_registry_detect_for(const es_registry *reg, const es_source *src, const char *algorithm,
                           const es_problem **out, es_error *err);

/* The built-in tables (for tests and tools that need no registry). */
extern const es_problem *const es_builtin_problems[];
extern const int es_builtin_problem_count;
extern const es_operator *const es_builtin_operators[];
extern const int es_builtin_operator_count;

#ifdef __cplusplus
}
#endif
#endif
