/* The model's representation, shared by the library's files. */
#ifndef EVG_MODEL_INT_H
#define EVG_MODEL_INT_H

#include <evgraph/model.h>

#include "arena_int.h"
#include "strmap_int.h"

struct evg_model {
    evg__arena arena; /* every string and array the model hands out */
    evg__arena ids;   /* ids of actors created from events: together, so that
                       * looking 100,000 of them up stays in the cache */
    evg_event *events;
    size_t event_count, event_cap;
    evg_actor *actors;
    size_t actor_count, actor_cap;
    evg_type *types;
    size_t type_count, type_cap;
    evg__strmap event_ids, actor_ids, type_ids;
};

/* Puts actors in id order and the types after the built-in ones in id order,
 * renumbering every reference, so that nothing drawn depends on the order
 * of rows in actors.csv or types.csv (or of first mention in events.csv).
 * Returns 0 or EVG_ENOMEM. */
int evg__model_canonical_order(evg_model *model);

/* An id's first eight bytes in an integer that orders as the bytes do
 * (shorter ids padded with zeros), so sorts read ids only on a tie. */
uint64_t evg__id_head(const char *id);

/* Sorts events by date, then precision, then id, renumbering the event id
 * map. Returns 0 or EVG_ENOMEM. */
int evg__model_sort_events(evg_model *model);

/* Registers an event id (borrowed from the arena) for the event about to
 * be appended. Returns the new event's index, the index of the event that
 * already has the id (a duplicate), or EVG_NO_INDEX when out of memory.
 * One hash lookup serves both the duplicate check and the registration. */
uint32_t evg__model_claim_event_id(evg_model *model, const char *id);

/* Makes room for `count` events in all. Returns 0, or EVG_ENOMEM (the
 * table is unchanged). */
int evg__model_reserve_events(evg_model *model, size_t count);

/* Appends a zeroed event with an id just claimed; NULL when out of memory. */
evg_event *evg__model_add_event(evg_model *model, const char *id);

/* A new, empty model holding the built-in types, or NULL. */
evg_model *evg__model_new(void);

/* Appends a zeroed item to one of the model's tables; NULL when out of
 * memory. The index of the new item is count - 1. */
void *evg__model_push(void **items, size_t *count, size_t *cap, size_t item_size);

#endif
