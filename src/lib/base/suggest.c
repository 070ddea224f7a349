/* Did-you-mean suggestions: the known id nearest an unknown one. */
#define _POSIX_C_SOURCE 200809L
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

/* How many ids one suggestion compares at most: a suggestion is a
 * courtesy, and must not make loading quadratic in the number of ids. */
enum { MAX_COMPARISONS = 2048 };

const char *evg__suggest(const char *word, const void *items, size_t count, size_t stride)
{
    const char *best = NULL;
    size_t len = strlen(word);
    size_t best_distance = len / 3 + 1;
    if (best_distance > 3)
        best_distance = 3;
    if (len > 63)
        return NULL;
    size_t compared = 0;
    for (size_t i = 0; i < count && compared < MAX_COMPARISONS; i++) {
        const char *id = *(const char *const *)((const char *)items + i * stride);
        /* Ids whose length alone puts them too far are skipped unread. */
        size_t id_len = strnlen(id, len + best_distance + 1);
        if (id_len + best_distance < len || id_len > len + best_distance)
            continue;
        compared++;
        size_t d = edit_distance(word, id);
        if (d <= best_distance && d > 0 && (best == NULL || d < best_distance)) {
            best = id;
            best_distance = d;
        }
    }
    return best;
}
