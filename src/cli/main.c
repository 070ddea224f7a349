/* evgraph: the command. Parses argv, fills the library's option structs,
 * calls the library and maps its status to an exit code:
 *   0 success, 1 invalid input (or a failed output), 2 usage error. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(cli *c, int argc, char **argv);
    const char *synopsis;
    const char *summary;
} commands[] = {
    {"actors", cmd_actors, "[options] DATASET... -o FILE",
     "who accuses, strikes, visits, agrees with whom"},
    {"build", cmd_build, "[options] [DIR]",
     "regenerate the figures of every dataset under DIR (default data)\n"
     "as its figures.txt says, into out/<dataset>/"},
    {"check", cmd_check, "[options] DATASET...",
     "validate datasets and print a summary of each"},
    {"html", cmd_html, "[options] DATASET... -o FILE",
     "one web page: timeline, actor graph, table of events"},
    {"timeline", cmd_timeline, "[options] DATASET... -o FILE",
     "events on a time axis, in lanes by actor"},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

/* "unknown command", with the nearest command when one is close. */
static int unknown_command(const char *name)
{
    const char *names[COMMAND_COUNT];
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        names[i] = commands[i].name;
    const char *near = cli_nearest(name, names, COMMAND_COUNT);
    if (near)
        return cli_usage_error("unknown command '%s' (did you mean '%s'?)", name, near);
    return cli_usage_error("unknown command '%s'", name);
}

static void print_commands(void)
{
    printf("usage: evgraph COMMAND [options] DATASET...\n"
           "       evgraph help COMMAND | COMMAND --help | --help | --version\n\ncommands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        printf("  %-10s", commands[i].name);
        for (const char *p = commands[i].summary; *p; p++)
            if (*p == '\n')
                printf("\n%12s", "");
            else
                putchar(*p);
        putchar('\n');
    }
    printf("\nA DATASET is a folder holding events.csv (and optionally actors.csv and\n"
           "types.csv), a single events CSV file, or - for an events CSV on stdin.\n"
           "Run 'evgraph help COMMAND' for the options of a command.\n"
           "\nexit status: 0 success, 1 invalid input or failed output, 2 usage error\n");
}

static int run_command(int argc, char **argv, const cli_sandbox *sandbox, cli_plan *plan)
{
    if (argc < 2)
        return cli_usage_error("no command given");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        (strcmp(argv[1], "help") == 0 && argc == 2)) {
        print_commands();
        return 0;
    }
    if (strcmp(argv[1], "help") == 0) {
        /* "help COMMAND" is "COMMAND --help": one usage, from one table. */
        if (argc > 3)
            return cli_usage_error("help: one command at most");
        char *help_argv[] = {argv[0], argv[2], "--help", NULL};
        return cli_run(3, help_argv);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("evgraph %s\n", EVG_VERSION);
        return 0;
    }
    cli c = {.command = argv[1], .load = EVG_LOAD_OPTS_INIT, .sandbox = sandbox, .plan = plan};
    c.load.diag = cli_print_diag;
    c.load.diag_payload = &c;
    int rc = -1;
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            c.synopsis = commands[i].synopsis;
            c.summary = commands[i].summary;
            rc = commands[i].run(&c, argc, argv);
        }
    if (rc < 0)
        rc = unknown_command(argv[1]);
    if (rc == CLI_HELP_SHOWN)
        rc = 0;
    free(c.inputs);
    free(c.css_text);
    cli_list_free(&c.date_formats);
    cli_list_free(&c.read_files);
    cli_list_free(&c.owned);
    return rc;
}

int cli_run(int argc, char **argv)
{
    return run_command(argc, argv, NULL, NULL);
}

int cli_plan_run(cli_plan *plan, const cli_sandbox *sandbox, int argc, char **argv)
{
    cli_usage_place(sandbox);
    int rc = run_command(argc, argv, sandbox, plan);
    cli_usage_place(NULL);
    return rc;
}

/* A figure being written when the process is told to stop must not stay
 * behind half-written: remove the temporary, then die of the signal. */
static void on_termination(int sig)
{
    evg_output_abort();
    signal(sig, SIG_DFL);
    raise(sig);
}

int main(int argc, char **argv)
{
    signal(SIGINT, on_termination);
    signal(SIGTERM, on_termination);
    signal(SIGHUP, on_termination);
    int rc = cli_run(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(NULL, 0, 0, "cannot write to standard output");
        rc = rc ? rc : EXIT_INVALID;
    }
    return rc;
}
