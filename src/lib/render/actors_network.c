/* The actor graph as a network for Gephi, Cytoscape, NetworkX or igraph:
 * GraphML and GEXF 1.2. Every aggregated actor and relation, nothing folded
 * or hidden for a page: the network is the data, not a drawing. Nodes are
 * in id order and edges in the aggregation's order, so identical input
 * gives identical bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf_int.h"
#include "render_int.h"

typedef struct network {
    evg__buf *b;
    const evg_model *model;
    const evg__actors_graph *g;
    bool gexf;
} network;

/* Whether node n is in the network: it takes part in a selected event. */
static bool node_in(const network *w, uint32_t n)
{
    return n < w->g->actor_count && w->g->activity[n] != 0;
}

static void xml_attr(evg__buf *b, const char *name, const char *value)
{
    evg__buf_printf(b, " %s=\"", name);
    evg__buf_xml(b, value);
    evg__buf_str(b, "\"");
}

/* One attribute value of a node or edge, as the format writes them. */
static void value(const network *w, const char *key, const char *text)
{
    if (w->gexf) {
        evg__buf_printf(w->b, "          <attvalue for=\"%s\"", key);
        xml_attr(w->b, "value", text);
        evg__buf_str(w->b, "/>\n");
    } else {
        evg__buf_printf(w->b, "      <data key=\"%s\">", key);
        evg__buf_xml_n(w->b, text, strlen(text), false);
        evg__buf_str(w->b, "</data>\n");
    }
}

static void header(const network *w, const char *title)
{
    evg__buf *b = w->b;
    evg__buf_str(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (w->gexf) {
        evg__buf_str(b, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
                        "  <meta>\n    <creator>evgraph</creator>\n");
        if (title) {
            evg__buf_str(b, "    <description>");
            evg__buf_xml_n(b, title, strlen(title), false);
            evg__buf_str(b, "</description>\n");
        }
        evg__buf_str(b, "  </meta>\n"
                        "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
                        "    <attributes class=\"node\">\n"
                        "      <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n"
                        "      <attribute id=\"parent\" title=\"parent\" type=\"string\"/>\n"
                        "      <attribute id=\"events\" title=\"events\" type=\"long\"/>\n"
                        "    </attributes>\n"
                        "    <attributes class=\"edge\">\n"
                        "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
                        "      <attribute id=\"count\" title=\"count\" type=\"long\"/>\n"
                        "      <attribute id=\"first\" title=\"first\" type=\"string\"/>\n"
                        "      <attribute id=\"last\" title=\"last\" type=\"string\"/>\n"
                        "    </attributes>\n");
        return;
    }
    evg__buf_str(
        b, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
           "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
           "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
           "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
           "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
           "  <key id=\"parent\" for=\"node\" attr.name=\"parent\" attr.type=\"string\"/>\n"
           "  <key id=\"events\" for=\"node\" attr.name=\"events\" attr.type=\"long\"/>\n"
           "  <key id=\"type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
           "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
           "  <key id=\"first\" for=\"edge\" attr.name=\"first\" attr.type=\"string\"/>\n"
           "  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
           "  <graph id=\"actors\" edgedefault=\"directed\">\n");
    if (title) {
        evg__buf_str(b, "    <desc>");
        evg__buf_xml_n(b, title, strlen(title), false);
        evg__buf_str(b, "</desc>\n");
    }
}

static void node(const network *w, uint32_t n)
{
    const evg_actor *a = evg_model_actor(w->model, n);
    char events[24];
    snprintf(events, sizeof events, "%llu", (unsigned long long)w->g->activity[n]);
    const char *parent =
        a->parent != EVG_NO_INDEX ? evg_model_actor(w->model, a->parent)->id : "";
    evg__buf_str(w->b, w->gexf ? "      <node" : "    <node");
    xml_attr(w->b, "id", a->id);
    if (w->gexf) {
        xml_attr(w->b, "label", a->name);
        evg__buf_str(w->b, ">\n        <attvalues>\n");
    } else {
        evg__buf_str(w->b, ">\n");
        value(w, "name", a->name);
    }
    value(w, "kind", evg_actor_kind_name(a->kind));
    value(w, "parent", parent);
    value(w, "events", events);
    evg__buf_str(w->b, w->gexf ? "        </attvalues>\n      </node>\n" : "    </node>\n");
}

static void edge(const network *w, size_t index)
{
    const evg__actors_edge *e = &w->g->edges[index];
    evg__buf types = {0};
    for (uint32_t i = 0; i < e->rel_count; i++) {
        const evg__actors_rel *r = &w->g->rels[e->rel_first + i];
        evg__buf_printf(&types, "%s%s", i ? ";" : "", evg_model_type(w->model, r->type)->id);
    }
    char count[24], first[EVG_DATE_TEXT_MAX], last[EVG_DATE_TEXT_MAX];
    snprintf(count, sizeof count, "%llu", (unsigned long long)e->count);
    evg_date_format(first, sizeof first, &e->first);
    evg_date_format(last, sizeof last, &e->last);
    evg__buf_printf(w->b, w->gexf ? "      <edge id=\"%zu\"" : "    <edge id=\"e%zu\"", index);
    xml_attr(w->b, "source", evg_model_actor(w->model, e->from)->id);
    xml_attr(w->b, "target", evg_model_actor(w->model, e->to)->id);
    if (w->gexf) {
        evg__buf_printf(w->b, " weight=\"%s\"%s>\n        <attvalues>\n", count,
                        e->undirected ? " type=\"undirected\"" : "");
    } else {
        evg__buf_str(w->b, e->undirected ? " directed=\"false\">\n" : ">\n");
    }
    value(w, "type", types.data ? types.data : "");
    value(w, "count", count);
    value(w, "first", first);
    value(w, "last", last);
    evg__buf_str(w->b, w->gexf ? "        </attvalues>\n      </edge>\n" : "    </edge>\n");
    if (types.failed)
        w->b->failed = true;
    free(types.data);
}

int evg__actors_network(char **out, size_t *out_len, const evg_model *model,
                        const evg__actors_graph *g, const char *title, evg_format format)
{
    evg__buf b = {0};
    network w = {&b, model, g, format == EVG_FORMAT_GEXF};
    header(&w, title);
    if (w.gexf)
        evg__buf_str(&b, "    <nodes>\n");
    for (size_t i = 0; i < g->actor_count; i++)
        if (node_in(&w, g->actor_order[i]))
            node(&w, g->actor_order[i]);
    if (w.gexf)
        evg__buf_str(&b, "    </nodes>\n    <edges>\n");
    for (size_t i = 0; i < g->edge_count; i++)
        edge(&w, i);
    evg__buf_str(&b, w.gexf ? "    </edges>\n  </graph>\n</gexf>\n" : "  </graph>\n</graphml>\n");
    if (b.failed) {
        free(b.data);
        return EVG_ENOMEM;
    }
    *out = b.data;
    *out_len = b.len;
    return 0;
}
