/* The one growable text buffer: see buf_int.h. */
#include "buf_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void evg__buf_add(evg__buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void evg__buf_str(evg__buf *b, const char *s)
{
    evg__buf_add(b, s, strlen(s));
}

void evg__buf_printf(evg__buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        evg__buf_add(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (big == NULL) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    evg__buf_add(b, big, (size_t)n);
    free(big);
}

/* `attribute`: quotes escaped and line breaks kept as references (a parser
 * turns a raw newline in an attribute into a space). */
void evg__buf_xml_n(evg__buf *b, const char *s, size_t len, bool attribute)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Most bytes need nothing: a quick test before the switch. */
        if (c >= 0x20 && c != 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'')
            continue;
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = attribute ? "&#39;" : NULL; break;
        case '\n': rep = attribute ? "&#10;" : NULL; break;
        case '\t': rep = attribute ? "&#9;" : NULL; break;
        case '\r': rep = ""; break;
        default:
            if (c < 0x20 || c == 0x7F)
                rep = "";
        }
        if (rep == NULL)
            continue;
        evg__buf_add(b, s + run, i - run);
        evg__buf_str(b, rep);
        run = i + 1;
    }
    evg__buf_add(b, s + run, len - run);
}

void evg__buf_xml(evg__buf *b, const char *s)
{
    evg__buf_xml_n(b, s, strlen(s), true);
}

