/* Did-you-mean suggestions for unknown ids. */
#ifndef EVG_SUGGEST_INT_H
#define EVG_SUGGEST_INT_H

#include <stddef.h>

/* The id among `count` strings `stride` bytes apart (each item starts with
 * a const char * id) closest to `word`, when close enough to be a likely
 * typo; else NULL. */
const char *evg__suggest(const char *word, const void *items, size_t count, size_t stride);

#endif
