/* Shared by the files that draw the actor graph through Graphviz:
 * render_actors.c builds the cgraph graph, actors_legend.c its caption and
 * legend, actors_text.c the label text, actors_pin.c reads a layout back for
 * --by, actors_draw.c is what the figure driver calls (render_int.h). */
#ifndef EVG_ACTORS_GV_INT_H
#define EVG_ACTORS_GV_INT_H

#include "actor_tree_int.h"
#include "actors_int.h"
#include "buf_int.h"
#include "kinds_int.h"
#include "render_gv_int.h"
#include "svg_web_int.h"

#include <stdbool.h>
#include <stdint.h>

#define FONT "DejaVu Sans"
#define TEXT_COLOR "#222222"
#define MUTED_COLOR "#555555"
#define FAINT_COLOR "#C8C8C8"
#define NEUTRAL_COLOR "#6E6E6E" /* actors without a colour of their own or an ancestor's */
#define LEGEND_PER_ROW 6
/* Long names break between words, so nodes stay narrow enough for a
 * column layout to fit a page. */
#define NAME_LINE_MAX 11
/* A longer word is cut with an ellipsis. */
#define NAME_WORD_MAX 16
#define NAME_LINES_MAX 3
/* Text sizes in points before the minimum (evg__ag_pt). */
#define EDGE_PT 6.0
#define NODE_PT 7.0
#define COUNT_PT 6.0
#define CAPTION_PT 7.0
#define LEGEND_PT 6.5
#define TITLE_PT 11.0
/* The margin around the drawing, points. */
#define PAD_PT 2.0

/* Where a laid-out graph put things, in points: pinned in every period. */
typedef struct positions {
    double *x, *y; /* per actor */
    double *bb;    /* per actor as a cluster: llx, lly, urx, ury */
    bool *has_bb;
    char **edge_pos;  /* per edge of the graph of all periods: its spline */
    char **label_pos; /* per edge: where its label went ("x,y"), or NULL */
    boxf frame;       /* the extent of the drawing without the legend */
} positions;

/* How a figure is drawn, decided once for the whole set. */
typedef struct style {
    const char *engine; /* "dot", "neato", ... */
    evg_actors_layout layout;
    bool clusters;    /* members inside a box of their parent */
    bool edge_labels; /* `label` (laid out) rather than `xlabel` (placed after) */
} style;

/* One figure to build. */
typedef struct figure {
    const evg_model *model;
    const evg_actors_opts *opts;
    style style;
    const evg__actors_graph *all;   /* every period: nodes, edges, scales, legend */
    const evg__actors_graph *shown; /* this figure's counts */
    const int32_t *shown_edge;      /* all's edge -> shown's edge or -1 (NULL: same graph) */
    const positions *pinned;        /* NULL: the engine places everything */
    const char *period;             /* NULL without --by */
    const char *sources;            /* the caption's list of sources, plain text */
    const uint32_t *events;         /* this figure's events (model indices) */
    size_t event_count;
    bool *has_members;                /* actor -> a drawn actor has it as an ancestor */
    Agnode_t **node;                  /* per actor, filled while building */
    Agraph_t **cluster;               /* per actor, filled while building */
    uint32_t *chain;                  /* room for a chain of parents (actor_count + 1) */
    double width;                     /* points */
    double dpi;                       /* PNG only; 0 otherwise */
    double label_width, label_height; /* the legend's fixed size in points (0: its own) */
    const unsigned char *type_line;   /* type -> 0 solid, 1 dashed, 2 dotted */
    double min_text;                  /* the smallest text size, points */
    bool short_labels;                /* edge labels without their dates */
    bool mixed_edges;                 /* an edge of several types: one line, "mostly ..." */
    bool count_labels;                /* edge labels are their counts alone ("×12") */
    bool scale_to_width;              /* `size` scales it down (sfdp) */
    evg__svg_web *web;                /* SVG: ids, classes, tooltips; NULL otherwise */
} figure;

/* ---- actors_text.c ---- */

/* Data text in a plain label: Graphviz's escapes neutralised. */
void evg__ag_label(evg__buf *t, const char *s);
/* Data text in an HTML-like label (render_gv.c neutralises Graphviz's
 * escapes and the markup). */
void evg__ag_html(evg__buf *t, const char *s);
/* The same, with a line break between words every `line_max` characters,
 * cut with an ellipsis after `lines_max` lines. */
void evg__ag_html_wrapped(evg__buf *t, const char *s, size_t line_max, size_t lines_max);

/* A text size: `pt`, or the figure's minimum when that is larger. */
double evg__ag_pt(const figure *f, double pt);

/* What a node shows: an actor, or the "others" of one kind. */
typedef struct evg__ag_node {
    const char *id;   /* the actor's id, or the kind's */
    const char *name; /* the actor's name, or "14 other states" (in text) */
    evg_actor_kind kind;
    uint32_t parent; /* EVG_NO_INDEX for "others" */
    bool others;
    char text[64];
} evg__ag_node;
void evg__ag_node_get(evg__ag_node *out, const figure *f, uint32_t node);
void evg__ag_date(evg__buf *t, const evg_date *d);
/* An edge label's verb: "accuses", "strikes"; a type's label otherwise. */
void evg__ag_verb(evg__buf *t, const evg_type *type);
/* "#rrggbb" mixed with white: `amount` 0 gives white, 1 the colour. */
void evg__ag_tint(char out[8], const char *color, double amount);
/* An actor's colour, else its nearest ancestor's; NULL without one. */
const char *evg__ag_actor_color(const evg_model *model, uint32_t actor);
/* type -> 0 solid, 1 dashed, 2 dotted, for types sharing a colour
 * (malloc'd; NULL when out of memory). */
unsigned char *evg__ag_type_lines(const evg_model *model, const evg__actors_graph *all);
/* "solid", "dashed" or "dotted" for a type_lines value. */
const char *evg__ag_line_style(unsigned char line);
/* The distinct sources of the events, split at ';', sorted, as plain text
 * in *out (emptied first). Returns 0 or EVG_ENOMEM. */
int evg__ag_sources_html(evg__buf *out, const evg_model *model, const uint32_t *events,
                         size_t count);

/* How an actor of a kind is drawn, with the glyph for it in the legend. */
typedef struct evg__ag_kind_style {
    const char *shape, *style, *margin, *glyph;
} evg__ag_kind_style;
const evg__ag_kind_style *evg__ag_kind(evg_actor_kind kind);

/* ---- render_actors.c ---- */

/* A node name safe in DOT and SVG (see render_actors.c). */
void evg__ag_node_name(char *buf, size_t size, const figure *f, uint32_t actor);
/* Sets an HTML-like label (or other HTML-valued attribute). */
void evg__ag_set_html(void *object, const char *name, const char *html);
/* Whether an edge's label is laid out with the graph (`label`) or placed
 * beside it afterwards (`xlabel`). */
bool evg__ag_laid_out_label(const figure *f, const evg__actors_edge *edge);
/* A graph named `name` whose objects get ids in the order they are named,
 * so the layout does not follow malloc; NULL when out of memory. */
Agraph_t *evg__ag_open(const char *name);

/* A figure: its DOT text, and the graph read back from that text (see
 * render_actors.c). */
typedef struct evg__ag_built {
    char *dot;
    size_t dot_len;
    Agraph_t *graph;
} evg__ag_built;

int evg__ag_build(evg__ag_built *out, figure *f, const char *graph_name, evg__reporter *rep);
void evg__ag_built_free(evg__ag_built *b);

/* ---- actors_legend.c ---- */

/* Sets the graph label: title, what is shown, legend, sources. Returns 0 or
 * EVG_ENOMEM. */
int evg__ag_graph_label(figure *f, Agraph_t *g);

/* ---- actors_pin.c ---- */

/* Lays out f's graph of all periods once and keeps every position in *pos
 * (allocated here; free with evg__ag_positions_free). */
int evg__ag_pin(positions *pos, figure *f, evg__reporter *rep);
/* Grows size[] (points) to hold the legend of figure f. */
int evg__ag_measure_label(figure *f, double size[2], evg__reporter *rep);
/* Pairs each edge of `all` with the same edge of `period` (-1: none). */
void evg__ag_match_edges(int32_t *out, const evg__actors_graph *all,
                         const evg__actors_graph *period, evg_actors_aggregate aggregate);
void evg__ag_positions_free(positions *pos, size_t edges);

/* How a figure comes out at its final size: points, and the pairs of texts
 * (node labels, edge labels, the legend, cluster labels) that overlap. */
typedef struct evg__ag_fit {
    double width, height;
    size_t overlaps;
} evg__ag_fit;

/* Builds and lays out figure f and measures it. */
int evg__ag_fit_measure(evg__ag_fit *out, figure *f, evg__reporter *rep);

#endif
