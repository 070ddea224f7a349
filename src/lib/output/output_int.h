/* Writing a finished figure to its target, atomically. */
#ifndef EVG_OUTPUT_INT_H
#define EVG_OUTPUT_INT_H

#include <evgraph/render.h>

#include "diag_int.h"
#include "svg_web_int.h"

/* Writes `len` bytes to `path` ("-": standard output) through a temporary
 * file beside it, renamed into place when complete. On failure the target is
 * untouched, no temporary remains, the error is reported, and the result is
 * EVG_EIO. */
int evg__output_write(const char *path, const void *data, size_t len, evg__reporter *rep);

/* Writes the bytes a renderer made as the figure at `path` (as
 * evg__output_write); SVG named through `web` (non-NULL) is post-processed
 * first (evg__svg_finish). Returns 0, EVG_EIO or EVG_ENOMEM. */
int evg__output_figure(const char *path, evg__svg_web *web, const char *bytes, size_t len,
                       evg__reporter *rep);

/* The finished SVG of the bytes a renderer made with `web`: *out malloc'd.
 * Returns 0 or EVG_ENOMEM (reported). */
int evg__output_svg(char **out, size_t *out_len, evg__svg_web *web, const char *bytes,
                    size_t len, evg__reporter *rep);

#endif
