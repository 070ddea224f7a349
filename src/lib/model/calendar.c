/* Month indices and floor division for the figures' calendars
 * (see date_int.h). */
#include "date_int.h"

int64_t evg__floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t evg__month_of_day(int64_t day)
{
    int64_t y;
    unsigned m, d;
    evg__civil_from_days(day, &y, &m, &d);
    return y * 12 + (int64_t)m - 1;
}

int64_t evg__day_of_month_index(int64_t k)
{
    return evg__days_from_civil(evg__floor_div(k, 12),
                                (unsigned)(k - evg__floor_div(k, 12) * 12) + 1, 1);
}
