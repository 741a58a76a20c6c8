/* Small helpers shared by the test suites. */
#ifndef ES_TEST_UTIL_H
#define ES_TEST_UTIL_H
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>
#include <evosched/evosched.h>

/* Waits for child pid, at most two minutes (a hang guard, not a timing:
 * sanitizer builds are slow), killing it past that; fails the test then,
 * naming what. Returns its wait status. */
static inline int wait_or_kill(pid_t pid, const char *what)
{
    int st = 0, waited = 0;
    pid_t done = 0;
    for (; waited < 1200 && (done = waitpid(pid, &st, WNOHANG)) == 0; waited++)
        usleep(100000);
    if (done == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    cr_assert_eq(done, pid, "%s still running after 120 s", what);
    return st;
}

/* A copy of text with the first occurrence of `from` (which must exist)
 * replaced by `to`: a malformed variant of a valid file. Free it. */
static inline char *edit(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    cr_assert_not_null(at, "'%s' not in the text", from);
    size_t a = (size_t)(at - text), lf = strlen(from), lt = strlen(to), ln = strlen(text);
    char *out = malloc(ln - lf + lt + 1);
    memcpy(out, text, a);
    memcpy(out + a, to, lt);
    memcpy(out + a + lt, at + lf, ln - a - lf + 1);
    return out;
}

/* A problem of reg by name; the test fails if there is none. */
static inline const es_problem *builtin_problem(const es_registry *reg, const char *name)
{
    const es_problem *p = NULL;
    cr_assert_eq(es_registry_find_problem(reg, name, &p, NULL), ES_OK, "no problem '%s'", name);
    return p;
}

/* The early abort's contract on one configuration: problem p with and
 * without its evaluate_cutoff hook makes the same run (best value, best
 * solution, generations, restarts, every evaluation counted) on 1 and 2
 * threads, with the same result on both, and the hook cuts more than
 * min_cut children short. cfg sets everything but the thread count. */
static inline void expect_abort_changes_nothing(const es_registry *reg, const es_problem *p, const es_instance *inst,
                                                es_config cfg, long long min_cut, const char *what)
{
    cr_assert_not_null(p->evaluate_cutoff, "%s has no evaluate_cutoff", what);
    es_problem without = *p;
    without.evaluate_cutoff = NULL;
    es_genome_info info;
    p->genome_info(inst, &info);
    double best[2][2];
    uint64_t hash[2][2];
    long long gens[2][2], restarts[2][2], cut[2][2];
    for (int t = 0; t < 2; t++)
        for (int w = 0; w < 2; w++) {
            cfg.threads = t + 1;
            es_solver *s;
            es_result res;
            es_error err = {0, ""};
            cr_assert_eq(es_solver_create(reg, w ? &without : p, inst, &cfg, &s, &err), ES_OK, "%s", err.message);
            cr_assert_eq(es_solver_run(s, &res, &err), ES_OK, "%s", err.message);
            cr_assert_eq(res.evaluations, cfg.max_evaluations, "%s: stopped evaluations count too", what);
            best[t][w] = res.best_value;
            gens[t][w] = res.generations;
            restarts[t][w] = res.restarts;
            cut[t][w] = res.cut_short;
            hash[t][w] = es_genome_hash(&info, &res.best);
            es_solver_destroy(s);
        }
    for (int t = 0; t < 2; t++) {
        cr_assert_gt(cut[t][0], min_cut, "%s: only %lld of %lld children cut short", what, cut[t][0],
                     cfg.max_evaluations);
        cr_assert_eq(cut[t][1], 0);
        cr_assert_eq(best[t][0], best[t][1], "%s: %.0f with the abort, %.0f without", what, best[t][0], best[t][1]);
        cr_assert_eq(gens[t][0], gens[t][1]);
        cr_assert_eq(restarts[t][0], restarts[t][1]);
        cr_assert_eq(hash[t][0], hash[t][1], "%s: another best solution", what);
    }
    cr_assert_eq(best[0][0], best[1][0], "%s: thread count changed the result", what);
}
#endif
