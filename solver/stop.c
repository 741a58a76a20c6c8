/* When a hook must stop: es_stop_requested() answers for the run whose hook
 * this thread is in, or for the bound being computed before a run. A hook's
 * signature has no room for either, and the question only makes sense while
 * the engine or es_problem_bound is inside one of its hooks. */
#include <stdio.h>
#include <string.h>
#include "engine_internal.h"

/* At most one of the two is set: a run's hook, or a bound's watch (all
 * zero outside es_problem_bound, where it never fires). */
static _Thread_local const es_solver *hook_run;
static _Thread_local struct {
    int fired; /* it answered nonzero: the bound was cut short */
    volatile sig_atomic_t *flag;
    double deadline; /* es_engine_now() seconds; 0: none */
} watch;

int es_stop_requested(void)
{
    if (hook_run)
        return es_engine_must_stop(hook_run);
    if ((watch.flag && *watch.flag) || (watch.deadline > 0 && es_engine_now() >= watch.deadline))
        watch.fired = 1;
    return watch.fired;
}

void es_engine_hook_enter(const es_solver *s)
{
    hook_run = s;
}

void es_engine_hook_leave(void)
{
    hook_run = NULL;
}

int es_problem_bound(const es_problem *p, const es_instance *inst, volatile sig_atomic_t *stop_flag,
                     double max_seconds, es_bound *out)
{
    memset(out, 0, sizeof *out);
    if (!p->lower_bound)
        return ES_ENOTSUP;
    watch.flag = stop_flag;
    watch.deadline = max_seconds > 0 ? es_engine_now() + max_seconds : 0;
    int st = p->lower_bound(inst, out), fired = watch.fired;
    memset(&watch, 0, sizeof watch);
    /* Said once here rather than by every hook: a reader comparing gaps
     * must know that this bound is weaker than the problem's usual one. */
    if (st == ES_OK && fired) {
        size_t len = strlen(out->source);
        snprintf(out->source + len, sizeof out->source - len, "%scut short", len ? ", " : "");
    }
    return st;
}
