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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

static const evg__format *const formats[] = {&evg__format_acled, &evg__format_gdelt,
                                             &evg__format_icews};

const evg__format *evg__format_find(evg_input_format id)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (formats[i]->id == id)
            return formats[i];
    return NULL;
}

static const char *const format_names[] = {"auto", "evgraph", "acled", "gdelt", "icews"};

const char *evg_input_format_name(evg_input_format format)
{
    return (unsigned)format < 5 ? format_names[format] : "auto";
}

int evg_input_format_parse(evg_input_format *out, const char *name)
{
    for (int i = 0; i < 5; i++) {
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

/* The next `sep`-separated field of a header line at *p, trimmed and
 * without surrounding quotes. */
static value next_name(const char **p, const char *end, char sep)
{
    const char *start = *p;
    while (*p < end && **p != sep)
        (*p)++;
    value v = {start, (size_t)(*p - start), 0};
    if (*p < end)
        (*p)++;
    while (v.len && (*v.text == ' ' || *v.text == '"'))
        v.text++, v.len--;
    while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '"'))
        v.len--;
    return v;
}

void evg__import_detect(evg__detected *out, const unsigned char *data, size_t len)
{
    memset(out, 0, sizeof *out);
    const char *p = (const char *)data, *end = p + len;
    if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        p += 3;
    const char *line_end = p;
    while (line_end < end && *line_end != '\n' && *line_end != '\r')
        line_end++;
    size_t tabs = 1;
    for (const char *c = p; c < line_end; c++)
        tabs += *c == '\t';
    out->tab_fields = tabs;
    if (tabs > 1) {
        const char *q = p;
        if (evg__value_is(next_name(&q, line_end, '\t'), "event id")) {
            out->format = EVG_INPUT_ICEWS;
            snprintf(out->reason, sizeof out->reason, "its header starts with 'Event ID'");
            return;
        }
        if (tabs == 57 || tabs == 58 || tabs == 61) {
            out->format = EVG_INPUT_GDELT;
            snprintf(out->reason, sizeof out->reason, "its first row has %zu tab-separated fields",
                     tabs);
            return;
        }
    }
    bool id = false, date = false;
    for (const char *q = p; q < line_end;) {
        value v = next_name(&q, line_end, ',');
        if (evg__value_is(v, "event_id_cnty")) {
            out->format = EVG_INPUT_ACLED;
            snprintf(out->reason, sizeof out->reason, "its header names 'event_id_cnty'");
            return;
        }
        id = id || evg__value_is(v, "id");
        date = date || evg__value_is(v, "date");
    }
    if (id && date) {
        out->format = EVG_INPUT_EVGRAPH;
        snprintf(out->reason, sizeof out->reason, "its header names 'id' and 'date'");
    }
}

int evg__import_begin(evg__import_file **out, evg__importer *im, evg_model *model,
                      evg__csv_file *file, evg_input_format format, size_t first_row_fields)
{
    *out = NULL;
    evg__import_file *f = calloc(1, sizeof *f);
    if (f == NULL)
        return EVG_ENOMEM;
    *f = (evg__import_file){.im = im, .m = model, .file = file, .format = evg__format_find(format)};
    for (int c = 0; c < C_COUNT; c++)
        f->position[c] = -1;
    evg__csv_set_dialect(file, f->format->delimiter, f->format->quoting);
    if (f->format->layout) {
        int rc = f->format->layout(f, first_row_fields);
        if (rc) {
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

int evg__import_header(evg__import_file *f, const evg__csv_field *fields, size_t count)
{
    const evg__column_name *names = f->format->columns;
    size_t name_count = f->format->column_count;
    f->header_done = true;
    f->header_ok = true;
    f->fields = count;
    /* Exports carry many columns evgraph has no use for: they are skipped
     * without a warning. */
    for (size_t i = 0; i < count; i++) {
        value v = evg__value_trim(&fields[i]);
        for (size_t k = 0; k < name_count; k++) {
            if (evg__value_is(v, names[k].name) ||
                (names[k].alias && evg__value_is(v, names[k].alias))) {
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

value evg__import_column(const evg__import_file *f, const evg__csv_field *fields, int c)
{
    int pos = f->position[c];
    return pos < 0 ? (value){"", 0, fields[0].offset} : evg__value_trim(&fields[pos]);
}

bool evg__iso_day(evg_date *out, int year, int month, int day)
{
    char text[16];
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    int n = snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return evg_date_parse(out, text, (size_t)n) == 0;
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

/* The actor a raw name stands for: the actor map's, else the name with its
 * runs of spaces collapsed (';' becomes ',', control characters spaces).
 * Created, without warning, when new. EVG_NO_INDEX: out of memory;
 * EVG__SKIP: the map drops it. */
static uint32_t import_actor(evg__import_file *f, value raw, int kind, bool use_map)
{
    evg__importer *im = f->im;
    evg_model *m = f->m;
    const char *id = NULL, *name = NULL;
    char lower[256];
    if (use_map && im->actor_count && evg__value_lower(lower, sizeof lower, raw)) {
        uint32_t mapped = evg__strmap_get(&im->actor_map, lower);
        if (mapped != EVG_NO_INDEX) {
            const evg__actor_entry *a = &im->actors[mapped];
            if (strcmp(a->id, "-") == 0)
                return EVG__SKIP;
            id = a->id;
            name = a->name;
            if (a->kind >= 0)
                kind = a->kind;
        }
    }
    char buf[256];
    char *normal = NULL;
    if (id == NULL) {
        normal = raw.len < sizeof buf ? buf : malloc(raw.len + 1);
        if (normal == NULL)
            return EVG_NO_INDEX;
        size_t n = 0;
        for (size_t i = 0; i < raw.len; i++) {
            unsigned char c = (unsigned char)raw.text[i];
            if (c < 0x20 || c == 0x7F || c == ' ') {
                if (n && normal[n - 1] != ' ')
                    normal[n++] = ' ';
                continue;
            }
            normal[n++] = c == ';' ? ',' : (char)c;
        }
        normal[n] = '\0';
        id = normal;
    }
    uint32_t found = evg__strmap_get(&m->actor_ids, id);
    if (found == EVG_NO_INDEX) {
        const char *copy = evg__arena_strndup(&m->arena, id, strlen(id));
        const char *name_copy = name ? evg__arena_strndup(&m->arena, name, strlen(name)) : copy;
        evg_actor *a = copy && name_copy ? evg__model_push((void **)&m->actors, &m->actor_count,
                                                           &m->actor_cap, sizeof *a)
                                         : NULL;
        if (a != NULL) {
            found = (uint32_t)(m->actor_count - 1);
            *a = (evg_actor){copy, name_copy, (evg_actor_kind)kind, EVG_NO_INDEX, NULL, false};
            if (evg__strmap_put(&m->actor_ids, copy, found) != found)
                found = EVG_NO_INDEX;
        }
    } else if (!m->actors[found].declared && m->actors[found].kind == EVG_ACTOR_OTHER)
        m->actors[found].kind = (evg_actor_kind)kind; /* first seen where no kind was known */
    if (normal != buf)
        free(normal);
    return found;
}

/* Adds the actors of a ';' list (ACLED's associated actors) to `out`. */
static int add_actor_list(evg__import_file *f, value list, int kind, uint32_t *out, size_t *count,
                          size_t max, uint32_t except)
{
    size_t start = 0;
    for (size_t i = 0; i <= list.len; i++) {
        if (i < list.len && list.text[i] != ';')
            continue;
        value item = {list.text + start, i - start, list.offset + start};
        evg__csv_field as_field = {item.text, item.len, item.offset};
        item = evg__value_trim(&as_field);
        start = i + 1;
        if (item.len == 0)
            continue;
        uint32_t a = import_actor(f, item, kind, true);
        if (a == EVG_NO_INDEX)
            return EVG_ENOMEM;
        bool seen = a == EVG__SKIP || a == except;
        for (size_t k = 0; k < *count && !seen; k++)
            seen = out[k] == a;
        if (!seen && *count < max)
            out[(*count)++] = a;
    }
    return 0;
}

bool evg__parse_whole(value v, int64_t *out)
{
    int64_t n = 0;
    if (v.len == 0)
        return false;
    for (size_t i = 0; i < v.len; i++) {
        if (v.text[i] < '0' || v.text[i] > '9' || n > (INT64_MAX - 9) / 10)
            return false;
        n = n * 10 + (v.text[i] - '0');
    }
    *out = n;
    return true;
}

static bool parse_degrees(evg__csv_file *file, value v, const char *what, double limit, double *out)
{
    char buf[64], q[EVG__EXCERPT_SIZE];
    bool ok = v.len < sizeof buf;
    if (ok) {
        memcpy(buf, v.text, v.len);
        buf[v.len] = '\0';
        char *end;
        *out = strtod(buf, &end);
        ok = *end == '\0' && isfinite(*out) && *out >= -limit && *out <= limit;
    }
    if (!ok)
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                        "%s '%s' is not a number from -%g to %g", what, EVG__QUOTE(q, v), limit,
                        limit);
    return ok;
}

/* Joins the non-empty values with ", " into the arena; NULL when all are
 * empty (*failed set when memory ran out). */
const char *evg__import_join(evg__import_file *f, const value *parts, size_t count, bool *failed)
{
    size_t len = 0, used = 0;
    for (size_t i = 0; i < count; i++)
        if (parts[i].len)
            len += parts[i].len + 2, used++;
    if (used == 0)
        return NULL;
    char *out = evg__arena_alloc(&f->m->arena, len + 1);
    if (out == NULL) {
        *failed = true;
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        if (parts[i].len == 0)
            continue;
        if (n) {
            memcpy(out + n, ", ", 2);
            n += 2;
        }
        memcpy(out + n, parts[i].text, parts[i].len);
        n += parts[i].len;
    }
    out[n] = '\0';
    return out;
}

const char *evg__import_copy(evg__import_file *f, value v, bool *failed)
{
    if (v.len == 0)
        return NULL;
    const char *s = evg__arena_strndup(&f->m->arena, v.text, v.len);
    if (s == NULL)
        *failed = true;
    return s;
}

/* Checks the row's width and bytes; false when the row is reported. */
static bool row_shape_ok(evg__import_file *f, const evg__csv_field *fields, size_t count,
                         uint64_t row_offset)
{
    if (count != f->fields) {
        evg__csv_report(f->file, EVG_SEVERITY_ERROR,
                        count > f->fields ? fields[f->fields].offset : row_offset,
                        "row has %zu field%s but the %s has %zu", count, count == 1 ? "" : "s",
                        f->format->columns ? "header" : "first row", f->fields);
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        if (memchr(fields[i].text, '\0', fields[i].len)) {
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, fields[i].offset, "NUL byte in field %zu",
                            i + 1);
            return false;
        }
    }
    return true;
}

/* The row's numbers: fatalities and the position. False when one is bad
 * (reported). */
static bool read_numbers(evg__import_file *f, const evg__csv_field *fields, evg_event *e)
{
    char q[EVG__EXCERPT_SIZE];
    bool ok = true;
    e->killed = -1;
    value killed_v = evg__import_column(f, fields, C_KILLED);
    if (killed_v.len && !evg__parse_whole(killed_v, &e->killed)) {
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, killed_v.offset,
                        "fatalities '%s' is not a whole number", EVG__QUOTE(q, killed_v));
        ok = false;
    }
    value lat_v = evg__import_column(f, fields, C_LAT),
          lon_v = evg__import_column(f, fields, C_LON);
    e->has_position = lat_v.len && lon_v.len;
    if (e->has_position) {
        bool lat_ok = parse_degrees(f->file, lat_v, "latitude", 90, &e->latitude);
        bool lon_ok = parse_degrees(f->file, lon_v, "longitude", 180, &e->longitude);
        ok = ok && lat_ok && lon_ok;
    }
    return ok;
}

/* Claims the row's event id; NULL when it is a duplicate (reported, *failed
 * clear) or memory ran out (*failed set). */
static const char *claim_id(evg__import_file *f, value id, bool *failed)
{
    char q[EVG__EXCERPT_SIZE];
    evg_model *m = f->m;
    const char *id_text = evg__import_copy(f, id, failed);
    if (id_text == NULL)
        return NULL;
    uint32_t first = evg__model_claim_event_id(m, id_text);
    if (first == EVG_NO_INDEX) {
        *failed = true;
        return NULL;
    }
    if (first != m->event_count) {
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, id.offset,
                        "duplicate event id '%s' (first used on line %lu)", EVG__QUOTE(q, id),
                        (unsigned long)m->events[first].line);
        return NULL;
    }
    return id_text;
}

static const uint32_t *arena_copy(evg_model *m, const uint32_t *items, size_t count, bool *failed)
{
    if (count == 0)
        return NULL;
    uint32_t *copy = evg__arena_alloc(&m->arena, count * sizeof *copy);
    if (copy == NULL)
        *failed = true;
    else
        memcpy(copy, items, count * sizeof *copy);
    return copy;
}

/* Side 1 does, side 2 is done to; associated actors are ';' lists. */
static int add_actors(evg__import_file *f, const evg__row *row, evg_event *e)
{
    /* An event needs an actor: a missing one (or one the actor map drops)
     * is "unidentified", which the map cannot drop in turn. */
    uint32_t actor = row->actor1.len ? import_actor(f, row->actor1, row->kind1, true) : EVG__SKIP;
    if (actor == EVG__SKIP) {
        value unidentified = {"unidentified", 12, row->actor1.offset};
        actor = import_actor(f, unidentified, EVG_ACTOR_OTHER, false);
    }
    if (actor == EVG_NO_INDEX)
        return EVG_ENOMEM;
    uint32_t targets[64], allies[64];
    size_t target_count = 0, ally_count = 0;
    /* actor2 is one actor, whatever it holds. */
    if (row->actor2.len) {
        uint32_t a = import_actor(f, row->actor2, row->kind2, true);
        if (a == EVG_NO_INDEX)
            return EVG_ENOMEM;
        if (a != EVG__SKIP && a != actor)
            targets[target_count++] = a;
    }
    /* ACLED's inter codes name actor1's and actor2's kinds, not their
     * associates'. */
    if (add_actor_list(f, evg__import_column(f, row->fields, C_ASSOC2), EVG_ACTOR_OTHER, targets,
                       &target_count, 64, actor) ||
        add_actor_list(f, evg__import_column(f, row->fields, C_ASSOC1), EVG_ACTOR_OTHER, allies,
                       &ally_count, 64, actor))
        return EVG_ENOMEM;
    bool failed = false;
    e->actor = actor;
    e->targets = arena_copy(f->m, targets, target_count, &failed);
    e->target_count = (uint32_t)target_count;
    e->allies = arena_copy(f->m, allies, ally_count, &failed);
    e->ally_count = (uint32_t)ally_count;
    return failed ? EVG_ENOMEM : 0;
}

int evg__import_row(evg__import_file *f, const evg__csv_field *fields, size_t count,
                    uint64_t row_offset)
{
    const evg__format *fmt = f->format;
    if (!f->header_ok || !row_shape_ok(f, fields, count, row_offset))
        return 0;
    f->rows++;
    bool ok = true, failed = false, bad = false;
    if (fmt->skip && fmt->skip(f, fields, &bad))
        return 0;
    value id = evg__import_column(f, fields, C_ID);
    if (id.len == 0) {
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, id.offset, "missing event id (%s)",
                        fmt->id_column);
        ok = false;
    }
    ok = ok && evg__value_check_id(f->file, id, "event id");

    evg__row row = {.fields = fields, .kind1 = EVG_ACTOR_OTHER, .kind2 = EVG_ACTOR_OTHER};
    ok = fmt->date(f, &row) && ok;
    if (!fmt->type(f, &row, &bad)) {
        if (!bad)
            return EVG_ENOMEM;
        ok = false;
    }
    if (ok && row.type->type == EVG__SKIP) {
        f->skipped_map++;
        return 0;
    }
    evg_event numbers = {0};
    ok = read_numbers(f, fields, &numbers) && ok;
    const char *id_text = NULL;
    if (ok && (id_text = claim_id(f, id, &failed)) == NULL)
        return failed ? EVG_ENOMEM : 0;
    if (!ok)
        return 0;

    row.actor1 = evg__import_column(f, fields, C_ACTOR1);
    row.actor2 = evg__import_column(f, fields, C_ACTOR2);
    if (fmt->actors)
        fmt->actors(f, &row);
    evg_event held = {0};
    int rc = add_actors(f, &row, &held);
    if (rc)
        return rc;
    evg_event *e = evg__model_add_event(f->m, id_text);
    if (e == NULL)
        return EVG_ENOMEM;
    e->date = row.date;
    e->type = row.type->type;
    e->actor = held.actor;
    e->line = (uint32_t)evg__csv_line(f->file, row_offset);
    e->killed = numbers.killed;
    e->weight = 1;
    e->injured = -1;
    e->latitude = numbers.latitude;
    e->longitude = numbers.longitude;
    e->has_position = numbers.has_position;
    e->tags = row.type->tags;
    e->tag_count = 1;
    e->undirected = fmt->undirected;
    e->targets = held.targets;
    e->target_count = held.target_count;
    e->allies = held.allies;
    e->ally_count = held.ally_count;
    return fmt->texts(f, &row, e) ? 0 : EVG_ENOMEM;
}

void evg__import_end(evg__import_file *f)
{
    if (f == NULL)
        return;
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
