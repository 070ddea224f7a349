/* The only file that includes <csv.h>.
 *
 * libcsv knows nothing of lines or columns: it calls back when a delimiter,
 * CR/LF or csv_fini ends a field, and says nowhere where. So the input is fed
 * to csv_parse a line at a time: a row always ends at the end of the line
 * just fed, and when it does, its fields are placed in its raw bytes
 * (place_fields) to give each one its byte offset. Line starts are collected
 * on the way into a table that is only searched when a line number is needed.
 *
 * Reading and handling rows overlap on two threads when the file is larger
 * than the first read: a reader thread parses rows into batches, and the
 * caller's thread hands them to the row callback in file order. All
 * diagnostics are given on the caller's thread, in file order; the reader
 * passes its own on (a malformed row, a limit, an encoding warning) with the
 * rows. Small files are read on the caller's thread alone, the same way.
 */
#define _POSIX_C_SOURCE 200809L

#include "csv_file_int.h"

#include <csv.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct pending_field {
    size_t at; /* position of the text in the batch's text */
    size_t len;
    uint64_t offset;
} pending_field;

/* A row of a batch: its fields, where it starts, and the warning the reader
 * gave about it, if any (a field read as Windows-1252). */
typedef struct batch_row {
    size_t first_field, field_count;
    uint64_t start;
    unsigned long line;
    size_t lines;      /* line starts known when the row ended */
    size_t note_field; /* 1-based; 0: no warning */
    unsigned char note_byte;
    uint64_t note_offset;
} batch_row;

/* Rows parsed, waiting for the row callback. */
typedef struct batch {
    char *text;
    size_t text_len, text_cap;
    pending_field *fields;
    size_t field_count, field_cap;
    batch_row *rows;
    size_t row_count, row_cap;
} batch;

/* Files from this size on are parsed on a second thread. */
#define THREAD_BYTES ((uint64_t)1 << 20)

/* A batch is handed over once it holds this many rows or text bytes: small
 * enough that the three stay in cache and cost few page faults, large
 * enough that handing them over costs nothing measurable. */
enum { BATCH_ROWS = 1024, BATCH_TEXT = 1 << 18, BATCHES = 3 };

/* An error that ends reading, given after the rows before it. */
typedef struct end_diag {
    bool positioned; /* else it names the file only */
    uint64_t offset;
    char message[400];
} end_diag;

/* libcsv's state between rows (ROW_NOT_BEGUN in libcsv.c). csv.h declares
 * the parser struct but not its state names. */
enum { LIBCSV_ROW_NOT_BEGUN = 0 };

/* The most bytes handed to csv_parse at once. */
enum { PARSE_STEP = 1 << 16 };

typedef struct reader {
    evg__csv_file *file;
    evg__csv_row_fn on_row;
    void *payload;
    size_t max_field_bytes;
    size_t max_fields;
    unsigned char quote; /* '"', or NUL when quoting is off */
    /* The batches, filled by the reader in turn and handled in the same
     * order; `produced` and `consumed` count them. */
    batch batches[BATCHES];
    size_t produced, consumed;
    bool done;       /* the reader has handed over its last batch */
    bool stop;       /* the row callback failed: the reader stops */
    int read_status; /* how reading ended */
    end_diag end;
    bool has_end;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    /* The batch being filled and, in it, the row being read. */
    batch *b;
    size_t row_field0, row_text0;
    size_t note_field;
    unsigned char note_byte;
    uint64_t note_offset;
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
    /* The caller's side: the fields handed to on_row. */
    evg__csv_field *row;
    size_t row_cap;
    int consume_status;
} reader;

/* Ends reading with an error, given once the rows before it are handled. */
static void reader_fail(reader *r, int status, bool positioned, uint64_t offset, const char *fmt,
                        ...) EVG__PRINTF(5, 6);
static void reader_fail(reader *r, int status, bool positioned, uint64_t offset, const char *fmt,
                        ...)
{
    if (!r->has_end) {
        r->has_end = true;
        r->end.positioned = positioned;
        r->end.offset = offset;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(r->end.message, sizeof r->end.message, fmt, ap);
        va_end(ap);
    }
    if (r->status == 0)
        r->status = status;
}

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
    if (evg__csv_grow((void **)&r->carry, &r->carry_cap, r->carry_len + in_chunk, 1))
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
static size_t scan_field_start(const reader *r, const unsigned char *raw, size_t len, size_t from,
                               size_t from_index, size_t index)
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
    pending_field *fields = r->b->fields + r->row_field0;
    size_t count = r->b->field_count - r->row_field0;
    size_t p = 0;
    size_t i = 0;
    for (; i < count; i++) {
        pending_field *f = &fields[i];
        size_t end;
        if (r->quote && p < len && raw[p] == r->quote) {
            end = p + f->len + 2;
            if (end > len || raw[end - 1] != r->quote ||
                memchr(r->b->text + f->at, r->quote, f->len) != NULL)
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
    for (; i < count; i++) {
        fields[i].offset = r->row_start + p;
        p = scan_field_start(r, raw, len, p, i, i + 1);
    }
    return 0;
}

static void on_field(void *text, size_t len, void *data)
{
    reader *r = data;
    if (r->status)
        return;
    batch *b = r->b;
    size_t index = b->field_count - r->row_field0;
    if (r->max_field_bytes && len > r->max_field_bytes) {
        reader_fail(r, EVG_ELIMIT, true, field_offset(r, index), "field longer than %zu bytes",
                    r->max_field_bytes);
        return;
    }
    if (r->max_fields && index == r->max_fields) {
        reader_fail(r, EVG_ELIMIT, true, field_offset(r, index), "row has more than %zu fields",
                    r->max_fields);
        return;
    }
    if (evg__csv_grow((void **)&b->fields, &b->field_cap, b->field_count + 1, sizeof *b->fields) ||
        evg__csv_grow((void **)&b->text, &b->text_cap, b->text_len + len + 1, 1)) {
        r->status = EVG_ENOMEM;
        return;
    }
    if (len)
        memcpy(b->text + b->text_len, text, len);
    b->text[b->text_len + len] = '\0';
    b->fields[b->field_count++] = (pending_field){b->text_len, len, 0};
    b->text_len += len + 1;
}

/* Offset of the first byte of `s` that does not begin a valid UTF-8
 * sequence (overlong forms and surrogates are invalid), or `len`. NUL is
 * valid here: the loader reports it on its own. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    for (size_t k = 0; k < len;) {
        /* Nearly all of it is ASCII: skip it 32, then 8 bytes at a time. */
        uint64_t w[4];
        while (len - k >= 32 &&
               (memcpy(w, s + k, 32), ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080u) == 0))
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
        size_t need = c >= 0xC2 && c <= 0xDF   ? 1
                      : c >= 0xE0 && c <= 0xEF ? 2
                      : c >= 0xF0 && c <= 0xF4 ? 3
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
 * printable range is a subset), appending the UTF-8 text to the batch's. */
static int convert_cp1252(batch *b, pending_field *f)
{
    if (evg__csv_grow((void **)&b->text, &b->text_cap, b->text_len + f->len * 3 + 1, 1))
        return EVG_ENOMEM;
    const unsigned char *in = (const unsigned char *)b->text + f->at;
    unsigned char *out = (unsigned char *)b->text + b->text_len;
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
    f->at = b->text_len;
    f->len = n;
    b->text_len += n + 1;
    return 0;
}

/* Text that is not UTF-8 is taken for Windows-1252, field by field: real
 * exports come in both, and a file pasted together from several may hold
 * both. One warning per file names the first such field. */
static int convert_encoding(reader *r)
{
    batch *b = r->b;
    /* The row's text, fields and their NUL ends, is checked whole first: a
     * sequence cut short by a field's end is caught there too. */
    size_t text_len = b->text_len - r->row_text0;
    if (utf8_invalid_at((const unsigned char *)b->text + r->row_text0, text_len) == text_len)
        return 0;
    size_t count = b->field_count - r->row_field0;
    for (size_t i = 0; i < count; i++) {
        pending_field *f = &b->fields[r->row_field0 + i];
        const unsigned char *text = (const unsigned char *)b->text + f->at;
        size_t bad = utf8_invalid_at(text, f->len);
        if (bad == f->len)
            continue;
        if (!r->file->converted) {
            r->file->converted = true;
            r->note_field = i + 1;
            r->note_byte = text[bad];
            r->note_offset = f->offset;
        }
        if (convert_cp1252(b, f))
            return EVG_ENOMEM;
    }
    return 0;
}

static void publish(reader *r);

static void on_row_end(int terminator, void *data)
{
    (void)terminator;
    reader *r = data;
    r->row_open = false;
    if (r->status)
        return;
    batch *b = r->b;
    r->note_field = 0;
    if (place_fields(r) || convert_encoding(r) ||
        evg__csv_grow((void **)&b->rows, &b->row_cap, b->row_count + 1, sizeof *b->rows)) {
        r->status = EVG_ENOMEM;
        return;
    }
    r->carry_len = 0;
    evg__csv_file *file = r->file;
    /* The row's first line: among the last few, nearly always. */
    size_t k = file->line_count;
    while (k > 1 && file->line_starts[k - 1] > r->row_start)
        k--;
    b->rows[b->row_count++] = (batch_row){
        .first_field = r->row_field0,
        .field_count = b->field_count - r->row_field0,
        .start = r->row_start,
        .line = (unsigned long)k,
        .lines = file->line_count,
        .note_field = r->note_field,
        .note_byte = r->note_byte,
        .note_offset = r->note_offset,
    };
    if (b->row_count >= BATCH_ROWS || b->text_len >= BATCH_TEXT)
        publish(r);
    r->row_field0 = r->b->field_count;
    r->row_text0 = r->b->text_len;
}

static int parse_error(reader *r, unsigned char c, uint64_t offset)
{
    if (c == '"') {
        reader_fail(r, EVG_EINVAL, true, offset,
                    "malformed CSV: stray quote in an unquoted field (quote the whole field and "
                    "double the quotes inside it)");
    } else {
        evg__csv_file *file = r->file;
        uint64_t field_start = field_offset(r, r->b->field_count - r->row_field0);
        size_t line = evg__csv_line_among(file->line_starts, file->line_count, field_start);
        reader_fail(r, EVG_EINVAL, true, offset,
                    "malformed CSV: unexpected character after the closing quote of the field "
                    "starting at column %lu",
                    (unsigned long)(field_start - file->line_starts[line - 1]) + 1);
    }
    return EVG_EINVAL;
}

static void consume_batch(reader *r, const batch *b)
{
    evg__csv_file *file = r->file;
    for (size_t k = 0; k < b->row_count && r->consume_status == 0; k++) {
        const batch_row *row = &b->rows[k];
        if (evg__csv_grow((void **)&r->row, &r->row_cap, row->field_count, sizeof *r->row)) {
            r->consume_status = EVG_ENOMEM;
            break;
        }
        for (size_t i = 0; i < row->field_count; i++) {
            const pending_field *f = &b->fields[row->first_field + i];
            r->row[i] = (evg__csv_field){b->text + f->at, f->len, f->offset};
        }
        file->row_start = row->start;
        file->row_line = row->line;
        file->visible_lines = row->lines;
        file->in_row = true;
        if (row->note_field)
            evg__csv_report(file, EVG_SEVERITY_WARNING, row->note_offset,
                            "field %zu is not UTF-8 (byte 0x%02X): the file is read as "
                            "Windows-1252 and converted to UTF-8 (further such fields are "
                            "converted silently)",
                            row->note_field, row->note_byte);
        int rc = r->on_row(file, r->row, row->field_count, r->payload);
        evg__csv_release_held(file);
        if (rc)
            r->consume_status = rc;
    }
}

static void clear_batch(batch *b)
{
    b->text_len = b->field_count = b->row_count = 0;
}

/* The reader's side: a full batch is handed over, and the reader goes on
 * with the next free one. Without a thread, the batch is handled at once. */
static void publish(reader *r)
{
    if (!r->file->threaded) {
        consume_batch(r, r->b);
        clear_batch(r->b);
        if (r->consume_status)
            r->status = r->consume_status; /* stop reading */
        return;
    }
    pthread_mutex_lock(&r->lock);
    r->produced++;
    pthread_cond_broadcast(&r->changed);
    while (r->produced - r->consumed == BATCHES && !r->stop)
        pthread_cond_wait(&r->changed, &r->lock);
    bool stop = r->stop;
    pthread_mutex_unlock(&r->lock);
    r->b = &r->batches[r->produced % BATCHES];
    clear_batch(r->b);
    if (stop && r->status == 0)
        r->status = EVG_EINVAL; /* the caller's side failed: its status is the result */
}

/* Where the piece starting at chunk[pos] ends: just past the first line end
 * (LF, CR, or CRLF together), or at the end of the chunk. `has_cr`: whether
 * the chunk holds a CR at all (most files have none). */
static size_t piece_end_at(const unsigned char *chunk, size_t pos, size_t n, bool has_cr)
{
    const unsigned char *lf = memchr(chunk + pos, '\n', n - pos);
    size_t stop = lf ? (size_t)(lf - chunk) : n;
    const unsigned char *cr = has_cr ? memchr(chunk + pos, '\r', stop - pos) : NULL;
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
            rc = evg__csv_add_line_start(file, next);
    }
    *prev = last;
    return rc;
}

/* Parses the whole file into batches of rows; sets read_status. */
static void read_rows(reader *r, struct csv_parser *parser, unsigned char *chunk)
{
    evg__csv_file *file = r->file;
    enum { CHUNK = 1 << 18 };
    int rc = 0;
    uint64_t base = 0; /* file offset of chunk[0] */
    unsigned char prev = 0;
    bool first = true;
    r->chunk = chunk;

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
            if (ferror(file->stream))
                reader_fail(r, rc = EVG_EIO, false, 0, "cannot read: %s", strerror(errno));
            break;
        }
        r->chunk_base = base;
        size_t pos = 0;
        if (first) {
            first = false;
            if (n >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF) {
                pos = 3;
                file->line_starts[0] = 3;
            } else if (n >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) ||
                                  (chunk[0] == 0xFE && chunk[1] == 0xFF))) {
                reader_fail(r, rc = EVG_EINVAL, false, 0,
                            "the file is UTF-16 text, which is not read: save or convert it as "
                            "UTF-8");
                break;
            }
        }
        bool has_cr = memchr(chunk + pos, '\r', n - pos) != NULL;
        while (pos < n && rc == 0) {
            size_t end = piece_end_at(chunk, pos, n, has_cr);
            if (!file->quoting) {
                const unsigned char *nul = memchr(chunk + pos, '\0', end - pos);
                if (nul) {
                    reader_fail(r, rc = EVG_EINVAL, true, base + (uint64_t)(nul - chunk),
                                "NUL byte: a tab-separated export must be text (UTF-16 is not "
                                "read: convert it to UTF-8)");
                    break;
                }
            }
            if ((rc = note_line_end(file, chunk, pos, end, base, &prev)) != 0)
                break;
            if (!r->row_open) {
                r->row_open = true;
                r->row_start = base + pos;
            }
            /* A long line is fed in steps, so a field past the limit is
             * refused after at most one step more than the limit. */
            for (size_t at = pos, step_end; at < end && rc == 0; at = step_end) {
                step_end = end - at > PARSE_STEP ? at + PARSE_STEP : end;
                r->piece_end = base + step_end;
                size_t parsed =
                    csv_parse(parser, chunk + at, step_end - at, on_field, on_row_end, r);
                if (r->status) {
                    rc = r->status;
                } else if (parsed < step_end - at) {
                    rc = csv_error(parser) == CSV_EPARSE
                             ? parse_error(r, chunk[at + parsed], base + at + parsed)
                             : EVG_ENOMEM;
                } else if (r->max_field_bytes && parser->entry_pos > r->max_field_bytes) {
                    reader_fail(r, rc = EVG_ELIMIT, true,
                                field_offset(r, r->b->field_count - r->row_field0),
                                "field longer than %zu bytes", r->max_field_bytes);
                } else if (step_end == end && parser->pstate == LIBCSV_ROW_NOT_BEGUN) {
                    r->row_open = false; /* a row ended, or the line was blank */
                }
            }
            pos = end;
        }
        if (rc == 0 && r->row_open) {
            /* Keep the row's bytes read so far: the chunk is about to be
             * overwritten. */
            uint64_t from = r->row_start > base ? r->row_start : base;
            size_t keep = (size_t)(base + n - from);
            if (evg__csv_grow((void **)&r->carry, &r->carry_cap, r->carry_len + keep, 1)) {
                rc = EVG_ENOMEM;
                break;
            }
            memcpy(r->carry + r->carry_len, chunk + (from - base), keep);
            r->carry_len += keep;
        }
        base += n;
        r->chunk_base = base;
    }
    if (rc == 0) {
        r->piece_end = base;
        if (csv_fini(parser, on_field, on_row_end, r) != 0)
            reader_fail(r, rc = EVG_EINVAL, true,
                        field_offset(r, r->b->field_count - r->row_field0),
                        "malformed CSV: quoted field is never closed");
        else
            rc = r->status;
    }
    r->read_status = rc;
    /* The last rows, and the end. */
    if (!r->file->threaded) {
        if (r->consume_status == 0)
            consume_batch(r, r->b);
        r->done = true;
        return;
    }
    pthread_mutex_lock(&r->lock);
    if (r->b->row_count)
        r->produced++;
    r->done = true;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

typedef struct reader_job {
    reader *r;
    struct csv_parser *parser;
    unsigned char *chunk;
} reader_job;

static void *reader_main(void *arg)
{
    reader_job *job = arg;
    read_rows(job->r, job->parser, job->chunk);
    return NULL;
}

/* The caller's side of a threaded read: batches in order until the reader
 * is done or a row callback fails. */
static void consume_all(reader *r)
{
    for (;;) {
        pthread_mutex_lock(&r->lock);
        while (r->consumed == r->produced && !r->done)
            pthread_cond_wait(&r->changed, &r->lock);
        bool finished = r->consumed == r->produced;
        pthread_mutex_unlock(&r->lock);
        if (finished)
            return;
        consume_batch(r, &r->batches[r->consumed % BATCHES]);
        pthread_mutex_lock(&r->lock);
        r->consumed++;
        if (r->consume_status)
            r->stop = true;
        pthread_cond_broadcast(&r->changed);
        pthread_mutex_unlock(&r->lock);
        if (r->consume_status)
            return;
    }
}

/* Starts the reader thread, with every signal blocked in it so that the
 * program's handlers run on its own thread. False when it cannot start. */
static bool start_reader(pthread_t *thread, reader_job *job)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    bool started = pthread_create(thread, NULL, reader_main, job) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return started;
}

int evg__csv_read(evg__csv_file *file, size_t max_field_bytes, size_t max_fields,
                  evg__csv_row_fn on_row, void *payload)
{
    /* A large file is read on a second thread: a regular file of at least
     * THREAD_BYTES, or a stream that fills the first read. Below that the
     * thread's own start-up and page faults cost more than it saves. */
    const unsigned char *head;
    size_t head_len;
    int rc = evg__csv_peek(file, &head, &head_len);
    if (rc)
        return rc;
    uint64_t size = evg__csv_size(file);
    bool big = head_len == EVG__CSV_PEEK_BYTES && (size == 0 || size >= THREAD_BYTES);

    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return EVG_ENOMEM;
    csv_set_delim(&parser, file->delimiter);
    /* libcsv grows a field's buffer by this much at a time (128 bytes by
     * default: a field of n bytes would cost n^2/256 bytes of copying). */
    csv_set_blk_size(&parser, PARSE_STEP);
    if (!file->quoting) {
        /* GDELT and ICEWS write quotes as plain text ('He said "no"',
         * unmatched quotes in URLs), so quoting must be off. libcsv cannot
         * turn it off; its quote byte becomes NUL instead, and a NUL byte
         * stops reading with an error before libcsv ever sees it. NUL is
         * never text, and any other byte could be: 0xFF, say, is 'y' with
         * diaeresis in Windows-1252. */
        csv_set_quote(&parser, '\0');
    }
    reader *r = calloc(1, sizeof *r);
    unsigned char *chunk = malloc((size_t)1 << 18);
    if (r == NULL || chunk == NULL || evg__csv_add_line_start(file, 0) != 0) {
        free(r);
        free(chunk);
        csv_free(&parser);
        return EVG_ENOMEM;
    }
    *r = (reader){.file = file,
                  .on_row = on_row,
                  .payload = payload,
                  .max_field_bytes = max_field_bytes,
                  .max_fields = max_fields,
                  .quote = file->quoting ? '"' : '\0'};
    r->b = &r->batches[0];

    reader_job job = {r, &parser, chunk};
    pthread_t thread;
    /* The batches are sized here, so the reader rarely reallocates: a
     * realloc (mremap) while both threads run makes the kernel flush the
     * other core's TLB. */
    for (size_t i = 0; big && i < BATCHES; i++) {
        batch *b = &r->batches[i];
        if (evg__csv_grow((void **)&b->text, &b->text_cap, 2 * BATCH_TEXT, 1) ||
            evg__csv_grow((void **)&b->fields, &b->field_cap, 16 * BATCH_ROWS, sizeof *b->fields) ||
            evg__csv_grow((void **)&b->rows, &b->row_cap, BATCH_ROWS + 1, sizeof *b->rows))
            big = false; /* read on this thread, growing as needed */
    }
    if (big && pthread_mutex_init(&r->lock, NULL) == 0) {
        if (pthread_cond_init(&r->changed, NULL) == 0) {
            file->threaded = true;
            if (start_reader(&thread, &job)) {
                consume_all(r);
                pthread_join(thread, NULL);
            } else {
                file->threaded = false;
            }
            pthread_cond_destroy(&r->changed);
        }
        pthread_mutex_destroy(&r->lock);
    }
    if (!r->done)
        read_rows(r, &parser, chunk); /* small, or no thread */
    file->threaded = false;
    file->row_line = 0;

    rc = r->consume_status ? r->consume_status : r->read_status;
    if (r->consume_status == 0 && r->has_end) {
        if (r->end.positioned)
            evg__csv_report(file, EVG_SEVERITY_ERROR, r->end.offset, "%s", r->end.message);
        else
            evg__report(file->rep, EVG_SEVERITY_ERROR, file->name, 0, 0, "%s", r->end.message);
    }
    csv_free(&parser);
    free(chunk);
    for (size_t i = 0; i < BATCHES; i++) {
        free(r->batches[i].text);
        free(r->batches[i].fields);
        free(r->batches[i].rows);
    }
    free(r->row);
    free(r->carry);
    free(r);
    return rc;
}
