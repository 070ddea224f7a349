/* Aggregating events into an actor-relation graph: no Graphviz here, so the
 * counts can be tested on their own (tests/unit/test_actors.c). */
#ifndef EVG_ACTORS_INT_H
#define EVG_ACTORS_INT_H

#include <evgraph/actors.h>

#include <stdint.h>

/* The events of one (actor, target, type) after collapse, or with
 * EVG_ACTORS_AGGREGATE_NONE of one (event, target). */
typedef struct evg__actors_rel {
    uint32_t from, to; /* actor indices (the drawn actor: a root after collapse) */
    uint32_t type;
    uint64_t count;    /* events (their weights summed) */
    uint32_t event;    /* the first event (model index) */
    evg_date first;    /* earliest start */
    evg_date last;     /* latest end: the end date of a span, else the date */
    int64_t first_start, last_end; /* their instants, so each event is converted once */
    uint32_t from_rank, to_rank, type_rank; /* the sort keys (see below) */
    bool undirected; /* from events whose sides have no direction (ACLED's
                      * pairs): then from ranks before to */
} evg__actors_rel;

/* One drawn edge: a run of rels with the same (from, to), one rel per type
 * with EVG_ACTORS_AGGREGATE_ALL, exactly one otherwise. */
typedef struct evg__actors_edge {
    uint32_t from, to;
    uint32_t rel_first, rel_count; /* rels[rel_first .. rel_first + rel_count) */
    uint64_t count;                /* events, all types together */
    evg_date first, last;
    bool undirected;               /* drawn without arrowheads */
} evg__actors_edge;

/* One "others" node per actor kind: node actor_count + kind. */
#define EVG__ACTORS_OTHERS 5

/* Nodes are actors (0 .. actor_count-1) and the "others" nodes after them
 * (actor_count + kind), which stand for the actors folded into them. Counts
 * are events weighted by evg_event.weight. A node is drawn when it has a
 * drawn edge (degree > 0). */
typedef struct evg__actors_graph {
    size_t actor_count; /* the model's actors */
    size_t node_count;  /* actor_count + EVG__ACTORS_OTHERS */
    uint32_t *node_of;  /* actor -> the node it is drawn as (itself, its root, or an "others") */
    uint64_t *activity; /* node -> events it takes part in (0: none) */
    uint32_t *degree;   /* node -> drawn edges at it */
    uint32_t *folded;   /* node -> active actors folded into it ("others" nodes) */
    /* Output follows ids, never the order of rows in the CSVs (which sets
     * the model's indices): actors and types ranked by id, "others" last. */
    uint32_t *actor_order; /* the nodes sorted by id */
    uint32_t *actor_rank;  /* node -> its place in actor_order */
    uint32_t *type_order;  /* the model's types sorted by id */
    uint32_t *type_rank;   /* type -> its place in type_order */
    evg__actors_rel *rels;  /* sorted by the ranks of (from, to, type), or by event */
    size_t rel_count;
    evg__actors_edge *edges; /* the drawn edges, sorted like rels */
    size_t edge_count;
    uint64_t event_count;    /* events aggregated (weighted) */
    size_t self_relations;   /* (event, target) pairs on one drawn actor, not drawn */
    size_t folded_relations; /* the same within one "others" node */
    size_t hidden_edges;     /* edges under opts->min_count, not drawn */
    uint64_t hidden_count;   /* their events */
    size_t others_min;       /* the larger minimum of edges at "others" nodes (0: none) */
    size_t hidden_other_edges; /* edges at "others" nodes hidden under others_min only */
    uint64_t hidden_other_count; /* their events */
    size_t unrelated_nodes;  /* active nodes without a drawn edge, not drawn */
    uint64_t unrelated_count; /* their events */
    size_t folded_actors;    /* actors in drawn "others" nodes */
    uint64_t folded_count;   /* the events of those nodes */
    uint64_t max_count;      /* largest edge count (0 without edges) */
    uint64_t max_activity;   /* of drawn nodes */
    bool *type_used;         /* type -> an edge of that type is drawn */
} evg__actors_graph;

/* Aggregates the `count` events listed in `events` (model indices) into
 * *out, which must be zeroed or freed; `opts` supplies aggregate, collapse,
 * self_loops and min_count. `fold` (NULL: none) maps each actor to its node,
 * an "others" node for the actors folded away; without it an actor is its
 * own node, or its root with opts->collapse. O(events + targets) with
 * hashing, then sorting the distinct relations. Returns 0 or EVG_ENOMEM
 * (then *out is freed). */
int evg__actors_aggregate(evg__actors_graph *out, const evg_model *model, const uint32_t *events,
                          size_t count, const evg_actors_opts *opts, const uint32_t *fold);

/* The same, with edges at an "others" node hidden (and counted) under
 * `others_min` events rather than opts->min_count when that is larger: a
 * page's few relations go first to the actors it names. */
int evg__actors_aggregate_fit(evg__actors_graph *out, const evg_model *model,
                              const uint32_t *events, size_t count, const evg_actors_opts *opts,
                              const uint32_t *fold, size_t others_min);

void evg__actors_graph_free(evg__actors_graph *graph);

/* A key that orders periods and is equal within one: year*12+month-1 by
 * month, year*4+quarter-1 by quarter, the year by year. An event counts in
 * the period of its start date; a date coarser than the period (a year with
 * --by month) counts in its first period, and *coarse is set. */
int32_t evg__period_key(const evg_date *date, evg_period by, bool *coarse);

/* "2016-06", "2016-Q2", "2016". Returns like snprintf. */
#define EVG__PERIOD_NAME_MAX 16
size_t evg__period_name(char *buf, size_t size, int32_t key, evg_period by);

/* Splits `events` (model indices in model order, hence by start date) into
 * runs of one period each: on success *starts holds *period_count + 1
 * offsets into `events` (malloc'd) and *keys the period keys (malloc'd).
 * *coarse_events counts events dated more coarsely than the period. Returns
 * 0 or EVG_ENOMEM. */
int evg__period_split(size_t **starts, int32_t **keys, size_t *period_count,
                      size_t *coarse_events, const evg_model *model, const uint32_t *events,
                      size_t count, evg_period by);

#endif
