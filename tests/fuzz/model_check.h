/* What every fuzz target that loads checks of a model the loader accepted:
 * it holds what evgraph/model.h promises. Aborts otherwise. */
#ifndef EVG_FUZZ_MODEL_CHECK_H
#define EVG_FUZZ_MODEL_CHECK_H

#include <evgraph/evgraph.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Every diagnostic must be printable text of a sane length. */
static void fuzz_diag_check(const evg_diag *diag, void *payload)
{
    (void)payload;
    if (diag->message == NULL || strlen(diag->message) > 1024)
        abort();
}

static void fuzz_model_check(const evg_model *model)
{
    size_t n = evg_model_event_count(model);
    for (size_t i = 0; i < n; i++) {
        const evg_event *e = evg_model_event(model, i);
        if (e->id == NULL || evg_model_type(model, e->type) == NULL ||
            evg_model_actor(model, e->actor) == NULL)
            abort();
        for (uint32_t t = 0; t < e->target_count; t++)
            if (evg_model_actor(model, e->targets[t]) == NULL)
                abort();
        for (uint32_t r = 0; r < e->related_count; r++)
            if (evg_model_event(model, e->related[r]) == NULL)
                abort();
        if (evg_model_find_event(model, e->id) != i)
            abort();
        if (i > 0 && evg_date_compare(&evg_model_event(model, i - 1)->date, &e->date) > 0)
            abort();
    }
    /* Parents are actors, and no chain of parents comes back on itself
     * (the loader refuses cycles): every walk ends within actor_count steps. */
    size_t actors = evg_model_actor_count(model);
    for (size_t a = 0; a < actors; a++) {
        uint32_t p = evg_model_actor(model, a)->parent;
        for (size_t steps = 0; p != EVG_NO_INDEX; steps++) {
            if (steps >= actors || evg_model_actor(model, p) == NULL)
                abort();
            p = evg_model_actor(model, p)->parent;
        }
    }
    evg_model_stats stats;
    evg_model_stats_get(&stats, model);
}

#endif
