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
    const char *prefix = p->web->prefix;
    size_t plen = strlen(prefix);
    char want[320];
    bool has_prefix = strncmp(name, prefix, plen) == 0 &&
                      (name[plen] == '\0' || name[plen] == '-' || name[plen] == '_');
    snprintf(want, sizeof want, "%s%s%s%s", has_prefix ? "" : prefix, has_prefix ? "" : "-", name,
             link ? "-link" : "");
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
    const char *x = p->web->prefix;
    evg__buf_printf(&p->out, "\n<title id=\"%s-title\">", x);
    evg__buf_xml_n(&p->out, p->web->title.data ? p->web->title.data : "", p->web->title.len, false);
    evg__buf_printf(&p->out, "</title>\n<desc id=\"%s-desc\">", x);
    evg__buf_xml_n(&p->out, p->web->desc.data ? p->web->desc.data : "", p->web->desc.len, false);
    evg__buf_str(&p->out, "</desc>");
    if (p->web->css) {
        /* CDATA cannot hold "]]>": split it across two sections. */
        evg__buf_str(&p->out, "\n<style type=\"text/css\"><![CDATA[\n");
        for (const char *s = p->web->css; *s; s++) {
            unsigned char c = (unsigned char)*s;
            if (strncmp(s, "]]>", 3) == 0) {
                evg__buf_str(&p->out, "]]]]><![CDATA[>");
                s += 2;
            } else if (c >= 0x20 || c == '\n' || c == '\t') {
                evg__buf_add(&p->out, s, 1);
            }
        }
        evg__buf_str(&p->out, "\n]]></style>");
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
    evg__buf_add(&p->out, s, i);
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            i++;
        if (i >= len)
            return len;
        if (s[i] == '>' || (s[i] == '/' && i + 1 < len && s[i + 1] == '>')) {
            if (root)
                evg__buf_printf(&p->out, " role=\"img\" aria-labelledby=\"%s-title %s-desc\"",
                                p->web->prefix, p->web->prefix);
            size_t n = s[i] == '>' ? 1 : 2;
            evg__buf_add(&p->out, s + i, n);
            if (root) {
                p->root_done = true;
                put_root_extras(p);
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
        evg__buf_add(&p->out, " ", 1);
        evg__buf_add(&p->out, attr, an_len);
        evg__buf_str(&p->out, "=\"");
        if (an_len == 2 && memcmp(attr, "id", 2) == 0) {
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
    char reserved[EVG__SVG_PREFIX_MAX + 8];
    snprintf(reserved, sizeof reserved, "%s-title", web->prefix);
    evg__svg_claim_id(&p.ids, &p.id_strings, reserved, &p.failed);
    snprintf(reserved, sizeof reserved, "%s-desc", web->prefix);
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
    free(p.scratch.data);
    if (p.failed || p.out.failed || p.scratch.failed || web->failed || p.out.data == NULL) {
        free(p.out.data);
        return EVG_ENOMEM;
    }
    *out = p.out.data;
    *out_len = p.out.len;
    return 0;
}
