/* The actor-relation graph in Graphviz: builds the cgraph graph of one
 * figure from an aggregated evg__actors_graph (layout/actors.c). For --by,
 * the graph of all periods is laid out once and every period's graph is
 * drawn with those positions pinned ("nop2"), so the set compares
 * (actors_pin.c). */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"
#include "strmap_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A node name safe in DOT and SVG: the id when it is plain, else a form no
 * plain id can take. Graphviz writes names unescaped (a trailing backslash
 * breaks the DOT file), so data never reaches a name otherwise. */
void evg__ag_node_name(char *buf, size_t size, const figure *f, uint32_t actor)
{
    if (actor >= f->all->actor_count) {
        /* "actor#N" and "others#KIND" are the only names with '#'. */
        snprintf(buf, size, "others#%s", evg_actor_kind_name(actor - f->all->actor_count));
        return;
    }
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

void evg__ag_set_html(void *object, const char *name, const char *html)
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
        {"dot", "rankdir", "LR"},       {"dot", "newrank", "true"},     {"dot", "ranksep", "0.02"},
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

/* Makes the cluster of `actor` inside `container`; NULL when out of
 * memory. */
static Agraph_t *make_cluster(figure *f, Agraph_t *root, Agraph_t *container, uint32_t actor)
{
    const evg_actor *a = evg_model_actor(f->model, actor);
    char name[160], id[128];
    evg__ag_node_name(id, sizeof id, f, actor);
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
    const char *color = evg__ag_actor_color(f->model, actor);
    evg__ag_tint(fill, color ? color : NEUTRAL_COLOR, 0.07);
    evg__gv_set(c, "style", "rounded,filled", "");
    evg__gv_set(c, "fillcolor", fill, "");
    evg__gv_set(c, "color", color ? color : NEUTRAL_COLOR, "");
    evg__gv_set(c, "penwidth", "1", "");
    evg__gv_set(c, "margin", "3", "");
    if (strcmp(f->style.engine, "dot") == 0 && container == root && !f->pinned)
        evg__gv_set(c, "rank", "same", "");
    /* Subgraphs inherit the root's label (the legend): clear it. A parent
     * without events of its own is no node: the box carries its name. */
    evg__gv_set(c, "label", "", "");
    if (f->all->degree[actor] == 0) {
        evg__buf label = {0};
        evg__ag_label(&label, a->name);
        if (label.failed) {
            free(label.data);
            return NULL;
        }
        evg__gv_set(c, "label", label.data, "");
        set_number(c, "fontsize", evg__ag_pt(f, 8));
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

/* The cluster that holds `actor`'s members (and `actor` itself), created on
 * first use inside its parent's cluster. The walk up to the nearest
 * ancestor that has one is a loop, not a recursion, and each cluster is
 * made once: a deep chain of parents costs its length, once. */
static Agraph_t *cluster_of(figure *f, Agraph_t *root, uint32_t actor)
{
    if (f->cluster[actor])
        return f->cluster[actor];
    size_t depth = 0, actors = f->all->actor_count;
    for (uint32_t up = actor; up != EVG_NO_INDEX && !f->cluster[up] && depth <= actors;
         up = evg_model_actor(f->model, up)->parent)
        f->chain[depth++] = up;
    if (depth > actors)
        return NULL; /* a cycle: the loader refuses those */
    uint32_t top_parent = evg_model_actor(f->model, f->chain[depth - 1])->parent;
    Agraph_t *container = top_parent != EVG_NO_INDEX ? f->cluster[top_parent] : root;
    while (depth && container)
        container = make_cluster(f, root, container, f->chain[--depth]);
    return container;
}

/* 0 for the least active, 1 for the most, on a square-root scale. */
static double scale01(uint32_t value, uint32_t max)
{
    return max > 1 && value > 0 ? sqrt((double)(value - 1) / (double)(max - 1)) : 0.0;
}

/* The label of a node: its name (wrapped, at most three lines) and its
 * events. Sizes follow the scale of every period together, so a node in one
 * period never outgrows the place laid out for all of them. */
static void node_label(evg__buf *label, const figure *f, const evg__ag_node *nd,
                       uint64_t activity)
{
    double weight = scale01(activity, f->all->max_activity);
    bool bold = nd->kind == EVG_ACTOR_STATE && activity && !nd->others;
    evg__buf_printf(label, "<FONT POINT-SIZE=\"%.1f\"%s>%s", evg__ag_pt(f, NODE_PT + 1.5 * weight),
                    activity ? "" : " COLOR=\"" FAINT_COLOR "\"", bold ? "<B>" : "");
    evg__ag_html_wrapped(label, nd->name, NAME_LINE_MAX, NAME_LINES_MAX);
    evg__buf_printf(label, "%s</FONT>", bold ? "</B>" : "");
    if (activity)
        evg__buf_printf(label,
                        "<BR/><FONT POINT-SIZE=\"%.1f\" COLOR=\"" MUTED_COLOR
                        "\">%llu event%s</FONT>",
                        evg__ag_pt(f, COUNT_PT), (unsigned long long)activity, activity == 1 ? "" : "s");
}

/* The id, class and tooltip of a node's SVG. */
static int node_web(figure *f, Agnode_t *n, const evg__ag_node *nd, uint64_t activity)
{
    char web_id[256], cls[64], hold[24];
    evg__svg_id(f->web, web_id, sizeof web_id, nd->others ? "others" : NULL, nd->id);
    evg__gv_set(n, "id", web_id, "");
    snprintf(cls, sizeof cls, "actor%s kind-%s", nd->others ? " others" : "",
             evg__actor_kind_label(nd->kind));
    for (char *p = strstr(cls, "kind-"); *p; p++)
        *p = *p == ' ' ? '-' : *p;
    evg__gv_set(n, "class", cls, "");
    evg__buf tip = {0};
    evg__buf_str(&tip, nd->name);
    evg__buf_printf(&tip, " (%s): %llu event%s", evg__actor_kind_label(nd->kind),
                    (unsigned long long)activity, activity == 1 ? "" : "s");
    int rc = tip.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        evg__svg_hold(f->web, hold, tip.data);
        evg__gv_set(n, "tooltip", hold, "");
    }
    free(tip.data);
    return rc;
}

static int add_node(figure *f, Agraph_t *root, uint32_t actor)
{
    evg__ag_node nd;
    evg__ag_node_get(&nd, f, actor);
    Agraph_t *container = root;
    if (f->style.clusters && !nd.others && f->has_members[actor])
        container = cluster_of(f, root, actor);
    else if (f->style.clusters && nd.parent != EVG_NO_INDEX)
        container = cluster_of(f, root, nd.parent);
    if (container == NULL)
        return EVG_ENOMEM;
    char name[128];
    evg__ag_node_name(name, sizeof name, f, actor);
    Agnode_t *n = agnode(container, name, 1);
    if (n == NULL)
        return EVG_ENOMEM;
    f->node[actor] = n;

    uint64_t activity = f->shown->activity[actor];
    const char *color = nd.others ? NULL : evg__ag_actor_color(f->model, actor);
    char fill[8];
    evg__ag_tint(fill, color ? color : NEUTRAL_COLOR, 0.16);
    evg__buf label = {0};
    node_label(&label, f, &nd, activity);
    if (label.failed) {
        free(label.data);
        return EVG_ENOMEM;
    }
    evg__ag_set_html(n, "label", label.data);
    free(label.data);
    const evg__ag_kind_style *ks = evg__ag_kind(nd.kind);
    evg__gv_set(n, "shape", ks->shape, "ellipse");
    evg__gv_set(n, "style", nd.others ? "dashed,filled" : ks->style, "");
    evg__gv_set(n, "fillcolor", activity ? fill : "white", "");
    evg__gv_set(n, "color", activity ? (color ? color : NEUTRAL_COLOR) : FAINT_COLOR, "");
    set_number(n, "penwidth", nd.kind == EVG_ACTOR_STATE && !nd.others ? 1.8 : 1.0);
    evg__gv_set(n, "margin", ks->margin, "");
    if (f->pinned) {
        char pos[64];
        snprintf(pos, sizeof pos, "%.2f,%.2f!", f->pinned->x[actor], f->pinned->y[actor]);
        evg__gv_set(n, "pos", pos, "");
    }
    return f->web ? node_web(f, n, &nd, activity) : 0;
}

/* The relation of an edge that is more than half its events, or NULL. */
static const evg__actors_rel *main_rel(const figure *f, const evg__actors_edge *edge)
{
    uint64_t total = 0;
    const evg__actors_rel *most = NULL;
    for (uint32_t i = 0; i < edge->rel_count; i++) {
        const evg__actors_rel *r = &f->shown->rels[edge->rel_first + i];
        total += r->count;
        if (most == NULL || r->count > most->count)
            most = r;
    }
    return most && most->count * 2 > total ? most : NULL;
}

/* Whether the edge is drawn as one line for several types. */
static bool mixed_edge(const figure *f, const evg__actors_edge *edge)
{
    return f->mixed_edges && edge->rel_count > 1;
}

/* The edge label: "accuses ×3" (a line per type when aggregating all,
 * "mostly accuses ×9" or "mixed ×9" for a mixed edge), then the date span. */
static void edge_label(evg__buf *t, const figure *f, const evg__actors_edge *edge)
{
    if (f->count_labels) {
        evg__buf_printf(t, "\u00D7%llu", (unsigned long long)edge->count);
        return;
    }
    if (mixed_edge(f, edge)) {
        const evg__actors_rel *r = main_rel(f, edge);
        if (r) {
            evg__buf_str(t, "mostly ");
            evg__ag_verb(t, evg_model_type(f->model, r->type));
        } else {
            evg__buf_str(t, "mixed");
        }
        evg__buf_printf(t, "\\n\u00D7%llu", (unsigned long long)edge->count);
    }
    /* The count goes under the verb, so a label column stays as narrow as
     * its longest verb or date. */
    for (uint32_t i = 0; i < edge->rel_count && !mixed_edge(f, edge); i++) {
        const evg__actors_rel *r = &f->shown->rels[edge->rel_first + i];
        if (i)
            evg__buf_str(t, "\\n");
        evg__ag_verb(t, evg_model_type(f->model, r->type));
        if (r->count > 1)
            evg__buf_printf(t, "\\n\u00D7%llu", (unsigned long long)r->count);
    }
    if (f->short_labels)
        return; /* the dates are in the tooltip and the caption says so */
    evg__buf_str(t, "\\n");
    evg__ag_date(t, &edge->first);
    /* A span takes two lines: columns stay narrow, and height is cheap in
     * a left-to-right layout on a portrait page. */
    if (evg_date_compare(&edge->first, &edge->last) != 0) {
        evg__buf_str(t, " \u2013\\n");
        evg__ag_date(t, &edge->last);
    }
}

/* Whether an edge's label is laid out with the graph (`label`) or placed
 * beside it afterwards (`xlabel`). An edge within one top-level cluster
 * joins two nodes of one rank in dot, and a laid-out label on such a flat
 * edge makes Graphviz 2.43 free a pointer it did not allocate (seen under
 * valgrind; fatal under ASan). */
/* A node's root: an actor's farthest ancestor; an "others" node itself. */
static uint32_t root_of(const figure *f, uint32_t node)
{
    return node < f->all->actor_count ? evg__actor_root(f->model, node) : node;
}

bool evg__ag_laid_out_label(const figure *f, const evg__actors_edge *edge)
{
    if (!f->style.edge_labels)
        return false;
    if (f->style.clusters && edge->from != edge->to &&
        root_of(f, edge->from) == root_of(f, edge->to))
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
            evg__gv_set(e, evg__ag_laid_out_label(f, place) ? "lp" : "xlp", f->pinned->label_pos[index],
                        "");
    }
    if (edge == NULL) {
        evg__gv_set(e, "style", "invis", "");
        return 0;
    }
    evg__buf label = {0}, color = {0};
    edge_label(&label, f, edge);
    if (mixed_edge(f, edge)) {
        const evg__actors_rel *r = main_rel(f, edge);
        evg__buf_str(&color, r ? evg_model_type(f->model, r->type)->color : NEUTRAL_COLOR);
    }
    for (uint32_t i = 0; i < edge->rel_count && !mixed_edge(f, edge); i++) {
        const evg__actors_rel *r = &f->shown->rels[edge->rel_first + i];
        evg__buf_printf(&color, "%s%s", i ? ":" : "", evg_model_type(f->model, r->type)->color);
    }
    int rc = label.failed || color.failed ? EVG_ENOMEM : 0;
    if (rc == 0) {
        evg__gv_set(e, evg__ag_laid_out_label(f, place) ? "label" : "xlabel", label.data, "");
        evg__gv_set(e, "color", color.data, "");
        if (edge->undirected)
            evg__gv_set(e, "dir", "none", "");
        const evg__actors_rel *first = mixed_edge(f, edge) ? main_rel(f, edge)
                                                           : &f->shown->rels[edge->rel_first];
        unsigned char line = first ? f->type_line[first->type] : 0;
        if (line)
            evg__gv_set(e, "style", evg__ag_line_style(line), "");
        double width = 1.0;
        if (f->all->max_count > 1)
            width += 4.0 * log((double)edge->count) / log((double)f->all->max_count);
        /* A mix of types is drawn as parallel lines, one per colour: the
         * band together is as wide as one line for the same count. */
        set_number(e, "penwidth",
                   mixed_edge(f, edge) ? width : fmax(1.0, width / edge->rel_count));
        if (f->web) {
            evg__buf cls = {0}, tip = {0};
            evg__buf_str(&cls, "relation");
            for (uint32_t i = 0; i < edge->rel_count; i++) {
                char type[120];
                evg__svg_name(type, sizeof type,
                              evg_model_type(f->model, f->shown->rels[edge->rel_first + i].type)->id);
                evg__buf_printf(&cls, " type-%s", type);
            }
            evg__ag_node ends[2];
            evg__ag_node_get(&ends[0], f, place->from);
            evg__ag_node_get(&ends[1], f, place->to);
            evg__buf_str(&tip, ends[0].name);
            evg__buf_str(&tip, edge->undirected ? " \u2013 " : " \u2192 ");
            evg__buf_str(&tip, ends[1].name);
            evg__buf_str(&tip, ": ");
            /* The label's text, its line breaks as such. */
            for (const char *p = label.data; p && *p; p++) {
                if (p[0] == '\\' && p[1] == 'n')
                    evg__buf_str(&tip, tip.len >= 3 && strcmp(tip.data + tip.len - 3, "\u2013") == 0
                                       ? " "
                                       : "; "),
                        p++;
                else if (p[0] == '\\' && p[1] == '\\')
                    evg__buf_str(&tip, "\\"), p++;
                else
                    evg__buf_add(&tip, p, 1);
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

Agraph_t *evg__ag_open(const char *name)
{
    return agopen((char *)name, Agdirected, &seq_disc);
}

/* Builds one figure's graph; NULL when out of memory. */
static Agraph_t *build_graph(figure *f, const char *graph_name)
{
    Agraph_t *g = evg__ag_open(graph_name);
    if (g == NULL)
        return NULL;
    /* Defaults first, so the DOT file states them once. */
    agattr(g, AGRAPH, "fontname", FONT);
    agattr(g, AGRAPH, "fontcolor", TEXT_COLOR);
    agattr(g, AGRAPH, "bgcolor", "white");
    char pad[32];
    snprintf(pad, sizeof pad, "%g", PAD_PT / 72.0);
    agattr(g, AGRAPH, "pad", pad);
    agattr(g, AGRAPH, "outputorder", "edgesfirst");
    /* No `size`: the graph is laid out at the size it is printed, and the
     * figure driver draws fewer actors until it fits the page (but sfdp). */
    if (f->scale_to_width) {
        char size[64];
        snprintf(size, sizeof size, "%.2f,1000", f->width / 72.0);
        agattr(g, AGRAPH, "size", size);
    }
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
    char edge_pt[32];
    snprintf(edge_pt, sizeof edge_pt, "%.1f", evg__ag_pt(f, EDGE_PT));
    agattr(g, AGEDGE, "fontsize", edge_pt);
    agattr(g, AGEDGE, "fontcolor", TEXT_COLOR);
    agattr(g, AGEDGE, "arrowsize", "0.7");
    set_engine(g, &f->style, f->pinned != NULL);

    size_t actors = f->all->actor_count;
    int rc = 0;
    for (size_t k = 0; k < f->all->node_count && rc == 0; k++)
        if (f->all->degree[f->all->actor_order[k]])
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
        if (!f->all->degree[a])
            continue;
        uint32_t up = evg_model_actor(f->model, a)->parent;
        for (size_t depth = 0; up != EVG_NO_INDEX && !f->all->degree[up] && depth < actors; depth++)
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
        rc = evg__ag_graph_label(f, g);
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

void evg__ag_built_free(evg__ag_built *b)
{
    if (b->graph)
        agclose(b->graph);
    free(b->dot);
    memset(b, 0, sizeof *b);
}

int evg__ag_build(evg__ag_built *out, figure *f, const char *graph_name, evg__reporter *rep)
{
    memset(out, 0, sizeof *out);
    Agraph_t *g = build_graph(f, graph_name);
    if (g == NULL)
        return EVG_ENOMEM;
    FILE *mem = open_memstream(&out->dot, &out->dot_len);
    int rc = mem && agwrite(g, mem) == 0 ? 0 : EVG_ENOMEM;
    if (mem && fclose(mem) != 0)
        rc = EVG_ENOMEM;
    agclose(g);
    FILE *in = rc == 0 ? fmemopen(out->dot, out->dot_len, "r") : NULL;
    /* The reader's errors (a string past its limits) fail the figure. */
    evg__gv_listen(rep);
    if (in == NULL || (out->graph = agread(in, &seq_disc)) == NULL)
        rc = rc ? rc : in == NULL ? EVG_ENOMEM : EVG_ERENDER;
    rc = evg__gv_stop_listening(rc, rep);
    if (in)
        fclose(in);
    if (rc) {
        evg__ag_built_free(out);
        return rc;
    }
    return 0;
}
