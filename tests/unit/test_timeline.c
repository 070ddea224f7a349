/* The timeline's layout, checked without Graphviz: nothing overlaps, time
 * is proportional or ordinal as asked, spans and imprecise dates are marked,
 * bins count their events. */
#define _POSIX_C_SOURCE 200809L

#include "timeline_int.h"

#include <evgraph/evgraph.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static evg_model *load(const char *path)
{
    evg_model *model = NULL;
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    if (evg_load(&model, &path, 1, &opts) != 0) {
        fprintf(stderr, "cannot load %s\n", path);
        exit(1);
    }
    return model;
}

/* Lays out every event of the model (or those of `filter`). */
static int layout(evg__tl_layout *out, const evg_model *model, const evg_timeline_opts *opts)
{
    uint32_t *events = NULL;
    size_t count = 0;
    if (evg_filter_select(&events, &count, model, &opts->filter, NULL, NULL) != 0)
        return -100;
    evg__reporter rep = {NULL, NULL, 0, 0, 0, false};
    int rc = evg__tl_layout_build(out, model, events, count, opts, &rep);
    free(events);
    return rc;
}

static bool boxes_overlap(const evg__tl_box *a, const evg__tl_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static bool inside(const evg__tl_box *a, double width, double height)
{
    return a->x >= 0 && a->y >= 0 && a->x + a->w <= width + 1e-9 && a->y + a->h <= height + 1e-9;
}

/* No text overlaps another text or any mark; everything is on the canvas.
 * Returns the number of problems (each reported). */
static int check_no_overlaps(const evg__tl_layout *l, const char *what)
{
    int problems = 0;
    for (size_t i = 0; i < l->text_count; i++) {
        const evg__tl_text *t = &l->texts[i];
        if (!inside(&t->box, l->width, l->height)) {
            fprintf(stderr, "%s: text '%s' leaves the canvas\n", what, t->text);
            problems++;
        }
        for (size_t k = i + 1; k < l->text_count; k++) {
            if (boxes_overlap(&t->box, &l->texts[k].box)) {
                fprintf(stderr, "%s: text '%s' overlaps text '%s'\n", what, t->text,
                        l->texts[k].text);
                problems++;
            }
        }
        for (size_t k = 0; k < l->mark_count; k++) {
            if (boxes_overlap(&t->box, &l->marks[k].box)) {
                fprintf(stderr, "%s: text '%s' overlaps a mark (role %d) at %g,%g\n", what,
                        t->text, l->marks[k].role, l->marks[k].box.x, l->marks[k].box.y);
                problems++;
            }
        }
    }
    /* Glyphs of events and bins do not overlap each other either. */
    for (size_t i = 0; i < l->mark_count; i++) {
        const evg__tl_mark *m = &l->marks[i];
        if (!inside(&m->box, l->width, l->height)) {
            fprintf(stderr, "%s: a mark leaves the canvas\n", what);
            problems++;
        }
        if (m->role != EVG__TL_GLYPH && m->role != EVG__TL_BIN)
            continue;
        for (size_t k = i + 1; k < l->mark_count; k++) {
            const evg__tl_mark *o = &l->marks[k];
            if ((o->role == EVG__TL_GLYPH || o->role == EVG__TL_BIN) &&
                boxes_overlap(&m->box, &o->box)) {
                fprintf(stderr, "%s: glyphs overlap at %g,%g\n", what, m->box.x, m->box.y);
                problems++;
            }
        }
    }
    return problems;
}

/* The count printed above a bin's bar (its bold label); NULL if none. */
static const char *bin_count(const evg__tl_layout *l, uint32_t item)
{
    for (size_t i = 0; i < l->text_count; i++)
        if (l->texts[i].role == EVG__TL_LABEL && l->texts[i].item == item &&
            l->texts[i].font == EVG__TL_BOLD)
            return l->texts[i].text;
    return NULL;
}

/* The glyph (or bin) mark of the item holding event `id`; NULL if none. */
static const evg__tl_mark *glyph_of(const evg__tl_layout *l, const evg_model *m, const char *id)
{
    uint32_t event = evg_model_find_event(m, id);
    for (size_t i = 0; i < l->mark_count; i++) {
        const evg__tl_mark *mk = &l->marks[i];
        if ((mk->role != EVG__TL_GLYPH && mk->role != EVG__TL_BIN) || mk->item == EVG_NO_INDEX)
            continue;
        const evg__tl_item *it = &l->items[mk->item];
        for (uint32_t k = 0; k < it->count; k++)
            if (it->events[k] == event)
                return mk;
    }
    return NULL;
}

static const evg__tl_rect *rect_of(const evg__tl_layout *l, const evg__tl_mark *glyph,
                                   uint8_t role)
{
    for (size_t i = 0; i < l->rect_count; i++)
        if (l->rects[i].role == role && l->rects[i].item == glyph->item)
            return &l->rects[i];
    return NULL;
}

static const evg__tl_text *label_of(const evg__tl_layout *l, const evg__tl_mark *glyph)
{
    for (size_t i = 0; i < l->text_count; i++)
        if (l->texts[i].role == EVG__TL_LABEL && l->texts[i].item == glyph->item)
            return &l->texts[i];
    return NULL;
}

static double centre_x(const evg__tl_mark *m)
{
    return m->box.x + m->box.w / 2;
}

static size_t count_role(const evg__tl_layout *l, uint8_t role)
{
    size_t n = 0;
    for (size_t i = 0; i < l->mark_count; i++)
        n += l->marks[i].role == role;
    return n;
}

static void test_sample(void)
{
    evg_model *m = load(EVG_SOURCE_DIR "/data/syria-2016");
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    opts.title = "Russia and the US in Syria, 2016";
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK(l.width == opts.page.width); /* the A4 text block */
    CHECK(l.height > 300 && l.height < 1000);
    CHECK_INT(l.bin, EVG_TIMELINE_BIN_NONE); /* the sample is labelled, not binned */
    CHECK_INT(l.event_count, 31);
    CHECK_INT(count_role(&l, EVG__TL_GLYPH), 31);
    CHECK_INT(l.segment_count, 4); /* 2011 | 2014 | 2015 | 2016 */
    CHECK_INT(check_no_overlaps(&l, "syria-2016"), 0);
    /* Every event has its label beside its glyph, on the glyph's line. */
    for (size_t i = 0; i < evg_model_event_count(m); i++) {
        const evg__tl_mark *g = glyph_of(&l, m, evg_model_event(m, i)->id);
        const evg__tl_text *t = g ? label_of(&l, g) : NULL;
        CHECK(g && t);
        if (g && t) {
            CHECK(t->box.y <= g->box.y + g->box.h && g->box.y <= t->box.y + t->box.h + 1.5);
            CHECK(strstr(t->text, "\xE2\x80\x93") != NULL); /* "date – title" */
        }
    }
    /* Lanes: one per actor, persons under their parent. */
    uint32_t russia = EVG_NO_INDEX, shoigu = EVG_NO_INDEX;
    for (size_t i = 0; i < l.lane_count; i++) {
        if (l.lanes[i].actor == evg_model_find_actor(m, "russia"))
            russia = (uint32_t)i;
        if (l.lanes[i].actor == evg_model_find_actor(m, "sergei-shoigu"))
            shoigu = (uint32_t)i;
    }
    CHECK(russia != EVG_NO_INDEX && shoigu != EVG_NO_INDEX);
    if (russia != EVG_NO_INDEX && shoigu != EVG_NO_INDEX) {
        CHECK(l.lanes[russia].head);
        CHECK(!l.lanes[shoigu].head);
        CHECK_INT(l.lanes[shoigu].group, russia);
        CHECK_STR(l.lanes[shoigu].name, "Sergei Shoigu");
    }
    /* The figure names its sources and has a legend of the types drawn. */
    bool sources = false;
    size_t legend = 0;
    for (size_t i = 0; i < l.text_count; i++) {
        if (l.texts[i].role == EVG__TL_CAPTION)
            sources = strstr(l.texts[i].text, "Press TV") && strstr(l.texts[i].text, "IBTimes");
        legend += l.texts[i].role == EVG__TL_LEGEND;
    }
    CHECK(sources);
    CHECK(legend >= 13); /* 13 types drawn, and the marks' meanings */
    CHECK(count_role(&l, EVG__TL_TARGET) > 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

static void test_spans_and_precision(void)
{
    evg_model *m = load(EVG_SOURCE_DIR "/data/syria-2016");
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    /* The 48-hour truce (12 to 14 Sep) is a bar of two days; Kerry's warning
     * (June 2016, month only) is hollow over a band of the month: 30 days,
     * fifteen times the bar, on the same scale. */
    const evg__tl_mark *truce = glyph_of(&l, m, "truce-48-hour");
    const evg__tl_mark *kerry = glyph_of(&l, m, "kerry-patience-warning");
    CHECK(truce && kerry);
    if (truce && kerry) {
        const evg__tl_rect *bar = rect_of(&l, truce, EVG__TL_BAR);
        const evg__tl_rect *band = rect_of(&l, kerry, EVG__TL_BAND);
        CHECK(bar && band);
        CHECK(rect_of(&l, truce, EVG__TL_BAND) == NULL);
        CHECK(truce->style == 0);
        CHECK(kerry->style & EVG__TL_HOLLOW);
        CHECK(!(kerry->style & EVG__TL_PALE));
        if (bar && band) {
            CHECK(fabs(bar->box.x - centre_x(truce)) < 1e-6);
            CHECK(fabs(band->box.w / bar->box.w - 15) < 1e-6);
            /* The glyph sits in the middle of its month, never on the 1st. */
            CHECK(fabs(centre_x(kerry) - (band->box.x + band->box.w / 2)) < 1e-6);
        }
        const evg__tl_text *t = label_of(&l, kerry);
        CHECK(t && strncmp(t->text, "Jun 2016 ", 9) == 0);
    }
    /* Approximate (~) and uncertain (?) dates are pale and say so. */
    const evg__tl_mark *manbij = glyph_of(&l, m, "manbij-isis-ousted"); /* 2016-08~ */
    const evg__tl_mark *accuses = glyph_of(&l, m, "shoigu-accuses-us"); /* 2016-08-14? */
    const evg__tl_mark *bombing = glyph_of(&l, m, "atmeh-bus-bombing"); /* 2016-08-15 */
    CHECK(manbij && accuses && bombing);
    if (manbij && accuses && bombing) {
        CHECK(manbij->style == (EVG__TL_HOLLOW | EVG__TL_PALE));
        CHECK(accuses->style == EVG__TL_PALE);
        CHECK(bombing->style == 0);
        const evg__tl_text *ta = label_of(&l, accuses), *tm = label_of(&l, manbij);
        CHECK(ta && strncmp(ta->text, "14 Aug 2016? ", 13) == 0);
        CHECK(tm && strncmp(tm->text, "Aug 2016~ ", 10) == 0);
        /* Casualties under the label. */
        bool casualties = false;
        for (size_t i = 0; i < l.text_count; i++)
            if (l.texts[i].role == EVG__TL_CASUALTIES && l.texts[i].item == bombing->item)
                casualties = strcmp(l.texts[i].text, "25 killed, 25 injured") == 0;
        CHECK(casualties);
    }
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

/* a on Monday 4 Jan, b a day later, c a week after b. */
static void test_spacing(void)
{
    evg_model *m = load(EVG_TEST_DATA "/timeline/spacing");
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    const evg__tl_mark *a = glyph_of(&l, m, "a"), *b = glyph_of(&l, m, "b"),
                       *c = glyph_of(&l, m, "c");
    CHECK(a && b && c);
    if (a && b && c) {
        double day = centre_x(b) - centre_x(a), week = centre_x(c) - centre_x(b);
        CHECK(day > 1);
        CHECK(fabs(week / day - 7) < 1e-9);
    }
    CHECK_INT(check_no_overlaps(&l, "spacing"), 0);
    evg__tl_layout_free(&l);

    opts.scale = EVG_TIMELINE_SCALE_ORDINAL;
    CHECK_INT(layout(&l, m, &opts), 0);
    a = glyph_of(&l, m, "a"), b = glyph_of(&l, m, "b"), c = glyph_of(&l, m, "c");
    CHECK(a && b && c);
    if (a && b && c) {
        double first = centre_x(b) - centre_x(a), second = centre_x(c) - centre_x(b);
        CHECK(first > 1);
        CHECK(fabs(first - second) < 1e-9);
    }
    CHECK_INT(check_no_overlaps(&l, "spacing ordinal"), 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

/* The sample in every kind of lane and scale: still nothing overlaps. */
static void test_lane_kinds(void)
{
    evg_model *m = load(EVG_SOURCE_DIR "/data/syria-2016");
    static const struct {
        evg_timeline_lanes lanes;
        size_t count;
    } kinds[] = {{EVG_TIMELINE_LANES_TYPE, 13}, {EVG_TIMELINE_LANES_LOCATION, 11},
                 {EVG_TIMELINE_LANES_NONE, 1}};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        for (int ordinal = 0; ordinal < 2; ordinal++) {
            evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
            opts.page.height = 0; /* unbounded: fitting a page is tested apart */
            opts.lanes = kinds[k].lanes;
            opts.scale = ordinal ? EVG_TIMELINE_SCALE_ORDINAL : EVG_TIMELINE_SCALE_PROPORTIONAL;
            evg__tl_layout l;
            CHECK_INT(layout(&l, m, &opts), 0);
            CHECK_INT(l.lane_count, kinds[k].count);
            CHECK_INT(count_role(&l, EVG__TL_TARGET), 0); /* targets only in actor lanes */
            char what[64];
            snprintf(what, sizeof what, "lanes %d ordinal %d", (int)kinds[k].lanes, ordinal);
            CHECK_INT(check_no_overlaps(&l, what), 0);
            evg__tl_layout_free(&l);
        }
    }
    /* Narrow and wide figures, a cut axis kept whole. */
    double widths[] = {EVG_TIMELINE_WIDTH_MIN, 1200};
    for (size_t k = 0; k < 2; k++) {
        evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
        opts.page.height = 0; /* unbounded: fitting a page is tested apart */
        opts.width = widths[k];
        opts.cut_gaps = k == 0;
        evg__tl_layout l;
        CHECK_INT(layout(&l, m, &opts), 0);
        CHECK(l.width == widths[k]);
        /* A narrow figure has room for fewer cuts. */
        CHECK(k == 0 ? l.segment_count >= 2 && l.segment_count <= 4 : l.segment_count == 1);
        CHECK_INT(check_no_overlaps(&l, k == 0 ? "narrow" : "wide"), 0);
        evg__tl_layout_free(&l);
    }
    evg_model_free(m);
}

/* A new dataset folder made from `dir` (a mkdtemp template), its
 * events.csv's path in `path` and open for writing; NULL on failure. */
static FILE *new_events_file(char *dir, char *path, size_t size)
{
    if (mkdtemp(dir) == NULL)
        return NULL;
    snprintf(path, size, "%s/events.csv", dir);
    return fopen(path, "w");
}

/* A busy synthetic dataset: 600 events over two months in four lanes. */
static char *write_dense(void)
{
    static char dir[] = "/tmp/evg_timeline_XXXXXX";
    char path[256];
    FILE *f = new_events_file(dir, path, sizeof path);
    if (f == NULL)
        return NULL;
    static const char *const types[] = {"attack", "statement", "visit", "meeting"};
    fprintf(f, "id,date,type,actor,title\n");
    unsigned seed = 7;
    for (int i = 0; i < 600; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned day = 1 + (seed >> 16) % 59;
        fprintf(f, "e%d,2022-%02u-%02u,%s,actor%u,Event number %d with a title of some length\n",
                i, day <= 31 ? 1u : 2u, day <= 31 ? day : day - 31, types[(seed >> 8) % 4],
                (seed >> 4) % 4, i);
    }
    fclose(f);
    return dir;
}

static void remove_dense(const char *dir)
{
    char path[256];
    snprintf(path, sizeof path, "%s/events.csv", dir);
    unlink(path);
    rmdir(dir);
}

static void check_bins(const evg__tl_layout *l, const evg_model *m, const char *what)
{
    /* Every event is in exactly one item; a bin's mark shows its count. */
    size_t n = evg_model_event_count(m), total = 0;
    unsigned char *seen = calloc(n, 1);
    for (size_t i = 0; i < l->item_count; i++) {
        for (uint32_t k = 0; k < l->items[i].count; k++) {
            CHECK(seen[l->items[i].events[k]] == 0);
            seen[l->items[i].events[k]] = 1;
        }
        total += l->items[i].count;
    }
    CHECK_INT(total, l->event_count);
    size_t bins = 0;
    double tallest = 0;
    uint32_t most = 0;
    for (size_t i = 0; i < l->mark_count; i++)
        if (l->marks[i].role == EVG__TL_BIN && l->items[l->marks[i].item].count > most)
            most = l->items[l->marks[i].item].count;
    for (size_t i = 0; i < l->mark_count; i++) {
        const evg__tl_mark *mk = &l->marks[i];
        if (mk->role != EVG__TL_BIN)
            continue;
        bins++;
        char count[32];
        snprintf(count, sizeof count, "%u", l->items[mk->item].count);
        CHECK_STR(bin_count(l, mk->item), count);
        /* The bar's height is its count on one scale for the figure (never
         * under 1.5 pt), and its type parts fill it. */
        double expect = 24.0 * l->items[mk->item].count / most;
        CHECK(fabs(mk->box.h - (expect < 1.5 ? 1.5 : expect)) < 1e-9);
        if (mk->box.h > tallest)
            tallest = mk->box.h;
        double parts = 0;
        for (size_t r = 0; r < l->rect_count; r++)
            if (l->rects[r].role == EVG__TL_BIN_PART && l->rects[r].item == mk->item)
                parts += l->rects[r].box.h;
        CHECK(fabs(parts - mk->box.h) < 1e-6);
        /* All events of a bin are of one lane and one period. */
        const evg__tl_item *it = &l->items[mk->item];
        const evg_event *first = evg_model_event(m, it->events[0]);
        for (uint32_t k = 1; k < it->count; k++) {
            const evg_event *e = evg_model_event(m, it->events[k]);
            CHECK(e->actor == first->actor);
            if (l->bin == EVG_TIMELINE_BIN_DAY)
                CHECK(e->date.day == first->date.day && e->date.month == first->date.month);
            if (l->bin == EVG_TIMELINE_BIN_MONTH)
                CHECK(e->date.month == first->date.month);
        }
    }
    CHECK(bins > 0);
    CHECK(fabs(tallest - 24.0) < 1e-9);
    CHECK_INT(check_no_overlaps(l, what), 0);
    free(seen);
}

static void test_binning(void)
{
    char *dir = write_dense();
    CHECK(dir != NULL);
    if (dir == NULL)
        return;
    evg_model *m = load(dir);
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK(l.bin != EVG_TIMELINE_BIN_NONE); /* auto bins what cannot be labelled */
    CHECK(l.item_count < 600);
    check_bins(&l, m, "dense auto");
    CHECK(l.height < 1200);
    evg__tl_layout_free(&l);

    static const evg_timeline_bin units[] = {EVG_TIMELINE_BIN_DAY, EVG_TIMELINE_BIN_WEEK,
                                             EVG_TIMELINE_BIN_MONTH};
    size_t previous = 601;
    for (size_t u = 0; u < 3; u++) {
        opts.bin = units[u];
        CHECK_INT(layout(&l, m, &opts), 0);
        CHECK_INT(l.bin, units[u]);
        CHECK(l.item_count < previous); /* coarser bins, fewer items */
        previous = l.item_count;
        check_bins(&l, m, "dense explicit");
        evg__tl_layout_free(&l);
    }
    opts.bin = EVG_TIMELINE_BIN_MONTH;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK_INT(l.item_count, 8); /* 4 actors x 2 months */
    evg__tl_layout_free(&l);

    /* No bins: every event drawn; labels where they fit, the rest bare. */
    opts.bin = EVG_TIMELINE_BIN_NONE;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK_INT(l.item_count, 600);
    CHECK_INT(count_role(&l, EVG__TL_GLYPH), 600);
    CHECK_INT(check_no_overlaps(&l, "dense none"), 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
    remove_dense(dir);

    /* The sample by week: Shoigu's three statements of 14 Aug in one bin. */
    m = load(EVG_SOURCE_DIR "/data/syria-2016");
    opts = (evg_timeline_opts)EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    opts.bin = EVG_TIMELINE_BIN_WEEK;
    CHECK_INT(layout(&l, m, &opts), 0);
    const evg__tl_mark *g = glyph_of(&l, m, "shoigu-accuses-us");
    CHECK(g && g->role == EVG__TL_BIN);
    CHECK_STR(g ? bin_count(&l, g->item) : NULL, "3");
    /* Month-precision events are not binned into their first week. */
    g = glyph_of(&l, m, "kerry-patience-warning");
    CHECK(g && g->role == EVG__TL_GLYPH && (g->style & EVG__TL_HOLLOW));
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

static void test_edges(void)
{
    evg_model *m = load(EVG_SOURCE_DIR "/data/syria-2016");
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    evg__tl_layout l;
    /* Nothing to draw: the figure says so. */
    opts.filter.from = "2030";
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK_INT(l.item_count, 0);
    CHECK(l.text_count >= 1 && l.texts[0].role == EVG__TL_NOTE);
    evg__tl_layout_free(&l);
    /* Filters: statements by or to the United States or its members. */
    opts = (evg_timeline_opts)EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    opts.filter.actors = "united-states";
    opts.filter.types = "statement";
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK_INT(l.event_count, 4);
    evg__tl_layout_free(&l);
    /* A width out of range is refused. */
    opts = (evg_timeline_opts)EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    opts.width = 10;
    CHECK_INT(layout(&l, m, &opts), EVG_EUSAGE);
    CHECK_INT(l.text_count, 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

/* Titles too long for a label: wrapped at spaces, a word longer than a
 * line broken, past four lines cut with an ellipsis. */
static void test_long_titles(void)
{
    char dir[] = "/tmp/evg_timeline_XXXXXX", path[256];
    FILE *f = new_events_file(dir, path, sizeof path);
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fprintf(f, "id,date,type,actor,title\nword,2020-01-10,statement,a,");
    for (int i = 0; i < 300; i++)
        fputc("abcdefghij"[i % 10], f);
    fprintf(f, "\nwords,2020-01-20,statement,a,");
    for (int i = 0; i < 120; i++)
        fprintf(f, "%sword%d", i ? " " : "", i);
    fprintf(f, "\nshort,2020-01-30,statement,b,Short\n");
    fclose(f);
    evg_model *m = load(dir);
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    opts.page.height = 0; /* unbounded: fitting a page is tested apart */
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    for (size_t i = 0; i < l.text_count; i++) {
        const evg__tl_text *t = &l.texts[i];
        if (t->role != EVG__TL_LABEL)
            continue;
        size_t lines = 1;
        for (const char *p = t->text; *p; p++)
            lines += *p == '\n';
        CHECK(lines <= 4);
        CHECK(t->box.w <= l.plot_x1 - l.plot_x0);
        if (strstr(t->text, "Short") == NULL) /* both long ones are cut */
            CHECK(strcmp(t->text + strlen(t->text) - 3, "\xE2\x80\xA6") == 0);
    }
    CHECK_INT(check_no_overlaps(&l, "long titles"), 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
    unlink(path);
    rmdir(dir);
}

/* Text widths: never under what Graphviz measured for DejaVu Sans. */
static void test_text_width(void)
{
    CHECK(evg__tl_text_width("", 0, 8, EVG__TL_REGULAR) == 0);
    /* "xxxxxxxxxx" at 10 pt: Graphviz measures 61 pt. */
    CHECK(evg__tl_text_width("xxxxxxxxxx", 10, 10, EVG__TL_REGULAR) >= 61);
    double regular = evg__tl_text_width("Statement", 9, 8, EVG__TL_REGULAR);
    double bold = evg__tl_text_width("Statement", 9, 8, EVG__TL_BOLD);
    CHECK(bold > regular);
    /* Cyrillic and CJK are not taken for narrow letters. */
    CHECK(evg__tl_text_width("\xD0\x96", 2, 10, EVG__TL_REGULAR) >= 8);
    CHECK(evg__tl_text_width("\xE4\xB8\xAD", 3, 10, EVG__TL_REGULAR) >= 10);
}

/* More actors than an A4 page has room for lanes, whatever their events
 * (the search starts from that bound, not from a layout of all 12,000):
 * the figure fits, and its last lane counts the others with a thousands
 * separator, as the caption does. */
static void test_page_fit_many_lanes(void)
{
    char dir[] = "/tmp/evg_timeline_XXXXXX", path[256];
    FILE *f = new_events_file(dir, path, sizeof path);
    CHECK(f != NULL);
    if (f == NULL)
        return;
    fprintf(f, "id,date,type,actor,title\n");
    for (int i = 0; i < 24000; i++)
        fprintf(f, "e%d,2020-%02d-%02d,statement,actor-%05d,Event %d\n", i, 1 + i % 12,
                1 + i % 28, i % 12000, i);
    fclose(f);
    evg_model *m = load(dir);
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK(l.height <= opts.page.height);
    CHECK(l.lane_count > 1 && l.lane_count < 60);
    const evg__tl_lane *last = &l.lanes[l.lane_count - 1];
    char want[64];
    size_t others = 12000 - (l.lane_count - 1);
    snprintf(want, sizeof want, "%zu,%03zu other actors", others / 1000, others % 1000);
    CHECK(strcmp(last->name, want) == 0);
    CHECK_INT(check_no_overlaps(&l, "many lanes"), 0);
    evg__tl_layout_free(&l);
    evg_model_free(m);
    unlink(path);
    rmdir(dir);
}

/* On a page, the sample fits with every event labelled: lanes fold, the
 * least active first, and the caption says what; --top folds by count. */
static void test_page_fit(void)
{
    evg_model *m = load(EVG_SOURCE_DIR "/data/syria-2016");
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    evg__tl_layout l;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK(l.height <= opts.page.height);
    CHECK(l.width <= opts.page.width);
    CHECK_INT(count_role(&l, EVG__TL_GLYPH), 31);
    for (size_t i = 0; i < evg_model_event_count(m); i++) {
        const evg__tl_mark *g = glyph_of(&l, m, evg_model_event(m, i)->id);
        CHECK(g && label_of(&l, g));
    }
    for (size_t i = 0; i < l.text_count; i++)
        CHECK(l.texts[i].size >= EVG_MIN_TEXT_DEFAULT);
    const evg__tl_lane *last = &l.lanes[l.lane_count - 1];
    CHECK(last->actor == EVG_NO_INDEX && strstr(last->name, " other actors") != NULL);
    bool said = false;
    for (size_t i = 0; i < l.text_count; i++)
        if (l.texts[i].role == EVG__TL_CAPTION && strstr(l.texts[i].text, "in the last lane"))
            said = true;
    CHECK(said);
    CHECK_INT(check_no_overlaps(&l, "page a4"), 0);
    evg__tl_layout_free(&l);

    /* --top 1: the most active group (Russia, with its members) and the rest. */
    opts.top = 1;
    CHECK_INT(layout(&l, m, &opts), 0);
    CHECK_INT(l.lane_count, 2);
    CHECK(l.lanes[0].actor == evg_model_find_actor(m, "russia"));
    CHECK_INT(l.event_count, 31);
    evg__tl_layout_free(&l);

    /* Without a page height nothing folds. */
    opts.top = 0;
    opts.page.height = 0;
    CHECK_INT(layout(&l, m, &opts), 0);
    for (size_t i = 0; i < l.lane_count; i++)
        CHECK(l.lanes[i].actor != EVG_NO_INDEX);
    evg__tl_layout_free(&l);
    evg_model_free(m);
}

int main(void)
{
    test_text_width();
    test_sample();
    test_page_fit();
    test_page_fit_many_lanes();
    test_spans_and_precision();
    test_spacing();
    test_lane_kinds();
    test_binning();
    test_edges();
    test_long_titles();
    CHECK_DONE();
}
