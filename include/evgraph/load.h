/* evgraph/load.h - loading datasets from CSV. */
#ifndef EVGRAPH_LOAD_H
#define EVGRAPH_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

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
} evg_load_opts;

#define EVG_LOAD_OPTS_INIT                                                                         \
    {NULL, NULL, 50, (size_t)1 << 20, 1024, (size_t)10000000, (size_t)4 << 30}

/* Loads `count` datasets into one model. Each path is a dataset folder
 * (events.csv, optional actors.csv and types.csv), a single events CSV file,
 * or "-" for an events CSV on standard input. All value errors are reported
 * through opts->diag (up to max_errors) before returning.
 *
 * On success *out owns a new model (free with evg_model_free). On failure
 * *out is NULL, nothing leaks, and the result is EVG_EINVAL (invalid data),
 * EVG_EIO (unreadable file), EVG_ENOMEM or EVG_ELIMIT. `opts` may be NULL for
 * the defaults. */
int evg_load(evg_model **out, const char *const *paths, size_t count, const evg_load_opts *opts);

/* Loads one events CSV held in memory (`len` bytes of `data`); `name` is
 * the file name diagnostics use. The built-in types apply; actors are
 * created from their ids. Results as evg_load. */
int evg_load_memory(evg_model **out, const char *name, const void *data, size_t len,
                    const evg_load_opts *opts);

#ifdef __cplusplus
}
#endif
#endif
