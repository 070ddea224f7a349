/* Calendar arithmetic shared by the library's files. */
#ifndef EVG_DATE_INT_H
#define EVG_DATE_INT_H

#include <stdint.h>

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's
 * days_from_civil and civil_from_days; timegm is not in strict C11). */
int64_t evg__days_from_civil(int64_t year, unsigned month, unsigned day);
void evg__civil_from_days(int64_t days, int64_t *year, unsigned *month, unsigned *day);

#endif
