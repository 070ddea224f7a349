/* One row of a foreign file becomes one event: the steps every format
 * shares (id, date, type, numbers, actors), with the format's own steps
 * called through its evg__format. A foreign file is the analyst's export,
 * which they cannot fix: a bad optional value is dropped and the event
 * kept, a row without a usable date or actor is skipped, each with a
 * warning (errors under --strict). */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

/* The actor a raw name stands for: the actor map's, else the name with its
 * runs of spaces collapsed (';' becomes ',', control characters spaces).
 * Created, without warning, when new. EVG_NO_INDEX: out of memory;
 * EVG__SKIP: the map drops it. */
static uint32_t import_actor(evg__import_file *f, value raw, int kind, bool use_map)
{
    if (raw.len > EVG__MAX_ID_BYTES) {
        size_t cut = EVG__MAX_ID_BYTES;
        while (cut > 0 && ((unsigned char)raw.text[cut] & 0xC0) == 0x80)
            cut--; /* not inside a character */
        evg__import_problem(f, false, raw.offset,
                            "actor name is %zu bytes long, over Graphviz's limit of %d: cut",
                            raw.len, EVG__MAX_ID_BYTES);
        raw.len = cut;
    }
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
        const char *copy = evg__value_copy(&m->arena, f->file, (value){id, strlen(id), raw.offset});
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

/* A coordinate: a number within +-limit. */
static bool parse_degrees(value v, double limit, double *out)
{
    char buf[64];
    if (v.len >= sizeof buf)
        return false;
    memcpy(buf, v.text, v.len);
    buf[v.len] = '\0';
    char *end;
    *out = strtod(buf, &end);
    return *end == '\0' && end != buf && isfinite(*out) && *out >= -limit && *out <= limit;
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
    const char *s = evg__value_copy(&f->m->arena, f->file, v);
    if (s == NULL)
        *failed = true;
    return s;
}

/* Checks the row's bytes and width; false when the row is not read. A
 * headerless format may change layout row by row (GDELT's widths); extra
 * fields that are blank (an export's trailing empty columns) are fine. */
static bool row_shape_ok(evg__import_file *f, const evg__csv_field *fields, size_t count,
                         uint64_t row_offset)
{
    for (size_t i = 0; i < count; i++) {
        if (memchr(fields[i].text, '\0', fields[i].len)) {
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, fields[i].offset, "NUL byte in field %zu",
                            i + 1);
            return false;
        }
    }
    if (count == f->fields)
        return true;
    if (f->format->layout && f->format->layout(f, count) == 0)
        return true;
    bool blank_tail = count > f->fields;
    for (size_t i = f->fields; i < count && blank_tail; i++)
        blank_tail = evg__value_trim(&fields[i]).len == 0;
    if (blank_tail)
        return true;
    if (f->format->layout) {
        evg__import_problem(f, true, count > f->fields ? fields[f->fields].offset : row_offset,
                            "row has %zu field%s but the first row has %zu", count,
                            count == 1 ? "" : "s", f->fields);
        return false;
    }
    /* A short row: the columns it lacks are blank, unless a required one
     * is among them. */
    for (int c = 0; c < C_COLUMN_COUNT; c++) {
        if (f->position[c] >= (int)count) {
            evg__import_problem(f, true, count > f->fields ? fields[f->fields].offset : row_offset,
                                "row has %zu field%s but the header has %zu", count,
                                count == 1 ? "" : "s", f->fields);
            return false;
        }
    }
    return true;
}

/* A whole number that may be written 1,234 or 12.0 (spreadsheets). */
static bool parse_amount(value v, int64_t *out)
{
    char digits[32];
    size_t n = 0, i = 0;
    for (; i < v.len && n + 1 < sizeof digits; i++) {
        char c = v.text[i];
        if (c >= '0' && c <= '9')
            digits[n++] = c;
        else if (c == ',' && n > 0)
            continue; /* 1,234 */
        else if (c == '.' && n > 0) {
            size_t k = i + 1;
            while (k < v.len && v.text[k] == '0')
                k++;
            if (k != v.len)
                return false;
            break;
        } else
            return false;
    }
    if (n == 0 || (i < v.len && v.text[i] != '.'))
        return false;
    value d = {digits, n, 0};
    return evg__parse_whole(d, out);
}

/* The row's numbers: deaths, injuries, the count and the position. A bad
 * one is dropped with a warning. */
static void read_numbers(evg__import_file *f, const evg__csv_field *fields, evg_event *e)
{
    static const struct {
        int column;
        const char *what;
    } counts[] = {{C_KILLED, "deaths"}, {C_INJURED, "injuries"}, {C_WEIGHT, "count"}};
    char q[EVG__EXCERPT_SIZE];
    int64_t *slots[] = {&e->killed, &e->injured, NULL};
    int64_t weight = 1;
    slots[2] = &weight;
    e->killed = e->injured = -1;
    for (size_t k = 0; k < 3; k++) {
        value v = evg__import_column(f, fields, counts[k].column);
        if (v.len && !parse_amount(v, slots[k]))
            evg__import_problem(f, false, v.offset, "%s '%s' is not a whole number", counts[k].what,
                                EVG__QUOTE(q, v));
    }
    e->weight = weight > 0 ? (uint64_t)weight : 1;
    value lat_v = evg__import_column(f, fields, C_LAT);
    value lon_v = evg__import_column(f, fields, C_LON);
    if (lat_v.len == 0 || lon_v.len == 0)
        return;
    bool lat_ok = parse_degrees(lat_v, 90, &e->latitude);
    bool lon_ok = parse_degrees(lon_v, 180, &e->longitude);
    if (!lat_ok || !lon_ok) {
        value bad = lat_ok ? lon_v : lat_v;
        evg__import_problem(f, false, bad.offset, "%s '%s' is not a number from -%g to %g",
                            lat_ok ? "longitude" : "latitude", EVG__QUOTE(q, bad),
                            lat_ok ? 180.0 : 90.0, lat_ok ? 180.0 : 90.0);
        e->latitude = e->longitude = 0;
        return;
    }
    e->has_position = true;
}

/* The row's event id: its own, or, when the format has none or the row's
 * is blank, one made from the file name and line, which stays the same
 * however often the file is read. NULL: memory ran out (*failed) or a
 * duplicate (reported, the row skipped). */
static const char *claim_id(evg__import_file *f, value id, uint64_t row_offset, bool *failed)
{
    char q[EVG__EXCERPT_SIZE], made[320];
    evg_model *m = f->m;
    if (id.len == 0 || !evg__value_check_id(f->file, id, "event id")) {
        const char *name = evg__csv_name(f->file);
        const char *slash = strrchr(name, '/');
        int n = snprintf(made, sizeof made, "%s:%lu", slash ? slash + 1 : name,
                         evg__csv_line(f->file, row_offset));
        for (int i = 0; i < n; i++)
            if ((unsigned char)made[i] < 0x20 || made[i] == ';')
                made[i] = '_';
        if (f->position[C_ID] >= 0 && id.len == 0)
            evg__import_problem(f, false, id.offset, "missing event id (%s): made up as '%s'",
                                f->format->id_column, made);
        id = (value){made, (size_t)(n < (int)sizeof made ? n : (int)sizeof made - 1), id.offset};
    }
    const char *id_text = evg__import_copy(f, id, failed);
    if (id_text == NULL)
        return NULL;
    uint32_t first = evg__model_claim_event_id(m, id_text);
    if (first == EVG_NO_INDEX) {
        *failed = true;
        return NULL;
    }
    if (first != m->event_count) {
        evg__import_problem(f, true, id.offset, "duplicate event id '%s' (first used on line %lu)",
                            EVG__QUOTE(q, id), (unsigned long)m->events[first].line);
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
    /* An event needs an actor: one the actor map drops is "unidentified",
     * which the map cannot drop in turn. */
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

/* The row's date (and end date), read by the format or in any form. */
static bool read_dates(evg__import_file *f, evg__row *row)
{
    char q[EVG__EXCERPT_SIZE];
    if (f->format->date)
        return f->format->date(f, row);
    value v = evg__import_column(f, row->fields, C_DATE);
    if (v.len == 0) {
        evg__import_problem(f, true, v.offset, "missing date");
        return false;
    }
    if (!evg__import_date(f, v, &row->date, row)) {
        evg__import_problem(f, true, v.offset,
                            "unreadable date '%s' (say its form with --date-format)",
                            EVG__QUOTE(q, v));
        return false;
    }
    value end = evg__import_column(f, row->fields, C_END_DATE);
    evg__row ignored = {0};
    if (end.len && !row->date_pending) {
        if (!evg__import_date(f, end, &row->end_date, &ignored) || ignored.date_pending ||
            evg_date_start(&row->end_date) < evg_date_start(&row->date)) {
            evg__import_problem(f, false, end.offset, "end date '%s' %s", EVG__QUOTE(q, end),
                                ignored.date_pending ||
                                        evg_date_start(&row->end_date) >= evg_date_start(&row->date)
                                    ? "is unreadable"
                                    : "is before the start date");
            memset(&row->end_date, 0, sizeof row->end_date);
        } else if (evg_date_start(&row->end_date) == evg_date_start(&row->date) &&
                   row->end_date.precision == row->date.precision) {
            memset(&row->end_date, 0, sizeof row->end_date); /* one day: no span */
        }
    }
    return true;
}

/* Remembers a numeric date whose day and month order the column decides. */
static int hold_date(evg__import_file *f, const evg__row *row, uint64_t offset)
{
    evg__pending_date *p =
        evg__model_push((void **)&f->pending, &f->pending_count, &f->pending_cap, sizeof *p);
    if (p == NULL)
        return EVG_ENOMEM;
    *p = (evg__pending_date){(uint32_t)(f->m->event_count - 1), row->pending_first,
                             row->pending_second, row->pending_year, offset};
    return 0;
}

int evg__import_row(evg__import_file *f, const evg__csv_field *fields, size_t count,
                    uint64_t row_offset)
{
    const evg__format *fmt = f->format;
    if (!f->header_ok || !row_shape_ok(f, fields, count, row_offset))
        return 0;
    f->rows++;
    f->row_offset = row_offset;
    bool failed = false, bad = false;
    if (fmt->skip && fmt->skip(f, fields, &bad))
        return 0;
    evg__row row = {.fields = fields, .kind1 = EVG_ACTOR_OTHER, .kind2 = EVG_ACTOR_OTHER};
    if (!read_dates(f, &row))
        return 0;
    row.actor1 = evg__import_column(f, fields, C_ACTOR1);
    row.actor2 = evg__import_column(f, fields, C_ACTOR2);
    if (fmt->actors)
        fmt->actors(f, &row);
    if (!fmt->type(f, &row, &bad))
        return bad ? 0 : EVG_ENOMEM;
    if (row.type->type == EVG__SKIP) {
        f->skipped_map++;
        return 0;
    }
    evg_event numbers = {0};
    read_numbers(f, fields, &numbers);
    const char *id_text = claim_id(f, evg__import_column(f, fields, C_ID), row_offset, &failed);
    if (id_text == NULL)
        return failed ? EVG_ENOMEM : 0;
    evg_event held = {0};
    int rc = add_actors(f, &row, &held);
    if (rc)
        return rc;
    evg_event *e = evg__model_add_event(f->m, id_text);
    if (e == NULL)
        return EVG_ENOMEM;
    *e = numbers;
    e->id = id_text;
    e->date = row.date;
    e->end_date = row.end_date;
    e->type = row.type->type;
    e->actor = held.actor;
    e->line = (uint32_t)evg__csv_line(f->file, row_offset);
    e->tags = row.type->tags;
    e->tag_count = row.type->tags ? 1 : 0;
    e->undirected = fmt->undirected;
    e->targets = held.targets;
    e->target_count = held.target_count;
    e->allies = held.allies;
    e->ally_count = held.ally_count;
    f->events++;
    if (row.date_pending && hold_date(f, &row, evg__import_column(f, fields, C_DATE).offset))
        return EVG_ENOMEM;
    return fmt->texts(f, &row, e) ? 0 : EVG_ENOMEM;
}
