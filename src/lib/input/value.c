/* Values: trimmed views of CSV fields. */
#include "value_int.h"

bool evg__value_lower(char *buf, size_t size, evg__value v)
{
    if (v.len >= size)
        return false;
    for (size_t i = 0; i < v.len; i++) {
        char c = v.text[i];
        buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    buf[v.len] = '\0';
    return true;
}

bool evg__value_check_id(evg__csv_file *file, evg__value v, const char *what)
{
    if (v.len > EVG__MAX_ID_BYTES) {
        evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                        "%s is %zu bytes long; ids may be at most %d bytes (Graphviz's limit "
                        "for names)",
                        what, v.len, EVG__MAX_ID_BYTES);
        return false;
    }
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = (unsigned char)v.text[i];
        if (c < 0x20 || c == 0x7F || c == ';') {
            char q[EVG__EXCERPT_SIZE];
            evg__csv_report(file, EVG_SEVERITY_ERROR, v.offset,
                            "%s '%s' contains %s, which ids may not hold", what, EVG__QUOTE(q, v),
                            c == ';' ? "';'" : "a control character");
            return false;
        }
    }
    return true;
}

/* The length of text XML cannot carry at p, or 0. */
static size_t xml_invalid(const unsigned char *p, size_t left)
{
    if (*p < 0x20)
        return *p == '\t' || *p == '\n' || *p == '\r' ? 0 : 1;
    if (*p == 0xEF && left >= 3 && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
        return 3;
    return 0;
}

char *evg__value_copy(evg__arena *arena, evg__csv_file *file, evg__value v)
{
    const unsigned char *s = (const unsigned char *)v.text;
    size_t bad = 0, first = 0, extra = 0;
    for (size_t i = 0; i < v.len; i++) {
        if ((s[i] < 0x20 || s[i] == 0xEF)) {
            size_t n = xml_invalid(s + i, v.len - i);
            if (n) {
                if (bad++ == 0)
                    first = i;
                extra += 3 - n;
                i += n - 1;
            }
        }
    }
    if (bad == 0)
        return evg__arena_strndup(arena, v.text, v.len);
    char *out = evg__arena_alloc(arena, v.len + extra + 1);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < v.len;) {
        size_t n = s[i] < 0x20 || s[i] == 0xEF ? xml_invalid(s + i, v.len - i) : 0;
        if (n) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i += n;
        } else {
            out[o++] = (char)s[i++];
        }
    }
    out[o] = '\0';
    if (evg__csv_first_time(file)) {
        unsigned code = s[first] < 0x20 ? s[first] : 0xFFFE + (s[first + 2] == 0xBF);
        evg__csv_report(file, EVG_SEVERITY_WARNING, v.offset + first,
                        "U+%04X cannot be written in SVG or HTML (XML 1.0): replaced by U+FFFD "
                        "(further such characters in this file are replaced silently)",
                        code);
    }
    return out;
}
