/* The timeline builder's primitives: rectangles, lines, marks and texts
 * appended to the layout, and strings copied into its arena. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

void *evg__tl_grow(void **items, size_t *count, size_t *cap, size_t size)
{
    if (*count == *cap) {
        size_t n = *cap ? *cap * 2 : 64;
        void *p = realloc(*items, n * size);
        if (p == NULL)
            return NULL;
        *items = p;
        *cap = n;
    }
    void *item = (char *)*items + *count * size;
    memset(item, 0, size);
    (*count)++;
    return item;
}

/* ---- the builder ------------------------------------------------------------------------------
 */

/* Where an item's parts go, before rows are known. */

char *evg__tl_arena_str(builder *b, const char *text, size_t len)
{
    char *s = evg__arena_strndup(&b->out->arena, text, len);
    if (s == NULL)
        b->nomem = true;
    return s;
}

/* The builder's string buffer, copied to the arena and emptied. */
const char *evg__tl_buf_take(builder *b)
{
    if (b->sb.failed) {
        b->nomem = true;
        b->sb.failed = false;
        b->sb.len = 0;
        return "";
    }
    const char *s = evg__tl_arena_str(b, b->sb.data ? b->sb.data : "", b->sb.len);
    b->sb.len = 0;
    if (b->sb.data)
        b->sb.data[0] = '\0';
    return s ? s : "";
}

evg__tl_rect *evg__tl_add_rect(builder *b, uint8_t role, double x, double y, double w, double h,
                               const char *fill, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_rect *r = evg__tl_grow((void **)&o->rects, &o->rect_count, &o->rect_cap, sizeof *r);
    if (r == NULL) {
        b->nomem = true;
        return NULL;
    }
    *r = (evg__tl_rect){{x, y, w, h}, fill, item, role};
    return r;
}

void evg__tl_add_line(builder *b, uint8_t role, double x0, double y0, double x1, double y1,
                      double width, const char *color)
{
    evg__tl_layout *o = b->out;
    evg__tl_line *l = evg__tl_grow((void **)&o->lines, &o->line_count, &o->line_cap, sizeof *l);
    if (l == NULL) {
        b->nomem = true;
        return;
    }
    *l = (evg__tl_line){x0, y0, x1, y1, width, color, role};
}

evg__tl_mark *evg__tl_add_mark(builder *b, uint8_t role, double cx, double cy, double w, double h,
                               const char *shape, const char *fill, const char *outline,
                               uint8_t style, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_mark *m = evg__tl_grow((void **)&o->marks, &o->mark_count, &o->mark_cap, sizeof *m);
    if (m == NULL) {
        b->nomem = true;
        return NULL;
    }
    *m = (evg__tl_mark){
        {cx - w / 2, cy - h / 2, w, h}, shape, fill, outline, NULL, NULL, item, role, style};
    return m;
}

evg__tl_text *evg__tl_add_text(builder *b, uint8_t role, double x, double y, double w, double h,
                               const char *text, double size, int font, char align,
                               const char *color, uint32_t item)
{
    evg__tl_layout *o = b->out;
    evg__tl_text *t = evg__tl_grow((void **)&o->texts, &o->text_count, &o->text_cap, sizeof *t);
    if (t == NULL) {
        b->nomem = true;
        return NULL;
    }
    *t = (evg__tl_text){{x, y, w, h}, text, color, size, item, role, (uint8_t)font, align};
    return t;
}

void *evg__tl_scratch(builder *b, size_t size)
{
    shared *c = b->common;
    if (size > c->scratch_size) {
        free(c->scratch);
        c->scratch_size = 0;
        if ((c->scratch = malloc(size)) == NULL)
            return NULL;
        c->scratch_size = size;
    }
    return c->scratch;
}
