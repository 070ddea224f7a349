/* Fuzz target: any bytes forced through one importer. Built once per input
 * format, named by EVG_FUZZ_FORMAT ("acled", "gdelt" ...) as
 * evg_input_format_parse knows it, so the target stays valid however the
 * importers are arranged in files. Each input is loaded as it comes and
 * with strict checking; an accepted model must hold what the model promises
 * and draw. */
#include <evgraph/evgraph.h>

#include "model_check.h"

#include <stdint.h>
#include <stdlib.h>

#ifndef EVG_FUZZ_FORMAT
#error "build with -DEVG_FUZZ_FORMAT=\"name\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void load_one(const uint8_t *data, size_t size, evg_input_format format, bool strict)
{
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = fuzz_diag_check;
    opts.max_field_bytes = 4096;
    opts.input_format = format;
    opts.strict = strict;
    opts.include_non_root = strict; /* GDELT's two ways, alternately */
    evg_model *model = (evg_model *)&opts;
    int rc = evg_load_memory(&model, "fuzz.csv", data, size, &opts);
    if (rc != 0) {
        if (model != NULL || (rc != EVG_EINVAL && rc != EVG_ELIMIT && rc != EVG_ENOMEM))
            abort();
        return;
    }
    fuzz_model_check(model);
    /* What the importer made must draw (as DOT: the layout engines are
     * Graphviz's). */
    evg_output out = {.path = "/dev/null", .format = EVG_FORMAT_DOT};
    rc = evg_actors_write(model, NULL, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort();
    evg_model_free(model);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static evg_input_format format;
    static bool known;
    if (!known) {
        if (evg_input_format_parse(&format, EVG_FUZZ_FORMAT) != 0)
            abort(); /* the build names a format the library does not know */
        known = true;
    }
    load_one(data, size, format, false);
    load_one(data, size, format, true);
    return 0;
}
