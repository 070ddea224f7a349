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

#include <evgraph/load.h>

#include "csv_int.h"
#include "import_int.h"
#include "model_int.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

typedef enum table_kind { TABLE_EVENTS, TABLE_ACTORS, TABLE_TYPES } table_kind;

enum { MAX_COLUMNS = 18 };

typedef struct column_spec {
    const char *name;
    bool required;
} column_spec;

enum event_column {
    EV_ID, EV_DATE, EV_END_DATE, EV_TYPE, EV_ACTOR, EV_TARGET, EV_LOCATION, EV_LATITUDE,
    EV_LONGITUDE, EV_KILLED, EV_INJURED, EV_TITLE, EV_DESCRIPTION, EV_SOURCE, EV_URL,
    EV_CERTAINTY, EV_RELATED, EV_TAGS, EV_COUNT
};

static const column_spec event_columns[EV_COUNT] = {
    {"id", true},        {"date", true},      {"end_date", false},   {"type", true},
    {"actor", true},     {"target", false},   {"location", false},   {"latitude", false},
    {"longitude", false}, {"killed", false},  {"injured", false},    {"title", false},
    {"description", false}, {"source", false}, {"url", false},      {"certainty", false},
    {"related", false},  {"tags", false},
};

enum actor_column { AC_ID, AC_NAME, AC_KIND, AC_PARENT, AC_COLOR, AC_COUNT };

static const column_spec actor_columns[AC_COUNT] = {
    {"id", true}, {"name", false}, {"kind", false}, {"parent", false}, {"color", false},
};

enum type_column { TY_ID, TY_LABEL, TY_COLOR, TY_SHAPE, TY_COUNT };

static const column_spec type_columns[TY_COUNT] = {
    {"id", true}, {"label", false}, {"color", false}, {"shape", false},
};

/* A reference to resolve once the file (parents) or all files (related
 * events) have been read. */
typedef struct pending_ref {
    const char *owner; /* id of the event or actor holding the reference */
    const char *text;  /* the field's text, in the model's arena */
    uint64_t offset;
    evg__csv_file *file;
} pending_ref;

typedef struct loader {
    evg_model *model;
    evg__importer *importer;
    evg__reporter rep;
    evg_load_opts limits; /* a copy: the caller's may be a temporary */
    size_t rows;
    pending_ref *related;
    size_t related_count, related_cap;
    evg__csv_file **files;
    size_t file_count, file_cap;
} loader;

typedef struct table {
    loader *ld;
    table_kind kind;
    const column_spec *columns;
    size_t column_count;
    int position[MAX_COLUMNS]; /* field position of each column, or -1 */
    size_t header_fields;
    bool header_seen;
    bool header_ok;
    size_t data_rows;
    uint32_t first_actor; /* actors before this file */
    pending_ref *parents; /* actors.csv only */
    size_t parent_count, parent_cap;
    evg__import_file *import; /* an ACLED, GDELT or ICEWS events file */
} table;

/* A trimmed view of one field; len 0 when the column is absent or empty. */
typedef struct value {
    const char *text;
    size_t len;
    uint64_t offset;
} value;

static value get_value(const table *t, const evg__csv_field *fields, int column)
{
    int pos = t->position[column];
    if (pos < 0)
        return (value){"", 0, 0};
    const evg__csv_field *f = &fields[pos];
    value v = {f->text, f->len, f->offset};
    while (v.len && (*v.text == ' ' || *v.text == '\t')) {
        v.text++;
        v.len--;
        v.offset++;
    }
    while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '\t'))
        v.len--;
    if (v.len == 0)
        v.offset = f->offset; /* a blank value is reported where its field starts */
    return v;
}

static bool value_is(value v, const char *word)
{
    return strlen(word) == v.len && strncasecmp(v.text, word, v.len) == 0;
}

#define QUOTE(buf, v) evg__excerpt((buf), sizeof(buf), (v).text, (v).len)

static void report_at(evg__csv_file *file, evg_severity severity, uint64_t offset,
                      const char *fmt, ...) EVG__PRINTF(4, 5);

static void report_at(evg__csv_file *file, evg_severity severity, uint64_t offset,
                      const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    evg__csv_report(file, severity, offset, "%s", message);
}

static const char *copy_text(loader *ld, value v)
{
    return v.len ? evg__arena_strndup(&ld->model->arena, v.text, v.len) : NULL;
}

/* Levenshtein distance, capped: only short ids are compared. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return SIZE_MAX;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The id among `count` strings `stride` bytes apart closest to `word`, when
 * close enough to be a likely typo; else NULL. */
static const char *suggest(const char *word, const void *items, size_t count, size_t stride)
{
    const char *best = NULL;
    size_t best_distance = strlen(word) / 3 + 1;
    if (best_distance > 3)
        best_distance = 3;
    for (size_t i = 0; i < count; i++) {
        const char *id = *(const char *const *)((const char *)items + i * stride);
        size_t d = edit_distance(word, id);
        if (d <= best_distance && d > 0 && (best == NULL || d < best_distance)) {
            best = id;
            best_distance = d;
        }
    }
    return best;
}

/* Checks that an id holds no control character or ';' (the list separator). */
static bool check_id(evg__csv_file *file, value v, const char *what)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            char q[EVG__EXCERPT_SIZE];
            report_at(file, EVG_SEVERITY_ERROR, v.offset,
                      "%s '%s' contains %s, which ids may not hold", what, QUOTE(q, v),
                      c == ';' ? "';'" : "a control character");
            return false;
        }
    }
    return true;
}

static bool require(evg__csv_file *file, const table *t, value v, int column,
                    uint64_t row_offset)
{
    if (v.len)
        return true;
    report_at(file, EVG_SEVERITY_ERROR, t->position[column] >= 0 ? v.offset : row_offset,
              "missing value for required column '%s'", t->columns[column].name);
    return false;
}

/* Reports a NUL byte in any field. Text that is not UTF-8 never gets here:
 * load_csv.c has converted it from Windows-1252. */
static bool check_encoding(evg__csv_file *file, const evg__csv_field *fields, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (memchr(fields[i].text, '\0', fields[i].len)) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, fields[i].offset, "NUL byte in field %zu",
                            i + 1);
            return false;
        }
    }
    return true;
}

static bool row_is_blank(const evg__csv_field *fields, size_t count)
{
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < fields[i].len; k++)
            if (fields[i].text[k] != ' ' && fields[i].text[k] != '\t')
                return false;
    return true;
}

static int read_header(table *t, evg__csv_file *file, const evg__csv_field *fields, size_t count)
{
    t->header_seen = true;
    t->header_fields = count;
    t->header_ok = true;
    for (size_t c = 0; c < t->column_count; c++)
        t->position[c] = -1;
    for (size_t i = 0; i < count; i++) {
        value v = {fields[i].text, fields[i].len, fields[i].offset};
        while (v.len && (*v.text == ' ' || *v.text == '\t')) {
            v.text++, v.len--, v.offset++;
        }
        while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '\t'))
            v.len--;
        size_t c = 0;
        while (c < t->column_count && !value_is(v, t->columns[c].name))
            c++;
        char q[EVG__EXCERPT_SIZE];
        if (c == t->column_count) {
            report_at(file, EVG_SEVERITY_WARNING, v.offset, "unknown column '%s' is ignored",
                      QUOTE(q, v));
        } else if (t->position[c] >= 0) {
            report_at(file, EVG_SEVERITY_ERROR, v.offset, "column '%s' appears twice",
                      t->columns[c].name);
            t->header_ok = false;
        } else {
            t->position[c] = (int)i;
        }
    }
    for (size_t c = 0; c < t->column_count; c++) {
        if (t->columns[c].required && t->position[c] < 0) {
            report_at(file, EVG_SEVERITY_ERROR, fields[0].offset,
                      "missing required column '%s'", t->columns[c].name);
            t->header_ok = false;
        }
    }
    return 0;
}

/* The actor with that id, created with a warning when no actors.csv row
 * declared it. EVG_NO_INDEX when memory ran out. */
static uint32_t resolve_actor(loader *ld, evg__csv_file *file, value v)
{
    evg_model *m = ld->model;
    char id[256];
    if (v.len < sizeof id) {
        memcpy(id, v.text, v.len);
        id[v.len] = '\0';
        uint32_t found = evg__strmap_get(&m->actor_ids, id);
        if (found != EVG_NO_INDEX)
            return found;
    }
    const char *copy = copy_text(ld, v);
    if (copy == NULL)
        return EVG_NO_INDEX;
    uint32_t found = evg__strmap_get(&m->actor_ids, copy);
    if (found != EVG_NO_INDEX)
        return found;
    const char *near = suggest(copy, m->actors, m->actor_count, sizeof *m->actors);
    char q[EVG__EXCERPT_SIZE];
    if (near)
        report_at(file, EVG_SEVERITY_WARNING, v.offset,
                  "actor '%s' is not in actors.csv (did you mean '%s'?); created from its id",
                  QUOTE(q, v), near);
    else
        report_at(file, EVG_SEVERITY_WARNING, v.offset,
                  "actor '%s' is not in actors.csv; created from its id", QUOTE(q, v));
    evg_actor *a = evg__model_push((void **)&m->actors, &m->actor_count, &m->actor_cap, sizeof *a);
    if (a == NULL)
        return EVG_NO_INDEX;
    uint32_t index = (uint32_t)(m->actor_count - 1);
    *a = (evg_actor){copy, copy, EVG_ACTOR_OTHER, EVG_NO_INDEX, NULL, false};
    if (evg__strmap_put(&m->actor_ids, copy, index) != index)
        return EVG_NO_INDEX;
    return index;
}

/* Splits a ';' list into trimmed, non-empty items. Returns the item count;
 * fills at most `max` items. */
static size_t split_list(value v, value *items, size_t max)
{
    size_t n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= v.len; i++) {
        if (i < v.len && v.text[i] != ';')
            continue;
        value item = {v.text + start, i - start, v.offset + start};
        while (item.len && (*item.text == ' ' || *item.text == '\t'))
            item.text++, item.len--, item.offset++;
        while (item.len && (item.text[item.len - 1] == ' ' || item.text[item.len - 1] == '\t'))
            item.len--;
        if (item.len) {
            if (n < max)
                items[n] = item;
            n++;
        }
        start = i + 1;
    }
    return n;
}

static bool parse_date(evg__csv_file *file, value v, evg_date *out)
{
    if (evg_date_parse(out, v.text, v.len) == 0)
        return true;
    char q[EVG__EXCERPT_SIZE];
    report_at(file, EVG_SEVERITY_ERROR, v.offset,
              "invalid date '%s' (expected YYYY, YYYY-MM, YYYY-MM-DD or "
              "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], optionally followed by '~' or '?')",
              QUOTE(q, v));
    return false;
}

static bool parse_count(evg__csv_file *file, value v, const char *what, int64_t *out)
{
    *out = -1;
    if (v.len == 0)
        return true;
    char q[EVG__EXCERPT_SIZE];
    size_t i = v.text[0] == '-' || v.text[0] == '+' ? 1 : 0;
    int64_t n = 0;
    bool digits = i < v.len;
    for (; i < v.len && digits; i++) {
        if (v.text[i] < '0' || v.text[i] > '9' || n > (INT64_MAX - 9) / 10)
            digits = false;
        else
            n = n * 10 + (v.text[i] - '0');
    }
    if (!digits) {
        report_at(file, EVG_SEVERITY_ERROR, v.offset,
                  "%s count '%s' is not a whole number", what, QUOTE(q, v));
        return false;
    }
    if (v.text[0] == '-' && n > 0) {
        report_at(file, EVG_SEVERITY_ERROR, v.offset, "%s count '%s' is negative", what,
                  QUOTE(q, v));
        return false;
    }
    *out = n;
    return true;
}

static bool parse_coordinate(evg__csv_file *file, value v, const char *what, double limit,
                             double *out)
{
    char buf[64], q[EVG__EXCERPT_SIZE];
    bool ok = v.len > 0 && v.len < sizeof buf;
    if (ok) {
        memcpy(buf, v.text, v.len);
        buf[v.len] = '\0';
        char *end;
        *out = strtod(buf, &end);
        ok = *end == '\0' && isfinite(*out);
    }
    if (!ok) {
        report_at(file, EVG_SEVERITY_ERROR, v.offset, "%s '%s' is not a number", what,
                  QUOTE(q, v));
        return false;
    }
    if (*out < -limit || *out > limit) {
        report_at(file, EVG_SEVERITY_ERROR, v.offset, "%s %s is out of range (-%g to %g)", what,
                  QUOTE(q, v), limit, limit);
        return false;
    }
    return true;
}

static bool valid_color(value v)
{
    if (v.len != 7 || v.text[0] != '#')
        return false;
    for (size_t i = 1; i < 7; i++) {
        char c = v.text[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return true;
}

static bool check_color(evg__csv_file *file, value v)
{
    if (v.len == 0 || valid_color(v))
        return true;
    char q[EVG__EXCERPT_SIZE];
    report_at(file, EVG_SEVERITY_ERROR, v.offset, "invalid colour '%s' (expected #rrggbb)",
              QUOTE(q, v));
    return false;
}

/* Node shapes a glyph may take: Graphviz's polygon shapes, none that reads a
 * file or draws records. */
static const char *const shapes[] = {
    "box",      "circle",    "diamond",      "doublecircle", "egg",      "ellipse",
    "hexagon",  "house",     "invhouse",     "invtrapezium", "invtriangle", "octagon",
    "oval",     "parallelogram", "pentagon", "point",        "rect",     "rectangle",
    "septagon", "square",    "star",         "trapezium",    "triangle", "cylinder",
    "note",     "tab",       "folder",       "component",    "doubleoctagon", "tripleoctagon",
};

static const char *find_shape(value v)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (value_is(v, shapes[i]))
            return shapes[i];
    return NULL;
}

static int read_type_row(table *t, evg__csv_file *file, const evg__csv_field *fields,
                         uint64_t row_offset)
{
    loader *ld = t->ld;
    evg_model *m = ld->model;
    value id = get_value(t, fields, TY_ID), label = get_value(t, fields, TY_LABEL);
    value color = get_value(t, fields, TY_COLOR), shape_v = get_value(t, fields, TY_SHAPE);
    bool ok = require(file, t, id, TY_ID, row_offset) && check_id(file, id, "type id");
    ok = check_color(file, color) && ok;
    const char *shape = NULL;
    char q[EVG__EXCERPT_SIZE];
    if (shape_v.len && (shape = find_shape(shape_v)) == NULL) {
        report_at(file, EVG_SEVERITY_ERROR, shape_v.offset,
                  "unknown shape '%s' (expected a Graphviz polygon shape such as box, circle, "
                  "diamond, triangle, hexagon or star)",
                  QUOTE(q, shape_v));
        ok = false;
    }
    if (!ok)
        return 0;
    const char *id_text = copy_text(ld, id);
    if (id_text == NULL)
        return EVG_ENOMEM;
    uint32_t index = evg__strmap_get(&m->type_ids, id_text);
    evg_type *type;
    if (index == EVG_NO_INDEX) {
        type = evg__model_push((void **)&m->types, &m->type_count, &m->type_cap, sizeof *type);
        if (type == NULL)
            return EVG_ENOMEM;
        index = (uint32_t)(m->type_count - 1);
        if (evg__strmap_put(&m->type_ids, id_text, index) != index)
            return EVG_ENOMEM;
        *type = (evg_type){id_text, id_text, "#7F7F7F", "ellipse", false};
    } else {
        type = &m->types[index];
        if (!type->builtin) {
            report_at(file, EVG_SEVERITY_ERROR, id.offset, "duplicate type id '%s'",
                      QUOTE(q, id));
            return 0;
        }
        type->builtin = false;
    }
    if (label.len && (type->label = copy_text(ld, label)) == NULL)
        return EVG_ENOMEM;
    if (color.len && (type->color = copy_text(ld, color)) == NULL)
        return EVG_ENOMEM;
    if (shape)
        type->shape = shape;
    return 0;
}

static int read_actor_row(table *t, evg__csv_file *file, const evg__csv_field *fields,
                          uint64_t row_offset)
{
    loader *ld = t->ld;
    evg_model *m = ld->model;
    static const char *const kinds[] = {"state", "person", "organization", "armed_group",
                                        "other"};
    value id = get_value(t, fields, AC_ID), name = get_value(t, fields, AC_NAME);
    value kind_v = get_value(t, fields, AC_KIND), parent = get_value(t, fields, AC_PARENT);
    value color = get_value(t, fields, AC_COLOR);
    if (!require(file, t, id, AC_ID, row_offset) || !check_id(file, id, "actor id"))
        return 0;
    /* An actor whose other values are wrong is still declared, so its
     * mistakes are not reported again wherever it is named. */
    if (!check_color(file, color))
        color.len = 0;
    evg_actor_kind kind = EVG_ACTOR_OTHER;
    char q[EVG__EXCERPT_SIZE];
    if (kind_v.len) {
        size_t k = 0;
        while (k < 5 && !value_is(kind_v, kinds[k]))
            k++;
        if (k == 5 && value_is(kind_v, "armed group"))
            k = EVG_ACTOR_ARMED_GROUP;
        if (k == 5) {
            report_at(file, EVG_SEVERITY_ERROR, kind_v.offset,
                      "unknown actor kind '%s' (expected state, person, organization, "
                      "armed_group or other)",
                      QUOTE(q, kind_v));
            k = EVG_ACTOR_OTHER;
        }
        kind = (evg_actor_kind)k;
    }
    const char *id_text = copy_text(ld, id);
    if (id_text == NULL)
        return EVG_ENOMEM;
    uint32_t index = evg__strmap_get(&m->actor_ids, id_text);
    evg_actor *a;
    if (index != EVG_NO_INDEX && index >= t->first_actor && m->actors[index].declared) {
        report_at(file, EVG_SEVERITY_ERROR, id.offset, "duplicate actor id '%s'", QUOTE(q, id));
        return 0;
    }
    if (index != EVG_NO_INDEX && m->actors[index].declared)
        return 0; /* another dataset's actors.csv declared it first */
    if (index != EVG_NO_INDEX) {
        a = &m->actors[index]; /* an earlier dataset's events named it */
    } else {
        a = evg__model_push((void **)&m->actors, &m->actor_count, &m->actor_cap, sizeof *a);
        if (a == NULL)
            return EVG_ENOMEM;
        index = (uint32_t)(m->actor_count - 1);
        if (evg__strmap_put(&m->actor_ids, id_text, index) != index)
            return EVG_ENOMEM;
    }
    *a = (evg_actor){id_text, id_text, kind, EVG_NO_INDEX, NULL, true};
    if ((name.len && (a->name = copy_text(ld, name)) == NULL) ||
        (color.len && (a->color = copy_text(ld, color)) == NULL))
        return EVG_ENOMEM;
    if (parent.len) {
        pending_ref *ref = evg__model_push((void **)&t->parents, &t->parent_count,
                                           &t->parent_cap, sizeof *ref);
        if (ref == NULL || (ref->text = copy_text(ld, parent)) == NULL)
            return EVG_ENOMEM;
        ref->owner = id_text;
        ref->offset = parent.offset;
        ref->file = file;
    }
    return 0;
}

static int read_event_row(table *t, evg__csv_file *file, const evg__csv_field *fields,
                          uint64_t row_offset)
{
    loader *ld = t->ld;
    evg_model *m = ld->model;
    value v[EV_COUNT];
    for (int c = 0; c < EV_COUNT; c++)
        v[c] = get_value(t, fields, c);
    char q[EVG__EXCERPT_SIZE], q2[EVG__EXCERPT_SIZE];
    bool ok = true;
    for (int c = 0; c < EV_COUNT; c++)
        if (event_columns[c].required)
            ok = require(file, t, v[c], c, row_offset) && ok;
    if (v[EV_ID].len)
        ok = check_id(file, v[EV_ID], "event id") && ok;

    evg_date date = {0}, end_date = {0};
    bool date_ok = v[EV_DATE].len && parse_date(file, v[EV_DATE], &date);
    ok = (v[EV_DATE].len == 0 || date_ok) && ok;
    if (v[EV_END_DATE].len) {
        if (!parse_date(file, v[EV_END_DATE], &end_date)) {
            ok = false;
        } else if (date_ok && evg_date_start(&end_date) < evg_date_start(&date)) {
            report_at(file, EVG_SEVERITY_ERROR, v[EV_END_DATE].offset,
                      "end date '%s' is before the start date '%s'", QUOTE(q, v[EV_END_DATE]),
                      QUOTE(q2, v[EV_DATE]));
            ok = false;
        }
    }

    uint32_t type = EVG_NO_INDEX;
    if (v[EV_TYPE].len) {
        char id[128];
        if (v[EV_TYPE].len < sizeof id) {
            memcpy(id, v[EV_TYPE].text, v[EV_TYPE].len);
            id[v[EV_TYPE].len] = '\0';
            type = evg__strmap_get(&m->type_ids, id);
        }
        if (type == EVG_NO_INDEX) {
            const char *near = v[EV_TYPE].len < sizeof id
                                   ? suggest(id, m->types, m->type_count, sizeof *m->types)
                                   : NULL;
            if (near)
                report_at(file, EVG_SEVERITY_ERROR, v[EV_TYPE].offset,
                          "unknown event type '%s' (did you mean '%s'?)", QUOTE(q, v[EV_TYPE]),
                          near);
            else
                report_at(file, EVG_SEVERITY_ERROR, v[EV_TYPE].offset,
                          "unknown event type '%s' (add it to types.csv)", QUOTE(q, v[EV_TYPE]));
            ok = false;
        }
    }

    int64_t killed, injured;
    ok = parse_count(file, v[EV_KILLED], "killed", &killed) && ok;
    ok = parse_count(file, v[EV_INJURED], "injured", &injured) && ok;

    double latitude = 0, longitude = 0;
    bool has_lat = v[EV_LATITUDE].len > 0, has_lon = v[EV_LONGITUDE].len > 0;
    if (has_lat)
        ok = parse_coordinate(file, v[EV_LATITUDE], "latitude", 90, &latitude) && ok;
    if (has_lon)
        ok = parse_coordinate(file, v[EV_LONGITUDE], "longitude", 180, &longitude) && ok;
    if (has_lat != has_lon) {
        report_at(file, EVG_SEVERITY_ERROR, has_lat ? v[EV_LATITUDE].offset
                                                    : v[EV_LONGITUDE].offset,
                  "%s given without %s", has_lat ? "latitude" : "longitude",
                  has_lat ? "longitude" : "latitude");
        ok = false;
    }

    evg_certainty certainty = EVG_CERTAINTY_UNSPECIFIED;
    if (v[EV_CERTAINTY].len) {
        int k = EVG_CERTAINTY_CONFIRMED;
        while (k <= EVG_CERTAINTY_DISPUTED &&
               !value_is(v[EV_CERTAINTY], evg_certainty_name((evg_certainty)k)))
            k++;
        if (k > EVG_CERTAINTY_DISPUTED) {
            report_at(file, EVG_SEVERITY_ERROR, v[EV_CERTAINTY].offset,
                      "unknown certainty '%s' (expected confirmed, reported, claimed or "
                      "disputed)",
                      QUOTE(q, v[EV_CERTAINTY]));
            ok = false;
        }
        certainty = (evg_certainty)k;
    }

    const char *id_text = NULL;
    bool claimed = false; /* the id is new, and registered for this row */
    if (v[EV_ID].len) {
        if ((id_text = copy_text(ld, v[EV_ID])) == NULL)
            return EVG_ENOMEM;
        uint32_t first = evg__model_claim_event_id(m, id_text);
        if (first == EVG_NO_INDEX)
            return EVG_ENOMEM;
        claimed = first == m->event_count;
        if (!claimed) {
            report_at(file, EVG_SEVERITY_ERROR, v[EV_ID].offset,
                      "duplicate event id '%s' (first used on line %lu)", QUOTE(q, v[EV_ID]),
                      (unsigned long)m->events[first].line);
            ok = false;
        }
    }

    /* Actors are resolved even in a bad row, so each unknown one is
     * reported once, where it first appears. */
    uint32_t actor = v[EV_ACTOR].len ? resolve_actor(ld, file, v[EV_ACTOR]) : 0;
    if (actor == EVG_NO_INDEX)
        return EVG_ENOMEM;
    value target_items[64];
    size_t target_count = split_list(v[EV_TARGET], target_items, 64);
    if (target_count > 64) {
        report_at(file, EVG_SEVERITY_ERROR, v[EV_TARGET].offset,
                  "too many targets (%zu; at most 64)", target_count);
        target_count = 64;
        ok = false;
    }
    uint32_t targets[64];
    for (size_t i = 0; i < target_count; i++) {
        if ((targets[i] = resolve_actor(ld, file, target_items[i])) == EVG_NO_INDEX)
            return EVG_ENOMEM;
    }
    /* A row with errors is still kept when its id is usable (claimed above),
     * so later rows are checked against it (duplicates, related ids); any
     * error fails the whole load, so it never reaches a figure. */
    if (!claimed)
        return 0;

    evg_event *e = evg__model_add_event(m, id_text);
    if (e == NULL)
        return EVG_ENOMEM;
    e->date = date;
    e->end_date = end_date;
    e->type = type;
    e->actor = actor;
    e->line = (uint32_t)evg__csv_line(file, row_offset);
    e->killed = killed;
    e->weight = 1;
    e->injured = injured;
    e->latitude = latitude;
    e->longitude = longitude;
    e->has_position = has_lat && has_lon;
    e->certainty = certainty;
    if (target_count) {
        uint32_t *copy = evg__arena_alloc(&m->arena, target_count * sizeof *copy);
        if (copy == NULL)
            return EVG_ENOMEM;
        memcpy(copy, targets, target_count * sizeof *copy);
        e->targets = copy;
        e->target_count = (uint32_t)target_count;
    }
    value tag_items[64];
    size_t tag_count = split_list(v[EV_TAGS], tag_items, 64);
    if (tag_count > 64)
        tag_count = 64;
    if (tag_count) {
        const char **tags = evg__arena_alloc(&m->arena, tag_count * sizeof *tags);
        if (tags == NULL)
            return EVG_ENOMEM;
        for (size_t i = 0; i < tag_count; i++)
            if ((tags[i] = copy_text(ld, tag_items[i])) == NULL)
                return EVG_ENOMEM;
        e->tags = tags;
        e->tag_count = (uint32_t)tag_count;
    }
    struct {
        int column;
        const char **field;
    } texts[] = {{EV_LOCATION, &e->location}, {EV_TITLE, &e->title},
                 {EV_DESCRIPTION, &e->description}, {EV_SOURCE, &e->source},
                 {EV_URL, &e->url}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        value tv = v[texts[i].column];
        if (tv.len && (*texts[i].field = copy_text(ld, tv)) == NULL)
            return EVG_ENOMEM;
    }
    if (v[EV_RELATED].len) {
        pending_ref *ref = evg__model_push((void **)&ld->related, &ld->related_count,
                                           &ld->related_cap, sizeof *ref);
        if (ref == NULL || (ref->text = copy_text(ld, v[EV_RELATED])) == NULL)
            return EVG_ENOMEM;
        ref->owner = id_text;
        ref->offset = v[EV_RELATED].offset;
        ref->file = file;
    }
    return 0;
}

static size_t model_memory(const evg_model *m)
{
    return m->arena.total + m->event_cap * sizeof *m->events +
           m->actor_cap * sizeof *m->actors + m->type_cap * sizeof *m->types +
           (m->event_ids.capacity + m->actor_ids.capacity + m->type_ids.capacity) *
               sizeof(evg__strmap_slot);
}

static int check_limits(loader *ld, evg__csv_file *file, uint64_t row_offset)
{
    const evg_load_opts *lim = &ld->limits;
    if (lim->max_rows && ++ld->rows > lim->max_rows) {
        report_at(file, EVG_SEVERITY_ERROR, row_offset,
                  "more than %zu rows; raise the limit with --max-rows", lim->max_rows);
        return EVG_ELIMIT;
    }
    /* Checked every 1024 rows: the sum is cheap but not free. */
    if (lim->max_memory_bytes && ld->rows % 1024 == 0 &&
        model_memory(ld->model) > lim->max_memory_bytes) {
        report_at(file, EVG_SEVERITY_ERROR, row_offset,
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
            return read_header(t, file, fields, count);
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
    if (count != t->header_fields) {
        report_at(file, EVG_SEVERITY_ERROR, count > t->header_fields ? fields[t->header_fields].offset : row_offset,
                  "row has %zu field%s but the header has %zu", count, count == 1 ? "" : "s",
                  t->header_fields);
        return 0;
    }
    if (!check_encoding(file, fields, count))
        return 0;
    switch (t->kind) {
    case TABLE_EVENTS:
        return read_event_row(t, file, fields, row_offset);
    case TABLE_ACTORS:
        return read_actor_row(t, file, fields, row_offset);
    case TABLE_TYPES:
        return read_type_row(t, file, fields, row_offset);
    }
    return 0;
}

/* Resolves actors.csv's parents, then reports every cycle once. */
static int resolve_parents(loader *ld, table *t)
{
    evg_model *m = ld->model;
    char q[EVG__EXCERPT_SIZE];
    for (size_t i = 0; i < t->parent_count; i++) {
        pending_ref *ref = &t->parents[i];
        uint32_t child = evg__strmap_get(&m->actor_ids, ref->owner);
        uint32_t parent = evg__strmap_get(&m->actor_ids, ref->text);
        if (parent == EVG_NO_INDEX) {
            const char *near = suggest(ref->text, m->actors, m->actor_count, sizeof *m->actors);
            report_at(ref->file, EVG_SEVERITY_ERROR, ref->offset,
                      "unknown parent actor '%s'%s%s%s",
                      evg__excerpt(q, sizeof q, ref->text, strlen(ref->text)),
                      near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
            continue;
        }
        m->actors[child].parent = parent;
    }
    /* Walk each parent chain once; a chain that meets itself is a cycle. */
    uint32_t *walk = calloc(m->actor_count, sizeof *walk);
    if (walk == NULL)
        return EVG_ENOMEM;
    for (size_t i = 0; i < t->parent_count; i++) {
        uint32_t start = evg__strmap_get(&m->actor_ids, t->parents[i].owner);
        uint32_t stamp = (uint32_t)i + 1, a = start;
        while (a != EVG_NO_INDEX && walk[a] == 0) {
            walk[a] = stamp;
            a = m->actors[a].parent;
        }
        if (a == EVG_NO_INDEX || walk[a] != stamp)
            continue;
        /* `a` is on a new cycle: name it, and break it so nothing loops. */
        char chain[256] = "";
        size_t len = 0;
        uint32_t b = a;
        do {
            len += (size_t)snprintf(chain + len, len < sizeof chain ? sizeof chain - len : 0,
                                    "%s -> ", m->actors[b].id);
            if (len >= sizeof chain)
                len = sizeof chain - 1;
            b = m->actors[b].parent;
        } while (b != a);
        snprintf(chain + len, len < sizeof chain ? sizeof chain - len : 0, "%s",
                 m->actors[a].id);
        for (size_t k = 0; k < t->parent_count; k++) {
            if (evg__strmap_get(&m->actor_ids, t->parents[k].owner) == a) {
                report_at(t->parents[k].file, EVG_SEVERITY_ERROR, t->parents[k].offset,
                          "parent cycle: %s", chain);
                break;
            }
        }
        m->actors[a].parent = EVG_NO_INDEX;
    }
    free(walk);
    return 0;
}

static int read_table(loader *ld, evg__csv_file *file, table_kind kind);

/* Makes room in the event table and id map for the rows a large file will
 * hold, guessed from its size and the lines of its first bytes, so neither
 * is reallocated or rehashed a dozen times on the way. */
static void reserve_events(loader *ld, evg__csv_file *file, const unsigned char *head,
                           size_t len)
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
    evg__import_detect(&found, head, len);
    evg_input_format format = ld->limits.input_format;
    if (format == EVG_INPUT_AUTO) {
        format = found.format == EVG_INPUT_AUTO ? EVG_INPUT_EVGRAPH : found.format;
    } else if (found.format != EVG_INPUT_AUTO && found.format != format) {
        /* A forced format is trusted where detection is unsure, not where it
         * recognised another one. */
        evg__csv_report(file, EVG_SEVERITY_ERROR, len >= 3 && head[0] == 0xEF ? 3 : 0,
                        "--input-format %s, but this is %s (%s)",
                        evg_input_format_name(format), evg__import_format_noun(found.format),
                        found.reason);
        return EVG_EINVAL;
    }
    if (format == EVG_INPUT_EVGRAPH)
        return 0;
    return evg__import_begin(&t->import, ld->importer, ld->model, file, format,
                             found.tab_fields);
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
    table t = {.ld = ld, .kind = kind, .first_actor = (uint32_t)ld->model->actor_count};
    switch (kind) {
    case TABLE_EVENTS:
        t.columns = event_columns, t.column_count = EV_COUNT;
        break;
    case TABLE_ACTORS:
        t.columns = actor_columns, t.column_count = AC_COUNT;
        break;
    case TABLE_TYPES:
        t.columns = type_columns, t.column_count = TY_COUNT;
        break;
    }
    evg__csv_file **slot = evg__model_push((void **)&ld->files, &ld->file_count, &ld->file_cap,
                                           sizeof *slot);
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
        rc = resolve_parents(ld, &t);
    free(t.parents);
    evg__import_end(t.import);
    return rc;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static int load_dataset(loader *ld, const char *path)
{
    if (strcmp(path, "-") == 0)
        return load_table(ld, path, TABLE_EVENTS);
    struct stat st;
    if (stat(path, &st) != 0) {
        evg__report(&ld->rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot open: %s",
                    strerror(errno));
        return EVG_EIO;
    }
    if (!S_ISDIR(st.st_mode))
        return load_table(ld, path, TABLE_EVENTS);
    static const struct {
        const char *name;
        table_kind kind;
    } parts[] = {{"types.csv", TABLE_TYPES}, {"actors.csv", TABLE_ACTORS},
                 {"events.csv", TABLE_EVENTS}};
    size_t dir_len = strlen(path);
    while (dir_len > 1 && path[dir_len - 1] == '/')
        dir_len--;
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
    return rc;
}

/* What events sort by, gathered once in 24 bytes: the start instant and the
 * precision in one integer, and the id's first eight bytes in an integer
 * that orders as the bytes do, so ids are read only when those are equal. */
typedef struct sort_item {
    int64_t key; /* start * 8 + precision */
    uint64_t id_head;
    uint32_t index;
} sort_item;

static uint64_t id_head(const char *id)
{
    uint64_t head = 0;
    size_t i = 0;
    for (; i < 8 && id[i]; i++)
        head = head << 8 | (unsigned char)id[i];
    return head << (8 * (8 - i));
}

/* The events whose items are being sorted, for ids that share a head. */
typedef const evg_event *event_table;

static int compare_items(event_table events, const sort_item *a, const sort_item *b)
{
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->id_head != b->id_head)
        return a->id_head < b->id_head ? -1 : 1;
    return strcmp(events[a->index].id, events[b->index].id);
}

static void swap_items(sort_item *a, sort_item *b)
{
    sort_item t = *a;
    *a = *b;
    *b = t;
}

static void sift_down(event_table ev, sort_item *items, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && compare_items(ev, &items[child], &items[child + 1]) < 0)
            child++;
        if (compare_items(ev, &items[root], &items[child]) >= 0)
            return;
        swap_items(&items[root], &items[child]);
    }
}

/* Introsort: quicksort on the median of three, insertion sort for short
 * runs, heapsort where quicksort goes too deep, so no input is quadratic.
 * The comparison is inlined, which qsort's callback cannot be: this sorts a
 * million events in a third of qsort's time. */
static void sort_items(event_table ev, sort_item *items, size_t n, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            for (size_t i = n / 2; i-- > 0;)
                sift_down(ev, items, i, n);
            for (size_t i = n - 1; i > 0; i--) {
                swap_items(&items[0], &items[i]);
                sift_down(ev, items, 0, i);
            }
            return;
        }
        size_t mid = n / 2;
        if (compare_items(ev, &items[mid], &items[0]) < 0)
            swap_items(&items[mid], &items[0]);
        if (compare_items(ev, &items[n - 1], &items[0]) < 0)
            swap_items(&items[n - 1], &items[0]);
        if (compare_items(ev, &items[n - 1], &items[mid]) < 0)
            swap_items(&items[n - 1], &items[mid]);
        sort_item pivot = items[mid];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (compare_items(ev, &items[i], &pivot) < 0)
                i++;
            while (compare_items(ev, &pivot, &items[j]) < 0)
                j--;
            if (i >= j)
                break;
            swap_items(&items[i], &items[j]);
            i++;
            j--;
        }
        /* Recurse into the smaller side, loop on the larger. */
        if (j + 1 < n - j - 1) {
            sort_items(ev, items, j + 1, depth);
            items += j + 1;
            n -= j + 1;
        } else {
            sort_items(ev, items + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        sort_item held = items[i];
        size_t k = i;
        for (; k > 0 && compare_items(ev, &held, &items[k - 1]) < 0; k--)
            items[k] = items[k - 1];
        items[k] = held;
    }
}

static void prefetch_event(const evg_event *e)
{
#if defined(__GNUC__)
    for (size_t k = 0; k < sizeof *e; k += 64)
        __builtin_prefetch((const char *)e + k);
#else
    (void)e;
#endif
}

/* One share of the sort: the items of events [first, first + count) are
 * gathered and sorted. */
typedef struct sort_share {
    const evg_event *events;
    sort_item *items;
    size_t first, count;
    bool sorted; /* the share was in order already */
} sort_share;

static void *sort_share_main(void *arg)
{
    sort_share *s = arg;
    s->sorted = true;
    for (size_t i = s->first; i < s->first + s->count; i++) {
        const evg_event *e = &s->events[i];
        s->items[i] = (sort_item){evg_date_start(&e->date) * 8 + e->date.precision,
                                  id_head(e->id), (uint32_t)i};
        if (i > s->first && s->sorted &&
            compare_items(s->events, &s->items[i - 1], &s->items[i]) > 0)
            s->sorted = false;
    }
    if (!s->sorted) {
        unsigned depth = 0;
        for (size_t k = s->count; k > 1; k /= 2)
            depth += 2;
        sort_items(s->events, s->items + s->first, s->count, depth);
    }
    return NULL;
}

/* Sorts events by date, then precision, then id: the order of the CSV rows
 * never shows in a figure. A file already in that order is left as it is.
 * From SORT_SHARE_MIN events on, each half is sorted on its own thread and
 * the two are merged. The events are then permuted in place, to spare a
 * second copy of a large event table, and the id map is renumbered rather
 * than rebuilt. */
enum { SORT_SHARE_MIN = 1 << 16 };

static int sort_events_by_date(evg_model *m)
{
    size_t n = m->event_count;
    sort_item *items = malloc((n ? n : 1) * sizeof *items);
    /* order[i]: the old index of the event that goes to i; renumber[old]:
     * its new index. */
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    uint32_t *renumber = malloc((n ? n : 1) * sizeof *renumber);
    if (items == NULL || order == NULL || renumber == NULL) {
        free(items);
        free(order);
        free(renumber);
        return EVG_ENOMEM;
    }
    size_t half = n >= SORT_SHARE_MIN ? n / 2 : n;
    sort_share shares[2] = {{m->events, items, 0, half, true},
                            {m->events, items, half, n - half, true}};
    pthread_t thread;
    bool threaded = half < n && pthread_create(&thread, NULL, sort_share_main, &shares[1]) == 0;
    sort_share_main(&shares[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else if (half < n)
        sort_share_main(&shares[1]);
    bool sorted = shares[0].sorted && shares[1].sorted &&
                  (half == 0 || half == n ||
                   compare_items(m->events, &items[half - 1], &items[half]) < 0);
    if (sorted) {
        free(items);
        free(order);
        free(renumber);
        return 0;
    }
    /* Merge the two sorted shares straight into order and renumber. */
    size_t a = 0, b = half;
    for (size_t k = 0; k < n; k++) {
        const sort_item *next =
            b == n || (a < half && compare_items(m->events, &items[a], &items[b]) < 0)
                ? &items[a++]
                : &items[b++];
        order[k] = next->index;
        renumber[next->index] = (uint32_t)k;
    }
    free(items);
    /* Follow each cycle, marking done positions by setting order[i] = i.
     * The events are read in random order, so each is prefetched a few
     * moves ahead (`ahead` walks the cycle PREFETCH_MOVES in front). */
    enum { PREFETCH_MOVES = 8 };
    for (size_t i = 0; i < n; i++) {
        if (order[i] == i)
            continue;
        evg_event held = m->events[i];
        size_t ahead = order[i];
        for (int k = 0; k < PREFETCH_MOVES && ahead != i; k++)
            ahead = order[ahead];
        size_t to = i;
        for (;;) {
            size_t from = order[to];
            order[to] = (uint32_t)to;
            if (ahead != i) {
                prefetch_event(&m->events[ahead]);
                ahead = order[ahead];
            }
            if (from == i) {
                m->events[to] = held;
                break;
            }
            m->events[to] = m->events[from];
            to = from;
        }
    }
    free(order);
    evg__strmap_renumber(&m->event_ids, renumber);
    free(renumber);
    return 0;
}

static int resolve_related(loader *ld)
{
    evg_model *m = ld->model;
    char q[EVG__EXCERPT_SIZE];
    for (size_t i = 0; i < ld->related_count; i++) {
        pending_ref *ref = &ld->related[i];
        value list = {ref->text, strlen(ref->text), ref->offset};
        value items[64];
        size_t count = split_list(list, items, 64);
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
                const char *near = items[k].len < sizeof id
                                       ? suggest(id, m->events, m->event_count, sizeof *m->events)
                                       : NULL;
                report_at(ref->file, EVG_SEVERITY_ERROR, items[k].offset,
                          "unknown related event '%s'%s%s%s", QUOTE(q, items[k]),
                          near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
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
        rc = sort_events_by_date(ld->model);
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
    evg__importer_free(ld->importer);
    if (rc) {
        evg_model_free(ld->model);
        return rc;
    }
    *out = ld->model;
    return 0;
}
