/* Interrupt handling: the first SIGINT, SIGTERM or SIGHUP asks the engine to
 * stop at the next safe point so that the best solution is still written; a
 * second one terminates at once, for a user who really wants out. SIGHUP is
 * the terminal going away (an ssh session dropped): by default it killed a
 * long run and everything it had found. */
#include <signal.h>
#include <string.h>
#include "cli.h"

volatile sig_atomic_t es_cli_interrupted = 0;

static void on_signal(int sig)
{
    es_cli_interrupted = sig;
}

void es_cli_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND; /* the second signal gets the default action */
    /* A signal the parent ignores stays ignored, as POSIX shells arrange
     * for `evosched ... &` in a script (SIGINT) and nohup does (SIGHUP): a
     * run started so must not stop on them. */
    const int stops[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        struct sigaction old;
        if (sigaction(stops[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(stops[i], &sa, NULL);
    }
    /* A parent that ignores SIGCHLD passes that on through exec, and then
     * the kernel reaps our children itself: waitpid on gnuplot (bench's
     * plots) failed with ECHILD forever and bench never finished. We want
     * our children's exit statuses, so the default it is. */
    signal(SIGCHLD, SIG_DFL);
}
