/* Telling an events file's format from its first bytes: the delimiter from
 * the first row, then the format from the header's column names (each
 * format's own table, names compared in a normal form), or, for files
 * without a header, from the shape of the first row. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <string.h>

void evg__header_key(char *buf, size_t size, const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < size; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
            buf[n++] = (char)(c - 'A' + 'a');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            buf[n++] = c;
    }
    buf[n] = '\0';
}

bool evg__column_has_key(const evg__column_name *c, const char *key)
{
    if (key[0] == '\0')
        return false;
    char own[64];
    if (c->keys == NULL) {
        evg__header_key(own, sizeof own, c->name, strlen(c->name));
        return strcmp(own, key) == 0;
    }
    size_t len = strlen(key);
    for (const char *p = c->keys; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, key, n) == 0)
            return true;
        p += n + (bar != NULL);
    }
    return false;
}

/* The first line of the data, without a BOM. */
static const char *first_line(const unsigned char *data, size_t len, const char **end)
{
    const char *p = (const char *)data, *stop = p + len;
    if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        p += 3;
    const char *e = p;
    bool quoted = false;
    while (e < stop && (quoted || (*e != '\n' && *e != '\r'))) {
        if (*e == '"')
            quoted = !quoted;
        e++;
    }
    *end = e;
    return p;
}

/* The delimiter the first line uses most, outside quotes: ',' ';' tab '|'
 * or 0x01 (Hive), ',' when none. */
static char sniff_delimiter(const char *p, const char *end)
{
    static const char candidates[] = {',', '\t', ';', '|', '\x01'};
    size_t counts[5] = {0};
    bool quoted = false;
    for (; p < end; p++) {
        if (*p == '"')
            quoted = !quoted;
        for (int k = 0; k < 5 && !quoted; k++)
            counts[k] += *p == candidates[k];
    }
    int best = 0;
    for (int k = 1; k < 5; k++)
        if (counts[k] > counts[best])
            best = k;
    return candidates[best];
}

enum { MAX_SNIFFED = 96 };

/* Splits the line into at most MAX_SNIFFED normalised names (keys) and
 * raw values; returns the field count. */
static size_t split_line(const char *p, const char *end, char sep, char keys[][48], evg__value *raw)
{
    size_t n = 0;
    while (p <= end) {
        const char *start = p;
        bool quoted = false;
        while (p < end && (quoted || *p != sep)) {
            if (*p == '"')
                quoted = !quoted;
            p++;
        }
        if (n < MAX_SNIFFED) {
            evg__value v = {start, (size_t)(p - start), 0};
            while (v.len && (*v.text == ' ' || *v.text == '"'))
                v.text++, v.len--;
            while (v.len && (v.text[v.len - 1] == ' ' || v.text[v.len - 1] == '"'))
                v.len--;
            raw[n] = v;
            evg__header_key(keys[n], sizeof keys[0], v.text, v.len);
        }
        n++;
        p++;
    }
    return n;
}

/* Whether every required column of the format is among the keys; the
 * first required name goes into the reason. */
static bool header_fits(const evg__format *fmt, char keys[][48], size_t count)
{
    size_t required = 0, found = 0;
    for (size_t c = 0; c < fmt->column_count; c++) {
        if (!fmt->columns[c].required)
            continue;
        required++;
        for (size_t i = 0; i < count && i < MAX_SNIFFED; i++) {
            if (evg__column_has_key(&fmt->columns[c], keys[i])) {
                found++;
                break;
            }
        }
    }
    return required && found == required;
}

static bool has_key(char keys[][48], size_t count, const char *key)
{
    for (size_t i = 0; i < count && i < MAX_SNIFFED; i++)
        if (strcmp(keys[i], key) == 0)
            return true;
    return false;
}

static bool all_digits(evg__value v, size_t min)
{
    if (v.len < min)
        return false;
    for (size_t i = 0; i < v.len; i++)
        if (v.text[i] < '0' || v.text[i] > '9')
            return false;
    return true;
}

/* A headerless file by its shape. */
static void detect_shape(evg__detected *out, evg__value *raw, size_t n)
{
    if (out->delimiter != '\t')
        return;
    if ((n == 57 || n == 58 || n == 61) && all_digits(raw[0], 1) && all_digits(raw[1], 8)) {
        out->format = EVG_INPUT_GDELT;
        snprintf(out->reason, sizeof out->reason, "its first row has %zu tab-separated fields", n);
    } else if (n == 4 && raw[3].len >= 8 && raw[3].len <= 10 && raw[3].text[4] == '-' &&
               all_digits((evg__value){raw[3].text, 4, 0}, 4)) {
        out->format = EVG_INPUT_ICEWS4;
        snprintf(out->reason, sizeof out->reason,
                 "its rows are subject, relation, object and a date");
    } else if (n == 57 || n == 58 || n == 61) {
        out->format = EVG_INPUT_GDELT;
        snprintf(out->reason, sizeof out->reason, "its first row has %zu tab-separated fields", n);
    }
}

void evg__import_detect(evg__detected *out, const unsigned char *data, size_t len, char delimiter)
{
    static const evg__format *const by_header[] = {
        &evg__format_acled, &evg__format_gdelt,   &evg__format_icews,
        &evg__format_ucdp,  &evg__format_phoenix, &evg__format_sar,
    };
    char keys[MAX_SNIFFED][48];
    evg__value raw[MAX_SNIFFED];
    memset(out, 0, sizeof *out);
    const char *end, *p = first_line(data, len, &end);
    out->delimiter = delimiter ? delimiter : sniff_delimiter(p, end);
    size_t n = split_line(p, end, out->delimiter, keys, raw);
    out->first_fields = n;
    size_t used = 0;
    for (size_t i = 0; i < n && i < MAX_SNIFFED && used + 4 < sizeof out->header; i++) {
        int w = snprintf(out->header + used, sizeof out->header - used, "%s%.*s", i ? ", " : "",
                         (int)(raw[i].len > 24 ? 24 : raw[i].len), raw[i].text);
        used += w > 0 ? (size_t)w : 0;
    }
    if (used + 6 >= sizeof out->header || n > MAX_SNIFFED)
        memcpy(out->header + (used + 6 < sizeof out->header ? used : sizeof out->header - 6),
               ", ...", 6);
    out->has_header = true;
    for (size_t f = 0; f < sizeof by_header / sizeof by_header[0]; f++) {
        if (header_fits(by_header[f], keys, n)) {
            out->format = by_header[f]->id;
            const evg__column_name *c = by_header[f]->columns;
            if (by_header[f] == &evg__format_acled)
                snprintf(out->reason, sizeof out->reason, "its header names '%s'", c[0].name);
            else
                snprintf(out->reason, sizeof out->reason, "its header names '%s' and '%s'",
                         c[0].name, c[1].name);
            return;
        }
    }
    if (has_key(keys, n, "id") && has_key(keys, n, "date")) {
        out->format = EVG_INPUT_EVGRAPH;
        snprintf(out->reason, sizeof out->reason, "its header names 'id' and 'date'");
        return;
    }
    detect_shape(out, raw, n);
    if (out->format != EVG_INPUT_AUTO)
        out->has_header = false;
}

static const char *delimiter_name(char c)
{
    switch (c) {
    case ',':
        return "commas";
    case ';':
        return "semicolons";
    case '\t':
        return "tabs";
    case '|':
        return "'|'";
    default:
        return "Ctrl-A (0x01)";
    }
}

void evg__import_not_events(const evg__detected *d, char *buf, size_t size)
{
    if (d->first_fields <= 1) {
        snprintf(buf, size,
                 "not an event table: its first row is one column ('%s'), with no comma, "
                 "semicolon, tab or '|' between columns; if the file has another separator, "
                 "name it with --delimiter",
                 d->header);
        return;
    }
    snprintf(buf, size,
             "not an event table that evgraph knows: its first row (%zu columns separated by "
             "%s: %s) is no ACLED, GDELT, ICEWS, UCDP, Phoenix or evgraph header and names no "
             "date and actor; if it holds events, say which column is which with --columns "
             "date=COLUMN,actor=COLUMN,... (and --delimiter if the columns are not separated "
             "by %s)",
             d->first_fields, delimiter_name(d->delimiter), d->header,
             delimiter_name(d->delimiter));
}
