/* The timeline's layout, without Graphviz: lanes, the time scale and its
 * axis, each event's glyph and label, rows that keep labels apart, binning
 * when there are more events than labels fit, legend, title and caption.
 *
 * Graphviz's `dot` ranks are ordinal and its layout time grows much faster
 * than the number of events, so every position is computed here and pinned;
 * Graphviz only draws (render_timeline.c).
 */
#include "timeline_int.h"

#include <evgraph/date.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor_tree_int.h"
#include "date_int.h"
#include "strmap_int.h"

/* Sizes in points. The default width is an A4 page's text width (17 cm), so
 * the figure prints at its own size and its text stays at least 7 pt. */
#define DEFAULT_WIDTH 482.0
#define MARGIN 8.0
#define TITLE_SIZE 13.0
#define DEK_SIZE 8.5
#define LEGEND_SIZE 7.5
#define AXIS_SIZE 7.5
#define LANE_SIZE 8.0
#define LABEL_SIZE 7.5
#define CASUALTY_SIZE 7.0
#define CAPTION_SIZE 7.0
#define COUNT_SIZE 6.5
#define GLYPH 9.0         /* an event's glyph */
#define TARGET_DOT 4.5    /* a target's mark */
#define TARGET_STRIP 8.0  /* room for target marks at the top of a lane */
#define LABEL_GAP 3.0     /* glyph to label */
#define ITEM_GAP 7.0      /* between items of one row */
#define ROW_GAP 2.0
#define LANE_PAD 3.0
#define EDGE_PAD 7.0      /* room at each end of the time axis for a glyph */
#define BREAK_WIDTH 16.0  /* a cut in the axis */
#define MIN_SEGMENT 36.0  /* narrowest piece of a cut axis */
#define BAR_HEIGHT 3.0
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

/* ---- calendar ------------------------------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Month index y*12 + m-1 of a day. */
static int64_t month_of_day(int64_t day)
{
    int64_t y;
    unsigned m, d;
    evg__civil_from_days(day, &y, &m, &d);
    return y * 12 + (int64_t)m - 1;
}

static int64_t day_of_month_index(int64_t k)
{
    return evg__days_from_civil(floor_div(k, 12), (unsigned)(k - floor_div(k, 12) * 12) + 1, 1);
}

/* ---- growing arrays and strings ------------------------------------------------------------ */

typedef struct builder builder;

typedef struct sbuf {
    char *p;
    size_t len, cap;
    bool failed;
} sbuf;

static void sb_add(sbuf *s, const char *text, size_t len)
{
    if (s->failed)
        return;
    if (s->len + len + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 256;
        while (cap < s->len + len + 1)
            cap *= 2;
        char *p = realloc(s->p, cap);
        if (p == NULL) {
            s->failed = true;
            return;
        }
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, text, len);
    s->len += len;
    s->p[s->len] = '\0';
}

static void sb_str(sbuf *s, const char *text)
{
    sb_add(s, text, strlen(text));
}

static void sb_printf(sbuf *s, const char *fmt, ...) EVG__PRINTF(2, 3);
static void sb_printf(sbuf *s, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0)
        sb_add(s, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void *grow(void **items, size_t *count, size_t *cap, size_t size)
{
    if (*count == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        void *p = realloc(*items, n * size);
        if (p == NULL)
            return NULL;
        *items = p;
        *cap = n;
    }
    void *item = (char *)*items + *count * size;
    memset(item, 0, size);
    (*count)++;
    return item;
}

/* ---- the builder ------------------------------------------------------------------------------ */

/* Where an item's parts go, before rows are known. */
typedef struct item_geom {
    double t0, t1;   /* the period its date covers (seconds) */
    double tc;       /* where its glyph is, in time */
    double t_end;    /* centre of its end date's period, or NAN */
    double t_last;   /* latest time it covers, end dates included */
    double x;        /* glyph centre */
    double band0, band1; /* the period drawn pale; band1 <= band0 when none */
    double bar_end;  /* NAN when no bar */
    double glyph_w, glyph_h;
    const char *text; /* the label before wrapping */
    size_t max_lines;
    struct label_variant {
        const char *label;
        size_t lines;
        double w, h;
    } variants[5]; /* wrapped at a few widths */
    size_t variant_count;
    size_t variant;  /* the one drawn */
    const char *label;
    double label_w, label_h;
    const char *casualties;
    double casualties_w;
    double label_x; /* left of the label block */
    bool bare;      /* drawn without a label */
    bool as_bin;    /* a lone event drawn as a bin of one, for want of room */
    int64_t bin;    /* a lone event's bin, or NO_BIN */
    char side;      /* 'r', 'l', or 'b' (below the glyph) */
    double x0, x1;  /* the item's extent */
    double h;
    int64_t slot_key; /* ordinal position: start, then precision */
    int slot_prec;
    uint32_t type;   /* the type it is drawn in */
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
} attempt;

struct builder {
    evg__tl_layout *out;
    const evg_model *model;
    const uint32_t *events;
    size_t count;
    const evg_timeline_opts *opts;
    evg__reporter *rep;
    bool nomem;
    double width;
    double plot_x0, plot_x1;
    bool show_year; /* labels name the year (the events span more than one) */
    uint32_t *event_lane;  /* parallel to events */
    uint32_t *actor_lane;  /* per model actor, actor lanes only */
    const char **lane_color;
    bool *lane_bold;
    bool *lane_marks; /* lane receives target marks */
    const char **lane_label; /* wrapped name */
    double *lane_label_h;
    double lane_label_w;
    sbuf sb;
    evg__strmap tints; /* colour strings made: index into tint_list */
    const char **tint_list;
    size_t tint_count, tint_cap;
    double *row_top; /* per lane row (at->row_offset), from the lane's top */
};

static char *arena_str(builder *b, const char *text, size_t len)
{
    char *s = evg__arena_strndup(&b->out->arena, text, len);
    if (s == NULL)
        b->nomem = true;
    return s;
}

/* The builder's string buffer, copied to the arena and emptied. */
static const char *sb_take(builder *b)
{
    if (b->sb.failed) {
        b->nomem = true;
        b->sb.failed = false;
        b->sb.len = 0;
        return "";
    }
    const char *s = arena_str(b, b->sb.p ? b->sb.p : "", b->sb.len);
    b->sb.len = 0;
    if (b->sb.p)
        b->sb.p[0] = '\0';
    return s ? s : "";
}

static evg__tl_rect *add_rect(builder *b, uint8_t role, double x, double y, double w, double h,
                              const char *fill, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_rect *r = grow((void **)&o->rects, &o->rect_count, &o->rect_cap, sizeof *r);
    if (r == NULL) {
        b->nomem = true;
        return NULL;
    }
    *r = (evg__tl_rect){{x, y, w, h}, fill, item, role};
    return r;
}

static void add_line(builder *b, uint8_t role, double x0, double y0, double x1, double y1,
                     double width, const char *color)
{
    evg__tl_layout *o = b->out;
    evg__tl_line *l = grow((void **)&o->lines, &o->line_count, &o->line_cap, sizeof *l);
    if (l == NULL) {
        b->nomem = true;
        return;
    }
    *l = (evg__tl_line){x0, y0, x1, y1, width, color, role};
}

static evg__tl_mark *add_mark(builder *b, uint8_t role, double cx, double cy, double w, double h,
                              const char *shape, const char *fill, const char *outline,
                              uint8_t style, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_mark *m = grow((void **)&o->marks, &o->mark_count, &o->mark_cap, sizeof *m);
    if (m == NULL) {
        b->nomem = true;
        return NULL;
    }
    *m = (evg__tl_mark){{cx - w / 2, cy - h / 2, w, h}, shape, fill, outline, NULL, NULL, item,
                        role, style};
    return m;
}

static evg__tl_text *add_text(builder *b, uint8_t role, double x, double y, double w, double h,
                              const char *text, double size, int font, char align,
                              const char *color, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_text *t = grow((void **)&o->texts, &o->text_count, &o->text_cap, sizeof *t);
    if (t == NULL) {
        b->nomem = true;
        return NULL;
    }
    *t = (evg__tl_text){{x, y, w, h}, text, color, size, item, role, (uint8_t)font, align};
    return t;
}

/* ---- colours ------------------------------------------------------------------------------------ */

static bool parse_color(const char *color, unsigned rgb[3])
{
    if (color == NULL || color[0] != '#' || strlen(color) < 7)
        return false;
    for (int i = 0; i < 3; i++) {
        unsigned v = 0;
        for (int k = 1; k <= 2; k++) {
            char c = color[1 + 2 * i + k - 1];
            v = v * 16 + (unsigned)(c >= '0' && c <= '9'   ? c - '0'
                                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                           : 0);
        }
        rgb[i] = v;
    }
    return true;
}

/* `color` mixed with white (amount 0: unchanged, 1: white) or black
 * (negative amounts); kept once per distinct result. */
static const char *shade(builder *b, const char *color, double amount)
{
    unsigned rgb[3];
    if (!parse_color(color, rgb))
        return color;
    char text[8];
    for (int i = 0; i < 3; i++) {
        double v = amount >= 0 ? rgb[i] + (255 - rgb[i]) * amount : rgb[i] * (1 + amount);
        rgb[i] = (unsigned)lround(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    snprintf(text, sizeof text, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    uint32_t found = evg__strmap_get(&b->tints, text);
    if (found != UINT32_MAX)
        return b->tint_list[found];
    char *copy = arena_str(b, text, 7);
    const char **slot = copy ? grow((void **)&b->tint_list, &b->tint_count, &b->tint_cap,
                                    sizeof *slot)
                             : NULL;
    if (slot == NULL ||
        evg__strmap_put(&b->tints, copy, (uint32_t)(b->tint_count - 1)) == UINT32_MAX) {
        b->nomem = true;
        return color;
    }
    *slot = copy;
    return copy;
}

static bool is_light(const char *color)
{
    unsigned rgb[3];
    if (!parse_color(color, rgb))
        return false;
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 150;
}

/* ---- text ---------------------------------------------------------------------------------------- */

static double text_w(const char *text, double size, int font)
{
    return evg__tl_text_width(text, strlen(text), size, font);
}

static size_t utf8_prev(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
        len--;
    return len ? len - 1 : 0;
}

static size_t utf8_next(const char *s, size_t i, size_t len)
{
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Word-wraps `text` to lines of at most `max_w` points and `max_lines` lines
 * (the last shortened with an ellipsis when text is left over). Runs of
 * white space and control characters become one space. Returns the lines
 * joined by '\n' (in the arena); *lines and *width (widest line) are set. */
static const char *wrap(builder *b, const char *text, double size, int font, double max_w,
                        size_t max_lines, size_t *lines, double *width)
{
    size_t len = strlen(text);
    char *line = malloc(len + 8);
    sbuf *out = &b->sb;
    out->len = 0;
    *lines = 0;
    *width = 0;
    if (line == NULL) {
        b->nomem = true;
        return "";
    }
    size_t line_len = 0, i = 0;
    /* line[0, line_len) measured: each word tried is measured alone, not
     * the whole line again. */
    evg__tl_measure line_m = {.font = font};
    bool truncated = false;
    for (;;) {
        while (i < len && (unsigned char)text[i] <= ' ')
            i++;
        size_t start = i;
        while (i < len && (unsigned char)text[i] > ' ')
            i++;
        size_t word = i - start;
        bool done = word == 0;
        if (!done) {
            /* Try the word on the current line. */
            size_t try_len = line_len;
            evg__tl_measure try_m = line_m;
            if (line_len) {
                line[try_len++] = ' ';
                evg__tl_measure_add(&try_m, " ", 1);
            }
            memcpy(line + try_len, text + start, word);
            try_len += word;
            evg__tl_measure_add(&try_m, text + start, word);
            if (evg__tl_measure_width(&try_m, size) <= max_w) {
                line_len = try_len;
                line_m = try_m;
                continue;
            }
            if (line_len == 0) {
                /* A word longer than a line: break it where it must. */
                size_t fit = 0;
                for (size_t k = utf8_next(text + start, 0, word); k <= word;
                     k = utf8_next(text + start, k, word)) {
                    if (evg__tl_text_width(text + start, k, size, font) > max_w)
                        break;
                    fit = k;
                    if (k == word)
                        break;
                }
                if (fit == 0)
                    fit = utf8_next(text + start, 0, word);
                memcpy(line, text + start, fit);
                line_len = fit;
                evg__tl_measure_add(&line_m, line, line_len);
                i = start + fit;
            } else {
                i = start; /* the word starts the next line */
            }
        }
        if (line_len == 0 && done)
            break;
        if (*lines + 1 == max_lines && !done) {
            /* The last line allowed, with text left: cut it with an ellipsis. */
            while (i < len && (unsigned char)text[i] <= ' ')
                i++;
            truncated = i < len;
            if (!truncated)
                done = true;
        }
        if (truncated) {
            while (line_len &&
                   evg__tl_text_width(line, line_len, size, font) +
                           evg__tl_text_width("\xE2\x80\xA6", 3, size, font) >
                       max_w)
                line_len = utf8_prev(line, line_len);
            while (line_len && line[line_len - 1] == ' ')
                line_len--;
            memcpy(line + line_len, "\xE2\x80\xA6", 3);
            line_len += 3;
            line_m = (evg__tl_measure){.font = font};
            evg__tl_measure_add(&line_m, line, line_len);
        }
        double w = evg__tl_measure_width(&line_m, size);
        if (w > *width)
            *width = w;
        if (*lines)
            sb_add(out, "\n", 1);
        sb_add(out, line, line_len);
        (*lines)++;
        line_len = 0;
        line_m = (evg__tl_measure){.font = font};
        if (done || truncated)
            break;
    }
    free(line);
    return sb_take(b);
}

/* "20,000" */
static void format_count(char *buf, size_t size, uint64_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0 && len > 4)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static const char *flag_suffix(const evg_date *d)
{
    unsigned both = EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN;
    if ((d->flags & both) == both)
        return "~?";
    if (d->flags & EVG_DATE_APPROXIMATE)
        return "~";
    if (d->flags & EVG_DATE_UNCERTAIN)
        return "?";
    return "";
}

/* "14 Aug 2016", "Aug 2016", "2016", "14 Aug 2016 18:30", with the date's
 * "~"/"?" and without the year when `year` is false. */
static void format_date(sbuf *s, const evg_date *d, bool year)
{
    switch ((evg_precision)d->precision) {
    case EVG_PRECISION_NONE:
        break;
    case EVG_PRECISION_YEAR:
        sb_printf(s, "%d", d->year);
        break;
    case EVG_PRECISION_MONTH:
        sb_str(s, month_names[(d->month - 1) % 12]);
        if (year)
            sb_printf(s, " %d", d->year);
        break;
    case EVG_PRECISION_DAY:
    case EVG_PRECISION_MINUTE:
    case EVG_PRECISION_SECOND:
        sb_printf(s, "%d %s", d->day, month_names[(d->month - 1) % 12]);
        if (year)
            sb_printf(s, " %d", d->year);
        if (d->precision >= EVG_PRECISION_MINUTE)
            sb_printf(s, " %02d:%02d", d->hour, d->minute);
        break;
    }
    sb_str(s, flag_suffix(d));
}

/* An event's date, or its start and end: "12–14 Sep 2016", "Mar~ – 20 Jun 2016". */
static void format_event_date(builder *b, const evg_event *e)
{
    sbuf *s = &b->sb;
    const evg_date *d = &e->date, *end = &e->end_date;
    if (end->precision == EVG_PRECISION_NONE) {
        format_date(s, d, b->show_year);
        return;
    }
    bool same_year = d->year == end->year;
    if (same_year && d->month == end->month && d->precision == EVG_PRECISION_DAY &&
        end->precision == EVG_PRECISION_DAY && d->flags == 0) {
        sb_printf(s, "%d\xE2\x80\x93", d->day);
        format_date(s, end, b->show_year);
        return;
    }
    format_date(s, d, !same_year || (b->show_year && d->precision == EVG_PRECISION_YEAR));
    sb_str(s, " \xE2\x80\x93 ");
    format_date(s, end, b->show_year || !same_year);
}

/* ---- lanes ------------------------------------------------------------------------------------------ */

typedef struct lane_def {
    const char *name;
    uint32_t actor;
    uint32_t group;
    const char *color;
    bool bold;
} lane_def;

static bool push_lane(builder *b, lane_def **lanes, size_t *count, size_t *cap, lane_def def)
{
    lane_def *l = grow((void **)lanes, count, cap, sizeof *l);
    if (l == NULL) {
        b->nomem = true;
        return false;
    }
    *l = def;
    return true;
}

/* The lane a target's mark goes in: its own, or its nearest ancestor's. */
static uint32_t target_lane(const builder *b, uint32_t actor)
{
    for (int depth = 0; depth < 64 && actor != EVG_NO_INDEX; depth++) {
        if (b->actor_lane[actor] != EVG_NO_INDEX)
            return b->actor_lane[actor];
        actor = evg_model_actor(b->model, actor)->parent;
    }
    return EVG_NO_INDEX;
}

/* An actor and how many events it (or its group) acts in, for ordering. */
typedef struct rank_entry {
    uint32_t events;
    uint32_t index;
} rank_entry;

/* Most events first, then model (id) order. */
static int compare_ranks(const void *pa, const void *pb)
{
    const rank_entry *a = pa, *b = pb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int make_actor_lanes(builder *b, lane_def **lanes, size_t *count, size_t *cap)
{
    const evg_model *m = b->model;
    size_t n = evg_model_actor_count(m);
    bool *acts = calloc(n + 1, 1), *need = calloc(n + 1, 1);
    uint32_t *roots = malloc((n + 1) * sizeof *roots);
    b->actor_lane = malloc((n + 1) * sizeof *b->actor_lane);
    if (acts == NULL || need == NULL || roots == NULL || b->actor_lane == NULL) {
        free(acts);
        free(need);
        free(roots);
        return EVG_ENOMEM;
    }
    for (size_t a = 0; a < n; a++) {
        roots[a] = evg__actor_root(m, (uint32_t)a);
        b->actor_lane[a] = EVG_NO_INDEX;
    }
    for (size_t i = 0; i < b->count; i++)
        acts[evg_model_event(m, b->events[i])->actor] = true;
    for (size_t a = 0; a < n; a++)
        need[a] = acts[a];
    /* A target none of whose ancestors acts gets its top-level actor's lane. */
    for (size_t i = 0; i < b->count; i++) {
        const evg_event *e = evg_model_event(m, b->events[i]);
        for (uint32_t k = 0; k < e->target_count; k++) {
            uint32_t t = e->targets[k];
            bool found = false;
            for (uint32_t a = t, depth = 0; a != EVG_NO_INDEX && depth < 64 && !found; depth++) {
                found = acts[a];
                a = evg_model_actor(m, a)->parent;
            }
            if (!found)
                need[roots[t]] = true;
        }
    }
    /* Groups come most active first (events whose actor is in the group),
     * members likewise under their head, ties in id order: nothing depends
     * on the order of rows in a CSV. A group with members always shows its
     * head's lane. */
    bool *has_member = calloc(n + 1, 1);
    rank_entry *ranks = malloc((n + 1) * sizeof *ranks);
    uint32_t *activity = calloc(n + 1, sizeof *activity);
    uint32_t *group_activity = calloc(n + 1, sizeof *group_activity);
    if (has_member == NULL || ranks == NULL || activity == NULL || group_activity == NULL) {
        free(acts);
        free(need);
        free(roots);
        free(has_member);
        free(ranks);
        free(activity);
        free(group_activity);
        return EVG_ENOMEM;
    }
    for (size_t i = 0; i < b->count; i++) {
        uint32_t a = evg_model_event(m, b->events[i])->actor;
        activity[a]++;
        group_activity[roots[a]]++;
    }
    for (size_t a = 0; a < n; a++)
        if (need[a] && roots[a] != a)
            has_member[roots[a]] = true;
    size_t group_count = 0;
    for (size_t r = 0; r < n; r++)
        if (roots[r] == r && (need[r] || has_member[r]))
            ranks[group_count++] = (rank_entry){group_activity[r], (uint32_t)r};
    qsort(ranks, group_count, sizeof *ranks, compare_ranks);
    for (size_t g = 0; g < group_count && !b->nomem; g++) {
        uint32_t r = ranks[g].index;
        const evg_actor *ra = evg_model_actor(m, r);
        uint32_t group = (uint32_t)*count;
        b->actor_lane[r] = (uint32_t)*count;
        push_lane(b, lanes, count, cap, (lane_def){ra->name, r, group, ra->color, true});
        if (!has_member[r])
            continue;
        /* The members' ranks go after the groups' in the same array. */
        rank_entry *members = ranks + group_count;
        size_t member_count = 0;
        for (size_t a = 0; a < n; a++)
            if (a != r && roots[a] == r && need[a])
                members[member_count++] = (rank_entry){activity[a], (uint32_t)a};
        qsort(members, member_count, sizeof *members, compare_ranks);
        for (size_t k = 0; k < member_count && !b->nomem; k++) {
            uint32_t a = members[k].index;
            const evg_actor *aa = evg_model_actor(m, a);
            b->actor_lane[a] = (uint32_t)*count;
            push_lane(b, lanes, count, cap, (lane_def){aa->name, a, group, ra->color, false});
        }
    }
    free(ranks);
    free(activity);
    free(group_activity);
    free(acts);
    free(need);
    free(roots);
    free(has_member);
    if (b->nomem)
        return EVG_ENOMEM;
    for (size_t i = 0; i < b->count; i++)
        b->event_lane[i] = b->actor_lane[evg_model_event(m, b->events[i])->actor];
    return 0;
}

static int make_lanes(builder *b)
{
    const evg_model *m = b->model;
    lane_def *lanes = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    b->event_lane = malloc((b->count + 1) * sizeof *b->event_lane);
    if (b->event_lane == NULL)
        return EVG_ENOMEM;
    switch (b->opts->lanes) {
    case EVG_TIMELINE_LANES_ACTOR:
        rc = make_actor_lanes(b, &lanes, &count, &cap);
        break;
    case EVG_TIMELINE_LANES_TYPE: {
        size_t n = evg_model_type_count(m);
        uint32_t *lane_of = malloc((n + 1) * sizeof *lane_of);
        if (lane_of == NULL)
            return EVG_ENOMEM;
        for (size_t t = 0; t < n; t++)
            lane_of[t] = EVG_NO_INDEX;
        for (size_t i = 0; i < b->count; i++)
            lane_of[evg_model_event(m, b->events[i])->type] = 0;
        for (size_t t = 0; t < n && !b->nomem; t++) {
            if (lane_of[t] == EVG_NO_INDEX)
                continue;
            const evg_type *ty = evg_model_type(m, t);
            lane_of[t] = (uint32_t)count;
            push_lane(b, &lanes, &count, &cap,
                      (lane_def){ty->label, EVG_NO_INDEX, (uint32_t)count, ty->color, true});
        }
        for (size_t i = 0; i < b->count; i++)
            b->event_lane[i] = lane_of[evg_model_event(m, b->events[i])->type];
        free(lane_of);
        break;
    }
    case EVG_TIMELINE_LANES_LOCATION: {
        /* In order of each location's first event; events without one last. */
        evg__strmap seen = {0};
        uint32_t none = EVG_NO_INDEX;
        for (size_t i = 0; i < b->count && !b->nomem; i++) {
            const char *loc = evg_model_event(m, b->events[i])->location;
            if (loc == NULL) {
                b->event_lane[i] = EVG_NO_INDEX;
                continue;
            }
            uint32_t lane = evg__strmap_put(&seen, loc, (uint32_t)count);
            if (lane == UINT32_MAX) {
                b->nomem = true;
                break;
            }
            if (lane == count)
                push_lane(b, &lanes, &count, &cap,
                          (lane_def){loc, EVG_NO_INDEX, (uint32_t)count, NULL, true});
            b->event_lane[i] = lane;
        }
        for (size_t i = 0; i < b->count && !b->nomem; i++) {
            if (b->event_lane[i] != EVG_NO_INDEX)
                continue;
            if (none == EVG_NO_INDEX) {
                none = (uint32_t)count;
                push_lane(b, &lanes, &count, &cap,
                          (lane_def){"No location given", EVG_NO_INDEX, none, NULL, true});
            }
            b->event_lane[i] = none;
        }
        evg__strmap_free(&seen);
        break;
    }
    case EVG_TIMELINE_LANES_NONE:
        push_lane(b, &lanes, &count, &cap, (lane_def){NULL, EVG_NO_INDEX, 0, NULL, false});
        for (size_t i = 0; i < b->count; i++)
            b->event_lane[i] = 0;
        break;
    }
    if (rc == 0 && b->nomem)
        rc = EVG_ENOMEM;
    if (rc) {
        free(lanes);
        return rc;
    }
    evg__tl_layout *o = b->out;
    o->lane_count = count;
    o->lanes = calloc(count + 1, sizeof *o->lanes);
    b->lane_color = calloc(count + 1, sizeof *b->lane_color);
    b->lane_bold = calloc(count + 1, sizeof *b->lane_bold);
    b->lane_marks = calloc(count + 1, sizeof *b->lane_marks);
    b->lane_label = calloc(count + 1, sizeof *b->lane_label);
    b->lane_label_h = calloc(count + 1, sizeof *b->lane_label_h);
    if (o->lanes == NULL || b->lane_color == NULL || b->lane_bold == NULL ||
        b->lane_marks == NULL || b->lane_label == NULL || b->lane_label_h == NULL) {
        free(lanes);
        return EVG_ENOMEM;
    }
    for (size_t l = 0; l < count; l++) {
        o->lanes[l] = (evg__tl_lane){lanes[l].name, 0, 0, lanes[l].group, 0, lanes[l].actor,
                                     lanes[l].group == l};
        b->lane_color[l] = lanes[l].color;
        b->lane_bold[l] = lanes[l].bold;
    }
    free(lanes);
    /* Target marks, in actor lanes only: which lanes get the strip for them. */
    if (b->opts->lanes == EVG_TIMELINE_LANES_ACTOR) {
        for (size_t i = 0; i < b->count; i++) {
            const evg_event *e = evg_model_event(m, b->events[i]);
            for (uint32_t k = 0; k < e->target_count; k++) {
                uint32_t lane = target_lane(b, e->targets[k]);
                if (lane != EVG_NO_INDEX && lane != b->event_lane[i])
                    b->lane_marks[lane] = true;
            }
        }
    }
    return 0;
}

/* Wraps the lane names into the name column and decides its width. */
static void size_lane_names(builder *b)
{
    evg__tl_layout *o = b->out;
    if (b->opts->lanes == EVG_TIMELINE_LANES_NONE) {
        b->lane_label_w = 0;
        return;
    }
    double max_w = floor(b->width * 0.22), widest = 0;
    for (size_t l = 0; l < o->lane_count; l++) {
        double indent = o->lanes[l].head ? 7 : 15;
        double w = indent + text_w(o->lanes[l].name, LANE_SIZE, b->lane_bold[l] ? EVG__TL_BOLD
                                                                              : EVG__TL_REGULAR);
        if (w > widest)
            widest = w;
    }
    b->lane_label_w = widest < max_w ? ceil(widest) : max_w;
    for (size_t l = 0; l < o->lane_count; l++) {
        double indent = o->lanes[l].head ? 7 : 15, w;
        size_t lines;
        b->lane_label[l] = wrap(b, o->lanes[l].name, LANE_SIZE,
                                b->lane_bold[l] ? EVG__TL_BOLD : EVG__TL_REGULAR,
                                b->lane_label_w - indent, 3, &lines, &w);
        b->lane_label_h[l] = evg__tl_text_height(lines, LANE_SIZE);
    }
}

/* ---- items and bins ---------------------------------------------------------------------------- */

static double date_start(const evg_date *d)
{
    return (double)evg_date_start(d);
}

static double date_end(const evg_date *d)
{
    return (double)evg_date_end(d);
}

/* Where in its period a date's glyph goes: the middle of a day, month or
 * year; the instant itself for times of day. */
static double date_centre(const evg_date *d)
{
    if (d->precision >= EVG_PRECISION_MINUTE)
        return date_start(d);
    return (date_start(d) + date_end(d)) / 2;
}

static evg_precision bin_precision(evg_timeline_bin unit)
{
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
    case EVG_TIMELINE_BIN_WEEK:
        return EVG_PRECISION_DAY;
    case EVG_TIMELINE_BIN_MONTH:
        return EVG_PRECISION_MONTH;
    case EVG_TIMELINE_BIN_YEAR:
        return EVG_PRECISION_YEAR;
    default:
        return EVG_PRECISION_NONE;
    }
}

/* The bin of a date: a day, week (Monday first), month or year number.
 * Dates coarser than the bin are not binned (NO_BIN): a month is not drawn
 * as its first day. */
#define NO_BIN INT64_MIN
static int64_t bin_key(const evg_date *d, evg_timeline_bin unit)
{
    if (unit == EVG_TIMELINE_BIN_NONE || d->precision < bin_precision(unit))
        return NO_BIN;
    int64_t day = floor_div(evg_date_start(d), 86400);
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        return day;
    case EVG_TIMELINE_BIN_WEEK:
        return floor_div(day + 3, 7); /* 1970-01-01 was a Thursday */
    case EVG_TIMELINE_BIN_MONTH:
        return month_of_day(day);
    case EVG_TIMELINE_BIN_YEAR:
        return floor_div(month_of_day(day), 12);
    default:
        return NO_BIN;
    }
}

static void bin_period(int64_t key, evg_timeline_bin unit, double *t0, double *t1)
{
    int64_t d0 = 0, d1 = 0;
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        d0 = key, d1 = key + 1;
        break;
    case EVG_TIMELINE_BIN_WEEK:
        d0 = key * 7 - 3, d1 = d0 + 7;
        break;
    case EVG_TIMELINE_BIN_MONTH:
        d0 = day_of_month_index(key), d1 = day_of_month_index(key + 1);
        break;
    default:
        d0 = day_of_month_index(key * 12), d1 = day_of_month_index(key * 12 + 12);
        break;
    }
    *t0 = (double)d0 * 86400;
    *t1 = (double)d1 * 86400;
}

static const char *bin_unit_name(evg_timeline_bin unit)
{
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        return "day";
    case EVG_TIMELINE_BIN_WEEK:
        return "week";
    case EVG_TIMELINE_BIN_MONTH:
        return "month";
    case EVG_TIMELINE_BIN_YEAR:
        return "year";
    default:
        return "";
    }
}

typedef struct sort_entry {
    uint32_t lane;
    int64_t key;    /* bin, or NO_BIN */
    double t;       /* start of the bin, or of the date when not binned */
    uint32_t order; /* position in b->events (model order) */
} sort_entry;

/* By lane and time; a bin's events together even when an unbinned (coarser)
 * event starts inside the bin. */
static int compare_entries(const void *pa, const void *pb)
{
    const sort_entry *a = pa, *b = pb;
    if (a->lane != b->lane)
        return a->lane < b->lane ? -1 : 1;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    if ((a->key == NO_BIN) != (b->key == NO_BIN))
        return a->key == NO_BIN ? 1 : -1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* "25 killed, 25 injured" for one event or a bin's sum; false when none. */
static bool format_casualties(char *buf, size_t size, int64_t killed, int64_t injured)
{
    if (killed <= 0 && injured <= 0)
        return false;
    char k[32], j[32];
    format_count(k, sizeof k, (uint64_t)(killed > 0 ? killed : 0));
    format_count(j, sizeof j, (uint64_t)(injured > 0 ? injured : 0));
    if (killed > 0 && injured > 0)
        snprintf(buf, size, "%s killed, %s injured", k, j);
    else if (killed > 0)
        snprintf(buf, size, "%s killed", k);
    else
        snprintf(buf, size, "%s injured", j);
    return true;
}

static const char *casualty_text(builder *b, int64_t killed, int64_t injured)
{
    char text[80];
    if (!format_casualties(text, sizeof text, killed, injured))
        return NULL;
    return arena_str(b, text, strlen(text));
}

static void event_tooltip(builder *b, const evg_event *e)
{
    const evg_model *m = b->model;
    sbuf *s = &b->sb;
    bool year = b->show_year;
    b->show_year = true;
    format_event_date(b, e);
    b->show_year = year;
    sb_printf(s, " \xE2\x80\x93 %s\n%s", e->title ? e->title : e->id,
              evg_model_actor(m, e->actor)->name);
    for (uint32_t k = 0; k < e->target_count; k++)
        sb_printf(s, "%s%s", k ? ", " : " \xE2\x86\x92 ", evg_model_actor(m, e->targets[k])->name);
    sb_printf(s, "\n%s", evg_model_type(m, e->type)->label);
    if (e->location)
        sb_printf(s, ", %s", e->location);
    if (e->certainty != EVG_CERTAINTY_UNSPECIFIED)
        sb_printf(s, " (%s)", evg_certainty_name(e->certainty));
    char casualties[80];
    if (format_casualties(casualties, sizeof casualties, e->killed, e->injured)) {
        sb_str(s, "\n");
        sb_str(s, casualties);
    }
    if (e->source) {
        sb_str(s, "\nSource: ");
        sb_str(s, e->source);
    }
    if (e->description) {
        size_t len = strlen(e->description), cut = len;
        if (len > 280) {
            cut = 280;
            while (cut > 200 && e->description[cut] != ' ')
                cut--;
            while (cut && ((unsigned char)e->description[cut] & 0xC0) == 0x80)
                cut--;
        }
        sb_str(s, "\n");
        sb_add(s, e->description, cut);
        if (cut < len)
            sb_str(s, "\xE2\x80\xA6");
    }
}

/* Label, tooltip, times and style of an item of one event. */
static void describe_event(builder *b, attempt *at, size_t i)
{
    const evg_model *m = b->model;
    item_geom *g = &at->geo[i];
    evg__tl_item *it = &at->items[i];
    const evg_event *e = evg_model_event(m, it->events[0]);
    const evg_date *d = &e->date;
    g->type = e->type;
    g->t0 = date_start(d);
    g->t1 = date_end(d);
    g->tc = date_centre(d);
    g->t_end = e->end_date.precision ? date_centre(&e->end_date) : NAN;
    if (g->t_end < g->tc)
        g->t_end = NAN;
    g->t_last = isnan(g->t_end) ? g->t1 : g->t_end;
    g->slot_key = evg_date_start(d);
    g->slot_prec = d->precision;
    g->style = 0;
    if (d->precision <= EVG_PRECISION_MONTH)
        g->style |= EVG__TL_HOLLOW;
    if (d->flags & (EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN))
        g->style |= EVG__TL_PALE;
    g->glyph_w = g->glyph_h = GLYPH;

    format_event_date(b, e);
    sb_str(&b->sb, " \xE2\x80\x93 ");
    sb_str(&b->sb, e->title ? e->title : e->id);
    g->text = sb_take(b);
    g->max_lines = 4;
    g->casualties = casualty_text(b, e->killed, e->injured);
    g->casualties_w = g->casualties ? text_w(g->casualties, CASUALTY_SIZE, EVG__TL_REGULAR) : 0;
    event_tooltip(b, e);
    it->tooltip = sb_take(b);
}

typedef struct type_count {
    uint32_t type, count;
} type_count;

static int compare_type_counts(const void *pa, const void *pb)
{
    const type_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->type < b->type ? -1 : a->type > b->type;
}

static void describe_bin(builder *b, attempt *at, size_t i, int64_t key, type_count *counts)
{
    const evg_model *m = b->model;
    item_geom *g = &at->geo[i];
    evg__tl_item *it = &at->items[i];
    bin_period(key, at->unit, &g->t0, &g->t1);
    g->tc = (g->t0 + g->t1) / 2;
    g->t_end = NAN;
    g->t_last = g->t1;
    g->slot_key = (int64_t)g->t0;
    g->slot_prec = 0;
    g->style = 0;

    /* Types by count, most first. */
    size_t ntypes = 0;
    int64_t killed = 0, injured = 0;
    for (uint32_t k = 0; k < it->count; k++) {
        const evg_event *e = evg_model_event(m, it->events[k]);
        size_t t = 0;
        while (t < ntypes && counts[t].type != e->type)
            t++;
        if (t == ntypes)
            counts[ntypes++] = (type_count){e->type, 0};
        counts[t].count++;
        killed += e->killed > 0 ? e->killed : 0;
        injured += e->injured > 0 ? e->injured : 0;
        /* A bin draws no spans, but the axis still reaches their ends. */
        if (e->end_date.precision && date_centre(&e->end_date) > g->t_last)
            g->t_last = date_centre(&e->end_date);
    }
    qsort(counts, ntypes, sizeof *counts, compare_type_counts);
    g->type = counts[0].count * 2 >= it->count ? counts[0].type : EVG_NO_INDEX;

    /* "13–19 Jun 2016 – 14 events" and the types. */
    sbuf *s = &b->sb;
    int64_t d0 = (int64_t)floor(g->t0 / 86400), d1 = (int64_t)floor(g->t1 / 86400) - 1;
    int64_t y0, y1;
    unsigned m0, m1, day0, day1;
    evg__civil_from_days(d0, &y0, &m0, &day0);
    evg__civil_from_days(d1, &y1, &m1, &day1);
    switch (at->unit) {
    case EVG_TIMELINE_BIN_DAY:
        sb_printf(s, "%u %s", day0, month_names[m0 - 1]);
        if (b->show_year)
            sb_printf(s, " %lld", (long long)y0);
        break;
    case EVG_TIMELINE_BIN_WEEK:
        if (m0 == m1)
            sb_printf(s, "%u\xE2\x80\x93%u %s", day0, day1, month_names[m1 - 1]);
        else
            sb_printf(s, "%u %s \xE2\x80\x93 %u %s", day0, month_names[m0 - 1], day1,
                      month_names[m1 - 1]);
        if (b->show_year || y0 != y1)
            sb_printf(s, " %lld", (long long)y1);
        break;
    case EVG_TIMELINE_BIN_MONTH:
        sb_printf(s, "%s", month_names[m0 - 1]);
        if (b->show_year)
            sb_printf(s, " %lld", (long long)y0);
        break;
    default:
        sb_printf(s, "%lld", (long long)y0);
        break;
    }
    char n[32];
    format_count(n, sizeof n, it->count);
    sb_printf(s, " \xE2\x80\x93 %s events: ", n);
    for (size_t t = 0; t < ntypes && t < 3; t++) {
        format_count(n, sizeof n, counts[t].count);
        sb_printf(s, "%s%s %s", t ? ", " : "", n, evg_model_type(m, counts[t].type)->label);
    }
    if (ntypes > 3) {
        uint32_t rest = 0;
        for (size_t t = 3; t < ntypes; t++)
            rest += counts[t].count;
        format_count(n, sizeof n, rest);
        sb_printf(s, ", %s other", n);
    }
    /* A bin has no label beside it (the count is in its mark, the rest in
     * its tooltip): bins fill periods that could not be labelled. */
    const char *text = sb_take(b);
    g->bare = true;

    /* The count inside a circle that fits it. */
    format_count(n, sizeof n, it->count);
    double w = text_w(n, COUNT_SIZE, EVG__TL_BOLD) + 3;
    g->glyph_h = 12;
    g->glyph_w = w > g->glyph_h ? ceil(w) : g->glyph_h;

    /* The tooltip lists the first events. */
    sb_str(s, text);
    char casualties[80];
    if (format_casualties(casualties, sizeof casualties, killed, injured))
        sb_printf(s, "\n%s", casualties);
    for (uint32_t k = 0; k < it->count && k < 12; k++) {
        const evg_event *e = evg_model_event(m, it->events[k]);
        sb_str(s, "\n");
        bool year = b->show_year;
        b->show_year = false;
        format_event_date(b, e);
        b->show_year = year;
        sb_printf(s, " \xE2\x80\x93 %s", e->title ? e->title : e->id);
    }
    if (it->count > 12) {
        format_count(n, sizeof n, it->count - 12);
        sb_printf(s, "\n\xE2\x80\xA6 and %s more", n);
    }
    it->tooltip = sb_take(b);
}

static void free_attempt(attempt *at)
{
    free(at->items);
    free(at->geo);
    free(at->sc.segs);
    free(at->sc.slot_key);
    free(at->sc.slot_prec);
    free(at->sc.anchor_t);
    free(at->sc.anchor_x);
    free(at->row_offset);
    free(at->row_h);
    memset(at, 0, sizeof *at);
}

static int make_items(builder *b, attempt *at)
{
    size_t n = b->count;
    sort_entry *entries = malloc((n + 1) * sizeof *entries);
    /* The items' event lists outlive the attempt: they go to the arena. */
    at->members = evg__arena_alloc(&b->out->arena, (n + 1) * sizeof *at->members);
    at->items = calloc(n + 1, sizeof *at->items);
    at->geo = calloc(n + 1, sizeof *at->geo);
    type_count *counts = malloc((evg_model_type_count(b->model) + 1) * sizeof *counts);
    int64_t *keys = malloc((n + 1) * sizeof *keys);
    int rc = 0;
    if (entries == NULL || at->members == NULL || at->items == NULL || at->geo == NULL ||
        counts == NULL || keys == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        int64_t key = bin_key(&e->date, at->unit);
        double t = date_start(&e->date), end;
        if (key != NO_BIN)
            bin_period(key, at->unit, &t, &end);
        entries[i] = (sort_entry){b->event_lane[i], key, t, (uint32_t)i};
    }
    qsort(entries, n, sizeof *entries, compare_entries);
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        if (entries[i].key != NO_BIN)
            while (j < n && entries[j].lane == entries[i].lane && entries[j].key == entries[i].key)
                j++;
        evg__tl_item *it = &at->items[count];
        it->events = at->members + i;
        it->count = (uint32_t)(j - i);
        it->lane = entries[i].lane;
        it->row = 0;
        for (size_t k = i; k < j; k++)
            at->members[k] = b->events[entries[k].order];
        keys[count] = entries[i].key;
        count++;
        i = j;
    }
    at->item_count = count;
    for (size_t i = 0; i < count && !b->nomem; i++) {
        at->geo[i].bin = keys[i];
        if (at->items[i].count == 1)
            describe_event(b, at, i);
        else
            describe_bin(b, at, i, keys[i], counts);
    }
    if (b->nomem)
        rc = EVG_ENOMEM;
done:
    free(entries);
    free(counts);
    free(keys);
    return rc;
}

/* ---- the time scale ------------------------------------------------------------------------------- */

typedef struct interval {
    double t0, t1;
} interval;

static int compare_intervals(const void *pa, const void *pb)
{
    const interval *a = pa, *b = pb;
    return a->t0 < b->t0 ? -1 : a->t0 > b->t0;
}

static double x_at(const scale *sc, double t)
{
    if (sc->ordinal) {
        size_t n = sc->slot_count;
        if (t <= sc->anchor_t[0])
            return t < sc->anchor_t[0] ? sc->anchor_x[0] - sc->step / 2 : sc->anchor_x[0];
        if (t > sc->anchor_t[n - 1])
            return sc->anchor_x[n - 1] + sc->step / 2;
        size_t lo = 0, hi = n - 1; /* anchor_t[lo] < t <= anchor_t[hi] */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (sc->anchor_t[mid] < t)
                lo = mid;
            else
                hi = mid;
        }
        double f = (t - sc->anchor_t[lo]) / (sc->anchor_t[hi] - sc->anchor_t[lo]);
        return sc->anchor_x[lo] + f * (sc->anchor_x[hi] - sc->anchor_x[lo]);
    }
    size_t lo = 0, hi = sc->seg_count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (sc->segs[mid].t0 <= t)
            lo = mid;
        else
            hi = mid;
    }
    const segment *g = &sc->segs[lo];
    if (t < g->t0)
        t = g->t0;
    if (t > g->t1)
        t = g->t1;
    return g->x0 + (t - g->t0) * sc->s;
}

/* The ordinal position of an item's date. */
static double slot_x(const scale *sc, const item_geom *g)
{
    size_t lo = 0, hi = sc->slot_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sc->slot_key[mid] < g->slot_key ||
            (sc->slot_key[mid] == g->slot_key && sc->slot_prec[mid] < g->slot_prec))
            lo = mid + 1;
        else
            hi = mid;
    }
    return sc->anchor_x[lo < sc->slot_count ? lo : sc->slot_count - 1];
}

typedef struct slot {
    int64_t key;
    int prec;
} slot;

static int compare_slots(const void *pa, const void *pb)
{
    const slot *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->prec < b->prec ? -1 : a->prec > b->prec;
}

static int make_ordinal_scale(builder *b, attempt *at)
{
    scale *sc = &at->sc;
    size_t n = at->item_count;
    slot *slots = malloc((n + 1) * sizeof *slots);
    sc->slot_key = malloc((n + 1) * sizeof *sc->slot_key);
    sc->slot_prec = malloc((n + 1) * sizeof *sc->slot_prec);
    sc->anchor_t = malloc((n + 1) * sizeof *sc->anchor_t);
    sc->anchor_x = malloc((n + 1) * sizeof *sc->anchor_x);
    sc->segs = calloc(1, sizeof *sc->segs);
    if (slots == NULL || sc->slot_key == NULL || sc->slot_prec == NULL || sc->anchor_t == NULL ||
        sc->anchor_x == NULL || sc->segs == NULL) {
        free(slots);
        return EVG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        slots[i] = (slot){at->geo[i].slot_key, at->geo[i].slot_prec};
    qsort(slots, n, sizeof *slots, compare_slots);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (count == 0 || compare_slots(&slots[i], &slots[count - 1]) != 0)
            slots[count++] = slots[i];
    double x0 = b->plot_x0 + EDGE_PAD, x1 = b->plot_x1 - EDGE_PAD;
    sc->ordinal = true;
    sc->slot_count = count;
    sc->step = (x1 - x0) / (double)count;
    for (size_t i = 0; i < count; i++) {
        sc->slot_key[i] = slots[i].key;
        sc->slot_prec[i] = slots[i].prec;
        sc->anchor_t[i] = (double)slots[i].key;
        sc->anchor_x[i] = x0 + ((double)i + 0.5) * sc->step;
    }
    free(slots);
    sc->seg_count = 1;
    sc->segs[0] = (segment){sc->anchor_t[0], sc->anchor_t[count - 1], x0, x1, x0, x1};
    return 0;
}

static int make_proportional_scale(builder *b, attempt *at)
{
    scale *sc = &at->sc;
    size_t n = at->item_count;
    interval *iv = malloc((n + 1) * sizeof *iv);
    if (iv == NULL)
        return EVG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const item_geom *g = &at->geo[i];
        iv[i] = (interval){g->t0, g->t1 > g->t_last ? g->t1 : g->t_last};
    }
    /* The finest period of the events' own dates (not of their bins). */
    double finest = INFINITY;
    for (size_t i = 0; i < b->count; i++) {
        const evg_date *d = &evg_model_event(b->model, b->events[i])->date;
        double len = date_end(d) - date_start(d);
        if (len < finest)
            finest = len;
    }
    qsort(iv, n, sizeof *iv, compare_intervals);
    size_t merged = 0;
    for (size_t i = 0; i < n; i++) {
        if (merged && iv[i].t0 <= iv[merged - 1].t1) {
            if (iv[i].t1 > iv[merged - 1].t1)
                iv[merged - 1].t1 = iv[i].t1;
        } else {
            iv[merged++] = iv[i];
        }
    }
    /* Show at least ten of the finest periods, so a single day is not
     * stretched across the page. */
    if (finest < 1)
        finest = 1;
    double total = iv[merged - 1].t1 - iv[0].t0, least = 10 * finest;
    if (total < least) {
        iv[0].t0 -= (least - total) / 2;
        iv[merged - 1].t1 += (least - total) / 2;
        total = least;
    }
    /* Cut the longest gaps while each is a large part of what is left. */
    bool *cut = calloc(merged + 1, 1);
    sc->segs = calloc(merged + 1, sizeof *sc->segs);
    if (cut == NULL || sc->segs == NULL) {
        free(iv);
        free(cut);
        return EVG_ENOMEM;
    }
    double avail = b->plot_x1 - b->plot_x0 - 2 * EDGE_PAD;
    size_t max_cuts = (size_t)(avail / 2 / (MIN_SEGMENT + BREAK_WIDTH));
    if (max_cuts > CUT_MAX)
        max_cuts = CUT_MAX;
    double left = total;
    for (size_t cuts = 0; b->opts->cut_gaps && cuts < max_cuts; cuts++) {
        size_t best = 0;
        double gap = 0;
        for (size_t k = 0; k + 1 < merged; k++) {
            double g = iv[k + 1].t0 - iv[k].t1;
            if (!cut[k] && g > gap)
                gap = g, best = k;
        }
        if (gap < CUT_MIN_SECONDS || gap <= left / 5)
            break;
        cut[best] = true;
        left -= gap;
    }
    size_t nseg = 0;
    for (size_t k = 0; k < merged; k++) {
        if (k == 0 || cut[k - 1])
            sc->segs[nseg++] = (segment){iv[k].t0, iv[k].t1, 0, 0, 0, 0};
        else
            sc->segs[nseg - 1].t1 = iv[k].t1;
    }
    free(iv);
    free(cut);
    sc->seg_count = nseg;
    /* One scale for all pieces; a piece too short for its axis labels gets
     * more room around it, not a scale of its own. */
    double room = avail - (double)(nseg - 1) * BREAK_WIDTH;
    double s = 0;
    for (int pass = 0; pass < 8; pass++) {
        double fixed = 0, free_time = 0;
        for (size_t k = 0; k < nseg; k++) {
            double dur = sc->segs[k].t1 - sc->segs[k].t0;
            if (pass > 0 && dur * s < MIN_SEGMENT && nseg > 1)
                fixed += MIN_SEGMENT;
            else
                free_time += dur;
        }
        double next = free_time > 0 ? (room - fixed) / free_time : 0;
        if (next <= 0)
            break;
        if (pass > 0 && fabs(next - s) < 1e-12 * next)
            break;
        s = next;
    }
    sc->s = s;
    double x = b->plot_x0 + EDGE_PAD;
    for (size_t k = 0; k < nseg; k++) {
        segment *g = &sc->segs[k];
        double w = (g->t1 - g->t0) * s;
        double slot_w = w < MIN_SEGMENT && nseg > 1 ? MIN_SEGMENT : w;
        g->slot0 = x;
        g->slot1 = x + slot_w;
        g->x0 = x + (slot_w - w) / 2;
        g->x1 = g->x0 + w;
        x += slot_w + BREAK_WIDTH;
    }
    return 0;
}

/* ---- placing items in rows ----------------------------------------------------------------------- */

static void use_variant(item_geom *g, size_t v)
{
    g->variant = v;
    g->label = g->variants[v].label;
    g->label_w = g->variants[v].w;
    g->label_h = g->variants[v].h;
}

/* Where the glyph, band and bar go: depends on the scale only. */
static void position_item(const attempt *at, size_t i)
{
    item_geom *g = &at->geo[i];
    const scale *sc = &at->sc;
    g->x = sc->ordinal ? slot_x(sc, g) : x_at(sc, g->tc);
    g->band0 = g->band1 = g->x;
    bool bin = at->items[i].count > 1 || g->as_bin;
    if ((g->style & EVG__TL_HOLLOW) || bin) {
        g->band0 = x_at(sc, g->t0);
        g->band1 = x_at(sc, g->t1);
        if (sc->ordinal && bin) {
            /* A bin's slot sits at its start: centre its band there. */
            g->band0 = g->x - sc->step / 2;
            g->band1 = g->x + sc->step / 2;
        }
    }
    g->bar_end = NAN;
    if (!isnan(g->t_end)) {
        double xe = x_at(sc, g->t_end);
        if (xe > g->x + 1)
            g->bar_end = xe;
    }
}

/* A lone event without room for its label, drawn like the bins around it:
 * a mark with "1" over its period. */
static void make_bin_of_one(attempt *at, size_t i)
{
    item_geom *g = &at->geo[i];
    g->as_bin = true;
    g->bare = true;
    bin_period(g->bin, at->unit, &g->t0, &g->t1);
    if (!at->sc.ordinal)
        g->tc = (g->t0 + g->t1) / 2;
    g->t_end = NAN;
    g->style = 0;
    g->glyph_w = g->glyph_h = 12;
    position_item(at, i);
}

/* Wraps the label at each width; a width that gives the same lines as a
 * narrower one is not kept. */
static void wrap_item(builder *b, const attempt *at, size_t i, const double *widths, size_t n)
{
    item_geom *g = &at->geo[i];
    g->variant_count = 0;
    for (size_t k = 0; k < n; k++) {
        struct label_variant v;
        v.label = wrap(b, g->text, LABEL_SIZE, EVG__TL_REGULAR, widths[k], g->max_lines, &v.lines,
                       &v.w);
        v.h = evg__tl_text_height(v.lines, LABEL_SIZE);
        if (g->variant_count && g->variants[g->variant_count - 1].lines == v.lines)
            continue;
        g->variants[g->variant_count++] = v;
    }
    use_variant(g, g->variant_count / 2);
}

typedef struct item_box {
    double x0, x1, h, label_x;
    char side;
} item_box;

/* Where a label beside the item may start (right) or end (left). A short
 * band (a month) is kept clear of the label; a long one (a year on a long
 * axis) lies under it. */
static void label_anchors(const item_geom *g, double *right_from, double *left_to)
{
    double half = g->glyph_w / 2;
    *right_from = g->x + half;
    *left_to = g->x - half;
    if (!isnan(g->bar_end) && g->bar_end + 1 > *right_from)
        *right_from = g->bar_end + 1;
    if (g->band1 > *right_from && g->band1 - g->x <= 24)
        *right_from = g->band1;
    if (g->band0 < *left_to && g->x - g->band0 <= 24)
        *left_to = g->band0;
}

/* The extent of an item with its label (the variant in use) on `side`: 'r'
 * right of the glyph (and of its bar), 'l' left, 'b' below. False when the
 * label would leave the plot ('b' always fits). */
static bool side_box(const builder *b, const item_geom *g, char side, item_box *box)
{
    double half = g->glyph_w / 2;
    double line_h = evg__tl_text_height(1, LABEL_SIZE);
    double cas_h = g->casualties ? evg__tl_text_height(1, CASUALTY_SIZE) : 0;
    double block_w = g->label_w > g->casualties_w ? g->label_w : g->casualties_w;
    double right_from, left_to;
    label_anchors(g, &right_from, &left_to);
    double gx0 = g->x - half, gx1 = right_from;
    if (g->band0 < gx0)
        gx0 = g->band0;
    if (g->band1 > gx1)
        gx1 = g->band1;
    double lx;
    if (side == 'r') {
        lx = right_from + LABEL_GAP;
        if (lx + block_w > b->plot_x1)
            return false;
    } else if (side == 'l') {
        lx = left_to - LABEL_GAP - block_w;
        if (lx < b->plot_x0)
            return false;
    } else {
        lx = g->x - half;
        if (lx + block_w > b->plot_x1)
            lx = b->plot_x1 - block_w;
        if (lx < b->plot_x0)
            lx = b->plot_x0;
    }
    double glyph_h = g->glyph_h > line_h ? g->glyph_h : line_h;
    box->side = side;
    box->label_x = lx;
    box->x0 = gx0 < lx ? gx0 : lx;
    box->x1 = gx1 > lx + block_w ? gx1 : lx + block_w;
    box->h = side == 'b' ? g->glyph_h + 1 + g->label_h + cas_h
                         : (glyph_h > g->label_h + cas_h ? glyph_h : g->label_h + cas_h);
    return true;
}

/* An item drawn without a label: a bin (its count is in its mark) or an
 * event there was no room to label. Its box is its glyph, bar and band; a
 * bin's band may touch the next bin's. */
static void bare_box(const item_geom *g, item_box *box)
{
    double half = g->glyph_w / 2;
    double x0 = g->x - half, x1 = g->x + half;
    if (g->band0 + ITEM_GAP / 2 < x0)
        x0 = g->band0 + ITEM_GAP / 2;
    if (g->band1 - ITEM_GAP / 2 > x1)
        x1 = g->band1 - ITEM_GAP / 2;
    if (!isnan(g->bar_end) && g->bar_end + 1 > x1)
        x1 = g->bar_end + 1;
    *box = (item_box){x0, x1, g->glyph_h, g->x, 'n'};
}

/* Right if it fits, else left, else below. */
static void default_box(const builder *b, const item_geom *g, item_box *box)
{
    if (g->bare)
        bare_box(g, box);
    else if (!side_box(b, g, 'r', box) && !side_box(b, g, 'l', box))
        side_box(b, g, 'b', box);
}

static void apply_box(item_geom *g, const item_box *box)
{
    g->side = box->side;
    g->label_x = box->label_x;
    g->x0 = box->x0;
    g->x1 = box->x1;
    g->h = box->h;
    if (box->side == 'n')
        g->label = NULL;
}

typedef struct row_slot {
    double right;
    uint32_t row;
} row_slot;

/* Min-heaps: rows in use by their right end, free rows by number. */
static void heap_push(row_slot *h, size_t *n, row_slot v, bool by_row)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        bool less = by_row ? v.row < h[p].row
                           : (v.right < h[p].right || (v.right == h[p].right && v.row < h[p].row));
        if (!less)
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = v;
}

static row_slot heap_pop(row_slot *h, size_t *n, bool by_row)
{
    row_slot top = h[0], v = h[--*n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n) {
            bool right_less = by_row ? h[c + 1].row < h[c].row
                                     : (h[c + 1].right < h[c].right ||
                                        (h[c + 1].right == h[c].right && h[c + 1].row < h[c].row));
            if (right_less)
                c++;
        }
        bool less = by_row ? h[c].row < v.row
                           : (h[c].right < v.right || (h[c].right == v.right && h[c].row < v.row));
        if (!less)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
    return top;
}

typedef struct order_entry {
    uint32_t lane;
    uint32_t pass; /* bins (0) are placed before lone events (1) */
    double x;
    uint32_t item;
} order_entry;

static int compare_order(const void *pa, const void *pb)
{
    const order_entry *a = pa, *b = pb;
    if (a->lane != b->lane)
        return a->lane < b->lane ? -1 : 1;
    if (a->pass != b->pass)
        return a->pass < b->pass ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

/* Lanes with more items than this are packed the fast way only. */
#define FLEXIBLE_PACKING_MAX 1500

/* With bins, a lone event is labelled where its label costs no more height
 * than a bare mark, or anywhere in a lane of few items. */
#define FEW_ITEMS 16

/* Rows of labels a lane may have when the binning is chosen (not auto);
 * events past them are drawn without a label, in rows below. */
#define LABEL_ROWS_PER_LANE 24
#define LABEL_ROWS_SINGLE_LANE 96

typedef struct span {
    double x0, x1;
} span;

typedef struct row_spans {
    span *spans; /* disjoint, sorted */
    size_t count, cap;
    double h; /* tallest item */
} row_spans;

static bool row_is_free(const row_spans *r, double x0, double x1)
{
    size_t lo = 0, hi = r->count; /* first span ending after x0 - gap */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->spans[mid].x1 + ITEM_GAP <= x0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == r->count || r->spans[lo].x0 >= x1 + ITEM_GAP;
}

static bool row_take(row_spans *r, double x0, double x1)
{
    if (r->count == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        span *p = realloc(r->spans, cap * sizeof *p);
        if (p == NULL)
            return false;
        r->spans = p;
        r->cap = cap;
    }
    size_t at = r->count;
    while (at > 0 && r->spans[at - 1].x0 > x0)
        at--;
    memmove(r->spans + at + 1, r->spans + at, (r->count - at) * sizeof *r->spans);
    r->spans[at] = (span){x0, x1};
    r->count++;
    return true;
}

/* The candidate placements of a labelled item: every label width on every
 * side, lowest first (then right, left, below). Returns how many. */
static size_t label_boxes(builder *b, item_geom *g, item_box *boxes, size_t *variant)
{
    /* Also wrap at the room there is on each side, which may save a line. */
    double right_from, left_to;
    label_anchors(g, &right_from, &left_to);
    double room[2] = {b->plot_x1 - right_from - LABEL_GAP - 0.5,
                      left_to - LABEL_GAP - b->plot_x0 - 0.5};
    for (int side = 0; side < 2; side++) {
        if (room[side] < 60 || room[side] >= g->variants[g->variant_count - 1].w ||
            g->variant_count == sizeof g->variants / sizeof g->variants[0])
            continue;
        struct label_variant v;
        v.label = wrap(b, g->text, LABEL_SIZE, EVG__TL_REGULAR, room[side], g->max_lines,
                       &v.lines, &v.w);
        v.h = evg__tl_text_height(v.lines, LABEL_SIZE);
        bool better = true;
        for (size_t k = 0; k < g->variant_count && better; k++)
            better = !(g->variants[k].w <= room[side] && g->variants[k].lines <= v.lines);
        if (better)
            g->variants[g->variant_count++] = v;
    }
    size_t n = 0;
    for (size_t v = 0; v < g->variant_count; v++) {
        use_variant(g, v);
        for (const char *side = "rlb"; *side; side++) {
            if (!side_box(b, g, *side, &boxes[n]))
                continue;
            variant[n++] = v;
        }
    }
    for (size_t x = 1; x < n; x++) {
        for (size_t y = x; y > 0 && boxes[y].h < boxes[y - 1].h; y--) {
            item_box tb = boxes[y];
            size_t tv = variant[y];
            boxes[y] = boxes[y - 1], variant[y] = variant[y - 1];
            boxes[y - 1] = tb, variant[y - 1] = tv;
        }
    }
    return n;
}

/* Packs bare items (given in any order) into rows from `first_row` on, each
 * in the lowest row free at its left end: rows kept in heaps, O(n log n). */
static int pack_bare(attempt *at, order_entry *order, size_t n, uint32_t first_row,
                     uint32_t *rows)
{
    row_slot *busy = malloc((n + 1) * sizeof *busy), *idle = malloc((n + 1) * sizeof *idle);
    if (busy == NULL || idle == NULL) {
        free(busy);
        free(idle);
        return EVG_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        item_geom *g = &at->geo[order[k].item];
        item_box box;
        g->bare = true;
        bare_box(g, &box);
        apply_box(g, &box);
        order[k].x = box.x0;
        order[k].pass = 0; /* the heaps need left ends in order */
    }
    qsort(order, n, sizeof *order, compare_order);
    size_t nbusy = 0, nidle = 0;
    uint32_t count = first_row;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = order[k].item;
        while (nbusy && busy[0].right + ITEM_GAP <= at->geo[i].x0)
            heap_push(idle, &nidle, heap_pop(busy, &nbusy, false), true);
        uint32_t row = nidle ? heap_pop(idle, &nidle, true).row : count++;
        at->items[i].row = row;
        heap_push(busy, &nbusy, (row_slot){at->geo[i].x1, row}, false);
    }
    if (count > *rows)
        *rows = count;
    free(busy);
    free(idle);
    return 0;
}

/* The placement among `boxes` that adds least to the lane's height (a new
 * row costs the box and a gap), then the lowest row; returns the growth. */
static double best_place(const row_spans *r, size_t count, const item_box *boxes, size_t nbox,
                         size_t *row, size_t *choice)
{
    double best = boxes[0].h + ROW_GAP;
    *row = count;
    *choice = 0;
    for (size_t rr = 0; rr < count && best > 0; rr++) {
        for (size_t c = 0; c < nbox; c++) {
            double grows = boxes[c].h > r[rr].h ? boxes[c].h - r[rr].h : 0;
            if (grows < best - 0.01 && row_is_free(&r[rr], boxes[c].x0, boxes[c].x1)) {
                best = grows, *row = rr, *choice = c;
                if (grows == 0)
                    break;
            }
        }
    }
    return best;
}

/* In glyph order, each item goes where it adds least height to its lane:
 * any row where it fits, its label right, left or below the glyph, wrapped
 * at one of a few widths. Items that would need a row past `label_rows`
 * are left in `deferred` (their count in *ndeferred). When bins are drawn,
 * a lone event's label is optional: it is drawn where it costs (almost) no
 * more height than the bare glyph, and *unlabelled counts the others. */
static int pack_flexible(builder *b, attempt *at, const order_entry *order, size_t n,
                         uint32_t label_rows, uint32_t *rows, order_entry *deferred,
                         size_t *ndeferred, size_t *unlabelled)
{
    row_spans *r = NULL;
    size_t count = 0, cap = 0;
    size_t free_rows = n <= FEW_ITEMS ? label_rows : 0;
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        uint32_t i = order[k].item;
        item_geom *g = &at->geo[i];
        item_box boxes[3 * sizeof g->variants / sizeof g->variants[0]], box;
        size_t variant[sizeof boxes / sizeof boxes[0]], nbox;
        if (g->bare) {
            bare_box(g, &boxes[0]);
            variant[0] = 0;
            nbox = 1;
        } else {
            nbox = label_boxes(b, g, boxes, variant);
        }
        size_t row, choice;
        double grows = best_place(r, count, boxes, nbox, &row, &choice);
        if (!g->bare && at->unit != EVG_TIMELINE_BIN_NONE) {
            item_box bare;
            size_t bare_row, bare_choice;
            bare_box(g, &bare);
            double bare_grows = best_place(r, count, &bare, 1, &bare_row, &bare_choice);
            if ((grows > bare_grows + 3 && row >= free_rows) || row >= label_rows) {
                g->bare = true;
                if (g->bin != NO_BIN) {
                    make_bin_of_one(at, i);
                    bare_box(g, &bare);
                    best_place(r, count, &bare, 1, &bare_row, &bare_choice);
                } else {
                    at->glyph_only++;
                }
                boxes[0] = bare;
                row = bare_row;
                choice = 0;
                (*unlabelled)++;
            }
        }
        if (row >= label_rows && !g->bare) {
            deferred[(*ndeferred)++] = order[k];
            continue;
        }
        if (row == count) {
            row_spans *grown = count == cap ? realloc(r, (cap ? 2 * cap : 8) * sizeof *r) : r;
            if (grown == NULL) {
                rc = EVG_ENOMEM;
                break;
            }
            if (count == cap)
                cap = cap ? 2 * cap : 8;
            r = grown;
            r[count++] = (row_spans){NULL, 0, 0, 0};
        }
        box = boxes[choice];
        if (!g->bare)
            use_variant(g, variant[choice]);
        apply_box(g, &box);
        at->items[i].row = (uint32_t)row;
        if (box.h > r[row].h)
            r[row].h = box.h;
        if (!row_take(&r[row], box.x0, box.x1))
            rc = EVG_ENOMEM;
    }
    *rows = (uint32_t)count;
    for (size_t k = 0; k < count; k++)
        free(r[k].spans);
    free(r);
    return rc;
}

/* Each item with its label on its default side, in the lowest row free at
 * its left end: O(n log n) for lanes of any size. */
static int pack_fast(const builder *b, attempt *at, order_entry *order, size_t n,
                     uint32_t label_rows, uint32_t *rows, order_entry *deferred,
                     size_t *ndeferred, size_t *unlabelled)
{
    row_slot *busy = malloc((n + 1) * sizeof *busy), *idle = malloc((n + 1) * sizeof *idle);
    if (busy == NULL || idle == NULL) {
        free(busy);
        free(idle);
        return EVG_ENOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        item_geom *g = &at->geo[order[k].item];
        if (!g->bare && at->unit != EVG_TIMELINE_BIN_NONE) {
            /* Too many to weigh each label: the bins speak. */
            if (g->bin != NO_BIN)
                make_bin_of_one(at, order[k].item);
            else
                at->glyph_only++;
            g->bare = true;
            (*unlabelled)++;
        }
        item_box box;
        default_box(b, g, &box);
        apply_box(g, &box);
        order[k].x = box.x0;
        order[k].pass = 0; /* the heaps need left ends in order */
    }
    qsort(order, n, sizeof *order, compare_order);
    size_t nbusy = 0, nidle = 0;
    uint32_t count = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = order[k].item;
        while (nbusy && busy[0].right + ITEM_GAP <= at->geo[i].x0)
            heap_push(idle, &nidle, heap_pop(busy, &nbusy, false), true);
        bool reused = nidle > 0;
        uint32_t row = reused ? heap_pop(idle, &nidle, true).row : count++;
        if (row >= label_rows && !at->geo[i].bare) {
            if (reused)
                heap_push(idle, &nidle, (row_slot){0, row}, true);
            else
                count--;
            deferred[(*ndeferred)++] = order[k];
            continue;
        }
        at->items[i].row = row;
        heap_push(busy, &nbusy, (row_slot){at->geo[i].x1, row}, false);
    }
    *rows = count;
    free(busy);
    free(idle);
    return 0;
}

static int pack_rows(builder *b, attempt *at)
{
    size_t n = at->item_count, lanes = b->out->lane_count;
    order_entry *order = malloc((n + 1) * sizeof *order);
    order_entry *deferred = malloc((n + 1) * sizeof *deferred);
    uint32_t *rows = calloc(lanes + 1, sizeof *rows);
    uint32_t label_rows = lanes > 1 ? LABEL_ROWS_PER_LANE : LABEL_ROWS_SINGLE_LANE;
    free(at->row_offset);
    free(at->row_h);
    at->row_h = NULL;
    at->row_offset = calloc(lanes + 1, sizeof *at->row_offset);
    at->unlabelled = 0;
    at->glyph_only = 0;
    int rc = 0;
    if (order == NULL || deferred == NULL || rows == NULL || at->row_offset == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    /* Bins first, so they line up in the top rows; lone events then take
     * the room left. */
    for (size_t i = 0; i < n; i++)
        order[i] = (order_entry){at->items[i].lane, at->items[i].count > 1 ? 0 : 1, at->geo[i].x,
                                 (uint32_t)i};
    qsort(order, n, sizeof *order, compare_order);
    for (size_t k = 0; k < n && rc == 0;) {
        size_t end = k, ndeferred = 0;
        while (end < n && order[end].lane == order[k].lane)
            end++;
        uint32_t lane = order[k].lane;
        if (end - k <= FLEXIBLE_PACKING_MAX)
            rc = pack_flexible(b, at, order + k, end - k, label_rows, &rows[lane], deferred,
                               &ndeferred, &at->unlabelled);
        else
            rc = pack_fast(b, at, order + k, end - k, label_rows, &rows[lane], deferred,
                           &ndeferred, &at->unlabelled);
        if (rc == 0 && ndeferred)
            rc = pack_bare(at, deferred, ndeferred, rows[lane], &rows[lane]);
        at->unlabelled += ndeferred;
        at->glyph_only += ndeferred;
        k = end;
    }
    if (rc)
        goto done;
    size_t total = 0;
    uint32_t max = 0;
    for (size_t l = 0; l < lanes; l++) {
        at->row_offset[l] = (uint32_t)total;
        total += rows[l];
        if (rows[l] > max)
            max = rows[l];
        b->out->lanes[l].rows = rows[l];
    }
    at->rows_total = total;
    at->rows_max = max;
    at->row_h = calloc(total + 1, sizeof *at->row_h);
    if (at->row_h == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double *h = &at->row_h[at->row_offset[at->items[i].lane] + at->items[i].row];
        if (at->geo[i].h > *h)
            *h = at->geo[i].h;
    }
done:
    free(order);
    free(deferred);
    free(rows);
    return rc;
}

/* Height of a lane: its rows (and target strip), or its name if taller. */
static double lane_height(const builder *b, const attempt *at, size_t l)
{
    const evg__tl_lane *lane = &b->out->lanes[l];
    double content = b->lane_marks[l] ? TARGET_STRIP : 0;
    for (uint32_t r = 0; r < lane->rows; r++)
        content += at->row_h[at->row_offset[l] + r] + (r ? ROW_GAP : 0);
    double name_h = b->lane_label_h[l] + (b->lane_marks[l] && lane->rows ? TARGET_STRIP : 0);
    if (b->opts->lanes == EVG_TIMELINE_LANES_NONE)
        name_h = 0;
    return 2 * LANE_PAD + (content > name_h ? content : name_h);
}

/* Lays the items out for one binning. Labels are wrapped at a few widths:
 * where events crowd, each needs a row anyway and a wide label takes fewer
 * lines; where they spread, narrow labels share rows. */
static int try_binning(builder *b, attempt *at, evg_timeline_bin unit)
{
    at->unit = unit;
    int rc = make_items(b, at);
    if (rc == 0)
        rc = b->opts->scale == EVG_TIMELINE_SCALE_ORDINAL ? make_ordinal_scale(b, at)
                                                          : make_proportional_scale(b, at);
    if (rc)
        return rc;
    for (size_t i = 0; i < at->item_count; i++)
        position_item(at, i);
    double plot_w = b->plot_x1 - b->plot_x0;
    double widths[3] = {floor(plot_w * 0.34), floor(plot_w * 0.55), floor(plot_w * 0.85)};
    for (size_t w = 0; w < 3; w++) {
        if (widths[w] > 360)
            widths[w] = 360;
        if (widths[w] < 90)
            widths[w] = plot_w < 90 ? plot_w : 90;
    }
    for (size_t i = 0; i < at->item_count; i++)
        if (!at->geo[i].bare)
            wrap_item(b, at, i, widths, 3);
    rc = pack_rows(b, at);
    return b->nomem && rc == 0 ? EVG_ENOMEM : rc;
}

static bool fits(const builder *b, const attempt *at)
{
    size_t lanes = b->out->lane_count;
    uint32_t per_lane = lanes > 1 ? ROWS_PER_LANE : ROWS_SINGLE_LANE;
    size_t total = 3 * lanes > ROWS_TOTAL ? 3 * lanes : ROWS_TOTAL;
    /* Without bins every event has its label. With bins, a lone event may
     * go without where bins crowd it, but only a few: else the bins are
     * too fine to read. */
    size_t unlabelled_max = at->unit == EVG_TIMELINE_BIN_NONE ? 0 : at->item_count / 10;
    return at->unlabelled <= unlabelled_max && at->rows_max <= per_lane && at->rows_total <= total;
}

/* ---- the axis ------------------------------------------------------------------------------------------ */

typedef enum unit_kind { U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR } unit_kind;

typedef struct tick_unit {
    unit_kind kind;
    int n;
} tick_unit;

static const tick_unit tick_units[] = {
    {U_MINUTE, 1}, {U_MINUTE, 5}, {U_MINUTE, 15}, {U_MINUTE, 30}, {U_HOUR, 1},   {U_HOUR, 3},
    {U_HOUR, 6},   {U_HOUR, 12},  {U_DAY, 1},     {U_WEEK, 1},    {U_MONTH, 1},  {U_MONTH, 3},
    {U_YEAR, 1},   {U_YEAR, 2},   {U_YEAR, 5},    {U_YEAR, 10},   {U_YEAR, 20},  {U_YEAR, 50},
    {U_YEAR, 100}, {U_YEAR, 200}, {U_YEAR, 500},  {U_YEAR, 1000},
};

static double unit_seconds(tick_unit u)
{
    switch (u.kind) {
    case U_MINUTE:
        return 60.0 * u.n;
    case U_HOUR:
        return 3600.0 * u.n;
    case U_DAY:
        return 86400.0 * u.n;
    case U_WEEK:
        return 7 * 86400.0;
    case U_MONTH:
        return 28 * 86400.0 * u.n; /* the shortest, for spacing */
    case U_YEAR:
        return 365 * 86400.0 * u.n;
    }
    return 86400;
}

/* The first boundary of unit `u` at or after time t. */
static double unit_ceil(double t, tick_unit u)
{
    int64_t secs = (int64_t)ceil(t);
    switch (u.kind) {
    case U_MINUTE:
    case U_HOUR:
    case U_DAY: {
        int64_t step = (int64_t)unit_seconds(u);
        return (double)(floor_div(secs + step - 1, step) * step);
    }
    case U_WEEK: {
        int64_t day = floor_div(secs + 86399, 86400);
        int64_t monday = floor_div(day + 3 + 6, 7) * 7 - 3;
        return (double)monday * 86400;
    }
    case U_MONTH:
    case U_YEAR: {
        int64_t day = floor_div(secs + 86399, 86400);
        int64_t m = month_of_day(day);
        if (day_of_month_index(m) < day)
            m++;
        int64_t step = u.kind == U_MONTH ? u.n : 12 * (int64_t)u.n;
        m = floor_div(m + step - 1, step) * step;
        return (double)day_of_month_index(m) * 86400;
    }
    }
    return t;
}

static double unit_next(double t, tick_unit u)
{
    switch (u.kind) {
    case U_MONTH:
    case U_YEAR: {
        int64_t m = month_of_day(floor_div((int64_t)t, 86400));
        return (double)day_of_month_index(m + (u.kind == U_MONTH ? u.n : 12 * u.n)) * 86400;
    }
    default:
        return t + unit_seconds(u);
    }
}

static void civil_of(double t, int64_t *y, unsigned *m, unsigned *d)
{
    evg__civil_from_days(floor_div((int64_t)floor(t), 86400), y, m, d);
}

/* The label of a tick (or of the interval it starts). */
static void tick_label(char *buf, size_t size, double t, tick_unit u)
{
    int64_t y;
    unsigned m, d;
    civil_of(t, &y, &m, &d);
    int64_t secs = (int64_t)floor(t) - floor_div((int64_t)floor(t), 86400) * 86400;
    switch (u.kind) {
    case U_MINUTE:
    case U_HOUR:
        snprintf(buf, size, "%02d:%02d", (int)(secs / 3600), (int)(secs / 60 % 60));
        break;
    case U_DAY:
    case U_WEEK:
        snprintf(buf, size, "%u", d);
        break;
    case U_MONTH:
        snprintf(buf, size, "%s", month_names[m - 1]);
        break;
    case U_YEAR:
        snprintf(buf, size, "%lld", (long long)y);
        break;
    }
}

/* Widest label a unit can have. */
static double tick_label_width(tick_unit u)
{
    switch (u.kind) {
    case U_MINUTE:
    case U_HOUR:
        return text_w("00:00", AXIS_SIZE, EVG__TL_REGULAR);
    case U_DAY:
    case U_WEEK:
        return text_w("28", AXIS_SIZE, EVG__TL_REGULAR);
    case U_MONTH: {
        double w = 0;
        for (int m = 0; m < 12; m++) {
            double mw = text_w(month_names[m], AXIS_SIZE, EVG__TL_REGULAR);
            if (mw > w)
                w = mw;
        }
        return w;
    }
    case U_YEAR:
        return text_w("2000", AXIS_SIZE, EVG__TL_REGULAR);
    }
    return 20;
}

/* Month and year labels name the interval they start and sit in its
 * middle; others sit on their tick. */
static bool labels_interval(tick_unit u)
{
    return (u.kind == U_MONTH) || (u.kind == U_YEAR && u.n == 1);
}

/* The coarser unit whose labels give the context: the day of hours, the
 * month of days, the year of months. */
static bool major_unit(tick_unit u, tick_unit *major)
{
    switch (u.kind) {
    case U_MINUTE:
    case U_HOUR:
        *major = (tick_unit){U_DAY, 1};
        return true;
    case U_DAY:
    case U_WEEK:
        *major = (tick_unit){U_MONTH, 1};
        return true;
    case U_MONTH:
        *major = (tick_unit){U_YEAR, 1};
        return true;
    case U_YEAR:
        return false;
    }
    return false;
}

static void major_label(char *buf, size_t size, double t, tick_unit major)
{
    int64_t y;
    unsigned m, d;
    civil_of(t, &y, &m, &d);
    if (major.kind == U_DAY)
        snprintf(buf, size, "%u %s %lld", d, month_names[m - 1], (long long)y);
    else if (major.kind == U_MONTH)
        snprintf(buf, size, "%s %lld", month_names[m - 1], (long long)y);
    else
        snprintf(buf, size, "%lld", (long long)y);
}

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

static void axis_add_tick(builder *b, axis *ax, double x, bool major)
{
    axis_tick *t = grow((void **)&ax->ticks, &ax->tick_count, &ax->tick_cap, sizeof *t);
    if (t == NULL)
        b->nomem = true;
    else
        *t = (axis_tick){x, major};
}

/* Adds a label unless it would touch the last one of its row or leave
 * [lo, hi]; says whether it did. */
static bool axis_add_label(builder *b, axis *ax, double left, const char *text, bool major,
                           double lo, double hi)
{
    double w = text_w(text, AXIS_SIZE, major ? EVG__TL_BOLD : EVG__TL_REGULAR);
    if (left < lo - 0.01 || left + w > hi + 0.01)
        return false;
    for (size_t k = ax->label_count; k-- > 0;) {
        if (ax->labels[k].major != major)
            continue;
        if (ax->labels[k].x + ax->labels[k].w + 4 > left)
            return false;
        break;
    }
    char *copy = arena_str(b, text, strlen(text));
    axis_label *l = grow((void **)&ax->labels, &ax->label_count, &ax->label_cap, sizeof *l);
    if (l == NULL || copy == NULL) {
        b->nomem = true;
        return false;
    }
    *l = (axis_label){left, w, copy, major};
    return true;
}

static void proportional_axis(builder *b, const scale *sc, axis *ax)
{
    /* Ticks no finer than the data: days drawn over a short stretch get no
     * "12:00" ticks unless some event has a time of day. */
    bool has_times = false;
    for (size_t i = 0; i < b->count && !has_times; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        has_times = e->date.precision >= EVG_PRECISION_MINUTE ||
                    e->end_date.precision >= EVG_PRECISION_MINUTE;
    }
    for (size_t k = 0; k < sc->seg_count; k++) {
        const segment *g = &sc->segs[k];
        double lo = k == 0 ? b->plot_x0 : g->slot0 - BREAK_WIDTH / 2 + 2;
        double hi = k + 1 == sc->seg_count ? b->plot_x1 : g->slot1 + BREAK_WIDTH / 2 - 2;
        size_t chosen = SIZE_MAX;
        for (size_t u = 0; u < sizeof tick_units / sizeof tick_units[0]; u++) {
            if (!has_times && tick_units[u].kind < U_DAY)
                continue;
            double need = tick_label_width(tick_units[u]) + (labels_interval(tick_units[u]) ? 3 : 5);
            if (unit_seconds(tick_units[u]) * sc->s >= need) {
                chosen = u;
                break;
            }
        }
        char text[64];
        if (chosen == SIZE_MAX || g->t1 - g->t0 < unit_seconds(tick_units[chosen]) / 2 ||
            (!has_times && g->t1 - g->t0 <= 2 * 86400.0)) {
            /* Too short for any unit: name the piece once, in its middle. */
            int64_t y;
            unsigned m, d;
            civil_of((g->t0 + g->t1) / 2, &y, &m, &d);
            double dur = g->t1 - g->t0;
            if (dur < 2 * 86400.0)
                snprintf(text, sizeof text, "%u %s", d, month_names[m - 1]);
            else if (dur < 62 * 86400.0)
                snprintf(text, sizeof text, "%s", month_names[m - 1]);
            else
                text[0] = '\0';
            double cx = (g->x0 + g->x1) / 2;
            if (text[0]) {
                double w = text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                axis_add_label(b, ax, cx - w / 2, text, false, lo, hi);
            }
            snprintf(text, sizeof text, "%lld", (long long)y);
            double w = text_w(text, AXIS_SIZE, EVG__TL_BOLD);
            axis_add_label(b, ax, cx - w / 2, text, true, lo, hi);
            continue;
        }
        tick_unit u = tick_units[chosen], major;
        bool has_major = major_unit(u, &major);
        /* Ticks and minor labels. */
        double first = unit_ceil(g->t0, u);
        if (labels_interval(u)) {
            /* The interval before the first tick is labelled if it fits. */
            double start = g->t0;
            for (double t = first;; t = unit_next(t, u)) {
                double end = t < g->t1 ? t : g->t1;
                if (end > start) {
                    tick_label(text, sizeof text, start, u);
                    double a = x_at(sc, start), z = x_at(sc, end);
                    double w = text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                    if (z - a >= w + 2)
                        axis_add_label(b, ax, (a + z) / 2 - w / 2, text, false, lo, hi);
                }
                if (t > g->t1)
                    break;
                axis_add_tick(b, ax, x_at(sc, t), false);
                start = t;
            }
        } else {
            for (double t = first; t <= g->t1; t = unit_next(t, u)) {
                double x = x_at(sc, t);
                axis_add_tick(b, ax, x, false);
                tick_label(text, sizeof text, t, u);
                double w = text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                axis_add_label(b, ax, x - w / 2, text, false, lo, hi);
            }
        }
        /* Context labels: at the piece's start when there is room before the
         * next period begins, then at each new period. */
        if (has_major) {
            double next = unit_ceil(g->t0 + 1, major);
            major_label(text, sizeof text, g->t0, major);
            if (next > g->t1 ||
                x_at(sc, next) - g->x0 >= text_w(text, AXIS_SIZE, EVG__TL_BOLD) + 6)
                axis_add_label(b, ax, g->x0, text, true, lo, hi);
            for (double t = next; t <= g->t1; t = unit_next(t, major)) {
                major_label(text, sizeof text, t, major);
                double x = x_at(sc, t);
                axis_add_tick(b, ax, x, true);
                axis_add_label(b, ax, x, text, true, lo, hi);
            }
        }
    }
}

/* On an ordinal axis each labelled slot says its own date, as precisely as
 * it was written: "Mar" for a month, "27 Feb" or "27" for a day (the month
 * named when it changes), "2016" for a year; the years above. */
static void ordinal_axis(builder *b, const scale *sc, axis *ax)
{
    int64_t shown_month = INT64_MIN, year_shown = INT64_MIN;
    char text[64];
    for (size_t i = 0; i < sc->slot_count; i++) {
        double t = sc->anchor_t[i], x = sc->anchor_x[i];
        int64_t y;
        unsigned m, d;
        civil_of(t, &y, &m, &d);
        int64_t month = y * 12 + m - 1;
        if (sc->slot_prec[i] <= EVG_PRECISION_YEAR)
            snprintf(text, sizeof text, "%lld", (long long)y);
        else if (sc->slot_prec[i] == EVG_PRECISION_MONTH)
            snprintf(text, sizeof text, "%s", month_names[m - 1]);
        else if (month != shown_month)
            snprintf(text, sizeof text, "%u %s", d, month_names[m - 1]);
        else
            snprintf(text, sizeof text, "%u", d);
        double w = text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
        if (axis_add_label(b, ax, x - w / 2, text, false, b->plot_x0, b->plot_x1)) {
            axis_add_tick(b, ax, x, false);
            shown_month = sc->slot_prec[i] <= EVG_PRECISION_YEAR ? INT64_MIN : month;
        }
        if (y != year_shown) {
            snprintf(text, sizeof text, "%lld", (long long)y);
            double left = x - 3, yw = text_w(text, AXIS_SIZE, EVG__TL_BOLD);
            if (left + yw > b->plot_x1)
                left = b->plot_x1 - yw;
            if (axis_add_label(b, ax, left, text, true, b->plot_x0, b->plot_x1))
                year_shown = y;
        }
    }
}

/* Draws the axis with its baseline at y; labels above it (`top`) or below. */
static void emit_axis(builder *b, const scale *sc, const axis *ax, double y, bool top)
{
    double row = evg__tl_text_height(1, AXIS_SIZE);
    for (size_t k = 0; k < sc->seg_count; k++) {
        const segment *g = &sc->segs[k];
        double a = k == 0 ? b->plot_x0 : g->slot0 - 3, z = k + 1 == sc->seg_count ? b->plot_x1 : g->slot1 + 3;
        add_line(b, EVG__TL_AXIS, a, y, z, y, 0.8, GREY);
        if (k + 1 < sc->seg_count) {
            /* "//" in the middle of the cut. */
            double cx = g->slot1 + BREAK_WIDTH / 2;
            add_line(b, EVG__TL_BREAK, cx - 4, y + 3.5, cx - 1, y - 3.5, 0.8, GREY);
            add_line(b, EVG__TL_BREAK, cx + 1, y + 3.5, cx + 4, y - 3.5, 0.8, GREY);
        }
    }
    for (size_t k = 0; k < ax->tick_count; k++) {
        double len = ax->ticks[k].major ? TICK + 1 : TICK;
        add_line(b, EVG__TL_TICK, ax->ticks[k].x, y, ax->ticks[k].x, top ? y - len : y + len,
                 ax->ticks[k].major ? 0.8 : 0.6, GREY);
    }
    for (size_t k = 0; k < ax->label_count; k++) {
        const axis_label *l = &ax->labels[k];
        double ly;
        if (top)
            ly = y - TICK - 1 - row * (l->major ? 2 : 1);
        else
            ly = y + TICK + 1 + row * (l->major ? 1 : 0);
        add_text(b, l->major ? EVG__TL_AXIS_MAJOR : EVG__TL_AXIS_MINOR, l->x, ly, l->w, row,
                 l->text, AXIS_SIZE, l->major ? EVG__TL_BOLD : EVG__TL_REGULAR, 'l',
                 l->major ? INK : GREY, EVG_NO_INDEX);
    }
}

/* ---- legend, title, caption -------------------------------------------------------------------- */

typedef enum legend_kind { KEY_TYPE, KEY_MONTH, KEY_PALE, KEY_SPAN, KEY_TARGET, KEY_BIN } legend_kind;

typedef struct legend_entry {
    const char *text;
    legend_kind kind;
    uint32_t type; /* KEY_TYPE */
} legend_entry;

/* Lays the legend out in rows from y; returns the height used. */
static double emit_legend(builder *b, const attempt *at, double y)
{
    const evg_model *m = b->model;
    size_t ntypes = evg_model_type_count(m);
    bool *used = calloc(ntypes + 1, 1);
    legend_entry *entries = calloc(ntypes + 8, sizeof *entries);
    if (used == NULL || entries == NULL) {
        free(used);
        free(entries);
        b->nomem = true;
        return 0;
    }
    bool hollow = false, pale = false, spans = false, targets = false, bins = false;
    for (size_t i = 0; i < at->item_count; i++) {
        const item_geom *g = &at->geo[i];
        for (uint32_t k = 0; k < at->items[i].count; k++)
            used[evg_model_event(m, at->items[i].events[k])->type] = true;
        hollow |= (g->style & EVG__TL_HOLLOW) != 0;
        pale |= (g->style & EVG__TL_PALE) != 0;
        spans |= !isnan(g->bar_end);
        bins |= at->items[i].count > 1 || g->as_bin;
    }
    for (size_t l = 0; l < b->out->lane_count; l++)
        targets |= b->lane_marks[l];
    size_t n = 0;
    double sample = 12, gap = 8;
    for (size_t t = 0; t < ntypes; t++)
        if (used[t])
            entries[n++] = (legend_entry){evg_model_type(m, t)->label, KEY_TYPE, (uint32_t)t};
    if (hollow)
        entries[n++] = (legend_entry){"month or year only", KEY_MONTH, 0};
    if (pale)
        entries[n++] = (legend_entry){"approximate (~) or uncertain (?) date", KEY_PALE, 0};
    if (spans)
        entries[n++] = (legend_entry){"start to end", KEY_SPAN, 0};
    if (targets)
        entries[n++] = (legend_entry){"target, in its own lane", KEY_TARGET, 0};
    if (bins) {
        sb_printf(&b->sb, "events of one lane and %s", bin_unit_name(at->unit));
        entries[n++] = (legend_entry){sb_take(b), KEY_BIN, 0};
    }
    double row_h = 12, x = MARGIN, top = y;
    for (size_t k = 0; k < n; k++) {
        legend_entry *e = &entries[k];
        double sw = e->kind == KEY_SPAN ? 18 : sample;
        double tw = text_w(e->text, LEGEND_SIZE, EVG__TL_REGULAR);
        if (x > MARGIN && x + sw + 2 + tw > b->width - MARGIN) {
            x = MARGIN;
            y += row_h;
        }
        double cy = y + row_h / 2, cx = x + sw / 2;
        /* Type samples in their colours; the marks' meanings in grey. */
        const char *color = e->kind == KEY_TYPE ? evg_model_type(m, e->type)->color : SAMPLE;
        switch (e->kind) {
        case KEY_TYPE:
            add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH, evg_model_type(m, e->type)->shape,
                     color, shade(b, color, -0.25), 0, EVG_NO_INDEX);
            break;
        case KEY_MONTH:
            add_rect(b, EVG__TL_BAND, x, cy - GLYPH / 2, sw, GLYPH, shade(b, color, 0.78),
                     EVG_NO_INDEX);
            add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH, "circle", WHITE, color,
                     EVG__TL_HOLLOW, EVG_NO_INDEX);
            break;
        case KEY_PALE:
            add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH, "circle", shade(b, color, 0.6), color,
                     EVG__TL_PALE, EVG_NO_INDEX);
            break;
        case KEY_SPAN:
            add_rect(b, EVG__TL_BAR, x + 3, cy - BAR_HEIGHT / 2, sw - 3, BAR_HEIGHT, color,
                     EVG_NO_INDEX);
            add_rect(b, EVG__TL_CAP, x + sw - 1, cy - 3.5, 1.2, 7, color, EVG_NO_INDEX);
            add_mark(b, EVG__TL_SWATCH, x + 3, cy, 7, 7, "circle", color, shade(b, color, -0.25),
                     0, EVG_NO_INDEX);
            break;
        case KEY_TARGET:
            add_mark(b, EVG__TL_SWATCH, cx, cy, TARGET_DOT, TARGET_DOT, "circle", color, color, 0,
                     EVG_NO_INDEX);
            break;
        case KEY_BIN: {
            evg__tl_mark *mk = add_mark(b, EVG__TL_SWATCH, cx, cy, sample, sample, "circle",
                                        color, color, 0, EVG_NO_INDEX);
            if (mk) {
                mk->label = "n";
                mk->label_color = WHITE;
            }
            break;
        }
        }
        add_text(b, EVG__TL_LEGEND, x + sw + 2, cy - evg__tl_text_height(1, LEGEND_SIZE) / 2, tw,
                 evg__tl_text_height(1, LEGEND_SIZE), e->text, LEGEND_SIZE, EVG__TL_REGULAR, 'l',
                 INK, EVG_NO_INDEX);
        x += sw + 2 + tw + gap;
    }
    free(used);
    free(entries);
    return n ? y + row_h - top : 0;
}

static int compare_strings(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* "Sources: A; B; C." from the events' source fields (split at ';'). */
static const char *caption_text(builder *b, bool cut, size_t unlabelled)
{
    size_t cap = 0, n = 0;
    char **names = NULL;
    for (size_t i = 0; i < b->count && !b->nomem; i++) {
        const char *src = evg_model_event(b->model, b->events[i])->source;
        while (src && *src) {
            const char *end = strchr(src, ';');
            size_t len = end ? (size_t)(end - src) : strlen(src);
            const char *p = src;
            while (len && (unsigned char)*p <= ' ')
                p++, len--;
            while (len && (unsigned char)p[len - 1] <= ' ')
                len--;
            if (len) {
                char **name = grow((void **)&names, &n, &cap, sizeof *names);
                if (name == NULL || (*name = arena_str(b, p, len)) == NULL) {
                    if (name)
                        n--;
                    b->nomem = true;
                    break;
                }
            }
            src = end ? end + 1 : NULL;
        }
    }
    if (n)
        qsort(names, n, sizeof *names, compare_strings);
    size_t unique = 0;
    for (size_t i = 0; i < n; i++)
        if (unique == 0 || strcmp(names[i], names[unique - 1]) != 0)
            names[unique++] = names[i];
    sbuf *s = &b->sb;
    if (unique) {
        sb_str(s, unique == 1 ? "Source: " : "Sources: ");
        size_t shown = unique > 40 ? 30 : unique;
        for (size_t i = 0; i < shown; i++)
            sb_printf(s, "%s%s", i ? "; " : "", names[i]);
        if (shown < unique)
            sb_printf(s, " and %zu more", unique - shown);
        sb_str(s, ".");
    }
    if (cut)
        sb_str(s, unique ? " // marks a cut in the time axis." : "// marks a cut in the time axis.");
    if (unlabelled) {
        char number[32];
        format_count(number, sizeof number, unlabelled);
        sb_printf(s, "%s%s event%s without a label for lack of room (--bin groups them).",
                  s->len ? " " : "", number, unlabelled == 1 ? "" : "s");
    }
    free(names);
    return sb_take(b);
}

/* "31 events, Mar 2011 – 15 Sep 2016" */
static const char *dek_text(builder *b, const attempt *at)
{
    char n[32];
    format_count(n, sizeof n, b->count);
    sbuf *s = &b->sb;
    if (b->count == 0) {
        sb_str(s, "No events to draw.");
        return sb_take(b);
    }
    const evg_event *first = evg_model_event(b->model, b->events[0]);
    const evg_date *last = NULL;
    double last_end = -INFINITY;
    for (size_t i = 0; i < b->count; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        const evg_date *d = e->end_date.precision ? &e->end_date : &e->date;
        if (date_end(d) > last_end)
            last_end = date_end(d), last = d;
    }
    sb_printf(s, "%s event%s, ", n, b->count == 1 ? "" : "s");
    format_date(s, &first->date, true);
    if (last && (last->precision != first->date.precision || date_start(last) != date_start(&first->date))) {
        sb_str(s, " \xE2\x80\x93 ");
        format_date(s, last, true);
    }
    if (at && at->unit != EVG_TIMELINE_BIN_NONE) {
        bool any = false;
        for (size_t i = 0; i < at->item_count && !any; i++)
            any = at->items[i].count > 1;
        if (any)
            sb_printf(s, "; busy %ss grouped", bin_unit_name(at->unit));
    }
    return sb_take(b);
}

/* ---- putting it together ----------------------------------------------------------------------- */

static void emit_items(builder *b, const attempt *at)
{
    const evg_model *m = b->model;
    evg__tl_layout *o = b->out;
    double line_h = evg__tl_text_height(1, LABEL_SIZE);
    for (size_t i = 0; i < at->item_count && !b->nomem; i++) {
        const item_geom *g = &at->geo[i];
        evg__tl_item *it = &o->items[i];
        const evg__tl_lane *lane = &o->lanes[it->lane];
        double top = lane->y + b->row_top[at->row_offset[it->lane] + it->row];
        double first_line = g->glyph_h > line_h ? g->glyph_h : line_h;
        double cy = g->side == 'b' || g->side == 'n' ? top + g->glyph_h / 2 : top + first_line / 2;
        it->x = g->x;
        it->y = cy;
        const char *color = g->type != EVG_NO_INDEX ? evg_model_type(m, g->type)->color : GREY;
        uint32_t idx = (uint32_t)i;
        if (g->band1 > g->band0 + 0.5)
            add_rect(b, EVG__TL_BAND, g->band0, cy - g->glyph_h / 2, g->band1 - g->band0,
                     g->glyph_h, shade(b, color, 0.78), idx);
        if (!isnan(g->bar_end)) {
            add_rect(b, EVG__TL_BAR, g->x, cy - BAR_HEIGHT / 2, g->bar_end - g->x, BAR_HEIGHT,
                     color, idx);
            add_rect(b, EVG__TL_CAP, g->bar_end - 0.6, cy - 3.5, 1.2, 7, color, idx);
        }
        if (it->count > 1 || g->as_bin) {
            evg__tl_mark *mk = add_mark(b, EVG__TL_BIN, g->x, cy, g->glyph_w, g->glyph_h,
                                        "ellipse", color, shade(b, color, -0.25), 0, idx);
            char n[32];
            format_count(n, sizeof n, it->count);
            if (mk) {
                mk->label = arena_str(b, n, strlen(n));
                mk->label_color = is_light(color) ? INK : WHITE;
            }
        } else {
            const char *fill = color, *outline = shade(b, color, -0.25);
            if ((g->style & EVG__TL_HOLLOW) && (g->style & EVG__TL_PALE))
                fill = WHITE, outline = shade(b, color, 0.45);
            else if (g->style & EVG__TL_HOLLOW)
                fill = WHITE, outline = color;
            else if (g->style & EVG__TL_PALE)
                fill = shade(b, color, 0.6), outline = color;
            add_mark(b, EVG__TL_GLYPH, g->x, cy, g->glyph_w, g->glyph_h,
                     evg_model_type(m, g->type)->shape, fill, outline, g->style, idx);
        }
        if (g->label == NULL)
            continue;
        double ly = g->side == 'b' ? top + g->glyph_h + 1 : top + first_line / 2 - line_h / 2;
        double block_w = g->label_w > g->casualties_w ? g->label_w : g->casualties_w;
        char align = g->side == 'l' ? 'r' : 'l';
        add_text(b, EVG__TL_LABEL, g->label_x, ly, block_w, g->label_h, g->label, LABEL_SIZE,
                 EVG__TL_REGULAR, align, INK, idx);
        if (g->casualties)
            add_text(b, EVG__TL_CASUALTIES, g->label_x, ly + g->label_h, block_w,
                     evg__tl_text_height(1, CASUALTY_SIZE), g->casualties, CASUALTY_SIZE,
                     EVG__TL_REGULAR, align, RED, idx);
    }
    /* Targets, in the strip at the top of their lanes: one mark per lane and
     * point, as more would be drawn on top of each other. */
    if (b->opts->lanes != EVG_TIMELINE_LANES_ACTOR)
        return;
    size_t targets = 0, cap = 1024;
    for (size_t i = 0; i < b->count; i++)
        targets += evg_model_event(m, b->events[i])->target_count;
    while (cap < 2 * targets)
        cap *= 2;
    uint64_t *seen = calloc(cap, sizeof *seen);
    if (seen == NULL) {
        b->nomem = true;
        return;
    }
    for (size_t i = 0; i < at->item_count && !b->nomem; i++) {
        const evg__tl_item *it = &o->items[i];
        const item_geom *g = &at->geo[i];
        for (uint32_t k = 0; k < it->count; k++) {
            const evg_event *e = evg_model_event(m, it->events[k]);
            for (uint32_t t = 0; t < e->target_count; t++) {
                uint32_t lane = target_lane(b, e->targets[t]);
                if (lane == EVG_NO_INDEX || lane == it->lane)
                    continue;
                uint64_t key = ((uint64_t)lane << 32 | (uint64_t)lround(g->x)) + 1;
                size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1);
                while (seen[h] && seen[h] != key)
                    h = (h + 1) & (cap - 1);
                if (seen[h] == key)
                    continue;
                seen[h] = key;
                double cy = o->lanes[lane].y + LANE_PAD + TARGET_STRIP / 2;
                const char *color = evg_model_type(m, e->type)->color;
                add_mark(b, EVG__TL_TARGET, g->x, cy, TARGET_DOT, TARGET_DOT, "circle", color,
                         color, 0, (uint32_t)i);
            }
        }
    }
    free(seen);
}

static void emit_lanes(builder *b, double y_end)
{
    evg__tl_layout *o = b->out;
    bool lanes = b->opts->lanes != EVG_TIMELINE_LANES_NONE;
    for (size_t l = 0; l < o->lane_count; l++) {
        const evg__tl_lane *lane = &o->lanes[l];
        if (l > 0) {
            bool group = lane->head;
            add_line(b, group ? EVG__TL_GROUP_SEPARATOR : EVG__TL_SEPARATOR,
                     group ? MARGIN : MARGIN + 12, lane->y, b->width - MARGIN, lane->y,
                     group ? 0.6 : 0.4, group ? RULE : HAIRLINE);
        }
        if (!lanes)
            continue;
        double indent = lane->head ? 7 : 15;
        double ty = lane->y + LANE_PAD + (b->lane_marks[l] ? TARGET_STRIP : 0);
        if (b->lane_marks[l] && lane->rows == 0)
            ty = lane->y + LANE_PAD; /* only targets: name beside them */
        add_text(b, lane->head ? EVG__TL_GROUP : EVG__TL_LANE, MARGIN + indent, ty,
                 b->lane_label_w - indent, b->lane_label_h[l], b->lane_label[l], LANE_SIZE,
                 b->lane_bold[l] ? EVG__TL_BOLD : EVG__TL_REGULAR, 'l', lane->head ? INK : GREY,
                 EVG_NO_INDEX);
        /* A group's colour beside its lanes. */
        if (lane->head) {
            size_t end = l + 1;
            while (end < o->lane_count && o->lanes[end].group == l)
                end++;
            const char *color = b->lane_color[l];
            if (color == NULL && end > l + 1)
                color = RULE;
            if (color) {
                double bottom = end < o->lane_count ? o->lanes[end].y : y_end;
                add_rect(b, EVG__TL_STRIPE, MARGIN, lane->y + 2, 3, bottom - lane->y - 4, color,
                         EVG_NO_INDEX);
            }
        }
    }
}

static void emit_grid(builder *b, const axis *ax, double y0, double y1)
{
    for (size_t k = 0; k < ax->tick_count; k++)
        add_line(b, EVG__TL_GRID, ax->ticks[k].x, y0, ax->ticks[k].x, y1,
                 ax->ticks[k].major ? 0.6 : 0.5, ax->ticks[k].major ? GRID_MAJOR : GRID_MINOR);
}

static int layout_figure(builder *b, attempt *at)
{
    evg__tl_layout *o = b->out;
    double w = b->width, y = MARGIN, text_width = w - 2 * MARGIN;
    size_t lines;
    double tw;
    if (b->opts->title && b->opts->title[0]) {
        const char *title = wrap(b, b->opts->title, TITLE_SIZE, EVG__TL_BOLD, text_width, 3,
                                 &lines, &tw);
        double h = evg__tl_text_height(lines, TITLE_SIZE);
        add_text(b, EVG__TL_TITLE, MARGIN, y, tw, h, title, TITLE_SIZE, EVG__TL_BOLD, 'l', INK,
                 EVG_NO_INDEX);
        y += h + 1;
    }
    const char *dek = wrap(b, dek_text(b, at), DEK_SIZE, EVG__TL_REGULAR, text_width, 2, &lines,
                           &tw);
    double h = evg__tl_text_height(lines, DEK_SIZE);
    add_text(b, b->count ? EVG__TL_DEK : EVG__TL_NOTE, MARGIN, y, tw, h, dek, DEK_SIZE,
             EVG__TL_REGULAR, 'l', GREY, EVG_NO_INDEX);
    y += h + 6;
    if (b->count == 0) {
        o->height = ceil(y + MARGIN);
        return b->nomem ? EVG_ENOMEM : 0;
    }
    y += emit_legend(b, at, y);
    y += 6;
    axis ax = {0};
    if (at->sc.ordinal)
        ordinal_axis(b, &at->sc, &ax);
    else
        proportional_axis(b, &at->sc, &ax);
    double row = evg__tl_text_height(1, AXIS_SIZE);
    double axis_top = y + 2 * row + TICK + 1;
    /* Lanes, row by row. */
    o->items = at->items; /* handed over below */
    double lane_y = axis_top;
    b->row_top = malloc((at->rows_total + 1) * sizeof *b->row_top);
    if (b->row_top == NULL)
        return EVG_ENOMEM;
    for (size_t l = 0; l < o->lane_count; l++) {
        evg__tl_lane *lane = &o->lanes[l];
        double content = b->lane_marks[l] ? TARGET_STRIP : 0;
        for (uint32_t r = 0; r < lane->rows; r++) {
            if (r)
                content += ROW_GAP;
            b->row_top[at->row_offset[l] + r] = LANE_PAD + content;
            content += at->row_h[at->row_offset[l] + r];
        }
        lane->y = lane_y;
        lane->h = lane_height(b, at, l);
        lane_y += lane->h;
    }
    double lanes_end = lane_y;
    bool bottom_axis = lanes_end - axis_top > BOTTOM_AXIS_FROM;
    emit_grid(b, &ax, axis_top, lanes_end);
    emit_lanes(b, lanes_end);
    emit_axis(b, &at->sc, &ax, axis_top, true);
    if (bottom_axis) {
        emit_axis(b, &at->sc, &ax, lanes_end, false);
        y = lanes_end + TICK + 1 + 2 * row;
    } else {
        add_line(b, EVG__TL_GROUP_SEPARATOR, MARGIN, lanes_end, w - MARGIN, lanes_end, 0.6, RULE);
        y = lanes_end;
    }
    emit_items(b, at);
    free(ax.ticks);
    free(ax.labels);
    y += 6;
    const char *caption = caption_text(b, at->sc.seg_count > 1, at->glyph_only);
    if (caption[0]) {
        caption = wrap(b, caption, CAPTION_SIZE, EVG__TL_REGULAR, text_width, 4, &lines, &tw);
        h = evg__tl_text_height(lines, CAPTION_SIZE);
        add_text(b, EVG__TL_CAPTION, MARGIN, y, tw, h, caption, CAPTION_SIZE, EVG__TL_REGULAR,
                 'l', GREY, EVG_NO_INDEX);
        y += h;
    }
    o->height = ceil(y + MARGIN);
    return b->nomem ? EVG_ENOMEM : 0;
}

void evg__tl_layout_free(evg__tl_layout *layout)
{
    if (layout == NULL)
        return;
    free(layout->lanes);
    free(layout->items);
    free(layout->rects);
    free(layout->lines);
    free(layout->marks);
    free(layout->texts);
    evg__arena_free(&layout->arena);
    memset(layout, 0, sizeof *layout);
}

int evg__tl_layout_build(evg__tl_layout *out, const evg_model *model, const uint32_t *events,
                         size_t count, const evg_timeline_opts *opts, evg__reporter *rep)
{
    memset(out, 0, sizeof *out);
    evg_timeline_opts defaults = EVG_TIMELINE_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    double width = opts->width > 0 ? opts->width : DEFAULT_WIDTH;
    if (!(width >= EVG_TIMELINE_WIDTH_MIN && width <= EVG_TIMELINE_WIDTH_MAX)) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "timeline width %g pt is out of range (%g to %g pt, 8 to 200 cm)", width,
                    EVG_TIMELINE_WIDTH_MIN, EVG_TIMELINE_WIDTH_MAX);
        return EVG_EUSAGE;
    }
    builder b = {.out = out, .model = model, .events = events, .count = count, .opts = opts,
                 .rep = rep, .width = width};
    attempt at = {0};
    int rc = make_lanes(&b);
    if (rc)
        goto done;
    size_lane_names(&b);
    out->width = width;
    b.plot_x0 = MARGIN + (b.lane_label_w > 0 ? b.lane_label_w + 6 : 0);
    b.plot_x1 = width - MARGIN;
    out->plot_x0 = b.plot_x0;
    out->plot_x1 = b.plot_x1;
    if (count) {
        const evg_event *first = evg_model_event(model, events[0]);
        int lo = first->date.year, hi = lo;
        for (size_t i = 0; i < count; i++) {
            const evg_event *e = evg_model_event(model, events[i]);
            if (e->date.year > hi)
                hi = e->date.year;
            if (e->end_date.precision && e->end_date.year > hi)
                hi = e->end_date.year;
        }
        b.show_year = hi != lo;
        static const evg_timeline_bin tries[] = {EVG_TIMELINE_BIN_NONE, EVG_TIMELINE_BIN_DAY,
                                                 EVG_TIMELINE_BIN_WEEK, EVG_TIMELINE_BIN_MONTH,
                                                 EVG_TIMELINE_BIN_YEAR};
        size_t ntries = opts->bin == EVG_TIMELINE_BIN_AUTO ? 5 : 1;
        for (size_t t = 0; t < ntries; t++) {
            evg_timeline_bin unit = opts->bin == EVG_TIMELINE_BIN_AUTO ? tries[t] : opts->bin;
            free_attempt(&at);
            if ((rc = try_binning(&b, &at, unit)) != 0)
                goto done;
            if (t + 1 == ntries || fits(&b, &at))
                break;
        }
        out->bin = at.unit;
        out->item_count = at.item_count;
        out->segment_count = at.sc.seg_count;
        out->event_count = count;
    } else {
        out->bin = opts->bin == EVG_TIMELINE_BIN_AUTO ? EVG_TIMELINE_BIN_NONE : opts->bin;
    }
    rc = layout_figure(&b, count ? &at : NULL);
    if (count)
        at.items = NULL; /* now out->items */
done:
    free_attempt(&at);
    free(b.event_lane);
    free(b.actor_lane);
    free(b.lane_color);
    free(b.lane_bold);
    free(b.lane_marks);
    free(b.lane_label);
    free(b.lane_label_h);
    free(b.sb.p);
    evg__strmap_free(&b.tints);
    free(b.tint_list);
    free(b.row_top);
    if (rc) {
        if (rc == EVG_ENOMEM)
            evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory laying out the timeline");
        evg__tl_layout_free(out);
    }
    return rc;
}
