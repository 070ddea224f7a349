/* GDELT event files (gdeltproject.org): tab-separated, no header, the
 * columns known by position, 57 or 58 of them in GDELT 1.0 and 61 in 2.0. */
#define _POSIX_C_SOURCE 200809L

#include "format_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef evg__value value;

/* GDELT's columns by position (0-based): 1.0 (57 columns, 58 with
 * SOURCEURL from April 2013) and 2.0 (61: ADM2 codes added to each
 * geography). */
static const struct {
    int column;
    int v1, v2;
} gdelt_columns[] = {
    {C_ID, 0, 0},            /* GLOBALEVENTID */
    {C_DATE, 1, 1},          /* SQLDATE */
    {C_ACTOR1_CODE, 5, 5},   /* Actor1Code */
    {C_ACTOR1, 6, 6},        /* Actor1Name */
    {C_ACTOR1_TYPE, 12, 12}, /* Actor1Type1Code */
    {C_ACTOR2_CODE, 15, 15}, /* Actor2Code */
    {C_ACTOR2, 16, 16},      /* Actor2Name */
    {C_ACTOR2_TYPE, 22, 22}, /* Actor2Type1Code */
    {C_ROOT, 25, 25},        /* IsRootEvent */
    {C_CODE, 26, 26},        /* EventCode */
    {C_MENTIONS, 31, 31},    /* NumMentions */
    {C_LOCATION, 50, 52},    /* ActionGeo_FullName */
    {C_LAT, 53, 56},         /* ActionGeo_Lat */
    {C_LON, 54, 57},         /* ActionGeo_Long */
    {C_URL, 57, 60},         /* SOURCEURL (not in 57-column files) */
};

/* The same columns by their BigQuery names, as a header row gives them
 * (also renamed: Global_Event_ID, Actor_1_Name, any case). */
static const evg__column_name gdelt_names[] = {
    {C_ID, "GLOBALEVENTID", NULL, true},
    {C_DATE, "SQLDATE", "sqldate|day|date", true},
    {C_CODE, "EventCode", NULL, true},
    {C_ACTOR1_CODE, "Actor1Code", NULL, false},
    {C_ACTOR1, "Actor1Name", NULL, false},
    {C_ACTOR1_TYPE, "Actor1Type1Code", NULL, false},
    {C_ACTOR2_CODE, "Actor2Code", NULL, false},
    {C_ACTOR2, "Actor2Name", NULL, false},
    {C_ACTOR2_TYPE, "Actor2Type1Code", NULL, false},
    {C_ROOT, "IsRootEvent", NULL, false},
    {C_MENTIONS, "NumMentions", NULL, false},
    {C_LOCATION, "ActionGeo_FullName", NULL, false},
    {C_LAT, "ActionGeo_Lat", NULL, false},
    {C_LON, "ActionGeo_Long", NULL, false},
    {C_URL, "SOURCEURL", NULL, false},
};

/* Sets the columns for rows of `n` fields: 57 and 58 (GDELT 1.0, before
 * and after SOURCEURL was added) and 61 (2.0) may be mixed in one file,
 * as the historical back-files and the daily files are. */
static int gdelt_layout(evg__import_file *f, size_t n)
{
    if (n != 57 && n != 58 && n != 61) {
        if (f->fields == 0)
            evg__csv_report(f->file, EVG_SEVERITY_ERROR, 0,
                            "not a GDELT event file: its first row has %zu tab-separated "
                            "field%s (GDELT 1.0 has 57 or 58, GDELT 2.0 has 61)",
                            n, n == 1 ? "" : "s");
        return EVG_EINVAL;
    }
    for (size_t i = 0; i < sizeof gdelt_columns / sizeof gdelt_columns[0]; i++) {
        int pos = n == 61 ? gdelt_columns[i].v2 : gdelt_columns[i].v1;
        f->position[gdelt_columns[i].column] = (size_t)pos < n ? pos : -1;
    }
    f->fields = n;
    return 0;
}

/* GDELT's filters: most rows of a daily file fall to them. */
static bool gdelt_skip(evg__import_file *f, const evg__csv_field *fields, bool *bad)
{
    char q[EVG__EXCERPT_SIZE];
    value root = evg__import_column(f, fields, C_ROOT);
    if (!f->im->include_non_root && evg__value_is(root, "0")) {
        f->skipped_root++;
        return true;
    }
    value mentions_v = evg__import_column(f, fields, C_MENTIONS);
    int64_t mentions = 0;
    if (f->im->min_mentions) {
        if (!evg__parse_whole(mentions_v, &mentions)) {
            evg__import_problem(f, true, mentions_v.offset,
                                "NumMentions '%s' is not a whole number",
                                EVG__QUOTE(q, mentions_v));
            *bad = true;
            return true;
        }
        if ((uint64_t)mentions < f->im->min_mentions) {
            f->skipped_mentions++;
            return true;
        }
    }
    return false;
}

static bool gdelt_date(evg__import_file *f, evg__row *row)
{
    char q[EVG__EXCERPT_SIZE];
    value date_v = evg__import_column(f, row->fields, C_DATE);
    int64_t n;
    if (date_v.len != 8 || !evg__parse_whole(date_v, &n) ||
        !evg__iso_day(&row->date, (int)(n / 10000), (int)(n / 100 % 100), (int)(n % 100))) {
        evg__import_problem(f, true, date_v.offset, "invalid SQLDATE '%s' (expected YYYYMMDD)",
                            EVG__QUOTE(q, date_v));
        return false;
    }
    return true;
}

static bool gdelt_type(evg__import_file *f, evg__row *row, bool *bad)
{
    return evg__cameo_type(f, row, evg__import_column(f, row->fields, C_CODE), bad);
}

/* GDELT's Actor1Type1Code, or a bare country code. */
static int gdelt_kind(value code, value type)
{
    static const char *const states[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"};
    static const char *const armed[] = {"REB", "INS", "SEP", "UAF"};
    static const char *const orgs[] = {"IGO", "NGO", "NGM", "BUS", "MED",
                                       "EDU", "MNC", "PTY", "LAB", "HLH"};
    for (size_t i = 0; i < 6; i++)
        if (evg__value_is(type, states[i]))
            return EVG_ACTOR_STATE;
    for (size_t i = 0; i < 4; i++)
        if (evg__value_is(type, armed[i]))
            return EVG_ACTOR_ARMED_GROUP;
    for (size_t i = 0; i < 10; i++)
        if (evg__value_is(type, orgs[i]))
            return EVG_ACTOR_ORGANIZATION;
    if (type.len == 0 && code.len == 3)
        return EVG_ACTOR_STATE;
    return EVG_ACTOR_OTHER;
}

static void gdelt_actors(evg__import_file *f, evg__row *row)
{
    value code1 = evg__import_column(f, row->fields, C_ACTOR1_CODE);
    value code2 = evg__import_column(f, row->fields, C_ACTOR2_CODE);
    row->kind1 = gdelt_kind(code1, evg__import_column(f, row->fields, C_ACTOR1_TYPE));
    row->kind2 = gdelt_kind(code2, evg__import_column(f, row->fields, C_ACTOR2_TYPE));
    if (row->actor1.len == 0)
        row->actor1 = code1;
    if (row->actor2.len == 0)
        row->actor2 = code2;
}

/* The host of a URL, without "www.", as the event's source. */
static value url_host(value url)
{
    value host = {"", 0, url.offset};
    const char *p = memchr(url.text, ':', url.len);
    if (p == NULL || (size_t)(url.text + url.len - p) < 3 || p[1] != '/' || p[2] != '/')
        return host;
    p += 3;
    const char *end = url.text + url.len;
    host.text = p;
    while (p < end && *p != '/' && *p != '?' && *p != '#' && *p != ':')
        p++;
    host.len = (size_t)(p - host.text);
    if (host.len > 4 && strncasecmp(host.text, "www.", 4) == 0)
        host.text += 4, host.len -= 4;
    return host;
}

/* "RUSSIA Make a visit SYRIA (Damascus, Dimashq, Syria)". */
static bool gdelt_texts(evg__import_file *f, const evg__row *row, evg_event *e)
{
    bool failed = false;
    value url = evg__import_column(f, row->fields, C_URL);
    e->location = evg__import_copy(f, evg__import_column(f, row->fields, C_LOCATION), &failed);
    e->url = evg__import_copy(f, url, &failed);
    e->source = evg__import_copy(f, url_host(url), &failed);
    char code[5] = "";
    if (row->code.len < sizeof code)
        memcpy(code, row->code.text, row->code.len), code[row->code.len] = '\0';
    if (row->type && row->type->tags && strncmp(row->type->tags[0], "cameo:", 6) == 0)
        snprintf(code, sizeof code, "%s", row->type->tags[0] + 6);
    e->title = evg__import_event_label(f, e, evg__cameo_verb(code), e->location, &failed);
    return !failed;
}

const evg__format evg__format_gdelt = {
    .id = EVG_INPUT_GDELT,
    .noun = "a GDELT event file",
    .id_column = "GLOBALEVENTID",
    .delimiter = '\t',
    .columns = gdelt_names,
    .column_count = sizeof gdelt_names / sizeof gdelt_names[0],
    .layout = gdelt_layout,
    .skip = gdelt_skip,
    .date = gdelt_date,
    .type = gdelt_type,
    .actors = gdelt_actors,
    .texts = gdelt_texts,
};
