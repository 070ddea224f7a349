/* Reading one CSV file row by row, with byte offsets for every field. */
#ifndef EVG_CSV_INT_H
#define EVG_CSV_INT_H

#include "diag_int.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct evg__csv_field {
    const char *text; /* NUL-terminated; valid until the row callback returns */
    size_t len;
    uint64_t offset; /* byte offset of the field's first byte in the file */
} evg__csv_field;

typedef struct evg__csv_file evg__csv_file;

/* Called once per row, the header included. Returns 0 to go on, or a negative
 * EVG_E* code to stop reading with that result. */
typedef int (*evg__csv_row_fn)(evg__csv_file *file, const evg__csv_field *fields, size_t count,
                               void *payload);

/* Opens `path` ("-": standard input) for reading. Problems are reported
 * through `rep` under the file's name. Returns 0, EVG_EIO or EVG_ENOMEM. */
int evg__csv_open(evg__csv_file **out, const char *path, evg__reporter *rep);

/* Opens `len` bytes of `data` as a file called `name`. The data must stay
 * valid until the file is closed. Returns 0 or EVG_ENOMEM. */
int evg__csv_open_memory(evg__csv_file **out, const char *name, const void *data, size_t len,
                         evg__reporter *rep);

/* How the file separates fields: ',' with RFC 4180 quotes (the default), or
 * '\t' without quotes for GDELT and ICEWS, whose quotes are plain text (a
 * NUL byte then stops reading with an error). Set before evg__csv_read. */
void evg__csv_set_dialect(evg__csv_file *file, char delimiter, bool quoting);

/* Reads up to EVG__CSV_PEEK_BYTES ahead (fewer at the end of the file) and
 * points *out at them, for sniffing the format; evg__csv_read starts with
 * these bytes. The pointer is valid until evg__csv_read. Returns 0, EVG_EIO
 * (reported) or EVG_ENOMEM. */
#define EVG__CSV_PEEK_BYTES ((size_t)1 << 16)
int evg__csv_peek(evg__csv_file *file, const unsigned char **out, size_t *len);

/* Parses the whole file (RFC 4180, a leading UTF-8 BOM skipped, LF, CRLF or
 * CR line endings), calling `on_row` per row. A field that is not UTF-8 is
 * read as Windows-1252 and handed on converted to UTF-8, with one warning
 * per file; UTF-16 (by its BOM) is refused. Malformed CSV is reported and
 * gives EVG_EINVAL; a field over `max_field_bytes` or a row of more than
 * `max_fields` fields (0: no cap) EVG_ELIMIT. */
int evg__csv_read(evg__csv_file *file, size_t max_field_bytes, size_t max_fields,
                  evg__csv_row_fn on_row, void *payload);

/* Reports a diagnostic at a byte offset of the file, as line:column. The
 * offsets stay usable after reading, until the file is closed. */
void evg__csv_report(evg__csv_file *file, evg_severity severity, uint64_t offset,
                     const char *fmt, ...) EVG__PRINTF(4, 5);

/* The size of the file in bytes when it is a regular file, else 0. */
uint64_t evg__csv_size(const evg__csv_file *file);

/* The name diagnostics use for the file. */
const char *evg__csv_name(const evg__csv_file *file);

/* True the first time it is asked for the file: for warnings given once
 * per file (text XML cannot carry). */
bool evg__csv_first_time(evg__csv_file *file);

/* The 1-based line and column of `offset`. */
void evg__csv_locate(const evg__csv_file *file, uint64_t offset, unsigned long *line,
                     unsigned long *column);

/* The 1-based line holding `offset`. */
unsigned long evg__csv_line(const evg__csv_file *file, uint64_t offset);

void evg__csv_close(evg__csv_file *file);

#endif
