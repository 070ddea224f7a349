/* Dates of foreign files, in the forms exports and spreadsheets hold them:
 * ISO 8601 (with a time, which is kept), 15 August 2016, 15-Aug-2016 and
 * Excel's 9-May-20, Aug 15, 2016, numeric day-first and month-first
 * (15/08/2016, 8/15/2016, 15.08.2016), 20160815, Unix seconds and
 * milliseconds, Excel serial numbers, and the user's --date-format ones.
 * Whether 5/9/2020 is 5 September or 9 May is decided from the whole
 * column: any first number over 12 makes it day-first, any second over 12
 * month-first. */
#define _XOPEN_SOURCE 700

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

typedef evg__value value;

bool evg__iso_day(evg_date *out, int year, int month, int day)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days[month - 1])
        return false;
    char text[16];
    int n = snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    return evg_date_parse(out, text, (size_t)n) == 0;
}

/* Reads `min` to `max` digits at *i. */
static bool digits(value v, size_t *i, size_t min, size_t max, int *out)
{
    size_t start = *i;
    int n = 0;
    while (*i < v.len && *i - start < max && v.text[*i] >= '0' && v.text[*i] <= '9')
        n = n * 10 + (v.text[(*i)++] - '0');
    *out = n;
    return *i - start >= min && (*i == v.len || v.text[*i] < '0' || v.text[*i] > '9');
}

/* A month's name or its first three letters (Sept too), or 0. */
static int month_named(value v, size_t *i)
{
    static const char *const months[] = {"january",   "february", "march",    "april",
                                         "may",       "june",     "july",     "august",
                                         "september", "october",  "november", "december"};
    size_t start = *i;
    while (*i < v.len && (v.text[*i] | 0x20) >= 'a' && (v.text[*i] | 0x20) <= 'z')
        (*i)++;
    value name = {v.text + start, *i - start, 0};
    if (*i < v.len && v.text[*i] == '.')
        (*i)++; /* "Aug." */
    for (int k = 0; k < 12; k++)
        if (evg__value_is(name, months[k]) ||
            (name.len == 3 && strncasecmp(name.text, months[k], 3) == 0) ||
            (k == 8 && evg__value_is(name, "sept")))
            return k + 1;
    return 0;
}

/* A two-digit year as Excel reads it: 00-29 is 20xx, 30-99 19xx. */
static int full_year(int year, size_t len)
{
    if (len > 2)
        return year;
    return year < 30 ? 2000 + year : 1900 + year;
}

static void skip_spaces(value v, size_t *i)
{
    while (*i < v.len && (v.text[*i] == ' ' || v.text[*i] == ','))
        (*i)++;
}

/* 15 August 2016, 15-Aug-2016, 9-May-20. */
static bool day_month_name(value v, evg_date *out)
{
    size_t i = 0;
    int day, month, year;
    if (!digits(v, &i, 1, 2, &day) || i >= v.len)
        return false;
    char sep = v.text[i++];
    if (sep != ' ' && sep != '-' && sep != '/' && sep != '.')
        return false;
    skip_spaces(v, &i);
    if ((month = month_named(v, &i)) == 0 || i >= v.len)
        return false;
    if (v.text[i] == sep || v.text[i] == ' ' || v.text[i] == ',')
        i++;
    skip_spaces(v, &i);
    size_t start = i;
    if (!digits(v, &i, 2, 4, &year) || i != v.len || i - start == 3)
        return false;
    return evg__iso_day(out, full_year(year, i - start), month, day);
}

/* Aug 15, 2016 and August 15 2016. */
static bool month_name_day(value v, evg_date *out)
{
    size_t i = 0;
    int day, month, year;
    if ((month = month_named(v, &i)) == 0)
        return false;
    skip_spaces(v, &i);
    if (i < v.len && v.text[i] == '-')
        i++;
    if (!digits(v, &i, 1, 2, &day))
        return false;
    skip_spaces(v, &i);
    if (i < v.len && v.text[i] == '-')
        i++;
    if (!digits(v, &i, 4, 4, &year) || i != v.len)
        return false;
    return evg__iso_day(out, year, month, day);
}

/* Numbers a/b/year (or with '-' or '.'); year/a/b is ISO's order. Sets
 * row->date_pending when either reading is possible. */
static bool numeric(evg__import_file *f, value v, evg_date *out, evg__row *row)
{
    size_t i = 0;
    int a, b, year;
    if (!digits(v, &i, 1, 2, &a) || i >= v.len)
        return false;
    char sep = v.text[i++];
    if (sep != '/' && sep != '-' && sep != '.')
        return false;
    if (!digits(v, &i, 1, 2, &b) || i >= v.len || v.text[i++] != sep)
        return false;
    size_t start = i;
    if (!digits(v, &i, 2, 4, &year) || i - start == 3)
        return false;
    /* Excel's "5/9/2020 0:00" and the like: the time is dropped. */
    if (i < v.len && v.text[i] != ' ')
        return false;
    year = full_year(year, i - start);
    bool day_first_ok = a <= 31 && b <= 12 && evg__iso_day(out, year, b, a);
    evg_date month_first;
    bool month_first_ok = a <= 12 && b <= 31 && evg__iso_day(&month_first, year, a, b);
    if (day_first_ok && !month_first_ok) {
        if (f->day_first++ == 0)
            f->day_first_at = v.offset;
        return true;
    }
    if (month_first_ok && !day_first_ok) {
        if (f->month_first++ == 0)
            f->month_first_at = v.offset;
        *out = month_first;
        return true;
    }
    if (!day_first_ok)
        return false;
    if (a == b)
        return true; /* 5/5: the same either way */
    if (row) {
        row->date_pending = true;
        row->pending_first = a;
        row->pending_second = b;
        row->pending_year = year;
    }
    return true;
}

/* 20160815, Unix seconds and milliseconds, Excel serial numbers. */
static bool number(value v, evg_date *out)
{
    size_t i = 0;
    int64_t n = 0;
    while (i < v.len && v.text[i] >= '0' && v.text[i] <= '9' && i < 15)
        n = n * 10 + (v.text[i++] - '0');
    size_t whole = i;
    if (whole == 0)
        return false;
    if (i < v.len && v.text[i] == '.') {
        for (i++; i < v.len && v.text[i] >= '0' && v.text[i] <= '9';)
            i++;
    }
    if (i != v.len)
        return false;
    if (whole == 4 && whole == v.len)
        return evg_date_parse(out, v.text, 4) == 0; /* a year */
    if (whole == 8 && whole == v.len)
        return evg__iso_day(out, (int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100));
    time_t seconds;
    if (whole == 5 && n >= 1 && n < 2958466) /* Excel: day 1 is 1900-01-01, 25569 1970 */
        seconds = (time_t)(n - 25569) * 86400;
    else if (whole >= 9 && whole <= 10)
        seconds = (time_t)n;
    else if (whole >= 12 && whole <= 13)
        seconds = (time_t)(n / 1000);
    else
        return false;
    struct tm tm;
    if (gmtime_r(&seconds, &tm) == NULL)
        return false;
    if (whole >= 9) {
        char text[32];
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
        return evg_date_parse(out, text, strlen(text)) == 0;
    }
    return evg__iso_day(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The user's --date-format ones, strptime-style. */
static bool with_formats(const char *const *formats, value v, evg_date *out)
{
    char text[128];
    if (v.len >= sizeof text)
        return false;
    memcpy(text, v.text, v.len);
    text[v.len] = '\0';
    for (size_t k = 0; formats[k]; k++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        tm.tm_mday = 1;
        const char *end = strptime(text, formats[k], &tm);
        if (end == NULL || *end != '\0')
            continue;
        bool timed =
            strstr(formats[k], "%H") || strstr(formats[k], "%T") || strstr(formats[k], "%R");
        if (timed) {
            char iso[40];
            snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                     tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
            if (evg_date_parse(out, iso, strlen(iso)) == 0)
                return true;
        } else if (evg__iso_day(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday)) {
            return true;
        }
    }
    return false;
}

bool evg__import_date(evg__import_file *f, value v, evg_date *out, evg__row *row)
{
    memset(out, 0, sizeof *out);
    if (f->im->date_formats)
        return with_formats(f->im->date_formats, v, out);
    if (v.len >= 4 && v.text[0] >= '0' && v.text[0] <= '9' && v.len > 4 && v.text[4] == '-') {
        /* ISO 8601; a space before the time as SQL writes it. */
        char text[64];
        if (v.len < sizeof text) {
            memcpy(text, v.text, v.len);
            text[v.len] = '\0';
            if (v.len > 10 && text[10] == ' ')
                text[10] = 'T';
            if (evg_date_parse(out, text, v.len) == 0)
                return true;
            /* 2016-08-15 00:00:00.000 and other times evgraph does not keep */
            if (v.len > 10 && evg_date_parse(out, text, 10) == 0)
                return true;
        }
        return false;
    }
    return day_month_name(v, out) || month_name_day(v, out) || numeric(f, v, out, row) ||
           number(v, out);
}

void evg__import_settle_dates(evg__import_file *f)
{
    if (f->pending_count == 0)
        return;
    bool day_first = f->day_first > 0 && f->month_first == 0;
    bool month_first = f->month_first > 0 && f->day_first == 0;
    const evg__pending_date *first = &f->pending[0];
    if (f->day_first && f->month_first) {
        unsigned long l1 = evg__csv_line(f->file, f->day_first_at);
        unsigned long l2 = evg__csv_line(f->file, f->month_first_at);
        evg__import_problem(f, false, first->offset,
                            "the date column is day-first on line %lu but month-first on line "
                            "%lu: %zu dates that could be either are read day-first (say the "
                            "form with --date-format)",
                            l1, l2, f->pending_count);
        day_first = true;
    } else if (!day_first && !month_first) {
        /* Nothing decides: slashes are most often a US spreadsheet's
         * month-first, dots and dashes day-first. */
        day_first = false;
        evg__csv_report(f->file, EVG_SEVERITY_WARNING, first->offset,
                        "no date in the column tells day-first from month-first: %zu dates "
                        "such as %d/%d/%d are read month-first (%s); say --date-format "
                        "%%d/%%m/%%Y if they are day-first",
                        f->pending_count, first->first, first->second, first->year,
                        "the first number is the month");
    }
    for (size_t i = 0; i < f->pending_count; i++) {
        const evg__pending_date *p = &f->pending[i];
        evg_event *e = &f->m->events[p->event];
        int month = day_first ? p->second : p->first, day = day_first ? p->first : p->second;
        evg__iso_day(&e->date, p->year, month, day);
    }
}
