/* The actor graph figure: options -> filter -> aggregate (layout/actors.c)
 * -> render (render/actors_*.c) -> SVG post-processing and writing (output/).
 * With --by, one file per period, all laid out alike. */
#include <evgraph/actors.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    evg_actors_opts fitted; /* opts with the min_count the fit chose */
    uint32_t *fold;         /* actor -> drawn node */
    size_t others_min;      /* and the minimum count of edges at "others" nodes */
    bool size_ok;           /* the last try fits the page's size */
    size_t overlaps;        /* and has this many overlapping texts */
    /* What `all` was aggregated for in the page fit: so many actors drawn,
     * with relations by pair or not (SIZE_MAX: nothing yet). The tries of
     * edge labels for one count of actors share two aggregations, each a
     * pass over every event. */
    size_t all_k;
    bool all_pairs;
} job;

static void job_free(job *j)
{
    free(j->fold);
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

/* Fitting the page: the actors ranked by activity, the first k drawn and
 * the rest folded into one "others" node per kind; relations under a
 * threshold hidden. Each try lays the graph out at its final size. */
typedef struct ranking {
    uint32_t *nodes; /* nodes with a relation, most active first */
    size_t count;
    const evg__actors_graph *base;
} ranking;

/* A node's sort key: its activity and its place in the actor order. */
typedef struct rank_key {
    uint64_t activity;
    uint32_t order;
    uint32_t node;
} rank_key;

static int compare_activity(const void *pa, const void *pb)
{
    const rank_key *a = pa, *b = pb;
    if (a->activity != b->activity)
        return a->activity > b->activity ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* r->nodes: the nodes with a relation, most active first. */
static int rank_nodes(ranking *r, const evg__actors_graph *base)
{
    rank_key *keys = malloc((base->actor_count + 1) * sizeof *keys);
    if (keys == NULL)
        return EVG_ENOMEM;
    size_t count = 0;
    for (size_t n = 0; n < base->actor_count; n++)
        if (base->degree[n])
            keys[count++] = (rank_key){base->activity[n], base->actor_rank[n], (uint32_t)n};
    if (count > 1)
        qsort(keys, count, sizeof *keys, compare_activity);
    for (size_t i = 0; i < count; i++)
        r->nodes[i] = keys[i].node;
    r->count = count;
    free(keys);
    return 0;
}

/* fold[a]: actor a's node when the first `k` ranked nodes are drawn. */
static void make_fold(uint32_t *fold, const job *j, const evg__actors_graph *base,
                      const uint32_t *place, size_t k)
{
    for (size_t a = 0; a < base->actor_count; a++) {
        uint32_t node = base->node_of[a];
        if (place[node] < k)
            fold[a] = node;
        else
            fold[a] = (uint32_t)(base->actor_count + evg_model_actor(j->model, node)->kind);
    }
}

static int compare_count_down(const void *pa, const void *pb)
{
    uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;
    return (a < b) - (a > b);
}

/* The threshold that leaves at most `budget` of the edges drawn (at least
 * the caller's own min_count): the edges at an "others" node (`others`) or
 * the edges between named actors. */
static size_t edge_threshold(const evg__actors_graph *g, bool others, size_t budget, size_t floor)
{
    uint64_t *counts = malloc((g->edge_count + 1) * sizeof *counts);
    if (counts == NULL)
        return floor;
    size_t n = 0;
    for (size_t i = 0; i < g->edge_count; i++)
        if ((g->edges[i].from >= g->actor_count || g->edges[i].to >= g->actor_count) == others)
            counts[n++] = g->edges[i].count;
    size_t t = floor;
    if (n > budget) {
        /* Largest first: the budget-th count and all equal to it go. */
        qsort(counts, n, sizeof *counts, compare_count_down);
        /* A threshold that would hide the largest relations too thins
         * nothing: then fewer actors must do it. */
        t = counts[budget] == counts[0] ? floor : (size_t)counts[budget] + 1;
    }
    free(counts);
    return t > floor ? t : floor;
}

/* One try: the graph with the first k nodes drawn, its drawing and how it
 * comes out. *fits says whether it fits the page without overlaps. */
enum { LABELS_FULL, LABELS_SHORT, LABELS_MIXED, LABELS_COUNT };

/* Aggregates the events for the `k` most active actors drawn (the rest
 * folded), by pair or as the options say, keeping the relations that fit. */
static int aggregate_fit(job *j, const evg__actors_graph *base, const uint32_t *place, size_t k,
                         bool pairs)
{
    evg__actors_graph_free(&j->all);
    j->all_k = SIZE_MAX;
    make_fold(j->fold, j, base, place, k);
    j->fitted.min_count = j->opts->min_count;
    j->fitted.aggregate = pairs ? EVG_ACTORS_AGGREGATE_ALL : j->opts->aggregate;
    j->others_min = 0;
    int rc = evg__actors_aggregate(&j->all, j->model, j->events, j->count, &j->fitted, j->fold);
    /* About three relations per actor keep a graph readable on a page, and
     * the "others" nodes, which gather many actors' relations, get a
     * quarter of them: the rest go to the actors the figure names. */
    size_t budget = 3 * k + 10, others_budget = budget / 4;
    size_t floor = j->opts->min_count;
    size_t t = rc == 0 ? edge_threshold(&j->all, false, budget - others_budget, floor) : 0;
    size_t t_others = rc == 0 ? edge_threshold(&j->all, true, others_budget, floor) : 0;
    if (rc == 0 && (t > floor || t_others > floor)) {
        evg__actors_graph_free(&j->all);
        j->fitted.min_count = t;
        j->others_min = t_others;
        rc = evg__actors_aggregate_fit(&j->all, j->model, j->events, j->count, &j->fitted,
                                       j->fold, j->others_min);
    }
    if (rc == 0) {
        j->all_k = k;
        j->all_pairs = pairs;
    }
    return rc;
}

static int try_fit(job *j, const evg__actors_graph *base, const uint32_t *place, size_t k,
                   int labels, evg_format format, bool *fits)
{
    evg__actors_drawing_free(j->drawing);
    j->drawing = NULL;
    bool pairs = labels >= LABELS_MIXED && j->opts->aggregate != EVG_ACTORS_AGGREGATE_NONE;
    int rc = j->all_k == k && j->all_pairs == pairs ? 0 : aggregate_fit(j, base, place, k, pairs);
    if (rc == 0)
        rc = evg__actors_drawing_new(&j->drawing, j->model, &j->fitted, &j->all, format);
    if (rc == 0) {
        evg__actors_drawing_short_labels(j->drawing, labels != LABELS_FULL);
        evg__actors_drawing_mixed_edges(j->drawing, pairs);
        evg__actors_drawing_count_labels(j->drawing, labels == LABELS_COUNT);
    }
    double width = 0, height = 0;
    size_t overlaps = 0;
    if (rc == 0)
        rc = evg__actors_fit(&width, &height, &overlaps, j->drawing, j->events, j->count, &j->rep);
    double page_width = j->opts->width > 0        ? j->opts->width
                        : j->opts->page.width > 0 ? j->opts->page.width
                                                  : 482.0;
    j->size_ok = width <= page_width + 0.5 &&
                 (j->opts->page.height <= 0 || height <= j->opts->page.height + 0.5);
    j->overlaps = overlaps;
    *fits = j->size_ok && overlaps == 0;
    return rc;
}

/* Draws as many of the most active actors as fit the page. */
static int fit_page(job *j, const evg__actors_graph *base, evg_format format)
{
    ranking r = {malloc((base->node_count + 1) * sizeof *r.nodes), 0, base};
    uint32_t *place = malloc((base->node_count + 1) * sizeof *place);
    j->fold = malloc((base->actor_count + 1) * sizeof *j->fold);
    if (r.nodes == NULL || place == NULL || j->fold == NULL) {
        free(r.nodes);
        free(place);
        return EVG_ENOMEM;
    }
    if (rank_nodes(&r, base) != 0) {
        free(r.nodes);
        free(place);
        return EVG_ENOMEM;
    }
    for (size_t n = 0; n <= base->node_count; n++)
        place[n] = UINT32_MAX;
    for (size_t i = 0; i < r.count; i++)
        place[r.nodes[i]] = (uint32_t)i;
    size_t most = j->opts->top && j->opts->top < r.count ? j->opts->top : r.count;
    if (j->opts->layout == EVG_ACTORS_LAYOUT_SFDP || j->opts->layout == EVG_ACTORS_LAYOUT_CIRCO) {
        /* sfdp keeps state between layouts in one process (a second layout of
         * the same graph differs) and circo crashed now and then on a
         * second layout: one layout each, scaled to the width. These are
         * the figures not fitted by trying. */
        make_fold(j->fold, j, base, place, most);
        int rc = evg__actors_aggregate(&j->all, j->model, j->events, j->count, &j->fitted, j->fold);
        if (rc == 0)
            rc = evg__actors_drawing_new(&j->drawing, j->model, &j->fitted, &j->all, format);
        if (rc == 0)
            evg__actors_drawing_scale_to_width(j->drawing);
        free(r.nodes);
        free(place);
        return rc;
    }
    /* A page holds a few dozen labelled actors: start there, grow while the
     * graph fits, shrink until it does; full edge labels before short, and
     * short, then one line per pair of actors (unless edges are by event),
     * then labels that are counts alone. */
    size_t k = most < 40 ? most : 40, good = 0;
    bool fits = false, shrunk = false;
    int good_labels = LABELS_FULL, last_labels = LABELS_FULL;
    /* fdp's layouts of the pair graphs differ from run to run after a few
     * layouts in one process (seen on the sample): fdp tries the labels by
     * type only. */
    int passes = j->opts->layout == EVG_ACTORS_LAYOUT_FDP ? 2 : 4;
    /* Failing that, the try that fits the size with the fewest overlaps. */
    size_t best = 0, best_overlaps = SIZE_MAX;
    int best_labels = LABELS_FULL;
    int rc = 0;
    for (int tries = 0; rc == 0 && tries < 10; tries++) {
        for (int pass = 0; pass < passes && rc == 0; pass++) {
            last_labels = pass;
            rc = try_fit(j, base, place, k, last_labels, format, &fits);
            if (rc == 0 && j->size_ok && j->overlaps < best_overlaps)
                best = k, best_labels = last_labels, best_overlaps = j->overlaps;
            if (fits)
                break;
        }
        if (rc)
            break;
        if (fits) {
            good = k;
            good_labels = last_labels;
            if (k >= most || shrunk)
                break;
            size_t next = k + (k + 1) / 2;
            k = next < most ? next : most;
        } else {
            if (good || k <= 1)
                break;
            shrunk = true;
            size_t next = k * 3 / 4;
            k = next < k ? next : k - 1;
            if (k == 0)
                k = 1;
        }
    }
    if (rc == 0 && !fits && good) {
        rc = try_fit(j, base, place, good, good_labels, format, &fits);
    } else if (rc == 0 && !fits && best) {
        rc = try_fit(j, base, place, best, best_labels, format, &fits);
        evg__report(&j->rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "%zu pair%s of labels overlap: the %s layout places edge labels after "
                    "the nodes; the default layout keeps them apart",
                    j->overlaps, j->overlaps == 1 ? "" : "s",
                    evg__actors_drawing_engine(j->drawing));
    } else if (rc == 0 && !fits) {
        evg__report(&j->rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "the actor graph does not fit the page even with %zu actor%s drawn", k,
                    k == 1 ? "" : "s");
    }
    free(r.nodes);
    free(place);
    return rc;
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
    struct stat st;
    if (j->opts->by != EVG_PERIOD_NONE && stat(j->out->path, &st) == 0 && !S_ISREG(st.st_mode)) {
        evg__report(&j->rep, EVG_SEVERITY_ERROR, j->out->path, 0, 0,
                    "--by names one file per period after the output's name: it needs a "
                    "regular file's name, not a device, pipe or folder");
        return EVG_EUSAGE;
    }
    j->fitted = *j->opts;
    evg__actors_graph base = {0};
    if ((rc = evg__actors_aggregate(&base, j->model, j->events, j->count, j->opts, NULL)) != 0)
        return rc;
    rc = fit_page(j, &base, format);
    evg__actors_graph_free(&base);
    /* The cap is on what is drawn: folding keeps a large input drawable. */
    if (rc == 0 && j->opts->max_edges && j->all.edge_count > j->opts->max_edges) {
        evg__report(&j->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "%zu edges to draw, more than the limit of %zu: aggregate them "
                    "(--aggregate type or all) or select fewer events",
                    j->all.edge_count, j->opts->max_edges);
        return EVG_ELIMIT;
    }
    if (rc == 0)
        warn_density(j->opts, j->all.edge_count, &j->rep);
    return rc;
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
    return evg__actors_aggregate_fit(out, j->model, j->events + ps->starts[p],
                                     ps->starts[p + 1] - ps->starts[p], &j->fitted, j->fold,
                                     j->others_min);
}

/* Draws period p of a pinned set and adds its file to `set`. */
static int write_period(job *j, evg__output_set *set, const periods *ps, size_t p,
                        evg__actors_graph *graph, char *path, size_t path_size)
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
        rc = evg__output_set_figure(set, path, svg ? &web : NULL, &bytes, len, true, &j->rep);
    free(bytes);
    evg__svg_web_free(&web);
    return rc;
}

/* Small multiples: lay out all periods together once, then draw each
 * period with every position, spline and label place pinned. */
static int write_by_period(job *j, evg__output_set *set)
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
        rc = write_period(j, set, &ps, p, &graph, path, path_size);
    evg__actors_graph_free(&graph);
    free(path);
    free(ps.starts);
    free(ps.keys);
    return rc;
}

/* GraphML or GEXF: every selected actor and relation, no page to fit. */
static int write_network(job *j)
{
    int rc = check_opts(j->opts, &j->rep);
    if (rc == 0 && j->opts->by != EVG_PERIOD_NONE) {
        evg__report(&j->rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "--by draws one figure per period; a %s network holds them all: leave "
                    "--by out and read the edges' first and last dates",
                    evg_format_name(j->out->format));
        rc = EVG_EUSAGE;
    }
    if (rc == 0)
        rc = evg_filter_select(&j->events, &j->count, j->model, &j->opts->filter, j->rep.fn,
                               j->rep.payload);
    if (rc == 0)
        rc = evg__actors_aggregate(&j->all, j->model, j->events, j->count, j->opts, NULL);
    char *bytes = NULL;
    size_t len = 0;
    if (rc == 0)
        rc = evg__actors_network(&bytes, &len, j->model, &j->all, j->opts->title,
                                 j->out->format);
    if (rc == 0)
        rc = evg__output_figure(j->out, NULL, &bytes, len, &j->rep);
    free(bytes);
    return rc;
}

int evg_actors_write(const evg_model *model, const evg_actors_opts *opts, const evg_output *out)
{
    evg_actors_opts defaults = EVG_ACTORS_OPTS_INIT;
    job j = {.model = model, .opts = opts ? opts : &defaults, .out = out, .all_k = SIZE_MAX};
    j.rep = (evg__reporter){out->diag, out->diag_payload, 0, 0, 0, false};
    if (out->format == EVG_FORMAT_GRAPHML || out->format == EVG_FORMAT_GEXF) {
        int rc = write_network(&j);
        job_free(&j);
        return rc;
    }
    int rc = prepare(&j, out->format);
    if (rc == 0 && j.opts->by != EVG_PERIOD_NONE) {
        /* Every period's file, then the make rule, replaced together. */
        evg__output_set set = {0};
        rc = write_by_period(&j, &set);
        if (rc == 0)
            rc = evg__output_set_depfile(&set, out);
        if (rc == 0)
            rc = evg__output_set_commit(&set, &j.rep);
        evg__output_set_free(&set);
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
            rc = evg__output_figure(out, svg ? &web : NULL, &bytes, len, &j.rep);
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
    job j = {.model = model, .opts = &whole, .out = &out, .rep = *rep, .all_k = SIZE_MAX};
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
