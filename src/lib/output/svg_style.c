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

/* The grey level 0-255 of a neutral colour, or -1. */
static int grey(const char *v, size_t len)
{
    if (len == 5 && memcmp(v, "black", 5) == 0)
        return 0;
    if (len == 5 && memcmp(v, "white", 5) == 0)
        return 255;
    if ((len == 4 && memcmp(v, "gray", 4) == 0) || (len == 4 && memcmp(v, "grey", 4) == 0))
        return 190;
    if (v[0] != '#' || (len != 7 && len != 4))
        return -1;
    int c[3];
    for (int k = 0; k < 3; k++) {
        int hi = hex(v[len == 7 ? 1 + 2 * k : 1 + k]), lo = hex(v[len == 7 ? 2 + 2 * k : 1 + k]);
        if (hi < 0 || lo < 0)
            return -1;
        c[k] = hi * 16 + lo;
    }
    return c[0] == c[1] && c[1] == c[2] ? c[0] : -1;
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
        bool px = numeric(v, vn) && (memcmp(line, "font-size", an) == 0 ||
                                      memcmp(line, "stroke-width", an) == 0);
        evg__buf_printf(css, "#%s [%.*s=\"%.*s\"]{%.*s:%.*s%s}\n", x, (int)an, line, (int)vn, v,
                        (int)an, line, (int)vn, v, px ? "px" : "");
        int g = grey(v, vn);
        bool colour = (an == 4 && memcmp(line, "fill", 4) == 0) ||
                      (an == 6 && memcmp(line, "stroke", 6) == 0);
        if (colour && g >= 0) {
            /* Black becomes near white and white the dark background. */
            int inv = 0x12 + (0xE8 - 0x12) * (255 - g) / 255;
            evg__buf_printf(&dark, "#%s [%.*s=\"%.*s\"]{%.*s:#%02x%02x%02x}\n", x, (int)an, line,
                            (int)vn, v, (int)an, line, inv, inv, inv);
        }
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
        if (j != i || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ||
            s[i] == ';') {
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
