/* Reading evgraph's own tables: types.csv, actors.csv and the events CSV,
 * every value checked. */
#define _POSIX_C_SOURCE 200809L

#include "load_int.h"
#include "kinds_int.h"
#include "suggest_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

enum event_column {
    EV_ID,
    EV_DATE,
    EV_END_DATE,
    EV_TYPE,
    EV_ACTOR,
    EV_TARGET,
    EV_LOCATION,
    EV_LATITUDE,
    EV_LONGITUDE,
    EV_KILLED,
    EV_INJURED,
    EV_TITLE,
    EV_DESCRIPTION,
    EV_SOURCE,
    EV_URL,
    EV_CERTAINTY,
    EV_RELATED,
    EV_TAGS,
    EV_WEIGHT,
    EV_COUNT
};

static const column_spec event_columns[EV_COUNT] = {
    {"id", true},           {"date", true},    {"end_date", false}, {"type", true},
    {"actor", true},        {"target", false}, {"location", false}, {"latitude", false},
    {"longitude", false},   {"killed", false}, {"injured", false},  {"title", false},
    {"description", false}, {"source", false}, {"url", false},      {"certainty", false},
    {"related", false},     {"tags", false},   {"count", false},
};

enum actor_column { AC_ID, AC_NAME, AC_KIND, AC_PARENT, AC_COLOR, AC_COUNT };

static const column_spec actor_columns[AC_COUNT] = {
    {"id", true}, {"name", false}, {"kind", false}, {"parent", false}, {"color", false},
};

enum type_column { TY_ID, TY_LABEL, TY_COLOR, TY_SHAPE, TY_COUNT };

static const column_spec type_columns[TY_COUNT] = {
    {"id", true},
    {"label", false},
    {"color", false},
    {"shape", false},
};

static value get_value(const table *t, const evg__csv_field *fields, int column)
{
    int pos = t->position[column];
    if (pos < 0)
        return (value){"", 0, 0};
    return evg__value_trim(&fields[pos]);
}

static const char *copy_text(loader *ld, evg__csv_file *file, value v)
{
    return v.len ? evg__value_copy(&ld->model->arena, file, v) : NULL;
}

/* The most distinct texts stored once each; past them, each is copied. */
enum { INTERN_MAX = 1 << 16 };

/* A source or a location: a million events cite a few hundred of each, so
 * each distinct text is stored once (the first INTERN_MAX of them): less
 * memory, and figures count sources by pointer. */
static const char *intern_text(loader *ld, evg__csv_file *file, value v)
{
    char key[256];
    if (v.len == 0 || v.len >= sizeof key)
        return copy_text(ld, file, v);
    memcpy(key, v.text, v.len);
    key[v.len] = '\0';
    uint32_t at = evg__strmap_get(&ld->interned, key);
    if (at != EVG_NO_INDEX)
        return ld->interned_text[at];
    const char *copy = copy_text(ld, file, v);
    if (copy == NULL || ld->interned_count >= INTERN_MAX)
        return copy;
    /* The map's key is the bytes as read; the copy may differ from them
     * (Windows-1252, XML-invalid characters). */
    const char *stored = memcmp(copy, key, v.len + 1) == 0
                             ? copy
                             : evg__arena_strndup(&ld->model->arena, key, v.len);
    const char **slot = stored ? evg__model_push((void **)&ld->interned_text, &ld->interned_count,
                                                 &ld->interned_cap, sizeof *slot)
                               : NULL;
    if (slot == NULL)
        return NULL;
    *slot = copy;
    uint32_t index = (uint32_t)(ld->interned_count - 1);
    return evg__strmap_put(&ld->interned, stored, index) == index ? copy : NULL;
}

static bool require(evg__csv_file *file, const table *t, value v, int column, uint64_t row_offset)
{
    if (v.len)
        return true;
    evg__csv_report(file, EVG_SEVERITY_ERROR, t->position[column] >= 0 ? v.offset : row_offset,
                    "missing value for required column '%s'", t->columns[column].name);
    return false;
}

int evg__table_header(table *t, evg__csv_file *file, const evg__csv_field *fields, size_t count)
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
        while (c < t->column_count && !evg__value_is(v, t->columns[c].name))
            c++;
        char q[EVG__EXCERPT_SIZE];
        if (c == t->column_count) {
            evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset, "unknown column '%s' is ignored",
                            EVG__QUOTE(q, v));
        } else if (t->position[c] >= 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "column '%s' appears twice",
                            t->columns[c].name);
            t->header_ok = false;
        } else {
            t->position[c] = (int)i;
        }
    }
    for (size_t c = 0; c < t->column_count; c++) {
        if (t->columns[c].required && t->position[c] < 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, fields[0].offset,
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
    if (v.len > EVG__MAX_ID_BYTES)
        (void)evg__value_check_id(file, v, "actor id"); /* reported; the load fails */
    evg_model *m = ld->model;
    char id[256];
    if (v.len < sizeof id) {
        memcpy(id, v.text, v.len);
        id[v.len] = '\0';
        uint32_t found = evg__strmap_get(&m->actor_ids, id);
        if (found != EVG_NO_INDEX)
            return found;
    }
    const char *copy = evg__value_copy(&m->ids, file, v);
    if (copy == NULL)
        return EVG_NO_INDEX;
    /* The copy differs from the bytes looked up when it was too long for
     * `id` or converted (Windows-1252, XML-invalid characters): look again. */
    bool same = v.len < sizeof id && memcmp(copy, id, v.len + 1) == 0;
    uint32_t found = same ? EVG_NO_INDEX : evg__strmap_get(&m->actor_ids, copy);
    if (found != EVG_NO_INDEX)
        return found;
    bool shown = evg__report_shown(&ld->rep, EVG_SEVERITY_WARNING);
    const char *near =
        shown ? evg__suggest(copy, m->actors, m->actor_count, sizeof *m->actors) : NULL;
    char q[EVG__EXCERPT_SIZE];
    if (!shown)
        evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset, "actor not in actors.csv");
    else if (near)
        evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset,
                        "actor '%s' is not in actors.csv (did you mean '%s'?); created from its id",
                        EVG__QUOTE(q, v), near);
    else
        evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset,
                        "actor '%s' is not in actors.csv; created from its id", EVG__QUOTE(q, v));
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
size_t evg__split_list(value v, value *items, size_t max)
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
    evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                    "invalid date '%s' (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                    "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], optionally followed by '~' or '?')",
                    EVG__QUOTE(q, v));
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
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "%s count '%s' is not a whole number",
                        what, EVG__QUOTE(q, v));
        return false;
    }
    if (v.text[0] == '-' && n > 0) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "%s count '%s' is negative", what,
                        EVG__QUOTE(q, v));
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
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "%s '%s' is not a number", what,
                        EVG__QUOTE(q, v));
        return false;
    }
    if (*out < -limit || *out > limit) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "%s %s is out of range (-%g to %g)",
                        what, EVG__QUOTE(q, v), limit, limit);
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
    evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset, "invalid colour '%s' (expected #rrggbb)",
                    EVG__QUOTE(q, v));
    return false;
}

/* Node shapes a glyph may take: Graphviz's polygon shapes, none that reads a
 * file or draws records. */
static const char *const shapes[] = {
    "box",      "circle",        "diamond",  "doublecircle", "egg",           "ellipse",
    "hexagon",  "house",         "invhouse", "invtrapezium", "invtriangle",   "octagon",
    "oval",     "parallelogram", "pentagon", "point",        "rect",          "rectangle",
    "septagon", "square",        "star",     "trapezium",    "triangle",      "cylinder",
    "note",     "tab",           "folder",   "component",    "doubleoctagon", "tripleoctagon",
};

static const char *find_shape(value v)
{
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        if (evg__value_is(v, shapes[i]))
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
    bool ok = require(file, t, id, TY_ID, row_offset) && evg__value_check_id(file, id, "type id");
    ok = check_color(file, color) && ok;
    const char *shape = NULL;
    char q[EVG__EXCERPT_SIZE];
    if (shape_v.len && (shape = find_shape(shape_v)) == NULL) {
        evg__csv_report(
            file, EVG_SEVERITY_ERROR, shape_v.offset,
            "unknown shape '%s' (expected a Graphviz polygon shape such as box, circle, "
            "diamond, triangle, hexagon or star)",
            EVG__QUOTE(q, shape_v));
        ok = false;
    }
    if (!ok)
        return 0;
    const char *id_text = copy_text(ld, file, id);
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
            evg__csv_report(file, EVG_SEVERITY_ERROR, id.offset, "duplicate type id '%s'",
                            EVG__QUOTE(q, id));
            return 0;
        }
        type->builtin = false;
    }
    if (label.len && (type->label = copy_text(ld, file, label)) == NULL)
        return EVG_ENOMEM;
    if (color.len && (type->color = copy_text(ld, file, color)) == NULL)
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
    value id = get_value(t, fields, AC_ID), name = get_value(t, fields, AC_NAME);
    value kind_v = get_value(t, fields, AC_KIND), parent = get_value(t, fields, AC_PARENT);
    value color = get_value(t, fields, AC_COLOR);
    if (!require(file, t, id, AC_ID, row_offset) || !evg__value_check_id(file, id, "actor id"))
        return 0;
    /* An actor whose other values are wrong is still declared, so its
     * mistakes are not reported again wherever it is named. */
    if (!check_color(file, color))
        color.len = 0;
    evg_actor_kind kind = EVG_ACTOR_OTHER;
    char q[EVG__EXCERPT_SIZE];
    if (kind_v.len) {
        int k = evg__actor_kind_parse(kind_v.text, kind_v.len);
        if (k < 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, kind_v.offset,
                            "unknown actor kind '%s' (expected " EVG__ACTOR_KINDS_EXPECTED ")",
                            EVG__QUOTE(q, kind_v));
            k = EVG_ACTOR_OTHER;
        }
        kind = (evg_actor_kind)k;
    }
    const char *id_text = copy_text(ld, file, id);
    if (id_text == NULL)
        return EVG_ENOMEM;
    uint32_t index = evg__strmap_get(&m->actor_ids, id_text);
    evg_actor *a;
    if (index != EVG_NO_INDEX && index >= t->first_actor && m->actors[index].declared) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, id.offset, "duplicate actor id '%s'",
                        EVG__QUOTE(q, id));
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
    if ((name.len && (a->name = copy_text(ld, file, name)) == NULL) ||
        (color.len && (a->color = copy_text(ld, file, color)) == NULL))
        return EVG_ENOMEM;
    if (parent.len) {
        pending_ref *ref =
            evg__model_push((void **)&t->parents, &t->parent_count, &t->parent_cap, sizeof *ref);
        if (ref == NULL || (ref->text = copy_text(ld, file, parent)) == NULL)
            return EVG_ENOMEM;
        ref->owner = id_text;
        ref->offset = parent.offset;
        ref->file = file;
    }
    return 0;
}

/* The type with that id; EVG_NO_INDEX (reported) when there is none. */
static uint32_t find_type(evg_model *m, evg__csv_file *file, value v, bool shown)
{
    char id[128], q[EVG__EXCERPT_SIZE];
    uint32_t type = EVG_NO_INDEX;
    if (v.len < sizeof id) {
        memcpy(id, v.text, v.len);
        id[v.len] = '\0';
        type = evg__strmap_get(&m->type_ids, id);
    }
    if (type != EVG_NO_INDEX)
        return type;
    const char *near = v.len < sizeof id && shown
                           ? evg__suggest(id, m->types, m->type_count, sizeof *m->types)
                           : NULL;
    if (near)
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                        "unknown event type '%s' (did you mean '%s'?)", EVG__QUOTE(q, v), near);
    else
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                        "unknown event type '%s' (add it to types.csv)", EVG__QUOTE(q, v));
    return EVG_NO_INDEX;
}

/* The event's tags, texts and related events (resolved at the end). */
static int add_lists(table *t, evg__csv_file *file, const value *v, evg_event *e,
                     const char *id_text)
{
    loader *ld = t->ld;
    evg_model *m = ld->model;
    value tag_items[64];
    size_t tag_count = evg__split_list(v[EV_TAGS], tag_items, 64);
    if (tag_count > 64)
        tag_count = 64;
    if (tag_count) {
        const char **tags = evg__arena_alloc(&m->arena, tag_count * sizeof *tags);
        if (tags == NULL)
            return EVG_ENOMEM;
        for (size_t i = 0; i < tag_count; i++)
            if ((tags[i] = copy_text(ld, file, tag_items[i])) == NULL)
                return EVG_ENOMEM;
        e->tags = tags;
        e->tag_count = (uint32_t)tag_count;
    }
    struct {
        int column;
        const char **field;
    } texts[] = {{EV_LOCATION, &e->location},
                 {EV_TITLE, &e->title},
                 {EV_DESCRIPTION, &e->description},
                 {EV_SOURCE, &e->source},
                 {EV_URL, &e->url}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        value tv = v[texts[i].column];
        bool repeats = texts[i].column == EV_SOURCE || texts[i].column == EV_LOCATION;
        if (tv.len && (*texts[i].field = repeats ? intern_text(ld, file, tv)
                                                 : copy_text(ld, file, tv)) == NULL)
            return EVG_ENOMEM;
    }
    if (v[EV_RELATED].len) {
        pending_ref *ref = evg__model_push((void **)&ld->related, &ld->related_count,
                                           &ld->related_cap, sizeof *ref);
        if (ref == NULL || (ref->text = copy_text(ld, file, v[EV_RELATED])) == NULL)
            return EVG_ENOMEM;
        ref->owner = id_text;
        ref->offset = v[EV_RELATED].offset;
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
        ok = evg__value_check_id(file, v[EV_ID], "event id") && ok;

    evg_date date = {0}, end_date = {0};
    bool date_ok = v[EV_DATE].len && parse_date(file, v[EV_DATE], &date);
    ok = (v[EV_DATE].len == 0 || date_ok) && ok;
    if (v[EV_END_DATE].len) {
        if (!parse_date(file, v[EV_END_DATE], &end_date)) {
            ok = false;
        } else if (date_ok && evg_date_start(&end_date) < evg_date_start(&date)) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[EV_END_DATE].offset,
                            "end date '%s' is before the start date '%s'",
                            EVG__QUOTE(q, v[EV_END_DATE]), EVG__QUOTE(q2, v[EV_DATE]));
            ok = false;
        }
    }

    uint32_t type = EVG_NO_INDEX;
    if (v[EV_TYPE].len &&
        (type = find_type(m, file, v[EV_TYPE], evg__report_shown(&ld->rep, EVG_SEVERITY_ERROR))) ==
            EVG_NO_INDEX)
        ok = false;

    int64_t killed, injured;
    ok = parse_count(file, v[EV_KILLED], "killed", &killed) && ok;
    ok = parse_count(file, v[EV_INJURED], "injured", &injured) && ok;
    /* An aggregated table's count of events the row stands for. */
    int64_t weight = 1;
    if (v[EV_WEIGHT].len) {
        if (!parse_count(file, v[EV_WEIGHT], "event", &weight)) {
            ok = false;
        } else if (weight == 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[EV_WEIGHT].offset,
                            "event count '0': leave the row out instead");
            ok = false;
        }
    }

    double latitude = 0, longitude = 0;
    bool has_lat = v[EV_LATITUDE].len > 0, has_lon = v[EV_LONGITUDE].len > 0;
    if (has_lat)
        ok = parse_coordinate(file, v[EV_LATITUDE], "latitude", 90, &latitude) && ok;
    if (has_lon)
        ok = parse_coordinate(file, v[EV_LONGITUDE], "longitude", 180, &longitude) && ok;
    if (has_lat != has_lon) {
        evg__csv_report(file, EVG_SEVERITY_ERROR,
                        has_lat ? v[EV_LATITUDE].offset : v[EV_LONGITUDE].offset,
                        "%s given without %s", has_lat ? "latitude" : "longitude",
                        has_lat ? "longitude" : "latitude");
        ok = false;
    }

    evg_certainty certainty = EVG_CERTAINTY_UNSPECIFIED;
    if (v[EV_CERTAINTY].len) {
        int k = EVG_CERTAINTY_CONFIRMED;
        while (k <= EVG_CERTAINTY_DISPUTED &&
               !evg__value_is(v[EV_CERTAINTY], evg_certainty_name((evg_certainty)k)))
            k++;
        if (k > EVG_CERTAINTY_DISPUTED) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[EV_CERTAINTY].offset,
                            "unknown certainty '%s' (expected confirmed, reported, claimed or "
                            "disputed)",
                            EVG__QUOTE(q, v[EV_CERTAINTY]));
            ok = false;
        }
        certainty = (evg_certainty)k;
    }

    const char *id_text = NULL;
    bool claimed = false; /* the id is new, and registered for this row */
    if (v[EV_ID].len) {
        if ((id_text = copy_text(ld, file, v[EV_ID])) == NULL)
            return EVG_ENOMEM;
        uint32_t first = evg__model_claim_event_id(m, id_text);
        if (first == EVG_NO_INDEX)
            return EVG_ENOMEM;
        claimed = first == m->event_count;
        if (!claimed) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[EV_ID].offset,
                            "duplicate event id '%s' (first used on line %lu)",
                            EVG__QUOTE(q, v[EV_ID]), (unsigned long)m->events[first].line);
            ok = false;
        }
    }

    /* Actors are resolved even in a bad row, so each unknown one is
     * reported once, where it first appears. */
    uint32_t actor = v[EV_ACTOR].len ? resolve_actor(ld, file, v[EV_ACTOR]) : 0;
    if (actor == EVG_NO_INDEX)
        return EVG_ENOMEM;
    value target_items[64];
    size_t target_count = evg__split_list(v[EV_TARGET], target_items, 64);
    if (target_count > 64) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v[EV_TARGET].offset,
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
    e->weight = weight > 0 ? (uint64_t)weight : 1;
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
    return add_lists(t, file, v, e, id_text);
}

/* Resolves actors.csv's parents, then reports every cycle once. */
/* The deepest parent chain the loader accepts: far beyond any real
 * hierarchy, and what every figure may rely on. */
enum { MAX_PARENT_DEPTH = 32 };

/* Refuses, once per branch, a parent chain deeper than MAX_PARENT_DEPTH:
 * the actor one level past the limit gets the error. `depth` is scratch of
 * actor_count entries. Cycles are broken already, so every walk ends. */
static int check_depths(table *t, uint32_t *depth)
{
    evg_model *m = t->ld->model;
    uint32_t *path = malloc((m->actor_count ? m->actor_count : 1) * sizeof *path);
    if (path == NULL)
        return EVG_ENOMEM;
    memset(depth, 0, m->actor_count * sizeof *depth); /* 0: not known yet; else depth + 1 */
    for (size_t i = 0; i < t->parent_count; i++) {
        uint32_t a = evg__strmap_get(&m->actor_ids, t->parents[i].owner);
        size_t n = 0;
        while (a != EVG_NO_INDEX && depth[a] == 0) {
            path[n++] = a;
            a = m->actors[a].parent;
        }
        uint32_t d = a == EVG_NO_INDEX ? 0 : depth[a];
        while (n > 0)
            depth[path[--n]] = ++d;
    }
    char q[EVG__EXCERPT_SIZE], q2[EVG__EXCERPT_SIZE];
    for (size_t i = 0; i < t->parent_count; i++) {
        const pending_ref *ref = &t->parents[i];
        uint32_t a = evg__strmap_get(&m->actor_ids, ref->owner);
        if (depth[a] != MAX_PARENT_DEPTH + 2) /* 33 links from its root */
            continue;
        uint32_t root = a;
        while (m->actors[root].parent != EVG_NO_INDEX)
            root = m->actors[root].parent;
        evg__csv_report(ref->file, EVG_SEVERITY_ERROR, ref->offset,
                        "actor '%s' is more than %d parents below '%s': parent chains may be "
                        "at most %d deep",
                        evg__excerpt(q, sizeof q, ref->owner, strlen(ref->owner)), MAX_PARENT_DEPTH,
                        evg__excerpt(q2, sizeof q2, m->actors[root].id, strlen(m->actors[root].id)),
                        MAX_PARENT_DEPTH);
    }
    free(path);
    return 0;
}

int evg__table_resolve_parents(table *t)
{
    evg_model *m = t->ld->model;
    char q[EVG__EXCERPT_SIZE];
    for (size_t i = 0; i < t->parent_count; i++) {
        pending_ref *ref = &t->parents[i];
        uint32_t child = evg__strmap_get(&m->actor_ids, ref->owner);
        uint32_t parent = evg__strmap_get(&m->actor_ids, ref->text);
        if (parent == EVG_NO_INDEX) {
            const char *near =
                evg__report_shown(&t->ld->rep, EVG_SEVERITY_ERROR)
                    ? evg__suggest(ref->text, m->actors, m->actor_count, sizeof *m->actors)
                    : NULL;
            evg__csv_report(ref->file, EVG_SEVERITY_ERROR, ref->offset,
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
        snprintf(chain + len, len < sizeof chain ? sizeof chain - len : 0, "%s", m->actors[a].id);
        for (size_t k = 0; k < t->parent_count; k++) {
            if (evg__strmap_get(&m->actor_ids, t->parents[k].owner) == a) {
                evg__csv_report(t->parents[k].file, EVG_SEVERITY_ERROR, t->parents[k].offset,
                                "parent cycle: %s", chain);
                break;
            }
        }
        m->actors[a].parent = EVG_NO_INDEX;
    }
    int rc = check_depths(t, walk);
    free(walk);
    return rc;
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

void evg__table_init(table *t, loader *ld, table_kind kind)
{
    *t = (table){.ld = ld, .kind = kind, .first_actor = (uint32_t)ld->model->actor_count};
    switch (kind) {
    case TABLE_EVENTS:
        t->columns = event_columns, t->column_count = EV_COUNT;
        break;
    case TABLE_ACTORS:
        t->columns = actor_columns, t->column_count = AC_COUNT;
        break;
    case TABLE_TYPES:
        t->columns = type_columns, t->column_count = TY_COUNT;
        break;
    }
}

int evg__table_row(table *t, evg__csv_file *file, const evg__csv_field *fields, size_t count,
                   uint64_t row_offset)
{
    if (count != t->header_fields) {
        evg__csv_report(file, EVG_SEVERITY_ERROR,
                        count > t->header_fields ? fields[t->header_fields].offset : row_offset,
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
