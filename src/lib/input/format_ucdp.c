/* UCDP's Georeferenced Event Dataset (ucdp.uu.se, GED codebook): one row
 * per event with its two sides, a date range, and deaths (best estimate).
 * Date ranges become spans; `best` becomes the deaths. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

static const evg__column_name ucdp_columns[] = {
    {C_ID, "id", NULL, false},
    {C_DATE, "date_start", NULL, true},
    {C_ACTOR1, "side_a", NULL, true},
    {C_ACTOR2, "side_b", NULL, true},
    {C_END_DATE, "date_end", NULL, false},
    {C_KILLED, "best", "best|bestest", false},
    {C_VIOLENCE, "type_of_violence", NULL, false},
    {C_SOURCE, "source_office", NULL, false},
    {C_NOTES, "source_article", NULL, false},
    {C_LAT, "latitude", NULL, false},
    {C_LON, "longitude", NULL, false},
    {C_LOCATION, "where_coordinates", NULL, false},
    {C_ADMIN1, "adm_1", NULL, false},
    {C_COUNTRY, "country", NULL, false},
};

/* 1 state-based and 2 non-state conflict are fighting between two sides;
 * 3 one-sided violence is an attack on civilians. */
static bool ucdp_type(evg__import_file *f, evg__row *row, bool *bad)
{
    (void)bad;
    value v = evg__import_column(f, row->fields, C_VIOLENCE);
    const char *type = evg__value_is(v, "3") ? "attack" : v.len ? "armed-clash" : "other";
    char key[32];
    snprintf(key, sizeof key, "u\x1f%s", type);
    row->type = evg__import_cached(f, key);
    if (row->type)
        return true;
    value tag_v = {type, strlen(type), v.offset};
    evg__code_result result = {evg__import_model_type(f, type, v.offset),
                               evg__import_tag(f, "ucdp:", tag_v)};
    if (result.type == EVG_NO_INDEX || result.tags == NULL)
        return false;
    row->type = evg__import_remember(f, key, result);
    return row->type != NULL;
}

static int side_kind(value side)
{
    if (side.len >= 14 && strncasecmp(side.text, "Government of ", 14) == 0)
        return EVG_ACTOR_STATE;
    if (evg__value_is(side, "Civilians"))
        return EVG_ACTOR_OTHER;
    return EVG_ACTOR_ARMED_GROUP;
}

static void ucdp_actors(evg__import_file *f, evg__row *row)
{
    (void)f;
    row->kind1 = side_kind(row->actor1);
    row->kind2 = side_kind(row->actor2);
}

/* "Government of Syria vs. IS: 12 deaths (Aleppo town)". */
static bool ucdp_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    value violence = evg__import_column(f, row->fields, C_VIOLENCE);
    e->undirected = !evg__value_is(violence, "3");
    value place[3] = {evg__import_column(f, row->fields, C_LOCATION),
                      evg__import_column(f, row->fields, C_ADMIN1),
                      evg__import_column(f, row->fields, C_COUNTRY)};
    e->location = evg__import_join(f, place, 3, &failed);
    e->source = evg__import_copy(f, evg__import_column(f, row->fields, C_SOURCE), &failed);
    e->description = evg__import_copy(f, evg__import_column(f, row->fields, C_NOTES), &failed);
    char deaths[48] = "";
    if (e->killed >= 0)
        snprintf(deaths, sizeof deaths, ": %lld death%s", (long long)e->killed,
                 e->killed == 1 ? "" : "s");
    char label[300];
    const char *target = e->target_count ? f->m->actors[e->targets[0]].name : NULL;
    snprintf(label, sizeof label, "%s%s%s%s", f->m->actors[e->actor].name,
             target ? (e->undirected ? " vs. " : " against ") : "", target ? target : "", deaths);
    e->title = evg__import_label(f, label, NULL, NULL, NULL, &failed);
    return !failed;
}

const evg__format evg__format_ucdp = {
    .id = EVG_INPUT_UCDP,
    .noun = "a UCDP GED file",
    .id_column = "id",
    .delimiter = ',',
    .quoting = true,
    .undirected = true,
    .columns = ucdp_columns,
    .column_count = sizeof ucdp_columns / sizeof ucdp_columns[0],
    .type = ucdp_type,
    .actors = ucdp_actors,
    .texts = ucdp_texts,
};
