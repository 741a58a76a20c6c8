/* Internal interface between the pieces of the evosched command. */
#ifndef ES_CLI_H
#define ES_CLI_H

#include <signal.h>
#include <evosched/evosched.h>
#include <evosched/text.h>

/* Exit codes, documented in docs/cli.md. */
enum {
    EXIT_OK = 0,
    EXIT_FAILURE_RUN = 1,  /* the run failed (internal or resource error) */
    EXIT_USAGE = 2,        /* bad command line */
    EXIT_INPUT = 3,        /* instance or solution file unreadable or malformed */
    EXIT_INFEASIBLE = 4,   /* `check`: the solution violates a constraint */
    EXIT_PLUGIN = 5,       /* a plug-in could not be loaded */
    EXIT_OUTPUT = 6,       /* a result file could not be written */
    EXIT_INTERRUPTED = 130 /* stopped by SIGINT/SIGTERM; results were still written */
};

/* interrupt.c: the flag SIGINT/SIGTERM/SIGHUP set; a second signal kills at once.
 * Installing the handlers also restores SIGCHLD's default action, which
 * waiting for a child process needs. */
extern volatile sig_atomic_t es_cli_interrupted;
void es_cli_install_signals(void);

/* Splits "FILE:K" when FILE exists and "FILE:K" does not; returns a
 * malloc'ed path and sets *selector to the K inside it (or NULL). */
char *es_cli_split_selector(const char *arg, const char **selector);

/* Loads an instance, picking the problem by name or by detection. */
typedef struct es_loaded {
    es_source src;
    char *path;
    const char *selector;
    const es_problem *problem;
    es_instance *inst;
} es_loaded;
int es_cli_load(const es_registry *reg, const char *arg, const char *problem_name, es_loaded *out, es_error *err);
/* The same for a run of `algorithm` (--algorithm, NULL for the default):
 * detection gives ant colonies a problem they can build for. */
int es_cli_load_for(const es_registry *reg, const char *arg, const char *problem_name, const char *algorithm,
                    es_loaded *out, es_error *err);
void es_cli_unload(es_loaded *l);

/* A result file a command will write: the option that names it and its
 * path (NULL: not asked for; "-": standard output). */
typedef struct es_cli_output {
    const char *option;
    const char *path;
} es_cli_output;

/* Checked before a run, so that a slip of the keyboard costs nothing: each
 * output must be writable (its folder exists and takes files: an hour's run
 * into a missing folder ended in a write error and lost its solution), and
 * none may be the input file (`solve inst.sm --solution inst.sm` wrote the
 * solution over the instance) nor the file of another output (the second
 * would silently replace the first). Two names are the same file
 * when both exist as the same regular file (links and ./ included) or,
 * not yet existing, are the same string; devices such as /dev/null may be
 * named any number of times. ES_EINVAL with the reason in err. */
int es_cli_check_outputs(const char *input, const es_cli_output *outputs, int n, es_error *err);

/* ES_OK unless one of the n outputs names the file input (NULL: none),
 * which writing would destroy; `what` names the input in the reason ("the
 * instance file"). ES_EINVAL with the reason in err. */
int es_cli_keep_input(const char *input, const char *what, const es_cli_output *outputs, int n, es_error *err);

/* 0 when folder dir exists and takes new files, else the errno that says
 * why not (ENOTDIR for a file of that name). */
int es_cli_folder_error(const char *dir);

/* next (the word after option opt of command cmd) as the option's value,
 * or NULL after saying on stderr why there is none: the command line ends,
 * or next is itself an option. "solve F --json --quiet" once wrote the
 * JSON to a file named "--quiet"; a file whose name starts with "--" is
 * still reachable as ./--name. */
const char *es_cli_value(const char *cmd, const char *opt, const char *next);

/* EXIT_OK, or EXIT_USAGE with the reason on stderr (from rank 0 only) when
 * mpirun started this command on several ranks: each would repeat all of
 * `command`'s work and write the same files. why says what to do instead. */
int es_cli_one_process(const char *command, const char *why);

/* Maps a status to the command's exit code. */
int es_cli_exit_code(int status);

/* Writes through a temporary file renamed into place, so that an interrupted
 * or failed write never leaves a truncated result; through a symbolic link
 * the named file is replaced (keeping its mode), and a device or FIFO is
 * written in place. "-" writes to stdout. Every write error, stdout's too,
 * is an ES_EIO in err (or fn's own status). */
typedef int (*es_writer)(FILE *f, void *user);
int es_cli_write_file(const char *path, es_writer fn, void *user, es_error *err);

int es_cmd_solve(int argc, char **argv);
int es_cmd_check(int argc, char **argv);
int es_cmd_list(int argc, char **argv);
int es_cmd_generate(int argc, char **argv);
int es_cmd_bound(int argc, char **argv);
int es_cmd_bench(int argc, char **argv);
int es_cmd_compare(int argc, char **argv);

/* bound_cmd.c: a short search whose best genome (owned by the caller, freed
 * with es_genome_free) seeds GLPK. It starts from start when not NULL and
 * then never ends worse; 0 seconds evaluates start alone. It stops early at
 * bound (may be NULL), which nothing can beat. */
int es_cli_warm_start(const es_registry *reg, const es_loaded *l, double seconds, const es_genome *start,
                      const es_bound *bound, es_genome *best, double *value, es_error *err);

/* --start: the solution file at path, of l's problem's format, as a genome
 * (the problem's read_solution hook), refused as check would refuse it.
 * *out is allocated here; the caller frees it with es_genome_free. */
int es_cli_read_start(const es_loaded *l, const char *path, es_genome *out, es_error *err);

#endif
