/* evgraph/date.h - ISO 8601 / EDTF dates that keep their precision. */
#ifndef EVGRAPH_DATE_H
#define EVGRAPH_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum evg_precision {
    EVG_PRECISION_NONE = 0, /* no date (an absent end date) */
    EVG_PRECISION_YEAR,
    EVG_PRECISION_MONTH,
    EVG_PRECISION_DAY,
    EVG_PRECISION_MINUTE,
    EVG_PRECISION_SECOND
} evg_precision;

#define EVG_DATE_APPROXIMATE 0x1u /* EDTF '~' (or '%') */
#define EVG_DATE_UNCERTAIN 0x2u   /* EDTF '?' (or '%') */
#define EVG_DATE_HAS_ZONE 0x4u    /* a 'Z' or +-HH:MM was given */

/* A calendar date as written: fields below the precision are zero (month and
 * day are 1-based when present). A time without zone is taken as UTC. */
typedef struct evg_date {
    int16_t year;
    uint8_t month, day, hour, minute, second;
    uint8_t precision; /* evg_precision */
    uint8_t flags;     /* EVG_DATE_* */
    int16_t zone_minutes;
} evg_date;

/* Parses `len` bytes of `text`: YYYY, YYYY-MM, YYYY-MM-DD, or
 * YYYY-MM-DD(T| )HH:MM[:SS][Z|+HH:MM|-HH:MM], each optionally followed by
 * EDTF's '~' (approximate), '?' (uncertain) or '%' (both). Years 0001-9999.
 * Returns 0, or EVG_EINVAL with *out zeroed. */
EVG_API int evg_date_parse(evg_date *out, const char *text, size_t len);

/* First instant the date covers, in seconds since 1970-01-01T00:00:00Z. */
EVG_API int64_t evg_date_start(const evg_date *date);

/* First instant after the date: a month precision date ends at the start of
 * the next month. */
EVG_API int64_t evg_date_end(const evg_date *date);

/* Orders by start, then by coarser precision first; 0 when the same instant
 * and precision. */
EVG_API int evg_date_compare(const evg_date *a, const evg_date *b);

/* Writes the date back in canonical form with its precision and EDTF suffix
 * (never more precise than written). Returns the length it needs, like
 * snprintf; EVG_DATE_TEXT_MAX always suffices. */
#define EVG_DATE_TEXT_MAX 32
EVG_API size_t evg_date_format(char *buf, size_t size, const evg_date *date);

#ifdef __cplusplus
}
#endif
#endif
