/* The timeline's axis: tick units, labels that fit, minor and major ticks. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

/* Stretches of the axis up to this long get hour ticks even when no event
 * has a time of day. */
#define SHORT_SPAN (3 * 86400.0)

typedef enum unit_kind { U_MINUTE, U_HOUR, U_DAY, U_WEEK, U_MONTH, U_YEAR } unit_kind;

typedef struct tick_unit {
    unit_kind kind;
    int n;
} tick_unit;

static const tick_unit tick_units[] = {
    {U_MINUTE, 1}, {U_MINUTE, 5}, {U_MINUTE, 15}, {U_MINUTE, 30}, {U_HOUR, 1},  {U_HOUR, 3},
    {U_HOUR, 6},   {U_HOUR, 12},  {U_DAY, 1},     {U_WEEK, 1},    {U_MONTH, 1}, {U_MONTH, 3},
    {U_YEAR, 1},   {U_YEAR, 2},   {U_YEAR, 5},    {U_YEAR, 10},   {U_YEAR, 20}, {U_YEAR, 50},
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
        return (double)(evg__floor_div(secs + step - 1, step) * step);
    }
    case U_WEEK: {
        int64_t day = evg__floor_div(secs + 86399, 86400);
        int64_t monday = evg__floor_div(day + 3 + 6, 7) * 7 - 3;
        return (double)monday * 86400;
    }
    case U_MONTH:
    case U_YEAR: {
        int64_t day = evg__floor_div(secs + 86399, 86400);
        int64_t m = evg__month_of_day(day);
        if (evg__day_of_month_index(m) < day)
            m++;
        int64_t step = u.kind == U_MONTH ? u.n : 12 * (int64_t)u.n;
        m = evg__floor_div(m + step - 1, step) * step;
        return (double)evg__day_of_month_index(m) * 86400;
    }
    }
    return t;
}

static double unit_next(double t, tick_unit u)
{
    switch (u.kind) {
    case U_MONTH:
    case U_YEAR: {
        int64_t m = evg__month_of_day(evg__floor_div((int64_t)t, 86400));
        return (double)evg__day_of_month_index(m + (u.kind == U_MONTH ? u.n : 12 * u.n)) * 86400;
    }
    default:
        return t + unit_seconds(u);
    }
}

static void civil_of(double t, int64_t *y, unsigned *m, unsigned *d)
{
    evg__civil_from_days(evg__floor_div((int64_t)floor(t), 86400), y, m, d);
}

/* The label of a tick (or of the interval it starts). */
static void tick_label(char *buf, size_t size, double t, tick_unit u)
{
    int64_t y;
    unsigned m, d;
    civil_of(t, &y, &m, &d);
    int64_t secs = (int64_t)floor(t) - evg__floor_div((int64_t)floor(t), 86400) * 86400;
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
static double tick_label_width(const builder *b, tick_unit u)
{
    switch (u.kind) {
    case U_MINUTE:
    case U_HOUR:
        return evg__tl_text_w("00:00", AXIS_SIZE, EVG__TL_REGULAR);
    case U_DAY:
    case U_WEEK:
        return evg__tl_text_w("28", AXIS_SIZE, EVG__TL_REGULAR);
    case U_MONTH: {
        double w = 0;
        for (int m = 0; m < 12; m++) {
            double mw = evg__tl_text_w(month_names[m], AXIS_SIZE, EVG__TL_REGULAR);
            if (mw > w)
                w = mw;
        }
        return w;
    }
    case U_YEAR:
        return evg__tl_text_w("2000", AXIS_SIZE, EVG__TL_REGULAR);
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

static void axis_add_tick(builder *b, axis *ax, double x, bool major)
{
    axis_tick *t = evg__tl_grow((void **)&ax->ticks, &ax->tick_count, &ax->tick_cap, sizeof *t);
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
    double w = evg__tl_text_w(text, AXIS_SIZE, major ? EVG__TL_BOLD : EVG__TL_REGULAR);
    if (left < lo - 0.01 || left + w > hi + 0.01)
        return false;
    for (size_t k = ax->label_count; k-- > 0;) {
        if (ax->labels[k].major != major)
            continue;
        if (ax->labels[k].x + ax->labels[k].w + 4 > left)
            return false;
        break;
    }
    char *copy = evg__tl_arena_str(b, text, strlen(text));
    axis_label *l = evg__tl_grow((void **)&ax->labels, &ax->label_count, &ax->label_cap, sizeof *l);
    if (l == NULL || copy == NULL) {
        b->nomem = true;
        return false;
    }
    *l = (axis_label){left, w, copy, major};
    return true;
}

void evg__tl_proportional_axis(builder *b, const scale *sc, axis *ax)
{
    /* Ticks no finer than the data: days get no "12:00" ticks unless some
     * event has a time of day, months no weeks. */
    int finest = EVG_PRECISION_YEAR;
    for (size_t i = 0; i < b->count && finest < EVG_PRECISION_MINUTE; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        if (e->date.precision > finest)
            finest = e->date.precision;
        if (e->end_date.precision > finest)
            finest = e->end_date.precision;
    }
    unit_kind finest_unit = finest >= EVG_PRECISION_MINUTE  ? U_MINUTE
                            : finest == EVG_PRECISION_DAY   ? U_DAY
                            : finest == EVG_PRECISION_MONTH ? U_MONTH
                                                            : U_YEAR;
    for (size_t k = 0; k < sc->seg_count; k++) {
        const segment *g = &sc->segs[k];
        double lo = k == 0 ? b->plot_x0 : g->slot0 - BREAK_WIDTH / 2 + 2;
        double hi = k + 1 == sc->seg_count ? b->plot_x1 : g->slot1 + BREAK_WIDTH / 2 - 2;
        /* A short stretch (a few days) gets hours whatever its dates. */
        unit_kind least =
            g->t1 - g->t0 <= SHORT_SPAN && finest_unit > U_HOUR ? U_HOUR : finest_unit;
        size_t chosen = SIZE_MAX;
        for (size_t u = 0; u < sizeof tick_units / sizeof tick_units[0]; u++) {
            if (tick_units[u].kind < least)
                continue;
            double need =
                tick_label_width(b, tick_units[u]) + (labels_interval(tick_units[u]) ? 3 : 5);
            if (unit_seconds(tick_units[u]) * sc->s >= need) {
                chosen = u;
                break;
            }
        }
        char text[64];
        if (chosen == SIZE_MAX || g->t1 - g->t0 < unit_seconds(tick_units[chosen]) / 2) {
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
                double w = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                axis_add_label(b, ax, cx - w / 2, text, false, lo, hi);
            }
            snprintf(text, sizeof text, "%lld", (long long)y);
            double w = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_BOLD);
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
                    double a = evg__tl_x_at(sc, start), z = evg__tl_x_at(sc, end);
                    double w = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                    if (z - a >= w + 2)
                        axis_add_label(b, ax, (a + z) / 2 - w / 2, text, false, lo, hi);
                }
                if (t > g->t1)
                    break;
                axis_add_tick(b, ax, evg__tl_x_at(sc, t), false);
                start = t;
            }
        } else {
            for (double t = first; t <= g->t1; t = unit_next(t, u)) {
                double x = evg__tl_x_at(sc, t);
                axis_add_tick(b, ax, x, false);
                tick_label(text, sizeof text, t, u);
                double w = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
                axis_add_label(b, ax, x - w / 2, text, false, lo, hi);
            }
        }
        /* Context labels: at the piece's start when there is room before the
         * next period begins, then at each new period. */
        if (has_major) {
            double next = unit_ceil(g->t0 + 1, major);
            major_label(text, sizeof text, g->t0, major);
            if (next > g->t1 ||
                evg__tl_x_at(sc, next) - g->x0 >= evg__tl_text_w(text, AXIS_SIZE, EVG__TL_BOLD) + 6)
                axis_add_label(b, ax, g->x0, text, true, lo, hi);
            for (double t = next; t <= g->t1; t = unit_next(t, major)) {
                major_label(text, sizeof text, t, major);
                double x = evg__tl_x_at(sc, t);
                axis_add_tick(b, ax, x, true);
                axis_add_label(b, ax, x, text, true, lo, hi);
            }
        }
    }
}

/* On an ordinal axis each labelled slot says its own date, as precisely as
 * it was written: "Mar" for a month, "27 Feb" or "27" for a day (the month
 * named when it changes), "2016" for a year; the years above. */
void evg__tl_ordinal_axis(builder *b, const scale *sc, axis *ax)
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
        double w = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_REGULAR);
        if (axis_add_label(b, ax, x - w / 2, text, false, b->plot_x0, b->plot_x1)) {
            axis_add_tick(b, ax, x, false);
            shown_month = sc->slot_prec[i] <= EVG_PRECISION_YEAR ? INT64_MIN : month;
        }
        if (y != year_shown) {
            snprintf(text, sizeof text, "%lld", (long long)y);
            double left = x - 3, yw = evg__tl_text_w(text, AXIS_SIZE, EVG__TL_BOLD);
            if (left + yw > b->plot_x1)
                left = b->plot_x1 - yw;
            if (axis_add_label(b, ax, left, text, true, b->plot_x0, b->plot_x1))
                year_shown = y;
        }
    }
}

/* Draws the axis with its baseline at y; labels above it (`top`) or below. */
void evg__tl_emit_axis(builder *b, const scale *sc, const axis *ax, double y, bool top)
{
    double row = evg__tl_text_height(1, AXIS_SIZE);
    for (size_t k = 0; k < sc->seg_count; k++) {
        const segment *g = &sc->segs[k];
        double a = k == 0 ? b->plot_x0 : g->slot0 - 3,
               z = k + 1 == sc->seg_count ? b->plot_x1 : g->slot1 + 3;
        evg__tl_add_line(b, EVG__TL_AXIS, a, y, z, y, 0.8, GREY);
        if (k + 1 < sc->seg_count) {
            /* "//" in the middle of the cut. */
            double cx = g->slot1 + BREAK_WIDTH / 2;
            evg__tl_add_line(b, EVG__TL_BREAK, cx - 4, y + 3.5, cx - 1, y - 3.5, 0.8, GREY);
            evg__tl_add_line(b, EVG__TL_BREAK, cx + 1, y + 3.5, cx + 4, y - 3.5, 0.8, GREY);
        }
    }
    for (size_t k = 0; k < ax->tick_count; k++) {
        double len = ax->ticks[k].major ? TICK + 1 : TICK;
        evg__tl_add_line(b, EVG__TL_TICK, ax->ticks[k].x, y, ax->ticks[k].x,
                         top ? y - len : y + len, ax->ticks[k].major ? 0.8 : 0.6, GREY);
    }
    for (size_t k = 0; k < ax->label_count; k++) {
        const axis_label *l = &ax->labels[k];
        double ly;
        if (top)
            ly = y - TICK - 1 - row * (l->major ? 2 : 1);
        else
            ly = y + TICK + 1 + row * (l->major ? 1 : 0);
        evg__tl_add_text(b, l->major ? EVG__TL_AXIS_MAJOR : EVG__TL_AXIS_MINOR, l->x, ly, l->w, row,
                         l->text, AXIS_SIZE, l->major ? EVG__TL_BOLD : EVG__TL_REGULAR, 'l',
                         l->major ? INK : GREY, EVG_NO_INDEX);
    }
}
