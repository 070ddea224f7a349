/* The one growable text buffer of the library, with its escapers. */
#ifndef EVG_BUF_INT_H
#define EVG_BUF_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag_int.h"

/* A growing byte buffer; a failed allocation is remembered. */
typedef struct evg__buf {
    char *data;
    size_t len, cap;
    bool failed;
} evg__buf;

void evg__buf_add(evg__buf *b, const char *s, size_t n);
void evg__buf_str(evg__buf *b, const char *s);
void evg__buf_printf(evg__buf *b, const char *fmt, ...) EVG__PRINTF(2, 3);
/* Text as XML/HTML character data or attribute value: & < > " ' escaped,
 * newlines and tabs as character references (kept in attributes), other
 * control characters dropped. */
void evg__buf_xml(evg__buf *b, const char *s);
/* The same for `len` bytes; `attribute` false: character data, where quotes,
 * tabs and newlines stay as they are. */
void evg__buf_xml_n(evg__buf *b, const char *s, size_t len, bool attribute);

#endif
