/* Placing the timeline's items in rows so that labels never overlap, and
 * choosing the binning whose labels fit. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

typedef struct span {
    double x0, x1;
} span;

static void use_variant(item_geom *g, size_t v)
{
    g->variant = v;
    g->label = g->variants[v].label;
    g->label_w = g->variants[v].w;
    g->label_h = g->variants[v].h;
}

/* Where the glyph, band and bar go: depends on the scale only. */
static void position_item(const attempt *at, size_t i)
{
    item_geom *g = &at->geo[i];
    const scale *sc = &at->sc;
    g->x = sc->ordinal ? evg__tl_slot_x(sc, g) : evg__tl_x_at(sc, g->tc);
    g->band0 = g->band1 = g->x;
    bool bin = at->items[i].count > 1 || g->as_bin;
    if ((g->style & EVG__TL_HOLLOW) || bin) {
        g->band0 = evg__tl_x_at(sc, g->t0);
        g->band1 = evg__tl_x_at(sc, g->t1);
        if (sc->ordinal && bin) {
            /* A bin's slot sits at its start: centre its band there. */
            g->band0 = g->x - sc->step / 2;
            g->band1 = g->x + sc->step / 2;
        }
    }
    g->bar_end = NAN;
    if (!isnan(g->t_end)) {
        double xe = evg__tl_x_at(sc, g->t_end);
        if (xe > g->x + 1)
            g->bar_end = xe;
    }
}

/* A lone event without room for its label, drawn like the bins around it:
 * a mark with "1" over its period. */
static void make_bin_of_one(const builder *b, attempt *at, size_t i)
{
    item_geom *g = &at->geo[i];
    g->as_bin = true;
    g->bare = true;
    evg__tl_bin_period(g->bin, at->unit, &g->t0, &g->t1);
    if (!at->sc.ordinal)
        g->tc = (g->t0 + g->t1) / 2;
    g->t_end = NAN;
    g->style = 0;
    evg__tl_size_bin(b, at, g);
    position_item(at, i);
}

/* Wraps the label at each width; a width that gives the same lines as a
 * narrower one is not kept. */
static void wrap_item(builder *b, const attempt *at, size_t i, const double *widths, size_t n)
{
    item_geom *g = &at->geo[i];
    g->variant_count = 0;
    for (size_t k = 0; k < n; k++) {
        struct label_variant v;
        v.label = evg__tl_wrap(b, g->text, LABEL_SIZE, EVG__TL_REGULAR, widths[k], g->max_lines,
                               &v.lines, &v.w);
        v.h = evg__tl_text_height(v.lines, LABEL_SIZE);
        if (g->variant_count && g->variants[g->variant_count - 1].lines == v.lines)
            continue;
        g->variants[g->variant_count++] = v;
    }
    use_variant(g, g->variant_count / 2);
}

typedef struct item_box {
    double x0, x1, h, label_x;
    char side;
} item_box;

/* Where a label beside the item may start (right) or end (left). A short
 * band (a month) is kept clear of the label; a long one (a year on a long
 * axis) lies under it. */
static void label_anchors(const item_geom *g, double *right_from, double *left_to)
{
    double half = g->glyph_w / 2;
    *right_from = g->x + half;
    *left_to = g->x - half;
    if (!isnan(g->bar_end) && g->bar_end + 1 > *right_from)
        *right_from = g->bar_end + 1;
    if (g->band1 > *right_from && g->band1 - g->x <= 24)
        *right_from = g->band1;
    if (g->band0 < *left_to && g->x - g->band0 <= 24)
        *left_to = g->band0;
}

/* The extent of an item with its label (the variant in use) on `side`: 'r'
 * right of the glyph (and of its bar), 'l' left, 'b' below. False when the
 * label would leave the plot ('b' always fits). */
static bool side_box(const builder *b, const item_geom *g, char side, item_box *box)
{
    double half = g->glyph_w / 2;
    double line_h = evg__tl_text_height(1, LABEL_SIZE);
    double cas_h = g->casualties ? evg__tl_text_height(1, CASUALTY_SIZE) : 0;
    double block_w = g->label_w > g->casualties_w ? g->label_w : g->casualties_w;
    double right_from, left_to;
    label_anchors(g, &right_from, &left_to);
    double gx0 = g->x - half, gx1 = right_from;
    if (g->band0 < gx0)
        gx0 = g->band0;
    if (g->band1 > gx1)
        gx1 = g->band1;
    double lx;
    if (side == 'r') {
        lx = right_from + LABEL_GAP;
        if (lx + block_w > b->plot_x1)
            return false;
    } else if (side == 'l') {
        lx = left_to - LABEL_GAP - block_w;
        if (lx < b->plot_x0)
            return false;
    } else {
        lx = g->x - half;
        if (lx + block_w > b->plot_x1)
            lx = b->plot_x1 - block_w;
        if (lx < b->plot_x0)
            lx = b->plot_x0;
    }
    double glyph_h = g->glyph_h > line_h ? g->glyph_h : line_h;
    box->side = side;
    box->label_x = lx;
    box->x0 = gx0 < lx ? gx0 : lx;
    box->x1 = gx1 > lx + block_w ? gx1 : lx + block_w;
    box->h = side == 'b' ? g->glyph_h + 1 + g->label_h + cas_h
                         : (glyph_h > g->label_h + cas_h ? glyph_h : g->label_h + cas_h);
    return true;
}

/* An item drawn without a label: a bin (its count is in its mark) or an
 * event there was no room to label. Its box is its glyph, bar and band; a
 * bin's band may touch the next bin's. */
static void bare_box(const item_geom *g, item_box *box)
{
    double half = g->glyph_w / 2;
    double x0 = g->x - half, x1 = g->x + half;
    if (g->band0 + ITEM_GAP / 2 < x0)
        x0 = g->band0 + ITEM_GAP / 2;
    if (g->band1 - ITEM_GAP / 2 > x1)
        x1 = g->band1 - ITEM_GAP / 2;
    if (!isnan(g->bar_end) && g->bar_end + 1 > x1)
        x1 = g->bar_end + 1;
    *box = (item_box){x0, x1, g->glyph_h, g->x, 'n'};
}

/* Right if it fits, else left, else below. */
static void default_box(const builder *b, const item_geom *g, item_box *box)
{
    if (g->bare)
        bare_box(g, box);
    else if (!side_box(b, g, 'r', box) && !side_box(b, g, 'l', box))
        side_box(b, g, 'b', box);
}

static void apply_box(item_geom *g, const item_box *box)
{
    g->side = box->side;
    g->label_x = box->label_x;
    g->x0 = box->x0;
    g->x1 = box->x1;
    g->h = box->h;
    if (box->side == 'n')
        g->label = NULL;
}

typedef struct row_slot {
    double right;
    uint32_t row;
} row_slot;

/* Min-heaps: rows in use by their right end, free rows by number. */
static void heap_push(row_slot *h, size_t *n, row_slot v, bool by_row)
{
    size_t i = (*n)++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        bool less = by_row ? v.row < h[p].row
                           : (v.right < h[p].right || (v.right == h[p].right && v.row < h[p].row));
        if (!less)
            break;
        h[i] = h[p];
        i = p;
    }
    h[i] = v;
}

static row_slot heap_pop(row_slot *h, size_t *n, bool by_row)
{
    row_slot top = h[0], v = h[--*n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= *n)
            break;
        if (c + 1 < *n) {
            bool right_less = by_row ? h[c + 1].row < h[c].row
                                     : (h[c + 1].right < h[c].right ||
                                        (h[c + 1].right == h[c].right && h[c + 1].row < h[c].row));
            if (right_less)
                c++;
        }
        bool less = by_row ? h[c].row < v.row
                           : (h[c].right < v.right || (h[c].right == v.right && h[c].row < v.row));
        if (!less)
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = v;
    return top;
}

typedef struct order_entry {
    uint32_t lane;
    uint32_t pass; /* bins (0) are placed before lone events (1) */
    double x;
    uint32_t item;
} order_entry;

static int compare_order(const void *pa, const void *pb)
{
    const order_entry *a = pa, *b = pb;
    if (a->lane != b->lane)
        return a->lane < b->lane ? -1 : 1;
    if (a->pass != b->pass)
        return a->pass < b->pass ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

/* Lanes with more items than this are packed the fast way only. */
#define FLEXIBLE_PACKING_MAX 1500

/* With bins, a lone event is labelled where its label costs no more height
 * than a bare mark, or anywhere in a lane of few items. */
#define FEW_ITEMS 16

/* Rows of labels a lane may have when the binning is chosen (not auto);
 * events past them are drawn without a label, in rows below. */
#define LABEL_ROWS_PER_LANE 24
#define LABEL_ROWS_SINGLE_LANE 96

typedef struct row_spans {
    span *spans; /* disjoint, sorted */
    size_t count, cap;
    double h; /* tallest item */
} row_spans;

static bool row_is_free(const row_spans *r, double x0, double x1)
{
    size_t lo = 0, hi = r->count; /* first span ending after x0 - gap */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->spans[mid].x1 + ITEM_GAP <= x0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo == r->count || r->spans[lo].x0 >= x1 + ITEM_GAP;
}

static bool row_take(row_spans *r, double x0, double x1)
{
    if (r->count == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 8;
        span *p = realloc(r->spans, cap * sizeof *p);
        if (p == NULL)
            return false;
        r->spans = p;
        r->cap = cap;
    }
    size_t at = r->count;
    while (at > 0 && r->spans[at - 1].x0 > x0)
        at--;
    memmove(r->spans + at + 1, r->spans + at, (r->count - at) * sizeof *r->spans);
    r->spans[at] = (span){x0, x1};
    r->count++;
    return true;
}

/* The candidate placements of a labelled item: every label width on every
 * side, lowest first (then right, left, below). Returns how many. */
static size_t label_boxes(builder *b, item_geom *g, item_box *boxes, size_t *variant)
{
    /* Also wrap at the room there is on each side, which may save a line. */
    double right_from, left_to;
    label_anchors(g, &right_from, &left_to);
    double room[2] = {b->plot_x1 - right_from - LABEL_GAP - 0.5,
                      left_to - LABEL_GAP - b->plot_x0 - 0.5};
    for (int side = 0; side < 2; side++) {
        if (room[side] < 60 || room[side] >= g->variants[g->variant_count - 1].w ||
            g->variant_count == sizeof g->variants / sizeof g->variants[0])
            continue;
        struct label_variant v;
        v.label = evg__tl_wrap(b, g->text, LABEL_SIZE, EVG__TL_REGULAR, room[side], g->max_lines,
                               &v.lines, &v.w);
        v.h = evg__tl_text_height(v.lines, LABEL_SIZE);
        bool better = true;
        for (size_t k = 0; k < g->variant_count && better; k++)
            better = !(g->variants[k].w <= room[side] && g->variants[k].lines <= v.lines);
        if (better)
            g->variants[g->variant_count++] = v;
    }
    size_t n = 0;
    for (size_t v = 0; v < g->variant_count; v++) {
        use_variant(g, v);
        for (const char *side = "rlb"; *side; side++) {
            if (!side_box(b, g, *side, &boxes[n]))
                continue;
            variant[n++] = v;
        }
    }
    for (size_t x = 1; x < n; x++) {
        for (size_t y = x; y > 0 && boxes[y].h < boxes[y - 1].h; y--) {
            item_box tb = boxes[y];
            size_t tv = variant[y];
            boxes[y] = boxes[y - 1], variant[y] = variant[y - 1];
            boxes[y - 1] = tb, variant[y - 1] = tv;
        }
    }
    return n;
}

/* The two heaps of rows for packing n items: rows in use, by where they
 * end, and rows free again, by number. */
static int heaps_new(row_slot **busy, row_slot **idle, size_t n)
{
    *busy = malloc((n + 1) * sizeof **busy);
    *idle = malloc((n + 1) * sizeof **idle);
    if (*busy == NULL || *idle == NULL) {
        free(*busy);
        free(*idle);
        return EVG_ENOMEM;
    }
    return 0;
}

/* Packs bare items (given in any order) into rows from `first_row` on, each
 * in the lowest row free at its left end: rows kept in heaps, O(n log n). */
static int pack_bare(attempt *at, order_entry *order, size_t n, uint32_t first_row, uint32_t *rows)
{
    row_slot *busy, *idle;
    if (heaps_new(&busy, &idle, n) != 0)
        return EVG_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        item_geom *g = &at->geo[order[k].item];
        item_box box;
        g->bare = true;
        bare_box(g, &box);
        apply_box(g, &box);
        order[k].x = box.x0;
        order[k].pass = 0; /* the heaps need left ends in order */
    }
    qsort(order, n, sizeof *order, compare_order);
    size_t nbusy = 0, nidle = 0;
    uint32_t count = first_row;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = order[k].item;
        while (nbusy && busy[0].right + ITEM_GAP <= at->geo[i].x0)
            heap_push(idle, &nidle, heap_pop(busy, &nbusy, false), true);
        uint32_t row = nidle ? heap_pop(idle, &nidle, true).row : count++;
        at->items[i].row = row;
        heap_push(busy, &nbusy, (row_slot){at->geo[i].x1, row}, false);
    }
    if (count > *rows)
        *rows = count;
    free(busy);
    free(idle);
    return 0;
}

/* The placement among `boxes` that adds least to the lane's height (a new
 * row costs the box and a gap), then the lowest row; returns the growth. */
static double best_place(const row_spans *r, size_t count, const item_box *boxes, size_t nbox,
                         size_t *row, size_t *choice)
{
    double best = boxes[0].h + ROW_GAP;
    *row = count;
    *choice = 0;
    for (size_t rr = 0; rr < count && best > 0; rr++) {
        for (size_t c = 0; c < nbox; c++) {
            double grows = boxes[c].h > r[rr].h ? boxes[c].h - r[rr].h : 0;
            if (grows < best - 0.01 && row_is_free(&r[rr], boxes[c].x0, boxes[c].x1)) {
                best = grows, *row = rr, *choice = c;
                if (grows == 0)
                    break;
            }
        }
    }
    return best;
}

/* In glyph order, each item goes where it adds least height to its lane:
 * any row where it fits, its label right, left or below the glyph, wrapped
 * at one of a few widths. Items that would need a row past `label_rows`
 * are left in `deferred` (their count in *ndeferred). When bins are drawn,
 * a lone event's label is optional: it is drawn where it costs (almost) no
 * more height than the bare glyph, and *unlabelled counts the others. */
static int pack_flexible(builder *b, attempt *at, const order_entry *order, size_t n,
                         uint32_t label_rows, uint32_t *rows, order_entry *deferred,
                         size_t *ndeferred, size_t *unlabelled)
{
    row_spans *r = NULL;
    size_t count = 0, cap = 0;
    size_t free_rows = n <= FEW_ITEMS ? label_rows : 0;
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        uint32_t i = order[k].item;
        item_geom *g = &at->geo[i];
        item_box boxes[3 * sizeof g->variants / sizeof g->variants[0]], box;
        size_t variant[sizeof boxes / sizeof boxes[0]], nbox;
        if (g->bare) {
            bare_box(g, &boxes[0]);
            variant[0] = 0;
            nbox = 1;
        } else {
            nbox = label_boxes(b, g, boxes, variant);
        }
        size_t row, choice;
        double grows = best_place(r, count, boxes, nbox, &row, &choice);
        if (!g->bare && at->unit != EVG_TIMELINE_BIN_NONE) {
            item_box bare;
            size_t bare_row, bare_choice;
            bare_box(g, &bare);
            double bare_grows = best_place(r, count, &bare, 1, &bare_row, &bare_choice);
            if ((grows > bare_grows + 3 && row >= free_rows) || row >= label_rows) {
                g->bare = true;
                if (g->bin != NO_BIN) {
                    make_bin_of_one(b, at, i);
                    bare_box(g, &bare);
                    best_place(r, count, &bare, 1, &bare_row, &bare_choice);
                } else {
                    at->glyph_only++;
                }
                boxes[0] = bare;
                row = bare_row;
                choice = 0;
                (*unlabelled)++;
            }
        }
        if (row >= label_rows && !g->bare) {
            deferred[(*ndeferred)++] = order[k];
            continue;
        }
        if (row == count) {
            row_spans *grown = count == cap ? realloc(r, (cap ? 2 * cap : 8) * sizeof *r) : r;
            if (grown == NULL) {
                rc = EVG_ENOMEM;
                break;
            }
            if (count == cap)
                cap = cap ? 2 * cap : 8;
            r = grown;
            r[count++] = (row_spans){NULL, 0, 0, 0};
        }
        box = boxes[choice];
        if (!g->bare)
            use_variant(g, variant[choice]);
        apply_box(g, &box);
        at->items[i].row = (uint32_t)row;
        if (box.h > r[row].h)
            r[row].h = box.h;
        if (!row_take(&r[row], box.x0, box.x1))
            rc = EVG_ENOMEM;
    }
    *rows = (uint32_t)count;
    for (size_t k = 0; k < count; k++)
        free(r[k].spans);
    free(r);
    return rc;
}

/* Each item with its label on its default side, in the lowest row free at
 * its left end: O(n log n) for lanes of any size. */
static int pack_fast(const builder *b, attempt *at, order_entry *order, size_t n,
                     uint32_t label_rows, uint32_t *rows, order_entry *deferred, size_t *ndeferred,
                     size_t *unlabelled)
{
    row_slot *busy, *idle;
    if (heaps_new(&busy, &idle, n) != 0)
        return EVG_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        item_geom *g = &at->geo[order[k].item];
        if (!g->bare && at->unit != EVG_TIMELINE_BIN_NONE) {
            /* Too many to weigh each label: the bins speak. */
            if (g->bin != NO_BIN)
                make_bin_of_one(b, at, order[k].item);
            else
                at->glyph_only++;
            g->bare = true;
            (*unlabelled)++;
        }
        item_box box;
        default_box(b, g, &box);
        apply_box(g, &box);
        order[k].x = box.x0;
        order[k].pass = 0; /* the heaps need left ends in order */
    }
    qsort(order, n, sizeof *order, compare_order);
    size_t nbusy = 0, nidle = 0;
    uint32_t count = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = order[k].item;
        while (nbusy && busy[0].right + ITEM_GAP <= at->geo[i].x0)
            heap_push(idle, &nidle, heap_pop(busy, &nbusy, false), true);
        bool reused = nidle > 0;
        uint32_t row = reused ? heap_pop(idle, &nidle, true).row : count++;
        if (row >= label_rows && !at->geo[i].bare) {
            if (reused)
                heap_push(idle, &nidle, (row_slot){0, row}, true);
            else
                count--;
            deferred[(*ndeferred)++] = order[k];
            continue;
        }
        at->items[i].row = row;
        heap_push(busy, &nbusy, (row_slot){at->geo[i].x1, row}, false);
    }
    *rows = count;
    free(busy);
    free(idle);
    return 0;
}

static int pack_rows(builder *b, attempt *at)
{
    size_t n = at->item_count, lanes = b->out->lane_count;
    order_entry *order = malloc((n + 1) * sizeof *order);
    order_entry *deferred = malloc((n + 1) * sizeof *deferred);
    uint32_t *rows = calloc(lanes + 1, sizeof *rows);
    uint32_t label_rows = lanes > 1 ? LABEL_ROWS_PER_LANE : LABEL_ROWS_SINGLE_LANE;
    free(at->row_offset);
    free(at->row_h);
    at->row_h = NULL;
    at->row_offset = calloc(lanes + 1, sizeof *at->row_offset);
    at->unlabelled = 0;
    at->glyph_only = 0;
    int rc = 0;
    if (order == NULL || deferred == NULL || rows == NULL || at->row_offset == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    /* Bins first, so they line up in the top rows; lone events then take
     * the room left. */
    for (size_t i = 0; i < n; i++)
        order[i] = (order_entry){at->items[i].lane, at->items[i].count > 1 ? 0 : 1, at->geo[i].x,
                                 (uint32_t)i};
    qsort(order, n, sizeof *order, compare_order);
    for (size_t k = 0; k < n && rc == 0;) {
        size_t end = k, ndeferred = 0;
        while (end < n && order[end].lane == order[k].lane)
            end++;
        uint32_t lane = order[k].lane;
        if (end - k <= FLEXIBLE_PACKING_MAX)
            rc = pack_flexible(b, at, order + k, end - k, label_rows, &rows[lane], deferred,
                               &ndeferred, &at->unlabelled);
        else
            rc = pack_fast(b, at, order + k, end - k, label_rows, &rows[lane], deferred, &ndeferred,
                           &at->unlabelled);
        if (rc == 0 && ndeferred)
            rc = pack_bare(at, deferred, ndeferred, rows[lane], &rows[lane]);
        at->unlabelled += ndeferred;
        at->glyph_only += ndeferred;
        k = end;
    }
    if (rc)
        goto done;
    size_t total = 0;
    uint32_t max = 0;
    for (size_t l = 0; l < lanes; l++) {
        at->row_offset[l] = (uint32_t)total;
        total += rows[l];
        if (rows[l] > max)
            max = rows[l];
        b->out->lanes[l].rows = rows[l];
    }
    at->rows_total = total;
    at->rows_max = max;
    at->row_h = calloc(total + 1, sizeof *at->row_h);
    if (at->row_h == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        double *h = &at->row_h[at->row_offset[at->items[i].lane] + at->items[i].row];
        if (at->geo[i].h > *h)
            *h = at->geo[i].h;
    }
done:
    free(order);
    free(deferred);
    free(rows);
    return rc;
}

/* Height of a lane: its rows (and target strip), or its name if taller. */
double evg__tl_lane_height(const builder *b, const attempt *at, size_t l)
{
    const evg__tl_lane *lane = &b->out->lanes[l];
    double content = b->lane_marks[l] ? TARGET_STRIP : 0;
    for (uint32_t r = 0; r < lane->rows; r++)
        content += at->row_h[at->row_offset[l] + r] + (r ? ROW_GAP : 0);
    double name_h = b->lane_label_h[l] + (b->lane_marks[l] && lane->rows ? TARGET_STRIP : 0);
    if (b->opts->lanes == EVG_TIMELINE_LANES_NONE)
        name_h = 0;
    return 2 * LANE_PAD + (content > name_h ? content : name_h);
}

/* Lays the items out for one binning. Labels are wrapped at a few widths:
 * where events crowd, each needs a row anyway and a wide label takes fewer
 * lines; where they spread, narrow labels share rows. */
int evg__tl_try_binning(builder *b, attempt *at, evg_timeline_bin unit)
{
    at->unit = unit;
    int rc = evg__tl_make_items(b, at);
    /* Bars share one scale, set by the heaviest bin of the figure. */
    at->bin_max = 0;
    for (size_t i = 0; rc == 0 && i < at->item_count; i++)
        if (at->items[i].count > 1 && at->geo[i].weight > at->bin_max)
            at->bin_max = at->geo[i].weight;
    for (size_t i = 0; rc == 0 && i < at->item_count; i++)
        if (at->items[i].count > 1)
            evg__tl_size_bin(b, at, &at->geo[i]);
    if (rc == 0)
        rc = b->opts->scale == EVG_TIMELINE_SCALE_ORDINAL ? evg__tl_make_ordinal_scale(b, at)
                                                          : evg__tl_make_proportional_scale(b, at);
    if (rc)
        return rc;
    for (size_t i = 0; i < at->item_count; i++)
        position_item(at, i);
    double plot_w = b->plot_x1 - b->plot_x0;
    double widths[3] = {floor(plot_w * 0.34), floor(plot_w * 0.55), floor(plot_w * 0.85)};
    for (size_t w = 0; w < 3; w++) {
        if (widths[w] > 360)
            widths[w] = 360;
        if (widths[w] < 90)
            widths[w] = plot_w < 90 ? plot_w : 90;
    }
    for (size_t i = 0; i < at->item_count; i++)
        if (!at->geo[i].bare)
            wrap_item(b, at, i, widths, 3);
    rc = pack_rows(b, at);
    return b->nomem && rc == 0 ? EVG_ENOMEM : rc;
}

/* Whether, from counts alone, the items of `unit` cannot fit (so that
 * auto binning need not build them). Each event is an item, or each bin of
 * a lane: as many as the lane's distinct bins and its events coarser than
 * the bin. Every item takes a row, its box at least `least` wide (a glyph,
 * or a bin's count) and ITEM_GAP from the next in the row, so a row holds
 * at most so many; evg__tl_fits then asks for at most ROWS_PER_LANE rows in
 * a lane and so many in all. Only certain failures: an attempt that might
 * fit is built. */
bool evg__tl_cannot_fit(const builder *b, evg_timeline_bin unit)
{
    size_t lanes = b->out->lane_count;
    if (lanes == 0 || b->count == 0)
        return false;
    uint32_t per_lane = lanes > 1 ? ROWS_PER_LANE : ROWS_SINGLE_LANE;
    size_t total = 3 * lanes > ROWS_TOTAL ? 3 * lanes : ROWS_TOTAL;
    double least = GLYPH;
    if (unit != EVG_TIMELINE_BIN_NONE) {
        /* Digits are all as wide: a count is at least one. */
        double digit = ceil(evg__tl_text_w("0", COUNT_SIZE, EVG__TL_BOLD) + 2);
        if (digit < least)
            least = digit;
    }
    double room = b->plot_x1 - b->plot_x0 + 2 * EDGE_PAD;
    double per_row = floor((room + ITEM_GAP) / (least + ITEM_GAP));
    if (per_row < 1)
        per_row = 1;
    if ((double)b->count <= per_row * (double)per_lane)
        return false; /* no lane can need too many rows */
    size_t *items = calloc(lanes, sizeof *items);
    int64_t *last = malloc(lanes * sizeof *last);
    if (items == NULL || last == NULL) {
        free(items);
        free(last);
        return false; /* build it and let that report */
    }
    for (size_t l = 0; l < lanes; l++)
        last[l] = NO_BIN;
    /* Events come by start date, so a lane's bins come in order. */
    int64_t previous = INT64_MIN, start = 0, key = NO_BIN;
    bool sorted = true;
    const evg_date *memo = NULL; /* the date `start` and `key` are of */
    for (size_t i = 0; i < b->count && sorted; i++) {
        uint32_t l = b->event_lane[i];
        const evg_date *d = &evg_model_event(b->model, b->events[i])->date;
        if (memo == NULL || !evg__same_instant(memo, d)) {
            memo = d;
            start = evg_date_start(d);
            key = evg__tl_bin_key(d, unit);
        }
        sorted = start >= previous;
        previous = start;
        if (l >= lanes)
            continue;
        if (key == NO_BIN || key != last[l])
            items[l]++;
        if (key != NO_BIN)
            last[l] = key;
    }
    bool over = false;
    double rows = 0;
    for (size_t l = 0; l < lanes && sorted && !over; l++) {
        double need = ceil((double)items[l] / per_row);
        rows += need;
        over = need > per_lane || rows > (double)total;
    }
    free(items);
    free(last);
    return sorted && over;
}

bool evg__tl_fits(const builder *b, const attempt *at)
{
    size_t lanes = b->out->lane_count;
    uint32_t per_lane = lanes > 1 ? ROWS_PER_LANE : ROWS_SINGLE_LANE;
    size_t total = 3 * lanes > ROWS_TOTAL ? 3 * lanes : ROWS_TOTAL;
    /* Without bins every event has its label. With bins, a lone event may
     * go without where bins crowd it, but only a few: else the bins are
     * too fine to read. */
    size_t unlabelled_max = at->unit == EVG_TIMELINE_BIN_NONE ? 0 : at->item_count / 10;
    return at->unlabelled <= unlabelled_max && at->rows_max <= per_lane && at->rows_total <= total;
}
