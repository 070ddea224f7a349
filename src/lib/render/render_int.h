/* What the figure drivers (src/lib/figure_*.c) ask of the rendering stage:
 * bytes (DOT, SVG, PNG or PDF) for a laid-out timeline or an aggregated
 * actor graph. No Graphviz type appears here; rendering does no file I/O.
 * Graphviz is used under one process-wide lock (render_gv_int.h), so
 * figures drawn on several threads take turns in these functions. */
#ifndef EVG_RENDER_INT_H
#define EVG_RENDER_INT_H

#include <evgraph/actors.h>
#include <evgraph/render.h>
#include <evgraph/timeline.h>

#include "actors_int.h"
#include "diag_int.h"
#include "svg_web_int.h"
#include "timeline_int.h"

/* Draws a timeline layout as `format` into *out (malloc'd, *out_len bytes).
 * For SVG, `web` (may be NULL) names ids, classes, tooltips and links with
 * placeholders for the post-processor (output/svg_int.h) and gets the
 * figure's title and description. Returns 0, EVG_ERENDER or EVG_ENOMEM. */
int evg__tl_render(char **out, size_t *out_len, const evg__tl_layout *layout,
                   const evg_timeline_opts *opts, evg_format format, evg__reporter *rep,
                   const evg_model *model, struct evg__svg_web *web);

/* The drawing of one actor graph, or of a --by set of them sharing the
 * positions of the graph of all periods. */
typedef struct evg__actors_drawing evg__actors_drawing;

/* A drawing of `all` (borrowed, like model and opts, until the drawing is
 * freed) as `format`. Returns 0 or EVG_ENOMEM. */
int evg__actors_drawing_new(evg__actors_drawing **out, const evg_model *model,
                            const evg_actors_opts *opts, const evg__actors_graph *all,
                            evg_format format);
void evg__actors_drawing_free(evg__actors_drawing *drawing);

/* The layout engine the drawing uses ("dot", "fdp" ...). */
const char *evg__actors_drawing_engine(const evg__actors_drawing *drawing);

/* The aggregated actor graph `g` (unfolded: every actor and relation) as
 * GraphML or GEXF 1.2 (`format`) into *out (malloc'd, *out_len bytes), with
 * `title` (may be NULL) as its description. Returns 0 or EVG_ENOMEM. */
int evg__actors_network(char **out, size_t *out_len, const evg_model *model,
                        const evg__actors_graph *g, const char *title, evg_format format);

/* Edge labels without their dates (which stay in the SVG tooltips): for
 * graphs that do not fit otherwise. */
void evg__actors_drawing_short_labels(evg__actors_drawing *drawing, bool short_labels);

/* For graphs aggregated by pair (EVG_ACTORS_AGGREGATE_ALL) to save room: an
 * edge of several types is one line in the colour of the type that is most
 * of it (neutral when none is), labelled "mostly VERB" or "mixed" and its
 * count, instead of a line and a label per type. */
void evg__actors_drawing_mixed_edges(evg__actors_drawing *drawing, bool mixed);

/* Edge labels that are their counts alone ("×12"), the colour telling the
 * type: the last resort before drawing fewer actors. */
void evg__actors_drawing_count_labels(evg__actors_drawing *drawing, bool counts);

/* Scales the drawing down to the width instead of fitting it (sfdp and
 * circo only: their text then prints smaller than laid out). */
void evg__actors_drawing_scale_to_width(evg__actors_drawing *drawing);

/* Lays out the graph of all `count` events as it would be drawn and says
 * how it comes out: its *width and *height in points, and how many pairs
 * of texts or nodes overlap. Returns 0, EVG_ERENDER or EVG_ENOMEM. */
int evg__actors_fit(double *width, double *height, size_t *overlaps, evg__actors_drawing *drawing,
                    const uint32_t *events, size_t count, evg__reporter *rep);

/* Lays out the graph of all `count` events once; later figures keep every
 * position (--by). Returns 0, EVG_ERENDER or EVG_ENOMEM. */
int evg__actors_drawing_pin(evg__actors_drawing *drawing, const uint32_t *events, size_t count,
                            evg__reporter *rep);

/* Makes room in every later figure's legend for the legend of `shown`
 * (period `period`, `count` events): a --by set shares one frame. */
int evg__actors_drawing_measure(evg__actors_drawing *drawing, const evg__actors_graph *shown,
                                const char *period, const uint32_t *events, size_t count,
                                evg__reporter *rep);

/* Renders one figure: the counts of `shown` (the drawing's graph, or one
 * period's), titled with `period` (NULL: none), captioned from its `count`
 * events, as the graph `graph_name`. *out is malloc'd. `web` as for
 * evg__tl_render. Returns 0, EVG_ERENDER or EVG_ENOMEM. */
int evg__actors_render(char **out, size_t *out_len, evg__actors_drawing *drawing,
                       const evg__actors_graph *shown, const char *period, const char *graph_name,
                       const uint32_t *events, size_t count, struct evg__svg_web *web,
                       evg__reporter *rep);

#endif
