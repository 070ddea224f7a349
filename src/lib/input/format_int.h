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
    C_ID, C_DATE, C_END_DATE, C_PRECISION, C_EVENT_TYPE, C_SUB_TYPE, C_CODE, C_TYPE,
    C_ACTOR1, C_ACTOR1_CODE, C_ACTOR1_TYPE, C_ASSOC1, C_INTER1,
    C_ACTOR2, C_ACTOR2_CODE, C_ACTOR2_TYPE, C_ASSOC2, C_INTER2,
    C_LOCATION, C_ADMIN1, C_CITY, C_PROVINCE, C_COUNTRY, C_LAT, C_LON,
    C_KILLED, C_INJURED, C_NOTES, C_SOURCE, C_URL, C_TITLE, C_ROOT, C_MENTIONS,
    C_WEIGHT, C_CERTAINTY, C_TAGS, C_VIOLENCE, C_COLUMN_COUNT
};

/* A format's column by its header names: '|'-separated, each in the
 * normalised form evg__header_key gives ("event_id_cnty", "EVENT_ID_CNTY"
 * and "Event ID Cnty" are all "eventidcnty"). The first is the one
 * messages name. */
typedef struct evg__column_name {
    int column;
    const char *name; /* as messages show it */
    const char *keys; /* NULL: only the name's own key */
    bool required;
} evg__column_name;

/* Writes the normalised form of a header name into buf: ASCII letters
 * lower-cased, digits kept, everything else dropped. */
void evg__header_key(char *buf, size_t size, const char *text, size_t len);

/* Whether normalised `key` names the column. */
bool evg__column_has_key(const evg__column_name *c, const char *key);

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
    bool strict; /* problems are errors, not warnings */
    const char *const *date_formats;
    /* --columns: the table column named for each model column, or NULL. */
    const char *mapped[C_COLUMN_COUNT];
    bool has_mapping;
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

/* How many warnings of one kind are shown per file before the summary
 * speaks for the rest. */
enum { EVG__PROBLEM_KINDS = 24, EVG__PROBLEMS_SHOWN = 5 };

/* Numeric dates whose day and month order waits for the whole column. */
typedef struct evg__pending_date {
    uint32_t event;
    int first, second, year;
    uint64_t offset;
} evg__pending_date;

struct evg__import_file {
    evg__importer *im;
    evg_model *m;
    evg__csv_file *file;
    const evg__format *format;
    int position[C_COLUMN_COUNT]; /* field of each column, or -1 */
    size_t fields;                /* fields per row */
    bool header_done, header_ok;
    size_t rows, skipped_root, skipped_mentions, skipped_map;
    uint64_t row_offset; /* where the row being read starts */
    /* Problems: rows skipped, values dropped, the first one's place. */
    size_t skipped_rows, dropped_values, events;
    uint64_t first_problem;
    bool has_problem;
    const char *problem_kind[EVG__PROBLEM_KINDS];
    size_t problem_count[EVG__PROBLEM_KINDS];
    /* Numeric dates: evidence for day-first and month-first, and the dates
     * that need it. */
    size_t day_first, month_first;
    uint64_t day_first_at, month_first_at;
    evg__pending_date *pending;
    size_t pending_count, pending_cap;
    /* Type values of a table that were no known type. */
    const char **new_types;
    size_t new_type_count, new_type_cap;
    uint64_t new_type_at;
};

/* A built-in table from a format's codes or type names to evgraph's types. */
typedef struct evg__code_type {
    const char *code;
    const char *type;
} evg__code_type;

/* The type `code` has in `table` (compared exactly), or NULL. */
const char *evg__code_lookup(const evg__code_type *table, size_t count, const char *code);

/* One row's values as a format reads them. */
typedef struct evg__row {
    const evg__csv_field *fields;
    evg_date date;
    evg_date end_date;
    bool date_pending; /* the date's day/month order is decided at the end */
    int pending_first, pending_second, pending_year;
    const evg__code_result *type;
    evg__value actor1, actor2;
    int kind1, kind2;
    evg__value code; /* a CAMEO code for the label, or blank */
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

extern const evg__format evg__format_acled, evg__format_gdelt, evg__format_icews,
    evg__format_icews4, evg__format_ucdp, evg__format_phoenix, evg__format_sar,
    evg__format_table;

/* Reports a problem with a foreign file's value. `skip_row`: the row is
 * lost, else only the value. An error under --strict; else a warning, the
 * first few of each kind (`fmt` is the kind) shown, all counted for the
 * summary. */
void evg__import_problem(evg__import_file *f, bool skip_row, uint64_t offset, const char *fmt,
                         ...) EVG__PRINTF(4, 5);

/* Reads a date value of a foreign file in any of the forms exports hold
 * (or the --date-format ones). False when it is none (not reported). A
 * numeric date whose day and month could be either way round sets
 * row->date_pending and its parts. */
bool evg__import_date(evg__import_file *f, evg__value v, evg_date *out, evg__row *row);

/* Settles the pending numeric dates once the whole column was read;
 * says which order was assumed when nothing decided it. */
void evg__import_settle_dates(evg__import_file *f);

/* The type a table's value names: a known type id or label (any case), or
 * a new type with a stable colour, listed in one warning at the end.
 * NULL when memory ran out. */
const evg__code_result *evg__import_free_type(evg__import_file *f, evg__value v);

/* The CAMEO description of a code ("make a visit"), or NULL. */
const char *evg__cameo_verb(const char *code);

/* The CAMEO code whose description matches a relation text such as
 * "Make_statement" or "Express intent to meet or negotiate", or NULL. */
const char *evg__cameo_code_of(evg__value relation);

/* A label "<actor> <verb> <target> (<place>)" in the arena; NULL when
 * memory ran out (*failed set) or nothing to say. */
const char *evg__import_label(evg__import_file *f, const char *actor, const char *verb,
                              const char *target, const char *place, bool *failed);

/* The label of event e: "<its actor> <verb> <its first target> (<place>)". */
const char *evg__import_event_label(evg__import_file *f, const evg_event *e, const char *verb,
                                    const char *place, bool *failed);

/* `v` as a string in buf (size bytes), cut between characters when longer;
 * with `underscores`, '_' becomes a space ("Make_statement"). */
void evg__import_text(char *buf, size_t size, evg__value v, bool underscores);

/* The first sentence of a note, shortened at a word to about `max` bytes,
 * in the arena; NULL when empty. */
const char *evg__import_sentence(evg__import_file *f, evg__value note, size_t max,
                                 bool *failed);

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

/* The type of a CAMEO event code (GDELT, ICEWS, Phoenix); as
 * evg__format.type. */
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
