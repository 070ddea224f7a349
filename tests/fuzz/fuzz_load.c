/* Fuzz target: any bytes as an events CSV. The loader must report and
 * return, never crash, leak or read out of bounds; a model it accepts must
 * hold what the model promises. */
#include <evgraph/evgraph.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void ignore(const evg_diag *diag, void *payload)
{
    (void)payload;
    /* Every diagnostic must be printable text of a sane length. */
    if (diag->message == NULL || strlen(diag->message) > 1024)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = ignore;
    opts.max_field_bytes = 4096;
    evg_model *model = (evg_model *)&opts;
    int rc = evg_load_memory(&model, "fuzz.csv", data, size, &opts);
    if (rc != 0) {
        if (model != NULL)
            abort();
        return 0;
    }
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
    evg_model_stats stats;
    evg_model_stats_get(&stats, model);
    evg_model_free(model);
    return 0;
}
