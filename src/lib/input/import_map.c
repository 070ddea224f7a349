/* The user's --type-map and --actor-map files, read once per load and
 * shared by its export files. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"
#include "kinds_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

typedef struct map_reader {
    evg__importer *im;
    bool is_type_map;
    int position[5];
    size_t header_fields;
    bool header_seen, header_ok;
} map_reader;

static const char *const type_map_columns[] = {"format", "code", "type"};
static const char *const actor_map_columns[] = {"raw", "id", "name", "kind"};

static int read_map_row(evg__csv_file *file, const evg__csv_field *fields, size_t count,
                        void *payload)
{
    map_reader *r = payload;
    evg__importer *im = r->im;
    const char *const *names = r->is_type_map ? type_map_columns : actor_map_columns;
    size_t name_count = r->is_type_map ? 3 : 4, required = r->is_type_map ? 3 : 2;
    char q[EVG__EXCERPT_SIZE];
    if (!r->header_seen) {
        r->header_seen = true;
        r->header_ok = true;
        r->header_fields = count;
        for (size_t c = 0; c < name_count; c++)
            r->position[c] = -1;
        for (size_t i = 0; i < count; i++) {
            value v = evg__value_trim(&fields[i]);
            size_t c = 0;
            while (c < name_count && !evg__value_is(v, names[c]))
                c++;
            if (c == name_count)
                evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset,
                                "unknown column '%s' is ignored", EVG__QUOTE(q, v));
            else if (r->position[c] < 0)
                r->position[c] = (int)i;
        }
        for (size_t c = 0; c < required; c++) {
            if (r->position[c] < 0) {
                evg__csv_report(file, EVG_SEVERITY_ERROR, fields[0].offset,
                                "missing required column '%s' of a%s", names[c],
                                r->is_type_map ? "type map (format,code,type)"
                                               : "n actor map (raw,id[,name,kind])");
                r->header_ok = false;
            }
        }
        return 0;
    }
    if (!r->header_ok)
        return 0;
    if (count != r->header_fields) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, fields[0].offset,
                        "row has %zu field%s but the header has %zu", count, count == 1 ? "" : "s",
                        r->header_fields);
        return 0;
    }
    value v[4] = {{"", 0, 0}, {"", 0, 0}, {"", 0, 0}, {"", 0, 0}};
    bool blank = true;
    for (size_t c = 0; c < name_count; c++) {
        if (r->position[c] >= 0)
            v[c] = evg__value_trim(&fields[r->position[c]]);
        blank = blank && v[c].len == 0;
    }
    if (blank)
        return 0;
    for (size_t c = 0; c < required; c++) {
        if (v[c].len == 0 && !(!r->is_type_map && c == 0)) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[c].offset,
                            "missing value for required column '%s'", names[c]);
            return 0;
        }
    }
    char key[600];
    if (r->is_type_map) {
        /* "table": the type values of sender/action/receiver and --columns
         * tables, any case. */
        static const char *const formats[] = {"acled", "cameo", "gdelt", "icews", "table"};
        size_t k = 0;
        while (k < 5 && !evg__value_is(v[0], formats[k]))
            k++;
        if (k == 5) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[0].offset,
                            "unknown format '%s' (expected acled, cameo, gdelt, icews or table)",
                            EVG__QUOTE(q, v[0]));
            return 0;
        }
        size_t n = (size_t)snprintf(key, sizeof key, "%s\x1f", formats[k]);
        if (!evg__value_lower(key + n, sizeof key - n, v[1])) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset, "code is too long");
            return 0;
        }
        bool is_cameo = k >= 1 && k <= 3;
        bool cameo_ok = !is_cameo || (v[1].len >= 2 && v[1].len <= 4);
        for (size_t i = 0; is_cameo && cameo_ok && i < v[1].len; i++)
            cameo_ok = v[1].text[i] >= '0' && v[1].text[i] <= '9';
        int root = cameo_ok && is_cameo ? (v[1].text[0] - '0') * 10 + (v[1].text[1] - '0') : 1;
        if (!cameo_ok || root < 1 || root > 20) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "'%s' is no CAMEO code: 2 to 4 digits, the first two 01 to 20 "
                            "(write 042, not 42)",
                            EVG__QUOTE(q, v[1]));
            return 0;
        }
    } else if (!evg__value_lower(key, sizeof key, v[0])) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v[0].offset, "raw name is too long");
        return 0;
    }
    const char *stored = evg__arena_strndup(&im->arena, key, strlen(key));
    if (stored == NULL)
        return EVG_ENOMEM;
    uint32_t index;
    if (r->is_type_map) {
        const char **slot = evg__model_push((void **)&im->map_types, &im->map_type_count,
                                            &im->map_type_cap, sizeof *slot);
        if (slot == NULL || (*slot = evg__value_copy(&im->arena, file, v[2])) == NULL)
            return EVG_ENOMEM;
        index = (uint32_t)(im->map_type_count - 1);
        if (evg__strmap_put(&im->type_map, stored, index) != index) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "code '%s' is mapped twice for this format", EVG__QUOTE(q, v[1]));
            im->map_type_count--;
        }
        return 0;
    }
    int kind = -1;
    if (v[3].len && (kind = evg__actor_kind_parse(v[3].text, v[3].len)) < 0) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v[3].offset,
                        "unknown actor kind '%s' (expected " EVG__ACTOR_KINDS_EXPECTED ")",
                        EVG__QUOTE(q, v[3]));
        return 0;
    }
    for (size_t i = 0; i < v[1].len; i++) {
        unsigned char c = (unsigned char)v[1].text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "actor id '%s' contains %s, which ids may not hold",
                            EVG__QUOTE(q, v[1]), c == ';' ? "';'" : "a control character");
            return 0;
        }
    }
    evg__actor_entry *a =
        evg__model_push((void **)&im->actors, &im->actor_count, &im->actor_cap, sizeof *a);
    if (a == NULL || (a->id = evg__value_copy(&im->arena, file, v[1])) == NULL)
        return EVG_ENOMEM;
    a->name = v[2].len ? evg__value_copy(&im->arena, file, v[2]) : NULL;
    if (v[2].len && a->name == NULL)
        return EVG_ENOMEM;
    a->kind = kind;
    index = (uint32_t)(im->actor_count - 1);
    if (evg__strmap_put(&im->actor_map, stored, index) != index) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v[0].offset, "raw name '%s' is mapped twice",
                        EVG__QUOTE(q, v[0]));
        im->actor_count--;
    }
    return 0;
}

static int read_map(evg__importer *im, const char *path, bool is_type_map)
{
    evg__csv_file *file;
    int rc = evg__csv_open(&file, path, im->rep);
    if (rc)
        return rc;
    map_reader r = {.im = im, .is_type_map = is_type_map};
    size_t errors = im->rep->errors;
    rc = evg__csv_read(file, 1 << 16, 64, read_map_row, &r);
    if (rc == 0 && !r.header_seen)
        evg__report(im->rep, EVG_SEVERITY_ERROR, path, 0, 0,
                    "empty file: expected a header row naming the columns");
    evg__csv_close(file);
    if (rc == 0 && im->rep->errors > errors)
        rc = EVG_EINVAL;
    return rc;
}

/* --columns: model field names and the column each fills. */
static const struct {
    const char *field;
    int column;
} mapped_fields[] = {
    {"id", C_ID},         {"date", C_DATE},           {"end_date", C_END_DATE},
    {"type", C_TYPE},     {"actor", C_ACTOR1},        {"target", C_ACTOR2},
    {"allies", C_ASSOC1}, {"location", C_LOCATION},   {"latitude", C_LAT},
    {"longitude", C_LON}, {"killed", C_KILLED},       {"injured", C_INJURED},
    {"title", C_TITLE},   {"description", C_NOTES},   {"source", C_SOURCE},
    {"url", C_URL},       {"certainty", C_CERTAINTY}, {"tags", C_TAGS},
    {"count", C_WEIGHT},
};

/* Reads "date=Recording_Date,actor=Sender,..." into im->mapped. */
static int read_mapping(evg__importer *im, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && *p == ' ')
            p++, len--;
        const char *eq = memchr(p, '=', len);
        size_t k = 0;
        size_t field_len = eq ? (size_t)(eq - p) : len;
        while (field_len && p[field_len - 1] == ' ')
            field_len--;
        while (eq && k < sizeof mapped_fields / sizeof mapped_fields[0] &&
               !(strlen(mapped_fields[k].field) == field_len &&
                 strncasecmp(mapped_fields[k].field, p, field_len) == 0))
            k++;
        if (eq == NULL || k == sizeof mapped_fields / sizeof mapped_fields[0] ||
            eq + 1 == p + len) {
            evg__report(im->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                        "--columns: '%.*s' is not FIELD=COLUMN with FIELD one of id, date, "
                        "end_date, type, actor, target, allies, location, latitude, longitude, "
                        "killed, injured, title, description, source, url, certainty, tags, "
                        "count",
                        (int)(len > 80 ? 80 : len), p);
            return EVG_EINVAL;
        }
        const char *name = eq + 1;
        size_t name_len = (size_t)(p + len - name);
        while (name_len && *name == ' ')
            name++, name_len--;
        const char *copy = evg__arena_strndup(&im->arena, name, name_len);
        if (copy == NULL)
            return EVG_ENOMEM;
        im->mapped[mapped_fields[k].column] = copy;
        p += len + (end != NULL);
    }
    if (im->mapped[C_DATE] == NULL || im->mapped[C_ACTOR1] == NULL) {
        evg__report(im->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "--columns must name the date and actor columns (date=COLUMN,actor=COLUMN)");
        return EVG_EINVAL;
    }
    im->has_mapping = true;
    return 0;
}

int evg__importer_new(evg__importer **out, const evg_load_opts *opts, evg__reporter *rep)
{
    *out = NULL;
    evg__importer *im = calloc(1, sizeof *im);
    if (im == NULL)
        return EVG_ENOMEM;
    im->rep = rep;
    im->min_mentions = opts->min_mentions;
    im->include_non_root = opts->include_non_root;
    im->strict = opts->strict;
    im->date_formats = opts->date_formats;
    int rc = opts->columns ? read_mapping(im, opts->columns) : 0;
    if (opts->type_map && rc == 0)
        rc = read_map(im, opts->type_map, true);
    if (opts->actor_map) {
        int actor_rc = read_map(im, opts->actor_map, false);
        rc = rc ? rc : actor_rc;
    }
    if (rc) {
        evg__importer_free(im);
        return rc;
    }
    *out = im;
    return 0;
}

int evg__importer_set_columns(evg__importer *im, const char *text)
{
    memset(im->mapped, 0, sizeof im->mapped);
    im->has_mapping = false;
    return text ? read_mapping(im, text) : 0;
}

void evg__importer_free(evg__importer *im)
{
    if (im == NULL)
        return;
    evg__arena_free(&im->arena);
    evg__strmap_free(&im->type_map);
    evg__strmap_free(&im->actor_map);
    evg__strmap_free(&im->codes);
    free(im->map_types);
    free(im->actors);
    free(im->results);
    free(im);
}
