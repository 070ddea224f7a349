/* Calendar arithmetic shared by the library's files. */
#ifndef EVG_DATE_INT_H
#define EVG_DATE_INT_H

#include <evgraph/date.h>

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's
 * days_from_civil and civil_from_days; timegm is not in strict C11). */
int64_t evg__days_from_civil(int64_t year, unsigned month, unsigned day);
void evg__civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

/* a / b rounded toward minus infinity (b != 0). */
int64_t evg__floor_div(int64_t a, int64_t b);

/* The month index year * 12 + month - 1 of a day since 1970-01-01, and the
 * day on which month index k starts. */
int64_t evg__month_of_day(int64_t day);
int64_t evg__day_of_month_index(int64_t k);

/* Whether two dates are the same instant at the same precision (their
 * EDTF flags aside): events come sorted by date, so passes over them work
 * a date's instants out once for the events that share it. */
static inline bool evg__same_instant(const evg_date *a, const evg_date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
           a->precision == b->precision && a->zone_minutes == b->zone_minutes;
}

#endif
