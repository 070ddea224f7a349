#include "arena_int.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct evg__arena_block {
    evg__arena_block *prev;
    alignas(max_align_t) char data[];
};

/* Large enough that a million events cost a few hundred mallocs. */
#define BLOCK_SIZE ((size_t)1 << 20)

void *evg__arena_alloc(evg__arena *arena, size_t size)
{
    size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (arena->next != NULL) {
        /* Strings leave `next` unaligned. */
        size_t misalign = (size_t)((uintptr_t)arena->next & (align - 1));
        arena->next += misalign ? align - misalign : 0;
        if (arena->next > arena->end)
            arena->next = arena->end;
    }
    if (arena->next == NULL || (size_t)(arena->end - arena->next) < size) {
        size_t data_size = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        evg__arena_block *block = malloc(sizeof *block + data_size);
        if (block == NULL)
            return NULL;
        arena->total += sizeof *block + data_size;
        if (data_size != BLOCK_SIZE && arena->head != NULL) {
            /* An oversized allocation gets a block of its own behind the
             * current one, so the current block's free space is kept. */
            block->prev = arena->head->prev;
            arena->head->prev = block;
            return block->data;
        }
        block->prev = arena->head;
        arena->head = block;
        arena->next = block->data;
        arena->end = block->data + data_size;
    }
    void *p = arena->next;
    arena->next += size;
    return p;
}

char *evg__arena_strndup(evg__arena *arena, const char *text, size_t len)
{
    /* Strings need no alignment: take them byte-exact from the block. */
    if (arena->next == NULL || (size_t)(arena->end - arena->next) < len + 1) {
        char *p = evg__arena_alloc(arena, len + 1);
        if (p == NULL)
            return NULL;
        memcpy(p, text, len);
        p[len] = '\0';
        return p;
    }
    char *p = arena->next;
    memcpy(p, text, len);
    p[len] = '\0';
    arena->next += len + 1;
    return p;
}

void evg__arena_free(evg__arena *arena)
{
    evg__arena_block *block = arena->head;
    while (block != NULL) {
        evg__arena_block *prev = block->prev;
        free(block);
        block = prev;
    }
    memset(arena, 0, sizeof *arena);
}
