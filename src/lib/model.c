#include "model_int.h"

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
    for (size_t i = 0; i < model->event_count; i++) {
        const evg_event *e = &model->events[i];
        if (i == 0)
            out->first = e->date;
        const evg_date *last = e->end_date.precision ? &e->end_date : &e->date;
        if (i == 0 || evg_date_end(last) > last_end) {
            last_end = evg_date_end(last);
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

const char *evg_actor_kind_name(evg_actor_kind kind)
{
    switch (kind) {
    case EVG_ACTOR_STATE:
        return "state";
    case EVG_ACTOR_PERSON:
        return "person";
    case EVG_ACTOR_ORGANIZATION:
        return "organization";
    case EVG_ACTOR_ARMED_GROUP:
        return "armed_group";
    case EVG_ACTOR_OTHER:
        return "other";
    }
    return "other";
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
