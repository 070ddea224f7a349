/* What the timeline layout files share while building a layout: the
 * builder, the items being placed, the scale, and the sizes of the figure.
 * Private to src/lib/layout/timeline*.c. */
#ifndef EVG_TIMELINE_BUILD_INT_H
#define EVG_TIMELINE_BUILD_INT_H

#include "timeline_int.h"

#include <evgraph/date.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf_int.h"
#include "strmap_int.h"

/* Sizes in points. The default width is an A4 page's text width (17 cm), so
 * the figure prints at its own size and its text stays at least 7 pt. */
#define DEFAULT_WIDTH 482.0
#define MARGIN 8.0
/* Text sizes: as designed, or the smallest text the figure may print
 * (opts->min_text) where that is larger. `b` is the builder. */
#define TEXT_SIZE(pt) ((pt) > b->text_min ? (pt) : b->text_min)
#define TITLE_SIZE TEXT_SIZE(13.0)
#define DEK_SIZE TEXT_SIZE(8.5)
#define LEGEND_SIZE TEXT_SIZE(7.5)
#define AXIS_SIZE TEXT_SIZE(7.5)
#define LANE_SIZE TEXT_SIZE(8.0)
#define LABEL_SIZE TEXT_SIZE(7.5)
#define CASUALTY_SIZE TEXT_SIZE(7.0)
#define CAPTION_SIZE TEXT_SIZE(7.0)
#define COUNT_SIZE TEXT_SIZE(6.5)
#define GLYPH 9.0        /* an event's glyph */
#define TARGET_DOT 4.5   /* a target's mark */
#define TARGET_STRIP 8.0 /* room for target marks at the top of a lane */
#define LABEL_GAP 3.0    /* glyph to label */
#define ITEM_GAP 7.0     /* between items of one row */
#define ROW_GAP 2.0
#define LANE_PAD 3.0
#define EDGE_PAD 7.0     /* room at each end of the time axis for a glyph */
#define BREAK_WIDTH 16.0 /* a cut in the axis */
#define MIN_SEGMENT 36.0 /* narrowest piece of a cut axis */
#define BAR_HEIGHT 3.0
#define BIN_BAR_MAX 24.0 /* the heaviest bin's bar */
#define BIN_BAR_MIN 1.5
#define TICK 3.0
#define BOTTOM_AXIS_FROM 360.0 /* lanes taller than this get an axis below too */

/* Auto binning: the finest binning whose labels fit in these many rows. */
#define ROWS_PER_LANE 16
#define ROWS_SINGLE_LANE 32
#define ROWS_TOTAL 60

/* Gaps are cut from the axis while the longest is more than a fifth of the
 * time left, at least this long, and at most this often. */
#define CUT_MIN_SECONDS (30.0 * 86400)
#define CUT_MAX 5

#define INK "#222222"
#define GREY "#666666"
#define RULE "#BBBBBB"
#define HAIRLINE "#DDDDDD"
#define GRID_MINOR "#F0F0F0"
#define GRID_MAJOR "#DCDCDC"
#define RED "#A50F15"
#define SAMPLE "#777777"
#define WHITE "#FFFFFF"

static const char *const month_names[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct builder builder;

/* What every layout of one figure shares, whatever its lanes and binning:
 * worked out by the first (timeline.c tries several), kept for the rest. */
typedef struct shared {
    bool known;
    bool show_year;   /* the events span more than one year */
    evg__buf sources; /* "Sources: A, B." or empty */
    void *scratch;    /* working memory, kept from layout to layout */
    size_t scratch_size;
    size_t lane_bound; /* the most lanes the page can hold, or 0 when unbounded */
    size_t all_lanes;  /* how many lanes there are before folding */
} shared;

/* At least `size` bytes of working memory, valid until the next call; NULL
 * when memory ran out. Reused from one layout to the next, so that a big
 * figure's tries do not each map and fault in fresh memory. */
void *evg__tl_scratch(builder *b, size_t size);

/* Where an item's parts go, before rows are known. */
typedef struct item_geom {
    double t0, t1;       /* the period its date covers (seconds) */
    double tc;           /* where its glyph is, in time */
    double t_end;        /* centre of its end date's period, or NAN */
    double t_last;       /* latest time it covers, end dates included */
    double x;            /* glyph centre */
    double band0, band1; /* the period drawn pale; band1 <= band0 when none */
    double bar_end;      /* NAN when no bar */
    double glyph_w, glyph_h;
    const char *text; /* the label before wrapping */
    size_t max_lines;
    struct label_variant {
        const char *label;
        size_t lines;
        double w, h;
    } variants[5]; /* wrapped at a few widths */
    size_t variant_count;
    size_t variant; /* the one drawn */
    const char *label;
    double label_w, label_h;
    const char *casualties;
    double casualties_w;
    double label_x;  /* left of the label block */
    bool bare;       /* drawn without a label */
    bool as_bin;     /* a lone event drawn as a bin of one, for want of room */
    int64_t bin;     /* a lone event's bin, or NO_BIN */
    uint64_t weight; /* the events it stands for (their weights summed) */
    int64_t killed;  /* summed, for a bin */
    char side;       /* 'r', 'l', or 'b' (below the glyph) */
    double x0, x1;   /* the item's extent */
    double h;
    int64_t slot_key; /* ordinal position: start, then precision */
    int slot_prec;
    uint32_t type; /* the type it is drawn in */
    uint8_t style;
} item_geom;

typedef struct segment {
    double t0, t1;       /* time shown */
    double x0, x1;       /* where that time is drawn */
    double slot0, slot1; /* the room the piece takes (x0..x1 centred in it) */
} segment;

typedef struct scale {
    bool ordinal;
    double s; /* points per second (proportional) */
    segment *segs;
    size_t seg_count;
    /* ordinal: slot i at anchor_x[i] for time anchor_t[i] */
    int64_t *slot_key;
    int *slot_prec;
    double *anchor_t, *anchor_x;
    size_t slot_count;
    double step;
} scale;

typedef struct attempt {
    evg_timeline_bin unit;
    evg__tl_item *items;
    item_geom *geo;
    size_t item_count;
    uint32_t *members; /* the events of each item, item after item */
    scale sc;
    uint32_t *row_offset; /* per lane, into row_h */
    double *row_h;
    size_t rows_total;
    uint32_t rows_max;
    size_t unlabelled; /* lone events drawn without a label for lack of room */
    size_t glyph_only; /* of those, the ones not shown as a bin of one */
    uint64_t bin_max;  /* the heaviest bin's weight: the bars' common scale */
} attempt;

struct builder {
    evg__tl_layout *out;
    const evg_model *model;
    const uint32_t *events;
    size_t count;
    const evg_timeline_opts *opts;
    evg__reporter *rep;
    shared *common;
    bool nomem;
    double width;
    double text_min; /* the smallest text size, points */
    double plot_x0, plot_x1;
    bool show_year;       /* labels name the year (the events span more than one) */
    uint32_t *event_lane; /* parallel to events */
    uint32_t *actor_lane; /* per model actor, actor lanes only */
    const char **lane_color;
    bool *lane_bold;
    bool *lane_marks;        /* lane receives target marks */
    const char **lane_label; /* wrapped name */
    double *lane_label_h;
    double lane_label_w;
    evg__buf sb;
    evg__strmap tints; /* colour strings made: index into tint_list */
    const char **tint_list;
    size_t tint_count, tint_cap;
    double *row_top; /* per lane row (at->row_offset), from the lane's top */
    /* Lanes folding to fit the page (timeline_lanes.c). */
    size_t lane_keep;       /* lanes drawn, "others" included; 0: all */
    size_t folded_lanes;    /* lanes folded into the "others" lane */
    uint64_t folded_weight; /* their events */
    size_t folded_members;  /* member lanes folded into their head's */
    uint32_t others_lane;   /* or EVG_NO_INDEX */
};

#define NO_BIN INT64_MIN

typedef struct axis_tick {
    double x;
    bool major;
} axis_tick;

typedef struct axis_label {
    double x, w; /* left and width */
    const char *text;
    bool major;
} axis_label;

typedef struct axis {
    axis_tick *ticks;
    size_t tick_count, tick_cap;
    axis_label *labels;
    size_t label_count, label_cap;
} axis;

void *evg__tl_grow(void **items, size_t *count, size_t *cap, size_t size);

char *evg__tl_arena_str(builder *b, const char *text, size_t len);

const char *evg__tl_buf_take(builder *b);

evg__tl_rect *evg__tl_add_rect(builder *b, uint8_t role, double x, double y, double w, double h,
                               const char *fill, uint32_t item);

void evg__tl_add_line(builder *b, uint8_t role, double x0, double y0, double x1, double y1,
                      double width, const char *color);

evg__tl_mark *evg__tl_add_mark(builder *b, uint8_t role, double cx, double cy, double w, double h,
                               const char *shape, const char *fill, const char *outline,
                               uint8_t style, uint32_t item);

evg__tl_text *evg__tl_add_text(builder *b, uint8_t role, double x, double y, double w, double h,
                               const char *text, double size, int font, char align,
                               const char *color, uint32_t item);

const char *evg__tl_shade(builder *b, const char *color, double amount);

bool evg__tl_is_light(const char *color);

double evg__tl_text_w(const char *text, double size, int font);

const char *evg__tl_wrap(builder *b, const char *text, double size, int font, double max_w,
                         size_t max_lines, size_t *lines, double *width);

void evg__tl_format_count(char *buf, size_t size, uint64_t n);

void evg__tl_format_date(evg__buf *s, const evg_date *d, bool year);

void evg__tl_format_event_date(builder *b, const evg_event *e);

uint32_t evg__tl_target_lane(const builder *b, uint32_t actor);

int evg__tl_make_lanes(builder *b);

void evg__tl_size_lane_names(builder *b);

double evg__tl_date_start(const evg_date *d);

double evg__tl_date_end(const evg_date *d);

/* The bin of a date: a day, week, month or year number; NO_BIN when the
 * date is coarser than the bin, or unit is EVG_TIMELINE_BIN_NONE. */
int64_t evg__tl_bin_key(const evg_date *d, evg_timeline_bin unit);

void evg__tl_bin_period(int64_t key, evg_timeline_bin unit, double *t0, double *t1);

const char *evg__tl_bin_unit_name(evg_timeline_bin unit);

void evg__tl_free_attempt(attempt *at);

int evg__tl_make_items(builder *b, attempt *at);

double evg__tl_x_at(const scale *sc, double t);

double evg__tl_slot_x(const scale *sc, const item_geom *g);

int evg__tl_make_ordinal_scale(builder *b, attempt *at);

int evg__tl_make_proportional_scale(builder *b, attempt *at);

double evg__tl_lane_height(const builder *b, const attempt *at, size_t l);

int evg__tl_try_binning(builder *b, attempt *at, evg_timeline_bin unit);

bool evg__tl_fits(const builder *b, const attempt *at);

bool evg__tl_cannot_fit(const builder *b, evg_timeline_bin unit);

void evg__tl_proportional_axis(builder *b, const scale *sc, axis *ax);

void evg__tl_ordinal_axis(builder *b, const scale *sc, axis *ax);

void evg__tl_emit_axis(builder *b, const scale *sc, const axis *ax, double y, bool top);

double evg__tl_emit_legend(builder *b, const attempt *at, double y);

const char *evg__tl_caption_text(builder *b, bool cut, size_t unlabelled);

const char *evg__tl_dek_text(builder *b, const attempt *at);

/* What a lane stands for, as a noun: "actor", "type" or "location". */
const char *evg__tl_fold_noun(const builder *b);

/* A bin's bar: its height for `weight` events, on the attempt's common
 * scale; and the glyph that holds it, its count and casualties above it. */
double evg__tl_bar_height(const attempt *at, uint64_t weight);
void evg__tl_size_bin(const builder *b, const attempt *at, item_geom *g);

#endif
