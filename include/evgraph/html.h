/* evgraph/html.h - one self-contained web page: the timeline and the actor
 * graph inline, their legend and the table of events with their sources. */
#ifndef EVGRAPH_HTML_H
#define EVGRAPH_HTML_H

#include "diag.h"
#include "export.h"
#include "model.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct evg_html_opts {
    evg_filter filter; /* which events the page shows */
    const char *title; /* the page's headline; NULL: "Events" */
    const char *css;   /* stylesheet text added after the page's own; NULL: none.
                        * One holding "</style" is refused (EVG_EUSAGE). */
} evg_html_opts;

#define EVG_HTML_OPTS_INIT {EVG_FILTER_INIT, NULL, NULL}

/* Writes one HTML file to out->path (out->format is not looked at),
 * atomically like the figures: the timeline (ids "timeline-...") and the
 * actor graph (ids "actors-...") as inline SVG scaled to the page, a legend
 * of event types and actor kinds, and a table of the events (date, type,
 * actor and targets, title, casualties, source with its link). Everything
 * is inline: no script, no stylesheet, font or image from elsewhere; a
 * viewport meta element for phones. Links are made only for http, https,
 * mailto and relative URLs; any other is left out with a warning naming the
 * event and its line. `opts` may be NULL. The model is only read.
 *
 * Returns 0; EVG_EUSAGE for an invalid filter or stylesheet; EVG_ELIMIT when
 * the actor graph has too many edges; EVG_ERENDER, EVG_EIO or EVG_ENOMEM.
 * Details go to out->diag. */
EVG_API int evg_html_write(const evg_model *model, const evg_html_opts *opts,
                           const evg_output *out);

#ifdef __cplusplus
}
#endif
#endif
