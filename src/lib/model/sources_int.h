/* The sources named in a figure's caption, one wording for both figures. */
#ifndef EVG_SOURCES_INT_H
#define EVG_SOURCES_INT_H

#include <evgraph/diag.h>
#include <evgraph/model.h>

#include "buf_int.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most this many sources are named, in at most this many bytes of names
 * (one name is always named); a longer name is cut to SOURCES_NAME_MAX. */
#define EVG__SOURCES_SHOWN 8
#define EVG__SOURCES_BYTES 200
#define EVG__SOURCES_NAME_MAX 60

/* Appends "Source: A." or "Sources: A, B, C and 37 more." to `out` for the
 * `count` events listed (model indices): their source fields split at ';',
 * trimmed, de-duplicated without regard to ASCII case (the first spelling in
 * byte order is shown). When they do not all fit the bounds above, the most
 * cited (events, weighted by their count) are named; the names shown are in
 * alphabetical order. Appends nothing when no event names a source. Returns
 * 0 or EVG_ENOMEM. */
int evg__sources_caption(evg__buf *out, const evg_model *model, const uint32_t *events,
                         size_t count);

#endif
