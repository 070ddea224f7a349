/* The timeline's decorations: legend, dek and caption. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"
#include "sources_int.h"

typedef enum legend_kind {
    KEY_TYPE,
    KEY_MONTH,
    KEY_PALE,
    KEY_SPAN,
    KEY_TARGET,
    KEY_BIN
} legend_kind;

typedef struct legend_entry {
    const char *text;
    legend_kind kind;
    uint32_t type; /* KEY_TYPE */
} legend_entry;

/* Lays the legend out in rows from y; returns the height used. */
double evg__tl_emit_legend(builder *b, const attempt *at, double y)
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
        evg__buf_printf(&b->sb, "events of one lane and %s by number (red: killed)",
                        evg__tl_bin_unit_name(at->unit));
        entries[n++] = (legend_entry){evg__tl_buf_take(b), KEY_BIN, 0};
    }
    double row_h = 12, x = MARGIN, top = y;
    for (size_t k = 0; k < n; k++) {
        legend_entry *e = &entries[k];
        double sw = e->kind == KEY_SPAN ? 18 : sample;
        double tw = evg__tl_text_w(e->text, LEGEND_SIZE, EVG__TL_REGULAR);
        if (x > MARGIN && x + sw + 2 + tw > b->width - MARGIN) {
            x = MARGIN;
            y += row_h;
        }
        double cy = y + row_h / 2, cx = x + sw / 2;
        /* Type samples in their colours; the marks' meanings in grey. */
        const char *color = e->kind == KEY_TYPE ? evg_model_type(m, e->type)->color : SAMPLE;
        switch (e->kind) {
        case KEY_TYPE:
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH,
                             evg_model_type(m, e->type)->shape, color,
                             evg__tl_shade(b, color, -0.25), 0, EVG_NO_INDEX);
            break;
        case KEY_MONTH:
            evg__tl_add_rect(b, EVG__TL_BAND, x, cy - GLYPH / 2, sw, GLYPH,
                             evg__tl_shade(b, color, 0.78), EVG_NO_INDEX);
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH, "circle", WHITE, color,
                             EVG__TL_HOLLOW, EVG_NO_INDEX);
            break;
        case KEY_PALE:
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy, GLYPH, GLYPH, "circle",
                             evg__tl_shade(b, color, 0.6), color, EVG__TL_PALE, EVG_NO_INDEX);
            break;
        case KEY_SPAN:
            evg__tl_add_rect(b, EVG__TL_BAR, x + 3, cy - BAR_HEIGHT / 2, sw - 3, BAR_HEIGHT, color,
                             EVG_NO_INDEX);
            evg__tl_add_rect(b, EVG__TL_CAP, x + sw - 1, cy - 3.5, 1.2, 7, color, EVG_NO_INDEX);
            evg__tl_add_mark(b, EVG__TL_SWATCH, x + 3, cy, 7, 7, "circle", color,
                             evg__tl_shade(b, color, -0.25), 0, EVG_NO_INDEX);
            break;
        case KEY_TARGET:
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy, TARGET_DOT, TARGET_DOT, "circle", color,
                             color, 0, EVG_NO_INDEX);
            break;
        case KEY_BIN: {
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy + sample / 4, sample * 0.6, sample / 2,
                             "box", color, color, 0, EVG_NO_INDEX);
            evg__tl_add_mark(b, EVG__TL_SWATCH, cx, cy - sample / 4, sample * 0.6, sample / 2,
                             "box", SAMPLE, SAMPLE, 0, EVG_NO_INDEX);
            break;
        }
        }
        evg__tl_add_text(b, EVG__TL_LEGEND, x + sw + 2,
                         cy - evg__tl_text_height(1, LEGEND_SIZE) / 2, tw,
                         evg__tl_text_height(1, LEGEND_SIZE), e->text, LEGEND_SIZE, EVG__TL_REGULAR,
                         'l', INK, EVG_NO_INDEX);
        x += sw + 2 + tw + gap;
    }
    free(used);
    free(entries);
    return n ? y + row_h - top : 0;
}

/* The caption: the sources named (sources_int.h, the same words as the
 * actor graph's), once per figure, then what was cut or folded. */
const char *evg__tl_caption_text(builder *b, bool cut, size_t unlabelled)
{
    evg__buf *s = &b->sb;
    shared *c = b->common;
    if (!c->known) {
        if (evg__sources_caption(&c->sources, b->model, b->events, b->count) != 0)
            b->nomem = true;
        c->known = !b->nomem;
    }
    evg__buf_add(s, c->sources.data ? c->sources.data : "", c->sources.len);
    if (cut)
        evg__buf_str(s, s->len ? " // marks a cut in the time axis."
                             : "// marks a cut in the time axis.");
    if (b->folded_lanes) {
        char lanes[32], events[32];
        evg__tl_format_count(lanes, sizeof lanes, b->folded_lanes);
        evg__tl_format_count(events, sizeof events, b->folded_weight);
        evg__buf_printf(s, "%s%s other %s%s, %s event%s, in the last lane.", s->len ? " " : "",
                        lanes, evg__tl_fold_noun(b), b->folded_lanes == 1 ? "" : "s", events,
                        b->folded_weight == 1 ? "" : "s");
    }
    if (b->folded_members) {
        char members[32];
        evg__tl_format_count(members, sizeof members, b->folded_members);
        evg__buf_printf(s, "%s%s member%s drawn in %s group's lane.", s->len ? " " : "", members,
                        b->folded_members == 1 ? "" : "s",
                        b->folded_members == 1 ? "its" : "their");
    }
    if (unlabelled) {
        char number[32];
        evg__tl_format_count(number, sizeof number, unlabelled);
        evg__buf_printf(s, "%s%s event%s without a label for lack of room (--bin groups them).",
                        s->len ? " " : "", number, unlabelled == 1 ? "" : "s");
    }
    return evg__tl_buf_take(b);
}

/* "31 events, Mar 2011 – 15 Sep 2016" */
const char *evg__tl_dek_text(builder *b, const attempt *at)
{
    char n[32];
    evg__tl_format_count(n, sizeof n, b->count);
    evg__buf *s = &b->sb;
    if (b->count == 0) {
        evg__buf_str(s, "No events to draw.");
        return evg__tl_buf_take(b);
    }
    const evg_event *first = evg_model_event(b->model, b->events[0]);
    const evg_date *last = NULL;
    double last_end = -INFINITY;
    for (size_t i = 0; i < b->count; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        const evg_date *d = e->end_date.precision ? &e->end_date : &e->date;
        if (evg__tl_date_end(d) > last_end)
            last_end = evg__tl_date_end(d), last = d;
    }
    evg__buf_printf(s, "%s event%s, ", n, b->count == 1 ? "" : "s");
    evg__tl_format_date(s, &first->date, true);
    if (last && (last->precision != first->date.precision ||
                 evg__tl_date_start(last) != evg__tl_date_start(&first->date))) {
        evg__buf_str(s, " \xE2\x80\x93 ");
        evg__tl_format_date(s, last, true);
    }
    if (at && at->unit != EVG_TIMELINE_BIN_NONE) {
        bool any = false;
        for (size_t i = 0; i < at->item_count && !any; i++)
            any = at->items[i].count > 1;
        if (any)
            evg__buf_printf(s, "; busy %ss grouped", evg__tl_bin_unit_name(at->unit));
    }
    return evg__tl_buf_take(b);
}
