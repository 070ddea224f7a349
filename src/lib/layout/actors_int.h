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
    uint32_t count;    /* events */
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
    uint32_t count;                /* events, all types together */
    evg_date first, last;
    bool undirected;               /* drawn without arrowheads */
} evg__actors_edge;

typedef struct evg__actors_graph {
    size_t actor_count; /* the model's actors */
    uint32_t *node_of;  /* actor -> the actor it is drawn as (itself, or its root) */
    uint32_t *activity; /* drawn actor -> events it takes part in (0: not drawn) */
    /* Output follows ids, never the order of rows in the CSVs (which sets
     * the model's indices): actors and types ranked by id. */
    uint32_t *actor_order; /* the model's actors sorted by id */
    uint32_t *actor_rank;  /* actor -> its place in actor_order */
    uint32_t *type_order;  /* the model's types sorted by id */
    uint32_t *type_rank;   /* type -> its place in type_order */
    evg__actors_rel *rels;  /* sorted by the ranks of (from, to, type), or by event */
    size_t rel_count;
    evg__actors_edge *edges; /* sorted like rels */
    size_t edge_count;
    size_t event_count;     /* events aggregated */
    size_t self_relations;  /* (event, target) pairs on one drawn actor, not drawn */
    uint32_t max_count;     /* largest edge count (0 without edges) */
    uint32_t max_activity;
    bool *type_used;        /* type -> an edge of that type is drawn */
} evg__actors_graph;

/* Aggregates the `count` events listed in `events` (model indices) into
 * *out, which must be zeroed or freed; `opts` supplies aggregate, collapse
 * and self_loops. O(events + targets) with hashing, then sorting the
 * distinct relations. Returns 0 or EVG_ENOMEM (then *out is freed). */
int evg__actors_aggregate(evg__actors_graph *out, const evg_model *model, const uint32_t *events,
                          size_t count, const evg_actors_opts *opts);

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

struct evg__svg_web;

/* evg_actors_write with `web` for SVG: NULL makes one per file from `out`
 * (html.c passes its own, to capture the SVG). */
int evg__actors_write_web(const evg_model *model, const evg_actors_opts *opts,
                          const evg_output *out, struct evg__svg_web *web);

#endif
