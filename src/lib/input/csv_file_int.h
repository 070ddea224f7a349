/* The open CSV file: its name, stream, line table and held diagnostics,
 * shared by the file's bookkeeping (csv_file.c) and the parser
 * (load_csv.c). */
#ifndef EVG_CSV_FILE_INT_H
#define EVG_CSV_FILE_INT_H

#include "csv_int.h"

#include <pthread.h>
#include <stdio.h>

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
    bool xml_noted;          /* text XML cannot carry was replaced */
    unsigned char *peeked;   /* bytes read ahead by evg__csv_peek */
    size_t peeked_len;
    size_t held_count;
    held_diag held[MAX_HELD];
    FILE *stream;
    evg__reporter *rep;
    uint64_t *line_starts; /* sorted; line_starts[0] is 0 (or 3 after a BOM) */
    size_t line_count, line_cap;
    /* While a reader thread runs, it alone appends to line_starts and
     * reallocates it under lines_lock; the caller's thread looks lines up
     * under the lock, among the first `visible_lines` (those of the rows
     * handed over so far). The row being handled is known without a
     * lookup. */
    bool threaded;
    pthread_mutex_t lines_lock;
    size_t visible_lines;
    uint64_t row_start;
    unsigned long row_line;
};

/* Grows an array to hold `need` items; 0 or EVG_ENOMEM. */
int evg__csv_grow(void **items, size_t *cap, size_t need, size_t item_size);

/* Appends the start of a line (offsets grow); 0 or EVG_ENOMEM. */
int evg__csv_add_line_start(evg__csv_file *f, uint64_t offset);

/* The 1-based line among `count` sorted line starts that holds `offset`. */
size_t evg__csv_line_among(const uint64_t *starts, size_t count, uint64_t offset);

/* Gives the diagnostics held back while a row was handled, in file order. */
void evg__csv_release_held(evg__csv_file *file);

#endif
