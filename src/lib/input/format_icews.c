/* ICEWS event files (Harvard Dataverse): tab-separated with a header,
 * CAMEO codes, source and target names, the event text. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

static const evg__column_name icews_columns[] = {
    {C_ID, "Event ID", NULL, true},        {C_DATE, "Event Date", NULL, true},
    {C_ACTOR1, "Source Name", NULL, true}, {C_TITLE, "Event Text", NULL, false},
    {C_CODE, "CAMEO Code", NULL, true},    {C_ACTOR2, "Target Name", NULL, false},
    {C_SOURCE, "Publisher", NULL, false},  {C_CITY, "City", NULL, false},
    {C_PROVINCE, "Province", NULL, false}, {C_COUNTRY, "Country", NULL, false},
    {C_LAT, "Latitude", NULL, false},      {C_LON, "Longitude", NULL, false},
};

static bool icews_date(evg__import_file *f, evg__row *row)
{
    char q[EVG__EXCERPT_SIZE];
    value date_v = evg__import_column(f, row->fields, C_DATE);
    if (!evg__import_date(f, date_v, &row->date, row)) {
        evg__import_problem(f, true, date_v.offset, "invalid Event Date '%s' (expected YYYY-MM-DD)",
                            EVG__QUOTE(q, date_v));
        return false;
    }
    return true;
}

static bool icews_type(evg__import_file *f, evg__row *row, bool *bad)
{
    return evg__cameo_type(f, row, evg__import_column(f, row->fields, C_CODE), bad);
}

static bool icews_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    value place[3] = {evg__import_column(f, row->fields, C_CITY),
                      evg__import_column(f, row->fields, C_PROVINCE),
                      evg__import_column(f, row->fields, C_COUNTRY)};
    e->location = evg__import_join(f, place, 3, &failed);
    /* "Shoigu Make a visit Syria (Damascus)": the event text is CAMEO's verb. */
    value text = evg__import_column(f, row->fields, C_TITLE);
    char verb[200], city[120];
    evg__import_text(verb, sizeof verb, text, false);
    evg__import_text(city, sizeof city, evg__import_column(f, row->fields, C_CITY), false);
    e->title = evg__import_event_label(f, e, verb, city, &failed);
    e->source = evg__import_copy(f, evg__import_column(f, row->fields, C_SOURCE), &failed);
    return !failed;
}

const evg__format evg__format_icews = {
    .id = EVG_INPUT_ICEWS,
    .noun = "an ICEWS event file",
    .id_column = "Event ID",
    .delimiter = '\t',
    .columns = icews_columns,
    .column_count = sizeof icews_columns / sizeof icews_columns[0],
    .date = icews_date,
    .type = icews_type,
    .texts = icews_texts,
};
