/* Helpers shared by the subcommands: loading instances, exit codes, safe
 * result files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "islands.h"

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
    else
        st = es_registry_detect_for(reg, &out->src, algorithm, &out->problem, err);
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

/* 1 when a and b name the same file, as es_cli_check_outputs means it. */
static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (ha && hb)
        return S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return !ha && !hb && strcmp(a, b) == 0;
}

const char *es_cli_value(const char *cmd, const char *opt, const char *next)
{
    if (next && !(next[0] == '-' && next[1] == '-'))
        return next;
    if (next)
        fprintf(stderr, "evosched %s: %s needs a value, not the option '%s'\n", cmd, opt, next);
    else
        fprintf(stderr, "evosched %s: %s needs a value\n", cmd, opt);
    return NULL;
}

int es_cli_folder_error(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return errno;
    if (!S_ISDIR(st.st_mode))
        return ENOTDIR;
    return access(dir, W_OK | X_OK) == 0 ? 0 : errno;
}

/* The regular file a write to path replaces: the one a symbolic link
 * names, or path itself when it does not exist yet. NULL when out of
 * memory; the caller frees it. */
static char *write_target(const char *path)
{
    char *t = realpath(path, NULL);
    return t ? t : strdup(path);
}

/* The folder target is in ("." for a bare name, "/" at the root); NULL
 * when out of memory, the caller frees it. */
static char *folder_of(const char *target)
{
    const char *slash = strrchr(target, '/');
    return slash ? strndup(target, slash == target ? 1 : (size_t)(slash - target)) : strdup(".");
}

/* 0 when es_cli_write_file could write path, else the errno that says
 * why not: a device in place, a regular file (or a new one) through a
 * temporary file in the folder of the file it ends up as. */
static int cannot_write(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return S_ISDIR(st.st_mode) ? EISDIR : access(path, W_OK) == 0 ? 0 : errno;
    char *target = write_target(path), *dir = target ? folder_of(target) : NULL;
    int e = dir ? es_cli_folder_error(dir) : ENOMEM;
    if (e == 0) {
        const char *slash = strrchr(target, '/');
        long max = pathconf(dir, _PC_NAME_MAX);
        if (max > 0 && strlen(slash ? slash + 1 : target) > (size_t)max)
            e = ENAMETOOLONG;
    }
    free(dir);
    free(target);
    return e;
}

int es_cli_check_outputs(const char *input, const es_cli_output *outputs, int n, es_error *err)
{
    for (int i = 0; i < n; i++) {
        const es_cli_output *o = &outputs[i];
        if (!o->path || strcmp(o->path, "-") == 0)
            continue;
        int e = cannot_write(o->path);
        if (e)
            return es_fail(err, ES_EINVAL, "%s %s: cannot be written: %s", o->option, o->path, strerror(e));
        if (es_cli_keep_input(input, "the instance file", o, 1, err) != ES_OK)
            return ES_EINVAL;
        for (int k = 0; k < i; k++)
            if (outputs[k].path && strcmp(outputs[k].path, "-") != 0 && same_file(o->path, outputs[k].path))
                return es_fail(err, ES_EINVAL, "%s %s and %s %s are the same file: one would replace the other",
                               outputs[k].option, outputs[k].path, o->option, o->path);
    }
    return ES_OK;
}

int es_cli_read_start(const es_loaded *l, const char *path, es_genome *out, es_error *err)
{
    if (!l->problem->read_solution)
        return es_fail(err, ES_EINVAL, "problem '%s' cannot start from a solution file (--start): it reads none",
                       l->problem->name);
    es_source src;
    int st = es_source_read(path, &src, err);
    if (st != ES_OK)
        return st;
    es_genome_info info;
    l->problem->genome_info(l->inst, &info);
    st = es_genome_alloc(&info, out);
    if (st == ES_OK)
        st = l->problem->read_solution(l->inst, &src, out, err);
    es_source_free(&src);
    if (st != ES_OK)
        es_genome_free(out);
    return st;
}

int es_cli_keep_input(const char *input, const char *what, const es_cli_output *outputs, int n, es_error *err)
{
    for (int i = 0; input && i < n; i++)
        if (outputs[i].path && strcmp(outputs[i].path, "-") != 0 && same_file(outputs[i].path, input))
            return es_fail(err, ES_EINVAL, "%s %s is %s: writing there would destroy it", outputs[i].option,
                           outputs[i].path, what);
    return ES_OK;
}

int es_cli_one_process(const char *command, const char *why)
{
    int rank, ranks = es_islands_launched(&rank);
    if (ranks <= 1)
        return EXIT_OK;
    if (rank == 0)
        fprintf(stderr, "evosched %s: started by mpirun on %d ranks, each of which would do the same work: %s\n",
                command, ranks, why);
    return EXIT_USAGE;
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

int es_cli_write_file(const char *path, es_writer fn, void *user, es_error *err)
{
    if (strcmp(path, "-") == 0) {
        /* Reported here, while errno still says why; cleared so that main's
         * last check of stdout (for the summary and the rest) does not
         * report it again. */
        int st = fn(stdout, user), e = fflush(stdout) != 0 || ferror(stdout) ? (errno ? errno : EIO) : 0;
        clearerr(stdout);
        return write_status(st, e, "standard output", err);
    }
    struct stat old;
    int exists = stat(path, &old) == 0;
    /* A device, a FIFO or a socket (`--json /dev/stderr`, a named pipe read
     * by another program) is written in place: renaming a file over it
     * would replace the device node or the pipe with a regular file. Through
     * a symbolic link, the file it names is replaced, not the link. */
    char *target = NULL, *tmp = NULL;
    FILE *f = NULL;
    int st = ES_OK, e = 0;
    if (!exists || S_ISREG(old.st_mode)) {
        /* The temporary file gets a short name of its own in the target's
         * folder (the rename must not cross file systems): the target's name
         * plus a suffix broke names near the 255-byte limit, after the run. */
        target = write_target(path);
        char *dir = target ? folder_of(target) : NULL;
        size_t len = dir ? strlen(dir) + 32 : 0;
        tmp = dir ? malloc(len) : NULL;
        if (tmp)
            snprintf(tmp, len, "%s/.evosched-XXXXXX", dir);
        free(dir);
        if (!tmp) {
            free(target);
            return es_fail(err, ES_ENOMEM, "out of memory");
        }
        int fd = mkstemp(tmp);
        if (fd < 0)
            e = errno;
        else {
            /* mkstemp makes it 0600: give it the mode of the file it
             * replaces, or what a new file would get under the umask */
            mode_t mask = umask(0);
            umask(mask);
            if (fchmod(fd, exists ? old.st_mode & 07777 : 0666 & ~mask) != 0 || !(f = fdopen(fd, "w"))) {
                e = errno;
                close(fd);
                remove(tmp);
            }
        }
    } else if (!(f = fopen(path, "w")))
        e = errno;
    if (f) {
        st = fn(f, user);
        if (fflush(f) != 0 || ferror(f))
            e = errno ? errno : EIO;
        if (fclose(f) != 0 && e == 0)
            e = errno;
        if (tmp && e == 0 && st == ES_OK && rename(tmp, target) != 0)
            e = errno;
        if (tmp && (e != 0 || st != ES_OK))
            remove(tmp);
    }
    free(tmp);
    free(target);
    return write_status(st, e, path, err);
}
