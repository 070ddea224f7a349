/* The date parser: every accepted form keeps its precision and flags; every
 * malformed form is refused; start/end bounds follow the precision. */
#include <evgraph/date.h>
#include <evgraph/diag.h>

#include "check.h"

static evg_date parse_ok(const char *text)
{
    evg_date d;
    int rc = evg_date_parse(&d, text, strlen(text));
    if (rc != 0) {
        fprintf(stderr, "refused '%s'\n", text);
        check_failures++;
    }
    return d;
}

static void check_round_trip(const char *text, const char *canonical)
{
    evg_date d = parse_ok(text);
    char buf[EVG_DATE_TEXT_MAX];
    evg_date_format(buf, sizeof buf, &d);
    CHECK_STR(buf, canonical);
}

static void check_refused(const char *text)
{
    evg_date d;
    if (evg_date_parse(&d, text, strlen(text)) != EVG_EINVAL) {
        fprintf(stderr, "accepted '%s'\n", text);
        check_failures++;
    }
}

int main(void)
{
    evg_date d = parse_ok("2016");
    CHECK_INT(d.precision, EVG_PRECISION_YEAR);
    CHECK_INT(d.year, 2016);
    CHECK_INT(d.month, 0);

    d = parse_ok("2016-09");
    CHECK_INT(d.precision, EVG_PRECISION_MONTH);
    CHECK_INT(d.month, 9);
    CHECK_INT(d.day, 0); /* month precision is not silently the 1st */

    d = parse_ok("2016-02-27");
    CHECK_INT(d.precision, EVG_PRECISION_DAY);
    CHECK_INT(d.day, 27);
    CHECK_INT(d.flags, 0);

    d = parse_ok("2016-09-12T18:30");
    CHECK_INT(d.precision, EVG_PRECISION_MINUTE);
    CHECK_INT(d.hour, 18);
    CHECK_INT(d.minute, 30);

    d = parse_ok("2016-09-12T18:30:05Z");
    CHECK_INT(d.precision, EVG_PRECISION_SECOND);
    CHECK_INT(d.second, 5);
    CHECK(d.flags & EVG_DATE_HAS_ZONE);
    CHECK_INT(d.zone_minutes, 0);

    d = parse_ok("2016-09-12T18:30+03:00");
    CHECK_INT(d.zone_minutes, 180);
    /* 18:30 at +03:00 is 15:30 UTC. */
    CHECK_INT(evg_date_start(&d), 1473638400 + 18 * 3600 + 30 * 60 - 3 * 3600);

    d = parse_ok("2016-06~");
    CHECK_INT(d.precision, EVG_PRECISION_MONTH);
    CHECK(d.flags & EVG_DATE_APPROXIMATE);
    CHECK(!(d.flags & EVG_DATE_UNCERTAIN));

    d = parse_ok("2016-08-14?");
    CHECK(d.flags & EVG_DATE_UNCERTAIN);
    d = parse_ok("2016%");
    CHECK((d.flags & (EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN)) ==
          (EVG_DATE_APPROXIMATE | EVG_DATE_UNCERTAIN));

    parse_ok("2016-02-29"); /* leap year */
    parse_ok("2000-02-29");
    parse_ok("2016-09-12 18:30"); /* spreadsheets write a space */

    check_round_trip("2016", "2016");
    check_round_trip("2016-09", "2016-09");
    check_round_trip("2016-09-12", "2016-09-12");
    check_round_trip("2016-09-12T18:30", "2016-09-12T18:30");
    check_round_trip("2016-09-12 18:30:01", "2016-09-12T18:30:01");
    check_round_trip("2016-09-12T18:30-05:30", "2016-09-12T18:30-05:30");
    check_round_trip("2016-09-12T18:30Z", "2016-09-12T18:30Z");
    check_round_trip("2016-06~", "2016-06~");
    check_round_trip("2016-06-18?", "2016-06-18?");
    check_round_trip("2016%", "2016%");

    const char *bad[] = {"",           "16",          "2016-",        "2016-13",
                         "2016-00",    "2016-1",      "2016-02-30",   "2015-02-29",
                         "1900-02-29", "2016-09-31",  "2016-09-12T",  "2016-09-12T24:00",
                         "2016-09-12T18:60", "2016-09-12T18", "2016-09-12T18:30+3",
                         "2016-09-12T18:30+15:00", "0000", "2016~~", "2016?~", " 2016",
                         "2016 ",      "12/09/2016",  "2016-09-12x", "2016-W37",
                         "２０１６"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_refused(bad[i]);

    /* Bounds follow the precision. */
    d = parse_ok("1970-01-01");
    CHECK_INT(evg_date_start(&d), 0);
    CHECK_INT(evg_date_end(&d), 86400);
    d = parse_ok("2016-02");
    CHECK_INT(evg_date_end(&d) - evg_date_start(&d), 29 * 86400);
    d = parse_ok("2016-12");
    evg_date next_year = parse_ok("2017");
    CHECK_INT(evg_date_end(&d), evg_date_start(&next_year));
    d = parse_ok("2016");
    CHECK_INT(evg_date_end(&d) - evg_date_start(&d), 366 * 86400);
    d = parse_ok("2016-09-12T18:30");
    CHECK_INT(evg_date_end(&d) - evg_date_start(&d), 60);
    d = parse_ok("1969-12-31");
    CHECK_INT(evg_date_start(&d), -86400);

    /* Ordering: by start, coarser first at the same start. */
    evg_date month = parse_ok("2016-09"), day = parse_ok("2016-09-01");
    evg_date later = parse_ok("2016-09-02");
    CHECK(evg_date_compare(&month, &day) < 0);
    CHECK(evg_date_compare(&day, &later) < 0);
    CHECK(evg_date_compare(&later, &month) > 0);
    CHECK_INT(evg_date_compare(&day, &day), 0);

    /* A short buffer is cut but terminated; the needed length is returned. */
    char small[5];
    d = parse_ok("2016-09-12");
    CHECK_INT(evg_date_format(small, sizeof small, &d), 10);
    CHECK_STR(small, "2016");

    CHECK_DONE();
}
