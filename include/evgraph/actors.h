/* evgraph/actors.h - actor-relation graphs: who accuses, strikes, visits and
 * agrees with whom, and how often.
 *
 * A node per actor that takes part in a selected event (shape by kind, size
 * by activity), persons and other members inside a cluster of their parent;
 * an edge from an event's actor to each of its targets, aggregated and
 * labelled with the count and the date span, coloured by event type. */
#ifndef EVGRAPH_ACTORS_H
#define EVGRAPH_ACTORS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "export.h"
#include "model.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the graph is laid out. Only dot and fdp keep members inside a box of
 * their parent; neato, sfdp and circo place members near their parent. */
typedef enum evg_actors_layout {
    /* The default: dot, left to right (actors before their targets), a
     * column per parent and its members. Edge labels are laid out as part
     * of the graph up to EVG_ACTORS_DOT_LABELS_MAX edges and placed beside
     * their edges above that, as dot slows down sharply with labels; above
     * EVG_ACTORS_DOT_EDGES_MAX edges fdp, as dot itself then does. */
    EVG_ACTORS_LAYOUT_AUTO,
    EVG_ACTORS_LAYOUT_DOT,   /* as auto, but edge labels laid out whatever the size */
    EVG_ACTORS_LAYOUT_NEATO, /* spring model, straight edges */
    EVG_ACTORS_LAYOUT_FDP,   /* spring model with clusters, straight edges */
    EVG_ACTORS_LAYOUT_SFDP,  /* multiscale spring model, straight edges */
    EVG_ACTORS_LAYOUT_CIRCO  /* actors on circles */
} evg_actors_layout;

/* Where the auto layout changes, measured with 50 to 150 actors: dot lays
 * out 120 labelled edges in 0.2 s (400: 2 to 50 s); with labels beside the
 * edges 400 in 0.3 s, 900 in 6 s, 2000 in 58 s; fdp 2000 in 1.5 s. */
#define EVG_ACTORS_DOT_LABELS_MAX 120
#define EVG_ACTORS_DOT_EDGES_MAX 500

/* How events become edges. */
typedef enum evg_actors_aggregate {
    EVG_ACTORS_AGGREGATE_TYPE, /* one edge per (actor, target, type) */
    EVG_ACTORS_AGGREGATE_ALL,  /* one edge per (actor, target), listing its types */
    EVG_ACTORS_AGGREGATE_NONE  /* one edge per (event, target) */
} evg_actors_aggregate;

/* Periods for small multiples. */
typedef enum evg_period {
    EVG_PERIOD_NONE,
    EVG_PERIOD_MONTH,   /* named 2016-06 */
    EVG_PERIOD_QUARTER, /* named 2016-Q2 */
    EVG_PERIOD_YEAR     /* named 2016 */
} evg_period;

typedef struct evg_actors_opts {
    evg_filter filter;
    const char *title; /* NULL: no title */
    evg_actors_layout layout;
    evg_actors_aggregate aggregate;
    bool collapse;   /* fold every member (person, ministry ...) into its top-level parent */
    bool self_loops; /* draw relations of an actor to itself (after collapse) as loops */
    bool legend;     /* draw the legend of types and kinds and the caption of sources */
    evg_period by;   /* EVG_PERIOD_NONE: one figure; else one file per period */
    size_t max_edges; /* refuse to draw more edges than this (0: no cap) */
    double width;     /* widest the figure may be, in points; a wider drawing is scaled
                       * down. 0: 482 (17 cm, an A4 text width) */
    double dpi;       /* PNG resolution; 0: 150 */
    evg_svg_opts svg; /* ids, stylesheet and size of SVG output */
    evg_page page;    /* the box the figure must fit (height 0: unbounded) */
    double min_text;  /* smallest printed text in points; 0: EVG_MIN_TEXT_DEFAULT */
    size_t top;       /* actors drawn before the rest fold into "others"; 0: as many as fit */
    size_t min_count; /* relations of fewer events are hidden (and counted); 0 or 1: none */
} evg_actors_opts;

#define EVG_ACTORS_OPTS_INIT                                                                       \
    {EVG_FILTER_INIT, NULL, EVG_ACTORS_LAYOUT_AUTO, EVG_ACTORS_AGGREGATE_TYPE, false, false, true,  \
     EVG_PERIOD_NONE, 5000, 0, 0, EVG_SVG_OPTS_INIT, EVG_PAGE_A4_INIT, 0, 0, 0}

/* Limits of evg_actors_opts.width (points) and .dpi, as for timelines. */
#define EVG_ACTORS_WIDTH_MIN EVG_FIGURE_WIDTH_MIN
#define EVG_ACTORS_WIDTH_MAX EVG_FIGURE_WIDTH_MAX
#define EVG_ACTORS_DPI_MIN EVG_FIGURE_DPI_MIN
#define EVG_ACTORS_DPI_MAX EVG_FIGURE_DPI_MAX

/* Writes the actor-relation graph of the model's events that pass
 * opts->filter to `out` (opts may be NULL for the defaults). The model is
 * only read. Without events the figure is empty and a warning says so.
 *
 * With opts->by set, writes one file per period that has events instead,
 * each named by evg_period_path(out->path, PERIOD) ("out/actors.svg" gives
 * "out/actors-2016-Q1.svg", ...). All of them share the node positions, the
 * frame and the colours of the graph of every period together, so they can
 * be compared; actors without events in a period are drawn faint. An event
 * counts in the period of its start date. out->path "-" is then refused.
 *
 * DOT output is the graph before layout, with its engine in the `layout`
 * attribute: `dot -Tsvg FILE` draws the very SVG evgraph draws. With
 * opts->by it holds the shared positions and lays out with "nop2".
 *
 * Returns 0; EVG_EUSAGE for an invalid filter or option (a width or dpi out
 * of range, "-" with opts->by); EVG_ELIMIT for more than opts->max_edges
 * edges; EVG_ERENDER, EVG_EIO or EVG_ENOMEM. Details go to out->diag. On
 * failure no file is created or changed, except that with opts->by the
 * periods written before the failing one stay. */
EVG_API int evg_actors_write(const evg_model *model, const evg_actors_opts *opts,
                             const evg_output *out);

/* "auto", "dot", "neato", "fdp", "sfdp", "circo". Returns 0 or EVG_EUSAGE. */
EVG_API int evg_actors_layout_parse(evg_actors_layout *out, const char *name);
EVG_API const char *evg_actors_layout_name(evg_actors_layout layout);

/* "type", "all", "none". Returns 0 or EVG_EUSAGE. */
EVG_API int evg_actors_aggregate_parse(evg_actors_aggregate *out, const char *name);

/* "month", "quarter", "year" ("none" for EVG_PERIOD_NONE). Returns 0 or
 * EVG_EUSAGE. */
EVG_API int evg_period_parse(evg_period *out, const char *name);

/* Writes `path` with "-PERIOD" inserted before its extension ("a/b.svg",
 * "2016-Q1" -> "a/b-2016-Q1.svg"; appended when there is no extension).
 * Returns the length it needs, like snprintf. */
EVG_API size_t evg_period_path(char *buf, size_t size, const char *path, const char *period);

#ifdef __cplusplus
}
#endif
#endif
