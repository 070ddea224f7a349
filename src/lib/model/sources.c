/* The caption's list of sources (see sources_int.h). */
#include "sources_int.h"
#include "strmap_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct source_name {
    const char *text;
    size_t len;
    uint64_t cites; /* events naming it, weighted */
} source_name;

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ASCII case folded, then shorter first. */
static int compare_folded(const source_name *a, const source_name *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    for (size_t i = 0; i < n; i++) {
        int ca = fold((unsigned char)a->text[i]), cb = fold((unsigned char)b->text[i]);
        if (ca != cb)
            return ca - cb;
    }
    return (a->len > b->len) - (a->len < b->len);
}

static int compare_name(const void *pa, const void *pb)
{
    const source_name *a = pa, *b = pb;
    int c = compare_folded(a, b);
    return c ? c : memcmp(a->text, b->text, a->len);
}

static int compare_cites(const void *pa, const void *pb)
{
    const source_name *a = pa, *b = pb;
    if (a->cites != b->cites)
        return a->cites > b->cites ? -1 : 1;
    return compare_name(pa, pb);
}

static bool push(source_name **names, size_t *n, size_t *cap, source_name name)
{
    if (*n == *cap) {
        size_t grown = *cap ? *cap * 2 : 16;
        source_name *p = realloc(*names, grown * sizeof *p);
        if (p == NULL)
            return false;
        *names = p;
        *cap = grown;
    }
    (*names)[(*n)++] = name;
    return true;
}

/* A name's bytes, cut between characters at EVG__SOURCES_NAME_MAX. */
static size_t shown_len(const source_name *s)
{
    if (s->len <= EVG__SOURCES_NAME_MAX)
        return s->len;
    size_t len = EVG__SOURCES_NAME_MAX;
    while (len && ((unsigned char)s->text[len] & 0xC0) == 0x80)
        len--;
    return len;
}

/* Whole source fields first (a million events name few sources), each with
 * the events naming it; then their pieces. */
static bool collect(source_name **names, size_t *n, const evg_model *model,
                    const uint32_t *events, size_t count)
{
    evg__strmap seen = {0};
    source_name *fields = NULL;
    size_t field_count = 0, field_cap = 0, cap = 0;
    bool ok = true;
    /* The loader stores a text cited again once: most events' sources are
     * found by pointer in this cache, without hashing their text. */
    enum { CACHE = 1024 };
    struct {
        const char *text;
        uint32_t field;
    } cache[CACHE] = {{0}};
    for (size_t i = 0; ok && i < count; i++) {
        const evg_event *e = evg_model_event(model, events[i]);
        if (e->source == NULL || *e->source == '\0')
            continue;
        size_t slot = (size_t)(((uintptr_t)e->source * 0x9E3779B97F4A7C15u) >> 54) & (CACHE - 1);
        if (cache[slot].text == e->source) {
            fields[cache[slot].field].cites += e->weight ? e->weight : 1;
            continue;
        }
        uint32_t at = evg__strmap_put(&seen, e->source, (uint32_t)field_count);
        if (at == UINT32_MAX || (at == field_count &&
                                 !push(&fields, &field_count, &field_cap,
                                       (source_name){e->source, 0, 0}))) {
            ok = false;
            break;
        }
        fields[at].cites += e->weight ? e->weight : 1;
        cache[slot].text = e->source;
        cache[slot].field = at;
    }
    for (size_t f = 0; ok && f < field_count; f++) {
        for (const char *p = fields[f].text; ok && *p;) {
            const char *end = strchr(p, ';');
            size_t len = end ? (size_t)(end - p) : strlen(p);
            const char *s = p;
            while (len && (unsigned char)*s <= ' ')
                s++, len--;
            while (len && (unsigned char)s[len - 1] <= ' ')
                len--;
            if (len)
                ok = push(names, n, &cap, (source_name){s, len, fields[f].cites});
            p = end ? end + 1 : p + strlen(p);
        }
    }
    free(fields);
    evg__strmap_free(&seen);
    return ok;
}

int evg__sources_caption(evg__buf *out, const evg_model *model, const uint32_t *events,
                         size_t count)
{
    source_name *names = NULL;
    size_t n = 0;
    if (!collect(&names, &n, model, events, count)) {
        free(names);
        return EVG_ENOMEM;
    }
    if (n > 1)
        qsort(names, n, sizeof *names, compare_name);
    /* One per spelling up to ASCII case, citations summed. */
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        if (distinct && compare_folded(&names[distinct - 1], &names[i]) == 0)
            names[distinct - 1].cites += names[i].cites;
        else
            names[distinct++] = names[i];
    }
    if (distinct > 1)
        qsort(names, distinct, sizeof *names, compare_cites);
    size_t shown = 0, bytes = 0;
    while (shown < distinct && shown < EVG__SOURCES_SHOWN &&
           (shown == 0 || bytes + shown_len(&names[shown]) <= EVG__SOURCES_BYTES))
        bytes += shown_len(&names[shown++]);
    if (shown > 1)
        qsort(names, shown, sizeof *names, compare_name);
    if (distinct)
        evg__buf_str(out, distinct == 1 ? "Source: " : "Sources: ");
    for (size_t i = 0; i < shown; i++) {
        if (i)
            evg__buf_str(out, ", ");
        evg__buf_add(out, names[i].text, shown_len(&names[i]));
        if (shown_len(&names[i]) < names[i].len)
            evg__buf_str(out, "\u2026");
    }
    if (shown < distinct)
        evg__buf_printf(out, " and %zu more", distinct - shown);
    if (distinct)
        evg__buf_str(out, ".");
    free(names);
    return out->failed ? EVG_ENOMEM : 0;
}
