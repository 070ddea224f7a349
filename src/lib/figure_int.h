/* Shared by the figure drivers (figure_*.c): the SVG of a figure in memory,
 * for the web page, which inlines both figures. */
#ifndef EVG_FIGURE_INT_H
#define EVG_FIGURE_INT_H

#include <evgraph/actors.h>
#include <evgraph/timeline.h>

#include "diag_int.h"
#include "svg_web_int.h"

/* The finished SVG of the timeline (or actor graph) of `model` in *svg
 * (malloc'd, *len bytes), its ids and tooltips named through `web`, which the
 * caller set up. Diagnostics go to `rep`. Returns 0 or an EVG_E* code. */
int evg__timeline_svg(char **svg, size_t *len, const evg_model *model,
                      const evg_timeline_opts *opts, evg__svg_web *web, evg__reporter *rep);
int evg__actors_svg(char **svg, size_t *len, const evg_model *model, const evg_actors_opts *opts,
                    evg__svg_web *web, evg__reporter *rep);

#endif
