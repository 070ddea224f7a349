/* Reading a laid-out actor graph back, for --by: the graph of all periods
 * is laid out once, and each period is drawn with every position, spline
 * and label place pinned from it. */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    evg__buf t = {0};
    const splines *spl = ED_spl(e);
    for (int i = 0; spl && i < spl->size; i++) {
        const bezier *bz = &spl->list[i];
        if (i)
            evg__buf_str(&t, ";");
        if (bz->sflag)
            evg__buf_printf(&t, "s,%.2f,%.2f ", bz->sp.x, bz->sp.y);
        if (bz->eflag)
            evg__buf_printf(&t, "e,%.2f,%.2f ", bz->ep.x, bz->ep.y);
        for (int j = 0; j < bz->size; j++)
            evg__buf_printf(&t, "%s%.2f,%.2f", j ? " " : "", bz->list[j].x, bz->list[j].y);
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
 * made it, from the outermost parent in (a subgraph is found by name only
 * among its parent's subgraphs). */
static Agraph_t *find_cluster(Agraph_t *g, const figure *f, uint32_t actor)
{
    size_t depth = 0, actors = f->all->actor_count;
    for (uint32_t up = actor; up != EVG_NO_INDEX && depth <= actors;
         up = evg_model_actor(f->model, up)->parent)
        f->chain[depth++] = up;
    if (depth > actors)
        return NULL;
    Agraph_t *container = g;
    while (depth && container) {
        char name[160], id[128];
        evg__ag_node_name(id, sizeof id, f, f->chain[--depth]);
        snprintf(name, sizeof name, "cluster_%s", id);
        container = agsubg(container, name, 0);
    }
    return container;
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
    for (size_t a = 0; a < f->all->node_count; a++) {
        if (f->node[a]) {
            evg__ag_node_name(name, sizeof name, f, (uint32_t)a);
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
        if (a < f->all->actor_count && f->cluster[a]) {
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
        textlabel_t *label = evg__ag_laid_out_label(f, edge) ? ED_label(e) : ED_xlabel(e);
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

int evg__ag_measure_label(figure *f, double size[2], evg__reporter *rep)
{
    Agraph_t *g = evg__ag_open("legend");
    if (g == NULL)
        return EVG_ENOMEM;
    agattr(g, AGRAPH, "fontname", FONT);
    agattr(g, AGRAPH, "fontcolor", TEXT_COLOR);
    int rc = evg__ag_graph_label(f, g);
    if (rc == 0)
        rc = evg__gv_layout(g, "dot", rep, read_label_size, size);
    agclose(g);
    return rc;
}

/* Pairs each edge of the graph of all periods with the same edge of one
 * period (-1 when the period has none). Both lists are sorted alike; by
 * event, a period's edges are a run of the whole list. */
void evg__ag_match_edges(int32_t *out, const evg__actors_graph *all,
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

void evg__ag_positions_free(positions *pos, size_t edges)
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

int evg__ag_pin(positions *pos, figure *f, evg__reporter *rep)
{
    size_t actors = f->all->node_count, edges = f->all->edge_count;
    memset(pos, 0, sizeof *pos);
    pos->x = calloc(actors + 1, sizeof *pos->x);
    pos->y = calloc(actors + 1, sizeof *pos->y);
    pos->bb = calloc(4 * (actors + 1), sizeof *pos->bb);
    pos->has_bb = calloc(actors + 1, sizeof *pos->has_bb);
    pos->edge_pos = calloc(edges + 1, sizeof *pos->edge_pos);
    pos->label_pos = calloc(edges + 1, sizeof *pos->label_pos);
    if (pos->x == NULL || pos->y == NULL || pos->bb == NULL || pos->has_bb == NULL ||
        pos->edge_pos == NULL || pos->label_pos == NULL)
        return EVG_ENOMEM;
    evg__ag_built fig;
    evg__gv_lock();
    int rc = evg__ag_build(&fig, f, "actors", rep);
    if (rc == 0) {
        reading r = {f, pos, false};
        rc = evg__gv_layout(fig.graph, f->style.engine, rep, read_positions, &r);
        if (rc == 0 && r.failed)
            rc = EVG_ENOMEM;
        evg__ag_built_free(&fig);
    }
    evg__gv_unlock();
    return rc;
}

/* ---- fitting: the size of a laid-out figure and its overlapping texts ---- */

typedef struct fit_box {
    double x0, y0, x1, y1;
} fit_box;

typedef struct fit_reading {
    figure *f;
    evg__ag_fit *fit;
    fit_box *boxes;
    size_t count, cap;
    bool failed;
} fit_reading;

static void add_box(fit_reading *r, double cx, double cy, double w, double h)
{
    if (w <= 0 || h <= 0)
        return;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        fit_box *grown = realloc(r->boxes, cap * sizeof *grown);
        if (grown == NULL) {
            r->failed = true;
            return;
        }
        r->boxes = grown;
        r->cap = cap;
    }
    r->boxes[r->count++] = (fit_box){cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

static void add_label_box(fit_reading *r, const textlabel_t *label)
{
    if (label && label->set)
        add_box(r, label->pos.x, label->pos.y, label->dimen.x, label->dimen.y);
}

/* Every node's text and every label is a box; two boxes closer than a
 * point (or overlapping) count as an overlap. */
static void read_fit(Agraph_t *g, void *payload)
{
    fit_reading *r = payload;
    boxf bb = GD_bb(g);
    r->fit->width = bb.UR.x - bb.LL.x + 2 * PAD_PT; /* the pad on each side */
    r->fit->height = bb.UR.y - bb.LL.y + 2 * PAD_PT;
    /* A node counts by its text: a label may cross the corner of an
     * ellipse's bounding box, not the name inside. */
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        if (ND_label(n))
            add_box(r, ND_coord(n).x, ND_coord(n).y, ND_label(n)->dimen.x, ND_label(n)->dimen.y);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            add_label_box(r, ED_label(e));
            add_label_box(r, ED_xlabel(e));
        }
    }
    if (GD_label(g) && GD_label(g)->set)
        add_label_box(r, GD_label(g));
    for (int c = 1; c <= GD_n_cluster(g); c++)
        add_label_box(r, GD_label(GD_clust(g)[c]));
    size_t overlaps = 0;
    for (size_t i = 0; i < r->count; i++) {
        const fit_box *a = &r->boxes[i];
        for (size_t j = i + 1; j < r->count; j++) {
            const fit_box *b = &r->boxes[j];
            if (a->x0 < b->x1 + 1 && b->x0 < a->x1 + 1 && a->y0 < b->y1 + 1 && b->y0 < a->y1 + 1) {
                overlaps++;
            }
        }
    }
    r->fit->overlaps = overlaps;
}

int evg__ag_fit_measure(evg__ag_fit *out, figure *f, evg__reporter *rep)
{
    memset(out, 0, sizeof *out);
    evg__ag_built fig;
    evg__gv_lock();
    int rc = evg__ag_build(&fig, f, "actors", rep);
    if (rc == 0) {
        fit_reading r = {f, out, NULL, 0, 0, false};
        rc = evg__gv_layout(fig.graph, f->style.engine, rep, read_fit, &r);
        if (rc == 0 && r.failed)
            rc = EVG_ENOMEM;
        free(r.boxes);
        evg__ag_built_free(&fig);
    }
    evg__gv_unlock();
    return rc;
}
