/* Loading datasets: turning CSV rows into the model, checking every value.
 *
 * Each file is read row by row (load_csv.c); a row's values are checked and
 * copied into the model's arena at once, so memory follows the data kept, not
 * the file. References that may point forward (related events, parent actors)
 * are kept aside with their byte offsets and resolved when their file, or
 * every file, has been read; the files stay open until then so diagnostics
 * can still name line and column.
 */
#define _POSIX_C_SOURCE 200809L

#include "load_int.h"
#include "buf_int.h"
#include "suggest_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef evg__value value;

static bool row_is_blank(const evg__csv_field *fields, size_t count)
{
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < fields[i].len; k++)
            if (fields[i].text[k] != ' ' && fields[i].text[k] != '\t')
                return false;
    return true;
}

static size_t model_memory(const evg_model *m)
{
    return m->arena.total + m->event_cap * sizeof *m->events + m->actor_cap * sizeof *m->actors +
           m->type_cap * sizeof *m->types +
           (m->event_ids.capacity + m->actor_ids.capacity + m->type_ids.capacity) *
               sizeof(evg__strmap_slot);
}

static int check_limits(loader *ld, evg__csv_file *file, uint64_t row_offset)
{
    const evg_load_opts *lim = &ld->limits;
    if (lim->max_rows && ++ld->rows > lim->max_rows) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, row_offset,
                        "more than %zu rows; raise the limit with --max-rows", lim->max_rows);
        return EVG_ELIMIT;
    }
    /* Checked every 1024 rows: the sum is cheap but not free. */
    if (lim->max_memory_bytes && ld->rows % 1024 == 0 &&
        model_memory(ld->model) > lim->max_memory_bytes) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, row_offset,
                        "the data needs more than %zu MiB of memory; raise the limit with "
                        "--max-memory",
                        lim->max_memory_bytes >> 20);
        return EVG_ELIMIT;
    }
    return 0;
}

static int on_row(evg__csv_file *file, const evg__csv_field *fields, size_t count, void *payload)
{
    table *t = payload;
    if (!t->header_seen) {
        t->header_seen = true;
        if (t->import == NULL)
            return evg__table_header(t, file, fields, count);
        t->header_ok = true;
        if (evg__import_has_header(t->import))
            return evg__import_header(t->import, fields, count);
    }
    if (!t->header_ok || row_is_blank(fields, count))
        return 0;
    uint64_t row_offset = fields[0].offset;
    t->data_rows++;
    int rc = check_limits(t->ld, file, row_offset);
    if (rc)
        return rc;
    if (t->import)
        return evg__import_row(t->import, fields, count, row_offset);
    return evg__table_row(t, file, fields, count, row_offset);
}

static int read_table(loader *ld, evg__csv_file *file, table_kind kind);

/* Makes room in the event table and id map for the rows a large file will
 * hold, guessed from its size and the lines of its first bytes, so neither
 * is reallocated or rehashed a dozen times on the way. */
static void reserve_events(loader *ld, evg__csv_file *file, const unsigned char *head, size_t len)
{
    uint64_t size = evg__csv_size(file);
    if (len < EVG__CSV_PEEK_BYTES || size <= len)
        return;
    size_t lines = 0;
    for (const unsigned char *p = head; (p = memchr(p, '\n', len - (size_t)(p - head))) != NULL;
         p++)
        lines++;
    uint64_t rows = size * lines / len;
    if (ld->limits.max_rows && rows > ld->limits.max_rows)
        rows = ld->limits.max_rows;
    /* Only a hint: a failure here shows, if at all, when rows are added. */
    size_t want = ld->model->event_count + (size_t)rows;
    (void)evg__model_reserve_events(ld->model, want);
    (void)evg__strmap_reserve(&ld->model->event_ids, want);
}

/* Tells an events file's format from its first row (or takes the one the
 * options force), and sets up an import unless it is evgraph's CSV. */
static int begin_events(loader *ld, table *t, evg__csv_file *file)
{
    const unsigned char *head;
    size_t len;
    int rc = evg__csv_peek(file, &head, &len);
    if (rc)
        return rc;
    reserve_events(ld, file, head, len);
    evg__detected found;
    evg__import_detect(&found, head, len, ld->limits.delimiter);
    uint64_t start = len >= 3 && head[0] == 0xEF ? 3 : 0;
    evg_input_format format = ld->limits.input_format;
    if (ld->limits.columns && format == EVG_INPUT_AUTO)
        format = EVG_INPUT_TABLE;
    if (format == EVG_INPUT_AUTO) {
        format = found.format;
        if (format == EVG_INPUT_AUTO) {
            if (found.header[0] == '\0' || (len >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) ||
                                                         (head[0] == 0xFE && head[1] == 0xFF))))
                return 0; /* blank or UTF-16: the reader says so */
            char message[600];
            evg__import_not_events(&found, message, sizeof message);
            evg__csv_report(file, EVG_SEVERITY_ERROR, start, "%s", message);
            return EVG_EINVAL;
        }
    } else if (found.format != EVG_INPUT_AUTO && found.format != format &&
               format != EVG_INPUT_TABLE) {
        /* A forced format is trusted where detection is unsure, not where it
         * recognised another one. */
        evg__csv_report(file, EVG_SEVERITY_ERROR, start, "--input-format %s, but this is %s (%s)",
                        evg_input_format_name(format), evg__import_format_noun(found.format),
                        found.reason);
        return EVG_EINVAL;
    }
    if (format == EVG_INPUT_EVGRAPH) {
        if (found.delimiter != ',')
            evg__csv_set_dialect(file, found.delimiter, found.delimiter != '\t');
        return 0;
    }
    return evg__import_begin(&t->import, ld->importer, ld->model, file, format, &found);
}

static int load_table(loader *ld, const char *path, table_kind kind)
{
    evg__csv_file *file;
    int rc = evg__csv_open(&file, path, &ld->rep);
    return rc ? rc : read_table(ld, file, kind);
}

/* Reads a table from an open file, which the loader keeps (and closes) so
 * late diagnostics can still name lines. */
static int read_table(loader *ld, evg__csv_file *file, table_kind kind)
{
    table t;
    evg__table_init(&t, ld, kind);
    evg__csv_file **slot =
        evg__model_push((void **)&ld->files, &ld->file_count, &ld->file_cap, sizeof *slot);
    if (slot == NULL) {
        evg__csv_close(file);
        return EVG_ENOMEM;
    }
    *slot = file;
    int rc = kind == TABLE_EVENTS ? begin_events(ld, &t, file) : 0;
    if (rc == 0)
        rc = evg__csv_read(file, ld->limits.max_field_bytes, ld->limits.max_columns, on_row, &t);
    if (rc == 0 && !t.header_seen)
        evg__report(&ld->rep, EVG_SEVERITY_ERROR, evg__csv_name(file), 0, 0,
                    "empty file: expected a header row naming the columns");
    else if (rc == 0 && t.header_ok && t.data_rows == 0 && kind == TABLE_EVENTS)
        evg__report(&ld->rep, EVG_SEVERITY_WARNING, evg__csv_name(file), 0, 0,
                    "no events: the file holds a header only");
    if (rc == 0 && kind == TABLE_ACTORS)
        rc = evg__table_resolve_parents(&t);
    free(t.parents);
    evg__import_end(t.import);
    return rc;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A dataset folder's columns.txt: the --columns mapping of its events.csv,
 * on one or more lines ('#' starts a comment line), joined with commas into
 * *out (malloc'd; NULL without the file). */
static int read_columns_file(loader *ld, const char *path, char **out)
{
    *out = NULL;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return errno == ENOENT ? 0 : (evg__report(&ld->rep, EVG_SEVERITY_ERROR, path, 0, 0,
                                                  "cannot open: %s", strerror(errno)),
                                      EVG_EIO);
    evg__buf text = {0};
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == ','))
            n--;
        size_t start = strspn(line, " \t");
        if (start >= n || line[start] == '#')
            continue;
        if (text.len)
            evg__buf_str(&text, ",");
        evg__buf_add(&text, line + start, n - start);
    }
    fclose(f);
    if (text.failed) {
        free(text.data);
        return EVG_ENOMEM;
    }
    if (text.len == 0) {
        evg__report(&ld->rep, EVG_SEVERITY_ERROR, path, 1, 1,
                    "no mapping: expected date=COLUMN,actor=COLUMN,... as for --columns");
        free(text.data);
        return EVG_EINVAL;
    }
    *out = text.data;
    return 0;
}

static int load_dataset(loader *ld, const char *path)
{
    if (strcmp(path, "-") == 0)
        return load_table(ld, path, TABLE_EVENTS);
    struct stat st;
    if (stat(path, &st) != 0) {
        evg__report(&ld->rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
        return EVG_EIO;
    }
    if (!S_ISDIR(st.st_mode))
        return load_table(ld, path, TABLE_EVENTS);
    static const struct {
        const char *name;
        table_kind kind;
    } parts[] = {
        {"types.csv", TABLE_TYPES}, {"actors.csv", TABLE_ACTORS}, {"events.csv", TABLE_EVENTS}};
    size_t dir_len = strlen(path);
    while (dir_len > 1 && path[dir_len - 1] == '/')
        dir_len--;
    /* A mapping kept with the data, unless the options give one. */
    char *columns = NULL;
    if (ld->limits.columns == NULL) {
        char *columns_path = malloc(dir_len + sizeof "/columns.txt");
        if (columns_path == NULL)
            return EVG_ENOMEM;
        sprintf(columns_path, "%.*s/columns.txt", (int)dir_len, path);
        int crc = read_columns_file(ld, columns_path, &columns);
        free(columns_path);
        if (crc == 0 && columns)
            crc = evg__importer_set_columns(ld->importer, columns);
        if (crc) {
            free(columns);
            return crc;
        }
        ld->limits.columns = columns;
    }
    int rc = 0;
    for (size_t i = 0; i < 3 && (rc == 0 || rc == EVG_EINVAL); i++) {
        char *file = malloc(dir_len + strlen(parts[i].name) + 2);
        if (file == NULL)
            return EVG_ENOMEM;
        sprintf(file, "%.*s/%s", (int)dir_len, path, parts[i].name);
        int part_rc = 0;
        if (exists(file)) {
            part_rc = load_table(ld, file, parts[i].kind);
        } else if (parts[i].kind == TABLE_EVENTS) {
            evg__report(&ld->rep, EVG_SEVERITY_ERROR, path, 0, 0,
                        "no events.csv in this dataset folder");
            part_rc = EVG_EIO;
        }
        if (part_rc)
            rc = part_rc;
        free(file);
    }
    if (columns) {
        ld->limits.columns = NULL;
        (void)evg__importer_set_columns(ld->importer, NULL);
        free(columns);
    }
    return rc;
}

static int resolve_related(loader *ld)
{
    evg_model *m = ld->model;
    char q[EVG__EXCERPT_SIZE];
    for (size_t i = 0; i < ld->related_count; i++) {
        pending_ref *ref = &ld->related[i];
        value list = {ref->text, strlen(ref->text), ref->offset};
        value items[64];
        size_t count = evg__split_list(list, items, 64);
        if (count > 64)
            count = 64;
        uint32_t *related = evg__arena_alloc(&m->arena, (count ? count : 1) * sizeof *related);
        if (related == NULL)
            return EVG_ENOMEM;
        size_t found = 0;
        for (size_t k = 0; k < count; k++) {
            char id[256];
            uint32_t index = EVG_NO_INDEX;
            if (items[k].len < sizeof id) {
                memcpy(id, items[k].text, items[k].len);
                id[items[k].len] = '\0';
                index = evg__strmap_get(&m->event_ids, id);
            }
            if (index == EVG_NO_INDEX) {
                const char *near =
                    items[k].len < sizeof id
                        ? evg__suggest(id, m->events, m->event_count, sizeof *m->events)
                        : NULL;
                evg__csv_report(ref->file, EVG_SEVERITY_ERROR, items[k].offset,
                                "unknown related event '%s'%s%s%s", EVG__QUOTE(q, items[k]),
                                near ? " (did you mean '" : "", near ? near : "",
                                near ? "'?)" : "");
                continue;
            }
            related[found++] = index;
        }
        evg_event *owner = &m->events[evg__strmap_get(&m->event_ids, ref->owner)];
        owner->related = related;
        owner->related_count = (uint32_t)found;
    }
    return 0;
}

/* Sets up a load; on failure (EVG_ENOMEM, or a bad type or actor map)
 * everything is freed again. */
static int start_loading(loader *ld, const evg_load_opts *opts)
{
    evg_load_opts defaults = EVG_LOAD_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    *ld = (loader){.rep = {opts->diag, opts->diag_payload, opts->max_errors, 0, 0, false},
                   .limits = *opts};
    if ((ld->model = evg__model_new()) == NULL)
        return EVG_ENOMEM;
    int rc = evg__importer_new(&ld->importer, opts, &ld->rep);
    if (rc) {
        evg_model_free(ld->model);
        ld->model = NULL;
    }
    return rc;
}

static int finish_loading(evg_model **out, loader *ld, int rc);

int evg_load(evg_model **out, const char *const *paths, size_t count, const evg_load_opts *opts)
{
    *out = NULL;
    loader ld;
    int rc = start_loading(&ld, opts);
    if (rc)
        return rc;
    for (size_t i = 0; i < count && rc != EVG_ENOMEM && rc != EVG_ELIMIT; i++) {
        int path_rc = load_dataset(&ld, paths[i]);
        if (path_rc && (rc == 0 || rc == EVG_EINVAL))
            rc = path_rc;
    }
    return finish_loading(out, &ld, rc);
}

int evg_load_memory(evg_model **out, const char *name, const void *data, size_t len,
                    const evg_load_opts *opts)
{
    *out = NULL;
    loader ld;
    int rc = start_loading(&ld, opts);
    if (rc)
        return rc;
    evg__csv_file *file;
    rc = evg__csv_open_memory(&file, name, data, len, &ld.rep);
    if (rc == 0)
        rc = read_table(&ld, file, TABLE_EVENTS);
    return finish_loading(out, &ld, rc);
}

/* Sorts, resolves what waited for every file, and hands the model over or
 * frees it. */
static int finish_loading(evg_model **out, loader *ld, int rc)
{
    if (rc == 0)
        rc = evg__model_sort_events(ld->model);
    if (rc == 0)
        rc = resolve_related(ld);
    if (rc == 0 && ld->rep.errors == 0)
        rc = evg__model_canonical_order(ld->model);
    if (rc == 0 && ld->rep.errors)
        rc = EVG_EINVAL;
    if (rc == EVG_ENOMEM)
        evg__report(&ld->rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory while loading");
    for (size_t i = 0; i < ld->file_count; i++)
        evg__csv_close(ld->files[i]);
    free(ld->files);
    free(ld->related);
    evg__strmap_free(&ld->interned);
    free(ld->interned_text);
    evg__importer_free(ld->importer);
    if (rc) {
        evg_model_free(ld->model);
        return rc;
    }
    *out = ld->model;
    return 0;
}
