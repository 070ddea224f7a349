/* Draws a timeline layout through cgraph: one node per text, glyph, bar or
 * band, each pinned with pos="x,y!", and lines as edges whose path is given.
 * The graph names its layout (nop2, Graphviz's `neato -n2`), so the DOT
 * written renders to the same picture with `neato -n2` or `dot`.
 */
#include "render_gv_int.h"
#include "render_int.h"
#include "timeline_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Attribute symbols, declared once with the defaults most nodes share. */
typedef struct gv_attrs {
    Agsym_t *pos, *width, *height, *label, *shape, *style, *fillcolor, *color, *penwidth,
        *fontname, *fontsize, *fontcolor, *tooltip;
    Agsym_t *edge_pos, *edge_color, *edge_penwidth;
} gv_attrs;

/* agxset for const strings (Graphviz 2.43 takes char * but copies). */
static void set(void *object, Agsym_t *sym, const char *value)
{
    agxset(object, sym, (char *)value);
}

/* What snprintf("%.*f", places, v) writes, less trailing zeros and a
 * trailing point. printf takes longer than the rest of setting a node's
 * position, so the digits are counted in integers, except where v scaled
 * lies too near a half (or is too large) to be sure which way printf,
 * rounding v's exact binary value, would go; and except for a buffer of
 * fewer than 32 bytes. */
static void format_fixed(char *buf, size_t size, double v, int places)
{
    double scale = 1;
    for (int i = 0; i < places; i++)
        scale *= 10;
    double scaled = v * scale, nearest = round(scaled);
    if (size < 32 || !(fabs(scaled) < 1e12) || fabs(scaled - nearest) > 0.499) {
        snprintf(buf, size, "%.*f", places, v);
        char *end = buf + strlen(buf);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            end[-1] = '\0';
        return;
    }
    unsigned long long n = (unsigned long long)fabs(nearest), unit = (unsigned long long)scale;
    char digits[24];
    size_t len = 0, o = 0;
    for (unsigned long long whole = n / unit; len == 0 || whole; whole /= 10)
        digits[len++] = (char)('0' + whole % 10);
    if (signbit(v))
        buf[o++] = '-';
    while (len)
        buf[o++] = digits[--len];
    unsigned long long fraction = n % unit;
    if (fraction) {
        buf[o++] = '.';
        for (unsigned long long d = unit / 10; fraction; d /= 10) {
            buf[o++] = (char)('0' + fraction / d);
            fraction %= d;
        }
    }
    buf[o] = '\0';
}

/* "12.5" for 12.50: short and exact enough (a hundredth of a point). */
static void format_number(char *buf, size_t size, double v)
{
    format_fixed(buf, size, v, 2);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

/* Inches, for width and height. */
static void format_inches(char *buf, size_t size, double points)
{
    format_fixed(buf, size, points / 72, 5);
}

/* Text for a Graphviz label or tooltip: each line escaped (backslashes
 * doubled, so \N or \l in the data show as typed) and ended by the escape
 * that justifies it: \l, \r or \n ('c'); 't' (tooltips) separates lines by
 * \n and ends the last with nothing. malloc'd, NULL when out of memory. */
static char *gv_text(const char *text, char align)
{
    /* Each byte escapes to at most EVG__GV_ESCAPE_MAX bytes, and each line
     * gains a two-byte end escape. */
    size_t len = strlen(text), size = EVG__GV_ESCAPE_MAX * len + 3;
    for (size_t i = 0; i < len; i++)
        size += text[i] == '\n' ? 2 : 0;
    char *out = malloc(size), *line = malloc(len + 1);
    if (out == NULL || line == NULL) {
        free(out);
        free(line);
        return NULL;
    }
    const char *end = align == 'l' ? "\\l" : align == 'r' ? "\\r" : "\\n";
    size_t o = 0;
    const char *p = text;
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        memcpy(line, p, n);
        line[n] = '\0';
        char *escaped = evg__gv_escape_label(line);
        if (escaped == NULL) {
            free(out);
            free(line);
            return NULL;
        }
        size_t elen = strlen(escaped);
        memcpy(out + o, escaped, elen);
        o += elen;
        free(escaped);
        if (nl || align != 't') {
            memcpy(out + o, end, 2);
            o += 2;
        }
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    out[o] = '\0';
    free(line);
    return out;
}

/* Flips y: the layout's y grows downward, Graphviz's upward. */
static void set_box(Agnode_t *n, const gv_attrs *a, const evg__tl_box *box, double height)
{
    char x[32], y[32], pos[80], w[32], h[32];
    format_number(x, sizeof x, box->x + box->w / 2);
    format_number(y, sizeof y, height - (box->y + box->h / 2));
    snprintf(pos, sizeof pos, "%s,%s!", x, y);
    format_inches(w, sizeof w, box->w);
    format_inches(h, sizeof h, box->h);
    set(n, a->pos, pos);
    set(n, a->width, w);
    set(n, a->height, h);
}

/* Web attributes of one object: class, and for a mark of an item its id,
 * tooltip and link (placeholders, evg__svg_finish escapes the values). */
typedef struct web_ctx {
    evg__svg_web *web; /* NULL: not SVG */
    const evg_model *model;
    evg__reporter *rep;
    /* Declared when first set, as agsafeset would, and looked up once. */
    Agsym_t *node_class, *edge_class, *node_id, *node_url;
} web_ctx;

static void set_web(void *object, web_ctx *w, Agsym_t **sym, const char *name, const char *value)
{
    if (*sym == NULL) {
        int kind = AGTYPE(object) == AGNODE ? AGNODE : AGEDGE;
        *sym = agattr(agraphof(object), kind, (char *)name, "");
        if (*sym == NULL) {
            w->web->failed = true;
            return;
        }
    }
    set(object, *sym, value);
}

static void set_class(void *object, web_ctx *w, const char *cls)
{
    if (w->web)
        set_web(object, w, AGTYPE(object) == AGNODE ? &w->node_class : &w->edge_class, "class",
                cls);
}

static void set_item_web(Agnode_t *n, const gv_attrs *a, web_ctx *w, const evg__tl_layout *l,
                         uint32_t item, bool bin)
{
    if (w->web == NULL || item == EVG_NO_INDEX || item >= l->item_count)
        return;
    const evg__tl_item *it = &l->items[item];
    if (it->count == 0)
        return;
    const evg_event *first = evg_model_event(w->model, it->events[0]);
    char id[256], cls[200], type[120], hold[24];
    evg__svg_id(w->web, id, sizeof id, bin ? "bin" : NULL, first->id);
    set_web(n, w, &w->node_id, "id", id);
    evg__svg_name(type, sizeof type, evg_model_type(w->model, first->type)->id);
    snprintf(cls, sizeof cls, "event%s type-%s", bin ? " bin" : "", type);
    set_web(n, w, &w->node_class, "class", cls);
    if (it->tooltip) {
        evg__svg_hold(w->web, hold, it->tooltip);
        set(n, a->tooltip, hold);
    }
    const char *url = it->count == 1 ? evg__event_url(w->web, first, w->rep) : NULL;
    if (url) {
        evg__svg_hold(w->web, hold, url);
        set_web(n, w, &w->node_url, "URL", hold);
    }
}

static Agnode_t *new_node(Agraph_t *g, const char *prefix, size_t index)
{
    char name[48];
    snprintf(name, sizeof name, "%s%zu", prefix, index);
    return agnode(g, name, 1);
}

static int add_rects(Agraph_t *g, const gv_attrs *a, const evg__tl_layout *l, uint8_t role,
                     const char *prefix, web_ctx *w, const char *cls)
{
    for (size_t i = 0; i < l->rect_count; i++) {
        const evg__tl_rect *r = &l->rects[i];
        if (r->role != role)
            continue;
        Agnode_t *n = new_node(g, prefix, i);
        if (n == NULL)
            return EVG_ENOMEM;
        set_box(n, a, &r->box, l->height);
        set(n, a->label, "");
        set(n, a->shape, "box");
        set(n, a->style, "filled");
        set(n, a->fillcolor, r->fill);
        set(n, a->color, r->fill);
        set(n, a->penwidth, "0");
        set_class(n, w, cls);
    }
    return 0;
}

static int add_lines(Agraph_t *g, const gv_attrs *a, const evg__tl_layout *l, Agnode_t *from,
                     Agnode_t *to, uint8_t role, const char *prefix, web_ctx *w, const char *cls)
{
    for (size_t i = 0; i < l->line_count; i++) {
        const evg__tl_line *ln = &l->lines[i];
        if (ln->role != role)
            continue;
        char name[48], x0[32], y0[32], x1[32], y1[32], pos[320], width[32];
        snprintf(name, sizeof name, "%s%zu", prefix, i);
        Agedge_t *e = agedge(g, from, to, name, 1);
        if (e == NULL)
            return EVG_ENOMEM;
        format_number(x0, sizeof x0, ln->x0);
        format_number(y0, sizeof y0, l->height - ln->y0);
        format_number(x1, sizeof x1, ln->x1);
        format_number(y1, sizeof y1, l->height - ln->y1);
        /* A straight cubic Bezier: the control points on the ends. */
        snprintf(pos, sizeof pos, "%s,%s %s,%s %s,%s %s,%s", x0, y0, x0, y0, x1, y1, x1, y1);
        format_number(width, sizeof width, ln->width);
        set(e, a->edge_pos, pos);
        set(e, a->edge_color, ln->color);
        set(e, a->edge_penwidth, width);
        set_class(e, w, cls);
    }
    return 0;
}

static int add_marks(Agraph_t *g, const gv_attrs *a, const evg__tl_layout *l, uint8_t role,
                     const char *prefix, web_ctx *w)
{
    for (size_t i = 0; i < l->mark_count; i++) {
        const evg__tl_mark *m = &l->marks[i];
        if (m->role != role)
            continue;
        Agnode_t *n = new_node(g, prefix, i);
        if (n == NULL)
            return EVG_ENOMEM;
        set_box(n, a, &m->box, l->height);
        set(n, a->shape, m->shape);
        set(n, a->style, "filled");
        set(n, a->fillcolor, m->fill);
        set(n, a->color, m->outline);
        set(n, a->penwidth, (m->style & EVG__TL_HOLLOW) ? "1.3" : (m->style & EVG__TL_PALE) ? "1" : "0.8");
        if (m->label) {
            char *text = gv_text(m->label, 'c');
            if (text == NULL)
                return EVG_ENOMEM;
            set(n, a->label, text);
            free(text);
            set(n, a->fontname, EVG__TL_FONT_BOLD);
            set(n, a->fontsize, "6.5");
            set(n, a->fontcolor, m->label_color);
        } else {
            set(n, a->label, "");
        }
        if (w->web) {
            if (role == EVG__TL_GLYPH || role == EVG__TL_BIN)
                set_item_web(n, a, w, l, m->item, role == EVG__TL_BIN);
            else
                set_class(n, w, role == EVG__TL_SWATCH ? "legend" : "event-target");
        } else if (m->item != EVG_NO_INDEX && l->items[m->item].tooltip) {
            char *tip = gv_text(l->items[m->item].tooltip, 't');
            if (tip == NULL)
                return EVG_ENOMEM;
            set(n, a->tooltip, tip);
            free(tip);
        }
    }
    return 0;
}

/* What a text means, as its tooltip: an event's label links like its mark;
 * a lane's name says how many events it holds; a legend entry what it
 * stands for. Other texts say nothing more than they show. */
static void set_text_web(Agnode_t *n, const gv_attrs *a, web_ctx *w, const evg__tl_layout *l,
                         const evg__tl_text *t)
{
    if (w->web == NULL)
        return;
    char hold[24];
    evg__buf tip = {0};
    if (t->role == EVG__TL_LABEL && t->item != EVG_NO_INDEX && t->item < l->item_count) {
        const evg__tl_item *it = &l->items[t->item];
        if (it->count == 0)
            return;
        if (it->tooltip) {
            evg__svg_hold(w->web, hold, it->tooltip);
            set(n, a->tooltip, hold);
        }
        const evg_event *first = evg_model_event(w->model, it->events[0]);
        bool warn = w->web->warn_urls;
        w->web->warn_urls = false; /* the mark reported it */
        const char *url = it->count == 1 ? evg__event_url(w->web, first, w->rep) : NULL;
        w->web->warn_urls = warn;
        if (url) {
            evg__svg_hold(w->web, hold, url);
            set_web(n, w, &w->node_url, "URL", hold);
        }
        return;
    }
    if (t->role == EVG__TL_LANE || t->role == EVG__TL_GROUP) {
        double y = t->box.y + t->box.h / 2;
        for (size_t k = 0; k < l->lane_count; k++) {
            const evg__tl_lane *lane = &l->lanes[k];
            if (y < lane->y || y > lane->y + lane->h)
                continue;
            unsigned long events = 0;
            for (size_t i = 0; i < l->item_count; i++)
                if (l->items[i].lane == k)
                    events += l->items[i].count;
            evg__buf_printf(&tip, "%s: %lu event%s", lane->name ? lane->name : t->text, events,
                            events == 1 ? "" : "s");
            break;
        }
    } else if (t->role == EVG__TL_LEGEND) {
        evg__buf_printf(&tip, "legend: %s", t->text);
    }
    if (tip.len && !tip.failed) {
        /* A tooltip shows only on a link or an anchor: a harmless one. */
        evg__svg_hold(w->web, hold, tip.data);
        set(n, a->tooltip, hold);
    }
    free(tip.data);
}

static int add_texts(Agraph_t *g, const gv_attrs *a, const evg__tl_layout *l, web_ctx *w)
{
    static const struct {
        uint8_t role;
        const char *prefix, *cls;
    } order[] = {
        {EVG__TL_TITLE, "title", "title"},
        {EVG__TL_DEK, "dek", "subtitle"},
        {EVG__TL_NOTE, "note", "note"},
        {EVG__TL_LEGEND, "key_text", "legend"},
        {EVG__TL_AXIS_MAJOR, "axis_major", "axis axis-major"},
        {EVG__TL_AXIS_MINOR, "axis", "axis"},
        {EVG__TL_GROUP, "group", "lane-label lane-group"},
        {EVG__TL_LANE, "lane", "lane-label"},
        {EVG__TL_LABEL, "label", "event-label"},
        {EVG__TL_CASUALTIES, "casualties", "casualties"},
        {EVG__TL_CAPTION, "caption", "caption"},
    };
    /* Texts of one font and size together: Graphviz's pango plugin keeps
     * only the last font, and switching costs more than the text itself. */
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        for (size_t i = 0; i < l->text_count; i++) {
            const evg__tl_text *t = &l->texts[i];
            if (t->role != order[k].role)
                continue;
            Agnode_t *n = new_node(g, order[k].prefix, i);
            if (n == NULL)
                return EVG_ENOMEM;
            set_box(n, a, &t->box, l->height);
            char *text = gv_text(t->text, t->align);
            if (text == NULL)
                return EVG_ENOMEM;
            set(n, a->label, text);
            free(text);
            if (t->font == EVG__TL_BOLD)
                set(n, a->fontname, EVG__TL_FONT_BOLD);
            char size[32];
            format_number(size, sizeof size, t->size);
            if (strcmp(size, "8") != 0)
                set(n, a->fontsize, size);
            if (strcmp(t->color, "#222222") != 0)
                set(n, a->fontcolor, t->color);
            set_class(n, w, order[k].cls);
            set_text_web(n, a, w, l, t);
        }
    }
    return 0;
}

int evg__tl_render(char **out, size_t *out_len, const evg__tl_layout *l,
                   const evg_timeline_opts *opts, evg_format format, evg__reporter *rep,
                   const evg_model *model, evg__svg_web *web)
{
    int rc = 0;
    *out = NULL;
    *out_len = 0;
    if (format != EVG_FORMAT_SVG)
        web = NULL;
    web_ctx w = {.web = web, .model = model, .rep = rep};
    if (web) {
        /* The figure's name for screen readers: its title, and the line
         * under it (how many events, from when to when). */
        evg__buf_str(&web->title, opts && opts->title ? opts->title : "Timeline of events");
        for (size_t i = 0; i < l->text_count; i++)
            if (l->texts[i].role == EVG__TL_DEK || l->texts[i].role == EVG__TL_NOTE)
                evg__buf_str(&web->desc, l->texts[i].text);
        if (web->desc.len == 0)
            evg__buf_printf(&web->desc, "Timeline of %zu events", l->event_count);
    }
    evg__gv_lock();
    Agraph_t *g = agopen("timeline", Agdirected, NULL);
    if (g == NULL) {
        evg__gv_unlock();
        return EVG_ENOMEM;
    }
    agattr(g, AGRAPH, "layout", "nop2");
    agattr(g, AGRAPH, "pad", "0");
    agattr(g, AGRAPH, "margin", "0"); /* PDF adds half an inch around otherwise */
    agattr(g, AGRAPH, "bgcolor", "white");
    agattr(g, AGRAPH, "id", web ? web->prefix : "timeline");
    if (format == EVG_FORMAT_PNG) {
        /* Only for PNG: Graphviz scales SVG and PDF by dpi/72 too. Cairo
         * draws no bitmap wider or taller than 32,767 pixels (Graphviz
         * would scale the drawing down and say so on stderr). */
        double dpi = opts && opts->dpi > 0 ? opts->dpi : 150;
        double side = l->width > l->height ? l->width : l->height;
        if (side * dpi / 72 > 32000) {
            double fit = floor(32000 * 72 / side);
            evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "the figure is %.0f x %.0f pt: its PNG is drawn at %.0f dpi, not %.0f "
                        "(a bitmap has at most 32,767 pixels a side)",
                        l->width, l->height, fit, dpi);
            dpi = fit;
        }
        char text[32];
        format_number(text, sizeof text, dpi);
        agattr(g, AGRAPH, "dpi", text);
    }
    gv_attrs a = {
        .shape = agattr(g, AGNODE, "shape", "plaintext"),
        /* Graphviz's own default, so that agwrite writes the empty labels
         * of glyphs and shapes and the DOT reads back the same. */
        .label = agattr(g, AGNODE, "label", "\\N"),
        .pos = agattr(g, AGNODE, "pos", ""),
        .width = agattr(g, AGNODE, "width", "0.75"),
        .height = agattr(g, AGNODE, "height", "0.5"),
        .style = agattr(g, AGNODE, "style", ""),
        .fillcolor = agattr(g, AGNODE, "fillcolor", "lightgrey"),
        .color = agattr(g, AGNODE, "color", "black"),
        .penwidth = agattr(g, AGNODE, "penwidth", "1"),
        .fontname = agattr(g, AGNODE, "fontname", EVG__TL_FONT_REGULAR),
        .fontsize = agattr(g, AGNODE, "fontsize", "8"),
        .fontcolor = agattr(g, AGNODE, "fontcolor", "#222222"),
        .tooltip = agattr(g, AGNODE, "tooltip", ""),
        .edge_pos = agattr(g, AGEDGE, "pos", ""),
        .edge_color = agattr(g, AGEDGE, "color", "black"),
        .edge_penwidth = agattr(g, AGEDGE, "penwidth", "1"),
    };
    agattr(g, AGNODE, "fixedsize", "true");
    agattr(g, AGNODE, "margin", "0");
    agattr(g, AGEDGE, "arrowhead", "none");
    bool ok = a.shape && a.label && a.pos && a.width && a.height && a.style && a.fillcolor &&
              a.color && a.penwidth && a.fontname && a.fontsize && a.fontcolor && a.tooltip &&
              a.edge_pos && a.edge_color && a.edge_penwidth;
    if (!ok) {
        rc = EVG_ENOMEM;
        goto done;
    }
    /* The canvas fixes the drawing's bounding box: the figure's size. */
    Agnode_t *canvas = agnode(g, "canvas", 1);
    if (canvas == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    evg__tl_box whole = {0, 0, l->width, l->height};
    set_box(canvas, &a, &whole, l->height);
    set(canvas, a.label, "");
    set(canvas, a.shape, "box");
    set(canvas, a.style, "invis");
    /* Lines are edges between two invisible anchors; their paths are given.
     * Graphviz draws each edge just after its tail node, so lines lie under
     * everything created after the anchors. */
    Agnode_t *from = agnode(g, "line_from", 1), *to = agnode(g, "line_to", 1);
    if (from == NULL || to == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (Agnode_t *n = from; n; n = n == from ? to : NULL) {
        evg__tl_box corner = {0, 0, 0.01, 0.01};
        set_box(n, &a, &corner, l->height);
        set(n, a.label, "");
        set(n, a.shape, "point");
        set(n, a.style, "invis");
    }
    static const struct {
        uint8_t role;
        const char *prefix, *cls;
    } line_roles[] = {
        {EVG__TL_GRID, "grid", "axis grid"},
        {EVG__TL_SEPARATOR, "rule", "lane-rule"},
        {EVG__TL_GROUP_SEPARATOR, "rule", "lane-rule lane-group-rule"},
        {EVG__TL_AXIS, "axis_line", "axis"},
        {EVG__TL_TICK, "tick", "axis tick"},
        {EVG__TL_BREAK, "cut", "axis cut"},
    };
    for (size_t k = 0; k < sizeof line_roles / sizeof line_roles[0] && rc == 0; k++)
        rc = add_lines(g, &a, l, from, to, line_roles[k].role, line_roles[k].prefix, &w,
                       line_roles[k].cls);
    if (rc == 0)
        rc = add_rects(g, &a, l, EVG__TL_STRIPE, "stripe", &w, "lane");
    if (rc == 0)
        rc = add_rects(g, &a, l, EVG__TL_BAND, "band", &w, "event-band");
    if (rc == 0)
        rc = add_rects(g, &a, l, EVG__TL_BAR, "bar", &w, "event-bar");
    if (rc == 0)
        rc = add_rects(g, &a, l, EVG__TL_CAP, "bar_end", &w, "event-bar");
    if (rc == 0)
        rc = add_rects(g, &a, l, EVG__TL_BIN_PART, "bin_part", &w, "bin-part");
    if (rc == 0)
        rc = add_marks(g, &a, l, EVG__TL_TARGET, "target", &w);
    if (rc == 0)
        rc = add_marks(g, &a, l, EVG__TL_SWATCH, "key", &w);
    if (rc == 0)
        rc = add_marks(g, &a, l, EVG__TL_GLYPH, "event", &w);
    if (rc == 0)
        rc = add_marks(g, &a, l, EVG__TL_BIN, "bin", &w);
    if (rc == 0)
        rc = add_texts(g, &a, l, &w);
    if (rc == 0 && web && (web->failed || web->title.failed || web->desc.failed))
        rc = EVG_ENOMEM;
    if (rc)
        goto done;
    rc = evg__gv_render(out, out_len, g, "nop2", format, rep);
done:
    agclose(g);
    evg__gv_unlock();
    return rc;
}
