/* evgraph: the command. Parses argv, fills the library's option structs,
 * calls the library and maps its status to an exit code:
 *   0 success, 1 invalid input (or a failed output), 2 usage error. */
#include "cli.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
    "usage: evgraph <command> [options] DATASET...\n"
    "\n"
    "commands:\n"
    "  actors DATASET... -o FILE    who accuses, strikes, visits, agrees with whom\n"
    "  build [DIR]                  regenerate the figures of every dataset under DIR\n"
    "                               (default data) into out/<dataset>/\n"
    "  check DATASET...             validate datasets and print a summary of each\n"
    "  html DATASET... -o FILE      one web page: timeline, actor graph, table of events\n"
    "  timeline DATASET... -o FILE  events on a time axis, in lanes by actor\n"
    "\n"
    "A DATASET is a folder holding events.csv (and optionally actors.csv and\n"
    "types.csv), a single events CSV file, or - for an events CSV on stdin.\n"
    "\n"
    "options of every command:\n"
    "  -q, --quiet            do not print warnings\n"
    "  --max-errors N         stop listing errors after N (default 50, 0: no cap)\n"
    "limits (0: none), each a clear error when passed:\n"
    "  --max-field-bytes N    longest field (default 1M)\n"
    "  --max-columns N        fields in a row (default 1024)\n"
    "  --max-rows N           rows in all inputs (default 10000000)\n"
    "  --max-memory N         memory the loaded data may take (default 4G)\n"
    "importing ACLED, GDELT and ICEWS exports (see the README):\n"
    "  --input-format F       acled, gdelt, icews or evgraph (default: detected)\n"
    "  --min-mentions N       GDELT: drop events with fewer NumMentions\n"
    "  --include-non-root     GDELT: keep events that are not root events\n"
    "  --type-map FILE        CSV format,code,type overriding the built-in types\n"
    "  --actor-map FILE       CSV raw,id[,name,kind] renaming or merging actors\n"
    "timeline options (and -o FILE, -T FORMAT, --title TEXT, --from DATE, --to DATE,\n"
    "--type IDS, --actor IDS):\n"
    "  --lanes L              actor (default), type, location or none\n"
    "  --scale S              proportional (default) or ordinal\n"
    "  --bin B                auto (default), day, week, month, year or none\n"
    "  --keep-gaps            do not cut long empty stretches out of the time axis\n"
    "  --width LENGTH         figure width, such as 25cm (default 17cm, A4 text width)\n"
    "  --dpi N                PNG resolution (default 150)\n"
    "actors options (and the timeline's -o, -T, --title, filters, --width, --dpi):\n"
    "  --layout L             auto (default: dot, or fdp past 500 edges), dot, neato,\n"
    "                         fdp, sfdp or circo\n"
    "  --aggregate A          an edge per actor, target and type (type, default), per\n"
    "                         pair with its mix of types (all), or per event (none)\n"
    "  --collapse             fold persons and other members into their top parent\n"
    "  --self-loops           draw an actor's relations with itself\n"
    "  --by P                 month, quarter or year: a file per period (FILE-2016-Q1.svg)\n"
    "                         with the same positions in each\n"
    "  --no-legend            leave out the legend of types, kinds and sources\n"
    "  --max-edges N          refuse to draw more edges (default 5000, 0: no cap)\n"
    "SVG for web pages (timeline, actors):\n"
    "  --id-prefix P          prefix of every id (default: the output's base name)\n"
    "  --css FILE             embed FILE as the figure's stylesheet (html: the page's)\n"
    "  --no-size              no width and height: the SVG scales to its container\n"
    "html options: -o FILE, --title TEXT, the filters, --css FILE\n"
    "\n"
    "  evgraph --help | --version\n"
    "\n"
    "exit status: 0 success, 1 invalid input or failed output, 2 usage error\n";

static const struct {
    const char *name;
    int (*run)(cli *c, int argc, char **argv);
} commands[] = {
    {"actors", cmd_actors},
    {"build", cmd_build},
    {"check", cmd_check},
    {"html", cmd_html},
    {"timeline", cmd_timeline},
};

int cli_run(int argc, char **argv)
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
    free(c.css_text);
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
        fprintf(stderr, "evgraph: error: cannot write to standard output\n");
        rc = rc ? rc : EXIT_INVALID;
    }
    return rc;
}
