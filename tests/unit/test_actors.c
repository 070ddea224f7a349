/* The actor-relation aggregation against counts made by hand from
 * tests/data/actors (14 events; see the comments at each check). */
#include <evgraph/evgraph.h>

#include "actors_int.h"
#include "check.h"
#include "sources_int.h"

#include <stdlib.h>
#include <string.h>

static evg_model *model;

static uint32_t actor(const char *id)
{
    uint32_t index = evg_model_find_actor(model, id);
    if (index == EVG_NO_INDEX)
        fprintf(stderr, "no actor '%s' in the test data\n", id);
    return index;
}

/* The edge from `from` to `to` (with `type` when not NULL), or NULL. */
static const evg__actors_edge *edge(const evg__actors_graph *g, const char *from, const char *to,
                                    const char *type)
{
    uint32_t f = actor(from), t = actor(to);
    uint32_t ty = type ? evg_model_find_type(model, type) : EVG_NO_INDEX;
    for (size_t i = 0; i < g->edge_count; i++) {
        const evg__actors_edge *e = &g->edges[i];
        if (e->from == f && e->to == t && (type == NULL || g->rels[e->rel_first].type == ty))
            return e;
    }
    return NULL;
}

static uint32_t edge_count_of(const evg__actors_graph *g, const char *from, const char *to,
                              const char *type)
{
    const evg__actors_edge *e = edge(g, from, to, type);
    return e ? e->count : 0;
}

static const char *date_text(const evg_date *d)
{
    static char buf[4][EVG_DATE_TEXT_MAX];
    static int next;
    char *out = buf[next++ % 4];
    evg_date_format(out, EVG_DATE_TEXT_MAX, d);
    return out;
}

/* All events, in model order. */
static uint32_t *all_events(size_t *count)
{
    uint32_t *events;
    int rc = evg_filter_select(&events, count, model, NULL, NULL, NULL);
    CHECK_INT(rc, 0);
    return events;
}

static void aggregate(evg__actors_graph *g, evg_actors_aggregate how, bool collapse,
                      bool self_loops)
{
    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    opts.aggregate = how;
    opts.collapse = collapse;
    opts.self_loops = self_loops;
    size_t count;
    uint32_t *events = all_events(&count);
    CHECK_INT(count, 14);
    CHECK_INT(evg__actors_aggregate(g, model, events, count, &opts, NULL), 0);
    free(events);
}

static void test_by_type(void)
{
    evg__actors_graph g;
    aggregate(&g, EVG_ACTORS_AGGREGATE_TYPE, false, false);
    CHECK_INT(g.event_count, 14);
    /* Ten (actor, target, type) triples; e13 (ru -> ru) is a self-relation. */
    CHECK_INT(g.edge_count, 10);
    CHECK_INT(g.rel_count, 10);
    CHECK_INT(g.self_relations, 1);
    /* e1, e2, e3 */
    CHECK_INT(edge_count_of(&g, "ru-pm", "gr", "accusation"), 3);
    const evg__actors_edge *e = edge(&g, "ru-pm", "gr", "accusation");
    if (e) {
        CHECK_STR(date_text(&e->first), "2016-01-05");
        CHECK_STR(date_text(&e->last), "2016-02-10");
    }
    CHECK_INT(edge_count_of(&g, "ru-pm", "gr-pm", "accusation"), 1); /* e3's second target */
    CHECK_INT(edge_count_of(&g, "ru-pm", "gr", "statement"), 1);     /* e14 */
    CHECK_INT(edge_count_of(&g, "gr", "ru", "statement"), 1);        /* e4 */
    /* e5, and e6 whose target list names rebels twice: one event, counted once */
    CHECK_INT(edge_count_of(&g, "ru", "rebels", "airstrike"), 2);
    CHECK_INT(edge_count_of(&g, "ru-pm", "ru-min-head", "visit"), 1); /* e7 */
    /* e8 is a span: its date span ends with its end date */
    e = edge(&g, "ru-min", "gr", "agreement");
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->count, 1);
        CHECK_STR(date_text(&e->first), "2016-06-01");
        CHECK_STR(date_text(&e->last), "2016-08-15");
    }
    CHECK_INT(edge_count_of(&g, "net", "esc", "statement"), 1);      /* e9 */
    CHECK_INT(edge_count_of(&g, "esc", "net", "statement"), 1);      /* e11, dated 2016 */
    CHECK_INT(edge_count_of(&g, "gr-pm", "ru-pm", "accusation"), 1); /* e12 */
    CHECK(edge(&g, "ru", "ru", NULL) == NULL);
    CHECK(edge(&g, "rebels", "rebels", NULL) == NULL);

    /* Activity: events an actor takes part in, as actor or target; e10
     * (rebels, no target) counts for rebels. */
    CHECK_INT(g.activity[actor("ru-pm")], 6);  /* e1 e2 e3 e7 e12 e14 */
    CHECK_INT(g.activity[actor("gr")], 6);     /* e1 e2 e3 e4 e8 e14 */
    CHECK_INT(g.activity[actor("gr-pm")], 2);  /* e3 e12 */
    CHECK_INT(g.activity[actor("ru")], 4);     /* e4 e5 e6 e13 */
    CHECK_INT(g.activity[actor("rebels")], 3); /* e5 e6 e10 */
    CHECK_INT(g.activity[actor("ru-min-head")], 1);
    CHECK_INT(g.activity[actor("ru-min")], 1);
    CHECK_INT(g.activity[actor("net")], 2);
    CHECK_INT(g.activity[actor("esc")], 2);
    CHECK_INT(g.max_activity, 6);
    CHECK_INT(g.max_count, 3);

    /* Edges are sorted by the ids of (from, to, type), so the output does
     * not follow the order of rows in the CSVs. */
    for (size_t i = 1; i < g.edge_count; i++) {
        const evg__actors_edge *a = &g.edges[i - 1], *b = &g.edges[i];
        int from = strcmp(evg_model_actor(model, a->from)->id, evg_model_actor(model, b->from)->id);
        int to = strcmp(evg_model_actor(model, a->to)->id, evg_model_actor(model, b->to)->id);
        int type = strcmp(evg_model_type(model, g.rels[a->rel_first].type)->id,
                          evg_model_type(model, g.rels[b->rel_first].type)->id);
        CHECK(from < 0 || (from == 0 && (to < 0 || (to == 0 && type < 0))));
    }
    /* The first edge: esc (the smallest id) -> net. */
    CHECK_INT(g.edges[0].from, actor("esc"));
    for (size_t k = 1; k < g.actor_count; k++)
        CHECK(strcmp(evg_model_actor(model, g.actor_order[k - 1])->id,
                     evg_model_actor(model, g.actor_order[k])->id) < 0);
    CHECK_INT(g.actor_rank[actor("esc")], 0);
    CHECK_INT(g.type_rank[evg_model_find_type(model, "accusation")], 0);
    /* Types drawn: accusation, statement, airstrike, visit, agreement; not
     * attack (e10 has no target). */
    CHECK(g.type_used[evg_model_find_type(model, "accusation")]);
    CHECK(g.type_used[evg_model_find_type(model, "agreement")]);
    CHECK(!g.type_used[evg_model_find_type(model, "attack")]);
    CHECK(!g.type_used[evg_model_find_type(model, "ceasefire")]);
    evg__actors_graph_free(&g);
}

static void test_self_loops(void)
{
    evg__actors_graph g;
    aggregate(&g, EVG_ACTORS_AGGREGATE_TYPE, false, true);
    CHECK_INT(g.edge_count, 11);
    CHECK_INT(g.self_relations, 0);
    CHECK_INT(edge_count_of(&g, "ru", "ru", "accusation"), 1); /* e13 */
    /* Drawn or not, the activity is the same. */
    CHECK_INT(g.activity[actor("ru")], 4);
    evg__actors_graph_free(&g);
}

static void test_collapse(void)
{
    evg__actors_graph g;
    aggregate(&g, EVG_ACTORS_AGGREGATE_TYPE, true, false);
    /* Members fold into their top-level parent: ru-pm, ru-min and (through
     * ru-min) ru-min-head into ru; gr-pm into gr. */
    CHECK_INT(g.node_of[actor("ru-min-head")], actor("ru"));
    CHECK_INT(g.node_of[actor("gr-pm")], actor("gr"));
    CHECK_INT(g.node_of[actor("net")], actor("net"));
    /* e3 targets gr and gr-pm: one gr relation, not two. */
    CHECK_INT(edge_count_of(&g, "ru", "gr", "accusation"), 3);
    CHECK_INT(edge_count_of(&g, "ru", "gr", "agreement"), 1);
    CHECK_INT(edge_count_of(&g, "ru", "gr", "statement"), 1);
    CHECK_INT(edge_count_of(&g, "gr", "ru", "statement"), 1);
    CHECK_INT(edge_count_of(&g, "gr", "ru", "accusation"), 1); /* e12: gr-pm -> ru-pm */
    CHECK_INT(edge_count_of(&g, "ru", "rebels", "airstrike"), 2);
    CHECK_INT(g.edge_count, 8);
    /* e7 (ru-pm visits ru-min-head) and e13 become ru -> ru. */
    CHECK_INT(g.self_relations, 2);
    CHECK_INT(g.activity[actor("ru")], 11); /* every event but e9 e10 e11 */
    CHECK_INT(g.activity[actor("gr")], 7);  /* e1 e2 e3 e4 e8 e12 e14 */
    CHECK_INT(g.activity[actor("ru-pm")], 0);
    CHECK_INT(g.activity[actor("gr-pm")], 0);
    evg__actors_graph_free(&g);
}

static void test_by_pair(void)
{
    evg__actors_graph g;
    aggregate(&g, EVG_ACTORS_AGGREGATE_ALL, false, false);
    CHECK_INT(g.edge_count, 9);
    CHECK_INT(g.rel_count, 10);
    /* ru-pm -> gr: 3 accusations and a statement in one edge, the most
     * frequent type first. */
    const evg__actors_edge *e = edge(&g, "ru-pm", "gr", NULL);
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->count, 4);
        CHECK_INT(e->rel_count, 2);
        CHECK_INT(g.rels[e->rel_first].type, evg_model_find_type(model, "accusation"));
        CHECK_INT(g.rels[e->rel_first].count, 3);
        CHECK_INT(g.rels[e->rel_first + 1].type, evg_model_find_type(model, "statement"));
        CHECK_STR(date_text(&e->first), "2016-01-05");
        CHECK_STR(date_text(&e->last), "2016-11-15");
    }
    CHECK_INT(g.max_count, 4);
    evg__actors_graph_free(&g);
}

static void test_by_event(void)
{
    evg__actors_graph g;
    aggregate(&g, EVG_ACTORS_AGGREGATE_NONE, false, false);
    /* One edge per (event, target): e3 has two, e6's repeated target one,
     * e10 none, e13 is a self-relation. */
    CHECK_INT(g.edge_count, 13);
    CHECK_INT(g.self_relations, 1);
    CHECK_INT(g.max_count, 1);
    /* In event order. */
    for (size_t i = 1; i < g.edge_count; i++)
        CHECK(g.rels[g.edges[i - 1].rel_first].event <= g.rels[g.edges[i].rel_first].event);
    size_t accusations = 0;
    for (size_t i = 0; i < g.edge_count; i++)
        accusations += g.edges[i].from == actor("ru-pm") && g.edges[i].to == actor("gr") &&
                       g.rels[g.edges[i].rel_first].type ==
                           evg_model_find_type(model, "accusation");
    CHECK_INT(accusations, 3);
    evg__actors_graph_free(&g);
}

static void test_filtered(void)
{
    /* --from 2016-04 --to 2016-06: e5 e6 e7 e8 (e8 starts in June) and e11
     * (2016 covers the whole window). */
    evg_filter filter = {"2016-04", "2016-06", NULL, NULL};
    uint32_t *events;
    size_t count;
    CHECK_INT(evg_filter_select(&events, &count, model, &filter, NULL, NULL), 0);
    CHECK_INT(count, 5);
    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    evg__actors_graph g;
    CHECK_INT(evg__actors_aggregate(&g, model, events, count, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 4);
    CHECK_INT(edge_count_of(&g, "ru", "rebels", "airstrike"), 2);
    CHECK_INT(g.activity[actor("gr")], 1);
    evg__actors_graph_free(&g);
    free(events);

    /* No events: an empty graph, not an error. */
    CHECK_INT(evg__actors_aggregate(&g, model, NULL, 0, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 0);
    CHECK_INT(g.max_count, 0);
    CHECK_INT(g.max_activity, 0);
    evg__actors_graph_free(&g);
}

static void test_periods(void)
{
    size_t count;
    uint32_t *events = all_events(&count);
    size_t *starts, periods, coarse;
    int32_t *keys;
    char name[EVG__PERIOD_NAME_MAX];

    /* By quarter: e11 (2016) sorts first and counts in Q1, flagged coarse. */
    CHECK_INT(evg__period_split(&starts, &keys, &periods, &coarse, model, events, count,
                                EVG_PERIOD_QUARTER),
              0);
    CHECK_INT(periods, 4);
    CHECK_INT(coarse, 1);
    static const size_t quarter_sizes[] = {5, 4, 3, 2}; /* e11 e1-e4 | e5-e8 | e9 e10 e12 | e13 e14 */
    static const char *const quarter_names[] = {"2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"};
    for (size_t p = 0; p < periods && p < 4; p++) {
        CHECK_INT(starts[p + 1] - starts[p], quarter_sizes[p]);
        evg__period_name(name, sizeof name, keys[p], EVG_PERIOD_QUARTER);
        CHECK_STR(name, quarter_names[p]);
    }
    /* Each period aggregates on its own; together they add up to the whole. */
    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    evg__actors_graph q1;
    CHECK_INT(evg__actors_aggregate(&q1, model, events + starts[0], starts[1] - starts[0], &opts, NULL),
              0);
    CHECK_INT(edge_count_of(&q1, "ru-pm", "gr", "accusation"), 3);
    CHECK_INT(edge_count_of(&q1, "esc", "net", "statement"), 1);
    CHECK(edge(&q1, "ru", "rebels", NULL) == NULL);
    evg__actors_graph_free(&q1);
    free(starts);
    free(keys);

    CHECK_INT(evg__period_split(&starts, &keys, &periods, &coarse, model, events, count,
                                EVG_PERIOD_MONTH),
              0);
    CHECK_INT(periods, 10); /* Jan Feb Mar Apr May Jun Jul Sep Oct Nov */
    CHECK_INT(coarse, 1);
    evg__period_name(name, sizeof name, keys[0], EVG_PERIOD_MONTH);
    CHECK_STR(name, "2016-01");
    CHECK_INT(starts[1] - starts[0], 3); /* e11 e1 e2 */
    evg__period_name(name, sizeof name, keys[periods - 1], EVG_PERIOD_MONTH);
    CHECK_STR(name, "2016-11");
    free(starts);
    free(keys);

    CHECK_INT(evg__period_split(&starts, &keys, &periods, &coarse, model, events, count,
                                EVG_PERIOD_YEAR),
              0);
    CHECK_INT(periods, 1);
    CHECK_INT(coarse, 0);
    evg__period_name(name, sizeof name, keys[0], EVG_PERIOD_YEAR);
    CHECK_STR(name, "2016");
    free(starts);
    free(keys);
    free(events);

    bool c;
    evg_date d;
    CHECK_INT(evg_date_parse(&d, "2015-12-31", 10), 0);
    evg__period_name(name, sizeof name, evg__period_key(&d, EVG_PERIOD_QUARTER, &c),
                     EVG_PERIOD_QUARTER);
    CHECK_STR(name, "2015-Q4");
    CHECK(!c);
    CHECK_INT(evg_date_parse(&d, "2016-04", 7), 0);
    evg__period_name(name, sizeof name, evg__period_key(&d, EVG_PERIOD_QUARTER, &c),
                     EVG_PERIOD_QUARTER);
    CHECK_STR(name, "2016-Q2");
    CHECK(!c);
}

static void test_names(void)
{
    char buf[64];
    CHECK_INT(evg_period_path(buf, sizeof buf, "out/actors.svg", "2016-Q1"), 22);
    CHECK_STR(buf, "out/actors-2016-Q1.svg");
    evg_period_path(buf, sizeof buf, "actors", "2016");
    CHECK_STR(buf, "actors-2016");
    evg_period_path(buf, sizeof buf, "a.b/c", "2016-01");
    CHECK_STR(buf, "a.b/c-2016-01");
    evg_period_path(buf, sizeof buf, "dir/.hidden", "2016");
    CHECK_STR(buf, "dir/.hidden-2016");
    evg_period_path(buf, sizeof buf, "x.tar.gz", "2016");
    CHECK_STR(buf, "x.tar-2016.gz");

    evg_actors_layout layout;
    CHECK_INT(evg_actors_layout_parse(&layout, "neato"), 0);
    CHECK_INT(layout, EVG_ACTORS_LAYOUT_NEATO);
    CHECK_INT(evg_actors_layout_parse(&layout, "auto"), 0);
    CHECK_INT(layout, EVG_ACTORS_LAYOUT_AUTO);
    CHECK_STR(evg_actors_layout_name(EVG_ACTORS_LAYOUT_CIRCO), "circo");
    CHECK_INT(evg_actors_layout_parse(&layout, "spring"), EVG_EUSAGE);
    evg_actors_aggregate how;
    CHECK_INT(evg_actors_aggregate_parse(&how, "all"), 0);
    CHECK_INT(how, EVG_ACTORS_AGGREGATE_ALL);
    CHECK_INT(evg_actors_aggregate_parse(&how, "pair"), EVG_EUSAGE);
    evg_period by;
    CHECK_INT(evg_period_parse(&by, "quarter"), 0);
    CHECK_INT(by, EVG_PERIOD_QUARTER);
    CHECK_INT(evg_period_parse(&by, "week"), EVG_EUSAGE);

    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    CHECK_INT(opts.layout, EVG_ACTORS_LAYOUT_AUTO);
    CHECK_INT(opts.aggregate, EVG_ACTORS_AGGREGATE_TYPE);
    CHECK(opts.legend);
    CHECK(!opts.collapse && !opts.self_loops);
}

/* ACLED's pairs have no direction: A-B and B-A are one relation, flagged so
 * it is drawn without arrowheads, and kept apart from directed events of the
 * same pair and type. Hand count: side-a/side-b clash 3 times (twice named
 * a first, once b first), once directed (an evgraph row in the same model
 * cannot be mixed in: ACLED files hold only undirected rows). */
static void test_undirected(void)
{
    static const char acled[] =
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2\n"
        "U1,2016-08-15,1,Battles,Armed clash,Side A,Side B\n"
        "U2,2016-08-16,1,Battles,Armed clash,Side B,Side A\n"
        "U3,2016-08-17,1,Battles,Armed clash,Side A,Side B\n"
        "U4,2016-08-18,1,Explosions/Remote violence,Air/drone strike,Side B,Side A\n";
    evg_model *m;
    CHECK_INT(evg_load_memory(&m, "pairs.csv", acled, sizeof acled - 1, NULL), 0);
    if (m == NULL)
        return;
    uint32_t events[4] = {0, 1, 2, 3};
    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    evg__actors_graph g = {0};
    CHECK_INT(evg__actors_aggregate(&g, m, events, 4, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 2); /* the clash pair, and the airstrike pair */
    uint32_t clash = evg_model_find_type(m, "armed-clash");
    for (size_t i = 0; i < g.edge_count; i++) {
        const evg__actors_edge *e = &g.edges[i];
        CHECK(e->undirected);
        CHECK(e->from != e->to);
        if (g.rels[e->rel_first].type == clash)
            CHECK_INT(e->count, 3);
        else
            CHECK_INT(e->count, 1);
    }
    evg__actors_graph_free(&g);
    opts.aggregate = EVG_ACTORS_AGGREGATE_ALL;
    CHECK_INT(evg__actors_aggregate(&g, m, events, 4, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 1);
    if (g.edge_count == 1)
        CHECK_INT(g.edges[0].count, 4);
    evg__actors_graph_free(&g);
    evg_model_free(m);
}

/* Aggregated rows: a `count` column weighs each row, and every count of the
 * graph sums weights, not rows. Hand count: a->b accusation 40 + 2 = 42 in
 * two rows, b->a accusation 3, a->b visit 5, c->a statement 1 (hidden with
 * --min-count 2), b with targets a and a again: one relation of weight 7;
 * a alone (no target) 10. */
static void test_weights(void)
{
    static const char csv[] = "id,date,type,actor,target,count\n"
                              "w1,2016-01-01,accusation,a,b,40\n"
                              "w2,2016-01-02,accusation,a,b,2\n"
                              "w3,2016-01-03,accusation,b,a,3\n"
                              "w4,2016-01-04,visit,a,b,5\n"
                              "w5,2016-01-05,statement,c,a,\n"
                              "w6,2016-01-06,statement,b,a;a,7\n"
                              "w7,2016-01-07,statement,a,,10\n";
    evg_model *m;
    CHECK_INT(evg_load_memory(&m, "weights.csv", csv, sizeof csv - 1, NULL), 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 7);
    uint32_t events[7] = {0, 1, 2, 3, 4, 5, 6};
    uint32_t a = evg_model_find_actor(m, "a"), b = evg_model_find_actor(m, "b"),
             c = evg_model_find_actor(m, "c");
    uint32_t accusation = evg_model_find_type(m, "accusation");
    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    evg__actors_graph g = {0};
    CHECK_INT(evg__actors_aggregate(&g, m, events, 7, &opts, NULL), 0);
    CHECK_INT(g.event_count, 40 + 2 + 3 + 5 + 1 + 7 + 10);
    CHECK_INT(g.edge_count, 5);
    for (size_t i = 0; i < g.edge_count; i++) {
        const evg__actors_edge *e = &g.edges[i];
        uint32_t type = g.rels[e->rel_first].type;
        if (e->from == a && e->to == b)
            CHECK_INT(e->count, type == accusation ? 42 : 5);
        else if (e->from == b && e->to == a)
            CHECK_INT(e->count, type == accusation ? 3 : 7);
        else
            CHECK(e->from == c && e->to == a && e->count == 1);
    }
    CHECK_INT(g.max_count, 42);
    CHECK_INT(g.activity[a], 42 + 3 + 5 + 1 + 7 + 10);
    CHECK_INT(g.activity[b], 42 + 3 + 5 + 7);
    CHECK_INT(g.activity[c], 1);
    CHECK_INT(g.max_activity, 68);
    evg__actors_graph_free(&g);

    /* One edge per pair sums the types; a hidden edge counts its weight. */
    opts.aggregate = EVG_ACTORS_AGGREGATE_ALL;
    opts.min_count = 2;
    CHECK_INT(evg__actors_aggregate(&g, m, events, 7, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 2);
    for (size_t i = 0; i < g.edge_count; i++)
        CHECK_INT(g.edges[i].count, g.edges[i].from == a ? 47 : 10);
    CHECK_INT(g.hidden_edges, 1);
    CHECK_INT(g.hidden_count, 1);
    CHECK_INT(g.unrelated_nodes, 1); /* c, its one relation hidden */
    CHECK_INT(g.unrelated_count, 1);
    evg__actors_graph_free(&g);

    /* By event: one rel per (event, target), each with its row's weight. */
    opts.aggregate = EVG_ACTORS_AGGREGATE_NONE;
    opts.min_count = 0;
    CHECK_INT(evg__actors_aggregate(&g, m, events, 7, &opts, NULL), 0);
    CHECK_INT(g.edge_count, 6);
    CHECK_INT(g.edge_count ? g.edges[0].count : 0, 40);
    CHECK_INT(g.max_count, 40);
    evg__actors_graph_free(&g);
    evg_model_free(m);
}

/* The caption's sources: bounded, the most cited named, alphabetical,
 * de-duplicated without regard to case. Hand count: Reuters 50 + 1 + 1
 * (one row spells it "reuters", one names "BBC; Reuters"), AFP 20, BBC 1
 * and S01..S40 once each: 43 sources, the 8 most cited named. */
static void test_sources(void)
{
    evg__buf csv = {0}, out = {0};
    evg__buf_str(&csv, "id,date,type,actor,target,source,count\n"
                       "r1,2016-01-01,visit,a,b,Reuters,50\n"
                       "r2,2016-01-01,visit,a,b,reuters,\n"
                       "r3,2016-01-01,visit,a,b,BBC; Reuters ,\n"
                       "r4,2016-01-01,visit,a,b,AFP,20\n");
    for (int i = 1; i <= 40; i++)
        evg__buf_printf(&csv, "s%d,2016-01-02,visit,a,b,S%02d,\n", i, i);
    evg_model *m;
    CHECK_INT(evg_load_memory(&m, "sources.csv", csv.data, csv.len, NULL), 0);
    if (m == NULL)
        return;
    uint32_t events[44];
    for (uint32_t i = 0; i < 44; i++)
        events[i] = i;
    CHECK_INT(evg__sources_caption(&out, m, events, 44), 0);
    CHECK_STR(out.data, "Sources: AFP, BBC, Reuters, S01, S02, S03, S04, S05 and 35 more.");
    out.len = 0;
    CHECK_INT(evg__sources_caption(&out, m, events, 3), 0);
    CHECK_STR(out.data, "Sources: BBC, Reuters.");
    out.len = 0;
    CHECK_INT(evg__sources_caption(&out, m, events, 1), 0);
    CHECK_STR(out.data, "Source: Reuters.");
    evg_model_free(m);

    /* Long names: cut between characters, and at most 200 bytes of them. */
    csv.len = 0;
    evg__buf_str(&csv, "id,date,type,actor,target,source\n");
    for (int i = 0; i < 5; i++) {
        evg__buf_printf(&csv, "l%d,2016-01-01,visit,a,b,%c", i, 'A' + i);
        for (int k = 0; k < 29; k++)
            evg__buf_str(&csv, "\xC3\xA9"); /* é: 59 bytes in all */
        evg__buf_str(&csv, "\xC3\xA9x\n");
    }
    CHECK_INT(evg_load_memory(&m, "long.csv", csv.data, csv.len, NULL), 0);
    if (m) {
        out.len = 0;
        CHECK_INT(evg__sources_caption(&out, m, events, 5), 0);
        /* Each name cut to 59 bytes (60 would split a character): three fit. */
        CHECK(strstr(out.data, "\xC3\xA9\xE2\x80\xA6, B") != NULL);
        CHECK(strstr(out.data, " and 2 more.") != NULL);
        CHECK(strstr(out.data, "x") == NULL);
        evg_model_free(m);
    }
    free(csv.data);
    free(out.data);
}

int main(void)
{
    const char *path = EVG_TEST_DATA "/actors";
    int rc = evg_load(&model, &path, 1, NULL);
    CHECK_INT(rc, 0);
    if (rc)
        CHECK_DONE();
    test_by_type();
    test_self_loops();
    test_collapse();
    test_by_pair();
    test_by_event();
    test_filtered();
    test_periods();
    test_names();
    test_undirected();
    test_weights();
    test_sources();
    evg_model_free(model);
    CHECK_DONE();
}
