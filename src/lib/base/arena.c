#include "arena_int.h"
#include "bigmem_int.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct evg__arena_block {
    evg__arena_block *prev;
    alignas(max_align_t) char data[];
};

/* Blocks grow with the arena, from 1 MiB to 32 MiB: a small dataset takes
 * one block, and a million events take a few dozen, on huge pages. */
#define BLOCK_MIN ((size_t)1 << 20)
#define BLOCK_MAX ((size_t)32 << 20)

static size_t block_size(const evg__arena *arena)
{
    size_t size = arena->total / 2;
    return size < BLOCK_MIN ? BLOCK_MIN : size > BLOCK_MAX ? BLOCK_MAX : size & ~(BLOCK_MIN - 1);
}

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
        size_t usual = block_size(arena);
        bool own = size > usual / 4;
        size_t data_size = own ? size : usual - sizeof(evg__arena_block);
        evg__arena_block *block = evg__big_alloc(sizeof *block + data_size);
        if (block == NULL)
            return NULL;
        arena->total += sizeof *block + data_size;
        if (own && arena->head != NULL) {
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
