/* evgraph/load.h - loading datasets from CSV. */
#ifndef EVGRAPH_LOAD_H
#define EVGRAPH_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "export.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The layout of an events file. AUTO tells it from the header's column
 * names (any case, '_' and spaces ignored) or, for headerless files, from
 * the shape of the first row: GDELT by 57, 58 or 61 tab-separated fields,
 * ICEWS's four-column form by subject, relation, object and a date. */
typedef enum evg_input_format {
    EVG_INPUT_AUTO = 0,
    EVG_INPUT_EVGRAPH,
    EVG_INPUT_ACLED,
    EVG_INPUT_GDELT,
    EVG_INPUT_ICEWS,
    EVG_INPUT_UCDP,    /* UCDP Georeferenced Event Dataset */
    EVG_INPUT_PHOENIX, /* Phoenix / Cline Center event data */
    EVG_INPUT_SAR,     /* sender, action, receiver, date tables */
    EVG_INPUT_ICEWS4,  /* subject, relation, object, date without a header */
    EVG_INPUT_TABLE    /* any table, read through evg_load_opts.columns */
} evg_input_format;

/* "auto", "evgraph", "acled", "gdelt", "icews", "ucdp", "phoenix", "sar",
 * "icews4" or "table". */
EVG_API const char *evg_input_format_name(evg_input_format format);

/* Parses one of those names (case-insensitive). Returns 0 or EVG_EUSAGE. */
EVG_API int evg_input_format_parse(evg_input_format *out, const char *name);

typedef struct evg_load_opts {
    evg_diag_fn diag;   /* receives every error and warning; may be NULL */
    void *diag_payload;
    size_t max_errors;       /* stop reporting errors (and, apart, warnings) after this
                              * many (0: no cap) */
    /* Limits: past one, loading stops with a clear error and EVG_ELIMIT
     * before the machine suffers. 0 means no limit. */
    size_t max_field_bytes;  /* longest field */
    size_t max_columns;      /* fields in one row */
    size_t max_rows;         /* rows in all files together */
    size_t max_memory_bytes; /* memory the model may take */
    /* Imports (README "Importing ACLED, GDELT, ICEWS, UCDP, Phoenix and any other table"). */
    evg_input_format input_format; /* of every events file; AUTO detects each */
    size_t min_mentions;           /* GDELT: drop events with fewer NumMentions */
    bool include_non_root;         /* GDELT: keep events with IsRootEvent 0 */
    const char *type_map;  /* CSV overriding the built-in type tables, or NULL */
    const char *actor_map; /* CSV mapping raw actor names to actors, or NULL */
    /* Foreign and mapped files (README "Any other table"). */
    const char *columns; /* "date=Recording_Date,actor=Sender,..." mapping a table's
                          * columns onto the model, or NULL */
    char delimiter;      /* ',' ';' '\t' '|' or 0x01; 0: sniffed from the header */
    const char *const *date_formats; /* strptime-style formats tried in order, NULL-ended;
                                      * NULL: sniffed from each date column */
    bool strict;         /* foreign files: a bad value or row is an error, not a warning */
} evg_load_opts;

#define EVG_LOAD_OPTS_INIT                                                                         \
    {NULL, NULL, 50, (size_t)1 << 20, 1024, (size_t)10000000, (size_t)4 << 30,                   \
     EVG_INPUT_AUTO, 0, false, NULL, NULL, NULL, 0, NULL, false}

/* Loads `count` datasets into one model. Each path is a dataset folder
 * (events.csv, optional actors.csv and types.csv), a single events file, or
 * "-" for an events file on standard input. An events file is evgraph's CSV
 * or an ACLED, GDELT, ICEWS, UCDP or Phoenix export, a sender/action/receiver
 * table, or any table opts->columns maps (opts->input_format). Text that is
 * not UTF-8 is read as Windows-1252, with a warning. All value errors are
 * reported through opts->diag (up to max_errors) before returning. In foreign
 * files a bad optional value is dropped and a row without a usable date or
 * type skipped, each with a warning, unless opts->strict; a summary note per
 * file counts them.
 *
 * On success *out owns a new model (free with evg_model_free). On failure
 * *out is NULL, nothing leaks, and the result is EVG_EINVAL (invalid data),
 * EVG_EIO (unreadable file), EVG_ENOMEM or EVG_ELIMIT. `opts` may be NULL for
 * the defaults. */
EVG_API int evg_load(evg_model **out, const char *const *paths, size_t count,
                     const evg_load_opts *opts);

/* Loads one events file held in memory (`len` bytes of `data`, in any of the
 * input formats); `name` is the file name diagnostics use. The built-in types apply; actors are
 * created from their ids. Results as evg_load. */
EVG_API int evg_load_memory(evg_model **out, const char *name, const void *data, size_t len,
                            const evg_load_opts *opts);

#ifdef __cplusplus
}
#endif
#endif
