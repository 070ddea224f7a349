/* The timeline's layout, without Graphviz: lanes, the time scale and its
 * axis, each event's glyph and label, rows that keep labels apart, binning
 * when there are more events than labels fit, legend, title and caption.
 *
 * Graphviz's `dot` ranks are ordinal and its layout time grows much faster
 * than the number of events, so every position is computed here and pinned;
 * Graphviz only draws (render_timeline.c).
 */
#include "timeline_build_int.h"

#include <evgraph/date.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor_tree_int.h"
#include "date_int.h"
#include "strmap_int.h"

/* Stacks one rectangle per type, in type order so that colours line up from
 * bin to bin, heights by weight. */
static void emit_bin_parts(builder *b, const evg__tl_item *it, double x, double w, double bottom,
                           double bar_h, uint64_t weight, uint32_t idx)
{
    const evg_model *m = b->model;
    size_t types = evg_model_type_count(m);
    uint64_t *by_type = calloc(types + 1, sizeof *by_type);
    if (by_type == NULL) {
        b->nomem = true;
        return;
    }
    for (uint32_t k = 0; k < it->count; k++) {
        const evg_event *e = evg_model_event(m, it->events[k]);
        by_type[e->type] += e->weight ? e->weight : 1;
    }
    double y = bottom;
    for (size_t t = 0; t < types; t++) {
        if (by_type[t] == 0)
            continue;
        double h = bar_h * (double)by_type[t] / (double)weight;
        y -= h;
        evg__tl_add_rect(b, EVG__TL_BIN_PART, x, y, w, h, evg_model_type(m, t)->color, idx);
    }
    free(by_type);
}

/* A bin: a bar whose height is its weight on the figure's common scale,
 * split by type, with its count (and casualties) above it. */
static void emit_bin(builder *b, const attempt *at, size_t i, double top)
{
    const item_geom *g = &at->geo[i];
    const evg__tl_item *it = &b->out->items[i];
    uint32_t idx = (uint32_t)i;
    double bar_h = evg__tl_bar_height(at, g->weight);
    /* Bars of a row stand on one line. */
    double row_h = at->row_h[at->row_offset[it->lane] + it->row];
    double bottom = top + (row_h > g->glyph_h ? row_h : g->glyph_h);
    double x0 = g->band0 + 0.5, w = g->band1 - g->band0 - 1;
    if (w < 3) {
        x0 = g->x - 1.5;
        w = 3;
    }
    emit_bin_parts(b, it, x0, w, bottom, bar_h, g->weight, idx);
    evg__tl_add_mark(b, EVG__TL_BIN, x0 + w / 2, bottom - bar_h / 2, w, bar_h, "box", "transparent",
                     GREY, 0, idx);
    char n[32], killed[48];
    evg__tl_format_count(n, sizeof n, g->weight);
    double count_h = evg__tl_text_height(1, COUNT_SIZE);
    double y = bottom - bar_h - 1 - count_h;
    double cw = evg__tl_text_w(n, COUNT_SIZE, EVG__TL_BOLD);
    evg__tl_add_text(b, EVG__TL_LABEL, g->x - cw / 2, y, cw, count_h,
                     evg__tl_arena_str(b, n, strlen(n)), COUNT_SIZE, EVG__TL_BOLD, 'c', INK, idx);
    if (g->killed > 0) {
        evg__tl_format_count(n, sizeof n, (uint64_t)g->killed);
        snprintf(killed, sizeof killed, "%s", n);
        double kh = evg__tl_text_height(1, CASUALTY_SIZE);
        double kw = evg__tl_text_w(killed, CASUALTY_SIZE, EVG__TL_REGULAR);
        evg__tl_add_text(b, EVG__TL_CASUALTIES, g->x - kw / 2, y - kh, kw, kh,
                         evg__tl_arena_str(b, killed, strlen(killed)), CASUALTY_SIZE,
                         EVG__TL_REGULAR, 'c', RED, idx);
    }
}

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
        if (it->count > 1 || g->as_bin) {
            emit_bin(b, at, i, top);
            continue;
        }
        if (g->band1 > g->band0 + 0.5)
            evg__tl_add_rect(b, EVG__TL_BAND, g->band0, cy - g->glyph_h / 2, g->band1 - g->band0,
                             g->glyph_h, evg__tl_shade(b, color, 0.78), idx);
        if (!isnan(g->bar_end)) {
            evg__tl_add_rect(b, EVG__TL_BAR, g->x, cy - BAR_HEIGHT / 2, g->bar_end - g->x,
                             BAR_HEIGHT, color, idx);
            evg__tl_add_rect(b, EVG__TL_CAP, g->bar_end - 0.6, cy - 3.5, 1.2, 7, color, idx);
        }
        {
            const char *fill = color, *outline = evg__tl_shade(b, color, -0.25);
            if ((g->style & EVG__TL_HOLLOW) && (g->style & EVG__TL_PALE))
                fill = WHITE, outline = evg__tl_shade(b, color, 0.45);
            else if (g->style & EVG__TL_HOLLOW)
                fill = WHITE, outline = color;
            else if (g->style & EVG__TL_PALE)
                fill = evg__tl_shade(b, color, 0.6), outline = color;
            evg__tl_add_mark(b, EVG__TL_GLYPH, g->x, cy, g->glyph_w, g->glyph_h,
                             evg_model_type(m, g->type)->shape, fill, outline, g->style, idx);
        }
        if (g->label == NULL)
            continue;
        double ly = g->side == 'b' ? top + g->glyph_h + 1 : top + first_line / 2 - line_h / 2;
        double block_w = g->label_w > g->casualties_w ? g->label_w : g->casualties_w;
        char align = g->side == 'l' ? 'r' : 'l';
        evg__tl_add_text(b, EVG__TL_LABEL, g->label_x, ly, block_w, g->label_h, g->label,
                         LABEL_SIZE, EVG__TL_REGULAR, align, INK, idx);
        if (g->casualties)
            evg__tl_add_text(b, EVG__TL_CASUALTIES, g->label_x, ly + g->label_h, block_w,
                             evg__tl_text_height(1, CASUALTY_SIZE), g->casualties, CASUALTY_SIZE,
                             EVG__TL_REGULAR, align, RED, idx);
    }
    /* Targets, in the strip at the top of their lanes: one mark per lane and
     * point, as more would be drawn on top of each other. */
    if (b->opts->lanes != EVG_TIMELINE_LANES_ACTOR)
        return;
    /* A mark per lane and item at most, and per target: the targets are
     * counted only when the first bound is large (few events, each its
     * own item), not for a million events in a few hundred bins. */
    size_t targets = o->lane_count * at->item_count, cap = 1024;
    if (targets > ((size_t)1 << 16)) {
        size_t all = 0;
        for (size_t i = 0; i < b->count; i++)
            all += evg_model_event(m, b->events[i])->target_count;
        if (all < targets)
            targets = all;
    }
    while (cap < 2 * targets)
        cap *= 2;
    uint64_t *seen = calloc(cap, sizeof *seen);
    /* handled[lane] == item + 1: the item's mark in that lane is settled,
     * so a bin of 50,000 events stops reading them once every other lane
     * has its mark. */
    size_t *handled = calloc(o->lane_count + 1, sizeof *handled);
    if (seen == NULL || handled == NULL) {
        free(seen);
        free(handled);
        b->nomem = true;
        return;
    }
    for (size_t i = 0; i < at->item_count && !b->nomem; i++) {
        const evg__tl_item *it = &o->items[i];
        const item_geom *g = &at->geo[i];
        size_t settled = 0;
        for (uint32_t k = 0; k < it->count && settled + 1 < o->lane_count; k++) {
            const evg_event *e = evg_model_event(m, it->events[k]);
            for (uint32_t t = 0; t < e->target_count; t++) {
                uint32_t lane = evg__tl_target_lane(b, e->targets[t]);
                if (lane == EVG_NO_INDEX || lane == it->lane || handled[lane] == i + 1)
                    continue;
                handled[lane] = i + 1;
                settled++;
                uint64_t key = ((uint64_t)lane << 32 | (uint64_t)lround(g->x)) + 1;
                size_t h = (size_t)((key * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1);
                while (seen[h] && seen[h] != key)
                    h = (h + 1) & (cap - 1);
                if (seen[h] == key)
                    continue;
                seen[h] = key;
                double cy = o->lanes[lane].y + LANE_PAD + TARGET_STRIP / 2;
                const char *color = evg_model_type(m, e->type)->color;
                evg__tl_add_mark(b, EVG__TL_TARGET, g->x, cy, TARGET_DOT, TARGET_DOT, "circle",
                                 color, color, 0, (uint32_t)i);
            }
        }
    }
    free(seen);
    free(handled);
}

static void emit_lanes(builder *b, double y_end)
{
    evg__tl_layout *o = b->out;
    bool lanes = b->opts->lanes != EVG_TIMELINE_LANES_NONE;
    for (size_t l = 0; l < o->lane_count; l++) {
        const evg__tl_lane *lane = &o->lanes[l];
        if (l > 0) {
            bool group = lane->head;
            evg__tl_add_line(b, group ? EVG__TL_GROUP_SEPARATOR : EVG__TL_SEPARATOR,
                             group ? MARGIN : MARGIN + 12, lane->y, b->width - MARGIN, lane->y,
                             group ? 0.6 : 0.4, group ? RULE : HAIRLINE);
        }
        if (!lanes)
            continue;
        double indent = lane->head ? 7 : 15;
        double ty = lane->y + LANE_PAD + (b->lane_marks[l] ? TARGET_STRIP : 0);
        if (b->lane_marks[l] && lane->rows == 0)
            ty = lane->y + LANE_PAD; /* only targets: name beside them */
        evg__tl_add_text(b, lane->head ? EVG__TL_GROUP : EVG__TL_LANE, MARGIN + indent, ty,
                         b->lane_label_w - indent, b->lane_label_h[l], b->lane_label[l], LANE_SIZE,
                         b->lane_bold[l] ? EVG__TL_BOLD : EVG__TL_REGULAR, 'l',
                         lane->head ? INK : GREY, EVG_NO_INDEX);
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
                evg__tl_add_rect(b, EVG__TL_STRIPE, MARGIN, lane->y + 2, 3, bottom - lane->y - 4,
                                 color, EVG_NO_INDEX);
            }
        }
    }
}

static void emit_grid(builder *b, const axis *ax, double y0, double y1)
{
    for (size_t k = 0; k < ax->tick_count; k++)
        evg__tl_add_line(b, EVG__TL_GRID, ax->ticks[k].x, y0, ax->ticks[k].x, y1,
                         ax->ticks[k].major ? 0.6 : 0.5,
                         ax->ticks[k].major ? GRID_MAJOR : GRID_MINOR);
}

static int layout_figure(builder *b, attempt *at)
{
    evg__tl_layout *o = b->out;
    double w = b->width, y = MARGIN, text_width = w - 2 * MARGIN;
    size_t lines;
    double tw;
    if (b->opts->title && b->opts->title[0]) {
        const char *title =
            evg__tl_wrap(b, b->opts->title, TITLE_SIZE, EVG__TL_BOLD, text_width, 3, &lines, &tw);
        double h = evg__tl_text_height(lines, TITLE_SIZE);
        evg__tl_add_text(b, EVG__TL_TITLE, MARGIN, y, tw, h, title, TITLE_SIZE, EVG__TL_BOLD, 'l',
                         INK, EVG_NO_INDEX);
        y += h + 1;
    }
    const char *dek = evg__tl_wrap(b, evg__tl_dek_text(b, at), DEK_SIZE, EVG__TL_REGULAR,
                                   text_width, 2, &lines, &tw);
    double h = evg__tl_text_height(lines, DEK_SIZE);
    evg__tl_add_text(b, b->count ? EVG__TL_DEK : EVG__TL_NOTE, MARGIN, y, tw, h, dek, DEK_SIZE,
                     EVG__TL_REGULAR, 'l', GREY, EVG_NO_INDEX);
    y += h + 6;
    if (b->count == 0) {
        o->height = ceil(y + MARGIN);
        return b->nomem ? EVG_ENOMEM : 0;
    }
    y += evg__tl_emit_legend(b, at, y);
    y += 6;
    axis ax = {0};
    if (at->sc.ordinal)
        evg__tl_ordinal_axis(b, &at->sc, &ax);
    else
        evg__tl_proportional_axis(b, &at->sc, &ax);
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
        lane->h = evg__tl_lane_height(b, at, l);
        lane_y += lane->h;
    }
    double lanes_end = lane_y;
    bool bottom_axis = lanes_end - axis_top > BOTTOM_AXIS_FROM;
    emit_grid(b, &ax, axis_top, lanes_end);
    emit_lanes(b, lanes_end);
    evg__tl_emit_axis(b, &at->sc, &ax, axis_top, true);
    if (bottom_axis) {
        evg__tl_emit_axis(b, &at->sc, &ax, lanes_end, false);
        y = lanes_end + TICK + 1 + 2 * row;
    } else {
        evg__tl_add_line(b, EVG__TL_GROUP_SEPARATOR, MARGIN, lanes_end, w - MARGIN, lanes_end, 0.6,
                         RULE);
        y = lanes_end;
    }
    emit_items(b, at);
    free(ax.ticks);
    free(ax.labels);
    y += 6;
    const char *caption = evg__tl_caption_text(b, at->sc.seg_count > 1, at->glyph_only);
    if (caption[0]) {
        caption =
            evg__tl_wrap(b, caption, CAPTION_SIZE, EVG__TL_REGULAR, text_width, 4, &lines, &tw);
        h = evg__tl_text_height(lines, CAPTION_SIZE);
        evg__tl_add_text(b, EVG__TL_CAPTION, MARGIN, y, tw, h, caption, CAPTION_SIZE,
                         EVG__TL_REGULAR, 'l', GREY, EVG_NO_INDEX);
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

/* build_once's answer when the page cannot hold every lane (nothing built). */
enum { TOO_MANY_LANES = 1 };

/* Whether, with every lane, the figure cannot fit the page's height
 * whatever its items: each lane is at least its padding and a line of its
 * name tall. Then common->lane_bound says how many lanes could, at most,
 * and the figure's tries start from there, not from a layout of every lane
 * (of 100,000 actors, say). */
static bool too_many_lanes(builder *b)
{
    double page_h = b->opts->page.height;
    b->common->all_lanes = b->out->lane_count;
    if (page_h <= 0 || b->opts->top || b->opts->lanes == EVG_TIMELINE_LANES_NONE)
        return false;
    double least = 2 * LANE_PAD + evg__tl_text_height(1, LANE_SIZE);
    size_t bound = (size_t)floor(page_h / least);
    b->common->lane_bound = bound > 1 ? bound : 1;
    return b->out->lane_count > b->common->lane_bound;
}

/* One layout with at most `keep` lanes (0: all); auto binning tries the
 * binnings from the `first_bin`th (none, day, week, month, year). */
static int build_once(evg__tl_layout *out, shared *common, const evg_model *model,
                      const uint32_t *events, size_t count, const evg_timeline_opts *opts,
                      evg__reporter *rep, double width, size_t keep, size_t first_bin)
{
    memset(out, 0, sizeof *out);
    builder b = {.out = out,
                 .model = model,
                 .events = events,
                 .count = count,
                 .opts = opts,
                 .rep = rep,
                 .common = common,
                 .width = width,
                 .text_min = opts->min_text > 0 ? opts->min_text : EVG_MIN_TEXT_DEFAULT,
                 .lane_keep = keep,
                 .others_lane = EVG_NO_INDEX};
    attempt at = {0};
    int rc = evg__tl_make_lanes(&b);
    if (rc)
        goto done;
    if (keep == 0 && too_many_lanes(&b)) {
        rc = TOO_MANY_LANES;
        goto done;
    }
    evg__tl_size_lane_names(&b);
    out->width = width;
    b.plot_x0 = MARGIN + (b.lane_label_w > 0 ? b.lane_label_w + 6 : 0);
    b.plot_x1 = width - MARGIN;
    out->plot_x0 = b.plot_x0;
    out->plot_x1 = b.plot_x1;
    if (count && !common->known) {
        const evg_event *first = evg_model_event(model, events[0]);
        int lo = first->date.year, hi = lo;
        for (size_t i = 0; i < count; i++) {
            const evg_event *e = evg_model_event(model, events[i]);
            if (e->date.year > hi)
                hi = e->date.year;
            if (e->end_date.precision && e->end_date.year > hi)
                hi = e->end_date.year;
        }
        common->show_year = hi != lo;
    }
    if (count) {
        b.show_year = common->show_year;
        static const evg_timeline_bin tries[] = {EVG_TIMELINE_BIN_NONE, EVG_TIMELINE_BIN_DAY,
                                                 EVG_TIMELINE_BIN_WEEK, EVG_TIMELINE_BIN_MONTH,
                                                 EVG_TIMELINE_BIN_YEAR};
        size_t ntries = opts->bin == EVG_TIMELINE_BIN_AUTO ? 5 : 1;
        for (size_t t = ntries > 1 ? first_bin : 0; t < ntries; t++) {
            evg_timeline_bin unit = opts->bin == EVG_TIMELINE_BIN_AUTO ? tries[t] : opts->bin;
            if (t + 1 < ntries && evg__tl_cannot_fit(&b, unit))
                continue;
            evg__tl_free_attempt(&at);
            if ((rc = evg__tl_try_binning(&b, &at, unit)) != 0)
                goto done;
            if (t + 1 == ntries || evg__tl_fits(&b, &at))
                break;
        }
        out->bin = at.unit;
        out->item_count = at.item_count;
        out->segment_count = at.sc.seg_count;
        out->event_count = count;
    } else {
        out->bin = opts->bin == EVG_TIMELINE_BIN_AUTO ? EVG_TIMELINE_BIN_NONE : opts->bin;
    }
    out->others_lane = b.others_lane == EVG_NO_INDEX ? out->lane_count : b.others_lane;
    rc = layout_figure(&b, count ? &at : NULL);
    if (count)
        at.items = NULL; /* now out->items */
done:
    evg__tl_free_attempt(&at);
    free(b.event_lane);
    free(b.actor_lane);
    free(b.lane_color);
    free(b.lane_bold);
    free(b.lane_marks);
    free(b.lane_label);
    free(b.lane_label_h);
    free(b.sb.data);
    evg__strmap_free(&b.tints);
    free(b.tint_list);
    free(b.row_top);
    if (rc) {
        if (rc == EVG_ENOMEM)
            evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                        "out of memory laying out the timeline");
        evg__tl_layout_free(out);
    }
    return rc;
}

/* The height the lanes take, from the first lane's top to the last's bottom. */
static double lanes_height(const evg__tl_layout *o)
{
    if (o->lane_count == 0)
        return 0;
    const evg__tl_lane *last = &o->lanes[o->lane_count - 1];
    return last->y + last->h - o->lanes[0].y;
}

/* How many lanes a layout that took `built` lanes suggests would fit: as
 * many as their share of the page's room, in proportion; the lane of the
 * others stays (and grows), so the named lanes share the room it leaves. */
static size_t estimate_lanes(const evg__tl_layout *o, double page_h, size_t built)
{
    double took = lanes_height(o), room = page_h - (o->height - took);
    if (o->others_lane < o->lane_count && built > 1) {
        double others = o->lanes[o->others_lane].h, named = took - others;
        room -= others;
        return named > 0 && room > 0 ? 1 + (size_t)((double)(built - 1) * room / named) : 1;
    }
    return took > 0 && room > 0 ? (size_t)((double)built * room / took) : 1;
}

/* Lays out with as many lanes as fit opts->page.height (the layout in *out
 * before, if any, is replaced); the fewest, one, when none fits. Lanes
 * differ in height, so search: `fit` lanes fit (or are the fewest
 * possible), `over` do not; each try is the estimate from the last layout,
 * kept between the two. With more lanes than the page can hold at all,
 * the search starts at that many. */
static int fit_lanes(evg__tl_layout *out, shared *common, const evg_model *model,
                     const uint32_t *events, size_t count, const evg_timeline_opts *opts,
                     evg__reporter *rep, double width, size_t first_bin)
{
    double page_h = opts->page.height;
    size_t lanes = common->all_lanes, over = lanes, fit = 0, built = 0, keep;
    int rc = 0;
    if (common->lane_bound && lanes > common->lane_bound) {
        over = common->lane_bound + 1;
        keep = common->lane_bound;
    } else {
        /* *out holds all lanes binned from the first binning. */
        if (first_bin > 0) {
            evg__tl_layout_free(out);
            rc = build_once(out, common, model, events, count, opts, rep, width, 0, first_bin);
        }
        if (rc || out->height <= page_h || lanes <= 1)
            return rc;
        built = lanes;
        keep = estimate_lanes(out, page_h, lanes);
    }
    while (fit + 1 < over) {
        if (keep >= over)
            keep = over - 1;
        if (keep <= fit)
            keep = fit + 1;
        built = keep;
        evg__tl_layout_free(out);
        if ((rc = build_once(out, common, model, events, count, opts, rep, width, keep,
                             first_bin)) != 0)
            return rc;
        if (out->height <= page_h || keep == 1)
            fit = keep;
        else
            over = keep;
        keep = estimate_lanes(out, page_h, keep);
        /* A layout that fits and leaves no room for a lane more ends the
         * search: the lane more would be built only to be refused. */
        if (fit == built && keep <= fit)
            break;
    }
    if (built != fit) {
        evg__tl_layout_free(out);
        rc = build_once(out, common, model, events, count, opts, rep, width, fit, first_bin);
    }
    return rc;
}

int evg__tl_layout_build(evg__tl_layout *out, const evg_model *model, const uint32_t *events,
                         size_t count, const evg_timeline_opts *opts, evg__reporter *rep)
{
    memset(out, 0, sizeof *out);
    evg_timeline_opts defaults = EVG_TIMELINE_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    double width = opts->width > 0        ? opts->width
                   : opts->page.width > 0 ? opts->page.width
                                          : DEFAULT_WIDTH;
    if (!(width >= EVG_TIMELINE_WIDTH_MIN && width <= EVG_TIMELINE_WIDTH_MAX)) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "timeline width %g pt is out of range (%g to %g pt, 8 to 200 cm)", width,
                    EVG_TIMELINE_WIDTH_MIN, EVG_TIMELINE_WIDTH_MAX);
        return EVG_EUSAGE;
    }
    /* --top N: N lanes and one for the rest. */
    size_t keep = opts->top ? opts->top + 1 : 0, first_bin = 0;
    shared common = {0};
    int rc = build_once(out, &common, model, events, count, opts, rep, width, keep, first_bin);
    double page_h = opts->page.height;
    if (rc == TOO_MANY_LANES)
        rc = 0;
    else if (rc || opts->top || page_h <= 0 || out->height <= page_h)
        goto done;
    /* Too tall: fold the least active lanes; when one lane is still too
     * tall, bin more coarsely and fold again. */
    for (; first_bin < 5; first_bin++) {
        rc = fit_lanes(out, &common, model, events, count, opts, rep, width, first_bin);
        if (rc)
            goto done;
        if (out->height <= page_h || opts->bin != EVG_TIMELINE_BIN_AUTO)
            break;
    }
    if (out->height > page_h)
        evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "the timeline is %.1f cm tall, more than the page's %.1f cm",
                    out->height * 2.54 / 72, page_h * 2.54 / 72);
done:
    free(common.sources.data);
    free(common.scratch);
    return rc;
}
