/* An open CSV file: opening, the line table, and diagnostics placed as
 * line:column. */
#define _POSIX_C_SOURCE 200809L

#include "csv_file_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int evg__csv_grow(void **items, size_t *cap, size_t need, size_t item_size)
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

int evg__csv_add_line_start(evg__csv_file *f, uint64_t offset)
{
    if (f->line_count == f->line_cap) {
        if (f->threaded)
            pthread_mutex_lock(&f->lines_lock);
        int rc = evg__csv_grow((void **)&f->line_starts, &f->line_cap, f->line_count + 1,
                               sizeof *f->line_starts);
        if (f->threaded)
            pthread_mutex_unlock(&f->lines_lock);
        if (rc)
            return rc;
    }
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
    pthread_mutex_init(&f->lines_lock, NULL);
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

uint64_t evg__csv_size(const evg__csv_file *file)
{
    struct stat st;
    int fd = file->stream ? fileno(file->stream) : -1;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    return (uint64_t)st.st_size;
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
    pthread_mutex_destroy(&file->lines_lock);
    free(file->line_starts);
    free(file->peeked);
    free(file->name);
    free(file);
}

/* The 1-based line holding `offset` among the first `count` line starts. */
size_t evg__csv_line_among(const uint64_t *starts, size_t count, uint64_t offset)
{
    size_t lo = 0, hi = count;
    /* The last line start <= offset. */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

/* Line and column of an offset, on the caller's thread. */
static void locate(const evg__csv_file *file, uint64_t offset, unsigned long *line,
                   unsigned long *column)
{
    evg__csv_file *f = (evg__csv_file *)file; /* the lock is not the file's state */
    if (f->threaded)
        pthread_mutex_lock(&f->lines_lock);
    size_t count = f->threaded ? f->visible_lines : f->line_count;
    size_t k = count ? evg__csv_line_among(f->line_starts, count, offset) : 1;
    uint64_t start = count ? f->line_starts[k - 1] : 0;
    if (f->threaded)
        pthread_mutex_unlock(&f->lines_lock);
    *line = (unsigned long)k;
    *column = offset >= start ? (unsigned long)(offset - start) + 1 : 1;
}

void evg__csv_locate(const evg__csv_file *file, uint64_t offset, unsigned long *line,
                     unsigned long *column)
{
    locate(file, offset, line, column);
}

unsigned long evg__csv_line(const evg__csv_file *file, uint64_t offset)
{
    if (offset == file->row_start && file->row_line)
        return file->row_line; /* the row being handled */
    unsigned long line, column;
    locate(file, offset, &line, &column);
    return line;
}

static void report_now(evg__csv_file *file, evg_severity severity, uint64_t offset, const char *fmt,
                       va_list ap)
{
    unsigned long line = 0, column = 0;
    /* One past the cap is only counted: its place is never printed. */
    if (evg__report_shown(file->rep, severity))
        locate(file, offset, &line, &column);
    evg__vreport(file->rep, severity, file->name, line, column, fmt, ap);
}

static void report_held(evg__csv_file *file, const held_diag *d, ...)
{
    va_list ap;
    va_start(ap, d);
    report_now(file, d->severity, d->offset, "%s", ap);
    va_end(ap);
}

void evg__csv_release_held(evg__csv_file *file)
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

void evg__csv_report(evg__csv_file *file, evg_severity severity, uint64_t offset, const char *fmt,
                     ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (file->in_row && file->held_count < MAX_HELD) {
        held_diag *d = &file->held[file->held_count++];
        d->severity = severity;
        d->offset = offset;
        /* Past the cap it is only counted: no message to write (100,000
         * unlisted actors are 100,000 warnings). */
        if (evg__report_shown(file->rep, severity))
            vsnprintf(d->message, sizeof d->message, fmt, ap);
        else
            d->message[0] = '\0';
    } else {
        report_now(file, severity, offset, fmt, ap);
    }
    va_end(ap);
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

/* Hands the rows of a batch, in order, to the row callback (on the caller's
 * thread), with the reader's warning about a row among its diagnostics. */

bool evg__csv_first_time(evg__csv_file *file)
{
    bool first = !file->xml_noted;
    file->xml_noted = true;
    return first;
}
