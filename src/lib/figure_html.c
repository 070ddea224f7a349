/* The web page of a dataset (html.h): both figures rendered to SVG in
 * memory, inlined with their own id prefixes, and a table of the events.
 * Every piece of data goes through evg__buf_xml; links through
 * evg__url_allowed. */
#include <evgraph/actors.h>
#include <evgraph/html.h>
#include <evgraph/timeline.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure_int.h"
#include "output_int.h"

static const char page_css[] =
    "*{box-sizing:border-box}\n"
    "body{margin:0;color:#222;background:#fff;font-family:\"DejaVu Sans\",system-ui,sans-serif;"
    "line-height:1.4}\n"
    "main{max-width:1100px;margin:0 auto;padding:1rem}\n"
    "h1{font-size:1.5rem;margin:.2rem 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}\n"
    "nav a{margin-right:1rem}\n"
    "figure{margin:0}\n"
    "figure svg{display:block;width:100%;height:auto}\n"
    ".figure-scroll{overflow-x:auto}\n"
    ".legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}\n"
    ".swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;"
    "margin-right:.35em;vertical-align:-.1em}\n"
    ".table-wrap{overflow-x:auto}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
    "th{background:#f4f4f4}\n"
    "td.num{text-align:right;white-space:nowrap}\n"
    "a{color:#0b57a4;overflow-wrap:anywhere}\n"
    ":root{color-scheme:light dark}\n"
    "@media (prefers-color-scheme:dark){\n"
    " body{color:#e8e8e8;background:#121212}\n"
    " th{background:#222}th,td{border-color:#3a3a3a}\n"
    " a{color:#8ab4f8}\n"
    "}\n"
    "@media (max-width:640px){\n"
    " main{padding:.5rem}\n"
    " table,thead,tbody,tr,th,td{display:block}\n"
    " thead{display:none}\n"
    " tr{border-bottom:1px solid #ccc;padding:.5rem 0}\n"
    " td{border:0;padding:.1rem 0}\n"
    " td.num{text-align:left}\n"
    " td::before{content:attr(data-label) \": \";font-weight:bold}\n"
    "}\n";

/* The smallest font size in an SVG and its viewBox width, both in its
 * user units; 0 when not found. */
static void svg_measures(const char *svg, size_t len, double *min_font, double *width)
{
    *min_font = 0;
    *width = 0;
    for (size_t i = 0; i + 12 < len; i++) {
        if (memcmp(svg + i, " font-size=\"", 12) == 0) {
            double v = strtod(svg + i + 12, NULL);
            if (v > 0 && (*min_font == 0 || v < *min_font))
                *min_font = v;
        } else if (*width == 0 && memcmp(svg + i, " viewBox=\"", 10) == 0) {
            char *end;
            strtod(svg + i + 10, &end);
            strtod(end, &end);
            *width = strtod(end, NULL);
        }
    }
}

/* The SVG element itself, without the XML declaration and comments before
 * it, which have no place inside HTML. It scales to the page, but never so
 * far that its smallest text is under 11 CSS pixels: on a narrow screen it
 * scrolls sideways instead. */
static void add_inline_svg(evg__buf *page, const char *svg, size_t len)
{
    const char *at = NULL;
    for (size_t i = 0; i + 4 <= len && !at; i++)
        if (memcmp(svg + i, "<svg", 4) == 0)
            at = svg + i;
    if (at == NULL)
        return;
    double min_font, width;
    svg_measures(at, len - (size_t)(at - svg), &min_font, &width);
    double min_width = min_font > 0 && width > 0 ? width * 11.5 / min_font : 0;
    evg__buf_printf(page, "<div class=\"figure-scroll\"><div style=\"min-width:%.0fpx\">\n",
                    min_width);
    evg__buf_add(page, at, len - (size_t)(at - svg));
    evg__buf_str(page, "</div></div>\n");
}

static void cell(evg__buf *b, const char *label, const char *cls)
{
    evg__buf_printf(b, "<td data-label=\"%s\"%s%s%s>", label, cls ? " class=\"" : "",
                    cls ? cls : "", cls ? "\"" : "");
}

static void add_table(evg__buf *b, const evg_model *model, const uint32_t *events, size_t count,
                      evg__svg_web *rows, evg__reporter *rep)
{
    evg__buf_str(b, "<div class=\"table-wrap\"><table>\n<thead><tr><th>Date</th><th>Type</th>"
                    "<th>Actor \xE2\x86\x92 targets</th><th>Title</th><th>Casualties</th>"
                    "<th>Source</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < count; i++) {
        const evg_event *e = evg_model_event(model, events[i]);
        const evg_type *type = evg_model_type(model, e->type);
        char id[256], date[2 * EVG_DATE_TEXT_MAX + 8];
        evg__svg_id(rows, id, sizeof id, NULL, e->id);
        evg_date_format(date, EVG_DATE_TEXT_MAX, &e->date);
        if (e->end_date.precision) {
            strcat(date, " \xE2\x80\x93 ");
            evg_date_format(date + strlen(date), EVG_DATE_TEXT_MAX, &e->end_date);
        }
        evg__buf_printf(b, "<tr id=\"%s\">", id);
        cell(b, "Date", NULL);
        evg__buf_xml(b, date);
        evg__buf_str(b, "</td>");
        cell(b, "Type", NULL);
        evg__buf_str(b, "<span class=\"swatch\" style=\"background:");
        evg__buf_xml(b, type->color);
        evg__buf_str(b, "\"></span>");
        evg__buf_xml(b, type->label);
        evg__buf_str(b, "</td>");
        cell(b, "Actors", NULL);
        evg__buf_xml(b, evg_model_actor(model, e->actor)->name);
        for (uint32_t k = 0; k < e->target_count; k++) {
            evg__buf_str(b, k ? ", " : e->undirected ? " \xE2\x80\x93 " : " \xE2\x86\x92 ");
            evg__buf_xml(b, evg_model_actor(model, e->targets[k])->name);
        }
        evg__buf_str(b, "</td>");
        cell(b, "Title", NULL);
        evg__buf_xml(b, e->title ? e->title : e->id);
        if (e->location) {
            evg__buf_str(b, " <small>(");
            evg__buf_xml(b, e->location);
            evg__buf_str(b, ")</small>");
        }
        evg__buf_str(b, "</td>");
        cell(b, "Casualties", "num");
        if (e->killed >= 0)
            evg__buf_printf(b, "%lld killed", (long long)e->killed);
        if (e->injured >= 0)
            evg__buf_printf(b, "%s%lld injured", e->killed >= 0 ? ", " : "",
                            (long long)e->injured);
        evg__buf_str(b, "</td>");
        cell(b, "Source", NULL);
        const char *url = evg__event_url(NULL, e, rep);
        if (url) {
            evg__buf_str(b, "<a href=\"");
            evg__buf_xml(b, url);
            evg__buf_str(b, "\" rel=\"noopener noreferrer\">");
        }
        evg__buf_xml(b, e->source ? e->source : url ? "link" : "");
        if (url)
            evg__buf_str(b, "</a>");
        evg__buf_str(b, "</td></tr>\n");
    }
    evg__buf_str(b, "</tbody></table></div>\n");
}

static void add_legend(evg__buf *b, const evg_model *model, const uint32_t *events, size_t count)
{
    size_t types = evg_model_type_count(model);
    bool *used = calloc(types + 1, sizeof *used);
    if (used == NULL) {
        b->failed = true;
        return;
    }
    for (size_t i = 0; i < count; i++)
        used[evg_model_event(model, events[i])->type] = true;
    evg__buf_str(b, "<ul class=\"legend\">\n");
    for (size_t t = 0; t < types; t++) {
        if (!used[t])
            continue;
        const evg_type *type = evg_model_type(model, t);
        evg__buf_str(b, "<li><span class=\"swatch\" style=\"background:");
        evg__buf_xml(b, type->color);
        evg__buf_str(b, "\"></span>");
        evg__buf_xml(b, type->label);
        evg__buf_str(b, "</li>\n");
    }
    evg__buf_str(b, "</ul>\n<p>In the actor graph: \xE2\x96\xA1 state, \xE2\x97\x8B person, "
                    "\xE2\x96\xA2 organization, \xE2\xAC\xA1 armed group, \xE2\x97\x8C other. "
                    "Arrows run from an event's actor to its targets, thicker for more "
                    "events.</p>\n");
    free(used);
}

int evg_html_write(const evg_model *model, const evg_html_opts *opts, const evg_output *out)
{
    evg__reporter rep = {out->diag, out->diag_payload, 0, 0, 0, false};
    evg_html_opts defaults = EVG_HTML_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    if (opts->css) {
        evg__svg_web check;
        evg_svg_opts css_only = {"x", opts->css, false, false};
        int bad = evg__svg_web_init(&check, NULL, &css_only, &rep);
        evg__svg_web_free(&check);
        if (bad)
            return bad;
    }
    uint32_t *events = NULL;
    size_t count = 0;
    int rc = evg_filter_select(&events, &count, model, &opts->filter, out->diag,
                               out->diag_payload);
    if (rc)
        return rc;
    evg__svg_web timeline_web, actors_web, rows;
    evg_svg_opts t_svg = {"timeline", NULL, true, false}, a_svg = {"actors", NULL, true, false},
                 r_svg = {"event", NULL, false, false};
    evg__svg_web_init(&timeline_web, NULL, &t_svg, &rep);
    evg__svg_web_init(&actors_web, NULL, &a_svg, &rep);
    /* Unique on any page that holds this one's figures and others. */
    timeline_web.hashed_prefix = actors_web.hashed_prefix = true;
    timeline_web.hash_salt = actors_web.hash_salt = "html page";
    evg__svg_web_init(&rows, NULL, &r_svg, &rep);
    /* The table reports a disallowed link once; the figures need not. */
    timeline_web.warn_urls = actors_web.warn_urls = false;
    char *timeline_svg = NULL, *actors_svg = NULL;
    size_t timeline_len = 0, actors_len = 0;
    evg__buf page = {0};

    evg_timeline_opts topts = EVG_TIMELINE_OPTS_INIT;
    topts.filter = opts->filter;
    topts.title = opts->title;
    topts.width = 720; /* scaled to the page anyway: text stays readable */
    rc = evg__timeline_svg(&timeline_svg, &timeline_len, model, &topts, &timeline_web, &rep);
    evg_actors_opts aopts = EVG_ACTORS_OPTS_INIT;
    aopts.filter = opts->filter;
    aopts.width = 720;
    if (rc == 0)
        rc = evg__actors_svg(&actors_svg, &actors_len, model, &aopts, &actors_web, &rep);
    if (rc)
        goto done;

    const char *title = opts->title ? opts->title : "Events";
    evg__buf_str(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<title>");
    evg__buf_xml(&page, title);
    evg__buf_str(&page, "</title>\n<style>\n");
    evg__buf_str(&page, page_css);
    if (opts->css) {
        for (const char *p = opts->css; *p; p++)
            if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t')
                evg__buf_add(&page, p, 1);
        evg__buf_str(&page, "\n");
    }
    evg__buf_str(&page, "</style>\n</head>\n<body>\n<main>\n<h1>");
    evg__buf_xml(&page, title);
    evg__buf_printf(&page, "</h1>\n<p>%zu event%s.</p>\n", count, count == 1 ? "" : "s");
    evg__buf_str(&page, "<nav><a href=\"#page-timeline\">Timeline</a><a href=\"#page-actors\">"
                        "Actors</a><a href=\"#page-legend\">Legend</a><a href=\"#page-events\">"
                        "Events</a></nav>\n");
    evg__buf_str(&page, "<section id=\"page-timeline\">\n<h2>Timeline</h2>\n<figure>\n");
    add_inline_svg(&page, timeline_svg, timeline_len);
    evg__buf_str(&page, "</figure>\n</section>\n<section id=\"page-actors\">\n<h2>Who acts on "
                        "whom</h2>\n<figure>\n");
    add_inline_svg(&page, actors_svg, actors_len);
    evg__buf_str(&page, "</figure>\n</section>\n<section id=\"page-legend\">\n<h2>Legend</h2>\n");
    add_legend(&page, model, events, count);
    evg__buf_str(&page, "</section>\n<section id=\"page-events\">\n<h2>Events</h2>\n");
    add_table(&page, model, events, count, &rows, &rep);
    evg__buf_str(&page, "</section>\n</main>\n</body>\n</html>\n");
    if (page.failed || rows.failed) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory writing the page");
        rc = EVG_ENOMEM;
        goto done;
    }
    evg__output_set set = {0};
    rc = evg__output_set_add(&set, out->path, page.data, page.len, NULL, false);
    if (rc == 0)
        rc = evg__output_set_depfile(&set, out);
    if (rc == 0)
        rc = evg__output_set_commit(&set, &rep);
    evg__output_set_free(&set);
done:
    free(page.data);
    free(timeline_svg);
    free(actors_svg);
    evg__svg_web_free(&timeline_web);
    evg__svg_web_free(&actors_web);
    evg__svg_web_free(&rows);
    free(events);
    return rc;
}
