/* Text made from a foreign row: the types a table's own values name, and
 * labels worth reading ("RUSSIA make a visit SYRIA (Damascus)", an ACLED
 * note's first sentence). */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

/* Colours for a table's own types: distinct, readable on white, and picked
 * by the name's hash so a type keeps its colour from file to file. */
static const char *const own_colors[] = {
    "#1F77B4", "#FF7F0E", "#2CA02C", "#D62728", "#9467BD", "#8C564B",
    "#E377C2", "#17BECF", "#BCBD22", "#393B79", "#AD494A", "#637939",
};

static uint32_t name_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s)) * 16777619u;
    return h;
}

/* The type whose id or label is `text` in any case, or EVG_NO_INDEX. */
static uint32_t known_type(const evg_model *m, const char *text)
{
    uint32_t found = evg__strmap_get(&m->type_ids, text);
    for (size_t i = 0; found == EVG_NO_INDEX && i < m->type_count; i++)
        if (strcasecmp(m->types[i].id, text) == 0 || strcasecmp(m->types[i].label, text) == 0)
            found = (uint32_t)i;
    return found;
}

const evg__code_result *evg__import_free_type(evg__import_file *f, value v)
{
    char key[200], id[160];
    if (v.len == 0)
        v = (value){"other", 5, v.offset};
    size_t n = v.len < sizeof id ? v.len : sizeof id - 1;
    while (n < v.len && n > 0 && ((unsigned char)v.text[n] & 0xC0) == 0x80)
        n--; /* cut between characters */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)v.text[i];
        id[i] = c < 0x20 || c == 0x7F ? ' ' : c == ';' ? ',' : (char)c;
    }
    id[n] = '\0';
    snprintf(key, sizeof key, "t\x1f%s", id);
    const evg__code_result *cached = evg__import_cached(f, key);
    if (cached)
        return cached;
    evg_model *m = f->m;
    char map_key[200];
    snprintf(map_key, sizeof map_key, "table\x1f%s", id);
    for (char *c = map_key + 6; *c; c++)
        *c = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
    const char *mapped = evg__import_mapped_type(f, map_key);
    uint32_t type = mapped ? evg__import_model_type(f, mapped, v.offset) : known_type(m, id);
    if (type == EVG_NO_INDEX && mapped)
        return NULL;
    if (type == EVG_NO_INDEX) {
        const char *copy = evg__value_copy(&m->arena, f->file, (value){id, n, v.offset});
        evg_type *t =
            copy ? evg__model_push((void **)&m->types, &m->type_count, &m->type_cap, sizeof *t)
                 : NULL;
        if (t == NULL)
            return NULL;
        type = (uint32_t)(m->type_count - 1);
        *t = (evg_type){copy, copy, own_colors[name_hash(copy) % 12], "ellipse", false};
        if (evg__strmap_put(&m->type_ids, copy, type) != type)
            return NULL;
        const char **slot = evg__model_push((void **)&f->new_types, &f->new_type_count,
                                            &f->new_type_cap, sizeof *slot);
        if (slot == NULL)
            return NULL;
        *slot = copy;
        if (f->new_type_count == 1)
            f->new_type_at = v.offset;
    }
    evg__code_result result = {type, NULL};
    return evg__import_remember(f, key, result);
}

/* Appends up to `len` bytes of `text` to the label being built. */
static void put(char *buf, size_t size, size_t *used, const char *text, size_t len)
{
    if (text == NULL)
        return;
    if (*used + len >= size) {
        len = size - *used - 1;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--; /* cut between characters */
    }
    memcpy(buf + *used, text, len);
    *used += len;
    buf[*used] = '\0';
}

const char *evg__import_label(evg__import_file *f, const char *actor, const char *verb,
                              const char *target, const char *place, bool *failed)
{
    char label[400];
    size_t used = 0;
    label[0] = '\0';
    const char *parts[] = {actor, verb, target};
    for (size_t i = 0; i < 3; i++) {
        if (parts[i] == NULL || parts[i][0] == '\0')
            continue;
        if (used)
            put(label, sizeof label, &used, " ", 1);
        put(label, sizeof label, &used, parts[i], strlen(parts[i]));
    }
    if (place && place[0]) {
        put(label, sizeof label, &used, used ? " (" : "(", used ? 2 : 1);
        put(label, sizeof label, &used, place, strlen(place));
        put(label, sizeof label, &used, ")", 1);
    }
    if (used == 0)
        return NULL;
    /* The verb and place may be raw text: what XML cannot carry is replaced. */
    const char *copy = evg__value_copy(&f->m->arena, f->file, (value){label, used, f->row_offset});
    if (copy == NULL)
        *failed = true;
    return copy;
}

const char *evg__import_event_label(evg__import_file *f, const evg_event *e, const char *verb,
                                    const char *place, bool *failed)
{
    const char *target = e->target_count ? f->m->actors[e->targets[0]].name : NULL;
    return evg__import_label(f, f->m->actors[e->actor].name, verb, target, place, failed);
}

void evg__import_text(char *buf, size_t size, value v, bool underscores)
{
    size_t n = v.len < size ? v.len : size - 1;
    while (n < v.len && n > 0 && ((unsigned char)v.text[n] & 0xC0) == 0x80)
        n--; /* cut between characters */
    for (size_t i = 0; i < n; i++)
        buf[i] = underscores && v.text[i] == '_' ? ' ' : v.text[i];
    buf[n] = '\0';
}

/* Whether the '.' at i ends a sentence: followed by a space and not after
 * a one-letter initial or a common abbreviation. */
static bool sentence_end(value v, size_t i)
{
    if (i + 1 < v.len && v.text[i + 1] != ' ' && v.text[i + 1] != '\n')
        return false;
    size_t w = i;
    while (w > 0 && v.text[w - 1] != ' ')
        w--;
    size_t word = i - w;
    static const char *const abbreviations[] = {"mr",     "mrs", "dr",  "st",  "gen", "lt",  "col",
                                                "approx", "no",  "vs",  "jan", "feb", "aug", "sept",
                                                "oct",    "nov", "dec", "u.s", "u.n"};
    if (word <= 1)
        return false;
    for (size_t k = 0; k < sizeof abbreviations / sizeof abbreviations[0]; k++)
        if (strlen(abbreviations[k]) == word &&
            strncasecmp(v.text + w, abbreviations[k], word) == 0)
            return false;
    return true;
}

const char *evg__import_sentence(evg__import_file *f, value note, size_t max, bool *failed)
{
    if (note.len == 0)
        return NULL;
    size_t end = note.len;
    for (size_t i = 0; i < note.len; i++) {
        if ((note.text[i] == '.' || note.text[i] == '!' || note.text[i] == '?') &&
            sentence_end(note, i)) {
            end = i;
            break;
        }
    }
    bool cut = false;
    if (end > max) {
        size_t k = max;
        while (k > max / 2 && note.text[k] != ' ')
            k--;
        if (k <= max / 2)
            for (k = max; k > 0 && ((unsigned char)note.text[k] & 0xC0) == 0x80;)
                k--; /* no space: cut between characters, not inside one */
        end = k;
        while (end > 0 && (note.text[end - 1] == ' ' || note.text[end - 1] == ',' ||
                           note.text[end - 1] == ';' || note.text[end - 1] == ':'))
            end--;
        cut = true;
    }
    char *out = evg__arena_alloc(&f->m->arena, end + 4);
    if (out == NULL) {
        *failed = true;
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < end; i++) {
        char c = note.text[i];
        if (c == '\n' || c == '\r' || c == '\t')
            c = ' ';
        if (c == ' ' && n && out[n - 1] == ' ')
            continue;
        out[n++] = c;
    }
    if (cut)
        memcpy(out + n, "\xE2\x80\xA6", 3), n += 3; /* ... */
    out[n] = '\0';
    return out;
}
