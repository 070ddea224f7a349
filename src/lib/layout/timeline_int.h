/* The timeline's layout: every position of the figure, computed without
 * Graphviz (timeline.c), then drawn through cgraph by render_timeline.c.
 *
 * Coordinates are points with y growing downward from the top-left corner of
 * the figure; the renderer flips them for Graphviz. Boxes are x, y (top-left)
 * and w, h. Texts hold the user's text as it is (the renderer escapes it),
 * lines separated by '\n'.
 */
#ifndef EVG_TIMELINE_INT_H
#define EVG_TIMELINE_INT_H

#include <evgraph/timeline.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena_int.h"
#include "diag_int.h"

/* The fonts, as Graphviz names them (see timeline_font.c). */
#define EVG__TL_FONT_REGULAR "Helvetica"
#define EVG__TL_FONT_BOLD "Helvetica-Bold"

enum { EVG__TL_REGULAR, EVG__TL_BOLD };

/* Width in points that `len` bytes of UTF-8 `text` take on one line at
 * `size` points, never less than Graphviz measures (a margin for hinting
 * included). */
double evg__tl_text_width(const char *text, size_t len, double size, int font);

/* A line measured as it grows, for word wrapping: the sums
 * evg__tl_text_width makes, in the same order, so that a line measured in
 * pieces (split where a code point starts) has the very same width.
 * Start from {.font = font}. */
typedef struct evg__tl_measure {
    double em;
    size_t chars;
    int font;
} evg__tl_measure;

void evg__tl_measure_add(evg__tl_measure *m, const char *text, size_t len);
double evg__tl_measure_width(const evg__tl_measure *m, double size);

/* Height in points of `lines` lines at `size` points, never less than
 * Graphviz measures. */
double evg__tl_text_height(size_t lines, double size);

typedef struct evg__tl_box {
    double x, y, w, h;
} evg__tl_box;

/* What a primitive is; the renderer draws them in this order of kinds. */
typedef enum evg__tl_role {
    /* rectangles */
    EVG__TL_STRIPE, /* a lane group's colour, beside the lane names */
    EVG__TL_BAND,   /* the period an imprecise date or a bin covers */
    EVG__TL_BAR,    /* an event with an end date, start to end */
    EVG__TL_CAP,    /* the end of such a bar */
    EVG__TL_BIN_PART, /* one type's share of a bin's bar */
    /* lines */
    EVG__TL_GRID,
    EVG__TL_SEPARATOR,       /* between lanes of a group */
    EVG__TL_GROUP_SEPARATOR, /* between groups */
    EVG__TL_AXIS,
    EVG__TL_TICK,
    EVG__TL_BREAK, /* "//" where the axis is cut */
    /* marks */
    EVG__TL_GLYPH,  /* an event */
    EVG__TL_BIN,    /* several events of one lane and period, with a count */
    EVG__TL_TARGET, /* an event's target, in the target's lane */
    EVG__TL_SWATCH, /* a legend sample */
    /* texts */
    EVG__TL_TITLE,
    EVG__TL_DEK, /* the line under the title: how many events, from when to when */
    EVG__TL_LEGEND,
    EVG__TL_AXIS_MINOR,
    EVG__TL_AXIS_MAJOR,
    EVG__TL_LANE,  /* a lane's name */
    EVG__TL_GROUP, /* the name of a lane group's head */
    EVG__TL_LABEL, /* an event's or a bin's date and title */
    EVG__TL_CASUALTIES,
    EVG__TL_CAPTION,
    EVG__TL_NOTE /* "no events" */
} evg__tl_role;

/* Mark styles. */
#define EVG__TL_HOLLOW 0x1u /* white inside: the date is a month or a year */
#define EVG__TL_PALE 0x2u   /* pale: the date is approximate or uncertain */

typedef struct evg__tl_rect {
    evg__tl_box box;
    const char *fill; /* "#rrggbb" */
    uint32_t item;    /* the item it belongs to, or EVG_NO_INDEX */
    uint8_t role;
} evg__tl_rect;

typedef struct evg__tl_line {
    double x0, y0, x1, y1;
    double width;
    const char *color;
    uint8_t role;
} evg__tl_line;

typedef struct evg__tl_mark {
    evg__tl_box box;
    const char *shape; /* a Graphviz node shape */
    const char *fill;
    const char *outline;
    const char *label;       /* text inside (a bin's count), or NULL */
    const char *label_color;
    uint32_t item; /* or EVG_NO_INDEX (legend samples) */
    uint8_t role;
    uint8_t style; /* EVG__TL_HOLLOW | EVG__TL_PALE */
} evg__tl_mark;

typedef struct evg__tl_text {
    evg__tl_box box;
    const char *text; /* '\n' between lines */
    const char *color;
    double size;
    uint32_t item; /* or EVG_NO_INDEX */
    uint8_t role;
    uint8_t font; /* EVG__TL_REGULAR or EVG__TL_BOLD */
    char align;   /* 'l', 'r' or 'c' within the box */
} evg__tl_text;

/* One drawn event, or a bin of several events of one lane and period. */
typedef struct evg__tl_item {
    const uint32_t *events; /* model indices, in model order */
    uint32_t count;
    uint32_t lane;
    uint32_t row;   /* within the lane, 0 at the top */
    double x;       /* centre of the glyph */
    double y;       /* centre of the glyph */
    const char *tooltip; /* plain text, '\n' between lines */
} evg__tl_item;

typedef struct evg__tl_lane {
    const char *name;
    double y, h; /* top and height */
    uint32_t group; /* index of the group's first lane */
    uint32_t rows;
    uint32_t actor; /* EVG_NO_INDEX unless lanes are actors */
    bool head;      /* first lane of its group */
} evg__tl_lane;

typedef struct evg__tl_layout {
    double width, height;
    double plot_x0, plot_x1; /* where time is drawn */
    evg_timeline_bin bin;    /* the binning applied (never AUTO) */
    size_t segment_count;    /* pieces of the time axis (cut gaps + 1) */
    size_t event_count;      /* events drawn */
    evg__tl_lane *lanes;
    size_t lane_count;
    size_t others_lane; /* the lane of folded lanes, or lane_count when none */
    evg__tl_item *items;
    size_t item_count;
    evg__tl_rect *rects;
    size_t rect_count, rect_cap;
    evg__tl_line *lines;
    size_t line_count, line_cap;
    evg__tl_mark *marks;
    size_t mark_count, mark_cap;
    evg__tl_text *texts;
    size_t text_count, text_cap;
    evg__arena arena; /* strings and item event lists */
} evg__tl_layout;

/* Lays out `count` events of `model` (indices, in model order) as
 * opts->lanes/scale/bin/width say (opts->filter is not looked at: the events
 * are already chosen). On success *out holds the layout (free it with
 * evg__tl_layout_free); on failure it is empty. Returns 0, EVG_EUSAGE (width
 * out of range, reported) or EVG_ENOMEM. */
int evg__tl_layout_build(evg__tl_layout *out, const evg_model *model, const uint32_t *events,
                         size_t count, const evg_timeline_opts *opts, evg__reporter *rep);

void evg__tl_layout_free(evg__tl_layout *layout);

#endif
