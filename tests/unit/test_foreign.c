/* Foreign files: every format's layouts, the quirks of real exports,
 * dates in any form, --columns tables, warnings instead of failures. */
#define _POSIX_C_SOURCE 200809L

#include <evgraph/evgraph.h>

#include "load_check.h"

#include <stdlib.h>
#include <unistd.h>



/* Foreign files as they come: every layout and quirk the fixtures hold
 * (written from the published codebooks, as awkward as real exports). */

static void test_acled_excel(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* BOM, CRLF with LF inside quoted notes, Excel's 9-May-20 dates, a blank
     * event id, a no-break space after a latitude. */
    evg_model *m = load_path(DATA "acled_excel.csv", &opts, 0);
    CHECK_INT(c.errors, 0);
    CHECK(has(&c, "5:1: warning: missing event id (event_id_cnty): made up as "
                  "'acled_excel.csv:5' (value dropped)"));
    CHECK(has(&c, "0:0: note: 5 rows: 5 events, 0 rows skipped, 1 value dropped (first at "
                  "" DATA "acled_excel.csv:5:1)"));
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 5);
    const evg_event *e = event(m, "YEM52011");
    CHECK_STR(date_text(&e->date), "2020-05-09");
    CHECK_STR(type_of(m, e), "armed-clash");
    CHECK_STR(e->title, "On 9 May 2020, Hadi forces and Houthi forces clashed in the old city of "
                        "Taizz");
    CHECK(e->undirected);
    e = event(m, "YEM52012");
    /* The first sentence, shortened at a word. */
    CHECK_STR(e->title, "Houthi forces shelled a residential area in Ad Durayhimi district, "
                        "killing 3 civilians\xE2\x80\xA6");
    CHECK_INT(e->killed, 3);
    CHECK_STR(date_text(&event(m, "acled_excel.csv:5")->date), "2020-05-11");
    e = event(m, "YEM52014");
    CHECK(e->has_position && e->latitude > 13.12 && e->latitude < 13.13);
    CHECK_STR(date_text(&event(m, "YEM52015")->date), "2020-05-12~");
    evg_model_free(m);
}

static void test_acled_day_month(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* 5/13/2020 makes the column month-first, so 5/9/2020 is 9 May. */
    evg_model *m = load_path(DATA "acled_us_dates.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m) {
        CHECK_STR(date_text(&event(m, "SYR71001")->date), "2020-05-09");
        CHECK_STR(date_text(&event(m, "SYR71003")->date), "2020-06-01");
        evg_model_free(m);
    }
    /* 13/5/2020 makes it day-first. */
    opts = opts_for(&c);
    m = load_text("event_id_cnty,event_date,event_type,actor1\nA,5/9/2020,Riots,X\n"
                  "B,13/5/2020,Riots,X\n",
                  &opts, 0);
    if (m) {
        CHECK_STR(date_text(&event(m, "A")->date), "2020-09-05");
        evg_model_free(m);
    }
    /* Nothing decides: month-first, and said so. */
    opts = opts_for(&c);
    m = load_text("event_id_cnty,event_date,event_type,actor1\nA,5/9/2020,Riots,X\n"
                  "B,6/9/2020,Riots,X\n",
                  &opts, 0);
    CHECK(has(&c, "2:3: warning: no date in the column tells day-first from month-first: 2 "
                  "dates such as 5/9/2020 are read month-first (the first number is the month); "
                  "say --date-format %d/%m/%Y if they are day-first"));
    if (m) {
        CHECK_STR(date_text(&event(m, "A")->date), "2020-05-09");
        evg_model_free(m);
    }
    /* --date-format says it outright. */
    opts = opts_for(&c);
    const char *formats[] = {"%d/%m/%Y", NULL};
    opts.date_formats = formats;
    m = load_text("event_id_cnty,event_date,event_type,actor1\nA,5/9/2020,Riots,X\n", &opts, 0);
    CHECK_INT(c.warnings, 0);
    if (m) {
        CHECK_STR(date_text(&event(m, "A")->date), "2020-09-05");
        evg_model_free(m);
    }
}

static void test_date_forms(void)
{
    static const struct {
        const char *text, *expected;
    } forms[] = {
        {"2016-08-15", "2016-08-15"},       {"15 August 2016", "2016-08-15"},
        {"Aug 15, 2016", "2016-08-15"},     {"August 15 2016", "2016-08-15"},
        {"15-Aug-16", "2016-08-15"},        {"9-May-20", "2020-05-09"},
        {"20160815", "2016-08-15"},         {"1471219200", "2016-08-15T00:00:00Z"},
        {"1471219200000", "2016-08-15T00:00:00Z"}, {"42597", "2016-08-15"},
        {"15.08.2016", "2016-08-15"},       {"2016-08-15 13:45:00", "2016-08-15T13:45:00"},
        {"2016", "2016"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        captured c;
        evg_load_opts opts = opts_for(&c);
        opts.columns = "date=When,actor=Who";
        char text[200];
        snprintf(text, sizeof text, "When,Who\n\"%s\",X\n", forms[i].text);
        evg_model *m = load_text(text, &opts, 0);
        if (m == NULL || evg_model_event_count(m) != 1) {
            fprintf(stderr, "date form '%s' not read\n", forms[i].text);
            check_failures++;
        } else {
            CHECK_STR(date_text(&evg_model_event(m, 0)->date), forms[i].expected);
        }
        evg_model_free(m);
    }
}

static void test_gdelt_layouts(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* 57-, 58- and 61-column rows mixed in one headerless file. */
    evg_model *m = load_path(DATA "gdelt_mixed.export.CSV", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m) {
        CHECK_INT(evg_model_event_count(m), 12);
        const evg_event *e = event(m, "300001"); /* 57 columns: no SOURCEURL */
        CHECK_STR(e->url, NULL);
        CHECK_STR(e->title, "RUSSIA Make a visit SYRIA (Damascus, Dimashq, Syria)");
        e = event(m, "300004"); /* 58 */
        CHECK_STR(e->source, "themoscowtimes.com");
        e = event(m, "300007"); /* 61 */
        CHECK_STR(e->location, "Damascus, Dimashq, Syria");
        CHECK(e->has_position && e->latitude > 33.5);
        CHECK_STR(e->source, "themoscowtimes.com");
        evg_model_free(m);
    }
    /* A BigQuery export's header, and a pandas re-save: renamed columns, an
     * unnamed index column, codes that lost their leading zero. */
    const char *files[] = {DATA "gdelt_bigquery.csv", DATA "gdelt_pandas.csv"};
    for (size_t f = 0; f < 2; f++) {
        opts = opts_for(&c);
        m = load_path(files[f], &opts, 0);
        CHECK_INT(c.errors + c.warnings, 0);
        if (m == NULL)
            continue;
        CHECK_INT(evg_model_event_count(m), 6);
        const evg_event *e = event(m, "5001");
        CHECK_STR(type_of(m, e), "visit");
        CHECK_STR(e->tags[0], "cameo:042");
        CHECK_STR(actor_name(m, e->actor), "RUSSIA");
        CHECK_STR(e->source, "themoscowtimes.com");
        CHECK_STR(e->url, "http://www.themoscowtimes.com/news/shoigu-visit.html");
        evg_model_free(m);
    }
}

static void test_icews_four_columns(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "icews14_train.txt", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 10);
    const evg_event *e = event(m, "icews14_train.txt:2");
    CHECK_STR(type_of(m, e), "visit");
    CHECK_STR(e->tags[0], "cameo:042");
    CHECK_STR(actor_name(m, e->actor), "Barack Obama");
    CHECK_STR(actor_name(m, e->targets[0]), "Japan");
    CHECK_STR(e->title, "Barack Obama Make a visit Japan");
    CHECK_STR(type_of(m, event(m, "icews14_train.txt:1")), "accusation");
    CHECK_STR(type_of(m, event(m, "icews14_train.txt:9")), "airstrike");
    CHECK_STR(type_of(m, event(m, "icews14_train.txt:6")), "other"); /* 173 arrest */
    CHECK_STR(date_text(&event(m, "icews14_train.txt:10")->date), "2014-08-02");
    evg_model_free(m);
}

static void test_ucdp(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "ged_syria_2016.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m == NULL)
        return;
    const evg_event *e = event(m, "244657");
    CHECK_STR(date_text(&e->date), "2016-08-14");
    CHECK_STR(date_text(&e->end_date), "2016-08-16");
    CHECK_INT(e->killed, 23);
    CHECK_STR(type_of(m, e), "armed-clash");
    CHECK_STR(e->title, "Government of Syria vs. IS: 23 deaths");
    CHECK(e->undirected);
    const evg_actor *a = evg_model_actor(m, e->actor);
    CHECK(a && a->kind == EVG_ACTOR_STATE);
    e = event(m, "244702");
    CHECK_STR(type_of(m, e), "attack");
    CHECK(!e->undirected);
    CHECK_STR(e->title, "IS against Civilians: 12 deaths");
    CHECK_INT(e->end_date.precision, EVG_PRECISION_NONE); /* one day: no span */
    e = event(m, "244810");
    CHECK_STR(date_text(&e->end_date), "2016-08-31");
    CHECK_STR(e->location, "Idlib province, Idlib governorate, Syria");
    evg_model_free(m);
}

static void test_phoenix_and_sar(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    evg_model *m = load_path(DATA "phoenix_2017.csv", &opts, 0);
    CHECK_INT(c.errors + c.warnings, 0);
    if (m) {
        const evg_event *e = event(m, "b7e0d2c4-1f3a-4c6b-8d2e-5a9f0b3c7e12");
        CHECK_STR(type_of(m, e), "accusation");
        CHECK_STR(e->url, "http://tass.com/politics/958443");
        CHECK_STR(e->title, "RUSGOV Criticize or denounce USAGOV (Moscow)");
        CHECK_STR(date_text(&e->date), "2017-08-02");
        evg_model_free(m);
    }
    /* ';'-separated, Windows-1252, CRLF, dotted day-first dates. */
    opts = opts_for(&c);
    m = load_path(DATA "sar_de.csv", &opts, 0);
    CHECK_INT(c.errors, 0);
    if (m) {
        CHECK_INT(evg_model_event_count(m), 3);
        const evg_event *e = event(m, "sar_de.csv:2");
        CHECK_STR(date_text(&e->date), "2016-08-15");
        CHECK_STR(type_of(m, e), "statement");
        CHECK_STR(e->source, "S\xC3\xBC" "ddeutsche Zeitung");
        CHECK_STR(e->title, "Bundesregierung Make statement Russland (Berlin)");
        evg_model_free(m);
    }
}

static void test_columns(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    opts.columns = "date=Recording_Date,id=Incident_No,actor=Perpetrator,target=Victim_Group,"
                   "type=Category,location=Town,description=Description,source=Reporter";
    evg_model *m = load_path(DATA "newsroom_incidents.csv", &opts, 0);
    CHECK_INT(c.errors, 0);
    CHECK(has(&c, "2:48: warning: 2 type values are no known type and became types of their "
                  "own, each with a colour of their own: 'Threat', 'Arrest' (map them with "
                  "--type-map or types.csv)"));
    if (m) {
        const evg_event *e = event(m, "INC-0101");
        CHECK_STR(type_of(m, e), "Threat");
        CHECK_STR(e->title, "Unknown gunmen Threat Journalists (Aleppo)");
        CHECK_STR(date_text(&e->date), "2016-08-15");
        const evg_type *t = evg_model_type(m, e->type);
        CHECK(t && t->color[0] == '#' && strcmp(t->color, "#7F7F7F") != 0);
        e = event(m, "newsroom_incidents.csv:4"); /* no id: made from file and line */
        CHECK_STR(type_of(m, e), "airstrike");      /* a known type, any case */
        CHECK_STR(e->description, "Strike on a bakery queue; at least 8 dead.\n"
                                  "Figures from the local council.");
        evg_model_free(m);
    }
    /* --type-map maps a table's values too ("table" entries, any case). */
    char map_path[] = "/tmp/evg-type-map-XXXXXX";
    int fd = mkstemp(map_path);
    if (fd >= 0) {
        const char *map = "format,code,type\ntable,Threat,statement\ntable,arrest,-\n";
        CHECK_INT(write(fd, map, strlen(map)), (long long)strlen(map));
        close(fd);
        opts = opts_for(&c);
        opts.type_map = map_path;
        opts.columns = "date=Recording_Date,id=Incident_No,actor=Perpetrator,type=Category";
        m = load_path(DATA "newsroom_incidents.csv", &opts, 0);
        if (m) {
            CHECK_STR(type_of(m, event(m, "INC-0101")), "statement");
            CHECK(evg_model_find_event(m, "INC-0102") == EVG_NO_INDEX); /* "-": dropped */
            evg_model_free(m);
        }
        remove(map_path);
    }
    /* A column the header does not have. */
    opts = opts_for(&c);
    opts.columns = "date=Date,actor=Sender";
    m = load_text("When,Who\n2016-01-01,A\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:1: error: --columns names 'Date', which the header does not have (it has "
                  "'When', 'Who')"));
    opts.columns = "when=Date";
    m = load_text("When,Who\n2016-01-01,A\n", &opts, EVG_EINVAL);
    CHECK(c.errors >= 2);
    /* The count column weighs a row; a bad count is dropped, the event kept. */
    opts = opts_for(&c);
    opts.columns = "date=day,actor=a,target=b,type=t,count=n";
    m = load_text("day,a,b,t,n\n2016-01-01,A,B,attack,12\n2016-01-02,A,B,attack,many\n", &opts,
                  0);
    CHECK(has(&c, "3:23: warning: count 'many' is not a whole number (value dropped)"));
    if (m) {
        CHECK_INT(evg_model_event(m, 0)->weight, 12);
        CHECK_INT(evg_model_event(m, 1)->weight, 1);
        evg_model_free(m);
    }
    /* Strict: the same is an error. */
    opts.strict = true;
    m = load_text("day,a,b,t,n\n2016-01-02,A,B,attack,many\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "2:23: error: count 'many' is not a whole number"));
}

static void test_delimiters_and_bad_files(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* evgraph's own format separated by ';' (European Excel). */
    evg_model *m = load_text("id;date;type;actor\na;2016-01-01;attack;x\n", &opts, 0);
    if (m) {
        CHECK_INT(evg_model_event_count(m), 1);
        evg_model_free(m);
    }
    /* Hive's Ctrl-A. */
    opts = opts_for(&c);
    opts.columns = "date=d,actor=a";
    m = load_text("d\x01" "a\n2016-01-01\x01X\n", &opts, 0);
    if (m) {
        CHECK_STR(actor_name(m, evg_model_event(m, 0)->actor), "X");
        evg_model_free(m);
    }
    /* No event table: one message saying what it is and what helps. */
    opts = opts_for(&c);
    m = load_text("country,month,fatalities\nSyria,2016-08,412\n", &opts, EVG_EINVAL);
    CHECK_INT(c.errors, 1);
    CHECK(has(&c, "1:1: error: not an event table that evgraph knows: its first row (3 columns "
                  "separated by commas: country, month, fatalities) is no ACLED, GDELT, ICEWS, "
                  "UCDP, Phoenix or evgraph header and names no date and actor; if it holds "
                  "events, say which column is which with --columns date=COLUMN,actor=COLUMN,... "
                  "(and --delimiter if the columns are not separated by commas)"));
    opts = opts_for(&c);
    m = load_text("\xEF\xBB\xBF" "id:date:type:actor\n", &opts, EVG_EINVAL);
    CHECK(has(&c, "1:4: error: not an event table: its first row is one column "
                  "('id:date:type:actor'), with no comma, semicolon, tab or '|' between columns; "
                  "if the file has another separator, name it with --delimiter"));
    /* Warnings are capped per kind, the summary counts them all. */
    char text[4096] = "event_id_cnty,event_date,event_type,actor1,fatalities\n";
    for (int i = 0; i < 9; i++) {
        char row[64];
        snprintf(row, sizeof row, "R%d,2016-08-15,Riots,X,some\n", i);
        strcat(text, row);
    }
    opts = opts_for(&c);
    m = load_text(text, &opts, 0);
    CHECK_INT(c.warnings, 5);
    CHECK(has(&c, "0:0: note: 9 rows: 9 events, 0 rows skipped, 9 values dropped (first at "
                  "x:2:23; 4 more warnings not shown)"));
    evg_model_free(m);
}

/* Loader limits that keep every figure safe (issue: hardening). */
static void test_hardening(void)
{
    captured c;
    evg_load_opts opts = opts_for(&c);
    /* A parent chain 40 deep is refused once, where it passes 32; 32 is fine. */
    char dir[] = "/tmp/evg-foreign-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        CHECK(!"mkdtemp");
        return;
    }
    char path[256];
    for (int depth = 40; depth >= 32; depth -= 8) {
        snprintf(path, sizeof path, "%s/actors.csv", dir);
        FILE *out = fopen(path, "w");
        fprintf(out, "id,parent\na0,\n");
        for (int i = 1; i <= depth; i++)
            fprintf(out, "a%d,a%d\n", i, i - 1);
        fclose(out);
        snprintf(path, sizeof path, "%s/events.csv", dir);
        out = fopen(path, "w");
        fprintf(out, "id,date,type,actor\ne,2016-01-01,attack,a%d\n", depth);
        fclose(out);
        opts = opts_for(&c);
        evg_model *m = load_path(dir, &opts, depth > 32 ? EVG_EINVAL : 0);
        CHECK_INT(c.errors, depth > 32 ? 1 : 0);
        if (depth > 32)
            CHECK(has(&c, "35:5: error: actor 'a33' is more than 32 parents below 'a0': parent "
                          "chains may be at most 32 deep"));
        evg_model_free(m);
    }
    snprintf(path, sizeof path, "%s/actors.csv", dir);
    remove(path);
    snprintf(path, sizeof path, "%s/events.csv", dir);
    remove(path);
    rmdir(dir);

    /* Text XML cannot carry is replaced, with one placed warning. */
    opts = opts_for(&c);
    evg_model *m = load_text("id,date,type,actor,title\na,2016-01-01,attack,x,one\x01two\n"
                             "b,2016-01-02,attack,x,\xEF\xBF\xBE\n",
                             &opts, 0);
    CHECK(has(&c, "2:26: warning: U+0001 cannot be written in SVG or HTML (XML 1.0): replaced "
                  "by U+FFFD (further such characters in this file are replaced silently)"));
    if (m) {
        CHECK_STR(event(m, "a")->title, "one\xEF\xBF\xBDtwo");
        CHECK_STR(event(m, "b")->title, "\xEF\xBF\xBD");
        evg_model_free(m);
    }
    /* An actor id over Graphviz's 16 KB is refused where it stands. */
    size_t big = 17000;
    char *text = malloc(big + 100);
    strcpy(text, "id,date,type,actor\na,2016-01-01,attack,");
    size_t n = strlen(text);
    memset(text + n, 'q', big);
    strcpy(text + n + big, "\n");
    opts = opts_for(&c);
    m = load_text(text, &opts, EVG_EINVAL);
    CHECK(has(&c, "2:21: error: actor id is 17000 bytes long; ids may be at most 16384 bytes "
                  "(Graphviz's limit for names)"));
    free(text);
    /* A field past the limit is refused while it is read. */
    size_t huge = (size_t)8 << 20;
    text = malloc(huge + 100);
    strcpy(text, "id,date,type,actor,title\na,2016-01-01,attack,x,");
    n = strlen(text);
    memset(text + n, 't', huge);
    strcpy(text + n + huge, "\n");
    opts = opts_for(&c);
    m = NULL;
    CHECK_INT(evg_load_memory(&m, "x", text, strlen(text), &opts), EVG_ELIMIT);
    CHECK(has(&c, "2:23: error: field longer than 1048576 bytes"));
    free(text);
}

int main(void)
{
    test_hardening();
    test_acled_excel();
    test_acled_day_month();
    test_date_forms();
    test_gdelt_layouts();
    test_icews_four_columns();
    test_ucdp();
    test_phoenix_and_sar();
    test_columns();
    test_delimiters_and_bad_files();
    if (check_failures)
        fprintf(stderr, "%d check(s) failed\n", check_failures);
    return check_failures != 0;
}
