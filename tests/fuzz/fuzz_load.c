/* Fuzz target: any bytes as an events CSV. The loader must report and
 * return, never crash, leak or read out of bounds; a model it accepts must
 * hold what the model promises. */
#include <evgraph/evgraph.h>

#include "model_check.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = fuzz_diag_check;
    opts.max_field_bytes = 4096;
    evg_model *model = (evg_model *)&opts;
    int rc = evg_load_memory(&model, "fuzz.csv", data, size, &opts);
    if (rc != 0) {
        if (model != NULL)
            abort();
        return 0;
    }
    fuzz_model_check(model);
    evg_model_free(model);
    return 0;
}
