/* Fuzz target: any bytes as an events CSV, through the whole path to the
 * graphs: load, then build the timeline and the actor graph and write them
 * as DOT (the layout engines themselves are Graphviz's, not fuzzed here). */
#include <evgraph/evgraph.h>

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.max_field_bytes = 4096;
    evg_model *model;
    if (evg_load_memory(&model, "fuzz.csv", data, size, &opts) != 0)
        return 0;
    evg_output out = {.path = "/dev/null", .format = EVG_FORMAT_DOT};
    evg_timeline_opts timeline = EVG_TIMELINE_OPTS_INIT;
    int rc = evg_timeline_write(model, &timeline, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort(); /* a valid model always draws */
    timeline.bin = EVG_TIMELINE_BIN_NONE;
    timeline.lanes = EVG_TIMELINE_LANES_LOCATION;
    timeline.scale = EVG_TIMELINE_SCALE_ORDINAL;
    evg_timeline_write(model, &timeline, &out);
    evg_actors_opts actors = EVG_ACTORS_OPTS_INIT;
    rc = evg_actors_write(model, &actors, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort();
    actors.aggregate = EVG_ACTORS_AGGREGATE_NONE;
    actors.collapse = true;
    actors.self_loops = true;
    evg_actors_write(model, &actors, &out);
    evg_model_free(model);
    return 0;
}
