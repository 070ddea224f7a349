/* The files a command line reads and writes: string lists, the make rule of
 * -M, the files of --by, and the folders a manifest's line may reach. */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_list_add(cli_list *list, const char *text)
{
    /* One spare slot keeps the list NULL-ended. */
    if (list->count + 2 > list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        const char **bigger = realloc(list->items, cap * sizeof *bigger);
        if (bigger == NULL)
            return -1;
        list->items = bigger;
        list->cap = cap;
    }
    char *copy = malloc(strlen(text) + 1);
    if (copy == NULL)
        return -1;
    strcpy(copy, text);
    list->items[list->count++] = copy;
    list->items[list->count] = NULL;
    return 0;
}

void cli_list_free(cli_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free((char *)list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
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

/* One prerequisite, with an empty rule of its own so that make does not stop
 * when it is deleted. */
static void add_prerequisite(text_buffer *rule, text_buffer *phony, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    append(rule, " \\\n  ", false);
    append(rule, path, true);
    append(phony, "\n", false);
    append(phony, path, true);
    append(phony, ":\n", false);
}

int cli_depfile(cli *c, evg_output *out, const char *const *targets, size_t target_count)
{
    if (c->depfile == NULL)
        return 0;
    /* The files a dataset path makes evgraph read, as the loader reads them. */
    const char *parts[] = {"types.csv", "actors.csv", "events.csv", "columns.txt"};
    text_buffer rule = {0}, phony = {0};
    for (size_t i = 0; i < target_count; i++) {
        append(&rule, i ? " " : "", false);
        append(&rule, targets[i], true);
    }
    append(&rule, ":", false);
    for (size_t i = 0; i < c->input_count; i++) {
        const char *in = c->inputs[i];
        struct stat st;
        if (strcmp(in, "-") == 0 || stat(in, &st) != 0)
            continue;
        size_t dir_len = strlen(in);
        while (dir_len > 1 && in[dir_len - 1] == '/')
            dir_len--;
        if (!S_ISDIR(st.st_mode)) {
            add_prerequisite(&rule, &phony, in);
            continue;
        }
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
            char *path = malloc(dir_len + 16);
            if (path == NULL) {
                rule.failed = true;
                break;
            }
            sprintf(path, "%.*s/%s", (int)dir_len, in, parts[k]);
            add_prerequisite(&rule, &phony, path);
            free(path);
        }
    }
    for (size_t i = 0; i < c->read_files.count; i++)
        add_prerequisite(&rule, &phony, c->read_files.items[i]);
    append(&rule, "\n", false);
    if (phony.data)
        append(&rule, phony.data, false);
    /* The figure's writer makes it, in the same step as the figure. */
    int rc = EXIT_INVALID;
    if (rule.failed || phony.failed || cli_list_add(&c->owned, rule.data) != 0) {
        cli_error(NULL, 0, 0, "out of memory");
    } else {
        out->depfile_path = c->depfile;
        out->depfile_data = c->owned.items[c->owned.count - 1];
        out->depfile_len = rule.len;
        rc = 0;
    }
    free(rule.data);
    free(phony.data);
    return rc;
}

static int compare_keys(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int cli_period_paths(cli_list *out, const cli *c, const evg_model *model,
                     const evg_actors_opts *opts, const char *path)
{
    uint32_t *events;
    size_t count;
    int status = evg_filter_select(&events, &count, model, &opts->filter, cli_print_diag,
                                   (void *)c);
    if (status)
        return cli_exit_code(status);
    int32_t *keys = malloc((count ? count : 1) * sizeof *keys);
    if (keys == NULL) {
        free(events);
        cli_error(NULL, 0, 0, "out of memory");
        return EXIT_INVALID;
    }
    /* An event counts in the period of its start date; a date coarser than
     * the period counts in its first month, as the figure places it. */
    for (size_t i = 0; i < count; i++) {
        const evg_date *d = &evg_model_event(model, events[i])->date;
        int32_t month = d->precision >= EVG_PRECISION_MONTH ? d->month : 1;
        keys[i] = opts->by == EVG_PERIOD_MONTH     ? d->year * 12 + month - 1
                  : opts->by == EVG_PERIOD_QUARTER ? d->year * 4 + (month - 1) / 3
                                                   : d->year;
    }
    free(events);
    qsort(keys, count, sizeof *keys, compare_keys);
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        if (i && keys[i] == keys[i - 1])
            continue;
        char name[32], file[PATH_MAX];
        int32_t k = keys[i];
        if (opts->by == EVG_PERIOD_MONTH)
            snprintf(name, sizeof name, "%04d-%02d", (int)(k / 12), (int)(k % 12 + 1));
        else if (opts->by == EVG_PERIOD_QUARTER)
            snprintf(name, sizeof name, "%04d-Q%d", (int)(k / 4), (int)(k % 4 + 1));
        else
            snprintf(name, sizeof name, "%04d", (int)k);
        if (evg_period_path(file, sizeof file, path, name) >= sizeof file ||
            cli_list_add(out, file) != 0)
            rc = EXIT_INVALID;
    }
    free(keys);
    if (rc)
        cli_error(NULL, 0, 0, "out of memory");
    return rc;
}

/* Whether `path` is `root` or below it, symbolic links followed as far as
 * the path exists (the rest cannot be a link yet). */
static bool stays_inside(const char *root, const char *path)
{
    char real_root[PATH_MAX], real[PATH_MAX], probe[PATH_MAX];
    if (realpath(root, real_root) == NULL)
        return true; /* not made yet: the path was checked word by word */
    snprintf(probe, sizeof probe, "%s", path);
    while (realpath(probe, real) == NULL) {
        char *slash = strrchr(probe, '/');
        if (slash == NULL)
            return true;
        *slash = '\0';
    }
    size_t n = strlen(real_root);
    return strncmp(real, real_root, n) == 0 && (real[n] == '\0' || real[n] == '/' || n == 1);
}

int cli_sandbox_file(cli *c, const cli_option *o, const char *option_word, int argi,
                     const char **value)
{
    const cli_sandbox *s = c->sandbox;
    if (s == NULL || o->file == 0)
        return 0;
    bool reads = o->file == CLI_FILE_READ;
    const char *dir = reads ? s->read_dir : s->write_dir;
    const char *v = *value;
    bool outside = v[0] == '/' || v[0] == '\0' || strcmp(v, "-") == 0;
    for (const char *p = v; *p && !outside;) {
        size_t n = strcspn(p, "/");
        outside = n == 2 && p[0] == '.' && p[1] == '.';
        p += n;
        while (*p == '/')
            p++;
    }
    char *joined = NULL;
    if (!outside) {
        joined = malloc(strlen(dir) + strlen(v) + 2);
        if (joined == NULL || cli_list_add(&c->owned, "") != 0) {
            free(joined);
            return EXIT_INVALID;
        }
        sprintf(joined, "%s/%s", dir, v);
        /* The list holds the joined path from now on, to be freed with c. */
        free((char *)c->owned.items[c->owned.count - 1]);
        c->owned.items[c->owned.count - 1] = joined;
        outside = !stays_inside(dir, joined);
    }
    if (outside) {
        cli_error(s->file, s->line, s->columns ? s->columns[argi] : 0,
                  "%s: a manifest may only %s files inside %s, not '%s'", option_word,
                  reads ? "read" : "write", dir, v);
        return EXIT_INVALID;
    }
    *value = joined;
    return 0;
}

int cli_plan_single(cli *c)
{
    cli_plan *p = c->plan;
    if (c->output && cli_list_add(&p->outputs, c->output) != 0)
        return EXIT_INVALID;
    for (size_t i = 0; i < c->read_files.count; i++)
        if (cli_list_add(&p->inputs, c->read_files.items[i]) != 0)
            return EXIT_INVALID;
    return 0;
}

/* Checks one comma-separated list of ids as the filter reads it (spaces
 * around an id ignored), naming the nearest id for a typo. */
static bool ids_known(const evg_model *model, const char *option, const char *list,
                      bool types)
{
    size_t count = types ? evg_model_type_count(model) : evg_model_actor_count(model);
    const char **names = malloc((count ? count : 1) * sizeof *names);
    if (names == NULL)
        return true; /* the library reports them, without a suggestion */
    for (size_t i = 0; i < count; i++)
        names[i] = types ? evg_model_type(model, i)->id : evg_model_actor(model, i)->id;
    bool ok = true;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        const char *next = p[len] ? p + len + 1 : p + len;
        while (len && *p == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        char id[256];
        if (len && len < sizeof id) {
            memcpy(id, p, len);
            id[len] = '\0';
            uint32_t found = types ? evg_model_find_type(model, id) : evg_model_find_actor(model, id);
            const char *near = found == EVG_NO_INDEX ? cli_nearest(id, names, count) : NULL;
            if (near)
                cli_error(NULL, 0, 0, "%s: no such id '%s' (did you mean '%s'?)", option, id,
                          near);
            else if (found == EVG_NO_INDEX)
                cli_error(NULL, 0, 0, "%s: no such id '%s'", option, id);
            ok &= found != EVG_NO_INDEX;
        }
        p = next;
    }
    free(names);
    return ok;
}

int cli_check_ids(const cli *c, const evg_model *model)
{
    bool ok = true;
    if (c->filter.types)
        ok &= ids_known(model, "--type", c->filter.types, true);
    if (c->filter.actors)
        ok &= ids_known(model, "--actor", c->filter.actors, false);
    return ok ? 0 : EXIT_USAGE;
}
