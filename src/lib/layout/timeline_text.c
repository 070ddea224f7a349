/* Text of the timeline: word wrapping to a width, counts and dates
 * formatted for labels. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

double evg__tl_text_w(const char *text, double size, int font)
{
    return evg__tl_text_width(text, strlen(text), size, font);
}

static size_t utf8_prev(const char *s, size_t len)
{
    while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
        len--;
    return len ? len - 1 : 0;
}

static size_t utf8_next(const char *s, size_t i, size_t len)
{
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Word-wraps `text` to lines of at most `max_w` points and `max_lines` lines
 * (the last shortened with an ellipsis when text is left over). Runs of
 * white space and control characters become one space. Returns the lines
 * joined by '\n' (in the arena); *lines and *width (widest line) are set. */
const char *evg__tl_wrap(builder *b, const char *text, double size, int font, double max_w,
                         size_t max_lines, size_t *lines, double *width)
{
    size_t len = strlen(text);
    char *line = malloc(len + 8);
    evg__buf *out = &b->sb;
    out->len = 0;
    *lines = 0;
    *width = 0;
    if (line == NULL) {
        b->nomem = true;
        return "";
    }
    size_t line_len = 0, i = 0;
    /* line[0, line_len) measured: each word tried is measured alone, not
     * the whole line again. */
    evg__tl_measure line_m = {.font = font};
    bool truncated = false;
    for (;;) {
        while (i < len && (unsigned char)text[i] <= ' ')
            i++;
        size_t start = i;
        while (i < len && (unsigned char)text[i] > ' ')
            i++;
        size_t word = i - start;
        bool done = word == 0;
        if (!done) {
            /* Try the word on the current line. */
            size_t try_len = line_len;
            evg__tl_measure try_m = line_m;
            if (line_len) {
                line[try_len++] = ' ';
                evg__tl_measure_add(&try_m, " ", 1);
            }
            memcpy(line + try_len, text + start, word);
            try_len += word;
            evg__tl_measure_add(&try_m, text + start, word);
            if (evg__tl_measure_width(&try_m, size) <= max_w) {
                line_len = try_len;
                line_m = try_m;
                continue;
            }
            if (line_len == 0) {
                /* A word longer than a line: break it where it must. */
                size_t fit = 0;
                for (size_t k = utf8_next(text + start, 0, word); k <= word;
                     k = utf8_next(text + start, k, word)) {
                    if (evg__tl_text_width(text + start, k, size, font) > max_w)
                        break;
                    fit = k;
                    if (k == word)
                        break;
                }
                if (fit == 0)
                    fit = utf8_next(text + start, 0, word);
                memcpy(line, text + start, fit);
                line_len = fit;
                evg__tl_measure_add(&line_m, line, line_len);
                i = start + fit;
            } else {
                i = start; /* the word starts the next line */
            }
        }
        if (line_len == 0 && done)
            break;
        if (*lines + 1 == max_lines && !done) {
            /* The last line allowed, with text left: cut it with an ellipsis. */
            while (i < len && (unsigned char)text[i] <= ' ')
                i++;
            truncated = i < len;
            if (!truncated)
                done = true;
        }
        if (truncated) {
            while (line_len && evg__tl_text_width(line, line_len, size, font) +
                                       evg__tl_text_width("\xE2\x80\xA6", 3, size, font) >
                                   max_w)
                line_len = utf8_prev(line, line_len);
            while (line_len && line[line_len - 1] == ' ')
                line_len--;
            memcpy(line + line_len, "\xE2\x80\xA6", 3);
            line_len += 3;
            line_m = (evg__tl_measure){.font = font};
            evg__tl_measure_add(&line_m, line, line_len);
        }
        double w = evg__tl_measure_width(&line_m, size);
        if (w > *width)
            *width = w;
        if (*lines)
            evg__buf_add(out, "\n", 1);
        evg__buf_add(out, line, line_len);
        (*lines)++;
        line_len = 0;
        line_m = (evg__tl_measure){.font = font};
        if (done || truncated)
            break;
    }
    free(line);
    return evg__tl_buf_take(b);
}

/* "20,000" */
void evg__tl_format_count(char *buf, size_t size, uint64_t n)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0 && len > 4)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

static const char *flag_suffix(const evg_date *d)
{
    unsigned both = EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN;
    if ((d->flags & both) == both)
        return "~?";
    if (d->flags & EVG_DATE_APPROXIMATE)
        return "~";
    if (d->flags & EVG_DATE_UNCERTAIN)
        return "?";
    return "";
}

/* "14 Aug 2016", "Aug 2016", "2016", "14 Aug 2016 18:30", with the date's
 * "~"/"?" and without the year when `year` is false. */
void evg__tl_format_date(evg__buf *s, const evg_date *d, bool year)
{
    switch ((evg_precision)d->precision) {
    case EVG_PRECISION_NONE:
        break;
    case EVG_PRECISION_YEAR:
        evg__buf_printf(s, "%d", d->year);
        break;
    case EVG_PRECISION_MONTH:
        evg__buf_str(s, month_names[(d->month - 1) % 12]);
        if (year)
            evg__buf_printf(s, " %d", d->year);
        break;
    case EVG_PRECISION_DAY:
    case EVG_PRECISION_MINUTE:
    case EVG_PRECISION_SECOND:
        evg__buf_printf(s, "%d %s", d->day, month_names[(d->month - 1) % 12]);
        if (year)
            evg__buf_printf(s, " %d", d->year);
        if (d->precision >= EVG_PRECISION_MINUTE)
            evg__buf_printf(s, " %02d:%02d", d->hour, d->minute);
        break;
    }
    evg__buf_str(s, flag_suffix(d));
}

/* An event's date, or its start and end: "12–14 Sep 2016", "Mar~ – 20 Jun 2016". */
void evg__tl_format_event_date(builder *b, const evg_event *e)
{
    evg__buf *s = &b->sb;
    const evg_date *d = &e->date, *end = &e->end_date;
    if (end->precision == EVG_PRECISION_NONE) {
        evg__tl_format_date(s, d, b->show_year);
        return;
    }
    bool same_year = d->year == end->year;
    if (same_year && d->month == end->month && d->precision == EVG_PRECISION_DAY &&
        end->precision == EVG_PRECISION_DAY && d->flags == 0) {
        evg__buf_printf(s, "%d\xE2\x80\x93", d->day);
        evg__tl_format_date(s, end, b->show_year);
        return;
    }
    evg__tl_format_date(s, d, !same_year || (b->show_year && d->precision == EVG_PRECISION_YEAR));
    evg__buf_str(s, " \xE2\x80\x93 ");
    evg__tl_format_date(s, end, b->show_year || !same_year);
}
