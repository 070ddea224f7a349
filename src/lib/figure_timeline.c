/* The timeline figure: options -> filter -> layout -> render -> output. */
#include <evgraph/timeline.h>

#include <stdlib.h>

#include "diag_int.h"
#include "figure_int.h"
#include "output_int.h"
#include "render_int.h"
#include "timeline_int.h"

/* The timeline of the selected events as `format` bytes in *bytes; SVG named
 * through `web` (may be NULL). */
static int draw(char **bytes, size_t *len, const evg_model *model, const evg_timeline_opts *opts,
                evg_format format, evg__svg_web *web, evg__reporter *rep)
{
    if (opts->dpi != 0 &&
        !(opts->dpi >= EVG_TIMELINE_DPI_MIN && opts->dpi <= EVG_TIMELINE_DPI_MAX)) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "dpi %g is out of range (%g to %g)",
                    opts->dpi, EVG_TIMELINE_DPI_MIN, EVG_TIMELINE_DPI_MAX);
        return EVG_EUSAGE;
    }
    uint32_t *events = NULL;
    size_t count = 0;
    int rc = evg_filter_select(&events, &count, model, &opts->filter, rep->fn, rep->payload);
    if (rc)
        return rc;
    evg__tl_layout layout;
    rc = evg__tl_layout_build(&layout, model, events, count, opts, rep);
    if (rc == 0) {
        if (count == 0)
            evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "no events to draw: the figure only says so");
        rc = evg__tl_render(bytes, len, &layout, opts, format, rep, model, web);
    }
    evg__tl_layout_free(&layout);
    free(events);
    return rc;
}

int evg_timeline_write(const evg_model *model, const evg_timeline_opts *opts, const evg_output *out)
{
    evg__reporter rep = {out->diag, out->diag_payload, 0, 0, 0, false};
    evg_timeline_opts defaults = EVG_TIMELINE_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    if (out->format == EVG_FORMAT_GRAPHML || out->format == EVG_FORMAT_GEXF) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "a timeline is no network: %s is written by the actor graph (evgraph actors)",
                    out->format == EVG_FORMAT_GEXF ? "GEXF" : "GraphML");
        return EVG_EUSAGE;
    }
    evg__svg_web web = {0};
    bool svg = out->format == EVG_FORMAT_SVG;
    char *bytes = NULL;
    size_t len = 0;
    int rc = svg ? evg__svg_web_init(&web, out->path, &opts->svg, &rep) : 0;
    if (rc == 0)
        rc = draw(&bytes, &len, model, opts, out->format, svg ? &web : NULL, &rep);
    if (rc == 0)
        rc = evg__output_figure(out, svg ? &web : NULL, &bytes, len, &rep);
    free(bytes);
    evg__svg_web_free(&web);
    return rc;
}

int evg__timeline_svg(char **svg, size_t *len, const evg_model *model,
                      const evg_timeline_opts *opts, evg__svg_web *web, evg__reporter *rep)
{
    char *bytes = NULL;
    size_t bytes_len = 0;
    int rc = draw(&bytes, &bytes_len, model, opts, EVG_FORMAT_SVG, web, rep);
    if (rc == 0)
        rc = evg__output_svg(svg, len, web, bytes, bytes_len, rep);
    free(bytes);
    return rc;
}
