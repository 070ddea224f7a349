/* What the foreign formats share: the file being imported, the importer's
 * maps and caches, and the table of functions each format fills in (one
 * file per format, as curl's TLS backends each fill one vtable). */
#ifndef EVG_FORMAT_INT_H
#define EVG_FORMAT_INT_H

#include "arena_int.h"
#include "import_int.h"
#include "strmap_int.h"
#include "value_int.h"

/* The model columns an export's columns are read into. */
enum column {
    C_ID, C_DATE, C_PRECISION, C_EVENT_TYPE, C_SUB_TYPE, C_CODE,
    C_ACTOR1, C_ACTOR1_CODE, C_ACTOR1_TYPE, C_ASSOC1, C_INTER1,
    C_ACTOR2, C_ACTOR2_CODE, C_ACTOR2_TYPE, C_ASSOC2, C_INTER2,
    C_LOCATION, C_ADMIN1, C_CITY, C_PROVINCE, C_COUNTRY, C_LAT, C_LON,
    C_KILLED, C_NOTES, C_SOURCE, C_URL, C_TITLE, C_ROOT, C_MENTIONS, C_COUNT
};

/* A header name of a format's column. */
typedef struct evg__column_name {
    int column;
    const char *name, *alias;
    bool required;
} evg__column_name;

/* --actor-map rows. */
typedef struct evg__actor_entry {
    const char *id;   /* "-": drop the actor */
    const char *name; /* NULL: the id */
    int kind;         /* evg_actor_kind, or -1 when the map gives none */
} evg__actor_entry;

/* A code's type and tag, cached per distinct code. */
typedef struct evg__code_result {
    uint32_t type; /* type index, or EVG__SKIP */
    const char *const *tags;
} evg__code_result;

/* An actor or type the user's map drops. */
#define EVG__SKIP (EVG_NO_INDEX - 1)

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
    evg__actor_entry *actors;
    size_t actor_count, actor_cap;
    /* Codes already mapped -> index into results. */
    evg__strmap codes;
    evg__code_result *results;
    size_t result_count, result_cap;
};

typedef struct evg__format evg__format;

struct evg__import_file {
    evg__importer *im;
    evg_model *m;
    evg__csv_file *file;
    const evg__format *format;
    int position[C_COUNT]; /* field of each column, or -1 */
    size_t fields;         /* fields per row */
    bool header_done, header_ok;
    size_t rows, skipped_root, skipped_mentions, skipped_map;
};

/* One row's values as a format reads them. */
typedef struct evg__row {
    const evg__csv_field *fields;
    evg_date date;
    const evg__code_result *type;
    evg__value actor1, actor2;
    int kind1, kind2;
} evg__row;

/* A foreign format. Functions left NULL are not needed by the format. */
struct evg__format {
    evg_input_format id;
    const char *noun;      /* "an ACLED export" */
    const char *id_column; /* the column "missing event id" names */
    char delimiter;
    bool quoting;
    bool undirected; /* the two sides are sides, not doer and done-to */
    /* Header names, for formats with a header. */
    const evg__column_name *columns;
    size_t column_count;
    /* Sets the columns of a headerless file from its first row's width;
     * reports and returns EVG_EINVAL when the width fits no layout. */
    int (*layout)(evg__import_file *f, size_t first_row_fields);
    /* Whether the row is filtered out (counted in f, not reported). */
    bool (*skip)(evg__import_file *f, const evg__csv_field *fields, bool *bad);
    /* Reads the date into row->date; reports and returns false when bad. */
    bool (*date)(evg__import_file *f, evg__row *row);
    /* Sets row->type; false with row->type NULL when memory ran out, false
     * with *bad set when the row's type is unusable (reported). */
    bool (*type)(evg__import_file *f, evg__row *row, bool *bad);
    /* Sets the actors' names and kinds (both start as the actor columns,
     * kinds as other). */
    void (*actors)(evg__import_file *f, evg__row *row);
    /* Fills the event's texts; false when memory ran out. */
    bool (*texts)(evg__import_file *f, const evg__row *row, evg_event *e);
};

extern const evg__format evg__format_acled, evg__format_gdelt, evg__format_icews;

/* The format with that id, or NULL (evgraph's own, auto). */
const evg__format *evg__format_find(evg_input_format id);

/* The trimmed value of one model column in a row; blank when absent. */
evg__value evg__import_column(const evg__import_file *f, const evg__csv_field *fields, int c);

/* The model's type with that id ("-": EVG__SKIP); a type the maps name
 * that nobody declared is added, grey, with a warning. EVG_NO_INDEX: out
 * of memory. */
uint32_t evg__import_model_type(evg__import_file *f, const char *id, uint64_t offset);

/* Caches `result` under `key`; returns the stored result or NULL. */
const evg__code_result *evg__import_remember(evg__import_file *f, const char *key,
                                             evg__code_result result);

/* A cached result, or NULL. */
const evg__code_result *evg__import_cached(evg__import_file *f, const char *key);

/* The type the user's --type-map gives `key` ("acled\x1f<code>"), or NULL. */
const char *evg__import_mapped_type(evg__import_file *f, const char *key);

/* A one-element tag list "<prefix><v>" (';' read as ','), or NULL. */
const char *const *evg__import_tag(evg__import_file *f, const char *prefix, evg__value v);

/* The type of a CAMEO event code (GDELT, ICEWS); as evg__format.type. */
bool evg__cameo_type(evg__import_file *f, evg__row *row, evg__value code, bool *bad);

/* A whole non-negative number. */
bool evg__parse_whole(evg__value v, int64_t *out);

/* A valid day as an evg_date. */
bool evg__iso_day(evg_date *out, int year, int month, int day);

/* Joins the non-empty values with ", " into the arena; NULL when all are
 * empty (*failed set when memory ran out). */
const char *evg__import_join(evg__import_file *f, const evg__value *parts, size_t count,
                             bool *failed);

/* Copies a non-empty value into the arena; NULL when empty (*failed set
 * when memory ran out). */
const char *evg__import_copy(evg__import_file *f, evg__value v, bool *failed);

#endif
