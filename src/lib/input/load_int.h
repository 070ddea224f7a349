/* The loader's state, shared by the dataset reader (load.c) and the
 * reader of evgraph's own tables (load_native.c). */
#ifndef EVG_LOAD_INT_H
#define EVG_LOAD_INT_H

#include <evgraph/load.h>

#include "csv_int.h"
#include "import_int.h"
#include "model_int.h"
#include "value_int.h"

typedef enum table_kind { TABLE_EVENTS, TABLE_ACTORS, TABLE_TYPES } table_kind;

enum { MAX_COLUMNS = 19 };

typedef struct column_spec {
    const char *name;
    bool required;
} column_spec;

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
    /* Texts stored once each (sources, locations), by their bytes as read. */
    evg__strmap interned;
    const char **interned_text;
    size_t interned_count, interned_cap;
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

/* Sets up a table of `kind` (its columns) for `ld`. */
void evg__table_init(table *t, loader *ld, table_kind kind);

/* Maps a native header row onto the table's columns, reporting unknown,
 * doubled and missing ones. */
int evg__table_header(table *t, evg__csv_file *file, const evg__csv_field *fields, size_t count);

/* Checks one row of types.csv, actors.csv or evgraph's events CSV and adds
 * it to the model. Returns 0 or a fatal EVG_E* code; value errors are
 * reported. */
int evg__table_row(table *t, evg__csv_file *file, const evg__csv_field *fields, size_t count,
                   uint64_t row_offset);

/* Resolves actors.csv's parents, then reports every cycle once. */
int evg__table_resolve_parents(table *t);

/* Splits a ';' list into trimmed, non-empty items. Returns the item count;
 * fills at most `max` items. */
size_t evg__split_list(evg__value v, evg__value *items, size_t max);

#endif
