/* A bump allocator: everything allocated from an arena dies with it. */
#ifndef EVG_ARENA_INT_H
#define EVG_ARENA_INT_H

#include <stddef.h>

typedef struct evg__arena_block evg__arena_block;

typedef struct evg__arena {
    evg__arena_block *head;
    char *next;
    char *end;
    size_t total; /* bytes obtained from malloc, for the memory limit */
} evg__arena;

/* Memory aligned for any scalar, or NULL when malloc fails. */
void *evg__arena_alloc(evg__arena *arena, size_t size);

/* A NUL-terminated copy of `len` bytes, or NULL when malloc fails. */
char *evg__arena_strndup(evg__arena *arena, const char *text, size_t len);

void evg__arena_free(evg__arena *arena);

#endif
