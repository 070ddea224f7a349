/* The timeline figure: options -> filter -> layout -> render -> output. */
#include <evgraph/timeline.h>

#include <stdlib.h>

#include "diag_int.h"
#include "timeline_int.h"

int evg_timeline_write(const evg_model *model, const evg_timeline_opts *opts,
                       const evg_output *out)
{
    return evg__timeline_write_web(model, opts, out, NULL);
}

int evg__timeline_write_web(const evg_model *model, const evg_timeline_opts *opts,
                            const evg_output *out, struct evg__svg_web *web)
{
    evg__reporter rep = {out->diag, out->diag_payload, 0, 0, 0, false};
    evg_timeline_opts defaults = EVG_TIMELINE_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    if (opts->dpi != 0 && !(opts->dpi >= EVG_TIMELINE_DPI_MIN && opts->dpi <= EVG_TIMELINE_DPI_MAX)) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "dpi %g is out of range (%g to %g)",
                    opts->dpi, EVG_TIMELINE_DPI_MIN, EVG_TIMELINE_DPI_MAX);
        return EVG_EUSAGE;
    }
    uint32_t *events = NULL;
    size_t count = 0;
    int rc = evg_filter_select(&events, &count, model, &opts->filter, out->diag,
                               out->diag_payload);
    if (rc)
        return rc;
    evg__tl_layout layout;
    rc = evg__tl_layout_build(&layout, model, events, count, opts, &rep);
    if (rc == 0) {
        if (count == 0)
            evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "no events to draw: the figure only says so");
        rc = evg__tl_render(&layout, opts, out, &rep, model, web);
    }
    evg__tl_layout_free(&layout);
    free(events);
    return rc;
}
