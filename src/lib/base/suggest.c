/* Did-you-mean suggestions: the known id nearest an unknown one. */
#include "suggest_int.h"

#include <stdint.h>
#include <string.h>

/* Levenshtein distance, capped: only short ids are compared. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return SIZE_MAX;
    size_t row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *evg__suggest(const char *word, const void *items, size_t count, size_t stride)
{
    const char *best = NULL;
    size_t best_distance = strlen(word) / 3 + 1;
    if (best_distance > 3)
        best_distance = 3;
    for (size_t i = 0; i < count; i++) {
        const char *id = *(const char *const *)((const char *)items + i * stride);
        size_t d = edit_distance(word, id);
        if (d <= best_distance && d > 0 && (best == NULL || d < best_distance)) {
            best = id;
            best_distance = d;
        }
    }
    return best;
}
