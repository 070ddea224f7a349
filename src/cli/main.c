/* evgraph: the command. Parses argv, fills the library's option structs,
 * calls the library and maps its status to an exit code:
 *   0 success, 1 invalid input (or a failed output), 2 usage error. */
#include <evgraph/evgraph.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: evgraph <command> [options] DATASET...\n"
    "\n"
    "commands:\n"
    "  check DATASET...     validate datasets and print a summary of each\n"
    "\n"
    "A DATASET is a folder holding events.csv (and optionally actors.csv and\n"
    "types.csv), a single events CSV file, or - for an events CSV on stdin.\n"
    "\n"
    "common options:\n"
    "  --max-errors N       stop listing errors after N (default 50, 0: all)\n"
    "  -q, --quiet          do not print warnings\n"
    "  -h, --help           show this help\n"
    "  --version            show the version\n"
    "\n"
    "exit status: 0 success, 1 invalid input or failed output, 2 usage error\n";

typedef struct cli {
    const char *command;
    const char **inputs;
    size_t input_count;
    evg_load_opts load;
    int quiet;
} cli;

static void print_diag(const evg_diag *d, void *payload)
{
    const cli *c = payload;
    if (c->quiet && d->severity == EVG_SEVERITY_WARNING)
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

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "evgraph: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'evgraph --help'.\n");
    return EXIT_USAGE;
}

/* Reads the value of option `name` from "--name=value" or the next argument. */
static const char *option_value(int argc, char **argv, int *i, const char *inline_value)
{
    if (inline_value)
        return inline_value;
    if (*i + 1 < argc)
        return argv[++*i];
    return NULL;
}

static int parse_size(const char *text, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-')
        return -1;
    *out = (size_t)v;
    return 0;
}

static int parse_args(cli *c, int argc, char **argv)
{
    c->inputs = calloc((size_t)argc, sizeof *c->inputs);
    if (c->inputs == NULL)
        return EXIT_INVALID;
    for (int i = 2; i < argc; i++) {
        char *arg = argv[i];
        if (arg[0] != '-' || strcmp(arg, "-") == 0) {
            c->inputs[c->input_count++] = arg;
            continue;
        }
        char name[64];
        const char *inline_value = NULL;
        const char *eq = strchr(arg, '=');
        size_t name_len = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
        if (name_len >= sizeof name)
            return usage_error("unknown option '%s'", arg);
        memcpy(name, arg, name_len);
        name[name_len] = '\0';
        if (eq && arg[1] == '-')
            inline_value = eq + 1;
        if (strcmp(name, "-q") == 0 || strcmp(name, "--quiet") == 0) {
            c->quiet = 1;
        } else if (strcmp(name, "--max-errors") == 0) {
            const char *v = option_value(argc, argv, &i, inline_value);
            if (v == NULL || parse_size(v, &c->load.max_errors) != 0)
                return usage_error("--max-errors needs a whole number, not '%s'", v ? v : "");
        } else if (strcmp(name, "--") == 0) {
            while (++i < argc)
                c->inputs[c->input_count++] = argv[i];
        } else {
            return usage_error("unknown option '%s'", arg);
        }
    }
    return 0;
}

static int exit_code(int status)
{
    if (status == 0)
        return 0;
    return status == EVG_EUSAGE ? EXIT_USAGE : EXIT_INVALID;
}

static int run_check(cli *c)
{
    if (c->input_count == 0)
        return usage_error("%s: no dataset given", "check");
    int worst = 0;
    for (size_t i = 0; i < c->input_count; i++) {
        evg_model *model;
        int rc = evg_load(&model, &c->inputs[i], 1, &c->load);
        if (rc) {
            worst = worst ? worst : rc;
            continue;
        }
        evg_model_stats stats;
        evg_model_stats_get(&stats, model);
        char first[EVG_DATE_TEXT_MAX], last[EVG_DATE_TEXT_MAX];
        evg_date_format(first, sizeof first, &stats.first);
        evg_date_format(last, sizeof last, &stats.last);
        printf("%s: %zu events, %zu actors, %zu types", c->inputs[i], stats.events, stats.actors,
               stats.types_used);
        if (stats.events)
            printf(", %s to %s", first, last);
        printf("\n");
        evg_model_free(model);
    }
    return exit_code(worst);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("%s", "no command given");
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("evgraph %s\n", EVG_VERSION);
        return 0;
    }
    cli c = {.command = argv[1], .load = EVG_LOAD_OPTS_INIT};
    c.load.diag = print_diag;
    c.load.diag_payload = &c;
    int rc = parse_args(&c, argc, argv);
    if (rc == 0) {
        if (strcmp(c.command, "check") == 0)
            rc = run_check(&c);
        else
            rc = usage_error("unknown command '%s'", c.command);
    }
    free(c.inputs);
    return rc;
}
