/* The actor-relation graph without Graphviz: options, aggregation, periods. */
#include "actor_tree_int.h"
#include "actors_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const layout_names[] = {
    [EVG_ACTORS_LAYOUT_AUTO] = "auto",   [EVG_ACTORS_LAYOUT_DOT] = "dot",
    [EVG_ACTORS_LAYOUT_NEATO] = "neato", [EVG_ACTORS_LAYOUT_FDP] = "fdp",
    [EVG_ACTORS_LAYOUT_SFDP] = "sfdp",   [EVG_ACTORS_LAYOUT_CIRCO] = "circo",
};

int evg_actors_layout_parse(evg_actors_layout *out, const char *name)
{
    for (size_t i = 0; i < sizeof layout_names / sizeof layout_names[0]; i++) {
        if (strcmp(name, layout_names[i]) == 0) {
            *out = (evg_actors_layout)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

const char *evg_actors_layout_name(evg_actors_layout layout)
{
    return (size_t)layout < sizeof layout_names / sizeof layout_names[0] ? layout_names[layout]
                                                                         : "auto";
}

int evg_actors_aggregate_parse(evg_actors_aggregate *out, const char *name)
{
    static const char *const names[] = {[EVG_ACTORS_AGGREGATE_TYPE] = "type",
                                        [EVG_ACTORS_AGGREGATE_ALL] = "all",
                                        [EVG_ACTORS_AGGREGATE_NONE] = "none"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (evg_actors_aggregate)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

int evg_period_parse(evg_period *out, const char *name)
{
    static const char *const names[] = {[EVG_PERIOD_NONE] = "none",
                                        [EVG_PERIOD_MONTH] = "month",
                                        [EVG_PERIOD_QUARTER] = "quarter",
                                        [EVG_PERIOD_YEAR] = "year"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (evg_period)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

size_t evg_period_path(char *buf, size_t size, const char *path, const char *period)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    /* A leading dot names a hidden file, not an extension. */
    if (dot == base)
        dot = NULL;
    size_t stem = dot ? (size_t)(dot - path) : strlen(path);
    int n = snprintf(buf, size, "%.*s-%s%s", (int)stem, path, period, dot ? dot : "");
    return n < 0 ? 0 : (size_t)n;
}

int32_t evg__period_key(const evg_date *date, evg_period by, bool *coarse)
{
    int32_t year = date->year;
    int32_t month = date->precision >= EVG_PRECISION_MONTH ? date->month : 1;
    switch (by) {
    case EVG_PERIOD_MONTH:
        *coarse = date->precision < EVG_PRECISION_MONTH;
        return year * 12 + month - 1;
    case EVG_PERIOD_QUARTER:
        *coarse = date->precision < EVG_PRECISION_MONTH;
        return year * 4 + (month - 1) / 3;
    case EVG_PERIOD_YEAR:
    case EVG_PERIOD_NONE:
        break;
    }
    *coarse = false;
    return year;
}

size_t evg__period_name(char *buf, size_t size, int32_t key, evg_period by)
{
    int n;
    switch (by) {
    case EVG_PERIOD_MONTH:
        n = snprintf(buf, size, "%04d-%02d", (int)(key / 12), (int)(key % 12 + 1));
        break;
    case EVG_PERIOD_QUARTER:
        n = snprintf(buf, size, "%04d-Q%d", (int)(key / 4), (int)(key % 4 + 1));
        break;
    default:
        n = snprintf(buf, size, "%04d", (int)key);
        break;
    }
    return n < 0 ? 0 : (size_t)n;
}

int evg__period_split(size_t **starts, int32_t **keys, size_t *period_count, size_t *coarse_events,
                      const evg_model *model, const uint32_t *events, size_t count, evg_period by)
{
    *starts = NULL;
    *keys = NULL;
    *period_count = 0;
    *coarse_events = 0;
    size_t *s = malloc((count + 1) * sizeof *s);
    int32_t *k = malloc((count ? count : 1) * sizeof *k);
    if (s == NULL || k == NULL) {
        free(s);
        free(k);
        return EVG_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        bool coarse;
        int32_t key = evg__period_key(&evg_model_event(model, events[i])->date, by, &coarse);
        *coarse_events += coarse;
        if (n == 0 || key != k[n - 1]) {
            s[n] = i;
            k[n++] = key;
        }
    }
    s[n] = count;
    *starts = s;
    *keys = k;
    *period_count = n;
    return 0;
}

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

static int compare_rel_type(const void *pa, const void *pb)
{
    const evg__actors_rel *a = pa, *b = pb;
    if (a->from_rank != b->from_rank)
        return a->from_rank < b->from_rank ? -1 : 1;
    if (a->to_rank != b->to_rank)
        return a->to_rank < b->to_rank ? -1 : 1;
    if (a->undirected != b->undirected)
        return a->undirected ? 1 : -1;
    if (a->type_rank != b->type_rank)
        return a->type_rank < b->type_rank ? -1 : 1;
    return 0;
}

/* Within a pair, the most frequent type first: it leads the label. */
static int compare_rel_pair(const void *pa, const void *pb)
{
    const evg__actors_rel *a = pa, *b = pb;
    if (a->from_rank != b->from_rank)
        return a->from_rank < b->from_rank ? -1 : 1;
    if (a->to_rank != b->to_rank)
        return a->to_rank < b->to_rank ? -1 : 1;
    if (a->undirected != b->undirected)
        return a->undirected ? 1 : -1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    if (a->type_rank != b->type_rank)
        return a->type_rank < b->type_rank ? -1 : 1;
    return 0;
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
    r->count++;
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
    free(graph->actor_order);
    free(graph->actor_rank);
    free(graph->type_order);
    free(graph->type_rank);
    free(graph->rels);
    free(graph->edges);
    free(graph->type_used);
    memset(graph, 0, sizeof *graph);
}

int evg__actors_aggregate(evg__actors_graph *out, const evg_model *model, const uint32_t *events,
                          size_t count, const evg_actors_opts *opts)
{
    memset(out, 0, sizeof *out);
    size_t actors = evg_model_actor_count(model);
    size_t types = evg_model_type_count(model);
    bool by_event = opts->aggregate == EVG_ACTORS_AGGREGATE_NONE;
    rel_list rels = {0};
    rel_table table = {0};
    /* seen[a] == event position + 1: actor a already counted for this event
     * (as actor or target); a target twice, or two members of one collapsed
     * parent, make one relation. */
    size_t *seen = calloc(actors + 1, sizeof *seen);
    size_t *linked = calloc(actors + 1, sizeof *linked);
    out->actor_count = actors;
    out->node_of = malloc((actors + 1) * sizeof *out->node_of);
    out->activity = calloc(actors + 1, sizeof *out->activity);
    out->type_used = calloc(types + 1, sizeof *out->type_used);
    out->actor_order = malloc((actors + 1) * sizeof *out->actor_order);
    out->actor_rank = malloc((actors + 1) * sizeof *out->actor_rank);
    out->type_order = malloc((types + 1) * sizeof *out->type_order);
    out->type_rank = malloc((types + 1) * sizeof *out->type_rank);
    if (seen == NULL || linked == NULL || out->node_of == NULL || out->activity == NULL ||
        out->type_used == NULL || out->actor_order == NULL || out->actor_rank == NULL ||
        out->type_order == NULL || out->type_rank == NULL ||
        (!by_event && !rel_table_grow(&table, NULL, 0)) ||
        !rank_ids(out->actor_rank, out->actor_order, model, actors, actor_id) ||
        !rank_ids(out->type_rank, out->type_order, model, types, type_id))
        goto nomem;
    for (size_t a = 0; a < actors; a++)
        out->node_of[a] = opts->collapse ? evg__actor_root(model, (uint32_t)a) : (uint32_t)a;

    for (size_t i = 0; i < count; i++) {
        const evg_event *e = evg_model_event(model, events[i]);
#if defined(__GNUC__)
        /* Target lists lie scattered in the model's arena, and the probing
         * below keeps the processor from reading ahead by itself: a million
         * events took 0.15 s without this, 0.03 s with it. */
        if (i + PREFETCH_AHEAD < count)
            __builtin_prefetch(evg_model_event(model, events[i + PREFETCH_AHEAD])->targets);
#endif
        uint32_t from = out->node_of[e->actor];
        seen[from] = i + 1;
        out->activity[from]++;
        int64_t start = 0, end = 0;
        if (e->target_count) {
            start = evg_date_start(&e->date);
            end = evg_date_end(event_last(e));
        }
        for (uint32_t t = 0; t < e->target_count; t++) {
            uint32_t to = out->node_of[e->targets[t]];
            /* Two sides without direction: one relation whichever is named
             * first, so A-B and B-A count together. */
            uint32_t a = from, b = to;
            if (e->undirected && out->actor_rank[b] < out->actor_rank[a])
                a = to, b = from;
            if (seen[to] != i + 1) {
                seen[to] = i + 1;
                out->activity[to]++;
            }
            if (linked[to] == i + 1)
                continue;
            linked[to] = i + 1;
            if (to == from && !opts->self_loops) {
                out->self_relations++;
                continue;
            }
            evg__actors_rel *r = NULL;
            if (!by_event) {
                size_t mask = table.capacity - 1;
                size_t at = rel_hash(a, b, e->type) & mask;
                for (; table.slots[at] != UINT32_MAX; at = (at + 1) & mask) {
                    evg__actors_rel *c = &rels.items[table.slots[at]];
                    if (c->from == a && c->to == b && c->type == e->type &&
                        c->undirected == e->undirected) {
                        r = c;
                        break;
                    }
                }
                if (r) {
                    rel_add_event(r, e, start, end);
                    continue;
                }
                if (rels.count >= UINT32_MAX - 1)
                    goto nomem;
                table.slots[at] = (uint32_t)rels.count;
            }
            if ((r = rel_push(&rels)) == NULL)
                goto nomem;
            *r = (evg__actors_rel){a,
                                   b,
                                   e->type,
                                   1,
                                   events[i],
                                   e->date,
                                   *event_last(e),
                                   start,
                                   end,
                                   out->actor_rank[a],
                                   out->actor_rank[b],
                                   out->type_rank[e->type],
                                   e->undirected};
            if (!by_event && rels.count * 2 > table.capacity &&
                !rel_table_grow(&table, rels.items, rels.count))
                goto nomem;
        }
    }
    out->event_count = count;

    /* Hash order is arbitrary: sort, so identical input gives identical
     * output. By event the rels are already in model order. */
    if (rels.count > 1 && opts->aggregate == EVG_ACTORS_AGGREGATE_TYPE)
        qsort(rels.items, rels.count, sizeof *rels.items, compare_rel_type);
    else if (rels.count > 1 && opts->aggregate == EVG_ACTORS_AGGREGATE_ALL)
        qsort(rels.items, rels.count, sizeof *rels.items, compare_rel_pair);

    out->edges = malloc((rels.count ? rels.count : 1) * sizeof *out->edges);
    if (out->edges == NULL)
        goto nomem;
    for (size_t i = 0; i < rels.count; i++) {
        const evg__actors_rel *r = &rels.items[i];
        out->type_used[r->type] = true;
        evg__actors_edge *edge = out->edge_count ? &out->edges[out->edge_count - 1] : NULL;
        if (opts->aggregate == EVG_ACTORS_AGGREGATE_ALL && edge && edge->from == r->from &&
            edge->to == r->to && edge->undirected == r->undirected) {
            edge->rel_count++;
            edge->count += r->count;
            if (evg_date_compare(&r->first, &edge->first) < 0)
                edge->first = r->first;
            int64_t end = evg_date_end(&edge->last);
            if (r->last_end != end ? r->last_end > end : r->last.precision > edge->last.precision)
                edge->last = r->last;
        } else {
            out->edges[out->edge_count++] = (evg__actors_edge){
                r->from, r->to, (uint32_t)i, 1, r->count, r->first, r->last, r->undirected};
        }
    }
    for (size_t i = 0; i < out->edge_count; i++)
        if (out->edges[i].count > out->max_count)
            out->max_count = out->edges[i].count;
    for (size_t a = 0; a < actors; a++)
        if (out->activity[a] > out->max_activity)
            out->max_activity = out->activity[a];
    out->rels = rels.items;
    out->rel_count = rels.count;
    free(table.slots);
    free(seen);
    free(linked);
    return 0;
nomem:
    free(rels.items);
    free(table.slots);
    free(seen);
    free(linked);
    evg__actors_graph_free(out);
    return EVG_ENOMEM;
}
