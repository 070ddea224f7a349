/* Phoenix event data (Open Event Data Alliance): machine-coded CAMEO
 * events with source and target actor codes, a YYYYMMDD date, a place,
 * and the stories' URLs. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <string.h>

typedef evg__value value;

static const evg__column_name phoenix_columns[] = {
    {C_ACTOR1, "SourceActorFull", NULL, true},
    {C_CODE, "EventCode", NULL, true},
    {C_DATE, "Date", "date|storydate", true},
    {C_ID, "EventID", "eventid|aid", false},
    {C_ACTOR2, "TargetActorFull", NULL, false},
    {C_LAT, "Lat", "lat|latitude", false},
    {C_LON, "Lon", "lon|longitude", false},
    {C_LOCATION, "LocationName", "locationname|placename", false},
    {C_URL, "URLs", "urls|url", false},
    {C_SOURCE, "NewsSources", "newssources|source", false},
};

static bool phoenix_type(evg__import_file *f, evg__row *row, bool *bad)
{
    return evg__cameo_type(f, row, evg__import_column(f, row->fields, C_CODE), bad);
}

/* "USAGOV Make a visit RUSGOV (Moscow)". URLs may be a ';' list: the
 * first is kept. */
static bool phoenix_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    value url = evg__import_column(f, row->fields, C_URL);
    const char *semi = memchr(url.text, ';', url.len);
    if (semi)
        url.len = (size_t)(semi - url.text);
    e->url = evg__import_copy(f, url, &failed);
    e->location = evg__import_copy(f, evg__import_column(f, row->fields, C_LOCATION), &failed);
    e->source = evg__import_copy(f, evg__import_column(f, row->fields, C_SOURCE), &failed);
    const char *code = row->type && row->type->tags ? row->type->tags[0] + 6 : "";
    e->title = evg__import_event_label(f, e, evg__cameo_verb(code), e->location, &failed);
    return !failed;
}

const evg__format evg__format_phoenix = {
    .id = EVG_INPUT_PHOENIX,
    .noun = "a Phoenix event file",
    .id_column = "EventID",
    .delimiter = ',',
    .quoting = true,
    .columns = phoenix_columns,
    .column_count = sizeof phoenix_columns / sizeof phoenix_columns[0],
    .type = phoenix_type,
    .texts = phoenix_texts,
};
