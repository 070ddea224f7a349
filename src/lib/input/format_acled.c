/* ACLED exports (acleddata.com): one row per event, a header naming
 * event_id_cnty, event_date, actor1, actor2, the event and sub-event types,
 * the inter codes of the two sides, the place and the notes. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

typedef evg__code_type code_type;

/* ACLED sub-event types (2019 taxonomy) and event types (2019 and the older
 * one), compared without regard to case. A sub-event type, being the more
 * specific, wins over its event type. */
static const code_type acled_types[] = {
    /* Battles */
    {"armed clash", "armed-clash"},
    {"government regains territory", "armed-clash"},
    {"non-state actor overtakes territory", "armed-clash"},
    /* Explosions/Remote violence */
    {"air/drone strike", "airstrike"},
    {"shelling/artillery/missile attack", "shelling"},
    {"chemical weapon", "attack"},
    {"suicide bomb", "attack"},
    {"remote explosive/landmine/ied", "attack"},
    {"grenade", "attack"},
    /* Violence against civilians */
    {"attack", "attack"},
    {"sexual violence", "attack"},
    {"abduction/forced disappearance", "attack"},
    /* Protests and riots */
    {"peaceful protest", "protest"},
    {"protest with intervention", "protest"},
    {"excessive force against protesters", "use-of-force"},
    {"violent demonstration", "riot"},
    {"mob violence", "riot"},
    /* Strategic developments */
    {"agreement", "agreement"},
    {"looting/property destruction", "attack"},
    {"arrests", "other"},
    {"change to group/activity", "other"},
    {"disrupted weapons use", "other"},
    {"headquarters or base established", "other"},
    {"non-violent transfer of territory", "other"},
    {"other", "other"},
    /* Event types */
    {"battles", "armed-clash"},
    {"explosions/remote violence", "attack"},
    {"violence against civilians", "attack"},
    {"protests", "protest"},
    {"riots", "riot"},
    {"strategic developments", "other"},
    /* Event types before 2019 */
    {"battle-no change of territory", "armed-clash"},
    {"battle-government regains territory", "armed-clash"},
    {"battle-non-state actor overtakes territory", "armed-clash"},
    {"remote violence", "attack"},
    {"riots/protests", "protest"},
    {"strategic development", "other"},
};

static const evg__column_name acled_columns[] = {
    {C_ID, "event_id_cnty", NULL, true},
    {C_DATE, "event_date", NULL, true},
    {C_PRECISION, "time_precision", NULL, false},
    {C_EVENT_TYPE, "event_type", NULL, true},
    {C_SUB_TYPE, "sub_event_type", NULL, false},
    {C_ACTOR1, "actor1", NULL, true},
    {C_ASSOC1, "assoc_actor_1", "assocactor1|allyactor1", false},
    {C_INTER1, "inter1", NULL, false},
    {C_ACTOR2, "actor2", NULL, false},
    {C_ASSOC2, "assoc_actor_2", "assocactor2|allyactor2", false},
    {C_INTER2, "inter2", NULL, false},
    {C_LOCATION, "location", NULL, false},
    {C_ADMIN1, "admin1", NULL, false},
    {C_LAT, "latitude", NULL, false},
    {C_LON, "longitude", NULL, false},
    {C_KILLED, "fatalities", NULL, false},
    {C_NOTES, "notes", NULL, false},
    {C_SOURCE, "source", NULL, false},
};

static bool acled_row_date(evg__import_file *f, evg__row *row)
{
    char q[EVG__EXCERPT_SIZE];
    value date_v = evg__import_column(f, row->fields, C_DATE);
    if (!evg__import_date(f, date_v, &row->date, row)) {
        evg__import_problem(f, true, date_v.offset,
                            "invalid ACLED event_date '%s' (expected 2016-08-15, 15 August "
                            "2016, 15-Aug-2016, 15/08/2016 or 8/15/2016)",
                            EVG__QUOTE(q, date_v));
        return false;
    }
    value precision = evg__import_column(f, row->fields, C_PRECISION);
    if (precision.len == 0 || evg__value_is(precision, "1")) {
        /* day, as written */
    } else if (evg__value_is(precision, "2")) {
        row->date.flags |= EVG_DATE_APPROXIMATE; /* within the week: no EDTF week */
    } else if (evg__value_is(precision, "3") && !row->date_pending) {
        row->date.precision = EVG_PRECISION_MONTH;
        row->date.day = 0;
    } else if (!evg__value_is(precision, "3")) {
        evg__import_problem(f, false, precision.offset,
                            "time_precision '%s' is not 1 (day), 2 (week) or 3 (month)",
                            EVG__QUOTE(q, precision));
    }
    return true;
}

/* The type of an ACLED row; NULL when memory ran out. */
static const evg__code_result *acled_type(evg__import_file *f, value event_type, value sub_type)
{
    evg__importer *im = f->im;
    char key[512], lower_sub[240], lower_event[240];
    if (!evg__value_lower(lower_sub, sizeof lower_sub, sub_type))
        lower_sub[0] = '\0';
    if (!evg__value_lower(lower_event, sizeof lower_event, event_type))
        lower_event[0] = '\0';
    snprintf(key, sizeof key, "a\x1f%s\x1f%s", lower_sub, lower_event);
    uint32_t cached = evg__strmap_get(&im->codes, key);
    if (cached != EVG_NO_INDEX)
        return &im->results[cached];
    /* The more specific sub-event type first; the user's map first at
     * each level. */
    const char *type = NULL;
    const char *levels[2] = {lower_sub, lower_event};
    for (int l = 0; l < 2 && type == NULL; l++) {
        if (levels[l][0] == '\0')
            continue;
        char map_key[260];
        snprintf(map_key, sizeof map_key, "acled\x1f%s", levels[l]);
        uint32_t mapped = evg__strmap_get(&im->type_map, map_key);
        type = mapped != EVG_NO_INDEX
                   ? im->map_types[mapped]
                   : evg__code_lookup(acled_types, sizeof acled_types / sizeof acled_types[0],
                                      levels[l]);
    }
    value shown = sub_type.len ? sub_type : event_type;
    if (type == NULL) {
        char q[EVG__EXCERPT_SIZE], q2[EVG__EXCERPT_SIZE];
        evg__csv_report(f->file, EVG_SEVERITY_WARNING, shown.offset,
                        "unknown ACLED event type '%s' (sub-event type '%s'): read as 'other'; "
                        "map it in a --type-map file",
                        EVG__QUOTE(q, event_type), EVG__QUOTE(q2, sub_type));
        type = "other";
    }
    evg__code_result result = {evg__import_model_type(f, type, shown.offset),
                               evg__import_tag(f, "acled:", shown)};
    if (result.type == EVG_NO_INDEX || result.tags == NULL)
        return NULL;
    return evg__import_remember(f, key, result);
}

static bool acled_row_type(evg__import_file *f, evg__row *row, bool *bad)
{
    value event_type = evg__import_column(f, row->fields, C_EVENT_TYPE);
    if (event_type.len == 0) {
        evg__import_problem(f, true, event_type.offset, "missing event_type");
        *bad = true;
        return false;
    }
    row->type = acled_type(f, event_type, evg__import_column(f, row->fields, C_SUB_TYPE));
    return row->type != NULL;
}

/* ACLED's inter codes (1-8, or their names in newer exports). */
static int acled_kind(value inter)
{
    if (inter.len == 0)
        return EVG_ACTOR_OTHER;
    if (evg__value_is(inter, "1") || (inter.len >= 5 && strncasecmp(inter.text, "state", 5) == 0))
        return EVG_ACTOR_STATE;
    if (evg__value_is(inter, "2") || evg__value_is(inter, "3") || evg__value_is(inter, "4") ||
        (inter.len >= 5 && strncasecmp(inter.text, "rebel", 5) == 0) ||
        (inter.len >= 16 && strncasecmp(inter.text, "political militi", 16) == 0) ||
        (inter.len >= 16 && strncasecmp(inter.text, "identity militia", 16) == 0))
        return EVG_ACTOR_ARMED_GROUP;
    return EVG_ACTOR_OTHER;
}

static void acled_actors(evg__import_file *f, evg__row *row)
{
    row->kind1 = acled_kind(evg__import_column(f, row->fields, C_INTER1));
    row->kind2 = acled_kind(evg__import_column(f, row->fields, C_INTER2));
}

static bool acled_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    value place[2] = {evg__import_column(f, row->fields, C_LOCATION),
                      evg__import_column(f, row->fields, C_ADMIN1)};
    if (place[0].len == place[1].len &&
        strncasecmp(place[0].text, place[1].text, place[0].len) == 0)
        place[1].len = 0; /* a provincial capital named like its province */
    e->location = evg__import_join(f, place, 2, &failed);
    value notes = evg__import_column(f, row->fields, C_NOTES);
    e->description = evg__import_copy(f, notes, &failed);
    e->source = evg__import_copy(f, evg__import_column(f, row->fields, C_SOURCE), &failed);
    /* The notes' first sentence, else "Armed clash (Taizz)". */
    e->title = evg__import_sentence(f, notes, 90, &failed);
    if (e->title == NULL && !failed) {
        value kind = evg__import_column(f, row->fields, C_SUB_TYPE);
        if (kind.len == 0)
            kind = evg__import_column(f, row->fields, C_EVENT_TYPE);
        char text[200];
        evg__import_text(text, sizeof text, kind, false);
        e->title = evg__import_label(f, text, NULL, NULL, e->location, &failed);
    }
    return !failed;
}

const evg__format evg__format_acled = {
    .id = EVG_INPUT_ACLED,
    .noun = "an ACLED export",
    .id_column = "event_id_cnty",
    .delimiter = ',',
    .quoting = true,
    .undirected = true,
    .columns = acled_columns,
    .column_count = sizeof acled_columns / sizeof acled_columns[0],
    .date = acled_row_date,
    .type = acled_row_type,
    .actors = acled_actors,
    .texts = acled_texts,
};
