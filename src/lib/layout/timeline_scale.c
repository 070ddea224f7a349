/* The timeline's time scale: proportional, with long gaps cut, or ordinal. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

typedef struct interval {
    double t0, t1;
} interval;

typedef struct slot {
    int64_t key;
    int prec;
} slot;

static int compare_intervals(const void *pa, const void *pb)
{
    const interval *a = pa, *b = pb;
    return a->t0 < b->t0 ? -1 : a->t0 > b->t0;
}

double evg__tl_x_at(const scale *sc, double t)
{
    if (sc->ordinal) {
        size_t n = sc->slot_count;
        if (t <= sc->anchor_t[0])
            return t < sc->anchor_t[0] ? sc->anchor_x[0] - sc->step / 2 : sc->anchor_x[0];
        if (t > sc->anchor_t[n - 1])
            return sc->anchor_x[n - 1] + sc->step / 2;
        size_t lo = 0, hi = n - 1; /* anchor_t[lo] < t <= anchor_t[hi] */
        while (hi - lo > 1) {
            size_t mid = (lo + hi) / 2;
            if (sc->anchor_t[mid] < t)
                lo = mid;
            else
                hi = mid;
        }
        double f = (t - sc->anchor_t[lo]) / (sc->anchor_t[hi] - sc->anchor_t[lo]);
        return sc->anchor_x[lo] + f * (sc->anchor_x[hi] - sc->anchor_x[lo]);
    }
    size_t lo = 0, hi = sc->seg_count;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (sc->segs[mid].t0 <= t)
            lo = mid;
        else
            hi = mid;
    }
    const segment *g = &sc->segs[lo];
    if (t < g->t0)
        t = g->t0;
    if (t > g->t1)
        t = g->t1;
    return g->x0 + (t - g->t0) * sc->s;
}

/* The ordinal position of an item's date. */
double evg__tl_slot_x(const scale *sc, const item_geom *g)
{
    size_t lo = 0, hi = sc->slot_count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sc->slot_key[mid] < g->slot_key ||
            (sc->slot_key[mid] == g->slot_key && sc->slot_prec[mid] < g->slot_prec))
            lo = mid + 1;
        else
            hi = mid;
    }
    return sc->anchor_x[lo < sc->slot_count ? lo : sc->slot_count - 1];
}

static int compare_slots(const void *pa, const void *pb)
{
    const slot *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->prec < b->prec ? -1 : a->prec > b->prec;
}

int evg__tl_make_ordinal_scale(builder *b, attempt *at)
{
    scale *sc = &at->sc;
    size_t n = at->item_count;
    slot *slots = malloc((n + 1) * sizeof *slots);
    sc->slot_key = malloc((n + 1) * sizeof *sc->slot_key);
    sc->slot_prec = malloc((n + 1) * sizeof *sc->slot_prec);
    sc->anchor_t = malloc((n + 1) * sizeof *sc->anchor_t);
    sc->anchor_x = malloc((n + 1) * sizeof *sc->anchor_x);
    sc->segs = calloc(1, sizeof *sc->segs);
    if (slots == NULL || sc->slot_key == NULL || sc->slot_prec == NULL || sc->anchor_t == NULL ||
        sc->anchor_x == NULL || sc->segs == NULL) {
        free(slots);
        return EVG_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        slots[i] = (slot){at->geo[i].slot_key, at->geo[i].slot_prec};
    qsort(slots, n, sizeof *slots, compare_slots);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (count == 0 || compare_slots(&slots[i], &slots[count - 1]) != 0)
            slots[count++] = slots[i];
    double x0 = b->plot_x0 + EDGE_PAD, x1 = b->plot_x1 - EDGE_PAD;
    sc->ordinal = true;
    sc->slot_count = count;
    sc->step = (x1 - x0) / (double)count;
    for (size_t i = 0; i < count; i++) {
        sc->slot_key[i] = slots[i].key;
        sc->slot_prec[i] = slots[i].prec;
        sc->anchor_t[i] = (double)slots[i].key;
        sc->anchor_x[i] = x0 + ((double)i + 0.5) * sc->step;
    }
    free(slots);
    sc->seg_count = 1;
    sc->segs[0] = (segment){sc->anchor_t[0], sc->anchor_t[count - 1], x0, x1, x0, x1};
    return 0;
}

int evg__tl_make_proportional_scale(builder *b, attempt *at)
{
    scale *sc = &at->sc;
    size_t n = at->item_count;
    interval *iv = malloc((n + 1) * sizeof *iv);
    if (iv == NULL)
        return EVG_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const item_geom *g = &at->geo[i];
        iv[i] = (interval){g->t0, g->t1 > g->t_last ? g->t1 : g->t_last};
    }
    /* The finest period of the events' own dates (not of their bins), and
     * the time they cover: a bin or a week reaching past the data does not
     * stretch the axis. */
    double finest = INFINITY, data0 = INFINITY, data1 = -INFINITY;
    for (size_t i = 0; i < b->count; i++) {
        const evg_event *e = evg_model_event(b->model, b->events[i]);
        double t0 = evg__tl_date_start(&e->date), t1 = evg__tl_date_end(&e->date);
        if (t1 - t0 < finest)
            finest = t1 - t0;
        if (t0 < data0)
            data0 = t0;
        if (e->end_date.precision) {
            double end =
                e->end_date.precision >= EVG_PRECISION_MINUTE
                    ? evg__tl_date_start(&e->end_date)
                    : (evg__tl_date_start(&e->end_date) + evg__tl_date_end(&e->end_date)) / 2;
            if (end > t1)
                t1 = end;
        }
        if (t1 > data1)
            data1 = t1;
    }
    qsort(iv, n, sizeof *iv, compare_intervals);
    size_t merged = 0;
    for (size_t i = 0; i < n; i++) {
        if (merged && iv[i].t0 <= iv[merged - 1].t1) {
            if (iv[i].t1 > iv[merged - 1].t1)
                iv[merged - 1].t1 = iv[i].t1;
        } else {
            iv[merged++] = iv[i];
        }
    }
    if (iv[0].t0 < data0)
        iv[0].t0 = data0;
    if (iv[merged - 1].t1 > data1)
        iv[merged - 1].t1 = data1;
    /* The axis starts and ends at the data: a day of data gets a day. Only
     * times of day, which may all be one instant, get some room: at least
     * ten of their periods (ten minutes), around them. */
    if (finest < 1)
        finest = 1;
    double total = iv[merged - 1].t1 - iv[0].t0, least = 10 * finest;
    if (finest < 86400 && total < least) {
        iv[0].t0 -= (least - total) / 2;
        iv[merged - 1].t1 += (least - total) / 2;
        total = least;
    }
    /* Cut the longest gaps while each is a large part of what is left. */
    bool *cut = calloc(merged + 1, 1);
    sc->segs = calloc(merged + 1, sizeof *sc->segs);
    if (cut == NULL || sc->segs == NULL) {
        free(iv);
        free(cut);
        return EVG_ENOMEM;
    }
    double avail = b->plot_x1 - b->plot_x0 - 2 * EDGE_PAD;
    size_t max_cuts = (size_t)(avail / 2 / (MIN_SEGMENT + BREAK_WIDTH));
    if (max_cuts > CUT_MAX)
        max_cuts = CUT_MAX;
    double left = total;
    for (size_t cuts = 0; b->opts->cut_gaps && cuts < max_cuts; cuts++) {
        size_t best = 0;
        double gap = 0;
        for (size_t k = 0; k + 1 < merged; k++) {
            double g = iv[k + 1].t0 - iv[k].t1;
            if (!cut[k] && g > gap)
                gap = g, best = k;
        }
        if (gap < CUT_MIN_SECONDS || gap <= left / 5)
            break;
        cut[best] = true;
        left -= gap;
    }
    size_t nseg = 0;
    for (size_t k = 0; k < merged; k++) {
        if (k == 0 || cut[k - 1])
            sc->segs[nseg++] = (segment){iv[k].t0, iv[k].t1, 0, 0, 0, 0};
        else
            sc->segs[nseg - 1].t1 = iv[k].t1;
    }
    free(iv);
    free(cut);
    sc->seg_count = nseg;
    /* One scale for all pieces; a piece too short for its axis labels gets
     * more room around it, not a scale of its own. */
    double room = avail - (double)(nseg - 1) * BREAK_WIDTH;
    double s = 0;
    for (int pass = 0; pass < 8; pass++) {
        double fixed = 0, free_time = 0;
        for (size_t k = 0; k < nseg; k++) {
            double dur = sc->segs[k].t1 - sc->segs[k].t0;
            if (pass > 0 && dur * s < MIN_SEGMENT && nseg > 1)
                fixed += MIN_SEGMENT;
            else
                free_time += dur;
        }
        double next = free_time > 0 ? (room - fixed) / free_time : 0;
        if (next <= 0)
            break;
        if (pass > 0 && fabs(next - s) < 1e-12 * next)
            break;
        s = next;
    }
    sc->s = s;
    double x = b->plot_x0 + EDGE_PAD;
    for (size_t k = 0; k < nseg; k++) {
        segment *g = &sc->segs[k];
        double w = (g->t1 - g->t0) * s;
        double slot_w = w < MIN_SEGMENT && nseg > 1 ? MIN_SEGMENT : w;
        g->slot0 = x;
        g->slot1 = x + slot_w;
        g->x0 = x + (slot_w - w) / 2;
        g->x1 = g->x0 + w;
        x += slot_w + BREAK_WIDTH;
    }
    return 0;
}
