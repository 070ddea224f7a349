/* The timeline's items: lone events and bins of one lane and period, with
 * their labels, casualties and tooltips. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

double evg__tl_date_start(const evg_date *d)
{
    return (double)evg_date_start(d);
}

double evg__tl_date_end(const evg_date *d)
{
    return (double)evg_date_end(d);
}

/* Where in its period a date's glyph goes: the middle of a day, month or
 * year; the instant itself for times of day. */
static double date_centre(const evg_date *d)
{
    if (d->precision >= EVG_PRECISION_MINUTE)
        return evg__tl_date_start(d);
    return (evg__tl_date_start(d) + evg__tl_date_end(d)) / 2;
}

static evg_precision bin_precision(evg_timeline_bin unit)
{
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
    case EVG_TIMELINE_BIN_WEEK:
        return EVG_PRECISION_DAY;
    case EVG_TIMELINE_BIN_MONTH:
        return EVG_PRECISION_MONTH;
    case EVG_TIMELINE_BIN_YEAR:
        return EVG_PRECISION_YEAR;
    default:
        return EVG_PRECISION_NONE;
    }
}

/* The bin of a date: a day, week (Monday first), month or year number.
 * Dates coarser than the bin are not binned (NO_BIN): a month is not drawn
 * as its first day. */
int64_t evg__tl_bin_key(const evg_date *d, evg_timeline_bin unit)
{
    if (unit == EVG_TIMELINE_BIN_NONE || d->precision < bin_precision(unit))
        return NO_BIN;
    int64_t day = evg__floor_div(evg_date_start(d), 86400);
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        return day;
    case EVG_TIMELINE_BIN_WEEK:
        return evg__floor_div(day + 3, 7); /* 1970-01-01 was a Thursday */
    case EVG_TIMELINE_BIN_MONTH:
        return evg__month_of_day(day);
    case EVG_TIMELINE_BIN_YEAR:
        return evg__floor_div(evg__month_of_day(day), 12);
    default:
        return NO_BIN;
    }
}

void evg__tl_bin_period(int64_t key, evg_timeline_bin unit, double *t0, double *t1)
{
    int64_t d0 = 0, d1 = 0;
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        d0 = key, d1 = key + 1;
        break;
    case EVG_TIMELINE_BIN_WEEK:
        d0 = key * 7 - 3, d1 = d0 + 7;
        break;
    case EVG_TIMELINE_BIN_MONTH:
        d0 = evg__day_of_month_index(key), d1 = evg__day_of_month_index(key + 1);
        break;
    default:
        d0 = evg__day_of_month_index(key * 12), d1 = evg__day_of_month_index(key * 12 + 12);
        break;
    }
    *t0 = (double)d0 * 86400;
    *t1 = (double)d1 * 86400;
}

const char *evg__tl_bin_unit_name(evg_timeline_bin unit)
{
    switch (unit) {
    case EVG_TIMELINE_BIN_DAY:
        return "day";
    case EVG_TIMELINE_BIN_WEEK:
        return "week";
    case EVG_TIMELINE_BIN_MONTH:
        return "month";
    case EVG_TIMELINE_BIN_YEAR:
        return "year";
    default:
        return "";
    }
}

typedef struct sort_entry {
    int64_t key;    /* bin, or NO_BIN */
    double t;       /* start of the bin, or of the date when not binned */
    uint32_t lane;
    uint32_t order; /* position in b->events (model order) */
} sort_entry;

/* By lane and time; a bin's events together even when an unbinned (coarser)
 * event starts inside the bin. */
static int compare_entries(const void *pa, const void *pb)
{
    const sort_entry *a = pa, *b = pb;
    if (a->lane != b->lane)
        return a->lane < b->lane ? -1 : 1;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    if ((a->key == NO_BIN) != (b->key == NO_BIN))
        return a->key == NO_BIN ? 1 : -1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Sorts one lane's entries, given in model order (by start date), in
 * O(n): the binned ones are then in order among themselves (a bin starts
 * no later than its events), and so are the others; merging the two gives
 * the order compare_entries defines. Should either not be in order (a
 * model not in date order), qsort does it. `tmp` holds n entries. */
static void sort_lane(sort_entry *e, size_t n, sort_entry *tmp)
{
    size_t i = 1;
    while (i < n && compare_entries(&e[i - 1], &e[i]) < 0)
        i++;
    if (i >= n)
        return;
    size_t binned = 0;
    for (size_t k = 0; k < n; k++)
        binned += e[k].key != NO_BIN;
    size_t bi = 0, ui = binned;
    for (size_t k = 0; k < n; k++)
        tmp[e[k].key != NO_BIN ? bi++ : ui++] = e[k];
    for (size_t k = 1; k < n; k++) {
        if (k != binned && compare_entries(&tmp[k - 1], &tmp[k]) > 0) {
            qsort(e, n, sizeof *e, compare_entries);
            return;
        }
    }
    size_t a = 0, b = binned, out = 0;
    while (a < binned && b < n)
        e[out++] = compare_entries(&tmp[a], &tmp[b]) < 0 ? tmp[a++] : tmp[b++];
    while (a < binned)
        e[out++] = tmp[a++];
    while (b < n)
        e[out++] = tmp[b++];
}

/* The entries by lane (a counting sort, stable), then each lane in time
 * order: what qsort with compare_entries gives, without its n log n. */
static int sort_entries(sort_entry *entries, size_t n, size_t lanes, sort_entry *tmp)
{
    size_t *start = calloc(lanes + 2, sizeof *start);
    if (start == NULL)
        return EVG_ENOMEM;
        /* Lane EVG_NO_INDEX, if any, sorts last. */
#define BUCKET(lane) ((lane) < lanes ? (size_t)(lane) : lanes)
    for (size_t i = 0; i < n; i++)
        start[BUCKET(entries[i].lane) + 1]++;
    for (size_t l = 0; l <= lanes; l++)
        start[l + 1] += start[l];
    for (size_t i = 0; i < n; i++)
        tmp[start[BUCKET(entries[i].lane)]++] = entries[i];
#undef BUCKET
    memcpy(entries, tmp, n * sizeof *entries);
    for (size_t l = 0, from = 0; l <= lanes; l++) {
        size_t to = start[l]; /* now the end of bucket l */
        sort_lane(entries + from, to - from, tmp);
        from = to;
    }
    free(start);
    return 0;
}

/* "25 killed, 25 injured" for one event or a bin's sum; false when none. */
static bool format_casualties(char *buf, size_t size, int64_t killed, int64_t injured)
{
    if (killed <= 0 && injured <= 0)
        return false;
    char k[32], j[32];
    evg__tl_format_count(k, sizeof k, (uint64_t)(killed > 0 ? killed : 0));
    evg__tl_format_count(j, sizeof j, (uint64_t)(injured > 0 ? injured : 0));
    if (killed > 0 && injured > 0)
        snprintf(buf, size, "%s killed, %s injured", k, j);
    else if (killed > 0)
        snprintf(buf, size, "%s killed", k);
    else
        snprintf(buf, size, "%s injured", j);
    return true;
}

static const char *casualty_text(builder *b, int64_t killed, int64_t injured)
{
    char text[80];
    if (!format_casualties(text, sizeof text, killed, injured))
        return NULL;
    return evg__tl_arena_str(b, text, strlen(text));
}

static void event_tooltip(builder *b, const evg_event *e)
{
    const evg_model *m = b->model;
    evg__buf *s = &b->sb;
    bool year = b->show_year;
    b->show_year = true;
    evg__tl_format_event_date(b, e);
    b->show_year = year;
    evg__buf_printf(s, " \xE2\x80\x93 %s\n%s", e->title ? e->title : e->id,
                    evg_model_actor(m, e->actor)->name);
    for (uint32_t k = 0; k < e->target_count; k++)
        evg__buf_printf(s, "%s%s", k ? ", " : " \xE2\x86\x92 ",
                        evg_model_actor(m, e->targets[k])->name);
    evg__buf_printf(s, "\n%s", evg_model_type(m, e->type)->label);
    if (e->location)
        evg__buf_printf(s, ", %s", e->location);
    if (e->certainty != EVG_CERTAINTY_UNSPECIFIED)
        evg__buf_printf(s, " (%s)", evg_certainty_name(e->certainty));
    char casualties[80];
    if (format_casualties(casualties, sizeof casualties, e->killed, e->injured)) {
        evg__buf_str(s, "\n");
        evg__buf_str(s, casualties);
    }
    if (e->source) {
        evg__buf_str(s, "\nSource: ");
        evg__buf_str(s, e->source);
    }
    if (e->description) {
        size_t len = strlen(e->description), cut = len;
        if (len > 280) {
            cut = 280;
            while (cut > 200 && e->description[cut] != ' ')
                cut--;
            while (cut && ((unsigned char)e->description[cut] & 0xC0) == 0x80)
                cut--;
        }
        evg__buf_str(s, "\n");
        evg__buf_add(s, e->description, cut);
        if (cut < len)
            evg__buf_str(s, "\xE2\x80\xA6");
    }
}

/* Label, tooltip, times and style of an item of one event. */
static void describe_event(builder *b, attempt *at, size_t i)
{
    const evg_model *m = b->model;
    item_geom *g = &at->geo[i];
    evg__tl_item *it = &at->items[i];
    const evg_event *e = evg_model_event(m, it->events[0]);
    const evg_date *d = &e->date;
    g->type = e->type;
    g->weight = e->weight ? e->weight : 1;
    g->killed = e->killed > 0 ? e->killed : 0;
    g->t0 = evg__tl_date_start(d);
    g->t1 = evg__tl_date_end(d);
    g->tc = date_centre(d);
    g->t_end = e->end_date.precision ? date_centre(&e->end_date) : NAN;
    if (g->t_end < g->tc)
        g->t_end = NAN;
    g->t_last = isnan(g->t_end) ? g->t1 : g->t_end;
    g->slot_key = evg_date_start(d);
    g->slot_prec = d->precision;
    g->style = 0;
    if (d->precision <= EVG_PRECISION_MONTH)
        g->style |= EVG__TL_HOLLOW;
    if (d->flags & (EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN))
        g->style |= EVG__TL_PALE;
    g->glyph_w = g->glyph_h = GLYPH;

    evg__tl_format_event_date(b, e);
    evg__buf_str(&b->sb, " \xE2\x80\x93 ");
    evg__buf_str(&b->sb, e->title ? e->title : e->id);
    g->text = evg__tl_buf_take(b);
    g->max_lines = 4;
    g->casualties = casualty_text(b, e->killed, e->injured);
    g->casualties_w =
        g->casualties ? evg__tl_text_w(g->casualties, CASUALTY_SIZE, EVG__TL_REGULAR) : 0;
    event_tooltip(b, e);
    it->tooltip = evg__tl_buf_take(b);
}

typedef struct type_count {
    uint32_t type, count;
} type_count;

static int compare_type_counts(const void *pa, const void *pb)
{
    const type_count *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return a->type < b->type ? -1 : a->type > b->type;
}

static void describe_bin(builder *b, attempt *at, size_t i, int64_t key, type_count *counts)
{
    const evg_model *m = b->model;
    item_geom *g = &at->geo[i];
    evg__tl_item *it = &at->items[i];
    evg__tl_bin_period(key, at->unit, &g->t0, &g->t1);
    g->tc = (g->t0 + g->t1) / 2;
    g->t_end = NAN;
    g->t_last = g->t1;
    g->slot_key = (int64_t)g->t0;
    g->slot_prec = 0;
    g->style = 0;

    /* Types by count, most first. */
    size_t ntypes = 0;
    int64_t killed = 0, injured = 0;
    uint64_t weight = 0;
    for (uint32_t k = 0; k < it->count; k++) {
        const evg_event *e = evg_model_event(m, it->events[k]);
        size_t t = 0;
        while (t < ntypes && counts[t].type != e->type)
            t++;
        if (t == ntypes)
            counts[ntypes++] = (type_count){e->type, 0};
        counts[t].count++;
        killed += e->killed > 0 ? e->killed : 0;
        injured += e->injured > 0 ? e->injured : 0;
        /* A bin draws no spans, but the axis still reaches their ends. */
        if (e->end_date.precision && date_centre(&e->end_date) > g->t_last)
            g->t_last = date_centre(&e->end_date);
        weight += e->weight ? e->weight : 1;
    }
    g->killed = killed;
    g->weight = weight;
    qsort(counts, ntypes, sizeof *counts, compare_type_counts);
    g->type = counts[0].count * 2 >= it->count ? counts[0].type : EVG_NO_INDEX;

    /* "13–19 Jun 2016 – 14 events" and the types. */
    evg__buf *s = &b->sb;
    int64_t d0 = (int64_t)floor(g->t0 / 86400), d1 = (int64_t)floor(g->t1 / 86400) - 1;
    int64_t y0, y1;
    unsigned m0, m1, day0, day1;
    evg__civil_from_days(d0, &y0, &m0, &day0);
    evg__civil_from_days(d1, &y1, &m1, &day1);
    switch (at->unit) {
    case EVG_TIMELINE_BIN_DAY:
        evg__buf_printf(s, "%u %s", day0, month_names[m0 - 1]);
        if (b->show_year)
            evg__buf_printf(s, " %lld", (long long)y0);
        break;
    case EVG_TIMELINE_BIN_WEEK:
        if (m0 == m1)
            evg__buf_printf(s, "%u\xE2\x80\x93%u %s", day0, day1, month_names[m1 - 1]);
        else
            evg__buf_printf(s, "%u %s \xE2\x80\x93 %u %s", day0, month_names[m0 - 1], day1,
                            month_names[m1 - 1]);
        if (b->show_year || y0 != y1)
            evg__buf_printf(s, " %lld", (long long)y1);
        break;
    case EVG_TIMELINE_BIN_MONTH:
        evg__buf_printf(s, "%s", month_names[m0 - 1]);
        if (b->show_year)
            evg__buf_printf(s, " %lld", (long long)y0);
        break;
    default:
        evg__buf_printf(s, "%lld", (long long)y0);
        break;
    }
    char n[32];
    evg__tl_format_count(n, sizeof n, it->count);
    evg__buf_printf(s, " \xE2\x80\x93 %s events: ", n);
    for (size_t t = 0; t < ntypes && t < 3; t++) {
        evg__tl_format_count(n, sizeof n, counts[t].count);
        evg__buf_printf(s, "%s%s %s", t ? ", " : "", n, evg_model_type(m, counts[t].type)->label);
    }
    if (ntypes > 3) {
        uint32_t rest = 0;
        for (size_t t = 3; t < ntypes; t++)
            rest += counts[t].count;
        evg__tl_format_count(n, sizeof n, rest);
        evg__buf_printf(s, ", %s other", n);
    }
    /* A bin has no label beside it (the count is in its mark, the rest in
     * its tooltip): bins fill periods that could not be labelled. */
    const char *text = evg__tl_buf_take(b);
    g->bare = true;

    /* Sized once all bins are known (evg__tl_size_bin). */
    g->glyph_w = g->glyph_h = 12;

    /* The tooltip lists the first events. */
    evg__buf_str(s, text);
    char casualties[80];
    if (format_casualties(casualties, sizeof casualties, killed, injured))
        evg__buf_printf(s, "\n%s", casualties);
    for (uint32_t k = 0; k < it->count && k < 12; k++) {
        const evg_event *e = evg_model_event(m, it->events[k]);
        evg__buf_str(s, "\n");
        bool year = b->show_year;
        b->show_year = false;
        evg__tl_format_event_date(b, e);
        b->show_year = year;
        evg__buf_printf(s, " \xE2\x80\x93 %s", e->title ? e->title : e->id);
    }
    if (it->count > 12) {
        evg__tl_format_count(n, sizeof n, it->count - 12);
        evg__buf_printf(s, "\n\xE2\x80\xA6 and %s more", n);
    }
    it->tooltip = evg__tl_buf_take(b);
}

void evg__tl_free_attempt(attempt *at)
{
    free(at->items);
    free(at->geo);
    free(at->sc.segs);
    free(at->sc.slot_key);
    free(at->sc.slot_prec);
    free(at->sc.anchor_t);
    free(at->sc.anchor_x);
    free(at->row_offset);
    free(at->row_h);
    memset(at, 0, sizeof *at);
}

int evg__tl_make_items(builder *b, attempt *at)
{
    size_t n = b->count;
    /* Entries, their sorting room, then the items' bin keys. */
    sort_entry *entries =
        evg__tl_scratch(b, (2 * (n + 1)) * sizeof *entries + (n + 1) * sizeof(int64_t));
    sort_entry *tmp = entries ? entries + n + 1 : NULL;
    int64_t *keys = entries ? (int64_t *)(tmp + n + 1) : NULL;
    /* The items' event lists outlive the attempt: they go to the arena. */
    at->members = evg__arena_alloc(&b->out->arena, (n + 1) * sizeof *at->members);
    at->items = calloc(n + 1, sizeof *at->items);
    at->geo = calloc(n + 1, sizeof *at->geo);
    type_count *counts = malloc((evg_model_type_count(b->model) + 1) * sizeof *counts);
    int rc = 0;
    if (entries == NULL || at->members == NULL || at->items == NULL || at->geo == NULL ||
        counts == NULL || keys == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    /* Events come by date, most sharing theirs with the one before: the
     * key and time are worked out once per date. */
    const evg_date *last = NULL;
    int64_t key = NO_BIN;
    double t = 0;
    for (size_t i = 0; i < n; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        if (last == NULL || !evg__same_instant(last, &e->date)) {
            last = &e->date;
            key = evg__tl_bin_key(last, at->unit);
            double end;
            t = evg__tl_date_start(last);
            if (key != NO_BIN)
                evg__tl_bin_period(key, at->unit, &t, &end);
        }
        entries[i] = (sort_entry){key, t, b->event_lane[i], (uint32_t)i};
    }
    if ((rc = sort_entries(entries, n, b->out->lane_count, tmp)) != 0)
        goto done;
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        if (entries[i].key != NO_BIN)
            while (j < n && entries[j].lane == entries[i].lane && entries[j].key == entries[i].key)
                j++;
        evg__tl_item *it = &at->items[count];
        it->events = at->members + i;
        it->count = (uint32_t)(j - i);
        it->lane = entries[i].lane;
        it->row = 0;
        for (size_t k = i; k < j; k++)
            at->members[k] = b->events[entries[k].order];
        keys[count] = entries[i].key;
        count++;
        i = j;
    }
    at->item_count = count;
    for (size_t i = 0; i < count && !b->nomem; i++) {
        at->geo[i].bin = keys[i];
        if (at->items[i].count == 1)
            describe_event(b, at, i);
        else
            describe_bin(b, at, i, keys[i], counts);
    }
    if (b->nomem)
        rc = EVG_ENOMEM;
done:
    free(counts);
    return rc;
}

double evg__tl_bar_height(const attempt *at, uint64_t weight)
{
    double h = at->bin_max ? BIN_BAR_MAX * (double)weight / (double)at->bin_max : BIN_BAR_MIN;
    return h < BIN_BAR_MIN ? BIN_BAR_MIN : h;
}

void evg__tl_size_bin(const builder *b, const attempt *at, item_geom *g)
{
    char n[32], killed[48];
    evg__tl_format_count(n, sizeof n, g->weight);
    double w = evg__tl_text_w(n, COUNT_SIZE, EVG__TL_BOLD);
    g->glyph_h = evg__tl_bar_height(at, g->weight) + 1 + evg__tl_text_height(1, COUNT_SIZE);
    if (g->killed > 0) {
        evg__tl_format_count(n, sizeof n, (uint64_t)g->killed);
        snprintf(killed, sizeof killed, "%s", n);
        double kw = evg__tl_text_w(killed, CASUALTY_SIZE, EVG__TL_REGULAR);
        if (kw > w)
            w = kw;
        g->glyph_h += evg__tl_text_height(1, CASUALTY_SIZE);
    }
    g->glyph_w = ceil(w + 2);
}
