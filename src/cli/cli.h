/* The command's shared pieces: argument parsing and diagnostics printing. */
#ifndef EVG_CLI_H
#define EVG_CLI_H

#include <evgraph/evgraph.h>

#include <stdbool.h>
#include <stddef.h>

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };
/* Returned by cli_parse after printing a command's usage for --help: the
 * command stops there and cli_run exits 0. */
enum { CLI_HELP_SHOWN = 1000 };

/* Values of a repeatable option, in the order given, NULL-ended. */
typedef struct cli_list {
    const char **items;
    size_t count, cap;
} cli_list;

/* An option of one command. Every value is kept as the string given; a flag
 * (metavar NULL) stores "1". The usage is printed from these tables, so an
 * option and its help cannot drift apart. */
typedef struct cli_option {
    const char *long_name; /* without the leading "--" */
    char short_name;       /* 0 when none */
    const char *metavar;   /* the value's name in the usage; NULL: a flag */
    const char **value;    /* the last value given, or NULL */
    const char *help;      /* one line of usage; '\n' starts a continuation line */
    cli_list *list;        /* repeatable: every value given is kept here too */
    int file;              /* CLI_FILE_READ or CLI_FILE_WRITE: the value names a file */
} cli_option;

enum { CLI_FILE_READ = 1, CLI_FILE_WRITE = 2 };

/* The size and page options every figure command takes, as given. */
typedef struct cli_page_values {
    const char *width, *page, *min_text, *dpi, *top; /* top: each command's own entry */
} cli_page_values;

/* Their entries of a command's option table, storing into `v`. */
/* clang-format off */
#define CLI_PAGE_OPTIONS(v)                                                                        \
    {"width", 0, "LENGTH", &(v).width, "figure width, such as 25cm (default 17cm)", NULL, 0},      \
    {"page", 0, "PAGE", &(v).page,                                                                 \
     "the box to fit: a4 (default), a4-landscape, letter,\n"                                      \
     "letter-landscape, WIDTHxHEIGHT (17cmx12cm) or none", NULL, 0},                               \
    {"min-text", 0, "PT", &(v).min_text, "smallest text printed, in points (default 6)", NULL, 0}, \
    {"dpi", 0, "N", &(v).dpi, "PNG resolution (default 150)", NULL, 0}
/* clang-format on */

/* Where a command line from a manifest (figures.txt) may read and write:
 * files named by its options are taken relative to these folders and must
 * stay inside them. Errors are placed at the option's word in the manifest. */
typedef struct cli_sandbox {
    const char *read_dir;  /* the dataset folder */
    const char *write_dir; /* the build's output folder for the dataset */
    const char *file;      /* the manifest, for messages */
    unsigned long line;
    const size_t *columns; /* column of argv[i] in the line; 0: not from it */
} cli_sandbox;

/* What a command line would write and read, filled instead of running it
 * (cli_plan). */
typedef struct cli_plan {
    bool periods;     /* resolve the files of --by (loads the dataset) */
    cli_list outputs; /* the files it writes (malloc'd strings) */
    cli_list inputs;  /* the files named by options that read (malloc'd) */
} cli_plan;

/* The option groups a command takes besides its own (cli_parse's `groups`). */
enum {
    CLI_LOADS = 1,  /* it loads datasets: limits, foreign formats, maps */
    CLI_FIGURE = 2, /* it writes a figure: -o, -T, --title, filters, -M, SVG */
};

typedef struct cli {
    const char *command;
    const char *synopsis; /* "[options] DATASET... -o FILE", for the usage */
    const char *summary;  /* what the command does, one line */
    const char **inputs;
    size_t input_count;
    evg_load_opts load;
    int quiet;
    /* Figure options common to every figure command. */
    const char *output;      /* -o */
    const char *format_name; /* -T */
    const char *title;
    const char *depfile; /* -M: a make rule naming the inputs read */
    evg_filter filter;
    /* SVG for web pages: --id-prefix, --css FILE (read into css_text), --no-size. */
    const char *css_path;
    char *css_text; /* malloc'd; freed by cli_run */
    evg_svg_opts svg;
    cli_list date_formats;      /* --date-format, repeatable; load.date_formats points here */
    cli_list read_files;        /* files named by options that read: the depfile names them */
    cli_list owned;             /* strings to free with the cli */
    const cli_sandbox *sandbox; /* a manifest's line: where it may read and write */
    cli_plan *plan;             /* fill this and write nothing */
} cli;

/* Prints a diagnostic GNU style: FILE:LINE:COLUMN: SEVERITY: MESSAGE.
 * `payload` is the cli (for --quiet). */
void cli_print_diag(const evg_diag *diag, void *payload);

/* The name among `names` nearest to `word` within a few edits, or NULL:
 * the "did you mean" of a typo. */
const char *cli_nearest(const char *word, const char *const *names, size_t count);

/* Prints an error GNU style, FILE:LINE:COLUMN: error: MESSAGE (the parts
 * that are 0 or NULL left out; no file: "evgraph: error: ..."), coloured on
 * a terminal as every diagnostic. */
void cli_error(const char *file, unsigned long line, unsigned long column, const char *fmt, ...);

/* Prints "evgraph: error: ..." and a hint; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...);

/* Places the usage errors that follow at a manifest's line (NULL: back to
 * "evgraph: error:" and a hint). */
void cli_usage_place(const cli_sandbox *sandbox);

/* Parses argv[2...]: the common options, the groups named by `groups`
 * (CLI_LOADS, CLI_FIGURE), and the command's own `extra` options (count
 * entries). Returns 0, EXIT_USAGE (the error printed) or CLI_HELP_SHOWN
 * (-h or --help: the command's usage printed on standard output). */
int cli_parse(cli *c, int argc, char **argv, unsigned groups, const cli_option *extra,
              size_t extra_count);

/* Parses a whole number (K, M or G may follow) for `option`; on error prints
 * the usage error and returns EXIT_USAGE. */
int cli_parse_count(const cli *c, const char *option, const char *text, size_t *out);

/* Fills an evg_output from -o and -T (format from the extension unless -T;
 * -T alone: standard output). An extension naming another format, or a web
 * page, is refused. Returns 0 or EXIT_USAGE. */
int cli_output(cli *c, evg_output *out);

/* The -M dependency file, if asked, set in `out` for the figure's writer to
 * write with the figure, all or none: "TARGETS: INPUTS..." and an empty
 * rule per input, like a compiler's -MD -MP. The inputs are the dataset's
 * files and those named by options (--css, --type-map, --actor-map).
 * Returns 0 or EXIT_INVALID. */
int cli_depfile(cli *c, evg_output *out, const char *const *targets, size_t target_count);

/* The files evg_actors_write writes for `path` with opts->by set: one per
 * period holding a selected event, appended to `out` (malloc'd). Returns 0
 * or an exit status after a message. */
int cli_period_paths(cli_list *out, const cli *c, const evg_model *model,
                     const evg_actors_opts *opts, const char *path);

/* Appends a copy of `text` to a list (grown as needed). Returns 0 or -1. */
int cli_list_add(cli_list *list, const char *text);
void cli_list_free(cli_list *list);

/* Runs a command line in plan mode: it is parsed and checked (within
 * `sandbox` when not NULL) and `plan` filled with what it would write and
 * read; nothing is written. Returns 0 or an exit status after messages. */
int cli_plan_run(cli_plan *plan, const cli_sandbox *sandbox, int argc, char **argv);

/* Within c->sandbox, takes a file option's value relative to the folder it
 * may reach and refuses one outside it (a placed error in the manifest).
 * `argi` is the option word's index in argv. Returns 0 or EXIT_INVALID. */
int cli_sandbox_file(cli *c, const cli_option *o, const char *option_word, int argi,
                     const char **value);

/* Fills c->plan for a command that writes the single file c->output. */
int cli_plan_single(cli *c);

/* Reads --css FILE into c->css_text and sets c->svg.css. Returns 0 or
 * EXIT_USAGE (the error printed). */
int cli_read_css(cli *c);

/* Where a figure's page options go: the fields of its options struct. */
typedef struct cli_figure_box {
    double *width; /* points */
    double *dpi;
    evg_page *page;
    double *min_text; /* points */
    size_t *top;
} cli_figure_box;

/* Reads --width (a length, cm when no unit: 17cm, 170mm, 6.7in, 482pt,
 * 643px), --dpi, --page, --min-text (points, "pt" may follow) and --top
 * into `box`, each only when given. Returns 0 or EXIT_USAGE after a
 * message. */
#define CLI_MIN_TEXT_MIN 1.0
#define CLI_MIN_TEXT_MAX 72.0
int cli_figure_page(const cli *c, const cli_page_values *pv, cli_figure_box *box);

/* Maps a library status to the exit status. */
int cli_exit_code(int status);

/* Reports every id of --type and --actor that the model lacks, with the
 * nearest one it has when close ("did you mean"). Returns 0 or EXIT_USAGE. */
int cli_check_ids(const cli *c, const evg_model *model);

/* Loads all inputs into one model and checks the filter's ids; returns 0 or
 * an exit status. */
int cli_load(cli *c, evg_model **model);

int cmd_actors(cli *c, int argc, char **argv);
int cmd_build(cli *c, int argc, char **argv);
int cmd_check(cli *c, int argc, char **argv);
int cmd_html(cli *c, int argc, char **argv);
int cmd_timeline(cli *c, int argc, char **argv);

/* Runs one command line (argv[0] "evgraph", argv[1] the command) as main
 * would, in-process; returns its exit status. */
int cli_run(int argc, char **argv);

#endif
