/* evgraph: the command. Parses argv, fills the library's option structs,
 * calls the library and maps its status to an exit code:
 *   0 success, 1 invalid input (or a failed output), 2 usage error. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: evgraph <command> [options] DATASET...\n"
    "\n"
    "commands:\n"
    "  check DATASET...             validate datasets and print a summary of each\n"
    "\n"
    "A DATASET is a folder holding events.csv (and optionally actors.csv and\n"
    "types.csv), a single events CSV file, or - for an events CSV on stdin.\n"
    "\n"
    "options of every command:\n"
    "  --max-errors N   stop listing errors after N (default 50, 0: no cap)\n"
    "  -q, --quiet      do not print warnings\n"
    "\n"
    "  evgraph --help | --version\n"
    "\n"
    "exit status: 0 success, 1 invalid input or failed output, 2 usage error\n";

static const struct {
    const char *name;
    int (*run)(cli *c, int argc, char **argv);
} commands[] = {
    {"check", cmd_check},
};

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("no command given");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("evgraph %s\n", EVG_VERSION);
        return 0;
    }
    cli c = {.command = argv[1], .load = EVG_LOAD_OPTS_INIT};
    c.load.diag = cli_print_diag;
    c.load.diag_payload = &c;
    int rc = -1;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            rc = commands[i].run(&c, argc, argv);
    if (rc < 0)
        rc = cli_usage_error("unknown command '%s'", argv[1]);
    free(c.inputs);
    return rc;
}
