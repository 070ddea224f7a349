/* The order of events: by date, then precision, then id, so the order of
 * the CSV rows never shows in a figure. */
#include "model_int.h"

#include <evgraph/diag.h>

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* What events sort by, gathered once in 24 bytes: the start instant and the
 * precision in one integer, and the id's first eight bytes in an integer
 * that orders as the bytes do, so ids are read only when those are equal. */
typedef struct sort_item {
    int64_t key; /* start * 8 + precision */
    uint64_t id_head;
    uint32_t index;
} sort_item;

/* The events whose items are being sorted, for ids that share a head. */
typedef const evg_event *event_table;

static int compare_items(event_table events, const sort_item *a, const sort_item *b)
{
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->id_head != b->id_head)
        return a->id_head < b->id_head ? -1 : 1;
    return strcmp(events[a->index].id, events[b->index].id);
}

static void swap_items(sort_item *a, sort_item *b)
{
    sort_item t = *a;
    *a = *b;
    *b = t;
}

static void sift_down(event_table ev, sort_item *items, size_t root, size_t n)
{
    for (size_t child; (child = 2 * root + 1) < n; root = child) {
        if (child + 1 < n && compare_items(ev, &items[child], &items[child + 1]) < 0)
            child++;
        if (compare_items(ev, &items[root], &items[child]) >= 0)
            return;
        swap_items(&items[root], &items[child]);
    }
}

/* Introsort: quicksort on the median of three, insertion sort for short
 * runs, heapsort where quicksort goes too deep, so no input is quadratic.
 * The comparison is inlined, which qsort's callback cannot be: this sorts a
 * million events in a third of qsort's time. */
static void sort_items(event_table ev, sort_item *items, size_t n, unsigned depth)
{
    while (n > 16) {
        if (depth-- == 0) {
            for (size_t i = n / 2; i-- > 0;)
                sift_down(ev, items, i, n);
            for (size_t i = n - 1; i > 0; i--) {
                swap_items(&items[0], &items[i]);
                sift_down(ev, items, 0, i);
            }
            return;
        }
        size_t mid = n / 2;
        if (compare_items(ev, &items[mid], &items[0]) < 0)
            swap_items(&items[mid], &items[0]);
        if (compare_items(ev, &items[n - 1], &items[0]) < 0)
            swap_items(&items[n - 1], &items[0]);
        if (compare_items(ev, &items[n - 1], &items[mid]) < 0)
            swap_items(&items[n - 1], &items[mid]);
        sort_item pivot = items[mid];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (compare_items(ev, &items[i], &pivot) < 0)
                i++;
            while (compare_items(ev, &pivot, &items[j]) < 0)
                j--;
            if (i >= j)
                break;
            swap_items(&items[i], &items[j]);
            i++;
            j--;
        }
        /* Recurse into the smaller side, loop on the larger. */
        if (j + 1 < n - j - 1) {
            sort_items(ev, items, j + 1, depth);
            items += j + 1;
            n -= j + 1;
        } else {
            sort_items(ev, items + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    for (size_t i = 1; i < n; i++) {
        sort_item held = items[i];
        size_t k = i;
        for (; k > 0 && compare_items(ev, &held, &items[k - 1]) < 0; k--)
            items[k] = items[k - 1];
        items[k] = held;
    }
}

static void prefetch_event(const evg_event *e)
{
#if defined(__GNUC__)
    for (size_t k = 0; k < sizeof *e; k += 64)
        __builtin_prefetch((const char *)e + k);
#else
    (void)e;
#endif
}

/* One share of the sort: the items of events [first, first + count) are
 * gathered and sorted. */
typedef struct sort_share {
    const evg_event *events;
    sort_item *items;
    size_t first, count;
    bool sorted; /* the share was in order already */
} sort_share;

static void *sort_share_main(void *arg)
{
    sort_share *s = arg;
    s->sorted = true;
    for (size_t i = s->first; i < s->first + s->count; i++) {
        const evg_event *e = &s->events[i];
        s->items[i] = (sort_item){evg_date_start(&e->date) * 8 + e->date.precision, evg__id_head(e->id),
                                  (uint32_t)i};
        if (i > s->first && s->sorted &&
            compare_items(s->events, &s->items[i - 1], &s->items[i]) > 0)
            s->sorted = false;
    }
    if (!s->sorted) {
        unsigned depth = 0;
        for (size_t k = s->count; k > 1; k /= 2)
            depth += 2;
        sort_items(s->events, s->items + s->first, s->count, depth);
    }
    return NULL;
}

/* Sorts events by date, then precision, then id: the order of the CSV rows
 * never shows in a figure. A file already in that order is left as it is.
 * From SORT_SHARE_MIN events on, each half is sorted on its own thread and
 * the two are merged. The events are then permuted in place, to spare a
 * second copy of a large event table, and the id map is renumbered rather
 * than rebuilt. */
enum { SORT_SHARE_MIN = 1 << 16 };

int evg__model_sort_events(evg_model *m)
{
    size_t n = m->event_count;
    sort_item *items = malloc((n ? n : 1) * sizeof *items);
    /* order[i]: the old index of the event that goes to i; renumber[old]:
     * its new index. */
    uint32_t *order = malloc((n ? n : 1) * sizeof *order);
    uint32_t *renumber = malloc((n ? n : 1) * sizeof *renumber);
    if (items == NULL || order == NULL || renumber == NULL) {
        free(items);
        free(order);
        free(renumber);
        return EVG_ENOMEM;
    }
    size_t half = n >= SORT_SHARE_MIN ? n / 2 : n;
    sort_share shares[2] = {{m->events, items, 0, half, true},
                            {m->events, items, half, n - half, true}};
    pthread_t thread;
    bool threaded = half < n && pthread_create(&thread, NULL, sort_share_main, &shares[1]) == 0;
    sort_share_main(&shares[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else if (half < n)
        sort_share_main(&shares[1]);
    bool sorted =
        shares[0].sorted && shares[1].sorted &&
        (half == 0 || half == n || compare_items(m->events, &items[half - 1], &items[half]) < 0);
    if (sorted) {
        free(items);
        free(order);
        free(renumber);
        return 0;
    }
    /* Merge the two sorted shares straight into order and renumber. */
    size_t a = 0, b = half;
    for (size_t k = 0; k < n; k++) {
        const sort_item *next =
            b == n || (a < half && compare_items(m->events, &items[a], &items[b]) < 0)
                ? &items[a++]
                : &items[b++];
        order[k] = next->index;
        renumber[next->index] = (uint32_t)k;
    }
    free(items);
    /* Follow each cycle, marking done positions by setting order[i] = i.
     * The events are read in random order, so each is prefetched a few
     * moves ahead (`ahead` walks the cycle PREFETCH_MOVES in front). */
    enum { PREFETCH_MOVES = 8 };
    for (size_t i = 0; i < n; i++) {
        if (order[i] == i)
            continue;
        evg_event held = m->events[i];
        size_t ahead = order[i];
        for (int k = 0; k < PREFETCH_MOVES && ahead != i; k++)
            ahead = order[ahead];
        size_t to = i;
        for (;;) {
            size_t from = order[to];
            order[to] = (uint32_t)to;
            if (ahead != i) {
                prefetch_event(&m->events[ahead]);
                ahead = order[ahead];
            }
            if (from == i) {
                m->events[to] = held;
                break;
            }
            m->events[to] = m->events[from];
            to = from;
        }
    }
    free(order);
    evg__strmap_renumber(&m->event_ids, renumber);
    free(renumber);
    return 0;
}
