/* Writing a finished figure to its target, atomically. */
#ifndef EVG_OUTPUT_INT_H
#define EVG_OUTPUT_INT_H

#include <evgraph/render.h>

#include "diag_int.h"

/* Writes `len` bytes to `path` ("-": standard output) through a temporary
 * file beside it, renamed into place when complete. On failure the target is
 * untouched, no temporary remains, the error is reported, and the result is
 * EVG_EIO. */
int evg__output_write(const char *path, const void *data, size_t len, evg__reporter *rep);

#endif
