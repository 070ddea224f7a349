/* Imports: ACLED (2019, API and old column names, every date form), GDELT
 * 1.0 and 2.0, ICEWS, Windows-1252 text, the type and actor maps, detection
 * and forced formats, and the values an export can get wrong. */
#define _POSIX_C_SOURCE 200809L

#include <evgraph/evgraph.h>

#include "load_check.h"

#include <stdlib.h>
#include <unistd.h>


static void test_acled_2019(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "acled_2019.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 6);

    const evg_event *e = event(m, "SYR10001");
    CHECK_STR(date_text(&e->date), "2016-08-15");
    CHECK_INT(e->date.precision, EVG_PRECISION_DAY);
    CHECK_STR(type_of(m, e), "attack");
    CHECK_STR(actor_name(m, e->actor), "Unidentified Armed Group (Syria)");
    CHECK_INT(e->target_count, 3);
    if (e->target_count == 3) {
        CHECK_STR(actor_name(m, e->targets[0]), "Jaish al Fateh");
        CHECK_STR(actor_name(m, e->targets[1]), "Ahrar al Sham");
        CHECK_STR(actor_name(m, e->targets[2]), "Faylaq al Sham");
    }
    CHECK(e->undirected);
    CHECK_INT(e->killed, 25);
    CHECK_STR(e->location, "Atmeh, Idleb");
    CHECK(e->has_position && e->latitude > 36.38 && e->longitude < 36.69);
    CHECK_STR(e->description,
              "A suicide bomber hit a bus near Atmeh, killing 25, \"mostly fighters\".");
    CHECK_STR(e->source, "IBTimes");
    CHECK_INT(e->tag_count, 1);
    if (e->tag_count)
        CHECK_STR(e->tags[0], "acled:Suicide bomb");

    e = event(m, "SYR10002");
    CHECK_STR(type_of(m, e), "airstrike");
    CHECK_STR(actor_name(m, e->actor), "Military Forces of Russia (2000-)");
    CHECK_INT(e->ally_count, 1);
    if (e->ally_count)
        CHECK_STR(actor_name(m, e->allies[0]), "Military Forces of Syria (2000-)");
    CHECK_INT(e->killed, 12);
    CHECK_STR(e->location, "Aleppo"); /* admin1 named like the location is not repeated */

    e = event(m, "SYR10003"); /* time_precision 2: within the week */
    CHECK_STR(type_of(m, e), "shelling");
    CHECK_STR(date_text(&e->date), "2016-08-20~");
    CHECK_INT(e->killed, 0);

    e = event(m, "SYR10004"); /* time_precision 3: the month */
    CHECK_STR(type_of(m, e), "armed-clash");
    CHECK_STR(date_text(&e->date), "2016-08");
    CHECK_INT(e->date.day, 0);
    CHECK_INT(e->killed, -1);

    e = event(m, "SYR10005");
    CHECK_STR(type_of(m, e), "agreement");
    CHECK_STR(actor_name(m, e->targets[0]), "Government of the United States (2009-2017)");

    e = event(m, "SYR10006");
    CHECK_STR(type_of(m, e), "protest");
    CHECK_INT(e->target_count, 0);

    /* inter1 1 made Syria's forces a state, though first seen as an
     * associate; inter 2 (rebels) an armed group. */
    const evg_actor *a =
        evg_model_actor(m, evg_model_find_actor(m, "Military Forces of Syria (2000-)"));
    CHECK(a && a->kind == EVG_ACTOR_STATE && !a->declared);
    a = evg_model_actor(m, evg_model_find_actor(m, "Jabhat Fateh al Sham"));
    CHECK(a && a->kind == EVG_ACTOR_ARMED_GROUP);
    /* Sorted: the month-precision event first within August's start. */
    CHECK_STR(evg_model_event(m, 0)->id, "SYR10004");
    evg_model_free(m);
}

static void test_acled_api_and_old(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "acled_api.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m) {
        CHECK_INT(evg_model_event_count(m), 2);
        const evg_event *e = event(m, "YEM2002");
        CHECK_STR(type_of(m, e), "armed-clash");
        CHECK_STR(actor_name(m, e->allies[0]), "Popular Resistance");
        const evg_actor *a = evg_model_actor(m, e->actor);
        CHECK(a && a->kind == EVG_ACTOR_STATE); /* inter1 "State forces" */
        a = evg_model_actor(m, e->targets[0]);
        CHECK(a && a->kind == EVG_ACTOR_ARMED_GROUP); /* "Rebel group" */
        evg_model_free(m);
    }

    m = load_path(DATA "acled_old.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 5);
    const evg_event *e = event(m, "SOM3001");
    CHECK_STR(date_text(&e->date), "2016-01-02");
    CHECK_STR(type_of(m, e), "armed-clash");
    CHECK_INT(e->target_count, 2); /* ACTOR2 and ALLY_ACTOR_2 */
    CHECK_STR(actor_name(m, e->targets[1]), "AMISOM: African Union Mission in Somalia (2007-)");
    CHECK_INT(e->killed, 7);
    e = event(m, "SOM3002");
    CHECK_STR(type_of(m, e), "attack");
    CHECK_STR(date_text(&e->date), "2016-01-15~");
    e = event(m, "NIG3004");
    CHECK_STR(type_of(m, e), "protest");
    CHECK_STR(date_text(&e->date), "2016-02");
    CHECK_STR(type_of(m, event(m, "NIG3005")), "other");
    CHECK_STR(event(m, "NIG3003")->location, "Dalori, Borno");
    evg_model_free(m);
}

static void test_acled_dates(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "acled_dates.csv", &opts, 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 7);
    const char *ids[] = {"D1", "D2", "D3", "D4", "D5"};
    for (size_t i = 0; i < 5; i++)
        CHECK_STR(date_text(&event(m, ids[i])->date), "2016-08-15");
    CHECK_STR(date_text(&event(m, "D6")->date), "2016-08-05~");
    CHECK_STR(date_text(&event(m, "D7")->date), "2016-09");
    evg_model_free(m);

    /* Dates an export can get wrong, each reported where it stands: the
     * row is skipped with a warning, or, under strict, an error. */
    const char *bad_dates = "event_id_cnty,event_date,time_precision,event_type,actor1\n"
                            "B1,2016-13-01,1,Battles,A\n"
                            "B2,32 August 2016,1,Battles,A\n"
                            "B3,15.08.2016,1,Battles,A\n"
                            "B4,15 Agust 2016,1,Battles,A\n"
                            "B5,29/02/2015,1,Battles,A\n"
                            "B6,15 August 2016,4,Battles,A\n";
    m = load_text(bad_dates, &opts, 0);
    CHECK_INT(c.errors, 0);
    CHECK_INT(c.warnings, 5);
    CHECK(has(&c, "2:4: warning: invalid ACLED event_date '2016-13-01' (expected 2016-08-15, 15 "
                  "August 2016, 15-Aug-2016, 15/08/2016 or 8/15/2016) (row skipped)"));
    CHECK(has(&c, "7:19: warning: time_precision '4' is not 1 (day), 2 (week) or 3 (month) "
                  "(value dropped)"));
    CHECK(has(&c, "0:0: note: 6 rows: 2 events, 4 rows skipped, 1 value dropped (first at "
                  "x:2:4)"));
    if (m) {
        CHECK_INT(evg_model_event_count(m), 2);
        CHECK_STR(date_text(&event(m, "B3")->date), "2016-08-15"); /* 15.08.2016: day-first */
        CHECK_STR(date_text(&event(m, "B6")->date), "2016-08-15");
        evg_model_free(m);
    }
    opts = opts_for(&c);
    opts.strict = true;
    m = load_text(bad_dates, &opts, EVG_EINVAL);
    CHECK(m == NULL);
    CHECK_INT(c.errors, 5);
    CHECK(has(&c, "6:4: error: invalid ACLED event_date '29/02/2015' (expected 2016-08-15, 15 "
                  "August 2016, 15-Aug-2016, 15/08/2016 or 8/15/2016)"));
    CHECK(has(&c, "7:19: error: time_precision '4' is not 1 (day), 2 (week) or 3 (month)"));
}

static void test_gdelt(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    const char *files[] = {DATA "gdelt2_20160815.export.CSV", DATA "gdelt1_20160815.export.CSV"};
    for (size_t f = 0; f < 2; f++) {
        opts = opts_for(&c);
        evg_model *m = load_path(files[f], &opts, 0);
        CHECK_INT(c.errors + c.warnings, 0);
        CHECK_INT(c.notes, 1); /* the non-root event skipped */
        CHECK(has(&c, "0:0: note: skipped 1 of 11 events: 1 not root events "
                      "(--include-non-root keeps them)"));
        if (m == NULL)
            continue;
        CHECK_INT(evg_model_event_count(m), 10);
        const evg_event *e = event(m, "5001");
        CHECK_STR(type_of(m, e), "visit"); /* 042: the leading zero matters */
        CHECK_STR(date_text(&e->date), "2016-08-15");
        CHECK_STR(actor_name(m, e->actor), "RUSSIA");
        CHECK_INT(e->target_count, 1);
        CHECK_STR(actor_name(m, e->targets[0]), "SYRIA");
        CHECK(!e->undirected);
        CHECK_STR(e->location, "Damascus, Dimashq, Syria");
        CHECK(e->has_position && e->latitude > 33.5 && e->longitude > 36.29);
        CHECK_STR(e->source, "themoscowtimes.com");
        CHECK_STR(e->tags[0], "cameo:042");
        CHECK_INT(e->killed, -1);
        CHECK_STR(type_of(m, event(m, "5002")), "visit");
        CHECK_STR(type_of(m, event(m, "5003")), "agreement");
        CHECK_STR(type_of(m, event(m, "5004")), "ceasefire");
        e = event(m, "5005");
        CHECK_STR(type_of(m, e), "ceasefire-violation");
        CHECK_STR(e->url, "http://example.org/story?title=\"truce\"&id=7"); /* quotes literal */
        CHECK_STR(type_of(m, event(m, "5006")), "airstrike"); /* 1951 */
        CHECK_STR(type_of(m, event(m, "5007")), "accusation");
        CHECK_STR(event(m, "5007")->location, NULL);
        CHECK(!event(m, "5007")->has_position);
        e = event(m, "5008");
        CHECK_STR(type_of(m, e), "use-of-force");
        CHECK_STR(actor_name(m, e->actor), "unidentified");
        CHECK_STR(actor_name(m, e->targets[0]), "CIVILIAN");
        CHECK(evg_model_find_event(m, "5009") == EVG_NO_INDEX);
        CHECK_STR(type_of(m, event(m, "5010")), "accusation");
        e = event(m, "5011");
        CHECK_STR(type_of(m, e), "statement");
        CHECK_INT(e->target_count, 0);
        const evg_actor *a = evg_model_actor(m, evg_model_find_actor(m, "RUSSIA"));
        CHECK(a && a->kind == EVG_ACTOR_STATE);
        a = evg_model_actor(m, evg_model_find_actor(m, "SYRIAN REBEL"));
        CHECK(a && a->kind == EVG_ACTOR_ARMED_GROUP);
        evg_model_free(m);
    }

    /* 57 columns: no SOURCEURL. */
    evg_model *m = load_path(DATA "gdelt1_201609.csv", &opts, 0);
    if (m) {
        CHECK_INT(evg_model_event_count(m), 6);
        CHECK_STR(event(m, "5001")->url, NULL);
        CHECK_STR(type_of(m, event(m, "5006")), "airstrike");
        evg_model_free(m);
    }

    /* Root events only unless asked; --min-mentions drops weak reports. */
    opts = opts_for(&c);
    opts.include_non_root = true;
    opts.min_mentions = 5;
    m = load_path(DATA "gdelt2_20160815.export.CSV", &opts, 0);
    CHECK(has(&c, "0:0: note: skipped 2 of 11 events: 2 with fewer than 5 mentions"));
    if (m) {
        CHECK_INT(evg_model_event_count(m), 9); /* 5009 back; 5010 (2) and 5011 (4) out */
        CHECK(evg_model_find_event(m, "5009") != EVG_NO_INDEX);
        CHECK(evg_model_find_event(m, "5010") == EVG_NO_INDEX);
        CHECK(evg_model_find_event(m, "5011") == EVG_NO_INDEX);
        evg_model_free(m);
    }
}

static void test_icews(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "icews_events.2016.tab", &opts, 0);
    CHECK_INT(c.errors + c.warnings + c.notes, 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 7);
    const evg_event *e = event(m, "27591001");
    CHECK_STR(type_of(m, e), "visit");
    CHECK_STR(date_text(&e->date), "2016-06-18");
    CHECK_STR(actor_name(m, e->actor), "Sergey Shoygu");
    CHECK_STR(actor_name(m, e->targets[0]), "Bashar al-Assad");
    CHECK_STR(e->title, "Sergey Shoygu Make a visit Bashar al-Assad (Damascus)");
    CHECK_STR(e->source, "Financial Tribune");
    CHECK_STR(e->location, "Damascus, Dimashq, Syria");
    CHECK_STR(type_of(m, event(m, "27591002")), "visit");
    CHECK_STR(type_of(m, event(m, "27591003")), "airstrike");
    CHECK_STR(type_of(m, event(m, "27591004")), "accusation");
    CHECK_STR(event(m, "27591004")->location, "Russian Federation");
    CHECK_STR(type_of(m, event(m, "27591005")), "ceasefire");
    e = event(m, "27591006");
    CHECK_STR(type_of(m, e), "ceasefire-violation");
    CHECK_STR(e->source, "The \"Daily\" Star");
    CHECK_STR(type_of(m, event(m, "27591007")), "protest");
    evg_model_free(m);
}

static void test_wrong_encoding(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "acled_cp1252.csv", &opts, 0);
    CHECK_INT(c.warnings, 1);
    CHECK(has(&c, "2:116: warning: field 9 is not UTF-8 (byte 0xF4): the file is read as "
                  "Windows-1252 and converted to UTF-8 (further such fields are converted "
                  "silently)"));
    if (m) {
        const evg_event *e = event(m, "FRA4001");
        CHECK_STR(e->location, "Nice, Provence-Alpes-C\xC3\xB4te d\xE2\x80\x99" "Azur");
        CHECK_STR(e->description, "Camion lanc\xC3\xA9 sur la foule \xE2\x80\x93 \xE2\x80\x9C"
                                  "Promenade des Anglais\xE2\x80\x9D, 86 tu\xC3\xA9s.");
        CHECK_STR(event(m, "FRA4002")->location,
                  "Besan\xC3\xA7on, Bourgogne-Franche-Comt\xC3\xA9");
        evg_model_free(m);
    }
    opts = opts_for(&c);
    m = load_path(DATA "gdelt_cp1252.export.CSV", &opts, 0);
    CHECK_INT(c.warnings, 1);
    if (m) {
        CHECK(evg_model_find_actor(m, "FRAN\xC3\x87OIS HOLLANDE") != EVG_NO_INDEX);
        CHECK_STR(event(m, "6002")->url, "http://example.fr/\xC3\xA0-nice");
        evg_model_free(m);
    }
    opts = opts_for(&c);
    m = load_path(DATA "icews_cp1252.tab", &opts, 0);
    CHECK_INT(c.warnings, 1);
    CHECK(has(&c, "2:21: warning: field 3 is not UTF-8 (byte 0xE7): the file is read as "
                  "Windows-1252 and converted to UTF-8 (further such fields are converted "
                  "silently)"));
    if (m) {
        const evg_event *e = event(m, "30001002");
        CHECK_STR(actor_name(m, e->targets[0]), "Fran\xC3\xA7ois Hollande");
        CHECK_STR(e->source, "Lib\xC3\xA9ration");
        evg_model_free(m);
    }

    /* The undefined Windows-1252 bytes keep their C1 code points; valid
     * UTF-8 fields of the same file stay as they are. */
    m = load_text("id,date,type,actor,title,description\n"
                  "a,2016,visit,x,\x80\x81\x9F\xFF,caf\xC3\xA9\n",
                  &opts, 0);
    if (m) {
        CHECK_STR(event(m, "a")->title, "\xE2\x82\xAC\xC2\x81\xC5\xB8\xC3\xBF");
        CHECK_STR(event(m, "a")->description, "caf\xC3\xA9");
        evg_model_free(m);
    }
}

static char scratch[64];

static const char *write_file(const char *name, const char *content)
{
    static char path[4][128];
    static int next;
    char *p = path[next++ % 4];
    snprintf(p, 128, "%s/%s", scratch, name);
    FILE *f = fopen(p, "wb");
    fputs(content, f);
    fclose(f);
    return p;
}

static void test_maps(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    opts.type_map = write_file("types.map.csv", "format,code,type\n"
                                                "acled,Air/drone strike,attack\n"
                                                "cameo,042,meeting\n"
                                                "gdelt,19,attack\n"
                                                "cameo,196,truce-breach\n"
                                                "gdelt,020,-\n"
                                                "icews,141,statement\n");
    opts.actor_map = write_file("actors.map.csv", "raw,id,name,kind\n"
                                                  "RUSSIA,russia,Russia,state\n"
                                                  "Military Forces of Russia (2000-),russia,,\n"
                                                  "CIVILIAN,-,,\n");
    const char *paths[] = {DATA "gdelt2_20160815.export.CSV", DATA "acled_2019.csv",
                           DATA "icews_events.2016.tab"};
    evg_model *m = NULL;
    CHECK_INT(evg_load(&m, paths, 3, &opts), 0);
    CHECK_INT(c.errors, 0);
    CHECK(has(&c, "5:94: warning: type 'truce-breach' from the type map is neither built in nor "
                  "in types.csv; it is drawn as a grey ellipse"));
    if (m == NULL)
        return;
    CHECK_STR(type_of(m, event(m, "5001")), "meeting");  /* map: 042 */
    CHECK_STR(type_of(m, event(m, "27591001")), "meeting"); /* cameo entries serve ICEWS too */
    CHECK_STR(type_of(m, event(m, "5008")), "attack");   /* map: 19, longer than built-in 19 */
    CHECK_STR(type_of(m, event(m, "5006")), "airstrike"); /* built-in 195 is longer */
    CHECK_STR(type_of(m, event(m, "5005")), "truce-breach");
    CHECK(evg_model_find_event(m, "5011") == EVG_NO_INDEX); /* mapped to "-" */
    CHECK_STR(type_of(m, event(m, "27591007")), "statement");
    CHECK_STR(type_of(m, event(m, "SYR10002")), "attack");
    /* One actor for GDELT's RUSSIA, ACLED's forces and ICEWS's Russia. */
    uint32_t russia = evg_model_find_actor(m, "russia"); /* raw names match in any case */
    CHECK(russia != EVG_NO_INDEX);
    CHECK_INT(event(m, "5001")->actor, russia);
    CHECK_INT(event(m, "SYR10002")->actor, russia);
    CHECK_INT(event(m, "27591003")->actor, russia);
    CHECK_STR(actor_name(m, russia), "Russia");
    CHECK(evg_model_find_actor(m, "RUSSIA") == EVG_NO_INDEX);
    /* "-" drops an actor: 5008 keeps its placeholder actor, not its target. */
    CHECK_STR(actor_name(m, event(m, "5008")->actor), "unidentified");
    CHECK_INT(event(m, "5008")->target_count, 0);
    evg_model_free(m);

    /* Mistakes in a map are reported with their positions. */
    opts = opts_for(&c);
    opts.type_map = write_file("bad.map.csv", "format,code,type\n"
                                              "cameo,42,meeting\n"
                                              "acles,Battles,attack\n"
                                              "cameo,043,visit\n"
                                              "cameo,043,meeting\n");
    opts.actor_map = write_file("bad-actors.map.csv", "raw,name\nx,y\n");
    m = load_path(DATA "acled_api.csv", &opts, EVG_EINVAL);
    CHECK(m == NULL);
    CHECK(has(&c, "2:7: error: '42' is no CAMEO code: 2 to 4 digits, the first two 01 to 20 "
                  "(write 042, not 42)"));
    CHECK(has(&c, "3:1: error: unknown format 'acles' (expected acled, cameo, gdelt, icews or table)"));
    CHECK(has(&c, "5:7: error: code '043' is mapped twice for this format"));
    CHECK(has(&c, "1:1: error: missing required column 'id' of an actor map "
                  "(raw,id[,name,kind])"));
}

static void test_detection_and_errors(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* A forced format that another format's signature contradicts. */
    opts.input_format = EVG_INPUT_GDELT;
    evg_model *m = load_path(DATA "acled_dates.csv", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: --input-format gdelt, but this is an ACLED export (its header "
                  "names 'event_id_cnty')"));
    opts = opts_for(&c);
    opts.input_format = EVG_INPUT_ACLED;
    m = load_text("id,date,type,actor\na,2016,visit,x\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: --input-format acled, but this is an evgraph events CSV (its "
                  "header names 'id' and 'date')"));
    /* Forced where detection is unsure: the format's own errors. */
    opts = opts_for(&c);
    opts.input_format = EVG_INPUT_GDELT;
    m = load_text("1\t2\t3\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: not a GDELT event file: its first row has 3 tab-separated fields "
                  "(GDELT 1.0 has 57 or 58, GDELT 2.0 has 61)"));
    opts.input_format = EVG_INPUT_ICEWS;
    m = load_text("Event Id\tDate\tSource\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: missing required column 'CAMEO Code' of an ICEWS event file"));
    opts.input_format = EVG_INPUT_ICEWS;
    m = load_text("EventID\tDate\n1\t2\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: missing required column 'Event Date' of an ICEWS event file"));

    /* Auto-detection needs no option, also for a header in capitals. */
    opts = opts_for(&c);
    m = load_text("EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,ACTOR1\nX1,15/08/2016,Riots,Rioters\n",
                  &opts, 0);
    if (m) {
        CHECK_STR(type_of(m, event(m, "X1")), "riot");
        evg_model_free(m);
    }

    /* Bad values in tab-separated files, with exact positions; a ragged
     * row; an invalid CAMEO code; an unknown ACLED type (a warning). */
    char gdelt[4096] = "";
    const char *row_values[2][3] = {{"7001", "2016081", "042"}, {"7002", "20160815", "9x9"}};
    for (int r = 0; r < 2; r++) {
        for (int i = 0; i < 61; i++) {
            const char *v = i == 0 ? row_values[r][0] : i == 1 ? row_values[r][1]
                                                    : i == 26 ? row_values[r][2]
                                                    : i == 25 ? "1"
                                                              : "";
            strcat(gdelt, v);
            strcat(gdelt, i == 60 ? "\n" : "\t");
        }
    }
    strcat(gdelt, "7003\t20160815\n");
    opts = opts_for(&c);
    opts.strict = true;
    m = load_text(gdelt, &opts, EVG_EINVAL);
    CHECK_INT(c.errors, 3);
    CHECK(has(&c, "1:6: error: invalid SQLDATE '2016081' (expected YYYYMMDD)"));
    CHECK(has(&c, "2:40: error: invalid CAMEO event code '9x9' (expected 3 or 4 digits, such as "
                  "042 or 1951)"));
    CHECK(has(&c, "3:1: error: row has 2 fields but the first row has 61"));

    opts = opts_for(&c);
    m = load_text("Event ID\tEvent Date\tSource Name\tCAMEO Code\n"
                  "1\t16-09-2016\tA\t042\n"
                  "2\t2016-09-16\tA\t43\n"
                  "3\t2016-09-16\tA\t871\n"
                  "4\tSeptember 2016\tA\t042\n",
                  &opts, 0);
    CHECK(has(&c, "5:3: warning: invalid Event Date 'September 2016' (expected YYYY-MM-DD) (row "
                  "skipped)"));
    CHECK_INT(c.errors + c.warnings, 1); /* 43 and 871 lost a leading zero: restored */
    if (m) {
        CHECK_STR(date_text(&event(m, "1")->date), "2016-09-16"); /* day-first, 16 > 12 */
        evg_model_free(m);
    }

    opts = opts_for(&c);
    m = load_text("Event ID\tEvent Date\tSource Name\tCAMEO Code\n"
                  "2\t2016-09-16\tA\t43\n"
                  "3\t2016-09-16\tA\t871\n",
                  &opts, 0);
    if (m) {
        CHECK_STR(type_of(m, event(m, "2")), "visit");
        CHECK_STR(type_of(m, event(m, "3")), "ceasefire");
        CHECK_STR(event(m, "3")->tags[0], "cameo:0871");
        evg_model_free(m);
    }

    m = load_text("event_id_cnty,event_date,event_type,sub_event_type,actor1\n"
                  "U1,2016-08-15,Fights,Skirmish,A\nU2,2016-08-16,Fights,Skirmish,A\n",
                  &opts, 0);
    CHECK_INT(c.warnings, 1); /* once per distinct type */
    CHECK(has(&c, "2:22: warning: unknown ACLED event type 'Fights' (sub-event type "
                  "'Skirmish'): read as 'other'; map it in a --type-map file"));
    if (m) {
        CHECK_STR(type_of(m, event(m, "U2")), "other");
        evg_model_free(m);
    }

    /* NUL bytes in a tab-separated file, and UTF-16, are refused. */
    opts = opts_for(&c);
    static const char nul[] = "Event ID\tEvent Date\tSource Name\tCAMEO Code\n1\t2016\0\t";
    m = NULL;
    CHECK_INT(evg_load_memory(&m, "x", nul, sizeof nul - 1, &opts), EVG_EINVAL);
    CHECK(has(&c, "2:7: error: NUL byte: a tab-separated export must be text (UTF-16 is not "
                  "read: convert it to UTF-8)"));
    static const char utf16[] = "\xFF\xFEi\0d\0";
    CHECK_INT(evg_load_memory(&m, "x", utf16, sizeof utf16 - 1, &opts), EVG_EINVAL);
    CHECK(has(&c, "0:0: error: the file is UTF-16 text, which is not read: save or convert it as "
                  "UTF-8"));
    CHECK(m == NULL);

    evg_input_format f;
    CHECK_INT(evg_input_format_parse(&f, "GDELT"), 0);
    CHECK_INT(f, EVG_INPUT_GDELT);
    CHECK_INT(evg_input_format_parse(&f, "csv"), EVG_EUSAGE);
    CHECK_STR(evg_input_format_name(EVG_INPUT_ICEWS), "icews");
}

/* A dataset folder whose events.csv is an export: its actors.csv and
 * types.csv still apply. */
static void test_dataset_folder(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    FILE *in = fopen(DATA "acled_api.csv", "rb");
    char text[4096];
    size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
    if (in)
        fclose(in);
    text[n] = '\0';
    write_file("events.csv", text);
    write_file("actors.csv", "id,name,kind\nHouthi Movement,Ansar Allah,armed_group\n");
    write_file("types.csv", "id,label,color,shape\nairstrike,Air strike,#FF0000,star\n");
    evg_model *m = load_path(scratch, &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m) {
        const evg_event *e = event(m, "YEM2002");
        const evg_actor *a = evg_model_actor(m, e->targets[0]);
        CHECK(a && a->declared);
        CHECK_STR(a ? a->name : NULL, "Ansar Allah");
        CHECK_STR(evg_model_type(m, event(m, "YEM2001")->type)->color, "#FF0000");
        evg_model_free(m);
    }
    const char *names[] = {"events.csv", "actors.csv", "types.csv"};
    for (int i = 0; i < 3; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", scratch, names[i]);
        unlink(p);
    }
}

int main(void)
{
    snprintf(scratch, sizeof scratch, "/tmp/evg-test-import-XXXXXX");
    if (mkdtemp(scratch) == NULL)
        return 1;
    test_acled_2019();
    test_acled_api_and_old();
    test_acled_dates();
    test_gdelt();
    test_icews();
    test_wrong_encoding();
    test_maps();
    test_detection_and_errors();
    test_dataset_folder();
    const char *maps[] = {"types.map.csv", "actors.map.csv", "bad.map.csv", "bad-actors.map.csv"};
    for (int i = 0; i < 4; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", scratch, maps[i]);
        unlink(p);
    }
    rmdir(scratch);
    CHECK_DONE();
}
