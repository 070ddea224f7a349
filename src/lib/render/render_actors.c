/* The actor-relation graph in Graphviz: builds the cgraph graph from an
 * aggregated evg__actors_graph (actors.c), lays it out and writes it. For
 * --by, the graph of all periods is laid out once and every period's graph
 * is drawn with those positions pinned ("nop2"), so the set compares. */
#define _POSIX_C_SOURCE 200809L

#include "actors_int.h"
#include "output_int.h"
#include "render_gv_int.h"
#include "strmap_int.h"
#include "svg_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FONT "DejaVu Sans"
#define TEXT_COLOR "#222222"
#define MUTED_COLOR "#555555"
#define FAINT_COLOR "#C8C8C8"
#define NEUTRAL_COLOR "#6E6E6E" /* actors without a colour of their own or an ancestor's */
#define LEGEND_PER_ROW 6
#define SOURCES_MAX 12

/* A growing string; a failed allocation is remembered and reported once. */
typedef struct text {
    char *data;
    size_t len, cap;
    bool failed;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (t->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(t->data, cap);
        if (p == NULL) {
            t->failed = true;
            return;
        }
        t->data = p;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void text_str(text *t, const char *s)
{
    text_add(t, s, strlen(s));
}

static void text_printf(text *t, const char *fmt, ...) EVG__PRINTF(2, 3);
static void text_printf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        t->failed = true;
    else
        text_add(t, buf, (size_t)n);
}

/* Data text in a plain label: Graphviz's escapes neutralised. */
static void text_label(text *t, const char *s)
{
    char *escaped = evg__gv_escape_label(s);
    if (escaped == NULL) {
        t->failed = true;
        return;
    }
    text_str(t, escaped);
    free(escaped);
}

/* Data text in an HTML-like label (render_gv.c neutralises Graphviz's
 * escapes and the markup). */
static void text_html(text *t, const char *s)
{
    char *escaped = evg__gv_escape_html(s);
    if (escaped == NULL) {
        t->failed = true;
        return;
    }
    text_str(t, escaped);
    free(escaped);
}

static void text_date(text *t, const evg_date *d)
{
    char buf[EVG_DATE_TEXT_MAX];
    evg_date_format(buf, sizeof buf, d);
    text_str(t, buf);
}

/* Node shapes by kind, with the glyph that stands for each in the legend. */
static const struct {
    const char *shape, *style, *margin, *glyph, *name;
} kind_styles[] = {
    [EVG_ACTOR_STATE] = {"box", "filled", "0.1,0.04", "\u25A1", "state"},
    [EVG_ACTOR_PERSON] = {"ellipse", "filled", "0.02,0.01", "\u25CB", "person"},
    [EVG_ACTOR_ORGANIZATION] = {"box", "rounded,filled", "0.1,0.04", "\u25A2", "organization"},
    [EVG_ACTOR_ARMED_GROUP] = {"hexagon", "filled", "0.02,0.02", "\u2B21", "armed group"},
    [EVG_ACTOR_OTHER] = {"ellipse", "dashed,filled", "0.02,0.01", "\u25CC", "other"},
};
#define KIND_COUNT (sizeof kind_styles / sizeof kind_styles[0])

/* Edge labels read as a sentence, actor first: "Shoigu accuses United
 * States". Types from types.csv have only their label. */
static const struct {
    const char *type, *verb;
} builtin_verbs[] = {
    {"ceasefire", "ceasefire with"}, {"airstrike", "strikes"},  {"visit", "visits"},
    {"accusation", "accuses"},       {"agreement", "agrees with"}, {"attack", "attacks"},
    {"meeting", "meets"},            {"statement", "comments on"},
};

static void text_verb(text *t, const evg_type *type)
{
    if (type->builtin) {
        for (size_t i = 0; i < sizeof builtin_verbs / sizeof builtin_verbs[0]; i++) {
            if (strcmp(type->id, builtin_verbs[i].type) == 0) {
                text_str(t, builtin_verbs[i].verb);
                return;
            }
        }
    }
    /* "Armed conflict" reads as "armed conflict" mid-sentence; "UN vote"
     * keeps its capitals. */
    const char *label = type->label;
    if (label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z') {
        char first[2] = {(char)(label[0] - 'A' + 'a'), '\0'};
        text_str(t, first);
        label++;
    }
    text_label(t, label);
}

/* "#rrggbb" mixed with white: `amount` 0 gives white, 1 the colour. */
static void tint(char out[8], const char *color, double amount)
{
    unsigned r, g, b;
    if (color == NULL || sscanf(color, "#%2x%2x%2x", &r, &g, &b) != 3)
        r = g = b = 0x6E;
    r = (unsigned)lround(255 - (255 - (double)r) * amount);
    g = (unsigned)lround(255 - (255 - (double)g) * amount);
    b = (unsigned)lround(255 - (255 - (double)b) * amount);
    snprintf(out, 8, "#%02X%02X%02X", r & 0xFF, g & 0xFF, b & 0xFF);
}

/* Lines of types that share a colour (the sample's "attack" and "conflict"
 * do): the first drawn type of a colour is solid, the next dashed, the rest
 * dotted, on edges and in the legend alike. */
static const char *const line_styles[] = {"solid", "dashed", "dotted"};

static unsigned char *type_lines(const evg_model *model, const evg__actors_graph *all)
{
    size_t types = evg_model_type_count(model);
    unsigned char *lines = calloc(types + 1, 1);
    if (lines == NULL)
        return NULL;
    for (size_t i = 0; i < types; i++) {
        uint32_t a = all->type_order[i];
        for (size_t j = 0; all->type_used[a] && j < i; j++) {
            uint32_t b = all->type_order[j];
            if (all->type_used[b] &&
                strcasecmp(evg_model_type(model, a)->color, evg_model_type(model, b)->color) == 0 &&
                lines[a] < 2)
                lines[a]++;
        }
    }
    return lines;
}

/* An actor's colour, else its nearest ancestor's. */
static const char *actor_color(const evg_model *model, uint32_t actor)
{
    while (actor != EVG_NO_INDEX) {
        const evg_actor *a = evg_model_actor(model, actor);
        if (a->color)
            return a->color;
        actor = a->parent;
    }
    return NULL;
}

/* Long names break between words, so nodes stay narrow enough for a
 * column layout to fit a page. */
#define NAME_LINE_MAX 12

static size_t utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void text_html_wrapped(text *t, const char *s, size_t line_max)
{
    size_t line = 0;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (len == 0)
            break;
        size_t width = utf8_length(s, len);
        if (line && line + 1 + width > line_max) {
            text_str(t, "<BR/>");
            line = 0;
        } else if (line) {
            text_str(t, " ");
            line++;
        }
        char *word = strndup(s, len);
        if (word == NULL) {
            t->failed = true;
            return;
        }
        text_html(t, word);
        free(word);
        line += width;
        s += len;
    }
}

/* Where a laid-out graph put things, in points: pinned in every period. */
typedef struct positions {
    double *x, *y;    /* per actor */
    double *bb;       /* per actor as a cluster: llx, lly, urx, ury */
    bool *has_bb;
    char **edge_pos;  /* per edge of the graph of all periods: its spline */
    char **label_pos; /* per edge: where its label went ("x,y"), or NULL */
    boxf frame;       /* the extent of the drawing without the legend */
} positions;

/* How a figure is drawn, decided once for the whole set. */
typedef struct style {
    const char *engine;   /* "dot", "neato", ... */
    evg_actors_layout layout;
    bool clusters;        /* members inside a box of their parent */
    bool edge_labels;     /* `label` (laid out) rather than `xlabel` (placed after) */
} style;

/* One figure to build. */
typedef struct figure {
    const evg_model *model;
    const evg_actors_opts *opts;
    style style;
    const evg__actors_graph *all;   /* every period: nodes, edges, scales, legend */
    const evg__actors_graph *shown; /* this figure's counts */
    const int32_t *shown_edge;      /* all's edge -> shown's edge or -1 (NULL: same graph) */
    const positions *pinned;        /* NULL: the engine places everything */
    const char *period;             /* NULL without --by */
    const char *sources;            /* the caption's list of sources, HTML */
    const uint32_t *events;         /* this figure's events (model indices) */
    size_t event_count;
    bool *has_members;              /* actor -> a drawn actor has it as an ancestor */
    Agnode_t **node;                /* per actor, filled while building */
    Agraph_t **cluster;             /* per actor, filled while building */
    double width;                   /* points */
    double dpi;                     /* PNG only; 0 otherwise */
    double label_width, label_height; /* the legend's fixed size in points (0: its own) */
    const unsigned char *type_line; /* type -> 0 solid, 1 dashed, 2 dotted */
    evg__svg_web *web;              /* SVG: ids, classes, tooltips; NULL otherwise */
} figure;

/* A node name safe in DOT and SVG: the id when it is plain, else a form no
 * plain id can take. Graphviz writes names unescaped (a trailing backslash
 * breaks the DOT file), so data never reaches a name otherwise. */
static void node_name(char *buf, size_t size, const figure *f, uint32_t actor)
{
    const char *id = evg_model_actor(f->model, actor)->id;
    size_t len = strlen(id);
    bool plain = len > 0 && len + 8 < size;
    for (size_t i = 0; plain && i < len; i++) {
        char c = id[i];
        plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_' || c == '.';
    }
    if (plain)
        snprintf(buf, size, "%s", id);
    else
        snprintf(buf, size, "actor#%lu", (unsigned long)f->all->actor_rank[actor]);
}

static void set_html(void *object, const char *name, const char *html)
{
    Agraph_t *root = agroot(object);
    Agsym_t *sym = agattr(root, agobjkind(object), (char *)name, NULL);
    if (sym == NULL)
        sym = agattr(root, agobjkind(object), (char *)name, "");
    /* agxset finds the HTML string by content and keeps its HTML mark. */
    char *value = agstrdup_html(root, (char *)html);
    agxset(object, sym, value);
    agstrfree(root, value);
}

static void set_number(void *object, const char *name, double value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", value);
    evg__gv_set(object, name, buf, "");
}

/* Settings per engine, measured on Graphviz 2.43 with the sample and with 50
 * actors and 400 edges (see the report of issue 4):
 * - dot: left to right, actors before their targets; newrank avoids "trouble
 *   in init_rank" with clusters (4 of 32 random graphs failed without it),
 *   and a cluster on one rank keeps a state and its members in one column.
 * - the others: straight edges. splines=curved never finished on 130 edges
 *   (endless recursion in makeStraightEdges), splines=true made sfdp crash
 *   and costs neato/fdp 1.5-2 s on 400 edges; overlap=prism removes node
 *   overlaps without neato's overlap=false crashes. start fixes the seed. */
static void set_engine(Agraph_t *g, const style *st, bool pinned)
{
    static const char *const settings[][3] = {
        {"dot", "rankdir", "LR"},       {"dot", "newrank", "true"},     {"dot", "ranksep", "0.05"},
        {"dot", "nodesep", "0.15"},     {"dot", "splines", "true"},     {"neato", "overlap", "prism"},
        {"neato", "splines", "false"},  {"neato", "sep", "+8"},         {"neato", "start", "7"},
        {"fdp", "overlap", "prism"},    {"fdp", "splines", "false"},    {"fdp", "K", "0.6"},
        {"fdp", "sep", "+8"},           {"fdp", "start", "7"},          {"sfdp", "overlap", "prism"},
        {"sfdp", "splines", "false"},   {"sfdp", "sep", "+8"},          {"sfdp", "start", "7"},
        {"circo", "splines", "false"},  {"circo", "mindist", "0.4"},
    };
    evg__gv_set(g, "layout", pinned ? "nop2" : st->engine, "");
    if (pinned)
        return; /* nop2 takes every position and spline as given */
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++)
        if (strcmp(settings[i][0], st->engine) == 0)
            evg__gv_set(g, settings[i][1], settings[i][2], "");
}

/* The cluster that holds `actor`'s members (and `actor` itself), created on
 * first use inside its parent's cluster. */
static Agraph_t *cluster_of(figure *f, Agraph_t *root, uint32_t actor)
{
    if (f->cluster[actor])
        return f->cluster[actor];
    const evg_actor *a = evg_model_actor(f->model, actor);
    Agraph_t *container = a->parent != EVG_NO_INDEX ? cluster_of(f, root, a->parent) : root;
    if (container == NULL)
        return NULL;
    char name[160], id[128];
    node_name(id, sizeof id, f, actor);
    snprintf(name, sizeof name, "cluster_%s", id);
    Agraph_t *c = agsubg(container, name, 1);
    if (c == NULL)
        return NULL;
    f->cluster[actor] = c;
    if (f->web) {
        /* Clusters inherit the graph's id otherwise (Graphviz 2.43). */
        char web_id[256];
        evg__svg_id(f->web, web_id, sizeof web_id, "group", a->id);
        evg__gv_set(c, "id", web_id, "");
        evg__gv_set(c, "class", "actor-group", "");
    }
    char fill[8];
    const char *color = actor_color(f->model, actor);
    tint(fill, color ? color : NEUTRAL_COLOR, 0.07);
    evg__gv_set(c, "style", "rounded,filled", "");
    evg__gv_set(c, "fillcolor", fill, "");
    evg__gv_set(c, "color", color ? color : NEUTRAL_COLOR, "");
    evg__gv_set(c, "penwidth", "1", "");
    evg__gv_set(c, "margin", "6", "");
    if (strcmp(f->style.engine, "dot") == 0 && container == root && !f->pinned)
        evg__gv_set(c, "rank", "same", "");
    /* Subgraphs inherit the root's label (the legend): clear it. A parent
     * without events of its own is no node: the box carries its name. */
    evg__gv_set(c, "label", "", "");
    if (f->all->activity[actor] == 0) {
        text label = {0};
        text_label(&label, a->name);
        if (label.failed)
            return NULL;
        evg__gv_set(c, "label", label.data, "");
        evg__gv_set(c, "fontsize", "10", "");
        evg__gv_set(c, "fontcolor", MUTED_COLOR, "");
        free(label.data);
    }
    if (f->pinned && f->pinned->has_bb[actor]) {
        const double *bb = &f->pinned->bb[4 * (size_t)actor];
        char buf[128];
        snprintf(buf, sizeof buf, "%.2f,%.2f,%.2f,%.2f", bb[0], bb[1], bb[2], bb[3]);
        evg__gv_set(c, "bb", buf, "");
    }
    return c;
}

/* 0 for the least active, 1 for the most, on a square-root scale. */
static double scale01(uint32_t value, uint32_t max)
{
    return max > 1 && value > 0 ? sqrt((double)(value - 1) / (double)(max - 1)) : 0.0;
}

static int add_node(figure *f, Agraph_t *root, uint32_t actor)
{
    const evg_actor *a = evg_model_actor(f->model, actor);
    Agraph_t *container = root;
    if (f->style.clusters && f->has_members[actor])
        container = cluster_of(f, root, actor);
    else if (f->style.clusters && a->parent != EVG_NO_INDEX)
        container = cluster_of(f, root, a->parent);
    if (container == NULL)
        return EVG_ENOMEM;
    char name[128];
    node_name(name, sizeof name, f, actor);
    Agnode_t *n = agnode(container, name, 1);
    if (n == NULL)
        return EVG_ENOMEM;
    f->node[actor] = n;

    uint32_t activity = f->shown->activity[actor];
    /* Sizes follow the scale of every period together, so a node in one
     * period never outgrows the place laid out for all of them. */
    double weight = scale01(activity, f->all->max_activity);
    evg_actor_kind kind = (size_t)a->kind < KIND_COUNT ? a->kind : EVG_ACTOR_OTHER;
    bool bold = kind == EVG_ACTOR_STATE && activity;
    const char *color = actor_color(f->model, actor);
    char fill[8];
    tint(fill, color ? color : NEUTRAL_COLOR, 0.16);
    text label = {0};
    text_printf(&label, "<FONT POINT-SIZE=\"%.1f\"%s>%s", 10.0 + 4.0 * weight,
                activity ? "" : " COLOR=\"" FAINT_COLOR "\"", bold ? "<B>" : "");
    text_html_wrapped(&label, a->name, NAME_LINE_MAX);
    text_printf(&label, "%s</FONT>", bold ? "</B>" : "");
    if (activity)
        text_printf(&label,
                    "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"" MUTED_COLOR "\">%lu event%s</FONT>",
                    (unsigned long)activity, activity == 1 ? "" : "s");
    if (label.failed)
        return EVG_ENOMEM;
    set_html(n, "label", label.data);
    free(label.data);
    evg__gv_set(n, "shape", kind_styles[kind].shape, "ellipse");
    evg__gv_set(n, "style", kind_styles[kind].style, "");
    evg__gv_set(n, "fillcolor", activity ? fill : "white", "");
    evg__gv_set(n, "color", activity ? (color ? color : NEUTRAL_COLOR) : FAINT_COLOR, "");
    set_number(n, "penwidth", kind == EVG_ACTOR_STATE ? 1.8 : 1.0);
    evg__gv_set(n, "margin", kind_styles[kind].margin, "");
    if (f->pinned) {
        char pos[64];
        snprintf(pos, sizeof pos, "%.2f,%.2f!", f->pinned->x[actor], f->pinned->y[actor]);
        evg__gv_set(n, "pos", pos, "");
    }
    if (f->web) {
        char web_id[256], cls[64], hold[24];
        evg__svg_id(f->web, web_id, sizeof web_id, NULL, a->id);
        evg__gv_set(n, "id", web_id, "");
        snprintf(cls, sizeof cls, "actor kind-%s", kind_styles[kind].name);
        for (char *p = cls; *p; p++)
            *p = *p == ' ' && p > cls + 5 ? '-' : *p;
        evg__gv_set(n, "class", cls, "");
        text tip = {0};
        text_str(&tip, a->name);
        text_printf(&tip, " (%s): %lu event%s", kind_styles[kind].name, (unsigned long)activity,
                    activity == 1 ? "" : "s");
        if (tip.failed)
            return EVG_ENOMEM;
        evg__svg_hold(f->web, hold, tip.data);
        evg__gv_set(n, "tooltip", hold, "");
        free(tip.data);
    }
    return 0;
}

/* The edge label: "accuses ×3" (a line per type when aggregating all),
 * then the date span. */
static void edge_label(text *t, const figure *f, const evg__actors_edge *edge)
{
    for (uint32_t i = 0; i < edge->rel_count; i++) {
        const evg__actors_rel *r = &f->shown->rels[edge->rel_first + i];
        if (i)
            text_str(t, "\\n");
        text_verb(t, evg_model_type(f->model, r->type));
        if (r->count > 1)
            text_printf(t, " \u00D7%lu", (unsigned long)r->count);
    }
    text_str(t, "\\n");
    text_date(t, &edge->first);
    /* A span takes two lines: columns stay narrow, and height is cheap in
     * a left-to-right layout on a portrait page. */
    if (evg_date_compare(&edge->first, &edge->last) != 0) {
        text_str(t, " \u2013\\n");
        text_date(t, &edge->last);
    }
}

/* Whether an edge's label is laid out with the graph (`label`) or placed
 * beside it afterwards (`xlabel`). An edge within one top-level cluster
 * joins two nodes of one rank in dot, and a laid-out label on such a flat
 * edge makes Graphviz 2.43 free a pointer it did not allocate (seen under
 * valgrind; fatal under ASan). */
static bool laid_out_label(const figure *f, const evg__actors_edge *edge)
{
    if (!f->style.edge_labels)
        return false;
    if (f->style.clusters && edge->from != edge->to &&
        evg__actors_root(f->model, edge->from) == evg__actors_root(f->model, edge->to))
        return false;
    return true;
}

/* Edge `index` of the graph of all periods, drawn with `edge`'s counts, or
 * invisible (edge NULL: not in this period) to keep the frame of the set. */
static int add_edge(figure *f, Agraph_t *root, const evg__actors_edge *edge, size_t index)
{
    const evg__actors_edge *place = &f->all->edges[index];
    char key[32];
    snprintf(key, sizeof key, "e%zu", index);
    Agedge_t *e = agedge(root, f->node[place->from], f->node[place->to], key, 1);
    if (e == NULL)
        return EVG_ENOMEM;
    if (f->pinned) {
        evg__gv_set(e, "pos", f->pinned->edge_pos[index], "");
        if (edge && f->pinned->label_pos[index])
            evg__gv_set(e, laid_out_label(f, place) ? "lp" : "xlp", f->pinned->label_pos[index],
                        "");
    }
    if (edge == NULL) {
        evg__gv_set(e, "style", "invis", "");
        return 0;
    }
    text label = {0}, color = {0};
    edge_label(&label, f, edge);
    for (uint32_t i = 0; i < edge->rel_count; i++) {
        const evg__actors_rel *r = &f->shown->rels[edge->rel_first + i];
        text_printf(&color, "%s%s", i ? ":" : "", evg_model_type(f->model, r->type)->color);
    }
    int rc = label.failed || color.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        evg__gv_set(e, laid_out_label(f, place) ? "label" : "xlabel", label.data, "");
        evg__gv_set(e, "color", color.data, "");
        if (edge->undirected)
            evg__gv_set(e, "dir", "none", "");
        unsigned char line = f->type_line[f->shown->rels[edge->rel_first].type];
        if (line)
            evg__gv_set(e, "style", line_styles[line], "");
        double width = 1.0;
        if (f->all->max_count > 1)
            width += 4.0 * log((double)edge->count) / log((double)f->all->max_count);
        /* A mix of types is drawn as parallel lines, one per colour: the
         * band together is as wide as one line for the same count. */
        set_number(e, "penwidth", fmax(1.0, width / edge->rel_count));
        if (f->web) {
            text cls = {0}, tip = {0};
            text_str(&cls, "relation");
            for (uint32_t i = 0; i < edge->rel_count; i++) {
                char type[120];
                evg__svg_name(type, sizeof type,
                              evg_model_type(f->model, f->shown->rels[edge->rel_first + i].type)->id);
                text_printf(&cls, " type-%s", type);
            }
            text_str(&tip, evg_model_actor(f->model, place->from)->name);
            text_str(&tip, edge->undirected ? " \u2013 " : " \u2192 ");
            text_str(&tip, evg_model_actor(f->model, place->to)->name);
            text_str(&tip, ": ");
            /* The label's text, its line breaks as such. */
            for (const char *p = label.data; p && *p; p++) {
                if (p[0] == '\\' && p[1] == 'n')
                    text_str(&tip, tip.len >= 3 && strcmp(tip.data + tip.len - 3, "\u2013") == 0
                                       ? " "
                                       : "; "),
                        p++;
                else if (p[0] == '\\' && p[1] == '\\')
                    text_str(&tip, "\\"), p++;
                else
                    text_add(&tip, p, 1);
            }
            if (cls.failed || tip.failed) {
                rc = EVG_ENOMEM;
            } else {
                char hold[24];
                evg__gv_set(e, "class", cls.data, "");
                evg__svg_hold(f->web, hold, tip.data);
                evg__gv_set(e, "tooltip", hold, "");
            }
            free(cls.data);
            free(tip.data);
        }
    }
    free(label.data);
    free(color.data);
    return rc;
}

/* The graph label: title, what is shown, legend of types and kinds, sources. */
static int set_graph_label(figure *f, Agraph_t *g)
{
    const evg__actors_graph *all = f->all, *shown = f->shown;
    text t = {0};
    text_str(&t, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\"");
    /* The legends of a --by set all take the room of the largest, so every
     * period has the same frame. */
    if (f->label_width > 0)
        text_printf(&t, " WIDTH=\"%.0f\" HEIGHT=\"%.0f\" FIXEDSIZE=\"TRUE\"",
                    ceil(f->label_width), ceil(f->label_height));
    text_str(&t, ">");
    if (f->opts->title) {
        text_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"16\"><B>");
        text_html(&t, f->opts->title);
        text_str(&t, "</B></FONT></TD></TR>");
    }
    text_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\" COLOR=\"" MUTED_COLOR "\">");
    if (f->period)
        text_printf(&t, "<B>%s</B>: ", f->period);
    text_printf(&t, "%zu event%s", shown->event_count, shown->event_count == 1 ? "" : "s");
    if (f->event_count) {
        /* Events come by start date; the last to end may be any of them. */
        const evg_date *first = &evg_model_event(f->model, f->events[0])->date, *last = first;
        for (size_t i = 0; i < f->event_count; i++) {
            const evg_event *e = evg_model_event(f->model, f->events[i]);
            const evg_date *end = e->end_date.precision ? &e->end_date : &e->date;
            if (evg_date_end(end) > evg_date_end(last))
                last = end;
        }
        text_str(&t, ", ");
        text_date(&t, first);
        if (evg_date_compare(first, last) != 0) {
            text_str(&t, " to ");
            text_date(&t, last);
        }
    }
    if (shown->self_relations)
        text_printf(&t, "; %zu relation%s of an actor with itself not drawn",
                    shown->self_relations, shown->self_relations == 1 ? "" : "s");
    text_str(&t, "</FONT></TD></TR>");

    if (f->opts->legend) {
        size_t types = evg_model_type_count(f->model), in_row = 0;
        text_str(&t, "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
                     "CELLSPACING=\"0\" CELLPADDING=\"1\"><TR>");
        for (size_t k = 0; k < types; k++) {
            uint32_t i = all->type_order[k];
            if (!all->type_used[i])
                continue;
            const evg_type *type = evg_model_type(f->model, i);
            if (in_row == LEGEND_PER_ROW) {
                text_str(&t, "</TR><TR>");
                in_row = 0;
            }
            in_row++;
            /* A bar of 16 points: whole, in dashes or in dots like the edges. */
            static const struct swatch {
                int parts, width; /* parts 2 points apart */
            } swatches[] = {{1, 16}, {3, 4}, {6, 1}};
            const struct swatch *w = &swatches[f->type_line[i]];
            text_str(&t, "<TD><TABLE BORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR>");
            for (int part = 0; part < w->parts; part++)
                text_printf(&t,
                            "%s<TD BGCOLOR=\"%s\" WIDTH=\"%d\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\">"
                            "</TD>",
                            part ? "<TD WIDTH=\"2\" HEIGHT=\"3\" FIXEDSIZE=\"TRUE\"></TD>" : "",
                            type->color, w->width);
            text_str(&t, "</TR></TABLE></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
            text_html(&t, type->label);
            text_str(&t, "</FONT></TD><TD WIDTH=\"8\"></TD>");
        }
        if (in_row == 0)
            text_str(&t, "<TD><FONT POINT-SIZE=\"9\">no relations</FONT></TD>");
        text_str(&t, "</TR></TABLE></TD></TR>");

        bool kinds[KIND_COUNT] = {false};
        for (size_t a = 0; a < all->actor_count; a++) {
            if (all->activity[a]) {
                evg_actor_kind kind = evg_model_actor(f->model, a)->kind;
                kinds[(size_t)kind < KIND_COUNT ? kind : EVG_ACTOR_OTHER] = true;
            }
        }
        text_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">");
        for (size_t k = 0; k < KIND_COUNT; k++)
            if (kinds[k])
                text_printf(&t, "<FONT POINT-SIZE=\"11\">%s</FONT> %s   ", kind_styles[k].glyph,
                            kind_styles[k].name);
        text_str(&t, "</FONT></TD></TR><TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
                     "\">Arrows run from an event's actor to its targets, thicker for more "
                     "events.");
        bool undirected = false;
        for (size_t i = 0; i < all->edge_count && !undirected; i++)
            undirected = all->edges[i].undirected;
        if (undirected)
            text_str(&t, " Lines without arrowheads join the two sides of an event "
                         "(ACLED's actor pairs).");
        text_str(&t, "</FONT></TD></TR>");
    }
    if (f->sources && *f->sources) {
        text_str(&t, "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"" MUTED_COLOR
                     "\">Sources: ");
        text_str(&t, f->sources);
        text_str(&t, "</FONT></TD></TR>");
    }
    text_str(&t, "</TABLE>");
    int rc = t.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        set_html(g, "label", t.data);
        evg__gv_set(g, "labelloc", "t", "");
        evg__gv_set(g, "labeljust", "l", "");
    }
    free(t.data);
    return rc;
}

/* Object ids in the order objects are named. cgraph's default id of a
 * named object is the address of its name string, and it keeps subgraphs in
 * id order: the order of the clusters in the DOT file, and with it dot's
 * layout, would follow malloc (and differ under a sanitizer). Names get ids
 * 2, 4, 6 ... here; objects without a name odd ones, as cgraph expects.
 * (Declining names and leaving them to cgraph's internal map loses the
 * root graph's name when neato deletes its component subgraphs.) */
typedef struct seq_ids {
    Agraph_t *root;
    evg__strmap index; /* name -> its place in names */
    char **names;      /* cgraph strings: agwrite asks them whether they are HTML */
    size_t count, cap;
    IDTYPE next_anonymous;
} seq_ids;

static void *seq_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    seq_ids *ids = calloc(1, sizeof *ids);
    if (ids) {
        ids->root = g;
        ids->next_anonymous = 1;
    }
    return ids;
}

static long seq_map(void *state, int objtype, char *name, IDTYPE *id, int create)
{
    (void)objtype;
    seq_ids *ids = state;
    if (ids == NULL)
        return 0;
    if (name == NULL) {
        *id = ids->next_anonymous;
        ids->next_anonymous += 2;
        return 1;
    }
    uint32_t at = evg__strmap_get(&ids->index, name);
    if (at == UINT32_MAX) {
        if (!create || ids->count >= UINT32_MAX - 1)
            return 0;
        if (ids->count == ids->cap) {
            size_t cap = ids->cap ? ids->cap * 2 : 64;
            char **grown = realloc(ids->names, cap * sizeof *grown);
            if (grown == NULL)
                return 0;
            ids->names = grown;
            ids->cap = cap;
        }
        char *copy = agstrdup(ids->root, name);
        if (copy == NULL)
            return 0;
        at = (uint32_t)ids->count;
        if (evg__strmap_put(&ids->index, copy, at) != at) {
            agstrfree(ids->root, copy);
            return 0;
        }
        ids->names[ids->count++] = copy;
    }
    *id = 2 * ((IDTYPE)at + 1);
    return 1;
}

static long seq_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0;
}

/* A freed name keeps its id: the set of names in a figure is small. */
static void seq_free(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
}

static char *seq_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    seq_ids *ids = state;
    if (ids == NULL || id % 2 || id == 0 || id / 2 > ids->count)
        return NULL;
    return ids->names[id / 2 - 1];
}

/* The names die with the graph's strings, which agclose frees after this. */
static void seq_close(void *state)
{
    seq_ids *ids = state;
    if (ids == NULL)
        return;
    free(ids->names);
    evg__strmap_free(&ids->index);
    free(ids);
}

static void seq_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t seq_id_disc = {seq_open,  seq_map,   seq_alloc,   seq_free,
                                 seq_print, seq_close, seq_register};
static Agdisc_t seq_disc = {&AgMemDisc, &seq_id_disc, &AgIoDisc};

/* Builds one figure's graph; NULL when out of memory. */
static Agraph_t *build_graph(figure *f, const char *graph_name)
{
    Agraph_t *g = agopen((char *)graph_name, Agdirected, &seq_disc);
    if (g == NULL)
        return NULL;
    /* Defaults first, so the DOT file states them once. */
    agattr(g, AGRAPH, "fontname", FONT);
    agattr(g, AGRAPH, "fontcolor", TEXT_COLOR);
    agattr(g, AGRAPH, "bgcolor", "white");
    agattr(g, AGRAPH, "pad", "0.2");
    agattr(g, AGRAPH, "outputorder", "edgesfirst");
    /* A drawing wider than the page shrinks to fit; its height is free. */
    char size[64];
    snprintf(size, sizeof size, "%.2f,1000", f->width / 72.0);
    agattr(g, AGRAPH, "size", size);
    /* Graphviz scales SVG and PDF by dpi/72 too: PNG only. */
    if (f->dpi > 0) {
        char dpi[32];
        snprintf(dpi, sizeof dpi, "%g", f->dpi);
        agattr(g, AGRAPH, "dpi", dpi);
    }
    agattr(g, AGRAPH, "forcelabels", "true");
    if (f->web)
        agattr(g, AGRAPH, "id", f->web->prefix);
    agattr(g, AGNODE, "fontname", FONT);
    agattr(g, AGNODE, "fontcolor", TEXT_COLOR);
    agattr(g, AGEDGE, "fontname", FONT);
    agattr(g, AGEDGE, "fontsize", "8");
    agattr(g, AGEDGE, "fontcolor", TEXT_COLOR);
    agattr(g, AGEDGE, "arrowsize", "0.7");
    set_engine(g, &f->style, f->pinned != NULL);

    size_t actors = f->all->actor_count;
    int rc = 0;
    for (size_t k = 0; k < actors && rc == 0; k++)
        if (f->all->activity[f->all->actor_order[k]])
            rc = add_node(f, g, f->all->actor_order[k]);
    /* Two invisible points at the corners of the drawing of all periods:
     * Graphviz frames a pinned graph by what it holds, and a period holds
     * less. */
    for (int corner = 0; f->pinned && corner < 2 && rc == 0; corner++) {
        Agnode_t *n = agnode(g, corner ? "frame_ur" : "frame_ll", 1);
        if (n == NULL) {
            rc = EVG_ENOMEM;
            break;
        }
        pointf at = corner ? f->pinned->frame.UR : f->pinned->frame.LL;
        char pos[64];
        snprintf(pos, sizeof pos, "%.2f,%.2f!", at.x, at.y);
        evg__gv_set(n, "pos", pos, "");
        evg__gv_set(n, "shape", "point", "ellipse");
        evg__gv_set(n, "width", "0.01", "");
        evg__gv_set(n, "style", "invis", "");
        evg__gv_set(n, "label", "", "");
    }
    for (size_t i = 0; i < f->all->edge_count && rc == 0; i++) {
        const evg__actors_edge *edge = &f->all->edges[i];
        if (f->shown_edge)
            edge = f->shown_edge[i] >= 0 ? &f->shown->edges[f->shown_edge[i]] : NULL;
        rc = add_edge(f, g, edge, i);
    }
    /* Engines without clusters: an invisible spring keeps a member near
     * its nearest drawn ancestor. */
    bool ties = !f->style.clusters && !f->opts->collapse && !f->pinned &&
                f->style.layout != EVG_ACTORS_LAYOUT_CIRCO;
    for (size_t a = 0; ties && a < actors && rc == 0; a++) {
        if (!f->all->activity[a])
            continue;
        uint32_t up = evg_model_actor(f->model, a)->parent;
        while (up != EVG_NO_INDEX && !f->all->activity[up])
            up = evg_model_actor(f->model, up)->parent;
        if (up == EVG_NO_INDEX)
            continue;
        char key[32];
        snprintf(key, sizeof key, "member%zu", a);
        Agedge_t *e = agedge(g, f->node[a], f->node[up], key, 1);
        if (e == NULL) {
            rc = EVG_ENOMEM;
            break;
        }
        evg__gv_set(e, "style", "invis", "");
        evg__gv_set(e, "weight", "3", "");
        evg__gv_set(e, "len", "0.8", "");
    }
    if (rc == 0)
        rc = set_graph_label(f, g);
    if (rc) {
        agclose(g);
        return NULL;
    }
    return g;
}

/* A figure: its DOT text, and the graph read back from that text. dot
 * places nodes in the order it meets them, and a DOT file lists them cluster
 * by cluster, not in the order they were made: laying out what the text
 * holds lets `dot -Tsvg FILE.dot` draw exactly what evgraph drew. */
typedef struct built {
    char *dot;
    size_t dot_len;
    Agraph_t *graph;
} built;

static void built_free(built *b)
{
    if (b->graph)
        agclose(b->graph);
    free(b->dot);
    memset(b, 0, sizeof *b);
}

static int build_figure(built *out, figure *f, const char *graph_name)
{
    memset(out, 0, sizeof *out);
    Agraph_t *g = build_graph(f, graph_name);
    if (g == NULL)
        return EVG_ENOMEM;
    FILE *mem = open_memstream(&out->dot, &out->dot_len);
    int rc = mem ? agwrite(g, mem) : EVG_ENOMEM;
    if (mem && fclose(mem) != 0)
        rc = EVG_ENOMEM;
    agclose(g);
    FILE *in = rc == 0 ? fmemopen(out->dot, out->dot_len, "r") : NULL;
    if (in == NULL || (out->graph = agread(in, &seq_disc)) == NULL)
        rc = EVG_ENOMEM;
    if (in)
        fclose(in);
    if (rc) {
        built_free(out);
        return EVG_ENOMEM;
    }
    return 0;
}

/* Writes the DOT text as it is, or the graph laid out by `engine`. */
static int write_figure(const built *b, const char *engine, const evg_output *out,
                        evg__reporter *rep, evg__svg_web *web)
{
    if (out->format == EVG_FORMAT_DOT)
        return evg__output_write(out->path, b->dot, b->dot_len, rep);
    return evg__gv_write_web(b->graph, engine, out, rep, web);
}

/* The distinct sources of the events, split at ';', sorted, as HTML. */
typedef struct piece {
    const char *text;
    size_t len;
} piece;

static int compare_piece(const void *pa, const void *pb)
{
    const piece *a = pa, *b = pb;
    int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int sources_html(text *out, const evg_model *model, const uint32_t *events, size_t count)
{
    evg__strmap seen = {0};
    piece *pieces = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    out->len = 0;
    if (out->data)
        out->data[0] = '\0';
    /* Whole source fields first: a million events name few sources. */
    for (size_t i = 0; i < count; i++) {
        const char *source = evg_model_event(model, events[i])->source;
        if (source == NULL || evg__strmap_get(&seen, source) != UINT32_MAX)
            continue;
        if (evg__strmap_put(&seen, source, 0) == UINT32_MAX) {
            rc = EVG_ENOMEM;
            goto done;
        }
        for (const char *p = source; *p;) {
            const char *end = strchr(p, ';');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            const char *s = p;
            while (len && (*s == ' ' || *s == '\t'))
                s++, len--;
            while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
                len--;
            if (len) {
                if (n == cap) {
                    cap = cap ? cap * 2 : 16;
                    piece *grown = realloc(pieces, cap * sizeof *grown);
                    if (grown == NULL) {
                        rc = EVG_ENOMEM;
                        goto done;
                    }
                    pieces = grown;
                }
                pieces[n++] = (piece){s, len};
            }
            p = end ? end + 1 : p + strlen(p);
        }
    }
    if (n)
        qsort(pieces, n, sizeof *pieces, compare_piece);
    size_t shown = 0, distinct = 0, line = 0;
    for (size_t i = 0; i < n; i++) {
        if (i && compare_piece(&pieces[i - 1], &pieces[i]) == 0)
            continue;
        distinct++;
        if (shown == SOURCES_MAX)
            continue;
        char *copy = strndup(pieces[i].text, pieces[i].len);
        if (copy == NULL) {
            rc = EVG_ENOMEM;
            goto done;
        }
        /* A line break every hundred characters or so. */
        if (shown && line + pieces[i].len > 100) {
            text_str(out, ";<BR ALIGN=\"LEFT\"/>");
            line = 0;
        } else if (shown) {
            text_str(out, "; ");
        }
        text_html(out, copy);
        line += pieces[i].len + 2;
        free(copy);
        shown++;
    }
    if (distinct > shown)
        text_printf(out, "; and %zu more", distinct - shown);
    if (out->failed)
        rc = EVG_ENOMEM;
done:
    free(pieces);
    evg__strmap_free(&seen);
    return rc;
}

/* Reading a laid-out graph back. */
typedef struct reading {
    figure *f;
    positions *pos;
    bool failed;
} reading;

static char *format_point(pointf p)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f,%.2f", p.x, p.y);
    return strdup(buf);
}

/* An edge's spline in the `pos` syntax: "e,x,y x,y x,y ...". */
static char *format_spline(Agedge_t *e)
{
    text t = {0};
    const splines *spl = ED_spl(e);
    for (int i = 0; spl && i < spl->size; i++) {
        const bezier *bz = &spl->list[i];
        if (i)
            text_str(&t, ";");
        if (bz->sflag)
            text_printf(&t, "s,%.2f,%.2f ", bz->sp.x, bz->sp.y);
        if (bz->eflag)
            text_printf(&t, "e,%.2f,%.2f ", bz->ep.x, bz->ep.y);
        for (int j = 0; j < bz->size; j++)
            text_printf(&t, "%s%.2f,%.2f", j ? " " : "", bz->list[j].x, bz->list[j].y);
    }
    if (t.failed || t.data == NULL) {
        free(t.data);
        return NULL;
    }
    return t.data;
}

static void frame_add(boxf *frame, bool *empty, double x0, double y0, double x1, double y1)
{
    if (*empty) {
        *frame = (boxf){{x0, y0}, {x1, y1}};
        *empty = false;
        return;
    }
    frame->LL.x = fmin(frame->LL.x, x0);
    frame->LL.y = fmin(frame->LL.y, y0);
    frame->UR.x = fmax(frame->UR.x, x1);
    frame->UR.y = fmax(frame->UR.y, y1);
}

static void frame_add_label(boxf *frame, bool *empty, const textlabel_t *label)
{
    if (label && label->set)
        frame_add(frame, empty, label->pos.x - label->dimen.x / 2,
                  label->pos.y - label->dimen.y / 2, label->pos.x + label->dimen.x / 2,
                  label->pos.y + label->dimen.y / 2);
}

/* The cluster of `actor` in a graph read back: found the way cluster_of
 * made it, from the outermost parent in. */
static Agraph_t *find_cluster(Agraph_t *g, const figure *f, uint32_t actor)
{
    uint32_t parent = evg_model_actor(f->model, actor)->parent;
    Agraph_t *container = parent != EVG_NO_INDEX ? find_cluster(g, f, parent) : g;
    if (container == NULL)
        return NULL;
    char name[160], id[128];
    node_name(id, sizeof id, f, actor);
    snprintf(name, sizeof name, "cluster_%s", id);
    return agsubg(container, name, 0);
}

/* Reads where the engine put every node, cluster, edge and label, and the
 * extent of it all without the legend. */
static void read_positions(Agraph_t *g, void *payload)
{
    reading *r = payload;
    figure *f = r->f;
    bool empty = true;
    boxf *frame = &r->pos->frame;
    char name[128];
    for (size_t a = 0; a < f->all->actor_count; a++) {
        if (f->node[a]) {
            node_name(name, sizeof name, f, (uint32_t)a);
            Agnode_t *n = agnode(g, name, 0);
            f->node[a] = n;
            if (n == NULL) {
                r->failed = true;
                continue;
            }
            double x = ND_coord(n).x, y = ND_coord(n).y;
            double w = ND_width(n) * 36, h = ND_height(n) * 36; /* half, in points */
            r->pos->x[a] = x;
            r->pos->y[a] = y;
            frame_add(frame, &empty, x - w, y - h, x + w, y + h);
        }
        if (f->cluster[a]) {
            Agraph_t *c = find_cluster(g, f, (uint32_t)a);
            if (c == NULL) {
                r->failed = true;
                continue;
            }
            boxf bb = GD_bb(c);
            double *out = &r->pos->bb[4 * a];
            out[0] = bb.LL.x, out[1] = bb.LL.y, out[2] = bb.UR.x, out[3] = bb.UR.y;
            r->pos->has_bb[a] = true;
            frame_add(frame, &empty, bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y);
            frame_add_label(frame, &empty, GD_label(c));
        }
    }
    for (size_t i = 0; i < f->all->edge_count; i++) {
        const evg__actors_edge *edge = &f->all->edges[i];
        char key[32];
        snprintf(key, sizeof key, "e%zu", i);
        Agedge_t *e = agedge(g, f->node[edge->from], f->node[edge->to], key, 0);
        if (e == NULL) {
            r->failed = true;
            continue;
        }
        textlabel_t *label = laid_out_label(f, edge) ? ED_label(e) : ED_xlabel(e);
        if ((r->pos->edge_pos[i] = format_spline(e)) == NULL)
            r->failed = true;
        if (label && label->set && (r->pos->label_pos[i] = format_point(label->pos)) == NULL)
            r->failed = true;
        frame_add_label(frame, &empty, label);
        const splines *spl = ED_spl(e);
        for (int b = 0; spl && b < spl->size; b++) {
            const bezier *bz = &spl->list[b];
            for (int j = 0; j < bz->size; j++)
                frame_add(frame, &empty, bz->list[j].x, bz->list[j].y, bz->list[j].x,
                          bz->list[j].y);
            if (bz->sflag)
                frame_add(frame, &empty, bz->sp.x, bz->sp.y, bz->sp.x, bz->sp.y);
            if (bz->eflag)
                frame_add(frame, &empty, bz->ep.x, bz->ep.y, bz->ep.x, bz->ep.y);
        }
    }
}

/* The size of a figure's legend, as Graphviz lays it out. */
static void read_label_size(Agraph_t *g, void *payload)
{
    double *size = payload;
    if (GD_label(g)) {
        size[0] = fmax(size[0], GD_label(g)->dimen.x);
        size[1] = fmax(size[1], GD_label(g)->dimen.y);
    }
}

static int measure_label(figure *f, double size[2], evg__reporter *rep)
{
    Agraph_t *g = agopen("legend", Agdirected, &seq_disc);
    if (g == NULL)
        return EVG_ENOMEM;
    agattr(g, AGRAPH, "fontname", FONT);
    agattr(g, AGRAPH, "fontcolor", TEXT_COLOR);
    int rc = set_graph_label(f, g);
    if (rc == 0)
        rc = evg__gv_layout(g, "dot", rep, read_label_size, size);
    agclose(g);
    return rc;
}

/* Pairs each edge of the graph of all periods with the same edge of one
 * period (-1 when the period has none). Both lists are sorted alike; by
 * event, a period's edges are a run of the whole list. */
static void match_edges(int32_t *out, const evg__actors_graph *all,
                        const evg__actors_graph *period, evg_actors_aggregate aggregate)
{
    for (size_t i = 0; i < all->edge_count; i++)
        out[i] = -1;
    if (period->edge_count == 0)
        return;
    if (aggregate == EVG_ACTORS_AGGREGATE_NONE) {
        uint32_t first = period->rels[period->edges[0].rel_first].event;
        size_t at = 0;
        while (at < all->edge_count && all->rels[all->edges[at].rel_first].event != first)
            at++;
        for (size_t j = 0; j < period->edge_count && at + j < all->edge_count; j++)
            out[at + j] = (int32_t)j;
        return;
    }
    size_t j = 0;
    for (size_t i = 0; i < all->edge_count && j < period->edge_count; i++) {
        const evg__actors_edge *a = &all->edges[i], *p = &period->edges[j];
        bool same = a->from == p->from && a->to == p->to && a->undirected == p->undirected &&
                    (aggregate == EVG_ACTORS_AGGREGATE_ALL ||
                     all->rels[a->rel_first].type == period->rels[p->rel_first].type);
        if (same)
            out[i] = (int32_t)j++;
    }
}

static void positions_free(positions *pos, size_t edges)
{
    for (size_t i = 0; pos->edge_pos && i < edges; i++)
        free(pos->edge_pos[i]);
    for (size_t i = 0; pos->label_pos && i < edges; i++)
        free(pos->label_pos[i]);
    free(pos->edge_pos);
    free(pos->label_pos);
    free(pos->x);
    free(pos->y);
    free(pos->bb);
    free(pos->has_bb);
}

static style choose_style(const evg_actors_opts *opts, size_t edges)
{
    style st = {evg_actors_layout_name(opts->layout), opts->layout, false, false};
    switch (opts->layout) {
    case EVG_ACTORS_LAYOUT_AUTO:
        st.engine = edges <= EVG_ACTORS_DOT_EDGES_MAX ? "dot" : "fdp";
        st.edge_labels = edges <= EVG_ACTORS_DOT_LABELS_MAX;
        st.clusters = true;
        break;
    case EVG_ACTORS_LAYOUT_DOT:
        st.edge_labels = true;
        st.clusters = true;
        break;
    case EVG_ACTORS_LAYOUT_FDP:
        st.clusters = true;
        break;
    default:
        break;
    }
    st.clusters = st.clusters && !opts->collapse;
    return st;
}

/* The screen reader's name and description of one figure. */
static void web_describe(evg__svg_web *web, const figure *f)
{
    web->title.len = web->desc.len = 0;
    evg__buf_str(&web->title, f->opts->title ? f->opts->title : "Actor graph");
    if (f->period)
        evg__buf_printf(&web->desc, "%s: ", f->period);
    size_t actors = 0;
    for (size_t a = 0; a < f->shown->actor_count; a++)
        actors += f->shown->activity[a] != 0;
    evg__buf_printf(&web->desc, "Who acts on whom: %zu actors, %zu relations, %zu events",
                    actors, f->shown->edge_count, f->shown->event_count);
}

int evg_actors_write(const evg_model *model, const evg_actors_opts *opts, const evg_output *out)
{
    return evg__actors_write_web(model, opts, out, NULL);
}

int evg__actors_write_web(const evg_model *model, const evg_actors_opts *opts,
                          const evg_output *out, evg__svg_web *given_web)
{
    evg__svg_web own_web = {0};
    bool svg = out->format == EVG_FORMAT_SVG;
    evg__reporter rep = {out->diag, out->diag_payload, 0, 0, 0, false};
    evg_actors_opts defaults = EVG_ACTORS_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    uint32_t *events = NULL;
    size_t count = 0, actors = evg_model_actor_count(model);
    evg__actors_graph all = {0}, period = {0};
    size_t *starts = NULL, periods = 0, coarse = 0;
    int32_t *keys = NULL, *shown_edge = NULL;
    unsigned char *type_line = NULL;
    positions pos = {0};
    text sources = {0};
    char *path = NULL;
    built fig = {0};
    figure f = {.model = model, .opts = opts, .all = &all, .shown = &all};

    int rc = 0;
    if (opts->width != 0 &&
        !(opts->width >= EVG_ACTORS_WIDTH_MIN && opts->width <= EVG_ACTORS_WIDTH_MAX)) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "width %g pt is out of range (%g to %g pt, 8 to 200 cm)", opts->width,
                    EVG_ACTORS_WIDTH_MIN, EVG_ACTORS_WIDTH_MAX);
        rc = EVG_EUSAGE;
    }
    if (opts->dpi != 0 && !(opts->dpi >= EVG_ACTORS_DPI_MIN && opts->dpi <= EVG_ACTORS_DPI_MAX)) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "dpi %g is out of range (%g to %g)",
                    opts->dpi, EVG_ACTORS_DPI_MIN, EVG_ACTORS_DPI_MAX);
        rc = EVG_EUSAGE;
    }
    if (rc == 0)
        rc = evg_filter_select(&events, &count, model, &opts->filter, out->diag,
                               out->diag_payload);
    if (rc)
        goto done;
    if (opts->by != EVG_PERIOD_NONE && strcmp(out->path, "-") == 0) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "--by writes one file per period: it needs a file name, not standard "
                    "output");
        rc = EVG_EUSAGE;
        goto done;
    }
    if ((rc = evg__actors_aggregate(&all, model, events, count, opts)) != 0)
        goto done;
    if (opts->max_edges && all.edge_count > opts->max_edges) {
        evg__report(&rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "%zu edges to draw, more than the limit of %zu: aggregate them "
                    "(--aggregate type or all) or select fewer events",
                    all.edge_count, opts->max_edges);
        rc = EVG_ELIMIT;
        goto done;
    }
    f.style = choose_style(opts, all.edge_count);
    if ((type_line = type_lines(model, &all)) == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    f.type_line = type_line;
    f.width = opts->width > 0 ? opts->width : 482.0;
    f.dpi = out->format == EVG_FORMAT_PNG ? (opts->dpi > 0 ? opts->dpi : 150.0) : 0;
    /* Measured with 50 actors: dot with 400 labelled edges takes 2 to 50 s,
     * circo 11 s (1.2 s at 200). */
    if (opts->layout == EVG_ACTORS_LAYOUT_DOT && all.edge_count > EVG_ACTORS_DOT_LABELS_MAX)
        evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "dot lays out %zu edge labels slowly (seconds to minutes); the default "
                    "layout places them beside the edges instead",
                    all.edge_count);
    if (all.edge_count > EVG_ACTORS_DOT_EDGES_MAX)
        evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "%zu edges make a figure too dense to read; --aggregate all, --collapse "
                    "or the filters draw fewer",
                    all.edge_count);
    if (opts->layout == EVG_ACTORS_LAYOUT_CIRCO && all.edge_count > 200)
        evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "circo lays out %zu edges slowly (seconds to minutes); the default layout "
                    "is faster",
                    all.edge_count);
    f.has_members = calloc(actors + 1, sizeof *f.has_members);
    f.node = calloc(actors + 1, sizeof *f.node);
    f.cluster = calloc(actors + 1, sizeof *f.cluster);
    if (f.has_members == NULL || f.node == NULL || f.cluster == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (size_t a = 0; a < actors; a++) {
        if (!all.activity[a])
            continue;
        for (uint32_t up = evg_model_actor(model, a)->parent; up != EVG_NO_INDEX;
             up = evg_model_actor(model, up)->parent)
            f.has_members[up] = true;
    }
    if ((rc = sources_html(&sources, model, events, count)) != 0)
        goto done;
    f.sources = sources.data;
    f.events = events;
    f.event_count = count;

    if (opts->by == EVG_PERIOD_NONE) {
        if (count == 0)
            evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "no events to draw: the figure is empty");
        if (svg && given_web == NULL &&
            (rc = evg__svg_web_init(&own_web, out->path, &opts->svg, &rep)) != 0)
            goto done;
        f.web = svg ? (given_web ? given_web : &own_web) : NULL;
        if (f.web)
            web_describe(f.web, &f);
        if ((rc = build_figure(&fig, &f, "actors")) == 0)
            rc = write_figure(&fig, f.style.engine, out, &rep, f.web);
        goto done;
    }

    /* Small multiples: lay out all periods together once, then draw each
     * period with every position, spline and label place pinned. */
    if (count == 0) {
        evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0, "no events to draw: no file written");
        goto done;
    }
    if ((rc = evg__period_split(&starts, &keys, &periods, &coarse, model, events, count,
                                opts->by)) != 0)
        goto done;
    if (coarse)
        evg__report(&rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                    "%zu event%s dated by year only, counted in the first %s of the year",
                    coarse, coarse == 1 ? "" : "s",
                    opts->by == EVG_PERIOD_MONTH ? "month" : "quarter");
    pos.x = calloc(actors + 1, sizeof *pos.x);
    pos.y = calloc(actors + 1, sizeof *pos.y);
    pos.bb = calloc(4 * (actors + 1), sizeof *pos.bb);
    pos.has_bb = calloc(actors + 1, sizeof *pos.has_bb);
    pos.edge_pos = calloc(all.edge_count + 1, sizeof *pos.edge_pos);
    pos.label_pos = calloc(all.edge_count + 1, sizeof *pos.label_pos);
    shown_edge = malloc((all.edge_count + 1) * sizeof *shown_edge);
    if (pos.x == NULL || pos.y == NULL || pos.bb == NULL || pos.has_bb == NULL ||
        pos.edge_pos == NULL || pos.label_pos == NULL || shown_edge == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    if ((rc = build_figure(&fig, &f, "actors")) != 0)
        goto done;
    reading r = {&f, &pos, false};
    if ((rc = evg__gv_layout(fig.graph, f.style.engine, &rep, read_positions, &r)) != 0)
        goto done;
    if (r.failed) {
        rc = EVG_ENOMEM;
        goto done;
    }
    built_free(&fig);
    f.pinned = &pos;
    size_t path_size = strlen(out->path) + EVG__PERIOD_NAME_MAX + 2;
    if ((path = malloc(path_size)) == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    /* Two passes: the size of the largest legend, then the figures. */
    double legend[2] = {0, 0};
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        for (size_t p = 0; p < periods && rc == 0; p++) {
            char name[EVG__PERIOD_NAME_MAX];
            evg__period_name(name, sizeof name, keys[p], opts->by);
            const uint32_t *slice = events + starts[p];
            size_t slice_count = starts[p + 1] - starts[p];
            evg__actors_graph_free(&period);
            if ((rc = evg__actors_aggregate(&period, model, slice, slice_count, opts)) != 0 ||
                (rc = sources_html(&sources, model, slice, slice_count)) != 0)
                break;
            f.shown = &period;
            f.period = name;
            f.sources = sources.data;
            f.events = slice;
            f.event_count = slice_count;
            if (pass == 0) {
                rc = measure_label(&f, legend, &rep);
                continue;
            }
            f.label_width = legend[0];
            f.label_height = legend[1];
            match_edges(shown_edge, &all, &period, opts->aggregate);
            f.shown_edge = shown_edge;
            memset(f.node, 0, (actors + 1) * sizeof *f.node);
            memset(f.cluster, 0, (actors + 1) * sizeof *f.cluster);
            char graph_name[EVG__PERIOD_NAME_MAX + 8];
            snprintf(graph_name, sizeof graph_name, "actors-%s", name);
            if (svg) {
                evg_period_path(path, path_size, out->path, name);
                if ((rc = evg__svg_web_init(&own_web, path, &opts->svg, &rep)) != 0)
                    break;
                f.web = &own_web;
                web_describe(f.web, &f);
            }
            if ((rc = build_figure(&fig, &f, graph_name)) != 0)
                break;
            evg_period_path(path, path_size, out->path, name);
            evg_output one = *out;
            one.path = path;
            rc = write_figure(&fig, "nop2", &one, &rep, f.web);
            built_free(&fig);
            evg__svg_web_free(&own_web);
            f.web = NULL;
        }
    }
done:
    built_free(&fig);
    evg__svg_web_free(&own_web);
    free(type_line);
    free(path);
    free(sources.data);
    positions_free(&pos, all.edge_count);
    free(shown_edge);
    free(starts);
    free(keys);
    free(f.has_members);
    free(f.node);
    free(f.cluster);
    evg__actors_graph_free(&period);
    evg__actors_graph_free(&all);
    free(events);
    return rc;
}
