/* Importing foreign files (ACLED, GDELT, ICEWS, UCDP, Phoenix, sender/
 * action/receiver and --columns tables): format detection, the mapping
 * tables (built in and the user's), and turning one row into an event of
 * the model. */
#ifndef EVG_IMPORT_INT_H
#define EVG_IMPORT_INT_H

#include <evgraph/load.h>

#include "csv_int.h"
#include "model_int.h"

/* What one load shares between its export files: the type and actor maps
 * and what was looked up in them. */
typedef struct evg__importer evg__importer;

/* Reads opts->type_map and opts->actor_map (either may be NULL), reporting
 * their mistakes through `rep`. Returns 0, EVG_EINVAL, EVG_EIO or
 * EVG_ENOMEM; *out is NULL on failure. */
int evg__importer_new(evg__importer **out, const evg_load_opts *opts, evg__reporter *rep);
/* Replaces the importer's column mapping (as --columns gives it) by `text`,
 * or clears it (NULL). Returns 0, EVG_EINVAL (reported) or EVG_ENOMEM. */
int evg__importer_set_columns(evg__importer *im, const char *text);

void evg__importer_free(evg__importer *im);

/* What the first bytes of an events file say about it. */
typedef struct evg__detected {
    evg_input_format format; /* EVG_INPUT_AUTO when nothing matched */
    char delimiter;          /* of the header, sniffed unless forced */
    bool has_header;         /* the first row names columns */
    size_t first_fields;     /* fields of the first row */
    char reason[96];         /* why: "its header names 'event_id_cnty'" */
    char header[160];        /* the first column names, for messages */
} evg__detected;

/* Tells the format from the first `len` bytes of a file; `delimiter` 0
 * sniffs it from the first row (',' ';' tab '|' or 0x01). */
void evg__import_detect(evg__detected *out, const unsigned char *data, size_t len,
                        char delimiter);

/* The message for an events file that is no event table at all: what it
 * looks like and which option would help. */
void evg__import_not_events(const evg__detected *d, char *buf, size_t size);

/* "an ACLED export", "a GDELT event file", ... for messages. */
const char *evg__import_format_noun(evg_input_format format);

/* One export file being read. */
typedef struct evg__import_file evg__import_file;

/* Starts reading `file` as `format` (a foreign one, or EVG_INPUT_TABLE)
 * into `model`, as `found` describes it. Sets the file's dialect. A
 * headerless file whose shape fits no layout is reported and gives
 * EVG_EINVAL. */
int evg__import_begin(evg__import_file **out, evg__importer *im, evg_model *model,
                      evg__csv_file *file, evg_input_format format, const evg__detected *found);

/* Whether the format's first row is a header. */
bool evg__import_has_header(const evg__import_file *f);

/* Maps the header row's column names; reports missing required columns. */
int evg__import_header(evg__import_file *f, const evg__csv_field *fields, size_t count);

/* Checks one data row and adds its event (or skips it, for GDELT's filters
 * and the type map's "-"). Returns 0 or a fatal EVG_E* code; value errors
 * are reported and counted by the reporter. */
int evg__import_row(evg__import_file *f, const evg__csv_field *fields, size_t count,
                    uint64_t row_offset);

/* Reports what was skipped, and frees. NULL is a no-op. */
void evg__import_end(evg__import_file *f);

#endif
