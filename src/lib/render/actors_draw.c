/* The actor graph's drawing, as the figure driver sees it (render_int.h):
 * one figure, or a --by set laid out once and drawn period by period. */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"
#include "render_int.h"

#include <stdlib.h>
#include <string.h>

struct evg__actors_drawing {
    figure f;
    evg_format format;
    positions pos;       /* with f.pinned: the layout of all periods */
    double legend[2];    /* the largest legend measured (points) */
    int32_t *shown_edge; /* all's edge -> the shown graph's edge, when pinned */
    unsigned char *type_line;
    evg__buf sources;
};

/* How the figures of one call are drawn, from the options and the number of
 * edges of the graph of all periods. */
static style choose_style(const evg_actors_opts *opts, size_t edges)
{
    style st = {evg_actors_layout_name(opts->layout), opts->layout, false, false};
    switch (opts->layout) {
    case EVG_ACTORS_LAYOUT_AUTO:
        st.engine = edges <= EVG_ACTORS_DOT_EDGES_MAX ? "dot" : "fdp";
        st.edge_labels = edges <= EVG_ACTORS_DOT_LABELS_MAX;
        st.clusters = true;
        break;
    case EVG_ACTORS_LAYOUT_DOT:
        st.edge_labels = true;
        st.clusters = true;
        break;
    case EVG_ACTORS_LAYOUT_FDP:
        st.clusters = true;
        break;
    default:
        break;
    }
    st.clusters = st.clusters && !opts->collapse;
    return st;
}

const char *evg__actors_drawing_engine(const evg__actors_drawing *drawing)
{
    return drawing->f.style.engine;
}

int evg__actors_drawing_new(evg__actors_drawing **out, const evg_model *model,
                            const evg_actors_opts *opts, const evg__actors_graph *all,
                            evg_format format)
{
    *out = NULL;
    evg__actors_drawing *d = calloc(1, sizeof *d);
    if (d == NULL)
        return EVG_ENOMEM;
    size_t actors = all->actor_count, nodes = all->node_count;
    figure *f = &d->f;
    f->model = model;
    f->opts = opts;
    f->all = f->shown = all;
    f->style = choose_style(opts, all->edge_count);
    f->width = opts->width > 0 ? opts->width : opts->page.width > 0 ? opts->page.width : 482.0;
    f->min_text = opts->min_text > 0 ? opts->min_text : EVG_MIN_TEXT_DEFAULT;
    f->dpi = format == EVG_FORMAT_PNG ? (opts->dpi > 0 ? opts->dpi : 150.0) : 0;
    d->format = format;
    d->type_line = evg__ag_type_lines(model, all);
    f->type_line = d->type_line;
    f->has_members = calloc(actors + 1, sizeof *f->has_members);
    f->node = calloc(nodes + 1, sizeof *f->node);
    f->cluster = calloc(actors + 1, sizeof *f->cluster);
    f->chain = calloc(actors + 1, sizeof *f->chain);
    if (d->type_line == NULL || f->has_members == NULL || f->node == NULL || f->cluster == NULL ||
        f->chain == NULL) {
        evg__actors_drawing_free(d);
        return EVG_ENOMEM;
    }
    /* Every ancestor of a drawn actor holds members. The walk stops at the
     * first ancestor already marked, so the whole pass is linear. */
    for (size_t a = 0; a < actors; a++) {
        if (!all->degree[a])
            continue;
        for (uint32_t up = evg_model_actor(model, a)->parent; up != EVG_NO_INDEX;
             up = evg_model_actor(model, up)->parent) {
            if (f->has_members[up])
                break;
            f->has_members[up] = true;
        }
    }
    *out = d;
    return 0;
}

void evg__actors_drawing_free(evg__actors_drawing *d)
{
    if (d == NULL)
        return;
    evg__ag_positions_free(&d->pos, d->f.all->edge_count);
    free(d->shown_edge);
    free(d->type_line);
    free(d->sources.data);
    free(d->f.has_members);
    free(d->f.node);
    free(d->f.cluster);
    free(d->f.chain);
    free(d);
}

/* Points the figure at what one drawing shows. */
static int show(evg__actors_drawing *d, const evg__actors_graph *shown, const char *period,
                const uint32_t *events, size_t count)
{
    figure *f = &d->f;
    d->sources.len = 0;
    int rc = evg__ag_sources_html(&d->sources, f->model, events, count);
    f->shown = shown;
    f->period = period;
    f->sources = d->sources.data;
    f->events = events;
    f->event_count = count;
    return rc;
}

int evg__actors_drawing_pin(evg__actors_drawing *d, const uint32_t *events, size_t count,
                            evg__reporter *rep)
{
    int rc = show(d, d->f.all, NULL, events, count);
    /* A fit may have built a graph before: forget its objects. */
    memset(d->f.node, 0, (d->f.all->node_count + 1) * sizeof *d->f.node);
    memset(d->f.cluster, 0, (d->f.all->actor_count + 1) * sizeof *d->f.cluster);
    if (rc == 0)
        rc = evg__ag_pin(&d->pos, &d->f, rep);
    if (rc == 0) {
        d->shown_edge = malloc((d->f.all->edge_count + 1) * sizeof *d->shown_edge);
        if (d->shown_edge == NULL)
            rc = EVG_ENOMEM;
    }
    if (rc == 0)
        d->f.pinned = &d->pos;
    return rc;
}

int evg__actors_drawing_measure(evg__actors_drawing *d, const evg__actors_graph *shown,
                                const char *period, const uint32_t *events, size_t count,
                                evg__reporter *rep)
{
    int rc = show(d, shown, period, events, count);
    if (rc == 0) {
        evg__gv_lock();
        rc = evg__ag_measure_label(&d->f, d->legend, rep);
        evg__gv_unlock();
    }
    return rc;
}

int evg__actors_render(char **out, size_t *out_len, evg__actors_drawing *d,
                       const evg__actors_graph *shown, const char *period, const char *graph_name,
                       const uint32_t *events, size_t count, evg__svg_web *web, evg__reporter *rep)
{
    *out = NULL;
    *out_len = 0;
    figure *f = &d->f;
    int rc = show(d, shown, period, events, count);
    if (rc)
        return rc;
    if (f->pinned) {
        f->label_width = d->legend[0];
        f->label_height = d->legend[1];
        evg__ag_match_edges(d->shown_edge, f->all, shown, f->opts->aggregate);
        f->shown_edge = d->shown_edge;
    }
    size_t actors = f->all->actor_count;
    memset(f->node, 0, (f->all->node_count + 1) * sizeof *f->node);
    memset(f->cluster, 0, (actors + 1) * sizeof *f->cluster);
    f->web = d->format == EVG_FORMAT_SVG ? web : NULL;
    evg__ag_built fig;
    evg__gv_lock();
    if ((rc = evg__ag_build(&fig, f, graph_name, rep)) == 0) {
        if (d->format == EVG_FORMAT_DOT) {
            /* The text as built: what `dot FILE.dot` lays out. */
            *out = fig.dot;
            *out_len = fig.dot_len;
            fig.dot = NULL;
        } else {
            rc = evg__gv_render(out, out_len, fig.graph, f->pinned ? "nop2" : f->style.engine,
                                d->format, rep);
        }
        evg__ag_built_free(&fig);
    }
    evg__gv_unlock();
    f->web = NULL;
    return rc;
}

int evg__actors_fit(double *width, double *height, size_t *overlaps, evg__actors_drawing *d,
                    const uint32_t *events, size_t count, evg__reporter *rep)
{
    figure *f = &d->f;
    int rc = show(d, f->all, NULL, events, count);
    if (rc)
        return rc;
    memset(f->node, 0, (f->all->node_count + 1) * sizeof *f->node);
    memset(f->cluster, 0, (f->all->actor_count + 1) * sizeof *f->cluster);
    evg__ag_fit fit;
    rc = evg__ag_fit_measure(&fit, f, rep);
    *width = fit.width;
    *height = fit.height;
    *overlaps = fit.overlaps;
    return rc;
}

void evg__actors_drawing_short_labels(evg__actors_drawing *d, bool short_labels)
{
    d->f.short_labels = short_labels;
}

void evg__actors_drawing_mixed_edges(evg__actors_drawing *d, bool mixed)
{
    d->f.mixed_edges = mixed;
}

void evg__actors_drawing_count_labels(evg__actors_drawing *d, bool counts)
{
    d->f.count_labels = counts;
}

void evg__actors_drawing_scale_to_width(evg__actors_drawing *d)
{
    d->f.scale_to_width = true;
}
