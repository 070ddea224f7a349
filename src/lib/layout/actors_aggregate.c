/* Aggregating events into an actor-relation graph (see actors_int.h). */
#include "actors_int.h"
#include "actor_tree_int.h"
#include "date_int.h"

#include <stdlib.h>
#include <string.h>

/* The last instant an event covers, for the end of a date span. */
static const evg_date *event_last(const evg_event *e)
{
    return e->end_date.precision ? &e->end_date : &e->date;
}

/* Whether (start, date) begins before the rel's first date, and (end, date)
 * ends after its last, in evg_date_compare's order: a coarser date first at
 * the same instant. */
static bool starts_before(int64_t start, const evg_date *d, const evg__actors_rel *r)
{
    return start != r->first_start ? start < r->first_start : d->precision < r->first.precision;
}

static bool ends_after(int64_t end, const evg_date *d, const evg__actors_rel *r)
{
    return end != r->last_end ? end > r->last_end : d->precision > r->last.precision;
}

#define PREFETCH_AHEAD 16

/* Open addressing on (from, to, type): the table holds rel indices. */
typedef struct rel_table {
    uint32_t *slots; /* UINT32_MAX: empty */
    size_t capacity; /* a power of two */
} rel_table;

static size_t rel_hash(uint32_t from, uint32_t to, uint32_t type)
{
    uint64_t h = ((uint64_t)from << 32 | to) * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)type * 0xC2B2AE3D27D4EB4Fu;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    return (size_t)(h ^ h >> 32);
}

static bool rel_table_grow(rel_table *t, const evg__actors_rel *rels, size_t rel_count)
{
    size_t capacity = t->capacity ? t->capacity * 2 : 256;
    uint32_t *slots = malloc(capacity * sizeof *slots);
    if (slots == NULL)
        return false;
    memset(slots, 0xFF, capacity * sizeof *slots);
    for (size_t i = 0; i < rel_count; i++) {
        size_t at = rel_hash(rels[i].from, rels[i].to, rels[i].type) & (capacity - 1);
        while (slots[at] != UINT32_MAX)
            at = (at + 1) & (capacity - 1);
        slots[at] = (uint32_t)i;
    }
    free(t->slots);
    t->slots = slots;
    t->capacity = capacity;
    return true;
}

typedef struct rel_list {
    evg__actors_rel *items;
    size_t count, cap;
} rel_list;

static evg__actors_rel *rel_push(rel_list *list)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        evg__actors_rel *p = realloc(list->items, cap * sizeof *p);
        if (p == NULL)
            return NULL;
        list->items = p;
        list->cap = cap;
    }
    return &list->items[list->count++];
}

/* The order of (from, to, direction): the pair a relation belongs to. */
static int compare_pair(const evg__actors_rel *a, const evg__actors_rel *b)
{
    if (a->from_rank != b->from_rank)
        return a->from_rank < b->from_rank ? -1 : 1;
    if (a->to_rank != b->to_rank)
        return a->to_rank < b->to_rank ? -1 : 1;
    if (a->undirected != b->undirected)
        return a->undirected ? 1 : -1;
    return 0;
}

static int compare_rel_type(const void *pa, const void *pb)
{
    const evg__actors_rel *a = pa, *b = pb;
    int c = compare_pair(a, b);
    if (c)
        return c;
    return (a->type_rank > b->type_rank) - (a->type_rank < b->type_rank);
}

/* Within a pair, the most frequent type first: it leads the label. */
static int compare_rel_pair(const void *pa, const void *pb)
{
    const evg__actors_rel *a = pa, *b = pb;
    int c = compare_pair(a, b);
    if (c)
        return c;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->type_rank > b->type_rank) - (a->type_rank < b->type_rank);
}

typedef struct by_id {
    const char *id;
    uint32_t index;
} by_id;

static int compare_by_id(const void *pa, const void *pb)
{
    const by_id *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* Sorts `count` ids (id_of(model, i)), writing each one's rank to rank[i]
 * and, when `order` is not NULL, the indices in id order. */
static bool rank_ids(uint32_t *rank, uint32_t *order, const evg_model *model, size_t count,
                     const char *(*id_of)(const evg_model *, size_t))
{
    by_id *items = malloc((count ? count : 1) * sizeof *items);
    if (items == NULL)
        return false;
    for (size_t i = 0; i < count; i++)
        items[i] = (by_id){id_of(model, i), (uint32_t)i};
    if (count > 1)
        qsort(items, count, sizeof *items, compare_by_id);
    for (size_t i = 0; i < count; i++) {
        rank[items[i].index] = (uint32_t)i;
        if (order)
            order[i] = items[i].index;
    }
    free(items);
    return true;
}

static const char *actor_id(const evg_model *model, size_t index)
{
    return evg_model_actor(model, index)->id;
}

static const char *type_id(const evg_model *model, size_t index)
{
    return evg_model_type(model, index)->id;
}

static void rel_add_event(evg__actors_rel *r, const evg_event *e, int64_t start, int64_t end)
{
    r->count += e->weight;
    if (starts_before(start, &e->date, r)) {
        r->first = e->date;
        r->first_start = start;
    }
    if (ends_after(end, event_last(e), r)) {
        r->last = *event_last(e);
        r->last_end = end;
    }
}

void evg__actors_graph_free(evg__actors_graph *graph)
{
    free(graph->node_of);
    free(graph->activity);
    free(graph->degree);
    free(graph->folded);
    free(graph->actor_order);
    free(graph->actor_rank);
    free(graph->type_order);
    free(graph->type_rank);
    free(graph->rels);
    free(graph->edges);
    free(graph->type_used);
    memset(graph, 0, sizeof *graph);
}

/* The work space of one aggregation. */
typedef struct counter {
    evg__actors_graph *g;
    const evg_model *model;
    const evg_actors_opts *opts;
    size_t others_min; /* edges at an "others" node need this many events */
    bool by_event;
    rel_list rels;
    rel_table table;
    /* seen[n] == event position + 1: node n already counted for this event
     * (as actor or target); a target twice, or two members of one collapsed
     * parent, make one relation. */
    size_t *seen, *linked;
    bool *active; /* actor -> takes part in a selected event */
    /* The dates whose instants were worked out last: events come by date,
     * and most share theirs with the one before. */
    const evg_date *start_of, *end_of;
    int64_t start, end;
} counter;

static bool allocate(counter *c, const uint32_t *fold)
{
    evg__actors_graph *g = c->g;
    size_t actors = evg_model_actor_count(c->model), types = evg_model_type_count(c->model);
    size_t nodes = actors + EVG__ACTORS_OTHERS;
    g->actor_count = actors;
    g->node_count = nodes;
    c->seen = calloc(nodes + 1, sizeof *c->seen);
    c->linked = calloc(nodes + 1, sizeof *c->linked);
    c->active = calloc(actors + 1, sizeof *c->active);
    g->node_of = malloc((actors + 1) * sizeof *g->node_of);
    g->activity = calloc(nodes + 1, sizeof *g->activity);
    g->degree = calloc(nodes + 1, sizeof *g->degree);
    g->folded = calloc(nodes + 1, sizeof *g->folded);
    g->type_used = calloc(types + 1, sizeof *g->type_used);
    g->actor_order = malloc((nodes + 1) * sizeof *g->actor_order);
    g->actor_rank = malloc((nodes + 1) * sizeof *g->actor_rank);
    g->type_order = malloc((types + 1) * sizeof *g->type_order);
    g->type_rank = malloc((types + 1) * sizeof *g->type_rank);
    if (c->seen == NULL || c->linked == NULL || c->active == NULL || g->node_of == NULL ||
        g->activity == NULL || g->degree == NULL || g->folded == NULL || g->type_used == NULL ||
        g->actor_order == NULL || g->actor_rank == NULL || g->type_order == NULL ||
        g->type_rank == NULL || (!c->by_event && !rel_table_grow(&c->table, NULL, 0)) ||
        !rank_ids(g->actor_rank, g->actor_order, c->model, actors, actor_id) ||
        !rank_ids(g->type_rank, g->type_order, c->model, types, type_id))
        return false;
    for (size_t k = 0; k < EVG__ACTORS_OTHERS; k++) {
        g->actor_order[actors + k] = (uint32_t)(actors + k);
        g->actor_rank[actors + k] = (uint32_t)(actors + k);
    }
    for (size_t a = 0; a < actors; a++) {
        uint32_t n = c->opts->collapse ? evg__actor_root(c->model, (uint32_t)a) : (uint32_t)a;
        g->node_of[a] = fold ? fold[a] : n;
        if (g->node_of[a] >= nodes)
            g->node_of[a] = (uint32_t)(actors + EVG_ACTOR_OTHER);
    }
    return true;
}

/* The relation of one event from node `from` to node `to` (after the
 * checks for repeats): found in the table or added. */
static bool relate(counter *c, const evg_event *e, uint32_t event, uint32_t from, uint32_t to,
                   int64_t start, int64_t end)
{
    evg__actors_graph *g = c->g;
    /* Two sides without direction: one relation whichever is named first,
     * so A-B and B-A count together. */
    uint32_t a = from, b = to;
    if (e->undirected && g->actor_rank[b] < g->actor_rank[a])
        a = to, b = from;
    evg__actors_rel *r = NULL;
    size_t at = 0;
    if (!c->by_event) {
        size_t mask = c->table.capacity - 1;
        at = rel_hash(a, b, e->type) & mask;
        for (; c->table.slots[at] != UINT32_MAX; at = (at + 1) & mask) {
            evg__actors_rel *x = &c->rels.items[c->table.slots[at]];
            if (x->from == a && x->to == b && x->type == e->type &&
                x->undirected == e->undirected) {
                rel_add_event(x, e, start, end);
                return true;
            }
        }
        if (c->rels.count >= UINT32_MAX - 1)
            return false;
        c->table.slots[at] = (uint32_t)c->rels.count;
    }
    if ((r = rel_push(&c->rels)) == NULL)
        return false;
    *r = (evg__actors_rel){a,
                           b,
                           e->type,
                           e->weight,
                           event,
                           e->date,
                           *event_last(e),
                           start,
                           end,
                           g->actor_rank[a],
                           g->actor_rank[b],
                           g->type_rank[e->type],
                           e->undirected};
    return c->by_event || c->rels.count * 2 <= c->table.capacity ||
           rel_table_grow(&c->table, c->rels.items, c->rels.count);
}

/* Counts event i (model index `event`) into the relations. */
static bool count_event(counter *c, size_t i, uint32_t event)
{
    evg__actors_graph *g = c->g;
    const evg_event *e = evg_model_event(c->model, event);
    uint32_t from = g->node_of[e->actor];
    c->active[e->actor] = true;
    c->seen[from] = i + 1;
    g->activity[from] += e->weight;
    int64_t start = 0, end = 0;
    if (e->target_count) {
        const evg_date *last = event_last(e);
        if (c->start_of == NULL || !evg__same_instant(c->start_of, &e->date)) {
            c->start_of = &e->date;
            c->start = evg_date_start(&e->date);
        }
        if (c->end_of == NULL || !evg__same_instant(c->end_of, last)) {
            c->end_of = last;
            c->end = evg_date_end(last);
        }
        start = c->start;
        end = c->end;
    }
    for (uint32_t t = 0; t < e->target_count; t++) {
        uint32_t to = g->node_of[e->targets[t]];
        c->active[e->targets[t]] = true;
        if (c->seen[to] != i + 1) {
            c->seen[to] = i + 1;
            g->activity[to] += e->weight;
        }
        if (c->linked[to] == i + 1)
            continue;
        c->linked[to] = i + 1;
        if (to == from && !c->opts->self_loops) {
            if (from >= g->actor_count)
                g->folded_relations++;
            else
                g->self_relations++;
            continue;
        }
        if (!relate(c, e, event, from, to, start, end))
            return false;
    }
    return true;
}

/* Edges from the sorted rels: one per rel, or per pair with
 * EVG_ACTORS_AGGREGATE_ALL. Edges under opts->min_count are hidden. */
static bool make_edges(counter *c)
{
    evg__actors_graph *g = c->g;
    const rel_list *rels = &c->rels;
    g->edges = malloc((rels->count ? rels->count : 1) * sizeof *g->edges);
    if (g->edges == NULL)
        return false;
    for (size_t i = 0; i < rels->count; i++) {
        const evg__actors_rel *r = &rels->items[i];
        evg__actors_edge *edge = g->edge_count ? &g->edges[g->edge_count - 1] : NULL;
        if (c->opts->aggregate == EVG_ACTORS_AGGREGATE_ALL && edge && edge->from == r->from &&
            edge->to == r->to && edge->undirected == r->undirected) {
            edge->rel_count++;
            edge->count += r->count;
            if (evg_date_compare(&r->first, &edge->first) < 0)
                edge->first = r->first;
            int64_t end = evg_date_end(&edge->last);
            if (r->last_end != end ? r->last_end > end : r->last.precision > edge->last.precision)
                edge->last = r->last;
        } else {
            g->edges[g->edge_count++] = (evg__actors_edge){
                r->from, r->to, (uint32_t)i, 1, r->count, r->first, r->last, r->undirected};
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < g->edge_count; i++) {
        evg__actors_edge *edge = &g->edges[i];
        bool others = edge->from >= g->actor_count || edge->to >= g->actor_count;
        if (others && c->others_min > c->opts->min_count && edge->count < c->others_min &&
            edge->count >= c->opts->min_count) {
            g->hidden_other_edges++;
            g->hidden_other_count += edge->count;
            continue;
        }
        if (c->opts->min_count > 1 && edge->count < c->opts->min_count) {
            g->hidden_edges++;
            g->hidden_count += edge->count;
            continue;
        }
        for (uint32_t k = 0; k < edge->rel_count; k++)
            g->type_used[rels->items[edge->rel_first + k].type] = true;
        g->degree[edge->from]++;
        g->degree[edge->to]++;
        if (edge->count > g->max_count)
            g->max_count = edge->count;
        g->edges[kept++] = *edge;
    }
    g->edge_count = kept;
    return true;
}

/* Which nodes are drawn, and what the "others" nodes hold. */
static void summarize(counter *c)
{
    evg__actors_graph *g = c->g;
    for (size_t a = 0; a < g->actor_count; a++)
        if (c->active[a] && g->node_of[a] >= g->actor_count)
            g->folded[g->node_of[a]]++;
    for (size_t n = 0; n < g->node_count; n++) {
        if (g->activity[n] && !g->degree[n]) {
            g->unrelated_nodes++;
            g->unrelated_count += g->activity[n];
        }
        if (g->degree[n] && g->activity[n] > g->max_activity)
            g->max_activity = g->activity[n];
        if (n >= g->actor_count && g->degree[n]) {
            g->folded_actors += g->folded[n];
            g->folded_count += g->activity[n];
        }
    }
}

int evg__actors_aggregate(evg__actors_graph *out, const evg_model *model, const uint32_t *events,
                          size_t count, const evg_actors_opts *opts, const uint32_t *fold)
{
    return evg__actors_aggregate_fit(out, model, events, count, opts, fold, 0);
}

int evg__actors_aggregate_fit(evg__actors_graph *out, const evg_model *model,
                              const uint32_t *events, size_t count, const evg_actors_opts *opts,
                              const uint32_t *fold, size_t others_min)
{
    memset(out, 0, sizeof *out);
    counter c = {.g = out, .model = model, .opts = opts, .others_min = others_min};
    out->others_min = others_min > opts->min_count ? others_min : 0;
    c.by_event = opts->aggregate == EVG_ACTORS_AGGREGATE_NONE;
    bool ok = allocate(&c, fold);
    for (size_t i = 0; ok && i < count; i++) {
#if defined(__GNUC__)
        /* Target lists lie scattered in the model's arena, and the probing
         * keeps the processor from reading ahead by itself: a million
         * events took 0.15 s without this, 0.03 s with it. */
        if (i + PREFETCH_AHEAD < count)
            __builtin_prefetch(evg_model_event(model, events[i + PREFETCH_AHEAD])->targets);
#endif
        ok = count_event(&c, i, events[i]);
        out->event_count += evg_model_event(model, events[i])->weight;
    }
    /* Hash order is arbitrary: sort, so identical input gives identical
     * output. By event the rels are already in model order. */
    if (ok && c.rels.count > 1 && opts->aggregate == EVG_ACTORS_AGGREGATE_TYPE)
        qsort(c.rels.items, c.rels.count, sizeof *c.rels.items, compare_rel_type);
    else if (ok && c.rels.count > 1 && opts->aggregate == EVG_ACTORS_AGGREGATE_ALL)
        qsort(c.rels.items, c.rels.count, sizeof *c.rels.items, compare_rel_pair);
    ok = ok && make_edges(&c);
    if (ok)
        summarize(&c);
    out->rels = c.rels.items;
    out->rel_count = c.rels.count;
    free(c.table.slots);
    free(c.seen);
    free(c.linked);
    free(c.active);
    if (!ok) {
        evg__actors_graph_free(out);
        return EVG_ENOMEM;
    }
    return 0;
}
