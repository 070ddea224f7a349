/* The actor graph's caption and legend: an HTML-like graph label, its lines
 * wrapped to the figure's width (measured with the font's advance widths,
 * layout/timeline_font.c), its text never smaller than the minimum size. */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"
#include "timeline_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The room for a line of the label: the figure's width less the padding. */
static double line_width(const figure *f)
{
    return f->width - 2 * PAD_PT - 4;
}

static double text_width(const char *s, size_t len, double pt, bool bold)
{
    return evg__tl_text_width(s, len, pt, bold ? EVG__TL_BOLD : EVG__TL_REGULAR);
}

/* Plain `text` as rows of the label, broken between words to fit. */
static void wrapped_rows(evg__buf *t, const figure *f, const char *text, double pt,
                         const char *color, bool bold)
{
    double room = line_width(f);
    const char *line = text;
    while (*line) {
        /* The longest run of words that fits; at least one word. */
        const char *end = line, *p = line;
        while (*p) {
            const char *word_end = p + strcspn(p, " ");
            if (end != line && text_width(line, (size_t)(word_end - line), pt, bold) > room)
                break;
            end = word_end;
            p = *word_end ? word_end + 1 : word_end;
        }
        char *piece = strndup(line, (size_t)(end - line));
        if (piece == NULL) {
            t->failed = true;
            return;
        }
        evg__buf_printf(t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%.1f\"%s%s%s>%s", pt,
                        color ? " COLOR=\"" : "", color ? color : "", color ? "\"" : "",
                        bold ? "<B>" : "");
        evg__ag_html(t, piece);
        evg__buf_printf(t, "%s</FONT></TD></TR>", bold ? "</B>" : "");
        free(piece);
        line = *end ? end + 1 : end;
    }
}

/* The first line: how many events, from when to when. */
static void what_is_shown(evg__buf *c, const figure *f)
{
    const evg__actors_graph *shown = f->shown;
    if (f->period)
        evg__buf_printf(c, "%s: ", f->period);
    evg__buf_printf(c, "%llu event%s", (unsigned long long)shown->event_count,
                    shown->event_count == 1 ? "" : "s");
    if (f->event_count) {
        /* Events come by start date; the last to end may be any of them. */
        const evg_date *first = &evg_model_event(f->model, f->events[0])->date, *last = first;
        for (size_t i = 0; i < f->event_count; i++) {
            const evg_event *e = evg_model_event(f->model, f->events[i]);
            const evg_date *end = e->end_date.precision ? &e->end_date : &e->date;
            if (evg_date_end(end) > evg_date_end(last))
                last = end;
        }
        evg__buf_str(c, ", ");
        evg__ag_date(c, first);
        if (evg_date_compare(first, last) != 0) {
            evg__buf_str(c, " to ");
            evg__ag_date(c, last);
        }
    }
    evg__buf_str(c, ".");
}

/* What is folded, hidden or left out, so nothing goes silently. The counts
 * are the figure's own (a period's, with --by). */
static void what_is_left_out(evg__buf *c, const figure *f)
{
    const evg__actors_graph *g = f->shown;
    if (g->folded_actors)
        evg__buf_printf(c, " %zu other actor%s, %llu event%s, in \"other\" nodes.",
                        g->folded_actors, g->folded_actors == 1 ? "" : "s",
                        (unsigned long long)g->folded_count, g->folded_count == 1 ? "" : "s");
    if (g->hidden_edges)
        evg__buf_printf(c, " %zu relation%s of fewer than %zu events not drawn (%llu event%s).",
                        g->hidden_edges, g->hidden_edges == 1 ? "" : "s", f->opts->min_count,
                        (unsigned long long)g->hidden_count, g->hidden_count == 1 ? "" : "s");
    if (g->hidden_other_edges)
        evg__buf_printf(c,
                        " %zu relation%s of \"other\" nodes of fewer than %zu events not drawn "
                        "(%llu event%s).",
                        g->hidden_other_edges, g->hidden_other_edges == 1 ? "" : "s",
                        g->others_min, (unsigned long long)g->hidden_other_count,
                        g->hidden_other_count == 1 ? "" : "s");
    if (g->unrelated_nodes)
        evg__buf_printf(c, " %zu actor%s without a drawn relation not shown (%llu event%s).",
                        g->unrelated_nodes, g->unrelated_nodes == 1 ? "" : "s",
                        (unsigned long long)g->unrelated_count, g->unrelated_count == 1 ? "" : "s");
    if (g->self_relations)
        evg__buf_printf(c, " %zu relation%s of an actor with itself not drawn.", g->self_relations,
                        g->self_relations == 1 ? "" : "s");
    if (g->folded_relations)
        evg__buf_printf(c, " %zu relation%s among \"other\" actors not drawn.", g->folded_relations,
                        g->folded_relations == 1 ? "" : "s");
}

/* A bar of 16 points: whole, in dashes or in dots like the edges. */
static void swatch(evg__buf *t, const char *color, unsigned char line)
{
    static const struct swatch {
        int parts, width; /* parts 2 points apart */
    } swatches[] = {{1, 16}, {3, 4}, {6, 1}};
    const struct swatch *w = &swatches[line < 3 ? line : 0];
    evg__buf_str(t, "<TD><TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR>");
    for (int part = 0; part < w->parts; part++)
        evg__buf_printf(
            t, "%s<TD BGCOLOR=\"%s\" WIDTH=\"%d\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\"></TD>",
            part ? "<TD WIDTH=\"2\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\"></TD>" : "", color, w->width);
    evg__buf_str(t, "</TR></TABLE></TD>");
}

/* The types drawn, in a grid with as many columns as the widest entry
 * allows (Graphviz stretches a table to its cell: one table keeps the
 * columns aligned). */
static void type_rows(evg__buf *t, const figure *f)
{
    const evg__actors_graph *all = f->all;
    double pt = evg__ag_pt(f, LEGEND_PT), widest = 0;
    size_t types = evg_model_type_count(f->model), in_row = 0;
    for (size_t k = 0; k < types; k++) {
        const evg_type *type = evg_model_type(f->model, all->type_order[k]);
        /* swatch and padding, the label, the gap after it */
        double width = 18 + 2 + text_width(type->label, strlen(type->label), pt, false) + 2 + 8;
        if (all->type_used[all->type_order[k]] && width > widest)
            widest = width;
    }
    size_t per_row = widest > 0 ? (size_t)(line_width(f) / widest) : 1;
    if (per_row == 0)
        per_row = 1;
    evg__buf_str(t, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                    "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR>");
    bool any = false;
    for (size_t k = 0; k < types; k++) {
        uint32_t i = all->type_order[k];
        if (!all->type_used[i])
            continue;
        const evg_type *type = evg_model_type(f->model, i);
        if (in_row == per_row) {
            evg__buf_str(t, "</TR><TR>");
            in_row = 0;
        }
        in_row++;
        any = true;
        swatch(t, type->color, f->type_line[i]);
        evg__buf_printf(t, "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%.1f\">", pt);
        evg__ag_html(t, type->label);
        evg__buf_str(t, "</FONT></TD><TD WIDTH=\"8\"></TD>");
    }
    if (!any)
        evg__buf_printf(t, "<TD><FONT POINT-SIZE=\"%.1f\">no relations</FONT></TD>", pt);
    evg__buf_str(t, "</TR></TABLE></TD></TR>");
}

/* The kinds of the drawn nodes, with their glyphs. */
static void kind_row(evg__buf *t, const figure *f)
{
    const evg__actors_graph *all = f->all;
    bool kinds[EVG__ACTOR_KIND_COUNT] = {false};
    for (size_t n = 0; n < all->node_count; n++) {
        if (all->degree[n]) {
            evg__ag_node nd;
            evg__ag_node_get(&nd, f, (uint32_t)n);
            kinds[nd.kind] = true;
        }
    }
    double pt = evg__ag_pt(f, LEGEND_PT);
    bool any = false;
    for (size_t k = 0; k < EVG__ACTOR_KIND_COUNT; k++)
        any = any || kinds[k];
    if (!any)
        return; /* Graphviz refuses an empty row */
    /* One run of text in one size: glyphs and names side by side. */
    evg__buf_printf(t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"%.1f\">", pt);
    const char *gap = "";
    for (size_t k = 0; k < EVG__ACTOR_KIND_COUNT; k++) {
        if (!kinds[k])
            continue;
        evg__buf_printf(t, "%s%s %s", gap, evg__ag_kind((evg_actor_kind)k)->glyph,
                        evg__actor_kind_label((evg_actor_kind)k));
        gap = "    ";
    }
    evg__buf_str(t, "</FONT></TD></TR>");
}

/* The graph label: title, what is shown and what is not, legend, sources. */
int evg__ag_graph_label(figure *f, Agraph_t *g)
{
    evg__buf t = {0}, c = {0};
    evg__buf_str(&t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\"");
    /* The legends of a --by set all take the room of the largest, so every
     * period has the same frame. */
    if (f->label_width > 0)
        evg__buf_printf(&t, " WIDTH=\"%.0f\" HEIGHT=\"%.0f\" FIXEDSIZE=\"TRUE\"",
                        ceil(f->label_width), ceil(f->label_height));
    evg__buf_str(&t, ">");
    if (f->opts->title)
        wrapped_rows(&t, f, f->opts->title, evg__ag_pt(f, TITLE_PT), NULL, true);
    what_is_shown(&c, f);
    what_is_left_out(&c, f);
    if (c.data)
        wrapped_rows(&t, f, c.data, evg__ag_pt(f, CAPTION_PT), MUTED_COLOR, false);
    if (f->opts->legend) {
        type_rows(&t, f);
        kind_row(&t, f);
        c.len = 0;
        evg__buf_str(&c, "Arrows run from an event's actor to its targets, thicker for more "
                         "events.");
        if (f->short_labels)
            evg__buf_str(&c, " Dates of relations are left out here for room.");
        if (f->count_labels)
            evg__buf_str(&c, " An arrow's label is its number of events.");
        if (f->mixed_edges && f->count_labels)
            evg__buf_str(&c, " An arrow of several types takes the colour of the type that is "
                             "more than half of it, grey when none is.");
        else if (f->mixed_edges)
            evg__buf_str(&c, " An arrow of several types takes the colour of the type that is "
                             "more than half of it (\"mostly\"), grey when none is (\"mixed\").");
        bool undirected = false;
        for (size_t i = 0; i < f->all->edge_count && !undirected; i++)
            undirected = f->all->edges[i].undirected;
        if (undirected)
            evg__buf_str(&c, " Lines without arrowheads join the two sides of an event "
                             "(ACLED's actor pairs).");
        wrapped_rows(&t, f, c.data, evg__ag_pt(f, LEGEND_PT), MUTED_COLOR, false);
    }
    if (f->sources && *f->sources) {
        c.len = 0;
        evg__buf_str(&c, f->sources);
        wrapped_rows(&t, f, c.data, evg__ag_pt(f, LEGEND_PT), MUTED_COLOR, false);
    }
    evg__buf_str(&t, "</TABLE>");
    int rc = t.failed || c.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        evg__ag_set_html(g, "label", t.data);
        evg__gv_set(g, "labelloc", "t", "");
        evg__gv_set(g, "labeljust", "l", "");
    }
    free(t.data);
    free(c.data);
    return rc;
}
