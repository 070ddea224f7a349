/* The actor graph figure: options -> filter -> aggregate (layout/actors.c)
 * -> render (render/actors_*.c) -> SVG post-processing and writing (output/).
 * With --by, one file per period, all laid out alike. */
#include <evgraph/actors.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actors_int.h"
#include "figure_int.h"
#include "output_int.h"
#include "render_int.h"

/* Everything one call works on. */
typedef struct job {
    const evg_model *model;
    const evg_actors_opts *opts;
    const evg_output *out;
    evg__reporter rep;
    uint32_t *events; /* selected, in model order */
    size_t count;
    evg__actors_graph all;
    evg__actors_drawing *drawing;
} job;

static void job_free(job *j)
{
    evg__actors_drawing_free(j->drawing);
    evg__actors_graph_free(&j->all);
    free(j->events);
}

/* The screen reader's name and description of one figure. */
static void web_describe(evg__svg_web *web, const evg_actors_opts *opts,
                         const evg__actors_graph *shown, const char *period)
{
    web->title.len = web->desc.len = 0;
    evg__buf_str(&web->title, opts->title ? opts->title : "Actor graph");
    if (period)
        evg__buf_printf(&web->desc, "%s: ", period);
    size_t actors = 0;
    for (size_t a = 0; a < shown->actor_count; a++)
        actors += shown->activity[a] != 0;
    evg__buf_printf(&web->desc, "Who acts on whom: %zu actors, %zu relations, %zu events", actors,
                    shown->edge_count, shown->event_count);
}

static int check_opts(const evg_actors_opts *opts, evg__reporter *rep)
{
    int rc = 0;
    if (opts->width != 0 &&
        !(opts->width >= EVG_ACTORS_WIDTH_MIN && opts->width <= EVG_ACTORS_WIDTH_MAX)) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "width %g pt is out of range (%g to %g pt, 8 to 200 cm)", opts->width,
                    EVG_ACTORS_WIDTH_MIN, EVG_ACTORS_WIDTH_MAX);
        rc = EVG_EUSAGE;
    }
    if (opts->dpi != 0 && !(opts->dpi >= EVG_ACTORS_DPI_MIN && opts->dpi <= EVG_ACTORS_DPI_MAX)) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "dpi %g is out of range (%g to %g)",
                    opts->dpi, EVG_ACTORS_DPI_MIN, EVG_ACTORS_DPI_MAX);
        rc = EVG_EUSAGE;
    }
    return rc;
}

/* Warnings about layouts that will be slow or dense. */
static void warn_density(const evg_actors_opts *opts, size_t edges, evg__reporter *rep)
{
    /* Measured with 50 actors: dot with 400 labelled edges takes 2 to 50 s,
     * circo 11 s (1.2 s at 200). */
    if (opts->layout == EVG_ACTORS_LAYOUT_DOT && edges > EVG_ACTORS_DOT_LABELS_MAX)
        evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "dot lays out %zu edge labels slowly (seconds to minutes); the default "
                    "layout places them beside the edges instead",
                    edges);
    if (edges > EVG_ACTORS_DOT_EDGES_MAX)
        evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "%zu edges make a figure too dense to read; --aggregate all, --collapse "
                    "or the filters draw fewer",
                    edges);
    if (opts->layout == EVG_ACTORS_LAYOUT_CIRCO && edges > 200)
        evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "circo lays out %zu edges slowly (seconds to minutes); the default layout "
                    "is faster",
                    edges);
}

/* Options, selection, aggregation and the drawing, for `format`. */
static int prepare(job *j, evg_format format)
{
    int rc = check_opts(j->opts, &j->rep);
    if (rc == 0)
        rc = evg_filter_select(&j->events, &j->count, j->model, &j->opts->filter, j->rep.fn,
                               j->rep.payload);
    if (rc)
        return rc;
    if (j->opts->by != EVG_PERIOD_NONE && strcmp(j->out->path, "-") == 0) {
        evg__report(&j->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "--by writes one file per period: it needs a file name, not standard "
                    "output");
        return EVG_EUSAGE;
    }
    if ((rc = evg__actors_aggregate(&j->all, j->model, j->events, j->count, j->opts)) != 0)
        return rc;
    if (j->opts->max_edges && j->all.edge_count > j->opts->max_edges) {
        evg__report(&j->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "%zu edges to draw, more than the limit of %zu: aggregate them "
                    "(--aggregate type or all) or select fewer events",
                    j->all.edge_count, j->opts->max_edges);
        return EVG_ELIMIT;
    }
    warn_density(j->opts, j->all.edge_count, &j->rep);
    return evg__actors_drawing_new(&j->drawing, j->model, j->opts, &j->all, format);
}

/* One figure of every selected event, as bytes; SVG named through `web`. */
static int draw_whole(char **bytes, size_t *len, job *j, evg__svg_web *web)
{
    if (j->count == 0)
        evg__report(&j->rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "no events to draw: the figure is empty");
    if (web)
        web_describe(web, j->opts, &j->all, NULL);
    return evg__actors_render(bytes, len, j->drawing, &j->all, NULL, "actors", j->events, j->count,
                              web, &j->rep);
}

/* The periods of a --by set. */
typedef struct periods {
    size_t *starts; /* count + 1 offsets into the job's events */
    int32_t *keys;
    size_t count;
} periods;

/* The events and graph of period p. */
static int period_graph(evg__actors_graph *out, const job *j, const periods *ps, size_t p)
{
    evg__actors_graph_free(out);
    return evg__actors_aggregate(out, j->model, j->events + ps->starts[p],
                                 ps->starts[p + 1] - ps->starts[p], j->opts);
}

/* Draws and writes period p of a pinned set. */
static int write_period(job *j, const periods *ps, size_t p, evg__actors_graph *graph, char *path,
                        size_t path_size)
{
    char name[EVG__PERIOD_NAME_MAX], graph_name[EVG__PERIOD_NAME_MAX + 8];
    evg__period_name(name, sizeof name, ps->keys[p], j->opts->by);
    snprintf(graph_name, sizeof graph_name, "actors-%s", name);
    evg_period_path(path, path_size, j->out->path, name);
    evg__svg_web web = {0};
    bool svg = j->out->format == EVG_FORMAT_SVG;
    int rc = period_graph(graph, j, ps, p);
    if (rc == 0 && svg && (rc = evg__svg_web_init(&web, path, &j->opts->svg, &j->rep)) == 0)
        web_describe(&web, j->opts, graph, name);
    char *bytes = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = evg__actors_render(&bytes, &len, j->drawing, graph, name, graph_name,
                                j->events + ps->starts[p], ps->starts[p + 1] - ps->starts[p],
                                svg ? &web : NULL, &j->rep);
    if (rc == 0)
        rc = evg__output_figure(path, svg ? &web : NULL, bytes, len, &j->rep);
    free(bytes);
    evg__svg_web_free(&web);
    return rc;
}

/* Small multiples: lay out all periods together once, then draw each
 * period with every position, spline and label place pinned. */
static int write_by_period(job *j)
{
    if (j->count == 0) {
        evg__report(&j->rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "no events to draw: no file written");
        return 0;
    }
    periods ps = {0};
    size_t coarse = 0;
    int rc = evg__period_split(&ps.starts, &ps.keys, &ps.count, &coarse, j->model, j->events,
                               j->count, j->opts->by);
    if (rc)
        return rc;
    if (coarse)
        evg__report(&j->rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "%zu event%s dated by year only, counted in the first %s of the year", coarse,
                    coarse == 1 ? "" : "s", j->opts->by == EVG_PERIOD_MONTH ? "month" : "quarter");
    evg__actors_graph graph = {0};
    size_t path_size = strlen(j->out->path) + EVG__PERIOD_NAME_MAX + 2;
    char *path = malloc(path_size);
    if (path == NULL)
        rc = EVG_ENOMEM;
    if (rc == 0)
        rc = evg__actors_drawing_pin(j->drawing, j->events, j->count, &j->rep);
    /* The size of the largest legend first, then the figures. */
    for (size_t p = 0; p < ps.count && rc == 0; p++) {
        char name[EVG__PERIOD_NAME_MAX];
        evg__period_name(name, sizeof name, ps.keys[p], j->opts->by);
        if ((rc = period_graph(&graph, j, &ps, p)) == 0)
            rc = evg__actors_drawing_measure(j->drawing, &graph, name, j->events + ps.starts[p],
                                             ps.starts[p + 1] - ps.starts[p], &j->rep);
    }
    for (size_t p = 0; p < ps.count && rc == 0; p++)
        rc = write_period(j, &ps, p, &graph, path, path_size);
    evg__actors_graph_free(&graph);
    free(path);
    free(ps.starts);
    free(ps.keys);
    return rc;
}

int evg_actors_write(const evg_model *model, const evg_actors_opts *opts, const evg_output *out)
{
    evg_actors_opts defaults = EVG_ACTORS_OPTS_INIT;
    job j = {.model = model, .opts = opts ? opts : &defaults, .out = out};
    j.rep = (evg__reporter){out->diag, out->diag_payload, 0, 0, 0, false};
    int rc = prepare(&j, out->format);
    if (rc == 0 && j.opts->by != EVG_PERIOD_NONE) {
        rc = write_by_period(&j);
    } else if (rc == 0) {
        evg__svg_web web = {0};
        bool svg = out->format == EVG_FORMAT_SVG;
        char *bytes = NULL;
        size_t len = 0;
        if (svg)
            rc = evg__svg_web_init(&web, out->path, &j.opts->svg, &j.rep);
        if (rc == 0)
            rc = draw_whole(&bytes, &len, &j, svg ? &web : NULL);
        if (rc == 0)
            rc = evg__output_figure(out->path, svg ? &web : NULL, bytes, len, &j.rep);
        free(bytes);
        evg__svg_web_free(&web);
    }
    job_free(&j);
    return rc;
}

int evg__actors_svg(char **svg, size_t *len, const evg_model *model, const evg_actors_opts *opts,
                    evg__svg_web *web, evg__reporter *rep)
{
    evg_actors_opts whole = *opts;
    whole.by = EVG_PERIOD_NONE;
    evg_output out = {.path = "-", .format = EVG_FORMAT_SVG};
    job j = {.model = model, .opts = &whole, .out = &out, .rep = *rep};
    char *bytes = NULL;
    size_t bytes_len = 0;
    int rc = prepare(&j, EVG_FORMAT_SVG);
    if (rc == 0)
        rc = draw_whole(&bytes, &bytes_len, &j, web);
    if (rc == 0)
        rc = evg__output_svg(svg, len, web, bytes, bytes_len, &j.rep);
    free(bytes);
    job_free(&j);
    rep->errors = j.rep.errors;
    rep->warnings = j.rep.warnings;
    return rc;
}
