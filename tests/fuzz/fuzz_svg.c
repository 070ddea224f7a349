/* Fuzz target: SVG post-processing (src/lib/output/svg_post.c), which
 * rewrites Graphviz's SVG and puts untrusted text into it.
 *
 * Input: a header line, then the SVG. The header's fields, split at '|',
 * are the id prefix, the stylesheet ("-": none), the title, the description,
 * then values held behind the placeholders evgph0, evgph1 ... (as the
 * renderers hold tooltips and links). A first byte '!' in the header asks
 * for no width and height.
 *
 * Besides never crashing, leaking or reading out of bounds: text from the
 * data (held values, title, description) never becomes markup. Each such
 * value gets MARK in front; MARK may reach the output only escaped, unless
 * the SVG itself held it raw. (The prefix is sanitized to an XML name and
 * the stylesheet goes into CDATA: they are fuzzed but not marked.) */
#include "svg_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MARK "<x-data"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(const evg_diag *diag, void *payload)
{
    (void)diag;
    (void)payload;
}

/* A NUL-terminated copy of n bytes, with MARK in front when `mark`. */
static char *copy_field(const char *s, size_t n, bool mark)
{
    size_t m = mark ? sizeof MARK - 1 : 0;
    char *copy = malloc(m + n + 1);
    if (copy == NULL)
        abort();
    memcpy(copy, MARK, m);
    memcpy(copy + m, s, n);
    copy[m + n] = '\0';
    return copy;
}

static bool contains(const char *s, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, what, n) == 0)
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t head_len = nl ? (size_t)(nl - text) : size;
    const char *svg = nl ? nl + 1 : text + size;
    size_t svg_len = size - (size_t)(svg - text);

    bool no_size = head_len > 0 && text[0] == '!';
    const char *head = text + no_size;
    size_t rest = head_len - no_size;
    char *fields[16];
    size_t count = 0;
    while (count < 16) {
        const char *bar = memchr(head, '|', rest);
        size_t n = bar ? (size_t)(bar - head) : rest;
        fields[count] = copy_field(head, n, count >= 2);
        count++;
        if (bar == NULL)
            break;
        head = bar + 1;
        rest -= n + 1;
    }
    const char *prefix = fields[0];
    const char *css = count > 1 ? fields[1] : "-";

    evg__reporter rep = {ignore, NULL, 0, 0, 0, false};
    evg_svg_opts opts = {prefix, strcmp(css, "-") == 0 ? NULL : css, no_size};
    evg__svg_web web;
    int rc = evg__svg_web_init(&web, "fuzz.svg", &opts, &rep);
    if (rc == 0) {
        if (count > 2)
            evg__buf_str(&web.title, fields[2]);
        if (count > 3)
            evg__buf_str(&web.desc, fields[3]);
        for (size_t i = 4; i < count; i++) {
            char placeholder[24];
            evg__svg_hold(&web, placeholder, fields[i]);
        }
        char *out = NULL;
        size_t out_len = 0;
        rc = evg__svg_finish(&web, svg, svg_len, &out, &out_len);
        if (rc != 0 && rc != EVG_ENOMEM)
            abort();
        if (rc == 0) {
            if (out == NULL || out[out_len] != '\0')
                abort();
            /* Data never becomes markup. */
            if (contains(out, out_len, MARK) && !contains(svg, svg_len, MARK))
                abort();
        }
        free(out);
    } else if (rc != EVG_EUSAGE) {
        abort();
    }
    evg__svg_web_free(&web);
    for (size_t i = 0; i < count; i++)
        free(fields[i]);
    return 0;
}
