/* Importing ACLED, GDELT and ICEWS exports.
 *
 * Each export row becomes one event of the unchanged model. Every decision a
 * user may want to change lives in a table: the built-in ones below (ACLED
 * event and sub-event types, CAMEO codes) and the user's --type-map and
 * --actor-map CSV files, which are read once per load. Lookups are cached
 * per distinct code, so a million GDELT rows cost a hash lookup each, not a
 * walk of the tables.
 */
#define _POSIX_C_SOURCE 200809L

#include "import_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---------------------------------------------------------------------
 * Built-in mapping tables (documented in README.md, "Importing ACLED, GDELT
 * and ICEWS"; keep the two in step).
 */

typedef struct code_type {
    const char *code;
    const char *type;
} code_type;

/* ACLED sub-event types (2019 taxonomy) and event types (2019 and the older
 * one), compared without regard to case. A sub-event type, being the more
 * specific, wins over its event type. */
static const code_type acled_types[] = {
    /* Battles */
    {"armed clash", "armed-clash"},
    {"government regains territory", "armed-clash"},
    {"non-state actor overtakes territory", "armed-clash"},
    /* Explosions/Remote violence */
    {"air/drone strike", "airstrike"},
    {"shelling/artillery/missile attack", "shelling"},
    {"chemical weapon", "attack"},
    {"suicide bomb", "attack"},
    {"remote explosive/landmine/ied", "attack"},
    {"grenade", "attack"},
    /* Violence against civilians */
    {"attack", "attack"},
    {"sexual violence", "attack"},
    {"abduction/forced disappearance", "attack"},
    /* Protests and riots */
    {"peaceful protest", "protest"},
    {"protest with intervention", "protest"},
    {"excessive force against protesters", "use-of-force"},
    {"violent demonstration", "riot"},
    {"mob violence", "riot"},
    /* Strategic developments */
    {"agreement", "agreement"},
    {"looting/property destruction", "attack"},
    {"arrests", "other"},
    {"change to group/activity", "other"},
    {"disrupted weapons use", "other"},
    {"headquarters or base established", "other"},
    {"non-violent transfer of territory", "other"},
    {"other", "other"},
    /* Event types */
    {"battles", "armed-clash"},
    {"explosions/remote violence", "attack"},
    {"violence against civilians", "attack"},
    {"protests", "protest"},
    {"riots", "riot"},
    {"strategic developments", "other"},
    /* Event types before 2019 */
    {"battle-no change of territory", "armed-clash"},
    {"battle-government regains territory", "armed-clash"},
    {"battle-non-state actor overtakes territory", "armed-clash"},
    {"remote violence", "attack"},
    {"riots/protests", "protest"},
    {"strategic development", "other"},
};

/* CAMEO codes by prefix: the longest prefix of an event code found here
 * gives its type, so "1951" takes 195's and "0412" 04's. */
static const code_type cameo_types[] = {
    {"01", "statement"},    /* make public statement */
    {"02", "statement"},    /* appeal */
    {"03", "statement"},    /* express intent to cooperate */
    {"04", "meeting"},      /* consult (040, 041, 044-046) */
    {"042", "visit"},       /* make a visit */
    {"043", "visit"},       /* host a visit */
    {"05", "statement"},    /* engage in diplomatic cooperation */
    {"057", "agreement"},   /* sign formal agreement */
    {"06", "agreement"},    /* engage in material cooperation */
    {"07", "other"},        /* provide aid */
    {"08", "other"},        /* yield */
    {"0871", "ceasefire"},  /* declare truce, ceasefire */
    {"09", "other"},        /* investigate */
    {"10", "statement"},    /* demand */
    {"11", "statement"},    /* disapprove */
    {"111", "accusation"},  /* criticize or denounce */
    {"112", "accusation"},  /* accuse (1121-1125) */
    {"12", "statement"},    /* reject */
    {"13", "statement"},    /* threaten */
    {"14", "protest"},      /* protest */
    {"15", "other"},        /* exhibit force posture */
    {"16", "statement"},    /* reduce relations */
    {"17", "other"},        /* coerce */
    {"18", "attack"},       /* assault */
    {"19", "use-of-force"}, /* fight (190-194) */
    {"195", "airstrike"},   /* employ aerial weapons */
    {"196", "ceasefire-violation"}, /* violate ceasefire */
    {"20", "attack"},       /* use unconventional mass violence */
};

/* ---------------------------------------------------------------------
 * Values: a trimmed view of one field.
 */

typedef struct value {
    const char *text;
    size_t len;
    uint64_t offset;
} value;

static value trimmed(const evg__csv_field *f)
{
    value v = {f->text, f->len, f->offset};
    while (v.len && (*v.text == ' ' || *v.text == '\t'))
        v.text++, v.len--, v.offset++;
    while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '\t'))
        v.len--;
    if (v.len == 0)
        v.offset = f->offset;
    return v;
}

static bool value_is(value v, const char *word)
{
    return strlen(word) == v.len && strncasecmp(v.text, word, v.len) == 0;
}

#define QUOTE(buf, v) evg__excerpt((buf), sizeof(buf), (v).text, (v).len)

/* Copies `v` lower-cased into buf (NUL-terminated); false when it does not
 * fit. */
static bool lower_copy(char *buf, size_t size, value v)
{
    if (v.len >= size)
        return false;
    for (size_t i = 0; i < v.len; i++) {
        char c = v.text[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[v.len] = '\0';
    return true;
}

/* ---------------------------------------------------------------------
 * The importer: user maps and caches shared by a load's files.
 */

typedef struct actor_entry {
    const char *id;   /* "-": drop the actor */
    const char *name; /* NULL: the id */
    int kind;         /* evg_actor_kind, or -1 when the map gives none */
} actor_entry;

typedef struct code_result {
    uint32_t type; /* type index, or SKIP_TYPE */
    const char *const *tags;
} code_result;

#define SKIP_TYPE (EVG_NO_INDEX - 1)

struct evg__importer {
    evg__reporter *rep;
    evg__arena arena;
    size_t min_mentions;
    bool include_non_root;
    /* --type-map: "acled\x1f<lower code>", "cameo\x1f<code>",
     * "gdelt\x1f<code>", "icews\x1f<code>" -> index into map_types. */
    evg__strmap type_map;
    const char **map_types;
    size_t map_type_count, map_type_cap;
    /* --actor-map: lower-cased raw name -> index into actors. */
    evg__strmap actor_map;
    actor_entry *actors;
    size_t actor_count, actor_cap;
    /* Codes already mapped -> index into results. */
    evg__strmap codes;
    code_result *results;
    size_t result_count, result_cap;
};

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
            value v = trimmed(&fields[i]);
            size_t c = 0;
            while (c < name_count && !value_is(v, names[c]))
                c++;
            if (c == name_count)
                evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset,
                                "unknown column '%s' is ignored", QUOTE(q, v));
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
                        "row has %zu field%s but the header has %zu", count,
                        count == 1 ? "" : "s", r->header_fields);
        return 0;
    }
    value v[4] = {{"", 0, 0}, {"", 0, 0}, {"", 0, 0}, {"", 0, 0}};
    bool blank = true;
    for (size_t c = 0; c < name_count; c++) {
        if (r->position[c] >= 0)
            v[c] = trimmed(&fields[r->position[c]]);
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
        static const char *const formats[] = {"acled", "cameo", "gdelt", "icews"};
        size_t k = 0;
        while (k < 4 && !value_is(v[0], formats[k]))
            k++;
        if (k == 4) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[0].offset,
                            "unknown format '%s' (expected acled, cameo, gdelt or icews)",
                            QUOTE(q, v[0]));
            return 0;
        }
        size_t n = (size_t)snprintf(key, sizeof key, "%s\x1f", formats[k]);
        if (!lower_copy(key + n, sizeof key - n, v[1])) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset, "code is too long");
            return 0;
        }
        bool cameo_ok = k == 0 || (v[1].len >= 2 && v[1].len <= 4);
        for (size_t i = 0; k != 0 && cameo_ok && i < v[1].len; i++)
            cameo_ok = v[1].text[i] >= '0' && v[1].text[i] <= '9';
        int root = cameo_ok && k ? (v[1].text[0] - '0') * 10 + (v[1].text[1] - '0') : 1;
        if (!cameo_ok || root < 1 || root > 20) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "'%s' is no CAMEO code: 2 to 4 digits, the first two 01 to 20 "
                            "(write 042, not 42)",
                            QUOTE(q, v[1]));
            return 0;
        }
    } else if (!lower_copy(key, sizeof key, v[0])) {
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
        if (slot == NULL || (*slot = evg__arena_strndup(&im->arena, v[2].text, v[2].len)) == NULL)
            return EVG_ENOMEM;
        index = (uint32_t)(im->map_type_count - 1);
        if (evg__strmap_put(&im->type_map, stored, index) != index) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "code '%s' is mapped twice for this format", QUOTE(q, v[1]));
            im->map_type_count--;
        }
        return 0;
    }
    static const char *const kinds[] = {"state", "person", "organization", "armed_group",
                                        "other"};
    int kind = -1;
    if (v[3].len) {
        kind = 0;
        while (kind < 5 && !value_is(v[3], kinds[kind]))
            kind++;
        if (kind == 5) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[3].offset,
                            "unknown actor kind '%s' (expected state, person, organization, "
                            "armed_group or other)",
                            QUOTE(q, v[3]));
            return 0;
        }
    }
    for (size_t i = 0; i < v[1].len; i++) {
        unsigned char c = (unsigned char)v[1].text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            evg__csv_report(file, EVG_SEVERITY_ERROR, v[1].offset,
                            "actor id '%s' contains %s, which ids may not hold", QUOTE(q, v[1]),
                            c == ';' ? "';'" : "a control character");
            return 0;
        }
    }
    actor_entry *a = evg__model_push((void **)&im->actors, &im->actor_count, &im->actor_cap,
                                     sizeof *a);
    if (a == NULL || (a->id = evg__arena_strndup(&im->arena, v[1].text, v[1].len)) == NULL)
        return EVG_ENOMEM;
    a->name = v[2].len ? evg__arena_strndup(&im->arena, v[2].text, v[2].len) : NULL;
    if (v[2].len && a->name == NULL)
        return EVG_ENOMEM;
    a->kind = kind;
    index = (uint32_t)(im->actor_count - 1);
    if (evg__strmap_put(&im->actor_map, stored, index) != index) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v[0].offset,
                        "raw name '%s' is mapped twice", QUOTE(q, v[0]));
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

int evg__importer_new(evg__importer **out, const evg_load_opts *opts, evg__reporter *rep)
{
    *out = NULL;
    evg__importer *im = calloc(1, sizeof *im);
    if (im == NULL)
        return EVG_ENOMEM;
    im->rep = rep;
    im->min_mentions = opts->min_mentions;
    im->include_non_root = opts->include_non_root;
    int rc = 0;
    if (opts->type_map)
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

/* ---------------------------------------------------------------------
 * Detection.
 */

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
    switch (format) {
    case EVG_INPUT_ACLED:
        return "an ACLED export";
    case EVG_INPUT_GDELT:
        return "a GDELT event file";
    case EVG_INPUT_ICEWS:
        return "an ICEWS event file";
    case EVG_INPUT_EVGRAPH:
        return "an evgraph events CSV";
    case EVG_INPUT_AUTO:
        break;
    }
    return "a file of unknown format";
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
        if (value_is(next_name(&q, line_end, '\t'), "event id")) {
            out->format = EVG_INPUT_ICEWS;
            snprintf(out->reason, sizeof out->reason, "its header starts with 'Event ID'");
            return;
        }
        if (tabs == 57 || tabs == 58 || tabs == 61) {
            out->format = EVG_INPUT_GDELT;
            snprintf(out->reason, sizeof out->reason,
                     "its first row has %zu tab-separated fields", tabs);
            return;
        }
    }
    bool id = false, date = false;
    for (const char *q = p; q < line_end;) {
        value v = next_name(&q, line_end, ',');
        if (value_is(v, "event_id_cnty")) {
            out->format = EVG_INPUT_ACLED;
            snprintf(out->reason, sizeof out->reason, "its header names 'event_id_cnty'");
            return;
        }
        id = id || value_is(v, "id");
        date = date || value_is(v, "date");
    }
    if (id && date) {
        out->format = EVG_INPUT_EVGRAPH;
        snprintf(out->reason, sizeof out->reason, "its header names 'id' and 'date'");
    }
}

/* ---------------------------------------------------------------------
 * One export file.
 */

enum column {
    C_ID, C_DATE, C_PRECISION, C_EVENT_TYPE, C_SUB_TYPE, C_CODE,
    C_ACTOR1, C_ACTOR1_CODE, C_ACTOR1_TYPE, C_ASSOC1, C_INTER1,
    C_ACTOR2, C_ACTOR2_CODE, C_ACTOR2_TYPE, C_ASSOC2, C_INTER2,
    C_LOCATION, C_ADMIN1, C_CITY, C_PROVINCE, C_COUNTRY, C_LAT, C_LON,
    C_KILLED, C_NOTES, C_SOURCE, C_URL, C_TITLE, C_ROOT, C_MENTIONS, C_COUNT
};

typedef struct column_name {
    int column;
    const char *name, *alias;
    bool required;
} column_name;

static const column_name acled_columns[] = {
    {C_ID, "event_id_cnty", NULL, true},
    {C_DATE, "event_date", NULL, true},
    {C_PRECISION, "time_precision", NULL, false},
    {C_EVENT_TYPE, "event_type", NULL, true},
    {C_SUB_TYPE, "sub_event_type", NULL, false},
    {C_ACTOR1, "actor1", NULL, true},
    {C_ASSOC1, "assoc_actor_1", "ally_actor_1", false},
    {C_INTER1, "inter1", NULL, false},
    {C_ACTOR2, "actor2", NULL, false},
    {C_ASSOC2, "assoc_actor_2", "ally_actor_2", false},
    {C_INTER2, "inter2", NULL, false},
    {C_LOCATION, "location", NULL, false},
    {C_ADMIN1, "admin1", NULL, false},
    {C_LAT, "latitude", NULL, false},
    {C_LON, "longitude", NULL, false},
    {C_KILLED, "fatalities", NULL, false},
    {C_NOTES, "notes", NULL, false},
    {C_SOURCE, "source", NULL, false},
};

static const column_name icews_columns[] = {
    {C_ID, "Event ID", NULL, true},
    {C_DATE, "Event Date", NULL, true},
    {C_ACTOR1, "Source Name", NULL, true},
    {C_TITLE, "Event Text", NULL, false},
    {C_CODE, "CAMEO Code", NULL, true},
    {C_ACTOR2, "Target Name", NULL, false},
    {C_SOURCE, "Publisher", NULL, false},
    {C_CITY, "City", NULL, false},
    {C_PROVINCE, "Province", NULL, false},
    {C_COUNTRY, "Country", NULL, false},
    {C_LAT, "Latitude", NULL, false},
    {C_LON, "Longitude", NULL, false},
};

/* GDELT's columns by position (0-based): 1.0 (57 columns, 58 with
 * SOURCEURL from April 2013) and 2.0 (61: ADM2 codes added to each
 * geography). */
static const struct {
    int column;
    int v1, v2;
} gdelt_columns[] = {
    {C_ID, 0, 0},          /* GLOBALEVENTID */
    {C_DATE, 1, 1},        /* SQLDATE */
    {C_ACTOR1_CODE, 5, 5}, /* Actor1Code */
    {C_ACTOR1, 6, 6},      /* Actor1Name */
    {C_ACTOR1_TYPE, 12, 12}, /* Actor1Type1Code */
    {C_ACTOR2_CODE, 15, 15}, /* Actor2Code */
    {C_ACTOR2, 16, 16},    /* Actor2Name */
    {C_ACTOR2_TYPE, 22, 22}, /* Actor2Type1Code */
    {C_ROOT, 25, 25},      /* IsRootEvent */
    {C_CODE, 26, 26},      /* EventCode */
    {C_MENTIONS, 31, 31},  /* NumMentions */
    {C_LOCATION, 50, 52},  /* ActionGeo_FullName */
    {C_LAT, 53, 56},       /* ActionGeo_Lat */
    {C_LON, 54, 57},       /* ActionGeo_Long */
    {C_URL, 57, 60},       /* SOURCEURL (not in 57-column files) */
};

struct evg__import_file {
    evg__importer *im;
    evg_model *m;
    evg__csv_file *file;
    evg_input_format format;
    int position[C_COUNT]; /* field of each column, or -1 */
    size_t fields;         /* fields per row */
    bool header_done, header_ok;
    size_t rows, skipped_root, skipped_mentions, skipped_map;
};

int evg__import_begin(evg__import_file **out, evg__importer *im, evg_model *model,
                      evg__csv_file *file, evg_input_format format, size_t first_row_fields)
{
    *out = NULL;
    evg__import_file *f = calloc(1, sizeof *f);
    if (f == NULL)
        return EVG_ENOMEM;
    *f = (evg__import_file){.im = im, .m = model, .file = file, .format = format};
    for (int c = 0; c < C_COUNT; c++)
        f->position[c] = -1;
    evg__csv_set_dialect(file, format == EVG_INPUT_ACLED ? ',' : '\t',
                         format == EVG_INPUT_ACLED);
    if (format == EVG_INPUT_GDELT) {
        size_t n = first_row_fields;
        if (n != 57 && n != 58 && n != 61) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, 0,
                            "not a GDELT event file: its first row has %zu tab-separated "
                            "field%s (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61)",
                            n, n == 1 ? "" : "s");
            free(f);
            return EVG_EINVAL;
        }
        for (size_t i = 0; i < sizeof gdelt_columns / sizeof gdelt_columns[0]; i++) {
            int pos = n == 61 ? gdelt_columns[i].v2 : gdelt_columns[i].v1;
            if ((size_t)pos < n)
                f->position[gdelt_columns[i].column] = pos;
        }
        f->fields = n;
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
    const column_name *names = f->format == EVG_INPUT_ACLED ? acled_columns : icews_columns;
    size_t name_count = f->format == EVG_INPUT_ACLED
                            ? sizeof acled_columns / sizeof acled_columns[0]
                            : sizeof icews_columns / sizeof icews_columns[0];
    f->header_done = true;
    f->header_ok = true;
    f->fields = count;
    /* Exports carry many columns evgraph has no use for: they are skipped
     * without a warning. */
    for (size_t i = 0; i < count; i++) {
        value v = trimmed(&fields[i]);
        for (size_t k = 0; k < name_count; k++) {
            if (value_is(v, names[k].name) || (names[k].alias && value_is(v, names[k].alias))) {
                if (f->position[names[k].column] < 0)
                    f->position[names[k].column] = (int)i;
                break;
            }
        }
    }
    for (size_t k = 0; k < name_count; k++) {
        if (names[k].required && f->position[names[k].column] < 0) {
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, fields[0].offset,
                            "missing required column '%s' of %s", names[k].name,
                            evg__import_format_noun(f->format));
            f->header_ok = false;
        }
    }
    return 0;
}

static value column(const evg__import_file *f, const evg__csv_field *fields, int c)
{
    int pos = f->position[c];
    return pos < 0 ? (value){"", 0, fields[0].offset} : trimmed(&fields[pos]);
}

/* ---------------------------------------------------------------------
 * Dates.
 */

static bool iso_day(evg_date *out, int year, int month, int day)
{
    char text[16];
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
        return false;
    int n = snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return evg_date_parse(out, text, (size_t)n) == 0;
}

/* Reads 1 to `max` digits at *i. */
static bool digits(value v, size_t *i, size_t min, size_t max, int *out)
{
    size_t start = *i;
    int n = 0;
    while (*i < v.len && *i - start < max && v.text[*i] >= '0' && v.text[*i] <= '9')
        n = n * 10 + (v.text[(*i)++] - '0');
    *out = n;
    return *i - start >= min;
}

/* ACLED's event_date as real exports carry it: 2016-08-15, 15 August 2016,
 * 15-August-2016 (or Aug), 15/08/2016, 15-08-2016. */
static bool acled_date(value v, evg_date *out)
{
    static const char *const months[] = {"january", "february", "march",     "april",
                                         "may",     "june",     "july",      "august",
                                         "september", "october", "november", "december"};
    memset(out, 0, sizeof *out);
    if (v.len == 10 && v.text[4] == '-')
        return evg_date_parse(out, v.text, v.len) == 0;
    size_t i = 0;
    int day, month = 0, year;
    if (!digits(v, &i, 1, 2, &day) || i >= v.len)
        return false;
    char sep = v.text[i++];
    if (sep != ' ' && sep != '-' && sep != '/')
        return false;
    if (i < v.len && v.text[i] >= '0' && v.text[i] <= '9') {
        if (sep == ' ' || !digits(v, &i, 1, 2, &month))
            return false;
    } else {
        size_t start = i;
        while (i < v.len && ((v.text[i] | 0x20) >= 'a' && (v.text[i] | 0x20) <= 'z'))
            i++;
        value name = {v.text + start, i - start, 0};
        for (int k = 0; k < 12 && month == 0; k++)
            if (value_is(name, months[k]) ||
                (name.len == 3 && strncasecmp(name.text, months[k], 3) == 0))
                month = k + 1;
        if (month == 0 || sep == '/')
            return false;
    }
    if (i >= v.len || v.text[i++] != sep)
        return false;
    if (!digits(v, &i, 4, 4, &year) || i != v.len)
        return false;
    return iso_day(out, year, month, day);
}

/* ---------------------------------------------------------------------
 * Types.
 */

/* The model's type with that id; a type the maps name that nobody declared
 * is added, grey, with a warning. */
static uint32_t model_type(evg__import_file *f, const char *id, uint64_t offset)
{
    if (strcmp(id, "-") == 0)
        return SKIP_TYPE;
    evg_model *m = f->m;
    uint32_t found = evg__strmap_get(&m->type_ids, id);
    if (found != EVG_NO_INDEX)
        return found;
    const char *copy = evg__arena_strndup(&m->arena, id, strlen(id));
    evg_type *t = copy ? evg__model_push((void **)&m->types, &m->type_count, &m->type_cap,
                                         sizeof *t)
                       : NULL;
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

static const char *builtin_lookup(const code_type *table, size_t count, const char *code)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(table[i].code, code) == 0)
            return table[i].type;
    return NULL;
}

/* Caches `result` under `key`; returns the stored result or NULL. */
static const code_result *remember(evg__import_file *f, const char *key, code_result result)
{
    evg__importer *im = f->im;
    const char *stored = evg__arena_strndup(&f->m->arena, key, strlen(key));
    code_result *slot = stored ? evg__model_push((void **)&im->results, &im->result_count,
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

static const char *const *one_tag(evg__import_file *f, const char *prefix, value v)
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

/* The type of an ACLED row; NULL when memory ran out. */
static const code_result *acled_type(evg__import_file *f, value event_type, value sub_type)
{
    evg__importer *im = f->im;
    char key[512], lower_sub[240], lower_event[240];
    if (!lower_copy(lower_sub, sizeof lower_sub, sub_type))
        lower_sub[0] = '\0';
    if (!lower_copy(lower_event, sizeof lower_event, event_type))
        lower_event[0] = '\0';
    snprintf(key, sizeof key, "a\x1f%s\x1f%s", lower_sub, lower_event);
    uint32_t cached = evg__strmap_get(&im->codes, key);
    if (cached != EVG_NO_INDEX)
        return &im->results[cached];
    /* The more specific sub-event type first; the user's map first at
     * each level. */
    const char *type = NULL;
    const char *levels[2] = {lower_sub, lower_event};
    for (int l = 0; l < 2 && type == NULL; l++) {
        if (levels[l][0] == '\0')
            continue;
        char map_key[260];
        snprintf(map_key, sizeof map_key, "acled\x1f%s", levels[l]);
        uint32_t mapped = evg__strmap_get(&im->type_map, map_key);
        type = mapped != EVG_NO_INDEX
                   ? im->map_types[mapped]
                   : builtin_lookup(acled_types, sizeof acled_types / sizeof acled_types[0],
                                    levels[l]);
    }
    value shown = sub_type.len ? sub_type : event_type;
    if (type == NULL) {
        char q[EVG__EXCERPT_SIZE], q2[EVG__EXCERPT_SIZE];
        evg__csv_report(f->file, EVG_SEVERITY_WARNING, shown.offset,
                        "unknown ACLED event type '%s' (sub-event type '%s'): read as 'other'; "
                        "map it in a --type-map file",
                        QUOTE(q, event_type), QUOTE(q2, sub_type));
        type = "other";
    }
    code_result result = {model_type(f, type, shown.offset), one_tag(f, "acled:", shown)};
    if (result.type == EVG_NO_INDEX || result.tags == NULL)
        return NULL;
    return remember(f, key, result);
}

/* A CAMEO event code as written, with a leading zero a spreadsheet dropped
 * put back ("43" -> "043", "871" -> "0871": no root code is above 20).
 * False when it is not a CAMEO code. */
static bool cameo_code(value v, char out[5])
{
    if (v.len == 0 || v.len > 4)
        return false;
    for (size_t i = 0; i < v.len; i++)
        if (v.text[i] < '0' || v.text[i] > '9')
            return false;
    size_t pad = v.len < 3 ? 3 - v.len : 0;
    if (v.len == 3 && (v.text[0] - '0') * 10 + (v.text[1] - '0') > 20)
        pad = 1;
    if (v.len + pad > 4)
        return false;
    memset(out, '0', pad);
    memcpy(out + pad, v.text, v.len);
    out[pad + v.len] = '\0';
    int root = (out[0] - '0') * 10 + (out[1] - '0');
    return root >= 1 && root <= 20;
}

/* The type of a CAMEO code: the longest prefix found wins, the user's map
 * before the built-in table at each length. NULL when memory ran out;
 * *bad set when the code is no CAMEO code (reported). */
static const code_result *cameo_type(evg__import_file *f, value code_v, bool *bad)
{
    evg__importer *im = f->im;
    *bad = false;
    char code[5];
    const char *format = f->format == EVG_INPUT_GDELT ? "gdelt" : "icews";
    if (!cameo_code(code_v, code)) {
        char q[EVG__EXCERPT_SIZE];
        evg__csv_report(f->file, EVG_SEVERITY_ERROR, code_v.offset,
                        "invalid CAMEO event code '%s' (expected 3 or 4 digits, such as 042 or "
                        "1951)",
                        QUOTE(q, code_v));
        *bad = true;
        return NULL;
    }
    char key[16];
    snprintf(key, sizeof key, "c\x1f%c%s", format[0], code);
    uint32_t cached = evg__strmap_get(&im->codes, key);
    if (cached != EVG_NO_INDEX)
        return &im->results[cached];
    const char *type = NULL;
    for (size_t len = strlen(code); len >= 2 && type == NULL; len--) {
        char prefix[5], map_key[16];
        memcpy(prefix, code, len);
        prefix[len] = '\0';
        snprintf(map_key, sizeof map_key, "%s\x1f%s", format, prefix);
        uint32_t mapped = evg__strmap_get(&im->type_map, map_key);
        if (mapped == EVG_NO_INDEX) {
            snprintf(map_key, sizeof map_key, "cameo\x1f%s", prefix);
            mapped = evg__strmap_get(&im->type_map, map_key);
        }
        type = mapped != EVG_NO_INDEX
                   ? im->map_types[mapped]
                   : builtin_lookup(cameo_types, sizeof cameo_types / sizeof cameo_types[0],
                                    prefix);
    }
    value code_text = {code, strlen(code), code_v.offset};
    code_result result = {model_type(f, type, code_v.offset), one_tag(f, "cameo:", code_text)};
    if (result.type == EVG_NO_INDEX || result.tags == NULL)
        return NULL;
    return remember(f, key, result);
}

/* ---------------------------------------------------------------------
 * Actors.
 */

/* ACLED's inter codes (1-8, or their names in newer exports). */
static int acled_kind(value inter)
{
    if (inter.len == 0)
        return EVG_ACTOR_OTHER;
    if (value_is(inter, "1") || (inter.len >= 5 && strncasecmp(inter.text, "state", 5) == 0))
        return EVG_ACTOR_STATE;
    if (value_is(inter, "2") || value_is(inter, "3") || value_is(inter, "4") ||
        (inter.len >= 5 && strncasecmp(inter.text, "rebel", 5) == 0) ||
        (inter.len >= 16 && strncasecmp(inter.text, "political militi", 16) == 0) ||
        (inter.len >= 16 && strncasecmp(inter.text, "identity militia", 16) == 0))
        return EVG_ACTOR_ARMED_GROUP;
    return EVG_ACTOR_OTHER;
}

/* GDELT's Actor1Type1Code, or a bare country code. */
static int gdelt_kind(value code, value type)
{
    static const char *const states[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"};
    static const char *const armed[] = {"REB", "INS", "SEP", "UAF"};
    static const char *const orgs[] = {"IGO", "NGO", "NGM", "BUS", "MED", "EDU", "MNC", "PTY",
                                       "LAB", "HLH"};
    for (size_t i = 0; i < 6; i++)
        if (value_is(type, states[i]))
            return EVG_ACTOR_STATE;
    for (size_t i = 0; i < 4; i++)
        if (value_is(type, armed[i]))
            return EVG_ACTOR_ARMED_GROUP;
    for (size_t i = 0; i < 10; i++)
        if (value_is(type, orgs[i]))
            return EVG_ACTOR_ORGANIZATION;
    if (type.len == 0 && code.len == 3)
        return EVG_ACTOR_STATE;
    return EVG_ACTOR_OTHER;
}

/* The actor a raw name stands for: the actor map's, else the name with its
 * runs of spaces collapsed (';' becomes ',', control characters spaces).
 * Created, without warning, when new. EVG_NO_INDEX: out of memory;
 * SKIP_TYPE: the map drops it. */
static uint32_t import_actor(evg__import_file *f, value raw, int kind, bool use_map)
{
    evg__importer *im = f->im;
    evg_model *m = f->m;
    const char *id = NULL, *name = NULL;
    char lower[256];
    if (use_map && im->actor_count && lower_copy(lower, sizeof lower, raw)) {
        uint32_t mapped = evg__strmap_get(&im->actor_map, lower);
        if (mapped != EVG_NO_INDEX) {
            const actor_entry *a = &im->actors[mapped];
            if (strcmp(a->id, "-") == 0)
                return SKIP_TYPE;
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
        item = trimmed(&as_field);
        start = i + 1;
        if (item.len == 0)
            continue;
        uint32_t a = import_actor(f, item, kind, true);
        if (a == EVG_NO_INDEX)
            return EVG_ENOMEM;
        bool seen = a == SKIP_TYPE || a == except;
        for (size_t k = 0; k < *count && !seen; k++)
            seen = out[k] == a;
        if (!seen && *count < max)
            out[(*count)++] = a;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Rows.
 */

static bool parse_whole(value v, int64_t *out)
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

static bool parse_degrees(evg__csv_file *file, value v, const char *what, double limit,
                          double *out)
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
                        "%s '%s' is not a number from -%g to %g", what, QUOTE(q, v), limit, limit);
    return ok;
}

/* Joins the non-empty values with ", " into the arena; NULL when all are
 * empty (*failed set when memory ran out). */
static const char *join(evg__import_file *f, const value *parts, size_t count, bool *failed)
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

/* The host of a URL, without "www.", as the event's source. */
static value url_host(value url)
{
    value host = {"", 0, url.offset};
    const char *p = memchr(url.text, ':', url.len);
    if (p == NULL || (size_t)(url.text + url.len - p) < 3 || p[1] != '/' || p[2] != '/')
        return host;
    p += 3;
    const char *end = url.text + url.len;
    host.text = p;
    while (p < end && *p != '/' && *p != '?' && *p != '#' && *p != ':')
        p++;
    host.len = (size_t)(p - host.text);
    if (host.len > 4 && strncasecmp(host.text, "www.", 4) == 0)
        host.text += 4, host.len -= 4;
    return host;
}

static const char *copy_value(evg__import_file *f, value v, bool *failed)
{
    if (v.len == 0)
        return NULL;
    const char *s = evg__arena_strndup(&f->m->arena, v.text, v.len);
    if (s == NULL)
        *failed = true;
    return s;
}

int evg__import_row(evg__import_file *f, const evg__csv_field *fields, size_t count,
                    uint64_t row_offset)
{
    evg__csv_file *file = f->file;
    evg_model *m = f->m;
    char q[EVG__EXCERPT_SIZE];
    if (!f->header_ok)
        return 0;
    if (count != f->fields) {
        evg__csv_report(file, EVG_SEVERITY_ERROR,
                        count > f->fields ? fields[f->fields].offset : row_offset,
                        "row has %zu field%s but the %s has %zu", count, count == 1 ? "" : "s",
                        f->format == EVG_INPUT_GDELT ? "first row" : "header", f->fields);
        return 0;
    }
    for (size_t i = 0; i < count; i++) {
        if (memchr(fields[i].text, '\0', fields[i].len)) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, fields[i].offset, "NUL byte in field %zu",
                            i + 1);
            return 0;
        }
    }
    f->rows++;
    /* GDELT's filters first: most rows of a daily file fall to them. */
    if (f->format == EVG_INPUT_GDELT) {
        value root = column(f, fields, C_ROOT);
        if (!f->im->include_non_root && value_is(root, "0")) {
            f->skipped_root++;
            return 0;
        }
        value mentions_v = column(f, fields, C_MENTIONS);
        int64_t mentions = 0;
        if (f->im->min_mentions) {
            if (!parse_whole(mentions_v, &mentions)) {
                evg__csv_report(file, EVG_SEVERITY_ERROR, mentions_v.offset,
                                "NumMentions '%s' is not a whole number", QUOTE(q, mentions_v));
                return 0;
            }
            if ((uint64_t)mentions < f->im->min_mentions) {
                f->skipped_mentions++;
                return 0;
            }
        }
    }
    bool ok = true, failed = false;
    value id = column(f, fields, C_ID);
    if (id.len == 0) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, id.offset,
                        "missing event id (%s)",
                        f->format == EVG_INPUT_ACLED   ? "event_id_cnty"
                        : f->format == EVG_INPUT_GDELT ? "GLOBALEVENTID"
                                                       : "Event ID");
        ok = false;
    }
    for (size_t i = 0; i < id.len && ok; i++) {
        unsigned char c = (unsigned char)id.text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            evg__csv_report(file, EVG_SEVERITY_ERROR, id.offset,
                            "event id '%s' contains %s, which ids may not hold", QUOTE(q, id),
                            c == ';' ? "';'" : "a control character");
            ok = false;
        }
    }

    /* Date and precision. */
    value date_v = column(f, fields, C_DATE);
    evg_date date;
    memset(&date, 0, sizeof date);
    if (f->format == EVG_INPUT_ACLED) {
        if (!acled_date(date_v, &date)) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, date_v.offset,
                            "invalid ACLED event_date '%s' (expected 2016-08-15, 15 August 2016, "
                            "15-August-2016, 15/08/2016 or 15-08-2016)",
                            QUOTE(q, date_v));
            ok = false;
        }
        value precision = column(f, fields, C_PRECISION);
        if (precision.len == 0 || value_is(precision, "1")) {
            /* day, as written */
        } else if (value_is(precision, "2")) {
            date.flags |= EVG_DATE_APPROXIMATE; /* within the week: no EDTF week */
        } else if (value_is(precision, "3")) {
            date.precision = EVG_PRECISION_MONTH;
            date.day = 0;
        } else {
            evg__csv_report(file, EVG_SEVERITY_ERROR, precision.offset,
                            "time_precision '%s' is not 1 (day), 2 (week) or 3 (month)",
                            QUOTE(q, precision));
            ok = false;
        }
    } else if (f->format == EVG_INPUT_GDELT) {
        int64_t n;
        if (date_v.len != 8 || !parse_whole(date_v, &n) ||
            !iso_day(&date, (int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100))) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, date_v.offset,
                            "invalid SQLDATE '%s' (expected YYYYMMDD)", QUOTE(q, date_v));
            ok = false;
        }
    } else if (date_v.len != 10 || evg_date_parse(&date, date_v.text, date_v.len) != 0) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, date_v.offset,
                        "invalid Event Date '%s' (expected YYYY-MM-DD)", QUOTE(q, date_v));
        ok = false;
    }

    /* Type. */
    const code_result *type = NULL;
    if (f->format == EVG_INPUT_ACLED) {
        value event_type = column(f, fields, C_EVENT_TYPE);
        if (event_type.len == 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, event_type.offset,
                            "missing value for required column 'event_type'");
            ok = false;
        } else if ((type = acled_type(f, event_type, column(f, fields, C_SUB_TYPE))) == NULL) {
            return EVG_ENOMEM;
        }
    } else {
        bool bad;
        type = cameo_type(f, column(f, fields, C_CODE), &bad);
        if (bad)
            ok = false;
        else if (type == NULL)
            return EVG_ENOMEM;
    }
    if (ok && type->type == SKIP_TYPE) {
        f->skipped_map++;
        return 0;
    }

    /* Numbers. */
    int64_t killed = -1;
    value killed_v = column(f, fields, C_KILLED);
    if (killed_v.len && !parse_whole(killed_v, &killed)) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, killed_v.offset,
                        "fatalities '%s' is not a whole number", QUOTE(q, killed_v));
        ok = false;
    }
    value lat_v = column(f, fields, C_LAT), lon_v = column(f, fields, C_LON);
    double lat = 0, lon = 0;
    bool has_position = lat_v.len && lon_v.len;
    if (has_position) {
        bool lat_ok = parse_degrees(file, lat_v, "latitude", 90, &lat);
        bool lon_ok = parse_degrees(file, lon_v, "longitude", 180, &lon);
        ok = ok && lat_ok && lon_ok;
    }

    const char *id_text = NULL;
    if (ok) {
        if ((id_text = copy_value(f, id, &failed)) == NULL)
            return EVG_ENOMEM;
        uint32_t first = evg__model_claim_event_id(m, id_text);
        if (first == EVG_NO_INDEX)
            return EVG_ENOMEM;
        if (first != m->event_count) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, id.offset,
                            "duplicate event id '%s' (first used on line %lu)", QUOTE(q, id),
                            (unsigned long)m->events[first].line);
            ok = false;
        }
    }
    if (!ok)
        return 0;

    /* Actors: side 1 does, side 2 is done to; ACLED's sides are only
     * sides, so its events are undirected. */
    int kind1 = EVG_ACTOR_OTHER, kind2 = EVG_ACTOR_OTHER;
    value actor1 = column(f, fields, C_ACTOR1), actor2 = column(f, fields, C_ACTOR2);
    if (f->format == EVG_INPUT_ACLED) {
        kind1 = acled_kind(column(f, fields, C_INTER1));
        kind2 = acled_kind(column(f, fields, C_INTER2));
    } else if (f->format == EVG_INPUT_GDELT) {
        value code1 = column(f, fields, C_ACTOR1_CODE), code2 = column(f, fields, C_ACTOR2_CODE);
        kind1 = gdelt_kind(code1, column(f, fields, C_ACTOR1_TYPE));
        kind2 = gdelt_kind(code2, column(f, fields, C_ACTOR2_TYPE));
        if (actor1.len == 0)
            actor1 = code1;
        if (actor2.len == 0)
            actor2 = code2;
    }
    /* An event needs an actor: a missing one (or one the actor map drops)
     * is "unidentified", which the map cannot drop in turn. */
    uint32_t actor = actor1.len ? import_actor(f, actor1, kind1, true) : SKIP_TYPE;
    if (actor == SKIP_TYPE) {
        value unidentified = {"unidentified", 12, actor1.offset};
        actor = import_actor(f, unidentified, EVG_ACTOR_OTHER, false);
    }
    if (actor == EVG_NO_INDEX)
        return EVG_ENOMEM;
    uint32_t targets[64], allies[64];
    size_t target_count = 0, ally_count = 0;
    /* actor2 is one actor, whatever it holds; the associated actors are
     * ';' lists. */
    if (actor2.len) {
        uint32_t a = import_actor(f, actor2, kind2, true);
        if (a == EVG_NO_INDEX)
            return EVG_ENOMEM;
        if (a != SKIP_TYPE && a != actor)
            targets[target_count++] = a;
    }
    /* ACLED's inter codes name actor1's and actor2's kinds, not their
     * associates'. */
    if (add_actor_list(f, column(f, fields, C_ASSOC2), EVG_ACTOR_OTHER, targets, &target_count,
                       64, actor) ||
        add_actor_list(f, column(f, fields, C_ASSOC1), EVG_ACTOR_OTHER, allies, &ally_count, 64,
                       actor))
        return EVG_ENOMEM;

    evg_event *e = evg__model_add_event(m, id_text);
    if (e == NULL)
        return EVG_ENOMEM;
    e->date = date;
    e->type = type->type;
    e->actor = actor;
    e->line = (uint32_t)evg__csv_line(file, row_offset);
    e->killed = killed;
    e->weight = 1;
    e->injured = -1;
    e->latitude = lat;
    e->longitude = lon;
    e->has_position = has_position;
    e->tags = type->tags;
    e->tag_count = 1;
    e->undirected = f->format == EVG_INPUT_ACLED;
    if (target_count) {
        uint32_t *copy = evg__arena_alloc(&m->arena, target_count * sizeof *copy);
        if (copy == NULL)
            return EVG_ENOMEM;
        memcpy(copy, targets, target_count * sizeof *copy);
        e->targets = copy;
        e->target_count = (uint32_t)target_count;
    }
    if (ally_count) {
        uint32_t *copy = evg__arena_alloc(&m->arena, ally_count * sizeof *copy);
        if (copy == NULL)
            return EVG_ENOMEM;
        memcpy(copy, allies, ally_count * sizeof *copy);
        e->allies = copy;
        e->ally_count = (uint32_t)ally_count;
    }
    if (f->format == EVG_INPUT_ACLED) {
        value place[2] = {column(f, fields, C_LOCATION), column(f, fields, C_ADMIN1)};
        if (place[0].len == place[1].len &&
            strncasecmp(place[0].text, place[1].text, place[0].len) == 0)
            place[1].len = 0; /* a provincial capital named like its province */
        e->location = join(f, place, 2, &failed);
        e->description = copy_value(f, column(f, fields, C_NOTES), &failed);
        e->source = copy_value(f, column(f, fields, C_SOURCE), &failed);
    } else if (f->format == EVG_INPUT_GDELT) {
        value url = column(f, fields, C_URL);
        e->location = copy_value(f, column(f, fields, C_LOCATION), &failed);
        e->url = copy_value(f, url, &failed);
        e->source = copy_value(f, url_host(url), &failed);
    } else {
        value place[3] = {column(f, fields, C_CITY), column(f, fields, C_PROVINCE),
                          column(f, fields, C_COUNTRY)};
        e->location = join(f, place, 3, &failed);
        e->title = copy_value(f, column(f, fields, C_TITLE), &failed);
        e->source = copy_value(f, column(f, fields, C_SOURCE), &failed);
    }
    return failed ? EVG_ENOMEM : 0;
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
