/* evgraph/evgraph.h - umbrella header for the evgraph library.
 *
 * Threads. A loaded evg_model is not changed by any function but
 * evg_model_free, so any number of threads may draw figures at once, of one
 * model or of several (evg_timeline_write, evg_actors_write,
 * evg_html_write): each call keeps its own state. Graphviz, which keeps
 * global state, is entered by one thread at a time: the layout and
 * rendering of concurrent figures take turns, and so do their file writes;
 * the rest (loading, filtering, layout of the timeline, SVG post-processing)
 * runs in parallel. Loading (evg_load ...) may run on several threads too.
 * Freeing a model while another thread draws it is the caller's error.
 *
 * Graphviz context. The library makes one Graphviz context for the process,
 * on the first figure drawn, and never frees it: Graphviz 2.43's text
 * measuring keeps a pointer into a context's font table, so a second
 * context after a freed one reads freed memory. The operating system
 * reclaims it at exit; it holds no files or other resources. */
#ifndef EVGRAPH_EVGRAPH_H
#define EVGRAPH_EVGRAPH_H

#include "actors.h"
#include "date.h"
#include "diag.h"
#include "html.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "timeline.h"

#define EVG_VERSION "0.1.0"

#endif
