/* Shared by the rendering files, the only ones that include Graphviz. */
#ifndef EVG_RENDER_GV_INT_H
#define EVG_RENDER_GV_INT_H

#include <evgraph/render.h>

#include <gvc.h>

#include "diag_int.h"
#include "svg_web_int.h"

/* All Graphviz use holds this process-wide lock (recursive): Graphviz 2.43
 * keeps global state, so figures drawn on several threads take turns here.
 * A renderer takes it from its first agopen to its last agclose. */
void evg__gv_lock(void);
void evg__gv_unlock(void);

/* Lays `graph` out with `engine` and renders it as `format` into *out
 * (malloc'd, NUL-terminated, *out_len bytes without the NUL). "nop2" keeps
 * the positions given in `pos` attributes, like `neato -n2`. DOT is the graph
 * as built, before layout, so Graphviz's own command lays it out the same
 * way. PDF creation dates are fixed, for byte-identical output. Graphviz's
 * messages are passed on to `rep`; an error among them fails the call.
 * Returns 0, EVG_ERENDER or EVG_ENOMEM (then *out is NULL). */
int evg__gv_render(char **out, size_t *out_len, Agraph_t *graph, const char *engine,
                   evg_format format, evg__reporter *rep);

/* Lays `graph` out with `engine`, calls `read` (which may look at ND_coord,
 * GD_bb ...) and frees the layout again: for figures that reuse one layout's
 * positions. Graphviz's messages are passed on to `rep`. Returns 0,
 * EVG_ERENDER or EVG_ENOMEM. */
int evg__gv_layout(Agraph_t *graph, const char *engine, evg__reporter *rep,
                   void (*read)(Agraph_t *graph, void *payload), void *payload);

/* agsafeset for const strings (Graphviz 2.43 takes char * but copies). */
/* Graphviz's DOT reader fails on a quoted string or a run of HTML text over
 * 16384 bytes: a data text in a label is cut to EVG__GV_TEXT_MAX escaped
 * bytes (evg__gv_escape_*), an attribute value to EVG__GV_VALUE_MAX (quotes
 * and line folds may double it when written). */
#define EVG__GV_TEXT_MAX 4096
#define EVG__GV_VALUE_MAX 7000

/* Sets an attribute, cut to EVG__GV_VALUE_MAX bytes at a character boundary. */
void evg__gv_set(void *object, const char *name, const char *value, const char *fallback);

/* Reports Graphviz's messages to `rep` until evg__gv_stop_listening, which
 * returns EVG_ERENDER (reported) when one was an error, else rc. With the
 * lock held; not nested. */
void evg__gv_listen(evg__reporter *rep);
int evg__gv_stop_listening(int rc, evg__reporter *rep);

/* A copy of `text` safe inside a Graphviz label string: backslashes doubled
 * so Graphviz's escapes (\N, \G, \n, \l ...) are not interpreted, '&' as
 * "&amp;" so typed entities are not decoded, control characters dropped.
 * malloc'd; NULL when out of memory. */
char *evg__gv_escape_label(const char *text);

/* The most bytes either escaper writes for one byte of text ("&quot;"). */
#define EVG__GV_ESCAPE_MAX 6

/* The same for text inside an HTML-like label: '&', '<', '>' and '"' become
 * entities as well. */
char *evg__gv_escape_html(const char *text);

#endif
