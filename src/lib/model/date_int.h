/* Calendar arithmetic shared by the library's files. */
#ifndef EVG_DATE_INT_H
#define EVG_DATE_INT_H

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

#endif
