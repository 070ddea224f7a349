/* Tables that are not an agency's export: sender/action/receiver tables,
 * the four-column subject/relation/object/date form of ICEWS used in
 * temporal-knowledge-graph research (ICEWS14, ICEWS05-15), and any table
 * whose columns --columns names. Their type values are the user's words:
 * a known type where one matches, else a type of their own. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <string.h>

typedef evg__value value;

static bool table_type(evg__import_file *f, evg__row *row, bool *bad)
{
    (void)bad;
    row->type = evg__import_free_type(f, evg__import_column(f, row->fields, C_TYPE));
    return row->type != NULL;
}

/* An action that is a CAMEO verb ("Make statement", "Make_a_visit") or
 * code takes CAMEO's type; any other becomes a type of its own. */
static bool action_type(evg__import_file *f, evg__row *row, bool *bad)
{
    value action = evg__import_column(f, row->fields, C_TYPE);
    const char *code = evg__cameo_code_of(action);
    if (code == NULL)
        return table_type(f, row, bad);
    value code_v = {code, strlen(code), action.offset};
    return evg__cameo_type(f, row, code_v, bad);
}

/* The title column, else "Sender action Receiver". */
static bool table_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    const evg__csv_field *fields = row->fields;
    e->location = evg__import_copy(f, evg__import_column(f, fields, C_LOCATION), &failed);
    e->description = evg__import_copy(f, evg__import_column(f, fields, C_NOTES), &failed);
    e->source = evg__import_copy(f, evg__import_column(f, fields, C_SOURCE), &failed);
    e->url = evg__import_copy(f, evg__import_column(f, fields, C_URL), &failed);
    e->title = evg__import_copy(f, evg__import_column(f, fields, C_TITLE), &failed);
    if (e->title == NULL && !failed) {
        char verb[200];
        evg__import_text(verb, sizeof verb, evg__import_column(f, fields, C_TYPE), true);
        e->title = evg__import_event_label(f, e, verb, e->location, &failed);
    }
    return !failed;
}

static const evg__column_name sar_columns[] = {
    {C_ACTOR1, "SenderActor", "senderactor|sender|senderactorname|sendername", true},
    {C_TYPE, "Action", "action|actiontype", true},
    {C_ACTOR2, "ReceiverActor", "receiveractor|receiver|receiveractorname|receivername", true},
    {C_DATE, "Date", "date|eventdate|actiondate", true},
    {C_ID, "ID", "id|eventid", false},
    {C_END_DATE, "EndDate", "enddate", false},
    {C_LOCATION, "Location", "location|place", false},
    {C_LAT, "Latitude", "latitude|lat", false},
    {C_LON, "Longitude", "longitude|lon|lng|long", false},
    {C_TITLE, "Title", "title|headline", false},
    {C_NOTES, "Description", "description|notes|text", false},
    {C_SOURCE, "Source", "source|publisher", false},
    {C_URL, "URL", "url|link|sourceurl", false},
    {C_KILLED, "Killed", "killed|fatalities|deaths", false},
    {C_WEIGHT, "Count", "count|weight|events|n", false},
};

const evg__format evg__format_sar = {
    .id = EVG_INPUT_SAR,
    .noun = "a sender/action/receiver table",
    .id_column = "ID",
    .delimiter = ',',
    .quoting = true,
    .columns = sar_columns,
    .column_count = sizeof sar_columns / sizeof sar_columns[0],
    .type = action_type,
    .texts = table_texts,
};

/* --columns names every column itself (import.c, map_columns). */
static const evg__column_name no_columns[] = {{C_DATE, "date", NULL, false}};

const evg__format evg__format_table = {
    .id = EVG_INPUT_TABLE,
    .noun = "a table read through --columns",
    .id_column = "id",
    .delimiter = ',',
    .quoting = true,
    .columns = no_columns,
    .column_count = 0,
    .type = table_type,
    .texts = table_texts,
};

/* subject, relation, object, date: four tab-separated fields, no header. */
static int icews4_layout(evg__import_file *f, size_t n)
{
    if (n != 4) {
        if (f->fields == 0)
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, 0,
                            "not a four-column ICEWS file: its first row has %zu field%s "
                            "(subject, relation, object and date are 4)",
                            n, n == 1 ? "" : "s");
        return EVG_EINVAL;
    }
    f->position[C_ACTOR1] = 0;
    f->position[C_TYPE] = 1;
    f->position[C_ACTOR2] = 2;
    f->position[C_DATE] = 3;
    f->fields = 4;
    return 0;
}

const evg__format evg__format_icews4 = {
    .id = EVG_INPUT_ICEWS4,
    .noun = "a four-column ICEWS file",
    .id_column = "id",
    .delimiter = '\t',
    .layout = icews4_layout,
    .type = action_type,
    .texts = table_texts,
};
