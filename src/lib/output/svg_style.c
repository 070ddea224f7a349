/* The stylesheets an SVG carries: its own, and the user's, both scoped to
 * the figure's root id (see svg_int.h). */
#include "svg_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool css_plain(const char *v, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = v[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              strchr("#.,%() -_", c)))
            return false;
    }
    return true;
}

/* Whether the `len` bytes at `s` are exactly `name`. */
static bool named(const char *s, size_t len, const char *name)
{
    return strlen(name) == len && memcmp(s, name, len) == 0;
}

static bool numeric(const char *v, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!((v[i] >= '0' && v[i] <= '9') || v[i] == '.' || v[i] == '-'))
            return false;
    return len > 0;
}

static int hex(char c)
{
    c = (char)(c | 0x20);
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The red, green and blue of "#rrggbb", "#rgb", black, white or gray. */
static bool rgb(const char *v, size_t len, int c[3])
{
    static const struct {
        const char *name;
        int level;
    } names[] = {{"black", 0}, {"white", 255}, {"gray", 190}, {"grey", 190}};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (len == strlen(names[k].name) && memcmp(v, names[k].name, len) == 0) {
            c[0] = c[1] = c[2] = names[k].level;
            return true;
        }
    if (len == 0 || v[0] != '#' || (len != 7 && len != 4))
        return false;
    for (int k = 0; k < 3; k++) {
        int hi = hex(v[len == 7 ? 1 + 2 * k : 1 + k]), lo = hex(v[len == 7 ? 2 + 2 * k : 1 + k]);
        if (hi < 0 || lo < 0)
            return false;
        c[k] = hi * 16 + lo;
    }
    return true;
}

/* The colour of the same hue and saturation with its lightness turned
 * over, into the range from the dark background (#121212) to the light
 * text (#e8e8e8): black becomes near white, white the background, a pale
 * tint a deep one. Adding one number to all three channels keeps the hue
 * and the chroma; the lightness (max + min) / 2 moves by it. */
static void dark_variant(int c[3], int out[3])
{
    int max = c[0], min = c[0];
    for (int k = 1; k < 3; k++) {
        max = c[k] > max ? c[k] : max;
        min = c[k] < min ? c[k] : min;
    }
    int light2 = max + min; /* twice the lightness, 0..510 */
    int want2 = 2 * 0x12 + (2 * (0xE8 - 0x12) * (510 - light2)) / 510;
    int shift = (want2 - light2) / 2;
    for (int k = 0; k < 3; k++) {
        int v = c[k] + shift;
        out[k] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
}

void evg__svg_style(evg__buf *css, const char *prefix, const char *paint, size_t paint_len,
                    bool transparent)
{
    const char *x = prefix;
    evg__buf_printf(css,
                    "#%s text{fill:#000;text-transform:none;letter-spacing:normal;"
                    "word-spacing:normal;font-variant:normal;text-decoration:none;"
                    "text-shadow:none}\n"
                    "#%s path,#%s polygon,#%s polyline,#%s ellipse,#%s text{opacity:1;"
                    "visibility:visible;filter:none;stroke-width:1px}\n",
                    x, x, x, x, x, x);
    evg__buf dark = {0};
    evg__buf_printf(&dark, "@media (prefers-color-scheme:dark){\n");
    evg__buf_printf(&dark, "#%s text{fill:#e8e8e8}\n", x);
    for (size_t i = 0; i < paint_len;) {
        const char *line = paint + i, *nl = memchr(line, '\n', paint_len - i);
        size_t n = nl ? (size_t)(nl - line) : paint_len - i;
        i += n + 1;
        const char *tab = memchr(line, '\t', n);
        if (tab == NULL)
            continue;
        size_t an = (size_t)(tab - line), vn = n - an - 1;
        const char *v = tab + 1;
        if (!css_plain(v, vn))
            continue;
        bool px =
            numeric(v, vn) && (named(line, an, "font-size") || named(line, an, "stroke-width"));
        evg__buf_printf(css, "#%s [%.*s=\"%.*s\"]{%.*s:%.*s%s}\n", x, (int)an, line, (int)vn, v,
                        (int)an, line, (int)vn, v, px ? "px" : "");
        bool fill = named(line, an, "fill"), stroke = named(line, an, "stroke");
        int c[3], d[3];
        if (!(fill || stroke) || !rgb(v, vn, c))
            continue;
        dark_variant(c, d);
        int max = c[0] > c[1] ? c[0] : c[1], min = c[0] < c[1] ? c[0] : c[1];
        max = c[2] > max ? c[2] : max;
        min = c[2] < min ? c[2] : min;
        /* Neutral greys turn over everywhere; of the other colours, pale
         * tints (bands, boxes) turn deep so that light text stays readable
         * on them, and dark coloured text turns light. The colours that
         * tell event types and actor kinds apart stay as they are. */
        const char *where = NULL;
        if (max - min <= 2)
            where = "";
        else if (fill && max + min >= 2 * 190)
            where = "";
        else if (fill && max + min <= 2 * 110)
            where = "text";
        if (where)
            evg__buf_printf(&dark, "#%s %s[%.*s=\"%.*s\"]{%.*s:#%02x%02x%02x}\n", x, where, (int)an,
                            line, (int)vn, v, (int)an, line, d[0], d[1], d[2]);
    }
    if (!transparent)
        evg__buf_printf(&dark, "#%s .evg-background{fill:#121212}\n", x);
    evg__buf_str(&dark, "}\n");
    if (dark.failed)
        css->failed = true;
    else
        evg__buf_add(css, dark.data, dark.len);
    free(dark.data);
}

/* Skips a comment or a string at s[i]; returns the index after it, or i. */
static size_t skip_atom(const char *s, size_t i, evg__buf *copy)
{
    if (s[i] == '/' && s[i + 1] == '*') {
        const char *end = strstr(s + i + 2, "*/");
        return end ? (size_t)(end - s) + 2 : strlen(s);
    }
    if (s[i] == '"' || s[i] == '\'') {
        size_t j = i + 1;
        while (s[j] && s[j] != s[i]) {
            if (s[j] == '\\' && s[j + 1])
                j++;
            j++;
        }
        j += s[j] != '\0';
        if (copy)
            evg__buf_add(copy, s + i, j - i);
        return j;
    }
    return i;
}

/* One selector, trimmed, under #prefix. */
static void scope_selector(evg__buf *css, const char *prefix, const char *sel, size_t len)
{
    while (len && (sel[0] == ' ' || sel[0] == '\n' || sel[0] == '\t'))
        sel++, len--;
    while (len && (sel[len - 1] == ' ' || sel[len - 1] == '\n' || sel[len - 1] == '\t'))
        len--;
    if (len == 0)
        return;
    const char *root[] = {"svg", ":root"};
    for (size_t k = 0; k < 2; k++) {
        size_t rn = strlen(root[k]);
        if (len >= rn && memcmp(sel, root[k], rn) == 0 &&
            (len == rn || strchr(" >+~.#:[", sel[rn]))) {
            evg__buf_printf(css, "#%s%.*s", prefix, (int)(len - rn), sel + rn);
            return;
        }
    }
    evg__buf_printf(css, "#%s %.*s", prefix, (int)len, sel);
}

/* Rules from s[i] up to a '}' closing the enclosing block (or the end);
 * returns the index of that '}' or of the end. */
static size_t scope_block(evg__buf *css, const char *prefix, const char *s, size_t i, int depth)
{
    while (s[i] && s[i] != '}') {
        size_t j = skip_atom(s, i, NULL);
        if (j != i || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == ';') {
            i = j != i ? j : i + 1;
            continue;
        }
        /* A prelude: up to '{' or ';'. */
        evg__buf pre = {0};
        while (s[i] && s[i] != '{' && s[i] != ';' && s[i] != '}') {
            size_t k = skip_atom(s, i, &pre);
            if (k != i) {
                i = k;
                continue;
            }
            evg__buf_add(&pre, s + i, 1);
            i++;
        }
        const char *text = pre.data ? pre.data : "";
        bool at = text[0] == '@';
        if (s[i] != '{') {
            /* A statement at-rule (@import, @charset): left out. */
            free(pre.data);
            if (s[i] == ';')
                i++;
            continue;
        }
        i++;
        bool nested = at && depth < 4 &&
                      (strncmp(text, "@media", 6) == 0 || strncmp(text, "@supports", 9) == 0);
        if (nested) {
            evg__buf_printf(css, "%s{\n", text);
            i = scope_block(css, prefix, s, i, depth + 1);
            evg__buf_str(css, "}\n");
        } else {
            if (at) {
                evg__buf_str(css, text);
            } else {
                size_t start = 0, n = pre.len;
                for (size_t k = 0; k <= n; k++) {
                    if (k == n || text[k] == ',') {
                        if (start)
                            evg__buf_str(css, ",");
                        scope_selector(css, prefix, text + start, k - start);
                        start = k + 1;
                    }
                }
            }
            evg__buf_str(css, "{");
            int level = 1;
            while (s[i] && level) {
                size_t k = skip_atom(s, i, css);
                if (k != i) {
                    i = k;
                    continue;
                }
                level += s[i] == '{';
                level -= s[i] == '}';
                if (level)
                    evg__buf_add(css, s + i, 1);
                i++;
            }
            evg__buf_str(css, "}\n");
        }
        if (pre.failed)
            css->failed = true;
        free(pre.data);
    }
    if (s[i] == '}')
        i++;
    return i;
}

void evg__css_scope(evg__buf *css, const char *prefix, const char *user)
{
    size_t i = 0;
    while (user[i])
        i = scope_block(css, prefix, user, i, 0);
}
