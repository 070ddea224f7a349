/* The only file that includes <csv.h>.
 *
 * libcsv knows nothing of lines or columns: it calls back when a delimiter,
 * CR/LF or csv_fini ends a field, and says nowhere where. So the input is fed
 * to csv_parse a line at a time: a row always ends at the end of the line
 * just fed, and when it does, its fields are placed in its raw bytes
 * (place_fields) to give each one its byte offset. Line starts are collected
 * on the way into a table that is only searched when a line number is needed.
 */
#define _POSIX_C_SOURCE 200809L

#include "csv_int.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Diagnostics reported while a row is handled are held back and given in
 * file order, whatever order the row's checks ran in. */
typedef struct held_diag {
    evg_severity severity;
    uint64_t offset;
    char message[400];
} held_diag;

enum { MAX_HELD = 16 };

struct evg__csv_file {
    char *name;
    bool in_row;
    unsigned char delimiter; /* ',' or '\t' */
    bool quoting;            /* RFC 4180 quotes; off for GDELT and ICEWS */
    bool converted;          /* a field was read as Windows-1252 */
    unsigned char *peeked;   /* bytes read ahead by evg__csv_peek */
    size_t peeked_len;
    size_t held_count;
    held_diag held[MAX_HELD];
    FILE *stream;
    evg__reporter *rep;
    uint64_t *line_starts; /* sorted; line_starts[0] is 0 (or 3 after a BOM) */
    size_t line_count, line_cap;
};

typedef struct pending_field {
    size_t at; /* position of the text in row_text */
    size_t len;
    uint64_t offset;
} pending_field;

/* libcsv's state between rows (ROW_NOT_BEGUN in libcsv.c). csv.h declares
 * the parser struct but not its state names. */
enum { LIBCSV_ROW_NOT_BEGUN = 0 };

typedef struct reader {
    evg__csv_file *file;
    evg__csv_row_fn on_row;
    void *payload;
    size_t max_field_bytes;
    size_t max_fields;
    unsigned char quote; /* '"', or NUL when quoting is off */
    pending_field *fields;
    size_t field_count, field_cap;
    evg__csv_field *row; /* handed to on_row */
    size_t row_cap;
    char *row_text;
    size_t text_len, text_cap;
    /* The raw bytes of the row being read run from row_start to piece_end:
     * in the chunk when the row began in it, else in carry (the part read
     * with earlier chunks) followed by the chunk's first bytes. */
    bool row_open;
    uint64_t row_start;
    uint64_t piece_end; /* offset just past the piece being parsed */
    const unsigned char *chunk;
    uint64_t chunk_base; /* file offset of chunk[0] */
    unsigned char *carry;
    size_t carry_len, carry_cap;
    int status; /* first failure of a callback */
} reader;

static int grow(void **items, size_t *cap, size_t need, size_t item_size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*items, n * item_size);
    if (p == NULL)
        return EVG_ENOMEM;
    *items = p;
    *cap = n;
    return 0;
}

static void release_held(evg__csv_file *file);

/* The raw bytes of the current row so far, in one piece: NULL when memory
 * ran out. */
static const unsigned char *row_bytes(reader *r, size_t *len)
{
    *len = (size_t)(r->piece_end - r->row_start);
    if (r->row_start >= r->chunk_base)
        return r->chunk + (r->row_start - r->chunk_base);
    /* carry holds [row_start, chunk_base); the chunk's part goes after it,
     * without counting it as carried. */
    size_t in_chunk = (size_t)(r->piece_end - r->chunk_base);
    if (grow((void **)&r->carry, &r->carry_cap, r->carry_len + in_chunk, 1))
        return NULL;
    memcpy(r->carry + r->carry_len, r->chunk, in_chunk);
    return r->carry;
}

static bool is_row_end(unsigned char c)
{
    return c == '\r' || c == '\n';
}

/* Where field `index` starts in raw row bytes that libcsv parsed: just after
 * the delimiter that ends field index-1, outside quotes (a field is quoted
 * when its first byte other than blanks is the quote). Used when a row's
 * fields cannot be placed from their lengths alone, and for errors. */
static size_t scan_field_start(const reader *r, const unsigned char *raw, size_t len,
                               size_t from, size_t from_index, size_t index)
{
    unsigned char delim = r->file->delimiter;
    size_t p = from;
    for (size_t i = from_index; i < index && p < len; i++) {
        size_t q = p;
        while (q < len && (raw[q] == ' ' || raw[q] == '\t') && raw[q] != delim)
            q++;
        if (r->quote && q < len && raw[q] == r->quote) {
            for (q++; q < len; q++) {
                if (raw[q] != r->quote)
                    continue;
                if (q + 1 < len && raw[q + 1] == r->quote)
                    q++;
                else
                    break;
            }
            if (q < len)
                q++;
        }
        while (q < len && raw[q] != delim && !is_row_end(raw[q]))
            q++;
        p = q + 1;
    }
    return p < len ? p : len;
}

/* The file offset where field `index` of the current row starts. */
static uint64_t field_offset(reader *r, size_t index)
{
    size_t len;
    const unsigned char *raw = row_bytes(r, &len);
    if (raw == NULL)
        return r->row_start;
    return r->row_start + scan_field_start(r, raw, len, 0, 0, index);
}

/* Gives every field of a finished row its offset. Nearly every field is
 * placed from its length: unquoted, it is its text followed by a delimiter
 * or the row's end; quoted, the text (holding no quote) in quotes. The
 * first field that does not fit (blanks around it, doubled quotes) and the
 * ones after it are found by scanning. */
static int place_fields(reader *r)
{
    size_t len;
    const unsigned char *raw = row_bytes(r, &len);
    if (raw == NULL)
        return EVG_ENOMEM;
    unsigned char delim = r->file->delimiter;
    size_t p = 0;
    size_t i = 0;
    for (; i < r->field_count; i++) {
        pending_field *f = &r->fields[i];
        size_t end;
        if (r->quote && p < len && raw[p] == r->quote) {
            end = p + f->len + 2;
            if (end > len || raw[end - 1] != r->quote ||
                memchr(r->row_text + f->at, r->quote, f->len) != NULL)
                break;
        } else {
            end = p + f->len;
            if (end > len || (p < len && (raw[p] == ' ' || raw[p] == '\t') && raw[p] != delim))
                break;
        }
        if (end < len && raw[end] != delim && !is_row_end(raw[end]))
            break;
        f->offset = r->row_start + p;
        p = end + 1;
    }
    for (; i < r->field_count; i++) {
        r->fields[i].offset = r->row_start + p;
        p = scan_field_start(r, raw, len, p, i, i + 1);
    }
    return 0;
}

static void on_field(void *text, size_t len, void *data)
{
    reader *r = data;
    if (r->status)
        return;
    if (r->max_field_bytes && len > r->max_field_bytes) {
        evg__csv_report(r->file, EVG_SEVERITY_ERROR, field_offset(r, r->field_count),
                        "field longer than %zu bytes", r->max_field_bytes);
        r->status = EVG_ELIMIT;
        return;
    }
    if (r->max_fields && r->field_count == r->max_fields) {
        evg__csv_report(r->file, EVG_SEVERITY_ERROR, field_offset(r, r->field_count),
                        "row has more than %zu fields", r->max_fields);
        r->status = EVG_ELIMIT;
        return;
    }
    if (grow((void **)&r->fields, &r->field_cap, r->field_count + 1, sizeof *r->fields) ||
        grow((void **)&r->row_text, &r->text_cap, r->text_len + len + 1, 1)) {
        r->status = EVG_ENOMEM;
        return;
    }
    if (len)
        memcpy(r->row_text + r->text_len, text, len);
    r->row_text[r->text_len + len] = '\0';
    r->fields[r->field_count++] = (pending_field){r->text_len, len, 0};
    r->text_len += len + 1;
}

/* Offset of the first byte of `s` that does not begin a valid UTF-8
 * sequence (overlong forms and surrogates are invalid), or `len`. NUL is
 * valid here: the loader reports it on its own. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    for (size_t k = 0; k < len;) {
        /* Nearly all of it is ASCII: skip it 32, then 8 bytes at a time. */
        uint64_t w[4];
        while (len - k >= 32 && (memcpy(w, s + k, 32),
                                 ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080u) == 0))
            k += 32;
        while (len - k >= 8 && (memcpy(w, s + k, 8), (w[0] & 0x8080808080808080u) == 0))
            k += 8;
        if (k == len)
            break;
        unsigned char c = s[k];
        if (c < 0x80) {
            k++;
            continue;
        }
        size_t need = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2
                                             : c >= 0xF0 && c <= 0xF4   ? 3
                                                                        : 0;
        bool good = need > 0;
        for (size_t j = 1; good && j <= need; j++)
            good = k + j < len && (s[k + j] & 0xC0) == 0x80;
        if (good && need == 2)
            good = !(c == 0xE0 && s[k + 1] < 0xA0) && !(c == 0xED && s[k + 1] >= 0xA0);
        if (good && need == 3)
            good = !(c == 0xF0 && s[k + 1] < 0x90) && !(c == 0xF4 && s[k + 1] >= 0x90);
        if (!good)
            return k;
        k += need + 1;
    }
    return len;
}

/* Windows-1252's 0x80-0x9F; the five bytes it leaves undefined keep their
 * C1 code points (as the WHATWG decoder does), so nothing is lost. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* Re-reads a field that is not UTF-8 as Windows-1252 (of which Latin-1's
 * printable range is a subset), appending the UTF-8 text to row_text. */
static int convert_cp1252(reader *r, pending_field *f)
{
    if (grow((void **)&r->row_text, &r->text_cap, r->text_len + f->len * 3 + 1, 1))
        return EVG_ENOMEM;
    const unsigned char *in = (const unsigned char *)r->row_text + f->at;
    unsigned char *out = (unsigned char *)r->row_text + r->text_len;
    size_t n = 0;
    for (size_t i = 0; i < f->len; i++) {
        unsigned c = in[i];
        if (c >= 0x80 && c < 0xA0)
            c = cp1252_high[c - 0x80];
        if (c < 0x80) {
            out[n++] = (unsigned char)c;
        } else if (c < 0x800) {
            out[n++] = (unsigned char)(0xC0 | c >> 6);
            out[n++] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            out[n++] = (unsigned char)(0xE0 | c >> 12);
            out[n++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            out[n++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    out[n] = '\0';
    f->at = r->text_len;
    f->len = n;
    r->text_len += n + 1;
    return 0;
}

/* Text that is not UTF-8 is taken for Windows-1252, field by field: real
 * exports come in both, and a file pasted together from several may hold
 * both. One warning per file names the first such field. */
static int convert_encoding(reader *r)
{
    /* The row's text, fields and their NUL ends, is checked whole first: a
     * sequence cut short by a field's end is caught there too. */
    if (utf8_invalid_at((const unsigned char *)r->row_text, r->text_len) == r->text_len)
        return 0;
    for (size_t i = 0; i < r->field_count; i++) {
        pending_field *f = &r->fields[i];
        const unsigned char *text = (const unsigned char *)r->row_text + f->at;
        size_t bad = utf8_invalid_at(text, f->len);
        if (bad == f->len)
            continue;
        if (!r->file->converted) {
            r->file->converted = true;
            evg__csv_report(r->file, EVG_SEVERITY_WARNING, f->offset,
                            "field %zu is not UTF-8 (byte 0x%02X): the file is read as "
                            "Windows-1252 and converted to UTF-8 (further such fields are "
                            "converted silently)",
                            i + 1, text[bad]);
        }
        if (convert_cp1252(r, f))
            return EVG_ENOMEM;
    }
    return 0;
}

static void on_row_end(int terminator, void *data)
{
    (void)terminator;
    reader *r = data;
    r->row_open = false;
    if (r->status)
        return;
    r->file->in_row = true;
    if (place_fields(r) || convert_encoding(r) ||
        grow((void **)&r->row, &r->row_cap, r->field_count, sizeof *r->row)) {
        release_held(r->file);
        r->status = EVG_ENOMEM;
        return;
    }
    r->carry_len = 0;
    for (size_t i = 0; i < r->field_count; i++) {
        pending_field *f = &r->fields[i];
        r->row[i] = (evg__csv_field){r->row_text + f->at, f->len, f->offset};
    }
    int rc = r->on_row(r->file, r->row, r->field_count, r->payload);
    release_held(r->file);
    if (rc)
        r->status = rc;
    r->field_count = 0;
    r->text_len = 0;
}

static int add_line_start(evg__csv_file *f, uint64_t offset)
{
    if (grow((void **)&f->line_starts, &f->line_cap, f->line_count + 1, sizeof *f->line_starts))
        return EVG_ENOMEM;
    f->line_starts[f->line_count++] = offset;
    return 0;
}

static evg__csv_file *new_file(const char *name, evg__reporter *rep)
{
    evg__csv_file *f = calloc(1, sizeof *f);
    if (f == NULL || (f->name = malloc(strlen(name) + 1)) == NULL) {
        free(f);
        return NULL;
    }
    strcpy(f->name, name);
    f->rep = rep;
    f->delimiter = ',';
    f->quoting = true;
    return f;
}

int evg__csv_open_memory(evg__csv_file **out, const char *name, const void *data, size_t len,
                         evg__reporter *rep)
{
    *out = NULL;
    evg__csv_file *f = new_file(name, rep);
    if (f == NULL)
        return EVG_ENOMEM;
    /* fmemopen refuses a zero-length buffer: an empty file reads from "". */
    f->stream = len ? fmemopen((void *)data, len, "rb") : fmemopen("", 1, "r");
    if (f->stream == NULL) {
        evg__csv_close(f);
        return EVG_ENOMEM;
    }
    if (len == 0)
        fgetc(f->stream); /* skip the terminating NUL: nothing is left to read */
    *out = f;
    return 0;
}

int evg__csv_open(evg__csv_file **out, const char *path, evg__reporter *rep)
{
    *out = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    evg__csv_file *f = new_file(is_stdin ? "<stdin>" : path, rep);
    if (f == NULL)
        return EVG_ENOMEM;
    f->stream = is_stdin ? stdin : fopen(path, "rb");
    if (f->stream == NULL) {
        evg__report(rep, EVG_SEVERITY_ERROR, f->name, 0, 0, "cannot open: %s", strerror(errno));
        evg__csv_close(f);
        return EVG_EIO;
    }
    *out = f;
    return 0;
}

const char *evg__csv_name(const evg__csv_file *file)
{
    return file->name;
}

void evg__csv_close(evg__csv_file *file)
{
    if (file == NULL)
        return;
    if (file->stream && file->stream != stdin)
        fclose(file->stream);
    free(file->line_starts);
    free(file->peeked);
    free(file->name);
    free(file);
}

unsigned long evg__csv_line(const evg__csv_file *file, uint64_t offset)
{
    size_t lo = 0, hi = file->line_count;
    /* While reading, the row asked about nearly always starts on one of the
     * last few lines (the last one is the line after the row). */
    for (size_t k = hi; k > 0 && k + 4 > hi; k--)
        if (offset >= file->line_starts[k - 1])
            return (unsigned long)k;
    /* The last line start <= offset. */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (file->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return (unsigned long)lo + 1;
}

static void report_now(evg__csv_file *file, evg_severity severity, uint64_t offset,
                       const char *fmt, va_list ap)
{
    unsigned long line = evg__csv_line(file, offset);
    uint64_t start = file->line_count ? file->line_starts[line - 1] : 0;
    unsigned long column = offset >= start ? (unsigned long)(offset - start) + 1 : 1;
    evg__vreport(file->rep, severity, file->name, line, column, fmt, ap);
}

static void report_held(evg__csv_file *file, const held_diag *d, ...)
{
    va_list ap;
    va_start(ap, d);
    report_now(file, d->severity, d->offset, "%s", ap);
    va_end(ap);
}

static void release_held(evg__csv_file *file)
{
    /* Insertion sort: a row holds a handful at most; stable, so two
     * diagnostics at one offset keep their order. */
    for (size_t i = 1; i < file->held_count; i++) {
        held_diag d = file->held[i];
        size_t k = i;
        for (; k > 0 && file->held[k - 1].offset > d.offset; k--)
            file->held[k] = file->held[k - 1];
        file->held[k] = d;
    }
    for (size_t i = 0; i < file->held_count; i++)
        report_held(file, &file->held[i], file->held[i].message);
    file->held_count = 0;
    file->in_row = false;
}

void evg__csv_report(evg__csv_file *file, evg_severity severity, uint64_t offset,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (file->in_row && file->held_count < MAX_HELD) {
        held_diag *d = &file->held[file->held_count++];
        d->severity = severity;
        d->offset = offset;
        vsnprintf(d->message, sizeof d->message, fmt, ap);
    } else {
        report_now(file, severity, offset, fmt, ap);
    }
    va_end(ap);
}

static int parse_error(reader *r, unsigned char c, uint64_t offset)
{
    evg__csv_file *file = r->file;
    if (c == '"') {
        evg__csv_report(file, EVG_SEVERITY_ERROR, offset,
                        "malformed CSV: stray quote in an unquoted field (quote the whole field "
                        "and double the quotes inside it)");
    } else {
        uint64_t field_start = field_offset(r, r->field_count);
        evg__csv_report(file, EVG_SEVERITY_ERROR, offset,
                        "malformed CSV: unexpected character after the closing quote of the field "
                        "starting at column %lu",
                        (unsigned long)(field_start -
                                        file->line_starts[evg__csv_line(file, field_start) - 1]) +
                            1);
    }
    return EVG_EINVAL;
}

void evg__csv_set_dialect(evg__csv_file *file, char delimiter, bool quoting)
{
    file->delimiter = (unsigned char)delimiter;
    file->quoting = quoting;
}

int evg__csv_peek(evg__csv_file *file, const unsigned char **out, size_t *len)
{
    if (file->peeked == NULL) {
        if ((file->peeked = malloc(EVG__CSV_PEEK_BYTES)) == NULL)
            return EVG_ENOMEM;
        /* fread may come back short on a pipe before the end. */
        size_t n;
        while (file->peeked_len < EVG__CSV_PEEK_BYTES &&
               (n = fread(file->peeked + file->peeked_len, 1,
                          EVG__CSV_PEEK_BYTES - file->peeked_len, file->stream)) > 0)
            file->peeked_len += n;
        if (ferror(file->stream)) {
            evg__report(file->rep, EVG_SEVERITY_ERROR, file->name, 0, 0, "cannot read: %s",
                        strerror(errno));
            return EVG_EIO;
        }
    }
    *out = file->peeked;
    *len = file->peeked_len;
    return 0;
}

/* Where the piece starting at chunk[pos] ends: just past the first line end
 * (LF, CR, or CRLF together), or at the end of the chunk. */
static size_t piece_end_at(const unsigned char *chunk, size_t pos, size_t n)
{
    const unsigned char *lf = memchr(chunk + pos, '\n', n - pos);
    size_t stop = lf ? (size_t)(lf - chunk) : n;
    const unsigned char *cr = memchr(chunk + pos, '\r', stop - pos);
    if (cr == NULL)
        return lf ? stop + 1 : n;
    size_t at = (size_t)(cr - chunk);
    return lf && at + 1 == stop ? stop + 1 : at + 1;
}

/* Adds the start of every line that ends in chunk[pos, end) (one at most:
 * pieces end on a line end). */
static int note_line_end(evg__csv_file *file, const unsigned char *chunk, size_t pos, size_t end,
                         uint64_t base, unsigned char *prev)
{
    if (end == pos)
        return 0;
    unsigned char last = chunk[end - 1];
    int rc = 0;
    if (last == '\n' || last == '\r') {
        uint64_t next = base + end;
        if (last == '\n' && end - pos == 1 && *prev == '\r' &&
            file->line_starts[file->line_count - 1] == next - 1)
            file->line_starts[file->line_count - 1] = next; /* CRLF split between chunks */
        else
            rc = add_line_start(file, next);
    }
    *prev = last;
    return rc;
}

int evg__csv_read(evg__csv_file *file, size_t max_field_bytes, size_t max_fields,
                  evg__csv_row_fn on_row, void *payload)
{
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return EVG_ENOMEM;
    csv_set_delim(&parser, file->delimiter);
    if (!file->quoting) {
        /* GDELT and ICEWS write quotes as plain text ('He said "no"',
         * unmatched quotes in URLs), so quoting must be off. libcsv cannot
         * turn it off; its quote byte becomes NUL instead, and a NUL byte
         * stops reading with an error before libcsv ever sees it. NUL is
         * never text, and any other byte could be: 0xFF, say, is 'y' with
         * diaeresis in Windows-1252. */
        csv_set_quote(&parser, '\0');
    }
    reader r = {.file = file,
                .on_row = on_row,
                .payload = payload,
                .max_field_bytes = max_field_bytes,
                .max_fields = max_fields,
                .quote = file->quoting ? '"' : '\0'};
    /* libcsv is fed a line at a time (a piece), so a row always ends at the
     * end of a piece; where its fields start is worked out from the row's
     * raw bytes when it ends (place_fields). */
    enum { CHUNK = 1 << 18 };
    unsigned char *chunk = malloc(CHUNK);
    int rc = chunk ? add_line_start(file, 0) : EVG_ENOMEM;
    r.chunk = chunk;
    uint64_t base = 0; /* file offset of chunk[0] */
    unsigned char prev = 0;
    bool first = true;

    while (rc == 0) {
        size_t n;
        if (file->peeked) {
            n = file->peeked_len;
            memcpy(chunk, file->peeked, n);
            free(file->peeked);
            file->peeked = NULL;
            file->peeked_len = 0;
        } else {
            n = fread(chunk, 1, CHUNK, file->stream);
        }
        if (n == 0) {
            if (ferror(file->stream)) {
                evg__report(file->rep, EVG_SEVERITY_ERROR, file->name, 0, 0, "cannot read: %s",
                            strerror(errno));
                rc = EVG_EIO;
            }
            break;
        }
        r.chunk_base = base;
        size_t pos = 0;
        if (first) {
            first = false;
            if (n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF) {
                pos = 3;
                file->line_starts[0] = 3;
            } else if (n >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) ||
                                  (chunk[0] == 0xFE && chunk[1] == 0xFF))) {
                evg__report(file->rep, EVG_SEVERITY_ERROR, file->name, 0, 0,
                            "the file is UTF-16 text, which is not read: save or convert it "
                            "as UTF-8");
                rc = EVG_EINVAL;
                break;
            }
        }
        while (pos < n && rc == 0) {
            size_t end = piece_end_at(chunk, pos, n);
            if (!file->quoting) {
                const unsigned char *nul = memchr(chunk + pos, '\0', end - pos);
                if (nul) {
                    evg__csv_report(file, EVG_SEVERITY_ERROR, base + (uint64_t)(nul - chunk),
                                    "NUL byte: a tab-separated export must be text (UTF-16 is "
                                    "not read: convert it to UTF-8)");
                    rc = EVG_EINVAL;
                    break;
                }
            }
            if ((rc = note_line_end(file, chunk, pos, end, base, &prev)) != 0)
                break;
            if (!r.row_open) {
                r.row_open = true;
                r.row_start = base + pos;
            }
            r.piece_end = base + end;
            size_t parsed = csv_parse(&parser, chunk + pos, end - pos, on_field, on_row_end, &r);
            if (r.status) {
                rc = r.status;
            } else if (parsed < end - pos) {
                rc = csv_error(&parser) == CSV_EPARSE
                         ? parse_error(&r, chunk[pos + parsed], base + pos + parsed)
                         : EVG_ENOMEM;
            } else if (max_field_bytes && parser.entry_pos > max_field_bytes) {
                evg__csv_report(file, EVG_SEVERITY_ERROR, field_offset(&r, r.field_count),
                                "field longer than %zu bytes", max_field_bytes);
                rc = EVG_ELIMIT;
            } else if (parser.pstate == LIBCSV_ROW_NOT_BEGUN) {
                r.row_open = false; /* a row ended, or the line was blank */
            }
            pos = end;
        }
        if (rc == 0 && r.row_open) {
            /* Keep the row's bytes read so far: the chunk is about to be
             * overwritten. */
            uint64_t from = r.row_start > base ? r.row_start : base;
            size_t keep = (size_t)(base + n - from);
            if (grow((void **)&r.carry, &r.carry_cap, r.carry_len + keep, 1)) {
                rc = EVG_ENOMEM;
                break;
            }
            memcpy(r.carry + r.carry_len, chunk + (from - base), keep);
            r.carry_len += keep;
        }
        base += n;
        r.chunk_base = base;
    }
    if (rc == 0) {
        r.piece_end = base;
        if (csv_fini(&parser, on_field, on_row_end, &r) != 0) {
            evg__csv_report(file, EVG_SEVERITY_ERROR, field_offset(&r, r.field_count),
                            "malformed CSV: quoted field is never closed");
            rc = EVG_EINVAL;
        } else if (r.status) {
            rc = r.status;
        }
    }
    csv_free(&parser);
    free(chunk);
    free(r.fields);
    free(r.row);
    free(r.row_text);
    free(r.carry);
    return rc;
}
