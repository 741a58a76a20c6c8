/* Helpers shared by the subcommands: loading instances, exit codes, safe
 * result files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

char *es_cli_split_selector(const char *arg, const char **selector)
{
    char *path = strdup(arg);
    *selector = NULL;
    if (!path)
        return NULL;
    struct stat st;
    char *colon = strrchr(path, ':');
    if (colon && colon[1] && stat(path, &st) != 0 && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
        *colon = 0;
        *selector = colon + 1;
    }
    return path;
}

static int builds_for_ants(const es_problem *p, void *user)
{
    (void)user;
    return p->desirability != NULL;
}

int es_cli_load(const es_registry *reg, const char *arg, const char *problem_name, es_loaded *out, es_error *err)
{
    return es_cli_load_for(reg, arg, problem_name, NULL, out, err);
}

int es_cli_load_for(const es_registry *reg, const char *arg, const char *problem_name, const char *algorithm,
                    es_loaded *out, es_error *err)
{
    memset(out, 0, sizeof *out);
    out->path = es_cli_split_selector(arg, &out->selector);
    if (!out->path)
        return es_fail(err, ES_ENOMEM, "out of memory");
    int st = es_source_read(out->path, &out->src, err);
    if (st != ES_OK)
        return st;
    out->src.selector = out->selector;
    if (problem_name)
        st = es_registry_find_problem(reg, problem_name, &out->problem, err);
    else {
        /* Ant colonies build permutations guided by a problem's desirability:
         * of two problems reading the same files (RCPSP's random keys and
         * activity lists) they get the one that offers it. */
        int ants = algorithm && (!strcmp(algorithm, "aco") || !strcmp(algorithm, "hybrid"));
        st = ES_ENOTFOUND;
        if (ants)
            st = es_registry_detect_where(reg, &out->src, builds_for_ants, NULL, &out->problem, NULL);
        if (st != ES_OK)
            st = es_registry_detect(reg, &out->src, &out->problem, err);
    }
    if (st == ES_OK)
        st = out->problem->load(&out->src, &out->inst, err);
    if (st != ES_OK && err && err->message[0] == 0)
        es_fail(err, st, "%s: %s", out->path, es_strerror(st));
    return st;
}

void es_cli_unload(es_loaded *l)
{
    if (l->inst)
        l->problem->destroy(l->inst);
    es_source_free(&l->src);
    free(l->path);
    memset(l, 0, sizeof *l);
}

int es_cli_exit_code(int status)
{
    switch (status) {
    case ES_OK: return EXIT_OK;
    case ES_EINVAL:
    case ES_ENOTFOUND: return EXIT_USAGE;
    case ES_EIO:
    case ES_EPARSE:
    case ES_ELIMIT: return EXIT_INPUT;
    case ES_EINFEASIBLE: return EXIT_INFEASIBLE;
    case ES_EPLUGIN: return EXIT_PLUGIN;
    default: return EXIT_FAILURE_RUN;
    }
}

/* The status of a write: the writer's own failure, else the system's
 * (errno e, 0 when every call succeeded). */
static int write_status(int st, int e, const char *what, es_error *err)
{
    if (st != ES_OK)
        return es_fail(err, st, "%s: cannot write: %s", what, e ? strerror(e) : es_strerror(st));
    if (e != 0)
        return es_fail(err, ES_EIO, "%s: cannot write: %s", what, strerror(e));
    return ES_OK;
}

/* errno of a stream that failed, 0 if every write went through. */
static int stream_error(FILE *f)
{
    if (fflush(f) != 0 || ferror(f))
        return errno ? errno : EIO;
    return 0;
}

/* stdout is checked here rather than left to exit: a full disk or a closed
 * pipe behind `--json -` must fail the command, not vanish. */
static int write_stdout(es_writer fn, void *user, es_error *err)
{
    int st = fn(stdout, user), e = stream_error(stdout);
    clearerr(stdout); /* reported here; main's last check need not repeat it */
    return write_status(st, e, "standard output", err);
}

/* A device, a FIFO or a socket (`--json /dev/stderr`, a named pipe read by
 * another program) is written in place: renaming a file over it would
 * replace the device node or the pipe with a regular file. */
static int write_in_place(const char *path, es_writer fn, void *user, es_error *err)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return es_fail(err, ES_EIO, "%s: cannot write: %s", path, strerror(errno));
    int st = fn(f, user), e = stream_error(f);
    if (fclose(f) != 0 && e == 0)
        e = errno;
    return write_status(st, e, path, err);
}

int es_cli_write_file(const char *path, es_writer fn, void *user, es_error *err)
{
    if (strcmp(path, "-") == 0)
        return write_stdout(fn, user, err);
    struct stat old;
    int exists = stat(path, &old) == 0;
    if (exists && !S_ISREG(old.st_mode))
        return write_in_place(path, fn, user, err);
    /* Through a symbolic link, the file it names is replaced, not the link. */
    char *target = exists ? realpath(path, NULL) : NULL;
    if (!target)
        target = strdup(path);
    size_t len = (target ? strlen(target) : 0) + 32;
    char *tmp = target ? malloc(len) : NULL;
    if (!tmp) {
        free(target);
        return es_fail(err, ES_ENOMEM, "out of memory");
    }
    snprintf(tmp, len, "%s.tmp%ld", target, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        int e = errno;
        free(tmp);
        free(target);
        return es_fail(err, ES_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    int st = fn(f, user), e = stream_error(f);
    /* The replacement keeps the permissions of the file it replaces. */
    if (e == 0 && exists && fchmod(fileno(f), old.st_mode & 07777) != 0)
        e = errno;
    if (fclose(f) != 0 && e == 0)
        e = errno;
    if (e == 0 && st == ES_OK && rename(tmp, target) != 0)
        e = errno;
    if (e != 0 || st != ES_OK)
        remove(tmp);
    st = write_status(st, e, path, err);
    free(tmp);
    free(target);
    return st;
}
