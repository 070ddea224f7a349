#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_print_diag(const evg_diag *d, void *payload)
{
    const cli *c = payload;
    if (c && c->quiet && d->severity == EVG_SEVERITY_WARNING)
        return;
    const char *severity = evg_severity_name(d->severity);
    if (d->file && d->line)
        fprintf(stderr, "%s:%lu:%lu: %s: %s\n", d->file, d->line, d->column, severity,
                d->message);
    else if (d->file)
        fprintf(stderr, "%s: %s: %s\n", d->file, severity, d->message);
    else
        fprintf(stderr, "evgraph: %s: %s\n", severity, d->message);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "evgraph: error: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'evgraph --help'.\n");
    va_end(ap);
    return EXIT_USAGE;
}

/* A whole number, optionally followed by K, M or G (powers of 1024). */
static int parse_size(const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || text[0] == '-')
        return -1;
    int shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10, end++;
    else if (*end == 'M' || *end == 'm')
        shift = 20, end++;
    else if (*end == 'G' || *end == 'g')
        shift = 30, end++;
    if (*end || (shift && v > (SIZE_MAX >> shift)))
        return -1;
    *out = (size_t)v << shift;
    return 0;
}

int cli_parse_count(const cli *c, const char *option, const char *text, size_t *out)
{
    if (parse_size(text, out) == 0)
        return 0;
    return cli_usage_error("%s: %s needs a whole number (K, M or G may follow), not '%s'",
                           c->command, option, text);
}

typedef struct option_group {
    const char *title;
    const cli_option *options;
    size_t count;
} option_group;

/* "  -o, --output FILE" padded to the help column, then the help, each
 * continuation line indented to that column. */
static void print_option(FILE *out, const cli_option *o)
{
    enum { HELP_COLUMN = 28 };
    int width;
    if (o->short_name)
        width = fprintf(out, "  -%c, --%s", o->short_name, o->long_name);
    else
        width = fprintf(out, "      --%s", o->long_name);
    if (o->metavar)
        width += fprintf(out, " %s", o->metavar);
    if (width + 2 > HELP_COLUMN) {
        fputc('\n', out);
        width = 0;
    }
    fprintf(out, "%*s", HELP_COLUMN - width, "");
    for (const char *p = o->help; *p; p++) {
        fputc(*p, out);
        if (*p == '\n')
            fprintf(out, "%*s", HELP_COLUMN, "");
    }
    fputc('\n', out);
}

static void print_usage(const cli *c, const option_group *groups, size_t group_count)
{
    printf("usage: evgraph %s %s\n", c->command, c->synopsis ? c->synopsis : "[options]");
    if (c->summary)
        printf("%s\n", c->summary);
    for (size_t g = 0; g < group_count; g++) {
        if (groups[g].count == 0)
            continue;
        printf("\n%s:\n", groups[g].title);
        for (size_t k = 0; k < groups[g].count; k++)
            print_option(stdout, &groups[g].options[k]);
    }
    printf("\nexit status: 0 success, 1 invalid input or failed output, 2 usage error\n");
}

/* --delimiter: a character by itself or by name. */
static int parse_delimiter(const char *text, char *out)
{
    static const struct {
        const char *name;
        char value;
    } names[] = {{",", ','},  {";", ';'},      {"tab", '\t'},     {"\\t", '\t'}, {"\t", '\t'},
                 {"|", '|'},  {"ctrl-a", 1},   {"\\x01", 1},      {"\x01", 1}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(text, names[i].name) == 0) {
            *out = names[i].value;
            return 0;
        }
    return -1;
}

int cli_parse(cli *c, int argc, char **argv, unsigned groups, const cli_option *extra,
              size_t extra_count)
{
    const char *max_errors = NULL, *quiet = NULL, *max_field = NULL, *max_columns = NULL;
    const char *max_rows = NULL, *max_memory = NULL, *help = NULL;
    const char *input_format = NULL, *min_mentions = NULL, *non_root = NULL, *no_size = NULL;
    const char *delimiter = NULL, *strict = NULL, *date_format = NULL;
    const cli_option common[] = {
        {"help", 'h', NULL, &help, "print this help and exit", NULL},
        {"quiet", 'q', NULL, &quiet, "do not print warnings", NULL},
    };
    const cli_option load_options[] = {
        {"max-errors", 0, "N", &max_errors, "stop listing errors after N (default 50, 0: no cap)",
         NULL},
        {"max-field-bytes", 0, "N", &max_field, "longest field (default 1M; 0: no limit)", NULL},
        {"max-columns", 0, "N", &max_columns, "fields in a row (default 1024; 0: no limit)", NULL},
        {"max-rows", 0, "N", &max_rows, "rows in all inputs (default 10000000; 0: no limit)",
         NULL},
        {"max-memory", 0, "N", &max_memory,
         "memory the data may take (default 4G; 0: none)", NULL},
        {"input-format", 0, "F", &input_format,
         "acled, gdelt, icews or evgraph (default: detected)", NULL},
        {"columns", 0, "MAPPING", &c->load.columns,
         "map a table's columns onto events:\ndate=Recording_Date,actor=Sender,...", NULL},
        {"delimiter", 0, "C", &delimiter,
         "field separator: , ; tab | or ctrl-a\n(default: guessed from the header)", NULL},
        {"date-format", 0, "FMT", &date_format,
         "strptime format of dates, such as %d/%m/%Y;\nrepeat to try several in order",
         &c->date_formats},
        {"strict", 0, NULL, &strict,
         "a bad value or row of a foreign file is an error,\nnot a warning", NULL},
        {"min-mentions", 0, "N", &min_mentions, "GDELT: drop events with fewer NumMentions", NULL},
        {"include-non-root", 0, NULL, &non_root, "GDELT: keep events that are not root events",
         NULL},
        {"type-map", 0, "FILE", &c->load.type_map,
         "CSV format,code,type overriding the built-in types", NULL},
        {"actor-map", 0, "FILE", &c->load.actor_map,
         "CSV raw,id[,name,kind] renaming or merging actors", NULL},
    };
    const cli_option figure_options[] = {
        {"output", 'o', "FILE", &c->output, "write to FILE (- : standard output)", NULL},
        {"format", 'T', "FORMAT", &c->format_name,
         "dot, svg, png or pdf (default: FILE's extension)", NULL},
        {"title", 0, "TEXT", &c->title, "the figure's title", NULL},
        {"from", 0, "DATE", &c->filter.from, "leave out events ending before DATE", NULL},
        {"to", 0, "DATE", &c->filter.to, "leave out events starting after DATE", NULL},
        {"type", 0, "IDS", &c->filter.types, "only events of these types (comma-separated)",
         NULL},
        {"actor", 0, "IDS", &c->filter.actors, "only events involving these actors", NULL},
        {"depfile", 'M', "FILE", &c->depfile,
         "also write a make rule naming the files read", NULL},
        {"id-prefix", 0, "P", &c->svg.id_prefix,
         "SVG: prefix of every id (default: FILE's name)", NULL},
        {"css", 0, "FILE", &c->css_path, "embed FILE as the stylesheet", NULL},
        {"no-size", 0, NULL, &no_size,
         "SVG: no width and height; it scales to its container", NULL},
    };
    const option_group tables[] = {
        {"options", extra, extra_count},
        {"output and filters", figure_options,
         groups & CLI_FIGURE ? sizeof figure_options / sizeof figure_options[0] : 0},
        {"reading datasets", load_options,
         groups & CLI_LOADS ? sizeof load_options / sizeof load_options[0] : 0},
        {"general", common, sizeof common / sizeof common[0]},
    };
    const size_t table_count = sizeof tables / sizeof tables[0];

    c->inputs = calloc((size_t)argc, sizeof *c->inputs);
    c->date_formats.items = calloc((size_t)argc, sizeof *c->date_formats.items);
    if (c->inputs == NULL || c->date_formats.items == NULL)
        return EXIT_INVALID;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            c->inputs[c->input_count++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                c->inputs[c->input_count++] = argv[i];
            break;
        }
        const cli_option *found = NULL;
        const char *inline_value = NULL;
        if (arg[1] == '-') {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            for (size_t t = 0; t < table_count && !found; t++)
                for (size_t k = 0; k < tables[t].count && !found; k++)
                    if (strlen(tables[t].options[k].long_name) == len &&
                        strncmp(tables[t].options[k].long_name, name, len) == 0)
                        found = &tables[t].options[k];
            inline_value = eq ? eq + 1 : NULL;
        } else {
            for (size_t t = 0; t < table_count && !found; t++)
                for (size_t k = 0; k < tables[t].count && !found; k++)
                    if (tables[t].options[k].short_name == arg[1])
                        found = &tables[t].options[k];
            inline_value = arg[2] ? arg + 2 : NULL;
        }
        if (found == NULL)
            return cli_usage_error("%s: unknown option '%s'", c->command, arg);
        if (found->metavar == NULL) {
            if (inline_value)
                return cli_usage_error("option '%s' takes no value", arg);
            *found->value = "1";
            continue;
        }
        if (inline_value == NULL) {
            if (i + 1 >= argc)
                return cli_usage_error("option '%s' needs a value", arg);
            inline_value = argv[++i];
        }
        *found->value = inline_value;
        if (found->list)
            found->list->items[found->list->count++] = inline_value;
    }
    if (help) {
        print_usage(c, tables, table_count);
        return CLI_HELP_SHOWN;
    }
    c->quiet = quiet != NULL;
    const struct {
        const char *option, *value;
        size_t *target;
    } sizes[] = {
        {"--max-errors", max_errors, &c->load.max_errors},
        {"--max-field-bytes", max_field, &c->load.max_field_bytes},
        {"--max-columns", max_columns, &c->load.max_columns},
        {"--max-rows", max_rows, &c->load.max_rows},
        {"--max-memory", max_memory, &c->load.max_memory_bytes},
        {"--min-mentions", min_mentions, &c->load.min_mentions},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i].value && parse_size(sizes[i].value, sizes[i].target) != 0)
            return cli_usage_error("%s needs a whole number (K, M or G may follow), not '%s'",
                                   sizes[i].option, sizes[i].value);
    if (input_format && evg_input_format_parse(&c->load.input_format, input_format) != 0)
        return cli_usage_error("unknown input format '%s' (expected acled, gdelt, icews, "
                               "evgraph or auto)",
                               input_format);
    if (delimiter && parse_delimiter(delimiter, &c->load.delimiter) != 0)
        return cli_usage_error("%s: --delimiter: unknown value '%s' (expected , ; tab | or "
                               "ctrl-a)",
                               c->command, delimiter);
    if (c->load.columns && c->load.columns[0] == '\0')
        return cli_usage_error("%s: --columns needs a non-empty mapping such as "
                               "date=Date,actor=Sender",
                               c->command);
    for (size_t i = 0; i < c->date_formats.count; i++)
        if (strchr(c->date_formats.items[i], '%') == NULL)
            return cli_usage_error("%s: --date-format '%s' has no %% field (such as %%Y-%%m-%%d)",
                                   c->command, c->date_formats.items[i]);
    if (c->date_formats.count)
        c->load.date_formats = c->date_formats.items;
    c->load.strict = strict != NULL;
    c->load.include_non_root = non_root != NULL;
    c->svg.no_size = no_size != NULL;
    if (c->svg.id_prefix && c->svg.id_prefix[0] == '\0')
        return cli_usage_error("--id-prefix needs a non-empty value");
    return cli_read_css(c);
}

int cli_read_css(cli *c)
{
    if (c->css_path == NULL)
        return 0;
    FILE *in = fopen(c->css_path, "rb");
    if (in == NULL)
        return cli_usage_error("--css: cannot open '%s': %s", c->css_path, strerror(errno));
    {
        size_t cap = 4096, len = 0;
        char *data = malloc(cap);
        size_t n;
        while (data && (n = fread(data + len, 1, cap - len - 1, in)) > 0) {
            len += n;
            if (len + 1 == cap) {
                char *bigger = cap < (1u << 24) ? realloc(data, cap * 2) : NULL;
                if (bigger == NULL) {
                    free(data);
                    data = NULL;
                    break;
                }
                data = bigger;
                cap *= 2;
            }
        }
        int failed = ferror(in);
        fclose(in);
        if (data == NULL || failed) {
            free(data);
            return cli_usage_error("--css: cannot read '%s' (or it is over 16 MB)", c->css_path);
        }
        data[len] = '\0';
        if (strlen(data) != len) {
            free(data);
            return cli_usage_error("--css: '%s' holds a NUL byte", c->css_path);
        }
        c->css_text = data;
        c->svg.css = data;
    }
    return 0;
}

int cli_output(const cli *c, evg_output *out)
{
    memset(out, 0, sizeof *out);
    if (c->output == NULL)
        return cli_usage_error("%s: no output given (-o FILE, or -o - for standard output)",
                               c->command);
    out->path = c->output;
    out->diag = cli_print_diag;
    out->diag_payload = (void *)c;
    if (c->format_name) {
        if (evg_format_parse(&out->format, c->format_name) != 0)
            return cli_usage_error("unknown format '%s' (expected dot, svg, png or pdf)",
                                   c->format_name);
    } else if (strcmp(c->output, "-") == 0) {
        return cli_usage_error("-o - needs -T FORMAT (dot, svg, png or pdf)");
    } else if (evg_format_from_path(&out->format, c->output) != 0) {
        return cli_usage_error("cannot tell the format of '%s' from its extension; use -T "
                               "dot|svg|png|pdf",
                               c->output);
    }
    return 0;
}

int cli_exit_code(int status)
{
    if (status == 0)
        return 0;
    return status == EVG_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
}

int cli_load(cli *c, evg_model **model)
{
    if (c->input_count == 0)
        return cli_usage_error("%s: no dataset given", c->command);
    return cli_exit_code(evg_load(model, c->inputs, c->input_count, &c->load));
}

typedef struct text_buffer {
    char *data;
    size_t len, cap;
    bool failed;
} text_buffer;

/* Appends `text`; with `escape`, as one make word (space, '#' and '\' get a
 * backslash, '$' is doubled). */
static void append(text_buffer *b, const char *text, bool escape)
{
    size_t need = b->len + 2 * strlen(text) + 1;
    if (need > b->cap) {
        char *bigger = realloc(b->data, need * 2);
        if (bigger == NULL) {
            b->failed = true;
            return;
        }
        b->data = bigger;
        b->cap = need * 2;
    }
    for (const char *p = text; *p; p++) {
        if (escape && (*p == ' ' || *p == '#' || *p == '\\'))
            b->data[b->len++] = '\\';
        else if (escape && *p == '$')
            b->data[b->len++] = '$';
        b->data[b->len++] = *p;
    }
    b->data[b->len] = '\0';
}

int cli_write_depfile(const cli *c, const char *target)
{
    if (c->depfile == NULL)
        return 0;
    /* The files a dataset path makes evgraph read, as the loader reads them. */
    const char *parts[] = {"types.csv", "actors.csv", "events.csv"};
    text_buffer rule = {0}, phony = {0};
    append(&rule, target, true);
    append(&rule, ":", false);
    for (size_t i = 0; i < c->input_count; i++) {
        const char *in = c->inputs[i];
        struct stat st;
        if (strcmp(in, "-") == 0 || stat(in, &st) != 0)
            continue;
        size_t dir_len = strlen(in);
        while (dir_len > 1 && in[dir_len - 1] == '/')
            dir_len--;
        bool dir = S_ISDIR(st.st_mode);
        for (size_t k = 0; k < (dir ? 3u : 1u); k++) {
            char *path = malloc(dir_len + 16);
            if (path == NULL) {
                rule.failed = true;
                break;
            }
            if (dir)
                sprintf(path, "%.*s/%s", (int)dir_len, in, parts[k]);
            else
                strcpy(path, in);
            struct stat part;
            if (stat(path, &part) == 0) {
                append(&rule, " \\\n  ", false);
                append(&rule, path, true);
                /* A rule per input, so a deleted input does not stop make. */
                append(&phony, "\n", false);
                append(&phony, path, true);
                append(&phony, ":\n", false);
            }
            free(path);
        }
    }
    append(&rule, "\n", false);
    if (phony.data)
        append(&rule, phony.data, false);
    int rc = EXIT_INVALID;
    if (rule.failed || phony.failed)
        fprintf(stderr, "evgraph: error: out of memory\n");
    else if (evg_write_file(c->depfile, rule.data, rule.len, cli_print_diag, (void *)c) == 0)
        rc = 0;
    free(rule.data);
    free(phony.data);
    return rc;
}

/* A positive length with a unit (cm when none) into points. */
static int parse_length(const char *text, double *out)
{
    static const struct {
        const char *unit;
        double points;
    } units[] = {{"", 72 / 2.54}, {"cm", 72 / 2.54}, {"mm", 72 / 25.4}, {"in", 72}, {"pt", 1}};
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || !isfinite(v) || v <= 0)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            *out = v * units[i].points;
            return 0;
        }
    }
    return -1;
}

int cli_figure_size(const cli *c, const char *width, const char *dpi, double *width_points,
                    double *dots_per_inch)
{
    if (width) {
        /* Rounding a length given in cm may land a hair outside the range. */
        if (parse_length(width, width_points) != 0 ||
            *width_points < EVG_FIGURE_WIDTH_MIN - 0.5 || *width_points > EVG_FIGURE_WIDTH_MAX + 0.5)
            return cli_usage_error("%s: --width needs a length from 8 to 200 cm (such as 17cm, "
                                   "170mm, 6.7in or 482pt), not '%s'",
                                   c->command, width);
        *width_points = fmin(fmax(*width_points, EVG_FIGURE_WIDTH_MIN), EVG_FIGURE_WIDTH_MAX);
    }
    if (dpi) {
        char *end;
        errno = 0;
        *dots_per_inch = strtod(dpi, &end);
        if (errno || end == dpi || *end || !(*dots_per_inch >= EVG_FIGURE_DPI_MIN) ||
            !(*dots_per_inch <= EVG_FIGURE_DPI_MAX))
            return cli_usage_error("%s: --dpi needs a number from %g to %g, not '%s'", c->command,
                                   EVG_FIGURE_DPI_MIN, EVG_FIGURE_DPI_MAX, dpi);
    }
    return 0;
}

int cli_figure_box(const cli *c, const char *page, const char *min_text, const char *top,
                   evg_page *page_out, double *min_text_out, size_t *top_out)
{
    if (page && evg_page_parse(page_out, page) != 0)
        return cli_usage_error("%s: --page: unknown value '%s' (expected a4, a4-landscape, "
                               "letter, letter-landscape, WIDTHxHEIGHT such as 17cmx24cm, or "
                               "none)",
                               c->command, page);
    if (min_text) {
        char *end;
        errno = 0;
        double points = strtod(min_text, &end);
        if (errno || end == min_text || (*end && strcmp(end, "pt") != 0) ||
            !(points >= CLI_MIN_TEXT_MIN) || !(points <= CLI_MIN_TEXT_MAX))
            return cli_usage_error("%s: --min-text needs a size in points from %g to %g, not "
                                   "'%s'",
                                   c->command, CLI_MIN_TEXT_MIN, CLI_MIN_TEXT_MAX, min_text);
        *min_text_out = points;
    }
    if (top) {
        int rc = cli_parse_count(c, "--top", top, top_out);
        if (rc)
            return rc;
    }
    return 0;
}
