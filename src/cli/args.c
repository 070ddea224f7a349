#define _POSIX_C_SOURCE 200809L

#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Colour on a terminal, as compilers do, unless NO_COLOR is set (any
 * non-empty value, https://no-color.org) or the terminal is dumb. */
static bool use_colour(void)
{
    static int decided = -1;
    if (decided < 0) {
        const char *no_colour = getenv("NO_COLOR"), *term = getenv("TERM");
        decided = isatty(STDERR_FILENO) && !(no_colour && *no_colour) &&
                  !(term && strcmp(term, "dumb") == 0);
    }
    return decided;
}

/* "error" or "warning", coloured when on a terminal. */
static void print_severity(const char *severity)
{
    if (!use_colour())
        fprintf(stderr, "%s", severity);
    else
        fprintf(stderr, "\033[1;%sm%s\033[0m", strcmp(severity, "error") == 0 ? "31" : "35",
                severity);
}

void cli_print_diag(const evg_diag *d, void *payload)
{
    const cli *c = payload;
    if (c && c->quiet && d->severity == EVG_SEVERITY_WARNING)
        return;
    const char *bold = use_colour() ? "\033[1m" : "", *plain = use_colour() ? "\033[0m" : "";
    if (d->file && d->line && d->column)
        fprintf(stderr, "%s%s:%lu:%lu:%s ", bold, d->file, d->line, d->column, plain);
    else if (d->file && d->line)
        fprintf(stderr, "%s%s:%lu:%s ", bold, d->file, d->line, plain);
    else if (d->file)
        fprintf(stderr, "%s%s:%s ", bold, d->file, plain);
    else
        fprintf(stderr, "evgraph: ");
    print_severity(evg_severity_name(d->severity));
    fprintf(stderr, ": %s\n", d->message);
}

void cli_error(const char *file, unsigned long line, unsigned long column, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    evg_diag d = {EVG_SEVERITY_ERROR, file, line, column, message};
    cli_print_diag(&d, NULL);
}

/* The manifest line being run, if any: its usage errors are placed there. */
static const cli_sandbox *usage_place;

void cli_usage_place(const cli_sandbox *sandbox)
{
    usage_place = sandbox;
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char message[1024];
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (usage_place) {
        cli_error(usage_place->file, usage_place->line, 0, "%s", message);
    } else {
        cli_error(NULL, 0, 0, "%s", message);
        fprintf(stderr, "Try 'evgraph --help'.\n");
    }
    return EXIT_USAGE;
}

/* Edit distance with adjacent transpositions (optimal string alignment),
 * capped: anything over 3 is 4. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > 3)
        return 4;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb] > 4 ? 4 : d[la][lb];
}

const char *cli_nearest(const char *word, const char *const *names, size_t count)
{
    /* Short words allow one edit, longer ones two or three. */
    size_t len = strlen(word), allowed = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    const char *best = NULL;
    size_t best_distance = allowed + 1;
    for (size_t i = 0; i < count; i++) {
        size_t d = edit_distance(word, names[i]);
        if (d < best_distance) {
            best = names[i];
            best_distance = d;
        }
    }
    return best;
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

/* The first character XML 1.0 cannot carry in `text` (a C0 control but
 * tab, LF and CR, U+FFFE, U+FFFF, a surrogate, or bytes that are not UTF-8):
 * its offset, or -1 when there is none. *what names it. */
static long xml_invalid(const char *text, size_t len, char *what, size_t what_size)
{
    const unsigned char *p = (const unsigned char *)text;
    for (size_t i = 0; i < len;) {
        unsigned c = p[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                               : (c & 0xF8) == 0xF0 ? 4 : 0;
        unsigned long cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
        bool ok = n != 0 && i + n <= len;
        for (size_t k = 1; ok && k < n; k++) {
            ok = (p[i + k] & 0xC0) == 0x80;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        /* Overlong forms and code points past U+10FFFF are not UTF-8. */
        if (ok && ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
                   (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))))
            ok = false;
        if (!ok) {
            snprintf(what, what_size, "a byte 0x%02X that is not UTF-8", c);
            return (long)i;
        }
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE ||
            cp == 0xFFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            snprintf(what, what_size, "U+%04lX", cp);
            return (long)i;
        }
        i += n;
    }
    return -1;
}

/* "unknown option", with the nearest of the command's options when one is
 * close. */
static int unknown_option(const cli *c, const char *arg, const option_group *groups,
                          size_t group_count)
{
    const char *names[128];
    size_t count = 0;
    for (size_t g = 0; g < group_count; g++)
        for (size_t k = 0; k < groups[g].count && count < 128; k++)
            names[count++] = groups[g].options[k].long_name;
    char word[72];
    snprintf(word, sizeof word, "%.*s", (int)strcspn(arg + (arg[1] == '-' ? 2 : 1), "="),
             arg + (arg[1] == '-' ? 2 : 1));
    const char *near = arg[1] == '-' ? cli_nearest(word, names, count) : NULL;
    if (near)
        return cli_usage_error("%s: unknown option '%s' (did you mean '--%s'?)", c->command, arg,
                               near);
    return cli_usage_error("%s: unknown option '%s'", c->command, arg);
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

/* Sorts argv into inputs and option values (the tables' targets). */
static int read_arguments(cli *c, int argc, char **argv, const option_group *tables,
                          size_t table_count)
{
    c->inputs = calloc((size_t)argc, sizeof *c->inputs);
    if (c->inputs == NULL)
        return EXIT_INVALID;
    for (int i = 2; i < argc; i++) {
        const char *arg = argv[i];
        /* A manifest's line names no dataset and asks no help: the build
         * gives the dataset, and reads nothing outside it. */
        bool from_manifest = c->sandbox && c->sandbox->columns && c->sandbox->columns[i];
        if (from_manifest && (arg[0] != '-' || strcmp(arg, "-") == 0 || strcmp(arg, "--") == 0 ||
                              strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0)) {
            cli_error(c->sandbox->file, c->sandbox->line, c->sandbox->columns[i],
                      "'%s' has no place in a manifest line (the build gives the dataset; "
                      "options take their value)",
                      arg);
            return EXIT_INVALID;
        }
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
            return unknown_option(c, arg, tables, table_count);
        if (found->metavar == NULL) {
            if (inline_value)
                return cli_usage_error("option '%s' takes no value", arg);
            *found->value = "1";
            continue;
        }
        int option_index = i;
        if (inline_value == NULL) {
            if (i + 1 >= argc)
                return cli_usage_error("option '%s' needs a value", arg);
            inline_value = argv[++i];
        }
        if (cli_sandbox_file(c, found, arg, option_index, &inline_value) != 0)
            return EXIT_INVALID;
        *found->value = inline_value;
        if (found->list && cli_list_add(found->list, inline_value) != 0)
            return EXIT_INVALID;
        if (found->file == CLI_FILE_READ && cli_list_add(&c->read_files, inline_value) != 0)
            return EXIT_INVALID;
    }
    return 0;
}

/* The options of reading datasets, as given, before they are checked. */
typedef struct load_values {
    const char *max_errors, *max_field, *max_columns, *max_rows, *max_memory, *min_mentions;
    const char *input_format, *delimiter, *strict, *non_root;
} load_values;

/* --input-format, with the names the library knows and the nearest one. */
static int parse_input_format(cli *c, const char *text)
{
    if (evg_input_format_parse(&c->load.input_format, text) == 0)
        return 0;
    const char *names[32];
    size_t count = 0;
    char list[256] = "";
    size_t used = 0;
    for (int i = 0; count < 32; i++) {
        evg_input_format f;
        const char *name = evg_input_format_name((evg_input_format)i);
        if (evg_input_format_parse(&f, name) != 0 || (int)f != i)
            break;
        names[count++] = name;
        int n = snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", name);
        if (n > 0 && (size_t)n < sizeof list - used)
            used += (size_t)n;
    }
    const char *near = cli_nearest(text, names, count);
    if (near)
        return cli_usage_error("%s: unknown input format '%s' (did you mean '%s'? known: %s)",
                               c->command, text, near, list);
    return cli_usage_error("%s: unknown input format '%s' (expected %s)", c->command, text, list);
}

/* Checks the reading options and puts them in c->load. */
static int apply_load_values(cli *c, const load_values *r)
{
    const struct {
        const char *option, *value;
        size_t *target;
    } sizes[] = {
        {"--max-errors", r->max_errors, &c->load.max_errors},
        {"--max-field-bytes", r->max_field, &c->load.max_field_bytes},
        {"--max-columns", r->max_columns, &c->load.max_columns},
        {"--max-rows", r->max_rows, &c->load.max_rows},
        {"--max-memory", r->max_memory, &c->load.max_memory_bytes},
        {"--min-mentions", r->min_mentions, &c->load.min_mentions},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i].value && parse_size(sizes[i].value, sizes[i].target) != 0)
            return cli_usage_error("%s needs a whole number (K, M or G may follow), not '%s'",
                                   sizes[i].option, sizes[i].value);
    int rc;
    if (r->input_format && (rc = parse_input_format(c, r->input_format)) != 0)
        return rc;
    if (r->delimiter && parse_delimiter(r->delimiter, &c->load.delimiter) != 0)
        return cli_usage_error("%s: --delimiter: unknown value '%s' (expected , ; tab | or "
                               "ctrl-a)",
                               c->command, r->delimiter);
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
    c->load.strict = r->strict != NULL;
    c->load.include_non_root = r->non_root != NULL;
    return 0;
}

/* The title and id prefix end up in XML: refuse what it cannot hold. */
static int check_figure_texts(const cli *c)
{
    if (c->svg.id_prefix && c->svg.id_prefix[0] == '\0')
        return cli_usage_error("--id-prefix needs a non-empty value");
    char what[48];
    long at;
    if (c->title && (at = xml_invalid(c->title, strlen(c->title), what, sizeof what)) >= 0)
        return cli_usage_error("%s: --title: %s at byte %ld cannot be written in SVG or HTML "
                               "(XML 1.0)",
                               c->command, what, at + 1);
    return 0;
}

int cli_parse(cli *c, int argc, char **argv, unsigned groups, const cli_option *extra,
              size_t extra_count)
{
    const char *quiet = NULL, *help = NULL, *no_size = NULL, *date_format = NULL;
    const char *responsive = NULL, *background = NULL;
    load_values v = {0};
    const cli_option common[] = {
        {"help", 'h', NULL, &help, "print this help and exit", NULL, 0},
        {"quiet", 'q', NULL, &quiet, "do not print warnings", NULL, 0},
    };
    const cli_option load_options[] = {
        {"max-errors", 0, "N", &v.max_errors, "stop listing errors after N (default 50, 0: no cap)",
         NULL, 0},
        {"max-field-bytes", 0, "N", &v.max_field, "longest field (default 1M; 0: no limit)", NULL, 0},
        {"max-columns", 0, "N", &v.max_columns, "fields in a row (default 1024; 0: no limit)", NULL, 0},
        {"max-rows", 0, "N", &v.max_rows, "rows in all inputs (default 10000000; 0: no limit)",
         NULL, 0},
        {"max-memory", 0, "N", &v.max_memory,
         "memory the data may take (default 4G; 0: none)", NULL, 0},
        {"input-format", 0, "F", &v.input_format,
         "acled, gdelt, icews, icews4, ucdp, phoenix,\nsar, table or evgraph (default: detected)", NULL, 0},
        {"columns", 0, "MAPPING", &c->load.columns,
         "map a table's columns onto events:\ndate=Recording_Date,actor=Sender,...", NULL, 0},
        {"delimiter", 0, "C", &v.delimiter,
         "field separator: , ; tab | or ctrl-a\n(default: guessed from the header)", NULL, 0},
        {"date-format", 0, "FMT", &date_format,
         "strptime format of dates, such as %d/%m/%Y;\nrepeat to try several in order",
         &c->date_formats, 0},
        {"strict", 0, NULL, &v.strict,
         "a bad value or row of a foreign file is an error,\nnot a warning", NULL, 0},
        {"min-mentions", 0, "N", &v.min_mentions, "GDELT: drop events with fewer NumMentions", NULL, 0},
        {"include-non-root", 0, NULL, &v.non_root, "GDELT: keep events that are not root events",
         NULL, 0},
        {"type-map", 0, "FILE", &c->load.type_map,
         "CSV format,code,type overriding the built-in types", NULL, CLI_FILE_READ},
        {"actor-map", 0, "FILE", &c->load.actor_map,
         "CSV raw,id[,name,kind] renaming or merging actors", NULL, CLI_FILE_READ},
    };
    const cli_option figure_options[] = {
        {"output", 'o', "FILE", &c->output, "write to FILE (- : standard output)", NULL, 0},
        {"format", 'T', "FORMAT", &c->format_name,
         "dot, svg, png or pdf; actors also graphml or gexf\n(default: FILE's extension)", NULL,
         0},
        {"title", 0, "TEXT", &c->title, "the figure's title", NULL, 0},
        {"from", 0, "DATE", &c->filter.from, "leave out events ending before DATE", NULL, 0},
        {"to", 0, "DATE", &c->filter.to, "leave out events starting after DATE", NULL, 0},
        {"type", 0, "IDS", &c->filter.types, "only events of these types (comma-separated)",
         NULL, 0},
        {"actor", 0, "IDS", &c->filter.actors, "only events involving these actors", NULL, 0},
        {"depfile", 'M', "FILE", &c->depfile,
         "also write a make rule naming the files read", NULL, CLI_FILE_WRITE},
        {"id-prefix", 0, "P", &c->svg.id_prefix,
         "SVG: prefix of every id (default: FILE's name\nand a hash of the figure)", NULL, 0},
        {"css", 0, "FILE", &c->css_path, "embed FILE as the stylesheet", NULL, CLI_FILE_READ},
        {"no-size", 0, NULL, &no_size,
         "SVG: no width and height; it scales to its container", NULL, 0},
        {"responsive", 0, NULL, &responsive,
         "SVG: viewBox only, for web pages (same as --no-size)", NULL, 0},
        {"background", 0, "none", &background,
         "SVG: 'none' for a transparent background", NULL, 0},
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

    int rc = read_arguments(c, argc, argv, tables, table_count);
    if (rc != 0)
        return rc;
    if (help) {
        print_usage(c, tables, table_count);
        return CLI_HELP_SHOWN;
    }
    c->quiet = quiet != NULL;
    if ((rc = apply_load_values(c, &v)) != 0)
        return rc;
    c->svg.no_size = no_size != NULL || responsive != NULL;
    if (background && strcmp(background, "none") != 0)
        return cli_usage_error("--background: only 'none' (transparent) is known, not '%s'",
                               background);
    c->svg.transparent = background != NULL;
    if ((rc = check_figure_texts(c)) != 0)
        return rc;
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
        char what[48];
        long at = xml_invalid(data, len, what, sizeof what);
        if (at >= 0) {
            unsigned long line = 1, column = 1;
            for (long i = 0; i < at; i++, column++)
                if (data[i] == '\n')
                    line++, column = 0;
            cli_error(c->css_path, line, column, "%s cannot be written in SVG or HTML (XML 1.0)",
                      what);
            free(data);
            return EXIT_INVALID;
        }
        c->css_text = data;
        c->svg.css = data;
    }
    return 0;
}

/* Whether a path names a web page. */
static bool html_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    return dot && (!slash || dot > slash) &&
           (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}

/* The formats the command writes, joined by `separator` (", ": "... or
 * ..."). The actor graph is also a network (GraphML, GEXF). */
static const char *formats_of(const cli *c, const char *separator)
{
    bool network = strcmp(c->command, "actors") == 0;
    if (strcmp(separator, "|") == 0)
        return network ? "dot|svg|png|pdf|graphml|gexf" : "dot|svg|png|pdf";
    return network ? "dot, svg, png, pdf, graphml or gexf" : "dot, svg, png or pdf";
}

int cli_output(cli *c, evg_output *out)
{
    memset(out, 0, sizeof *out);
    /* Like dot: -T alone writes to standard output. */
    if (c->output == NULL && c->format_name)
        c->output = "-";
    if (c->output == NULL)
        return cli_usage_error("%s: no output given (-o FILE, or -o - for standard output)",
                               c->command);
    if (c->depfile && strcmp(c->depfile, "-") == 0 && strcmp(c->output, "-") == 0)
        return cli_usage_error("%s: -M - would put the make rule into the figure on standard "
                               "output; give -M FILE",
                               c->command);
    out->path = c->output;
    out->diag = cli_print_diag;
    out->diag_payload = (void *)c;
    bool to_file = strcmp(c->output, "-") != 0;
    if (to_file && html_path(c->output))
        return cli_usage_error("%s: '%s' is a web page; evgraph %s writes %s (for a page use "
                               "'evgraph html')",
                               c->command, c->output, c->command, formats_of(c, ", "));
    evg_format by_extension;
    bool known = to_file && evg_format_from_path(&by_extension, c->output) == 0;
    if (c->format_name) {
        if (evg_format_parse(&out->format, c->format_name) != 0)
            return cli_usage_error("unknown format '%s' (expected %s)", c->format_name,
                                   formats_of(c, ", "));
        if (known && by_extension != out->format)
            return cli_usage_error("%s: -T %s, but '%s' is named as %s; name it .%s or leave "
                                   "-T out",
                                   c->command, c->format_name, c->output,
                                   evg_format_name(by_extension), evg_format_name(out->format));
    } else if (!to_file) {
        return cli_usage_error("-o - needs -T FORMAT (%s)", formats_of(c, ", "));
    } else if (!known) {
        return cli_usage_error("cannot tell the format of '%s' from its extension; use -T %s",
                               c->output, formats_of(c, "|"));
    } else {
        out->format = by_extension;
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
    int rc = cli_exit_code(evg_load(model, c->inputs, c->input_count, &c->load));
    if (rc == 0 && (rc = cli_check_ids(c, *model)) != 0) {
        evg_model_free(*model);
        *model = NULL;
    }
    return rc;
}

/* A positive length with a unit (cm when none) into points. */
static int parse_length(const char *text, double *out)
{
    static const struct {
        const char *unit;
        double points;
    } units[] = {{"", 72 / 2.54}, {"cm", 72 / 2.54}, {"mm", 72 / 25.4}, {"in", 72}, {"pt", 1},
                 {"px", 0.75}};
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

int cli_figure_page(const cli *c, const cli_page_values *pv, cli_figure_box *box)
{
    if (pv->width) {
        /* Rounding a length given in cm may land a hair outside the range. */
        if (parse_length(pv->width, box->width) != 0 ||
            *box->width < EVG_FIGURE_WIDTH_MIN - 0.5 || *box->width > EVG_FIGURE_WIDTH_MAX + 0.5)
            return cli_usage_error("%s: --width needs a length from 8 to 200 cm (such as 17cm, "
                                   "170mm, 6.7in, 482pt or 643px), not '%s'",
                                   c->command, pv->width);
        *box->width = fmin(fmax(*box->width, EVG_FIGURE_WIDTH_MIN), EVG_FIGURE_WIDTH_MAX);
    }
    if (pv->dpi) {
        char *end;
        errno = 0;
        *box->dpi = strtod(pv->dpi, &end);
        if (errno || end == pv->dpi || *end || !(*box->dpi >= EVG_FIGURE_DPI_MIN) ||
            !(*box->dpi <= EVG_FIGURE_DPI_MAX))
            return cli_usage_error("%s: --dpi needs a number from %g to %g, not '%s'", c->command,
                                   EVG_FIGURE_DPI_MIN, EVG_FIGURE_DPI_MAX, pv->dpi);
    }
    if (pv->page && evg_page_parse(box->page, pv->page) != 0)
        return cli_usage_error("%s: --page: unknown value '%s' (expected a4, a4-landscape, "
                               "letter, letter-landscape, WIDTHxHEIGHT such as 17cmx24cm, or "
                               "none)",
                               c->command, pv->page);
    if (pv->min_text) {
        char *end;
        errno = 0;
        double points = strtod(pv->min_text, &end);
        if (errno || end == pv->min_text || (*end && strcmp(end, "pt") != 0) ||
            !(points >= CLI_MIN_TEXT_MIN) || !(points <= CLI_MIN_TEXT_MAX))
            return cli_usage_error("%s: --min-text needs a size in points from %g to %g, not "
                                   "'%s'",
                                   c->command, CLI_MIN_TEXT_MIN, CLI_MIN_TEXT_MAX, pv->min_text);
        *box->min_text = points;
    }
    return pv->top ? cli_parse_count(c, "--top", pv->top, box->top) : 0;
}
