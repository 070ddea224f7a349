/* evgraph/model.h - the event model: events, actors and event types.
 *
 * A model is loaded by evg_load() (load.h) and owns every string and array it
 * hands out; they all die with evg_model_free(). Actors, types and events are
 * referred to by index (uint32_t) into the model's tables.
 */
#ifndef EVGRAPH_MODEL_H
#define EVGRAPH_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define EVG_NO_INDEX UINT32_MAX

typedef struct evg_model evg_model;

typedef enum evg_actor_kind {
    EVG_ACTOR_STATE,
    EVG_ACTOR_PERSON,
    EVG_ACTOR_ORGANIZATION,
    EVG_ACTOR_ARMED_GROUP,
    EVG_ACTOR_OTHER
} evg_actor_kind;

typedef struct evg_actor {
    const char *id;
    const char *name;   /* never NULL: the id when actors.csv gives no name */
    evg_actor_kind kind;
    uint32_t parent;    /* actor index, or EVG_NO_INDEX */
    const char *color;  /* "#rrggbb", or NULL */
    bool declared;      /* false when created from a reference in events.csv */
} evg_actor;

typedef struct evg_type {
    const char *id;
    const char *label;
    const char *color; /* "#rrggbb" */
    const char *shape; /* a Graphviz node shape name */
    bool builtin;      /* true unless types.csv added or overrode it */
} evg_type;

typedef enum evg_certainty {
    EVG_CERTAINTY_UNSPECIFIED,
    EVG_CERTAINTY_CONFIRMED,
    EVG_CERTAINTY_REPORTED,
    EVG_CERTAINTY_CLAIMED,
    EVG_CERTAINTY_DISPUTED
} evg_certainty;

/* Optional text fields are NULL when empty. Casualties are -1 when unknown. */
typedef struct evg_event {
    const char *id;
    evg_date date;
    evg_date end_date; /* precision EVG_PRECISION_NONE when the event is no span */
    uint32_t type;
    uint32_t actor;
    uint32_t target_count;
    uint32_t related_count;
    uint32_t tag_count;
    uint32_t line; /* line of the row in its events file */
    const uint32_t *targets; /* actor indices */
    const uint32_t *related; /* event indices */
    const char *const *tags;
    const char *location;
    const char *title;
    const char *description;
    const char *source;
    const char *url;
    double latitude, longitude;
    bool has_position;
    evg_certainty certainty;
    int64_t killed, injured;
    /* Added for imports; evgraph CSV leaves them false/0/NULL. */
    bool undirected; /* actor and targets are sides of one event, not doer and
                      * done-to (ACLED's actor1/actor2): draw no arrowheads */
    uint32_t ally_count;
    const uint32_t *allies; /* actor indices acting with `actor` (ACLED's
                             * assoc_actor_1); not targets */
    uint64_t weight; /* how many events the row stands for (an aggregated table's
                      * `count` column); 1 for an ordinary row. Figures sum it. */
} evg_event;

/* Events come sorted by start date, then coarser precision first, then id. */
EVG_API size_t evg_model_event_count(const evg_model *model);
EVG_API const evg_event *evg_model_event(const evg_model *model, size_t index);

EVG_API size_t evg_model_actor_count(const evg_model *model);
EVG_API const evg_actor *evg_model_actor(const evg_model *model, size_t index);

/* The built-in types first (ceasefire, airstrike, visit, accusation,
 * agreement, attack, meeting, statement, then for imports armed-clash,
 * shelling, ceasefire-violation, use-of-force, protest, riot, other), then
 * those types.csv or a type map added. */
EVG_API size_t evg_model_type_count(const evg_model *model);
EVG_API const evg_type *evg_model_type(const evg_model *model, size_t index);

/* Index of the actor, type or event with that id, or EVG_NO_INDEX. */
EVG_API uint32_t evg_model_find_actor(const evg_model *model, const char *id);
EVG_API uint32_t evg_model_find_type(const evg_model *model, const char *id);
EVG_API uint32_t evg_model_find_event(const evg_model *model, const char *id);

typedef struct evg_model_stats {
    size_t events;
    size_t actors;     /* actors the events name (as actor or target) */
    size_t types_used; /* distinct types among the events */
    evg_date first;    /* earliest start (precision NONE without events) */
    evg_date last;     /* latest date or end date */
} evg_model_stats;

EVG_API void evg_model_stats_get(evg_model_stats *out, const evg_model *model);

/* Lower-case names: "state", "person", ...; "confirmed", ...; "" for
 * EVG_CERTAINTY_UNSPECIFIED. */
EVG_API const char *evg_actor_kind_name(evg_actor_kind kind);
EVG_API const char *evg_certainty_name(evg_certainty certainty);

/* Frees the model and everything it owns. NULL is a no-op. */
EVG_API void evg_model_free(evg_model *model);

#ifdef __cplusplus
}
#endif
#endif
