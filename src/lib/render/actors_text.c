/* The text of the actor graph's labels, as Graphviz label strings. */
#define _POSIX_C_SOURCE 200809L

#include "actors_gv_int.h"
#include "sources_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Node shapes by kind, with the glyph that stands for each in the legend. */
static const evg__ag_kind_style kind_styles[EVG__ACTOR_KIND_COUNT] = {
    [EVG_ACTOR_STATE] = {"box", "filled", "0.1,0.04", "\u25A1"},
    [EVG_ACTOR_PERSON] = {"ellipse", "filled", "0.02,0.01", "\u25CB"},
    [EVG_ACTOR_ORGANIZATION] = {"box", "rounded,filled", "0.1,0.04", "\u25A2"},
    [EVG_ACTOR_ARMED_GROUP] = {"hexagon", "filled", "0.02,0.02", "\u2B21"},
    [EVG_ACTOR_OTHER] = {"ellipse", "dashed,filled", "0.02,0.01", "\u25CC"},
};

const evg__ag_kind_style *evg__ag_kind(evg_actor_kind kind)
{
    return &kind_styles[(size_t)kind < EVG__ACTOR_KIND_COUNT ? kind : EVG_ACTOR_OTHER];
}

/* Data text in a plain label: Graphviz's escapes neutralised. */
void evg__ag_label(evg__buf *t, const char *s)
{
    char *escaped = evg__gv_escape_label(s);
    if (escaped == NULL) {
        t->failed = true;
        return;
    }
    evg__buf_str(t, escaped);
    free(escaped);
}

/* Data text in an HTML-like label (render_gv.c neutralises Graphviz's
 * escapes and the markup). */
void evg__ag_html(evg__buf *t, const char *s)
{
    char *escaped = evg__gv_escape_html(s);
    if (escaped == NULL) {
        t->failed = true;
        return;
    }
    evg__buf_str(t, escaped);
    free(escaped);
}

void evg__ag_date(evg__buf *t, const evg_date *d)
{
    char buf[EVG_DATE_TEXT_MAX];
    evg_date_format(buf, sizeof buf, d);
    evg__buf_str(t, buf);
}

/* Edge labels read as a sentence, actor first: "Shoigu accuses United
 * States". Types from types.csv have only their label. */
static const struct {
    const char *type, *verb;
} builtin_verbs[] = {
    {"ceasefire", "ceasefire with"},
    {"airstrike", "strikes"},
    {"visit", "visits"},
    {"accusation", "accuses"},
    {"agreement", "agrees with"},
    {"attack", "attacks"},
    {"meeting", "meets"},
    {"statement", "comments on"},
};

void evg__ag_verb(evg__buf *t, const evg_type *type)
{
    if (type->builtin) {
        for (size_t i = 0; i < sizeof builtin_verbs / sizeof builtin_verbs[0]; i++) {
            if (strcmp(type->id, builtin_verbs[i].type) == 0) {
                evg__buf_str(t, builtin_verbs[i].verb);
                return;
            }
        }
    }
    /* "Armed conflict" reads as "armed conflict" mid-sentence; "UN vote"
     * keeps its capitals. */
    const char *label = type->label;
    if (label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z') {
        char first[2] = {(char)(label[0] - 'A' + 'a'), '\0'};
        evg__buf_str(t, first);
        label++;
    }
    evg__ag_label(t, label);
}

/* "#rrggbb" mixed with white: `amount` 0 gives white, 1 the colour. */
void evg__ag_tint(char out[8], const char *color, double amount)
{
    unsigned r, g, b;
    if (color == NULL || sscanf(color, "#%2x%2x%2x", &r, &g, &b) != 3)
        r = g = b = 0x6E;
    r = (unsigned)lround(255 - (255 - (double)r) * amount);
    g = (unsigned)lround(255 - (255 - (double)g) * amount);
    b = (unsigned)lround(255 - (255 - (double)b) * amount);
    snprintf(out, 8, "#%02X%02X%02X", r & 0xFF, g & 0xFF, b & 0xFF);
}

/* Lines of types that share a colour (the sample's "attack" and "conflict"
 * do): the first drawn type of a colour is solid, the next dashed, the rest
 * dotted, on edges and in the legend alike. */
static const char *const line_styles[] = {"solid", "dashed", "dotted"};

const char *evg__ag_line_style(unsigned char line)
{
    return line_styles[line < 3 ? line : 0];
}

unsigned char *evg__ag_type_lines(const evg_model *model, const evg__actors_graph *all)
{
    size_t types = evg_model_type_count(model);
    unsigned char *lines = calloc(types + 1, 1);
    if (lines == NULL)
        return NULL;
    for (size_t i = 0; i < types; i++) {
        uint32_t a = all->type_order[i];
        for (size_t j = 0; all->type_used[a] && j < i; j++) {
            uint32_t b = all->type_order[j];
            if (all->type_used[b] &&
                strcasecmp(evg_model_type(model, a)->color, evg_model_type(model, b)->color) == 0 &&
                lines[a] < 2)
                lines[a]++;
        }
    }
    return lines;
}

/* An actor's colour, else its nearest ancestor's. */
const char *evg__ag_actor_color(const evg_model *model, uint32_t actor)
{
    while (actor != EVG_NO_INDEX) {
        const evg_actor *a = evg_model_actor(model, actor);
        if (a->color)
            return a->color;
        actor = a->parent;
    }
    return NULL;
}

static size_t utf8_length(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

void evg__ag_html_wrapped(evg__buf *t, const char *s, size_t line_max, size_t lines_max)
{
    size_t line = 0, lines = 1;
    while (*s) {
        while (*s == ' ')
            s++;
        size_t len = strcspn(s, " ");
        if (len == 0)
            break;
        size_t width = utf8_length(s, len);
        if (line && line + 1 + width > line_max) {
            if (lines == lines_max) {
                evg__buf_str(t, "\u2026");
                return;
            }
            evg__buf_str(t, "<BR/>");
            line = 0;
            lines++;
        } else if (line) {
            evg__buf_str(t, " ");
            line++;
        }
        /* A word longer than a line is cut, not left to widen the node. */
        size_t take = len, room = NAME_WORD_MAX;
        if (width > NAME_WORD_MAX) {
            take = 0;
            for (size_t n = 0; take < len && n < room; n++)
                do
                    take++;
                while (take < len && ((unsigned char)s[take] & 0xC0) == 0x80);
        }
        char *word = strndup(s, take);
        if (word == NULL) {
            t->failed = true;
            return;
        }
        evg__ag_html(t, word);
        free(word);
        if (take < len) {
            evg__buf_str(t, "\u2026");
            return;
        }
        line += width;
        s += len;
    }
}

double evg__ag_pt(const figure *f, double pt)
{
    return pt > f->min_text ? pt : f->min_text;
}

void evg__ag_node_get(evg__ag_node *out, const figure *f, uint32_t node)
{
    memset(out, 0, sizeof *out);
    if (node < f->all->actor_count) {
        const evg_actor *a = evg_model_actor(f->model, node);
        out->id = a->id;
        out->name = a->name;
        out->kind = (size_t)a->kind < EVG__ACTOR_KIND_COUNT ? a->kind : EVG_ACTOR_OTHER;
        out->parent = a->parent;
        return;
    }
    static const char *const plurals[EVG__ACTOR_KIND_COUNT] = {
        [EVG_ACTOR_STATE] = "states",
        [EVG_ACTOR_PERSON] = "persons",
        [EVG_ACTOR_ORGANIZATION] = "organizations",
        [EVG_ACTOR_ARMED_GROUP] = "armed groups",
        [EVG_ACTOR_OTHER] = "actors",
    };
    size_t kind = node - f->all->actor_count;
    if (kind >= EVG__ACTOR_KIND_COUNT)
        kind = EVG_ACTOR_OTHER;
    out->kind = (evg_actor_kind)kind;
    out->id = evg_actor_kind_name(out->kind);
    out->parent = EVG_NO_INDEX;
    out->others = true;
    uint32_t folded = f->all->folded[node];
    snprintf(out->text, sizeof out->text, "%lu other %s", (unsigned long)folded,
             folded == 1 ? evg__actor_kind_label(out->kind) : plurals[kind]);
    out->name = out->text;
}

int evg__ag_sources_html(evg__buf *out, const evg_model *model, const uint32_t *events,
                         size_t count)
{
    out->len = 0;
    if (out->data)
        out->data[0] = '\0';
    return evg__sources_caption(out, model, events, count);
}
