/* The command's shared pieces: argument parsing and diagnostics printing. */
#ifndef EVG_CLI_H
#define EVG_CLI_H

#include <evgraph/evgraph.h>

#include <stddef.h>

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* An option of one command. Every value is kept as the string given; a flag
 * (takes_value 0) stores "1". */
typedef struct cli_option {
    const char *long_name; /* without the leading "--" */
    char short_name;       /* 0 when none */
    int takes_value;
    const char **value;
    const char *help; /* "--name VALUE  what it does" line for usage */
} cli_option;

typedef struct cli {
    const char *command;
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
} cli;

/* Prints a diagnostic GNU style: FILE:LINE:COLUMN: SEVERITY: MESSAGE.
 * `payload` is the cli (for --quiet). */
void cli_print_diag(const evg_diag *diag, void *payload);

/* Prints "evgraph: error: ..." and a hint; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...);

/* Parses argv[2...]: the common options, the figure options when `figure` is
 * non-zero, and the command's own `extra` options (count entries). Returns 0
 * or EXIT_USAGE (the error printed). */
int cli_parse(cli *c, int argc, char **argv, int figure, const cli_option *extra,
              size_t extra_count);

/* Fills an evg_output from -o and -T (format from the extension unless -T).
 * Returns 0 or EXIT_USAGE. */
int cli_output(const cli *c, evg_output *out);

/* Writes the -M dependency file, if asked: "TARGET: INPUTS..." and an empty
 * rule per input, like a compiler's -MD -MP. Returns 0 or EXIT_INVALID. */
int cli_write_depfile(const cli *c, const char *target);

/* Reads --css FILE into c->css_text and sets c->svg.css. Returns 0 or
 * EXIT_USAGE (the error printed). */
int cli_read_css(cli *c);

/* Reads --width (a length, cm when no unit: 17cm, 170mm, 6.7in, 482pt)
 * into points and --dpi, each only when given (NULL leaves the output
 * alone). Returns 0 or EXIT_USAGE after a message. */
int cli_figure_size(const cli *c, const char *width, const char *dpi, double *width_points,
                    double *dots_per_inch);

/* Maps a library status to the exit status. */
int cli_exit_code(int status);

/* Loads all inputs into one model; returns 0 or an exit status. */
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
