#include <evgraph/date.h>
#include <evgraph/diag.h>

#include "date_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int64_t evg__days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void evg__civil_from_days(int64_t z, int64_t *year, unsigned *month, unsigned *day)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = (int64_t)yoe + era * 400 + (*month <= 2);
}


/* Reads exactly `n` digits at *p; advances on success. */
static bool read_digits(const char **p, const char *end, int n, int *out)
{
    if (end - *p < n)
        return false;
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*p)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static bool take(const char **p, const char *end, char c)
{
    if (*p < end && **p == c) {
        (*p)++;
        return true;
    }
    return false;
}

static bool parse_time(evg_date *d, const char **p, const char *end)
{
    int hour, minute, second = 0;
    if (!read_digits(p, end, 2, &hour) || !take(p, end, ':') || !read_digits(p, end, 2, &minute))
        return false;
    d->precision = EVG_PRECISION_MINUTE;
    if (take(p, end, ':')) {
        if (!read_digits(p, end, 2, &second))
            return false;
        d->precision = EVG_PRECISION_SECOND;
    }
    if (hour > 23 || minute > 59 || second > 59)
        return false;
    d->hour = (uint8_t)hour;
    d->minute = (uint8_t)minute;
    d->second = (uint8_t)second;
    if (take(p, end, 'Z')) {
        d->flags |= EVG_DATE_HAS_ZONE;
    } else if (*p < end && (**p == '+' || **p == '-')) {
        int sign = **p == '-' ? -1 : 1, zh, zm;
        (*p)++;
        if (!read_digits(p, end, 2, &zh) || !take(p, end, ':') || !read_digits(p, end, 2, &zm))
            return false;
        if (zh > 14 || zm > 59)
            return false;
        d->zone_minutes = (int16_t)(sign * (zh * 60 + zm));
        d->flags |= EVG_DATE_HAS_ZONE;
    }
    return true;
}

int evg_date_parse(evg_date *out, const char *text, size_t len)
{
    evg_date d;
    memset(&d, 0, sizeof d);
    memset(out, 0, sizeof *out);
    const char *p = text, *end = text + len;
    int year, month, day;

    if (!read_digits(&p, end, 4, &year) || year < 1)
        return EVG_EINVAL;
    d.year = (int16_t)year;
    d.precision = EVG_PRECISION_YEAR;
    if (take(&p, end, '-')) {
        if (!read_digits(&p, end, 2, &month) || month < 1 || month > 12)
            return EVG_EINVAL;
        d.month = (uint8_t)month;
        d.precision = EVG_PRECISION_MONTH;
        if (take(&p, end, '-')) {
            if (!read_digits(&p, end, 2, &day) || day < 1 || day > days_in_month(year, month))
                return EVG_EINVAL;
            d.day = (uint8_t)day;
            d.precision = EVG_PRECISION_DAY;
            if ((take(&p, end, 'T') || take(&p, end, ' ')) && !parse_time(&d, &p, end))
                return EVG_EINVAL;
        }
    }
    if (take(&p, end, '~'))
        d.flags |= EVG_DATE_APPROXIMATE;
    else if (take(&p, end, '?'))
        d.flags |= EVG_DATE_UNCERTAIN;
    else if (take(&p, end, '%'))
        d.flags |= EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN;
    if (p != end)
        return EVG_EINVAL;
    *out = d;
    return 0;
}

int64_t evg_date_start(const evg_date *d)
{
    if (d->precision == EVG_PRECISION_NONE)
        return 0;
    unsigned month = d->month ? d->month : 1, day = d->day ? d->day : 1;
    int64_t s = evg__days_from_civil(d->year, month, day) * 86400 + d->hour * 3600 + d->minute * 60 +
                d->second;
    return s - (int64_t)d->zone_minutes * 60;
}

int64_t evg_date_end(const evg_date *d)
{
    switch ((evg_precision)d->precision) {
    case EVG_PRECISION_NONE:
        return 0;
    case EVG_PRECISION_YEAR:
        return evg__days_from_civil(d->year + 1, 1, 1) * 86400;
    case EVG_PRECISION_MONTH:
        return d->month == 12 ? evg__days_from_civil(d->year + 1, 1, 1) * 86400
                              : evg__days_from_civil(d->year, d->month + 1u, 1) * 86400;
    case EVG_PRECISION_DAY:
        return evg_date_start(d) + 86400;
    case EVG_PRECISION_MINUTE:
        return evg_date_start(d) + 60;
    case EVG_PRECISION_SECOND:
        return evg_date_start(d) + 1;
    }
    return 0;
}

int evg_date_compare(const evg_date *a, const evg_date *b)
{
    int64_t sa = evg_date_start(a), sb = evg_date_start(b);
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (a->precision != b->precision)
        return a->precision < b->precision ? -1 : 1;
    return 0;
}

size_t evg_date_format(char *buf, size_t size, const evg_date *d)
{
    char text[EVG_DATE_TEXT_MAX];
    int n = 0;
    switch ((evg_precision)d->precision) {
    case EVG_PRECISION_NONE:
        break;
    case EVG_PRECISION_YEAR:
        n = snprintf(text, sizeof text, "%04d", d->year);
        break;
    case EVG_PRECISION_MONTH:
        n = snprintf(text, sizeof text, "%04d-%02d", d->year, d->month);
        break;
    case EVG_PRECISION_DAY:
        n = snprintf(text, sizeof text, "%04d-%02d-%02d", d->year, d->month, d->day);
        break;
    case EVG_PRECISION_MINUTE:
    case EVG_PRECISION_SECOND:
        n = snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d", d->year, d->month, d->day,
                     d->hour, d->minute);
        if (d->precision == EVG_PRECISION_SECOND)
            n += snprintf(text + n, sizeof text - (size_t)n, ":%02d", d->second);
        if (d->flags & EVG_DATE_HAS_ZONE) {
            int z = d->zone_minutes;
            if (z == 0)
                n += snprintf(text + n, sizeof text - (size_t)n, "Z");
            else
                n += snprintf(text + n, sizeof text - (size_t)n, "%c%02d:%02d", z < 0 ? '-' : '+',
                              (z < 0 ? -z : z) / 60, (z < 0 ? -z : z) % 60);
        }
        break;
    }
    unsigned both = EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN;
    if ((d->flags & both) == both)
        text[n++] = '%';
    else if (d->flags & EVG_DATE_APPROXIMATE)
        text[n++] = '~';
    else if (d->flags & EVG_DATE_UNCERTAIN)
        text[n++] = '?';
    text[n] = '\0';
    if (size > 0) {
        size_t copy = (size_t)n < size ? (size_t)n : size - 1;
        memcpy(buf, text, copy);
        buf[copy] = '\0';
    }
    return (size_t)n;
}
