#include "model_int.h"
#include "bigmem_int.h"
#include "date_int.h"

#include <evgraph/diag.h>

#include <stddef.h>

#include <stdlib.h>
#include <string.h>

/* Okabe-Ito colours, distinguishable with the common colour-vision
 * deficiencies, plus a wine and a grey; each type also has its own shape so
 * the figure survives black-and-white printing. The types the imports need
 * (ACLED, CAMEO) take Okabe-Ito's remaining black and yellow, then Paul Tol's
 * muted colours, which are chosen for the same readers. */
static const struct {
    const char *id, *label, *color, *shape;
} builtin_types[] = {
    {"ceasefire", "Ceasefire", "#009E73", "box"},
    {"airstrike", "Airstrike", "#D55E00", "invtriangle"},
    {"visit", "Visit", "#56B4E9", "circle"},
    {"accusation", "Accusation", "#E69F00", "triangle"},
    {"agreement", "Agreement", "#0072B2", "hexagon"},
    {"attack", "Attack", "#882255", "diamond"},
    {"meeting", "Meeting", "#CC79A7", "pentagon"},
    {"statement", "Statement", "#7F7F7F", "ellipse"},
    {"armed-clash", "Armed clash", "#000000", "star"},
    {"shelling", "Shelling", "#332288", "invhouse"},
    {"ceasefire-violation", "Ceasefire violation", "#999933", "parallelogram"},
    {"use-of-force", "Use of force", "#CC6677", "octagon"},
    {"protest", "Protest", "#F0E442", "house"},
    {"riot", "Riot", "#44AA99", "doublecircle"},
    {"other", "Other", "#BBBBBB", "trapezium"},
};

void *evg__model_push(void **items, size_t *count, size_t *cap, size_t item_size)
{
    if (*count == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        void *p = realloc(*items, n * item_size);
        if (p == NULL)
            return NULL;
        *items = p;
        *cap = n;
    }
    char *item = (char *)*items + (*count)++ * item_size;
    memset(item, 0, item_size);
    return item;
}

_Static_assert(offsetof(evg_actor, id) == 0, "sort_by_id reads the id first");
_Static_assert(offsetof(evg_type, id) == 0, "sort_by_id reads the id first");

/* An id with its index: sorting these needs no global state. `head` holds
 * the eight bytes after the prefix every id shares, in an integer that
 * orders as they do, so ids themselves are compared only when those are
 * equal: 100,000 actors are sorted without reading an id string again
 * (each read a cache miss). */
typedef struct id_entry {
    const char *id;
    uint64_t head;
    uint32_t index;
} id_entry;

static int compare_entries(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    if (x->head != y->head)
        return x->head < y->head ? -1 : 1;
    return strcmp(x->id, y->id);
}

uint64_t evg__id_head(const char *id)
{
    uint64_t head = 0;
    size_t i = 0;
    for (; i < 8 && id[i]; i++)
        head = head << 8 | (unsigned char)id[i];
    /* An empty id is 0 (a shift by 64 bits is undefined). */
    return i ? head << (8 * (8 - i)) : 0;
}

/* Fills order[] with the indices of `count` items, those from `first` on
 * sorted by id (the ones before keep their place). */
static int sort_by_id(uint32_t *order, size_t first, size_t count, const void *items,
                      size_t size)
{
    id_entry *entries = malloc((count + 1) * sizeof *entries);
    if (entries == NULL)
        return EVG_ENOMEM;
    size_t shared = SIZE_MAX;
    for (size_t i = 0; i < count; i++) {
        /* Every item struct begins with its `const char *id`. */
        entries[i].id = *(const char *const *)((const char *)items + i * size);
        entries[i].index = (uint32_t)i;
        if (i > first) {
            size_t k = 0;
            while (k < shared && entries[first].id[k] && entries[i].id[k] == entries[first].id[k])
                k++;
            shared = k;
        }
    }
    if (shared == SIZE_MAX)
        shared = 0;
    for (size_t i = first; i < count; i++)
        entries[i].head = evg__id_head(entries[i].id + shared);
    if (count > first)
        qsort(entries + first, count - first, sizeof *entries, compare_entries);
    for (size_t i = 0; i < count; i++)
        order[i] = entries[i].index;
    free(entries);
    return 0;
}

/* Reorders `count` items of `size` bytes so that item i becomes the item
 * order[i] was; fills renumber[old] = new. */
static int permute(void *items, size_t count, size_t size, const uint32_t *order,
                   uint32_t *renumber)
{
    if (count == 0)
        return 0;
    char *copy = malloc(count * size);
    if (copy == NULL)
        return EVG_ENOMEM;
    memcpy(copy, items, count * size);
    for (size_t i = 0; i < count; i++) {
        memcpy((char *)items + i * size, copy + order[i] * size, size);
        renumber[order[i]] = (uint32_t)i;
    }
    free(copy);
    return 0;
}

/* Renumbers a list in place, or into `*room` (advanced) when there is one. */
static const uint32_t *renumber_list(const uint32_t *list, uint32_t count,
                                     const uint32_t *renumber, uint32_t **room)
{
    /* The lists live in the model's own arena: const only to its users. */
    if (count == 0)
        return list;
    uint32_t *items = *room ? *room : (uint32_t *)list;
    for (uint32_t i = 0; i < count; i++)
        items[i] = renumber[list[i]];
    if (*room)
        *room += count;
    return items;
}

/* Room for every event's target and ally lists, to copy them in event
 * order: they were written in file order, and figures read them in date
 * order, where a list per event is a cache miss per event (a fifth of a
 * million-event timeline's layout, measured). NULL: renumber in place. */
static uint32_t *list_room(evg_model *m)
{
    size_t total = 0;
    for (size_t i = 0; i < m->event_count; i++)
        total += (size_t)m->events[i].target_count + m->events[i].ally_count;
    return total ? evg__arena_alloc(&m->arena, total * sizeof(uint32_t)) : NULL;
}

int evg__model_canonical_order(evg_model *m)
{
    size_t na = m->actor_count, nt = m->type_count;
    size_t builtin = sizeof builtin_types / sizeof builtin_types[0];
    uint32_t *order = malloc((na + nt + 1) * sizeof *order);
    uint32_t *actor_renumber = malloc((na + 1) * sizeof *actor_renumber);
    uint32_t *type_renumber = malloc((nt + 1) * sizeof *type_renumber);
    int rc = order && actor_renumber && type_renumber ? 0 : EVG_ENOMEM;
    if (rc == 0)
        rc = sort_by_id(order, 0, na, m->actors, sizeof *m->actors);
    if (rc == 0)
        rc = permute(m->actors, na, sizeof *m->actors, order, actor_renumber);
    if (rc == 0)
        rc = sort_by_id(order, builtin, nt, m->types, sizeof *m->types);
    if (rc == 0)
        rc = permute(m->types, nt, sizeof *m->types, order, type_renumber);
    if (rc == 0) {
        for (size_t i = 0; i < na; i++)
            if (m->actors[i].parent != EVG_NO_INDEX)
                m->actors[i].parent = actor_renumber[m->actors[i].parent];
        uint32_t *room = list_room(m);
        for (size_t i = 0; i < m->event_count; i++) {
            evg_event *e = &m->events[i];
            e->actor = actor_renumber[e->actor];
            e->type = type_renumber[e->type];
            e->targets = renumber_list(e->targets, e->target_count, actor_renumber, &room);
            e->allies = renumber_list(e->allies, e->ally_count, actor_renumber, &room);
        }
        /* The maps keep their keys: only the indices change. */
        evg__strmap_renumber(&m->actor_ids, actor_renumber);
        evg__strmap_renumber(&m->type_ids, type_renumber);
    }
    free(order);
    free(actor_renumber);
    free(type_renumber);
    return rc;
}

int evg__model_reserve_events(evg_model *m, size_t count)
{
    if (count <= m->event_cap)
        return 0;
    evg_event *events = m->events ? realloc(m->events, count * sizeof *events)
                                  : evg__big_alloc(count * sizeof *events);
    if (events == NULL)
        return EVG_ENOMEM;
    m->events = events;
    m->event_cap = count;
    return 0;
}

uint32_t evg__model_claim_event_id(evg_model *m, const char *id)
{
    return evg__strmap_put(&m->event_ids, id, (uint32_t)m->event_count);
}

evg_event *evg__model_add_event(evg_model *m, const char *id)
{
    evg_event *e = evg__model_push((void **)&m->events, &m->event_count, &m->event_cap, sizeof *e);
    if (e == NULL)
        return NULL;
    e->id = id;
    return e;
}

evg_model *evg__model_new(void)
{
    evg_model *m = calloc(1, sizeof *m);
    if (m == NULL)
        return NULL;
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++) {
        evg_type *t = evg__model_push((void **)&m->types, &m->type_count, &m->type_cap, sizeof *t);
        if (t == NULL || evg__strmap_put(&m->type_ids, builtin_types[i].id, (uint32_t)i) != i) {
            evg_model_free(m);
            return NULL;
        }
        *t = (evg_type){builtin_types[i].id, builtin_types[i].label, builtin_types[i].color,
                        builtin_types[i].shape, true};
    }
    return m;
}

void evg_model_free(evg_model *model)
{
    if (model == NULL)
        return;
    evg__arena_free(&model->arena);
    evg__arena_free(&model->ids);
    free(model->events);
    free(model->actors);
    free(model->types);
    evg__strmap_free(&model->event_ids);
    evg__strmap_free(&model->actor_ids);
    evg__strmap_free(&model->type_ids);
    free(model);
}

size_t evg_model_event_count(const evg_model *model)
{
    return model->event_count;
}

const evg_event *evg_model_event(const evg_model *model, size_t index)
{
    return index < model->event_count ? &model->events[index] : NULL;
}

size_t evg_model_actor_count(const evg_model *model)
{
    return model->actor_count;
}

const evg_actor *evg_model_actor(const evg_model *model, size_t index)
{
    return index < model->actor_count ? &model->actors[index] : NULL;
}

size_t evg_model_type_count(const evg_model *model)
{
    return model->type_count;
}

const evg_type *evg_model_type(const evg_model *model, size_t index)
{
    return index < model->type_count ? &model->types[index] : NULL;
}

uint32_t evg_model_find_actor(const evg_model *model, const char *id)
{
    return evg__strmap_get(&model->actor_ids, id);
}

uint32_t evg_model_find_type(const evg_model *model, const char *id)
{
    return evg__strmap_get(&model->type_ids, id);
}

uint32_t evg_model_find_event(const evg_model *model, const char *id)
{
    return evg__strmap_get(&model->event_ids, id);
}

void evg_model_stats_get(evg_model_stats *out, const evg_model *model)
{
    memset(out, 0, sizeof *out);
    out->events = model->event_count;
    bool *actor_seen = calloc(model->actor_count + 1, 1);
    bool *type_seen = calloc(model->type_count + 1, 1);
    int64_t last_end = 0;
    /* Sorted events share dates: an end is computed once per run of them. */
    const evg_date *prev = NULL;
    int64_t prev_end = 0;
    for (size_t i = 0; i < model->event_count; i++) {
        const evg_event *e = &model->events[i];
        if (i == 0)
            out->first = e->date;
        const evg_date *last = e->end_date.precision ? &e->end_date : &e->date;
        if (prev == NULL || !evg__same_instant(prev, last))
            prev_end = evg_date_end(last);
        prev = last;
        if (i == 0 || prev_end > last_end) {
            last_end = prev_end;
            out->last = *last;
        }
        if (type_seen && !type_seen[e->type]) {
            type_seen[e->type] = true;
            out->types_used++;
        }
        if (actor_seen == NULL)
            continue;
        if (!actor_seen[e->actor]) {
            actor_seen[e->actor] = true;
            out->actors++;
        }
        for (uint32_t t = 0; t < e->target_count; t++) {
            if (!actor_seen[e->targets[t]]) {
                actor_seen[e->targets[t]] = true;
                out->actors++;
            }
        }
    }
    free(actor_seen);
    free(type_seen);
}

const char *evg_certainty_name(evg_certainty certainty)
{
    switch (certainty) {
    case EVG_CERTAINTY_UNSPECIFIED:
        return "";
    case EVG_CERTAINTY_CONFIRMED:
        return "confirmed";
    case EVG_CERTAINTY_REPORTED:
        return "reported";
    case EVG_CERTAINTY_CLAIMED:
        return "claimed";
    case EVG_CERTAINTY_DISPUTED:
        return "disputed";
    }
    return "";
}
