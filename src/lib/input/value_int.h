/* A trimmed view of one CSV field, shared by the native loader and the
 * importers. */
#ifndef EVG_VALUE_INT_H
#define EVG_VALUE_INT_H

#include "arena_int.h"
#include "csv_int.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

typedef struct evg__value {
    const char *text;
    size_t len;
    uint64_t offset; /* of the first byte kept; a blank value: of its field */
} evg__value;

/* The field without the spaces and tabs around it. */
static inline evg__value evg__value_trim(const evg__csv_field *f)
{
    evg__value v = {f->text, f->len, f->offset};
    while (v.len && (*v.text == ' ' || *v.text == '\t'))
        v.text++, v.len--, v.offset++;
    while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '\t'))
        v.len--;
    if (v.len == 0)
        v.offset = f->offset; /* a blank value is reported where its field starts */
    return v;
}

/* Whether the value is `word`, without regard to ASCII case. */
static inline bool evg__value_is(evg__value v, const char *word)
{
    return strlen(word) == v.len && strncasecmp(v.text, word, v.len) == 0;
}

/* Copies `v` lower-cased into buf (NUL-terminated); false when it does not
 * fit. */
bool evg__value_lower(char *buf, size_t size, evg__value v);

/* The longest id: Graphviz refuses longer names and labels. */
#define EVG__MAX_ID_BYTES 16384

/* Reports that `v` is longer than EVG__MAX_ID_BYTES or contains a control character or ';' (the list
 * separator), which ids may not hold; false then. `what` names the id. */
bool evg__value_check_id(evg__csv_file *file, evg__value v, const char *what);

/* Copies the value into the arena, replacing what XML 1.0 cannot carry (C0
 * controls but tab, LF and CR; U+FFFE; U+FFFF) by U+FFFD, with one placed
 * warning per file. NULL when memory ran out. */
char *evg__value_copy(evg__arena *arena, evg__csv_file *file, evg__value v);

#define EVG__QUOTE(buf, v) evg__excerpt((buf), sizeof(buf), (v).text, (v).len)

#endif
