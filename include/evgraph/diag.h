/* evgraph/diag.h - status codes and the diagnostics sink.
 *
 * Fallible functions return 0 on success or a negative EVG_E* code. Details
 * (file, line, column, message) go to a caller-supplied evg_diag_fn; the
 * library never prints by itself.
 */
#ifndef EVGRAPH_DIAG_H
#define EVGRAPH_DIAG_H

#include <stddef.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define EVG_OK 0
#define EVG_EINVAL (-1)  /* the input data is invalid (diagnostics say why) */
#define EVG_ENOMEM (-2)  /* out of memory */
#define EVG_EIO (-3)     /* a file could not be read or written */
#define EVG_EUSAGE (-4)  /* an option or argument is invalid */
#define EVG_ERENDER (-5) /* Graphviz failed to lay out or render */
#define EVG_ELIMIT (-6)  /* a configured limit was exceeded */

/* A static English description of a status code; never NULL. */
EVG_API const char *evg_strerror(int code);

typedef enum evg_severity { EVG_SEVERITY_ERROR, EVG_SEVERITY_WARNING, EVG_SEVERITY_NOTE } evg_severity;

/* One diagnostic. `file` may be NULL (no file involved); `line` and `column`
 * are 1-based, 0 when unknown. `column` counts bytes. `message` is lower
 * case, without trailing newline or program name. All pointers are valid only
 * during the callback. */
typedef struct evg_diag {
    evg_severity severity;
    const char *file;
    unsigned long line;
    unsigned long column;
    const char *message;
} evg_diag;

typedef void (*evg_diag_fn)(const evg_diag *diag, void *payload);

/* "error", "warning" or "note". */
EVG_API const char *evg_severity_name(evg_severity severity);

#ifdef __cplusplus
}
#endif
#endif
