/* Importing foreign exports: format detection, and the steps every
 * format shares (ids, actors, numbers, the event). What differs between
 * formats lives in one file each (format_*.c) behind evg__format.
 *
 * Each export row becomes one event of the unchanged model. Every decision a
 * user may want to change lives in a table: the built-in ones of each
 * format and the user's --type-map and --actor-map CSV files, which are read
 * once per load. Lookups are cached per distinct code, so a million GDELT
 * rows cost a hash lookup each, not a walk of the tables.
 */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

static const evg__format *const formats[] = {
    &evg__format_acled,   &evg__format_gdelt, &evg__format_icews,  &evg__format_ucdp,
    &evg__format_phoenix, &evg__format_sar,   &evg__format_icews4, &evg__format_table,
};

const evg__format *evg__format_find(evg_input_format id)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i]->id == id)
            return formats[i];
    return NULL;
}

static const char *const format_names[] = {"auto", "evgraph", "acled", "gdelt",  "icews",
                                           "ucdp", "phoenix", "sar",   "icews4", "table"};
enum { FORMAT_NAMES = sizeof format_names / sizeof format_names[0] };

const char *evg_input_format_name(evg_input_format format)
{
    return (unsigned)format < FORMAT_NAMES ? format_names[format] : "auto";
}

int evg_input_format_parse(evg_input_format *out, const char *name)
{
    for (int i = 0; i < (int)FORMAT_NAMES; i++) {
        if (strcasecmp(name, format_names[i]) == 0) {
            *out = (evg_input_format)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

const char *evg__import_format_noun(evg_input_format format)
{
    const evg__format *f = evg__format_find(format);
    if (f)
        return f->noun;
    return format == EVG_INPUT_EVGRAPH ? "an evgraph events CSV" : "a file of unknown format";
}

int evg__import_begin(evg__import_file **out, evg__importer *im, evg_model *model,
                      evg__csv_file *file, evg_input_format format, const evg__detected *found)
{
    *out = NULL;
    evg__import_file *f = calloc(1, sizeof *f);
    if (f == NULL)
        return EVG_ENOMEM;
    *f = (evg__import_file){.im = im, .m = model, .file = file, .format = evg__format_find(format)};
    for (int c = 0; c < C_COLUMN_COUNT; c++)
        f->position[c] = -1;
    /* Tab-separated exports (GDELT, ICEWS) hold quotes as plain text. */
    char delimiter = found->delimiter ? found->delimiter : f->format->delimiter;
    evg__csv_set_dialect(file, delimiter, delimiter != '\t');
    bool has_header = found->format == format ? found->has_header : f->format->layout == NULL;
    if (!has_header || f->format->columns == NULL) {
        int rc = f->format->layout ? f->format->layout(f, found->first_fields) : EVG_EINVAL;
        if (rc) {
            if (f->format->layout == NULL)
                evg__csv_report(file, EVG_SEVERITY_ERROR, 0, "%s needs a header row",
                                f->format->noun);
            free(f);
            return rc;
        }
        f->header_done = f->header_ok = true;
    }
    *out = f;
    return 0;
}

bool evg__import_has_header(const evg__import_file *f)
{
    return !f->header_done;
}

/* Maps --columns onto the header: a name as written (any case), else in
 * normal form. */
static void map_columns(evg__import_file *f, const evg__csv_field *fields, size_t count)
{
    char q[EVG__EXCERPT_SIZE], key[64], want[64];
    for (int c = 0; c < C_COLUMN_COUNT; c++) {
        const char *name = f->im->mapped[c];
        if (name == NULL)
            continue;
        evg__header_key(want, sizeof want, name, strlen(name));
        for (size_t i = 0; i < count && f->position[c] < 0; i++)
            if (evg__value_is(evg__value_trim(&fields[i]), name))
                f->position[c] = (int)i;
        for (size_t i = 0; i < count && f->position[c] < 0; i++) {
            value v = evg__value_trim(&fields[i]);
            evg__header_key(key, sizeof key, v.text, v.len);
            if (key[0] && strcmp(key, want) == 0)
                f->position[c] = (int)i;
        }
        if (f->position[c] < 0) {
            char names[200];
            size_t used = 0;
            for (size_t i = 0; i < count && used + 30 < sizeof names; i++) {
                value v = evg__value_trim(&fields[i]);
                used += (size_t)snprintf(names + used, sizeof names - used, "%s'%s'", i ? ", " : "",
                                         EVG__QUOTE(q, v));
            }
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, fields[0].offset,
                            "--columns names '%s', which the header does not have (it has %s)",
                            name, names);
            f->header_ok = false;
        }
    }
}

int evg__import_header(evg__import_file *f, const evg__csv_field *fields, size_t count)
{
    const evg__column_name *names = f->format->columns;
    size_t name_count = f->format->column_count;
    f->header_done = true;
    f->header_ok = true;
    f->fields = count;
    if (f->im->has_mapping) {
        map_columns(f, fields, count);
        return 0;
    }
    /* Exports carry many columns evgraph has no use for: they are skipped
     * without a warning. */
    char key[64];
    for (size_t i = 0; i < count; i++) {
        value v = evg__value_trim(&fields[i]);
        evg__header_key(key, sizeof key, v.text, v.len);
        for (size_t k = 0; k < name_count; k++) {
            if (evg__column_has_key(&names[k], key)) {
                if (f->position[names[k].column] < 0)
                    f->position[names[k].column] = (int)i;
                break;
            }
        }
    }
    for (size_t k = 0; k < name_count; k++) {
        if (names[k].required && f->position[names[k].column] < 0) {
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, fields[0].offset,
                            "missing required column '%s' of %s", names[k].name, f->format->noun);
            f->header_ok = false;
        }
    }
    return 0;
}

/* Spaces Unicode has besides ASCII's, as exports carry them: no-break
 * space, the U+2000 block's, narrow no-break, medium mathematical,
 * ideographic, and a stray byte order mark. The length of the one at p,
 * or 0. */
static size_t unicode_space(const unsigned char *p, size_t len)
{
    if (len >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (len < 3)
        return 0;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF))
        return 3;
    if ((p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
        (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) ||
        (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))
        return 3;
    return 0;
}

static size_t unicode_space_before(const unsigned char *end, size_t len)
{
    if (len >= 2 && end[-2] == 0xC2 && end[-1] == 0xA0)
        return 2;
    if (len >= 3 && unicode_space(end - 3, 3))
        return 3;
    return 0;
}

value evg__import_column(const evg__import_file *f, const evg__csv_field *fields, int c)
{
    int pos = f->position[c];
    if (pos < 0 || (size_t)pos >= f->fields)
        return (value){"", 0, fields[0].offset};
    value v = evg__value_trim(&fields[pos]);
    for (size_t n; v.len && (n = unicode_space((const unsigned char *)v.text, v.len)) > 0;) {
        v.text += n, v.len -= n, v.offset += n;
        while (v.len && (*v.text == ' ' || *v.text == '\t'))
            v.text++, v.len--, v.offset++;
    }
    for (size_t n;
         v.len && (n = unicode_space_before((const unsigned char *)v.text + v.len, v.len)) > 0;) {
        v.len -= n;
        while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '\t'))
            v.len--;
    }
    if (v.len == 0)
        v.offset = fields[pos].offset;
    return v;
}

/* The model's type with that id; a type the maps name that nobody declared
 * is added, grey, with a warning. */
uint32_t evg__import_model_type(evg__import_file *f, const char *id, uint64_t offset)
{
    if (strcmp(id, "-") == 0)
        return EVG__SKIP;
    evg_model *m = f->m;
    uint32_t found = evg__strmap_get(&m->type_ids, id);
    if (found != EVG_NO_INDEX)
        return found;
    const char *copy = evg__arena_strndup(&m->arena, id, strlen(id));
    evg_type *t =
        copy ? evg__model_push((void **)&m->types, &m->type_count, &m->type_cap, sizeof *t) : NULL;
    if (t == NULL)
        return EVG_NO_INDEX;
    uint32_t index = (uint32_t)(m->type_count - 1);
    *t = (evg_type){copy, copy, "#7F7F7F", "ellipse", false};
    if (evg__strmap_put(&m->type_ids, copy, index) != index)
        return EVG_NO_INDEX;
    char q[EVG__EXCERPT_SIZE];
    evg__csv_report(f->file, EVG_SEVERITY_WARNING, offset,
                    "type '%s' from the type map is neither built in nor in types.csv; it is "
                    "drawn as a grey ellipse",
                    evg__excerpt(q, sizeof q, id, strlen(id)));
    return index;
}

const evg__code_result *evg__import_cached(evg__import_file *f, const char *key)
{
    uint32_t cached = evg__strmap_get(&f->im->codes, key);
    return cached != EVG_NO_INDEX ? &f->im->results[cached] : NULL;
}

const char *evg__import_mapped_type(evg__import_file *f, const char *key)
{
    uint32_t mapped = evg__strmap_get(&f->im->type_map, key);
    return mapped != EVG_NO_INDEX ? f->im->map_types[mapped] : NULL;
}

/* Caches `result` under `key`; returns the stored result or NULL. */
const evg__code_result *evg__import_remember(evg__import_file *f, const char *key,
                                             evg__code_result result)
{
    evg__importer *im = f->im;
    const char *stored = evg__arena_strndup(&f->m->arena, key, strlen(key));
    evg__code_result *slot = stored ? evg__model_push((void **)&im->results, &im->result_count,
                                                      &im->result_cap, sizeof *slot)
                                    : NULL;
    if (slot == NULL)
        return NULL;
    *slot = result;
    uint32_t index = (uint32_t)(im->result_count - 1);
    if (evg__strmap_put(&im->codes, stored, index) != index)
        return NULL;
    return slot;
}

const char *const *evg__import_tag(evg__import_file *f, const char *prefix, value v)
{
    size_t plen = strlen(prefix);
    char *tag = evg__arena_alloc(&f->m->arena, plen + v.len + 1);
    const char **tags = evg__arena_alloc(&f->m->arena, sizeof *tags);
    if (tag == NULL || tags == NULL)
        return NULL;
    memcpy(tag, prefix, plen);
    for (size_t i = 0; i < v.len; i++)
        tag[plen + i] = v.text[i] == ';' ? ',' : v.text[i];
    tag[plen + v.len] = '\0';
    tags[0] = tag;
    return tags;
}

void evg__import_problem(evg__import_file *f, bool skip_row, uint64_t offset, const char *fmt, ...)
{
    char message[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (f->im->strict) {
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, offset, "%s", message);
        return;
    }
    snprintf(message + strlen(message), sizeof message - strlen(message), " (%s)",
             skip_row ? "row skipped" : "value dropped");
    if (!f->has_problem || offset < f->first_problem)
        f->first_problem = offset;
    f->has_problem = true;
    if (skip_row)
        f->skipped_rows++;
    else
        f->dropped_values++;
    size_t k = 0;
    while (k < EVG__PROBLEM_KINDS && f->problem_kind[k] && f->problem_kind[k] != fmt)
        k++;
    if (k == EVG__PROBLEM_KINDS)
        return;
    f->problem_kind[k] = fmt;
    if (f->problem_count[k]++ < EVG__PROBLEMS_SHOWN)
        evg__csv_report(f->file, EVG_SEVERITY_WARNING, offset, "%s", message);
}

/* 5071 as "5,071". */
static const char *grouped(char *buf, size_t size, size_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t out = 0;
    for (int i = 0; i < len && out + 2 < size; i++) {
        if (i && (len - i) % 3 == 0)
            buf[out++] = ',';
        buf[out++] = digits[i];
    }
    buf[out] = '\0';
    return buf;
}

/* "acled.csv: 5,071 rows: 5,068 events, 3 rows skipped, 12 values dropped
 * (first at acled.csv:2098:162)", when anything was lost. */
static void summarize(evg__import_file *f)
{
    if (!f->has_problem)
        return;
    size_t hidden = 0;
    for (size_t k = 0; k < EVG__PROBLEM_KINDS; k++)
        if (f->problem_count[k] > EVG__PROBLEMS_SHOWN)
            hidden += f->problem_count[k] - EVG__PROBLEMS_SHOWN;
    char a[32], b[32], c[32], d[32], e[32];
    unsigned long line, column;
    evg__csv_locate(f->file, f->first_problem, &line, &column);
    evg__report(
        f->im->rep, EVG_SEVERITY_NOTE, evg__csv_name(f->file), 0, 0,
        "%s row%s: %s event%s, %s row%s skipped, %s value%s dropped (first at "
        "%s:%lu:%lu%s%s%s)",
        grouped(a, sizeof a, f->rows), f->rows == 1 ? "" : "s", grouped(b, sizeof b, f->events),
        f->events == 1 ? "" : "s", grouped(c, sizeof c, f->skipped_rows),
        f->skipped_rows == 1 ? "" : "s", grouped(d, sizeof d, f->dropped_values),
        f->dropped_values == 1 ? "" : "s", evg__csv_name(f->file), line, column, hidden ? "; " : "",
        hidden ? grouped(e, sizeof e, hidden) : "", hidden ? " more warnings not shown" : "");
}

/* One warning listing the table's type values that became types. */
static void list_new_types(evg__import_file *f)
{
    if (f->new_type_count == 0)
        return;
    char list[300];
    size_t used = 0;
    for (size_t i = 0; i < f->new_type_count && used + 40 < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s'%s'", i ? ", " : "",
                                 f->new_types[i]);
    if (f->new_type_count > 0 && used + 40 >= sizeof list)
        snprintf(list + used, sizeof list - used, ", ...");
    evg__csv_report(f->file, EVG_SEVERITY_WARNING, f->new_type_at,
                    "%zu type value%s %s no known type and became %s own, each with a colour of "
                    "%s own: %s (map them with --type-map or types.csv)",
                    f->new_type_count, f->new_type_count == 1 ? "" : "s",
                    f->new_type_count == 1 ? "is" : "are",
                    f->new_type_count == 1 ? "a type of its" : "types of their",
                    f->new_type_count == 1 ? "its" : "their", list);
}

void evg__import_end(evg__import_file *f)
{
    if (f == NULL)
        return;
    evg__import_settle_dates(f);
    list_new_types(f);
    summarize(f);
    free(f->pending);
    free(f->new_types);
    size_t skipped = f->skipped_root + f->skipped_mentions + f->skipped_map;
    if (skipped) {
        char parts[3][96];
        size_t n = 0;
        if (f->skipped_root)
            snprintf(parts[n++], sizeof parts[0],
                     "%zu not root events (--include-non-root keeps them)", f->skipped_root);
        if (f->skipped_mentions)
            snprintf(parts[n++], sizeof parts[0], "%zu with fewer than %zu mentions",
                     f->skipped_mentions, f->im->min_mentions);
        if (f->skipped_map)
            snprintf(parts[n++], sizeof parts[0], "%zu of a type the type map drops",
                     f->skipped_map);
        evg__report(f->im->rep, EVG_SEVERITY_NOTE, evg__csv_name(f->file), 0, 0,
                    "skipped %zu of %zu events: %s%s%s%s%s", skipped, f->rows, parts[0],
                    n > 1 ? ", " : "", n > 1 ? parts[1] : "", n > 2 ? ", " : "",
                    n > 2 ? parts[2] : "");
    }
    free(f);
}
