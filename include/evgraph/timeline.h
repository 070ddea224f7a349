/* evgraph/timeline.h - the timeline figure: events on a time axis, in lanes.
 *
 * Time runs left to right. Each event is a glyph (shape and colour by type)
 * with its date and title beside it, in the lane of its actor (or type, or
 * location). The positions are computed by evgraph and pinned, so Graphviz
 * only draws: the DOT written carries `pos` on every node and renders to the
 * same picture with `neato -n2` (or `dot`, as the graph names its layout).
 */
#ifndef EVGRAPH_TIMELINE_H
#define EVGRAPH_TIMELINE_H

#include <stdbool.h>

#include "diag.h"
#include "export.h"
#include "model.h"
#include "render.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What the lanes (rows) of the figure are. */
typedef enum evg_timeline_lanes {
    EVG_TIMELINE_LANES_ACTOR,    /* one per actor; members (an actor's `parent`) grouped under it */
    EVG_TIMELINE_LANES_TYPE,     /* one per event type */
    EVG_TIMELINE_LANES_LOCATION, /* one per location, in order of first event */
    EVG_TIMELINE_LANES_NONE      /* a single lane */
} evg_timeline_lanes;

typedef enum evg_timeline_scale {
    EVG_TIMELINE_SCALE_PROPORTIONAL, /* x proportional to time: a week is seven days */
    EVG_TIMELINE_SCALE_ORDINAL       /* each distinct date gets the same room */
} evg_timeline_scale;

/* Grouping events of one lane into one mark with a count. */
typedef enum evg_timeline_bin {
    EVG_TIMELINE_BIN_AUTO, /* the finest of none, day, week, month, year that can be labelled */
    EVG_TIMELINE_BIN_NONE,
    EVG_TIMELINE_BIN_DAY,
    EVG_TIMELINE_BIN_WEEK, /* weeks start on Monday */
    EVG_TIMELINE_BIN_MONTH,
    EVG_TIMELINE_BIN_YEAR
} evg_timeline_bin;

typedef struct evg_timeline_opts {
    evg_filter filter;         /* which events are drawn */
    const char *title;         /* headline above the figure; NULL for none */
    evg_timeline_lanes lanes;
    evg_timeline_scale scale;
    evg_timeline_bin bin;
    bool cut_gaps;             /* proportional scale: cut long empty stretches out of the axis */
    double width;              /* figure width in points; 0: 482 (17 cm, an A4 text width) */
    double dpi;                /* PNG resolution; 0: 150 (the default width is 1004 pixels) */
    evg_svg_opts svg;          /* ids, stylesheet and size of SVG output */
    evg_page page;             /* the box the figure must fit (height 0: unbounded) */
    double min_text;           /* smallest printed text in points; 0: EVG_MIN_TEXT_DEFAULT */
    size_t top;                /* lanes drawn before the rest fold into one; 0: as many as fit */
} evg_timeline_opts;

#define EVG_TIMELINE_OPTS_INIT                                                                     \
    {                                                                                              \
        EVG_FILTER_INIT, NULL, EVG_TIMELINE_LANES_ACTOR, EVG_TIMELINE_SCALE_PROPORTIONAL,          \
            EVG_TIMELINE_BIN_AUTO, true, 0, 0, EVG_SVG_OPTS_INIT, EVG_PAGE_A4_INIT, 0, 0           \
    }

/* Limits of evg_timeline_opts.width (points) and .dpi. */
#define EVG_TIMELINE_WIDTH_MIN EVG_FIGURE_WIDTH_MIN
#define EVG_TIMELINE_WIDTH_MAX EVG_FIGURE_WIDTH_MAX
#define EVG_TIMELINE_DPI_MIN EVG_FIGURE_DPI_MIN
#define EVG_TIMELINE_DPI_MAX EVG_FIGURE_DPI_MAX

/* Draws the events of `model` that pass opts->filter as a timeline and
 * writes it to `out` (format, path; atomically: on failure an existing file
 * is left as it was). `opts` may be NULL for the defaults. Nothing is kept:
 * the model is only read.
 *
 * Returns 0; EVG_EUSAGE for an invalid option or filter (an unknown type or
 * actor id, a bad date, a width or dpi out of range); EVG_ERENDER when
 * Graphviz fails; EVG_EIO when the file cannot be written; EVG_ENOMEM. Every
 * failure is explained through out->diag. No events to draw is not an error:
 * the figure says so and a warning is given. */
EVG_API int evg_timeline_write(const evg_model *model, const evg_timeline_opts *opts,
                               const evg_output *out);

#ifdef __cplusplus
}
#endif
#endif
