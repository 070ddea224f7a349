/* A map from borrowed NUL-terminated strings to uint32_t values. */
#ifndef EVG_STRMAP_INT_H
#define EVG_STRMAP_INT_H

#include <stddef.h>
#include <stdint.h>

typedef struct evg__strmap_slot {
    const char *key; /* borrowed; NULL marks an empty slot */
    uint32_t hash;
    uint32_t value;
} evg__strmap_slot;

typedef struct evg__strmap {
    evg__strmap_slot *slots;
    size_t capacity; /* a power of two, or 0 */
    size_t count;
} evg__strmap;

/* The value stored under `key`, or UINT32_MAX. */
uint32_t evg__strmap_get(const evg__strmap *map, const char *key);

/* Stores `value` under `key` unless the key is present. Returns the value now
 * stored (the old one when present), or UINT32_MAX when memory ran out.
 * `key` must outlive the map. */
uint32_t evg__strmap_put(evg__strmap *map, const char *key, uint32_t value);

/* Makes room for `count` keys in all, so that adding them rehashes
 * nothing. Returns 0, or -1 when memory ran out (the map is unchanged). */
int evg__strmap_reserve(evg__strmap *map, size_t count);

/* Replaces every value v by renumber[v]: the keys stay where they hash. */
void evg__strmap_renumber(evg__strmap *map, const uint32_t *renumber);

/* Removes every key, keeping the memory. */
void evg__strmap_clear(evg__strmap *map);

void evg__strmap_free(evg__strmap *map);

#endif
