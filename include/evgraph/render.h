/* evgraph/render.h - output formats, output targets and event filters shared
 * by every figure. */
#ifndef EVGRAPH_RENDER_H
#define EVGRAPH_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "export.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

/* GRAPHML and GEXF are the actor graph as a network (every actor and
 * relation with their attributes, no drawing) for network tools; the
 * timeline and the web page refuse them with EVG_EUSAGE. */
typedef enum evg_format {
    EVG_FORMAT_DOT,
    EVG_FORMAT_SVG,
    EVG_FORMAT_PNG,
    EVG_FORMAT_PDF,
    EVG_FORMAT_GRAPHML,
    EVG_FORMAT_GEXF
} evg_format;

/* "dot", "svg", "png", "pdf", "graphml" or "gexf", any case ("gv" for dot
 * too). Returns 0 or EVG_EUSAGE. */
EVG_API int evg_format_parse(evg_format *out, const char *name);

/* The format named by a path's extension. Returns 0 or EVG_EUSAGE. */
EVG_API int evg_format_from_path(evg_format *out, const char *path);

EVG_API const char *evg_format_name(evg_format format);

/* Where and how a figure is written. The file appears complete or not at
 * all: it is written beside the target and renamed into place; on failure
 * an existing file is left as it was. */
typedef struct evg_output {
    const char *path; /* "-" for standard output */
    evg_format format;
    evg_diag_fn diag; /* errors and warnings; may be NULL */
    void *diag_payload;
    /* A make rule to write with the figure (NULL: none): its temporary is
     * written after the figure's, and both (with --by, all files) are
     * renamed into place together, or none is. */
    const char *depfile_path;
    const char *depfile_data;
    size_t depfile_len;
} evg_output;

/* SVG for web pages that inline several figures (see the README's
 * "Embedding SVG in web pages"). Every id in an SVG starts with the prefix
 * and '-': an event's mark is PREFIX-EVENTID, an actor's PREFIX-ACTORID
 * (sanitized to an XML name; "-2", "-3" ... on a repeat). Ignored by the
 * other formats. */
typedef struct evg_svg_opts {
    const char *id_prefix; /* NULL: the output file's base name ("figure" for "-")
                            * and '-' and 6 hex digits, a hash of the output path
                            * and of the figure drawn: two figures differ in it */
    const char *css;       /* stylesheet text embedded as <style>; NULL: none.
                            * One holding "</style" is refused (EVG_EUSAGE). */
    bool no_size;          /* leave out width and height (the viewBox stays): the
                            * figure then scales to its container */
    bool transparent;      /* no background: the host page's shows through */
} evg_svg_opts;

#define EVG_SVG_OPTS_INIT {NULL, NULL, false, false}

/* Writes `len` bytes to `path` ("-": standard output) the way figures are
 * written: through a temporary file beside the target, renamed into place
 * when complete (devices and pipes are written in place). On failure the
 * target is untouched, no temporary remains, the error goes to diag, and the
 * result is EVG_EIO (or EVG_ENOMEM). */
EVG_API int evg_write_file(const char *path, const void *data, size_t len, evg_diag_fn diag,
                           void *diag_payload);

/* Removes the temporary file of the write in progress, if any. Safe to call
 * from a signal handler (it only calls unlink): a program killed by SIGINT
 * or SIGTERM calls it so that no partial file remains. Writes of figures
 * drawn on several threads take turns, so there is one at most. */
EVG_API void evg_output_abort(void);

/* Limits of a figure's width (points) and PNG resolution (dots per inch),
 * the same for every figure. */
#define EVG_FIGURE_WIDTH_MIN 227.0  /* 8 cm */
#define EVG_FIGURE_WIDTH_MAX 5669.0 /* 200 cm */
#define EVG_FIGURE_DPI_MIN 36.0
#define EVG_FIGURE_DPI_MAX 1200.0

/* The box a figure is laid out for, in points: a report's text block. A
 * figure is laid out at its final size for this box, never laid out larger
 * and scaled down. height 0: unbounded (for the web). */
typedef struct evg_page {
    double width;  /* 0: the figure's own default width */
    double height; /* 0: no limit */
} evg_page;

/* The A4 portrait text block, 17 x 24.7 cm: the default page. */
#define EVG_PAGE_A4_INIT {481.9, 700.2}
/* The smallest text a figure prints, in points, unless told otherwise. */
#define EVG_MIN_TEXT_DEFAULT 6.0

/* Parses a page name: "a4", "a4-landscape", "letter", "letter-landscape"
 * (text blocks: 17 x 24.7 cm, 24.7 x 17 cm, 6.5 x 9 in, 9 x 6.5 in),
 * "WIDTHxHEIGHT" with a unit (pt, px, mm, cm, in; "17cmx24cm") or "none"
 * (width 0, height 0). Returns 0 or EVG_EUSAGE. */
EVG_API int evg_page_parse(evg_page *out, const char *spec);

/* Which events a figure shows. Every field is optional (NULL). */
typedef struct evg_filter {
    const char *from;   /* a date as in events.csv: events ending before it are left out */
    const char *to;     /* a date: events starting after it (its whole period) are left out */
    const char *types;  /* comma-separated type ids */
    const char *actors; /* comma-separated actor ids; an actor's members (persons
                         * whose parent it is) count as the actor */
} evg_filter;

#define EVG_FILTER_INIT {NULL, NULL, NULL, NULL}

/* Selects the model's events that pass the filter, in model order. On
 * success *out is a malloc'd array of *count event indices (free() it; NULL
 * when none). An invalid date or an unknown type or actor is reported
 * through diag and gives EVG_EUSAGE. */
EVG_API int evg_filter_select(uint32_t **out, size_t *count, const evg_model *model,
                              const evg_filter *filter, evg_diag_fn diag, void *diag_payload);

#ifdef __cplusplus
}
#endif
#endif
