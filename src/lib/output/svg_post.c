/* SVG for web pages: see svg_int.h. Graphviz 2.43 writes URL/href values
 * unescaped, keeps "&name;" sequences it takes for entities (undefined ones
 * included), and gives every figure the same ids (graph0, node1 ...) or, with
 * a graph id, gives its clusters that same id. Instead of trusting it, every
 * value that carries data is a placeholder while Graphviz writes, and the
 * bytes it wrote are read once more here, tag by tag. */
#define _POSIX_C_SOURCE 200809L

#include "svg_int.h"

#include <evgraph/diag.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- post-processing ---- */

static bool xml_char_ok(unsigned long c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static void put_utf8(evg__buf *b, unsigned long c)
{
    char u[4];
    size_t n;
    if (c < 0x80)
        u[0] = (char)c, n = 1;
    else if (c < 0x800)
        u[0] = (char)(0xC0 | (c >> 6)), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
    else if (c < 0x10000)
        u[0] = (char)(0xE0 | (c >> 12)), u[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
        u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
    else
        u[0] = (char)(0xF0 | (c >> 18)), u[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
    evg__buf_add(b, u, n);
}

/* The text Graphviz meant: the five XML entities and valid character
 * references decoded; any other '&' (an undefined "&nbsp;", a "&#1;") is
 * taken literally. */
static void decode(evg__buf *b, const char *s, size_t len)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '&') {
            size_t run = i;
            while (i < len && s[i] != '&')
                i++;
            evg__buf_add(b, s + run, i - run);
            i--;
            continue;
        }
        bool done = false;
        for (size_t k = 0; k < 5 && !done; k++) {
            size_t n = strlen(named[k].name);
            if (len - i - 1 >= n && memcmp(s + i + 1, named[k].name, n) == 0) {
                evg__buf_add(b, &named[k].c, 1);
                i += n;
                done = true;
            }
        }
        if (!done && i + 2 < len && s[i + 1] == '#') {
            bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
            size_t j = i + 2 + hex;
            unsigned long c = 0;
            size_t digits = 0;
            for (; j < len && digits < 8; j++, digits++) {
                char d = s[j];
                int v = d >= '0' && d <= '9'                ? d - '0'
                        : hex && (d | 0x20) >= 'a' && (d | 0x20) <= 'f' ? (d | 0x20) - 'a' + 10
                                                              : -1;
                if (v < 0)
                    break;
                c = c * (hex ? 16 : 10) + (unsigned long)v;
            }
            if (digits && j < len && s[j] == ';' && xml_char_ok(c)) {
                put_utf8(b, c);
                i = j;
                done = true;
            }
        }
        if (!done)
            evg__buf_add(b, "&", 1);
    }
}

typedef struct post {
    evg__svg_web *web;
    evg__buf out, scratch;
    evg__strmap ids;
    evg__arena id_strings;
    bool failed;
    bool root_done;
    bool background_done;
    char old_prefix[EVG__SVG_PREFIX_MAX]; /* the prefix the renderers used */
    char prefix[EVG__SVG_PREFIX_MAX];     /* the one written */
    evg__buf paint;                       /* "attr\tvalue\n" lines, for the stylesheet */
    evg__strmap paint_seen;
    evg__arena paint_strings;
} post;

/* Text or an attribute value as Graphviz meant it (decode), escaped again.
 * Most hold no '&', and so nothing to decode. */
static void put_text(post *p, const char *s, size_t len, bool attribute)
{
    if (memchr(s, '&', len) == NULL) {
        evg__buf_xml_n(&p->out, s, len, attribute);
        return;
    }
    p->scratch.len = 0;
    decode(&p->scratch, s, len);
    if (p->scratch.data)
        evg__buf_xml_n(&p->out, p->scratch.data, p->scratch.len, attribute);
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* An id as written: with the prefix and unique in the document. */
static void put_id(post *p, const char *raw, size_t raw_len)
{
    p->scratch.len = 0;
    decode(&p->scratch, raw, raw_len);
    if (p->scratch.failed || p->scratch.data == NULL) {
        p->failed = true;
        return;
    }
    const char *id = p->scratch.data;
    bool link = strncmp(id, "a_", 2) == 0; /* Graphviz's id of a node's <a> */
    if (link)
        id += 2;
    char name[256];
    evg__svg_name(name, sizeof name, id);
    const char *old = p->old_prefix;
    size_t plen = strlen(old);
    char want[320];
    bool has_prefix = strncmp(name, old, plen) == 0 &&
                      (name[plen] == '\0' || name[plen] == '-' || name[plen] == '_');
    snprintf(want, sizeof want, "%s%s%s%s", p->prefix, has_prefix ? "" : "-",
             has_prefix ? name + plen : name, link ? "-link" : "");
    size_t base = strlen(want);
    for (unsigned long n = 2; !evg__svg_claim_id(&p->ids, &p->id_strings, want, &p->failed); n++)
        snprintf(want + base, sizeof want - base, "-%lu", n);
    evg__buf_xml_n(&p->out, want, strlen(want), true);
}

/* A held value when `value` is exactly a placeholder, else NULL. */
static const char *held_value(const post *p, const char *value, size_t len)
{
    if (!starts_with(value, len, "evgph") || len == 5 || len > 20)
        return NULL;
    size_t n = 0;
    for (size_t i = 5; i < len; i++) {
        if (value[i] < '0' || value[i] > '9')
            return NULL;
        n = n * 10 + (size_t)(value[i] - '0');
    }
    return n < p->web->held_count ? p->web->held[n] : NULL;
}

static void put_root_extras(post *p)
{
    const char *x = p->prefix;
    evg__buf_printf(&p->out, "\n<title id=\"%s-title\">", x);
    evg__buf_xml_n(&p->out, p->web->title.data ? p->web->title.data : "", p->web->title.len, false);
    evg__buf_printf(&p->out, "</title>\n<desc id=\"%s-desc\">", x);
    evg__buf_xml_n(&p->out, p->web->desc.data ? p->web->desc.data : "", p->web->desc.len, false);
    evg__buf_str(&p->out, "</desc>");
    evg__buf css = {0};
    evg__svg_style(&css, p->prefix, p->paint.data, p->paint.len, p->web->transparent);
    if (p->web->css)
        evg__css_scope(&css, p->prefix, p->web->css);
    p->failed |= css.failed;
    /* CDATA cannot hold "]]>": split it across two sections. */
    evg__buf_str(&p->out, "\n<style type=\"text/css\"><![CDATA[\n");
    for (size_t i = 0; i < css.len; i++) {
        const char *s = css.data + i;
        unsigned char c = (unsigned char)*s;
        if (css.len - i >= 3 && strncmp(s, "]]>", 3) == 0) {
            evg__buf_str(&p->out, "]]]]><![CDATA[>");
            i += 2;
        } else if (c >= 0x20 || c == '\n' || c == '\t') {
            evg__buf_add(&p->out, s, 1);
        }
    }
    evg__buf_str(&p->out, "]]></style>");
    free(css.data);
}

/* The words of a class attribute, each with the "evg-" prefix, so that a
 * host page's ".axis" or ".title" does not reach them. */
static void put_classes(post *p, const char *value, size_t len)
{
    p->scratch.len = 0;
    decode(&p->scratch, value, len);
    const char *s = p->scratch.data ? p->scratch.data : "";
    size_t n = p->scratch.len;
    bool first = true;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t w = i;
        while (i < n && s[i] != ' ')
            i++;
        if (i == w)
            break;
        evg__buf_str(&p->out, first ? "evg-" : " evg-");
        evg__buf_xml_n(&p->out, s + w, i - w, true);
        first = false;
    }
}

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* The presentation attributes Graphviz writes, by first appearance: the
 * figure's stylesheet repeats them so that a host page's "text" or "path"
 * rules, which beat presentation attributes, do not win. */
static void collect_paint(post *p, const char *svg, size_t len)
{
    static const char *const attrs[] = {
        " fill=\"",        " stroke=\"",    " stroke-width=\"", " stroke-dasharray=\"",
        " font-family=\"", " font-size=\"", " font-weight=\"",  " font-style=\"",
        " text-anchor=\""};
    for (size_t i = 0; i < len; i++) {
        if (svg[i] != ' ')
            continue;
        for (size_t k = 0; k < sizeof attrs / sizeof attrs[0]; k++) {
            size_t an = strlen(attrs[k]);
            if (len - i < an || memcmp(svg + i, attrs[k], an) != 0)
                continue;
            size_t v = i + an, ve = v;
            while (ve < len && svg[ve] != '"' && ve - v < 64)
                ve++;
            if (ve >= len || svg[ve] != '"')
                break;
            char line[128];
            snprintf(line, sizeof line, "%.*s\t%.*s", (int)(an - 3), attrs[k] + 1, (int)(ve - v),
                     svg + v);
            if (evg__svg_claim_id(&p->paint_seen, &p->paint_strings, line, &p->failed)) {
                evg__buf_str(&p->paint, line);
                evg__buf_str(&p->paint, "\n");
            }
            break;
        }
    }
}

/* One start or end tag, s[0] == '<'; returns its length. */
static size_t put_tag(post *p, const char *s, size_t len)
{
    size_t i = 1;
    bool end_tag = i < len && s[i] == '/';
    i += end_tag;
    size_t name_at = i;
    while (i < len && s[i] != '>' && s[i] != '/' && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
        i++;
    size_t name_len = i - name_at;
    bool root = !end_tag && !p->root_done && name_len == 3 && memcmp(s + name_at, "svg", 3) == 0;
    /* Graphviz draws the background first: a white polygon. */
    bool background =
        !end_tag && !p->background_done && name_len == 7 && memcmp(s + name_at, "polygon", 7) == 0;
    bool anchor = !end_tag && name_len == 1 && s[name_at] == 'a';
    const char *anchor_title = NULL;
    if (background)
        p->background_done = true;
    evg__buf_add(&p->out, s, i);
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i >= len)
            return len;
        if (s[i] == '>' || (s[i] == '/' && i + 1 < len && s[i + 1] == '>')) {
            if (root)
                evg__buf_printf(&p->out, " role=\"img\" aria-labelledby=\"%s-title %s-desc\"",
                                p->prefix, p->prefix);
            if (background)
                evg__buf_str(&p->out, " class=\"evg-background\"");
            size_t n = s[i] == '>' ? 1 : 2;
            evg__buf_add(&p->out, s + i, n);
            if (root) {
                p->root_done = true;
                put_root_extras(p);
            }
            if (anchor_title && n == 1) {
                /* A <title> child is what browsers show and read out;
                 * Graphviz only gives the link an xlink:title. */
                evg__buf_str(&p->out, "<title>");
                evg__buf_xml_n(&p->out, anchor_title, strlen(anchor_title), false);
                evg__buf_str(&p->out, "</title>");
            }
            return i + n;
        }
        size_t an = i;
        while (i < len && s[i] != '=' && s[i] != '>' && s[i] != ' ' && s[i] != '\n')
            i++;
        size_t an_len = i - an;
        if (i + 1 >= len || s[i] != '=' || (s[i + 1] != '"' && s[i + 1] != '\'')) {
            /* Not name="value": nothing Graphviz writes; drop the word. */
            if (i < len && s[i] != '>')
                i++;
            continue;
        }
        char quote = s[i + 1];
        size_t v = i + 2, ve = v;
        while (ve < len && s[ve] != quote)
            ve++;
        i = ve < len ? ve + 1 : len;
        const char *attr = s + an, *value = s + v;
        size_t vlen = ve - v;
        if (an_len >= 2 && (attr[0] | 0x20) == 'o' && (attr[1] | 0x20) == 'n')
            continue; /* no event handlers */
        if (root && p->web->no_size &&
            ((an_len == 5 && memcmp(attr, "width", 5) == 0) ||
             (an_len == 6 && memcmp(attr, "height", 6) == 0)))
            continue;
        bool href = (an_len == 4 && memcmp(attr, "href", 4) == 0) ||
                    (an_len == 10 && memcmp(attr, "xlink:href", 10) == 0);
        const char *held = held_value(p, value, vlen);
        if (href && held == NULL) {
            /* A link evgraph did not check: keep it only when allowed. */
            p->scratch.len = 0;
            decode(&p->scratch, value, vlen);
            char scheme[32];
            const char *why;
            if (p->scratch.failed || p->scratch.data == NULL ||
                !evg__url_allowed(p->scratch.data, scheme, &why))
                continue;
            held = p->scratch.data;
        }
        if (anchor && held && an_len == 11 && memcmp(attr, "xlink:title", 11) == 0)
            anchor_title = held;
        evg__buf_add(&p->out, " ", 1);
        evg__buf_add(&p->out, attr, an_len);
        evg__buf_str(&p->out, "=\"");
        if (background && p->web->transparent && an_len == 4 && memcmp(attr, "fill", 4) == 0) {
            evg__buf_str(&p->out, "none");
        } else if (an_len == 5 && memcmp(attr, "class", 5) == 0) {
            put_classes(p, value, vlen);
        } else if (an_len == 2 && memcmp(attr, "id", 2) == 0) {
            put_id(p, value, vlen);
        } else if (held) {
            evg__buf_xml_n(&p->out, held, strlen(held), true);
        } else {
            put_text(p, value, vlen, true);
        }
        evg__buf_add(&p->out, "\"", 1);
    }
}

int evg__svg_finish(evg__svg_web *web, const char *svg, size_t len, char **out, size_t *out_len)
{
    post p = {.web = web};
    snprintf(p.old_prefix, sizeof p.old_prefix, "%s", web->prefix);
    snprintf(p.prefix, sizeof p.prefix, "%s", web->prefix);
    if (web->hashed_prefix) {
        /* Two figures of one name (timeline.svg in two folders, or two
         * datasets' timelines) must not share ids on one page: the prefix
         * carries a hash of everything the figure shows and of the options
         * that change its SVG. Only of those: not of the output's folder,
         * time or addresses, so that the same figure built anywhere is the
         * same bytes (the file's name is in the prefix already). */
        uint64_t h = 1469598103934665603ULL;
        const char *salt = web->hash_salt ? web->hash_salt : "";
        h = fnv(h, salt, strlen(salt) + 1);
        const char flags[2] = {(char)('0' + web->no_size), (char)('0' + web->transparent)};
        h = fnv(h, flags, sizeof flags);
        h = fnv(h, svg, len);
        if (web->title.data)
            h = fnv(h, web->title.data, web->title.len);
        if (web->desc.data)
            h = fnv(h, web->desc.data, web->desc.len);
        if (web->css)
            h = fnv(h, web->css, strlen(web->css));
        snprintf(p.prefix, sizeof p.prefix, "%.*s-%06x", EVG__SVG_PREFIX_MAX - 9, p.old_prefix,
                 (unsigned)(h & 0xFFFFFF));
    }
    collect_paint(&p, svg, len);
    char reserved[EVG__SVG_PREFIX_MAX + 8];
    snprintf(reserved, sizeof reserved, "%s-title", p.prefix);
    evg__svg_claim_id(&p.ids, &p.id_strings, reserved, &p.failed);
    snprintf(reserved, sizeof reserved, "%s-desc", p.prefix);
    evg__svg_claim_id(&p.ids, &p.id_strings, reserved, &p.failed);
    size_t i = 0;
    while (i < len) {
        const char *s = svg + i;
        size_t rest = len - i;
        if (s[0] != '<') {
            size_t n = 0;
            while (n < rest && s[n] != '<')
                n++;
            put_text(&p, s, n, false);
            i += n;
        } else if (starts_with(s, rest, "<title>")) {
            /* Graphviz's <title> holds a node's or edge's internal name
             * (label62, line_from->line_to): no reader should see it. */
            size_t n = 7;
            while (n < rest && !starts_with(s + n, rest - n, "</title>"))
                n++;
            n = n + 8 <= rest ? n + 8 : rest;
            n += n < rest && s[n] == '\n';
            i += n;
        } else if (starts_with(s, rest, "<!--")) {
            const char *end = NULL;
            for (size_t k = 4; k + 3 <= rest && !end; k++)
                if (memcmp(s + k, "-->", 3) == 0)
                    end = s + k + 3;
            size_t n = end ? (size_t)(end - s) : rest;
            /* Comments are copied only when they cannot end early. */
            bool clean = end != NULL;
            for (size_t k = 4; clean && k + 3 < n; k++)
                clean = !(s[k] == '-' && s[k + 1] == '-');
            if (clean)
                evg__buf_add(&p.out, s, n);
            i += n;
        } else if (starts_with(s, rest, "<!") || starts_with(s, rest, "<?")) {
            /* The DOCTYPE names an external DTD: left out. The XML
             * declaration stays. */
            size_t n = 0;
            while (n < rest && s[n] != '>')
                n++;
            n += n < rest;
            if (starts_with(s, rest, "<?xml "))
                evg__buf_add(&p.out, s, n);
            i += n;
        } else {
            i += put_tag(&p, s, rest);
        }
    }
    evg__strmap_free(&p.ids);
    evg__arena_free(&p.id_strings);
    evg__strmap_free(&p.paint_seen);
    evg__arena_free(&p.paint_strings);
    free(p.scratch.data);
    free(p.paint.data);
    if (p.failed || p.out.failed || p.scratch.failed || p.paint.failed || web->failed ||
        p.out.data == NULL) {
        free(p.out.data);
        return EVG_ENOMEM;
    }
    *out = p.out.data;
    *out_len = p.out.len;
    return 0;
}
