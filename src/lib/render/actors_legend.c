/* The actor graph's caption and legend: an HTML-like graph label. */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The graph label: title, what is shown, legend of types and kinds, sources. */
int evg__ag_graph_label(figure *f, Agraph_t *g)
{
    const evg__actors_graph *all = f->all, *shown = f->shown;
    evg__buf t = {0};
    evg__buf_str(&t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\"");
    /* The legends of a --by set all take the room of the largest, so every
     * period has the same frame. */
    if (f->label_width > 0)
        evg__buf_printf(&t, " WIDTH=\"%.0f\" HEIGHT=\"%.0f\" FIXEDSIZE=\"TRUE\"",
                        ceil(f->label_width), ceil(f->label_height));
    evg__buf_str(&t, ">");
    if (f->opts->title) {
        evg__buf_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
        evg__ag_html(&t, f->opts->title);
        evg__buf_str(&t, "</B></FONT></TD></TR>");
    }
    evg__buf_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\" COLOR=\"" MUTED_COLOR "\">");
    if (f->period)
        evg__buf_printf(&t, "<B>%s</B>: ", f->period);
    evg__buf_printf(&t, "%zu event%s", shown->event_count, shown->event_count == 1 ? "" : "s");
    if (f->event_count) {
        /* Events come by start date; the last to end may be any of them. */
        const evg_date *first = &evg_model_event(f->model, f->events[0])->date, *last = first;
        for (size_t i = 0; i < f->event_count; i++) {
            const evg_event *e = evg_model_event(f->model, f->events[i]);
            const evg_date *end = e->end_date.precision ? &e->end_date : &e->date;
            if (evg_date_end(end) > evg_date_end(last))
                last = end;
        }
        evg__buf_str(&t, ", ");
        evg__ag_date(&t, first);
        if (evg_date_compare(first, last) != 0) {
            evg__buf_str(&t, " to ");
            evg__ag_date(&t, last);
        }
    }
    if (shown->self_relations)
        evg__buf_printf(&t, "; %zu relation%s of an actor with itself not drawn",
                        shown->self_relations, shown->self_relations == 1 ? "" : "s");
    evg__buf_str(&t, "</FONT></TD></TR>");

    if (f->opts->legend) {
        size_t types = evg_model_type_count(f->model), in_row = 0;
        evg__buf_str(&t, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                         "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR>");
        for (size_t k = 0; k < types; k++) {
            uint32_t i = all->type_order[k];
            if (!all->type_used[i])
                continue;
            const evg_type *type = evg_model_type(f->model, i);
            if (in_row == LEGEND_PER_ROW) {
                evg__buf_str(&t, "</TR><TR>");
                in_row = 0;
            }
            in_row++;
            /* A bar of 16 points: whole, in dashes or in dots like the edges. */
            static const struct swatch {
                int parts, width; /* parts 2 points apart */
            } swatches[] = {{1, 16}, {3, 4}, {6, 1}};
            const struct swatch *w = &swatches[f->type_line[i]];
            evg__buf_str(&t, "<TD><TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR>");
            for (int part = 0; part < w->parts; part++)
                evg__buf_printf(&t,
                                "%s<TD BGCOLOR=\"%s\" WIDTH=\"%d\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\">"
                                "</TD>",
                                part ? "<TD WIDTH=\"2\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\"></TD>" : "",
                                type->color, w->width);
            evg__buf_str(&t, "</TR></TABLE></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
            evg__ag_html(&t, type->label);
            evg__buf_str(&t, "</FONT></TD><TD WIDTH=\"8\"></TD>");
        }
        if (in_row == 0)
            evg__buf_str(&t, "<TD><FONT POINT-SIZE=\"9\">no relations</FONT></TD>");
        evg__buf_str(&t, "</TR></TABLE></TD></TR>");

        bool kinds[EVG__ACTOR_KIND_COUNT] = {false};
        for (size_t a = 0; a < all->actor_count; a++) {
            if (all->activity[a]) {
                evg_actor_kind kind = evg_model_actor(f->model, a)->kind;
                kinds[(size_t)kind < EVG__ACTOR_KIND_COUNT ? kind : EVG_ACTOR_OTHER] = true;
            }
        }
        evg__buf_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
        for (size_t k = 0; k < EVG__ACTOR_KIND_COUNT; k++)
            if (kinds[k])
                evg__buf_printf(&t, "<FONT POINT-SIZE=\"11\">%s</FONT> %s   ",
                                evg__ag_kind((evg_actor_kind)k)->glyph,
                                evg__actor_kind_label((evg_actor_kind)k));
        evg__buf_str(
            &t,
            "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
            "\">Arrows run from an event's actor to its targets, thicker for more "
            "events.");
        bool undirected = false;
        for (size_t i = 0; i < all->edge_count && !undirected; i++)
            undirected = all->edges[i].undirected;
        if (undirected)
            evg__buf_str(&t, " Lines without arrowheads join the two sides of an event "
                             "(ACLED's actor pairs).");
        evg__buf_str(&t, "</FONT></TD></TR>");
    }
    if (f->sources && *f->sources) {
        evg__buf_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
                         "\">Sources: ");
        evg__buf_str(&t, f->sources);
        evg__buf_str(&t, "</FONT></TD></TR>");
    }
    evg__buf_str(&t, "</TABLE>");
    int rc = t.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        evg__ag_set_html(g, "label", t.data);
        evg__gv_set(g, "labelloc", "t", "");
        evg__gv_set(g, "labeljust", "l", "");
    }
    free(t.data);
    return rc;
}
