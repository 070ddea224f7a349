/* The loader: RFC 4180 details, positions of diagnostics, values kept, and
 * every kind of bad value reported in one run. */
#define _POSIX_C_SOURCE 200809L

#include <evgraph/evgraph.h>

#include "check.h"

#include <stdlib.h>
#include <unistd.h>

typedef struct captured {
    char text[64][320];
    size_t count;
    size_t errors, warnings;
} captured;

static void capture(const evg_diag *d, void *payload)
{
    captured *c = payload;
    if (d->severity == EVG_SEVERITY_ERROR)
        c->errors++;
    if (d->severity == EVG_SEVERITY_WARNING)
        c->warnings++;
    if (c->count < 64)
        snprintf(c->text[c->count++], sizeof c->text[0], "%lu:%lu: %s: %s", d->line, d->column,
                 evg_severity_name(d->severity), d->message);
}

static char scratch[64];

static const char *write_file(const char *name, const char *content, size_t len)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", scratch, name);
    FILE *f = fopen(path, "wb");
    fwrite(content, 1, len, f);
    fclose(f);
    return path;
}

#define WRITE(name, literal) write_file(name, literal, sizeof(literal) - 1)

/* Loads the scratch dataset with `opts`, capturing its diagnostics. */
static int load_dir_with(evg_model **m, captured *c, evg_load_opts opts)
{
    memset(c, 0, sizeof *c);
    opts.diag = capture;
    opts.diag_payload = c;
    const char *paths[] = {scratch};
    return evg_load(m, paths, 1, &opts);
}

static int load_dir(evg_model **m, captured *c)
{
    return load_dir_with(m, c, (evg_load_opts)EVG_LOAD_OPTS_INIT);
}

static int has(const captured *c, const char *text)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->text[i], text) == 0)
            return 1;
    fprintf(stderr, "missing diagnostic \"%s\"; got:\n", text);
    for (size_t i = 0; i < c->count; i++)
        fprintf(stderr, "  %s\n", c->text[i]);
    return 0;
}

static void clear_scratch(void)
{
    const char *names[] = {"events.csv", "actors.csv", "types.csv"};
    for (size_t i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", scratch, names[i]);
        unlink(path);
    }
}

static void test_sample_dataset(void)
{
    evg_model *m = NULL;
    captured c = {0};
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = capture;
    opts.diag_payload = &c;
    const char *paths[] = {EVG_SOURCE_DIR "/data/syria-2016"};
    CHECK_INT(evg_load(&m, paths, 1, &opts), 0);
    CHECK_INT(c.errors, 0);
    CHECK_INT(c.warnings, 0); /* every actor declared, no unknown column */
    CHECK(m != NULL);
    if (m == NULL)
        return;
    CHECK(evg_model_event_count(m) >= 25);
    uint32_t truce = evg_model_find_event(m, "truce-48-hour");
    CHECK(truce != EVG_NO_INDEX);
    if (truce != EVG_NO_INDEX) {
        const evg_event *e = evg_model_event(m, truce);
        CHECK_INT(e->end_date.precision, EVG_PRECISION_DAY);
        CHECK_STR(evg_model_type(m, e->type)->id, "ceasefire");
    }
    uint32_t shoigu = evg_model_find_actor(m, "sergei-shoigu");
    CHECK(shoigu != EVG_NO_INDEX);
    if (shoigu != EVG_NO_INDEX) {
        const evg_actor *a = evg_model_actor(m, shoigu);
        CHECK_INT(a->kind, EVG_ACTOR_PERSON);
        CHECK_STR(evg_model_actor(m, a->parent)->id, "russia");
    }
    /* Sorted by date, then id. */
    for (size_t i = 1; i < evg_model_event_count(m); i++) {
        const evg_event *a = evg_model_event(m, i - 1), *b = evg_model_event(m, i);
        int order = evg_date_compare(&a->date, &b->date);
        CHECK(order < 0 || (order == 0 && strcmp(a->id, b->id) < 0));
    }
    evg_model_free(m);
}

static void test_rfc4180_and_values(void)
{
    clear_scratch();
    /* BOM, CRLF, free column order, case-insensitive names, quoted commas,
     * doubled quotes and a newline inside a field. */
    WRITE("events.csv", "\xEF\xBB\xBF"
                        "Type,ID,Date,actor,Title,target,killed,end_date,related,tags\r\n"
                        "visit,b,2016-06-18?,shoigu,\"Visit, \"\"Hmeimim\"\"\",assad;  russia ,,,a,x; y\r\n"
                        "ceasefire,a,2016-09,us,\"two\r\nlines\",,0,2016-09-14,,\r\n");
    WRITE("actors.csv", "id,name,kind,parent,color\n"
                        "russia,Russia,state,,#BB5566\n"
                        "shoigu,Sergei Shoigu,person,russia,\n");
    WRITE("types.csv", "id,label,color,shape\nvisit,Official visit,#123456,star\n"
                       "warning,Warning,#654321,triangle\n");
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), 0);
    CHECK_INT(c.errors, 0);
    CHECK(has(&c, "2:49: warning: actor 'assad' is not in actors.csv; created from its id"));
    CHECK(has(&c, "3:21: warning: actor 'us' is not in actors.csv; created from its id"));
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), 2);
    /* The month-precision event comes second: 2016-06-18 < 2016-09. */
    const evg_event *b = evg_model_event(m, 0), *a = evg_model_event(m, 1);
    CHECK_STR(b->id, "b");
    CHECK_STR(b->title, "Visit, \"Hmeimim\"");
    CHECK(b->date.flags & EVG_DATE_UNCERTAIN);
    CHECK_INT(b->target_count, 2);
    CHECK_STR(evg_model_actor(m, b->targets[1])->name, "Russia");
    CHECK_INT(b->related_count, 1);
    CHECK_STR(evg_model_event(m, b->related[0])->id, "a");
    CHECK_INT(b->tag_count, 2);
    CHECK_STR(b->tags[1], "y");
    CHECK_INT(b->killed, -1);
    CHECK_STR(a->title, "two\r\nlines");
    CHECK_INT(a->date.precision, EVG_PRECISION_MONTH);
    CHECK_INT(a->date.day, 0);
    CHECK_INT(a->killed, 0);
    CHECK_INT(a->end_date.day, 14);
    const evg_type *visit = evg_model_type(m, b->type);
    CHECK_STR(visit->label, "Official visit");
    CHECK_STR(visit->shape, "star");
    CHECK(!visit->builtin);
    CHECK(evg_model_find_type(m, "warning") != EVG_NO_INDEX);
    CHECK(evg_model_actor(m, evg_model_find_actor(m, "assad"))->declared == false);
    evg_model_stats st;
    evg_model_stats_get(&st, m);
    CHECK_INT(st.events, 2);
    CHECK_INT(st.actors, 4);
    CHECK_INT(st.types_used, 2);
    CHECK_INT(st.last.day, 14);
    evg_model_free(m);
}

static void test_all_errors_reported(void)
{
    clear_scratch();
    WRITE("events.csv",
          "id,date,end_date,type,actor,target,killed,injured,latitude,longitude,certainty,related\n"
          "e1,2016-08-15,,airstirke,ru,,3,,,,,e9\n"           /* line 2 */
          "e1,2016-13-01,,visit,ru,,,,,,,\n"                 /* line 3 */
          "e3,\"2016-02-27\",2016-02-01,ceasefire,ru,,-2,x,91,,maybe,\n" /* line 4 */
          "\"e4\n\",2016,,visit,,,,,,,,\n"                   /* lines 5-6 */
          ",2016,,visit,ru,,,,12.5,200,,\n");                /* line 7 */
    evg_model *m = (evg_model *)1;
    captured c;
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(m == NULL);
    CHECK(has(&c, "2:16: error: unknown event type 'airstirke' (did you mean 'airstrike'?)"));
    CHECK(has(&c, "2:36: error: unknown related event 'e9' (did you mean 'e3'?)"));
    CHECK(has(&c, "3:1: error: duplicate event id 'e1' (first used on line 2)"));
    CHECK(has(&c, "3:4: error: invalid date '2016-13-01' (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                  "YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM], optionally followed by '~' or '?')"));
    CHECK(has(&c, "4:17: error: end date '2016-02-01' is before the start date '2016-02-27'"));
    CHECK(has(&c, "4:42: error: killed count '-2' is negative"));
    CHECK(has(&c, "4:45: error: injured count 'x' is not a whole number"));
    CHECK(has(&c, "4:47: error: latitude 91 is out of range (-90 to 90)"));
    CHECK(has(&c, "4:47: error: latitude given without longitude"));
    CHECK(has(&c, "4:51: error: unknown certainty 'maybe' (expected confirmed, reported, claimed "
                  "or disputed)"));
    CHECK(has(&c, "5:1: error: event id 'e4?' contains a control character, which ids may not "
                  "hold"));
    CHECK(has(&c, "6:15: error: missing value for required column 'actor'"));
    CHECK(has(&c, "7:1: error: missing value for required column 'id'"));
    CHECK(has(&c, "7:25: error: longitude 200 is out of range (-180 to 180)"));
}

static void test_structure_errors(void)
{
    clear_scratch();
    WRITE("events.csv", "id,Date,kind,actor,date\n");
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "1:9: warning: unknown column 'kind' is ignored"));
    CHECK(has(&c, "1:20: error: column 'date' appears twice"));
    CHECK(has(&c, "1:1: error: missing required column 'type'"));

    clear_scratch();
    WRITE("events.csv", "id,date,type,actor\na,2016,visit,x,extra\nb,2016,visit\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:16: error: row has 5 fields but the header has 4"));
    CHECK(has(&c, "3:1: error: row has 3 fields but the header has 4"));

    clear_scratch();
    WRITE("events.csv", "id,date,type,actor\na,2016,visit,\"x\"y\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:17: error: malformed CSV: unexpected character after the closing quote of "
                  "the field starting at column 14"));

    clear_scratch();
    WRITE("events.csv", "id,date,type,actor\r\na,2016,vi\"sit,x\r\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:10: error: malformed CSV: stray quote in an unquoted field (quote the whole "
                  "field and double the quotes inside it)"));

    clear_scratch();
    WRITE("events.csv", "id,date,type,actor\na,2016,visit,\"x\nb,2016,visit,y\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:14: error: malformed CSV: quoted field is never closed"));

    clear_scratch();
    WRITE("events.csv", "");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK_INT(c.errors, 1);

    /* CR-only line endings still count lines. */
    clear_scratch();
    WRITE("events.csv", "id,date,type,actor\ra,2016,visit,x\rb,2016,vist,x\r");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "3:8: error: unknown event type 'vist' (did you mean 'visit'?)"));

    /* Text that is not UTF-8 is read as Windows-1252, with a warning; NUL
     * bytes are refused. */
    clear_scratch();
    WRITE("events.csv", "id,date,type,actor,title\na,2016,visit,x,caf\xE9\nb,2016,visit,x,n\0l\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:16: warning: field 5 is not UTF-8 (byte 0xE9): the file is read as "
                  "Windows-1252 and converted to UTF-8 (further such fields are converted "
                  "silently)"));
    CHECK(has(&c, "3:16: error: NUL byte in field 5"));
}

static void test_actor_errors(void)
{
    clear_scratch();
    WRITE("actors.csv", "id,name,kind,parent,color\n"
                        "a,A,person,b,\n"
                        "b,B,state,c,red\n"
                        "c,C,sate,a,\n"
                        "a,A again,,,\n"
                        "d,D,,nobody,\n");
    WRITE("events.csv", "id,date,type,actor\ne,2016,visit,a\n");
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "3:13: error: invalid colour 'red' (expected #rrggbb)"));
    CHECK(has(&c, "4:5: error: unknown actor kind 'sate' (expected state, person, organization, "
                  "armed_group or other)"));
    CHECK(has(&c, "5:1: error: duplicate actor id 'a'"));
    CHECK(has(&c, "6:6: error: unknown parent actor 'nobody'"));
    CHECK(has(&c, "2:12: error: parent cycle: a -> b -> c -> a"));
    CHECK_INT(c.errors, 5); /* b is declared despite its colour: no cascade */

    clear_scratch();
    WRITE("actors.csv", "id,parent\na,b\nb,c\nc,a\nd,d\ne,a\n");
    WRITE("events.csv", "id,date,type,actor\ne,2016,visit,a\n");
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    CHECK(has(&c, "2:3: error: parent cycle: a -> b -> c -> a"));
    CHECK(has(&c, "5:3: error: parent cycle: d -> d"));
    CHECK_INT(c.errors, 2);
}

/* Where the diagnostic for the value "bad" in `text` must point: the
 * line:column of its first byte. */
static void expect_at(const captured *c, const char *text, const char *needle, size_t from)
{
    const char *at = strstr(text + from, needle);
    unsigned long line = 1;
    const char *line_start = text;
    for (const char *p = text; p < at; p++)
        if (*p == '\n' || (*p == '\r' && p[1] != '\n')) {
            line++;
            line_start = p + 1;
        }
    char want[64];
    snprintf(want, sizeof want, "%lu:%lu: error: ", line, (unsigned long)(at - line_start) + 1);
    size_t n = strlen(want);
    for (size_t i = 0; i < c->count; i++)
        if (strncmp(c->text[i], want, n) == 0 && strstr(c->text[i], needle))
            return;
    fprintf(stderr, "missing diagnostic at %s; got:\n", want);
    for (size_t i = 0; i < c->count; i++)
        fprintf(stderr, "  %s\n", c->text[i]);
    check_failures++;
}

/* Every field's column, whichever way it was found: from its length
 * (plain and quoted fields), by scanning (blanks around a field, doubled
 * quotes, a quoted newline), and for rows that cross the reader's 256 KiB
 * chunks, one of them with a CRLF split between two chunks. */
static void test_field_positions(void)
{
    clear_scratch();
    static char text[700000];
    size_t len = 0;
#define ADD(...) (len += (size_t)snprintf(text + len, sizeof text - len, __VA_ARGS__))
    ADD("id,title,date,type,actor\r\n");
    const char *titles[] = {"plain",          "\"a, b\"",       "  \"spaced\"  ",
                            "\"say \"\"hi\"\"\"", "\t tabbed \t",   "\"two\r\nlines\"",
                            "\"\"",           "",               "\"x\"\"\""};
    size_t rows = sizeof titles / sizeof titles[0];
    for (size_t i = 0; i < rows; i++)
        ADD("r%zu,%s,bad%zu,visit,x\r\n", i, titles[i], i);
    /* A row whose title crosses the first chunk boundary (262144). */
    ADD("long1,\"");
    while (len < 262144 + 100)
        ADD("word, ");
    ADD("\",bad-long1,visit,x\r\n");
    /* Pad so that the CR of a line ends the second chunk and its LF begins
     * the third: the line after it must still be counted once. */
    size_t target = 2 * 262144 - 1; /* index of the CR */
    ADD("pad,\"");
    size_t tail = strlen("\",2016,visit,x\r\n"); /* the CR is tail - 2 from the end */
    while (len + tail - 2 < target)
        text[len++] = 'p';
    ADD("\",2016,visit,x\r\n");
    CHECK_INT(text[target], '\r');
    ADD("after,\"t\",bad-after,visit,x\r\n");
#undef ADD
    write_file("events.csv", text, len);
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    char needle[16];
    for (size_t i = 0; i < rows; i++) {
        snprintf(needle, sizeof needle, "bad%zu", i);
        expect_at(&c, text, needle, 0);
    }
    expect_at(&c, text, "bad-long1", 0);
    expect_at(&c, text, "bad-after", 0);
    CHECK_INT(c.errors, rows + 2);
}

/* Events come out sorted by (start, precision, id) whatever the row order:
 * 70,000 rows shuffled (enough for the sort to split into two threads),
 * with mixed precisions, shared starts and ids that share their first eight
 * bytes; then the same rows already sorted, then reversed. */
/* Actors come in id order whatever their rows' order, ids that begin with
 * another whole id included (the sort compares the bytes after the prefix
 * all ids share, here none for "ab": its head is empty). */
static void test_actor_order(void)
{
    clear_scratch();
    WRITE("events.csv", "id,date,type,actor,target\n"
                        "e1,2016-01-01,visit,ab,abc\n"
                        "e2,2016-01-02,visit,ab,a\n");
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), 0);
    if (m == NULL)
        return;
    const char *want[] = {"a", "ab", "abc"};
    CHECK_INT(evg_model_actor_count(m), 3);
    for (size_t i = 0; i < 3 && i < evg_model_actor_count(m); i++)
        CHECK(strcmp(evg_model_actor(m, i)->id, want[i]) == 0);
    CHECK_INT(evg_model_find_actor(m, "ab"), 1);
    CHECK_INT(evg_model_event(m, 1)->targets[0], 0);
    evg_model_free(m);
}

static void test_event_order(void)
{
    enum { N = 70000 };
    static char text[N * 64 + 64];
    static unsigned perm[N];
    for (int pass = 0; pass < 3; pass++) {
        for (unsigned i = 0; i < N; i++)
            perm[i] = i;
        unsigned seed = 12345;
        for (unsigned i = N - 1; pass == 0 && i > 0; i--) {
            seed = seed * 1103515245u + 12345u;
            unsigned k = (seed >> 8) % (i + 1), t = perm[i];
            perm[i] = perm[k];
            perm[k] = t;
        }
        size_t len = (size_t)snprintf(text, sizeof text, "id,date,type,actor\n");
        for (unsigned n = 0; n < N; n++) {
            unsigned i = pass == 2 ? N - 1 - perm[n] : perm[n];
            /* Rows over 12 months: days, months and years coincide. */
            const char *forms[] = {"2016-%02u-%02u", "2016-%02u", "2016"};
            char date[16];
            snprintf(date, sizeof date, forms[i % 3], i % 12 + 1, i % 28 + 1);
            len += (size_t)snprintf(text + len, sizeof text - len, "%s-%u,%s,visit,x\n",
                                    i % 2 ? "shared-prefix-id" : "e", i, date);
        }
        evg_model *m = NULL;
        CHECK_INT(evg_load_memory(&m, "order.csv", text, len, NULL), 0);
        if (m == NULL)
            return;
        CHECK_INT(evg_model_event_count(m), N);
        size_t bad = 0;
        for (size_t i = 1; i < evg_model_event_count(m); i++) {
            const evg_event *a = evg_model_event(m, i - 1), *b = evg_model_event(m, i);
            int64_t sa = evg_date_start(&a->date), sb = evg_date_start(&b->date);
            bool ordered = sa < sb || (sa == sb && (a->date.precision < b->date.precision ||
                                                    (a->date.precision == b->date.precision &&
                                                     strcmp(a->id, b->id) < 0)));
            bad += !ordered;
            /* The id map follows the events. */
            bad += evg_model_find_event(m, b->id) != i;
        }
        CHECK_INT(bad, 0);
        evg_model_free(m);
    }
}

/* A file larger than the first read is parsed on a second thread. Its
 * diagnostics still come in file order, the reader's own (an encoding
 * warning, malformed CSV) among the rows' checks; a limit reached by the
 * row callback stops reading, and nothing after it is reported. */
static void test_large_file_diagnostics(void)
{
    /* 20,000 rows of 250 bytes: 5 MB, over the loader's threshold (1 MiB). */
    enum { ROWS = 20000 };
    static char text[ROWS * 256 + 64];
    static char padding[201];
    memset(padding, 'p', 200);
    size_t len = (size_t)snprintf(text, sizeof text, "id,date,type,actor,title,description\n");
    for (unsigned i = 1; i <= ROWS; i++) {
        const char *date = i == 100 ? "2016-13-01" : "2016-05-01";
        const char *type = i == 15000 ? "vist" : "visit";
        const char *title = i == 5000 ? "caf\xE9" : i == 19000 ? "a\"b" : "title";
        len += (size_t)snprintf(text + len, sizeof text - len, "e%u,%s,%s,x,%s,%s\n", i, date,
                                type, title, padding);
    }
    CHECK(len > ((size_t)1 << 20));
    clear_scratch();
    write_file("events.csv", text, len);
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), EVG_EINVAL);
    /* Row i is on line i + 1; actor x's warning comes first. */
    CHECK_INT(c.count, 5);
    CHECK(strncmp(c.text[1], "101:", 4) == 0 && strstr(c.text[1], "error: invalid date"));
    CHECK(strncmp(c.text[2], "5001:", 5) == 0 && strstr(c.text[2], "warning: field 5 is not UTF-8"));
    CHECK(strncmp(c.text[3], "15001:", 6) == 0 && strstr(c.text[3], "unknown event type 'vist'"));
    CHECK(strncmp(c.text[4], "19001:", 6) == 0 && strstr(c.text[4], "stray quote"));

    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.max_rows = 10000;
    CHECK_INT(load_dir_with(&m, &c, opts), EVG_ELIMIT);
    CHECK_INT(c.count, 4);
    CHECK(strncmp(c.text[3], "10002:1: error: more than 10000 rows", 36) == 0);
}

/* A file of 17 MB (its event table and text on huge pages) arrives intact,
 * and its sources and locations are stored once each. */
static void test_large_file_texts(void)
{
    enum { ROWS = 70000 };
    size_t cap = (size_t)ROWS * 260 + 64, len = 0;
    char *text = malloc(cap);
    CHECK(text != NULL);
    if (text == NULL)
        return;
    char padding[201];
    memset(padding, 'q', 200);
    padding[200] = '\0';
    len += (size_t)snprintf(text, cap, "id,date,type,actor,location,title,description,source\n");
    for (unsigned i = 1; i <= ROWS; i++)
        len += (size_t)snprintf(text + len, cap - len, "e%u,2016-05-%02u,visit,x,%s,t%u,%s,%s\n", i,
                                1 + i % 28, i % 2 ? "Aleppo" : "Homs", i, padding,
                                i % 3 ? "Reuters" : "AP");
    CHECK(len > ((size_t)16 << 20));
    clear_scratch();
    write_file("events.csv", text, len);
    free(text);
    evg_model *m;
    captured c;
    CHECK_INT(load_dir(&m, &c), 0);
    if (m == NULL)
        return;
    CHECK_INT(evg_model_event_count(m), ROWS);
    size_t bad = 0;
    const char *reuters = NULL, *aleppo = NULL;
    for (size_t i = 0; i < ROWS; i++) {
        const evg_event *e = evg_model_event(m, i);
        unsigned n = (unsigned)strtoul(e->id + 1, NULL, 10);
        char title[32];
        snprintf(title, sizeof title, "t%u", n);
        bad += strcmp(e->title, title) != 0 || strlen(e->description) != 200 ||
               e->date.day != 1 + n % 28;
        const char *want_source = n % 3 ? "Reuters" : "AP";
        bad += strcmp(e->source, want_source) != 0;
        if (n % 3 && reuters == NULL)
            reuters = e->source;
        bad += n % 3 && e->source != reuters; /* one copy of each */
        if (n % 2 && aleppo == NULL)
            aleppo = e->location;
        bad += n % 2 && e->location != aleppo;
    }
    CHECK_INT(bad, 0);
    evg_model_free(m);
}

static void test_error_cap(void)
{
    clear_scratch();
    char text[4096] = "id,date,type,actor\n";
    for (int i = 0; i < 100; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "e%d,bad,visit,x\n", i);
    write_file("events.csv", text, strlen(text));
    captured c;
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.max_errors = 10;
    evg_model *m;
    CHECK_INT(load_dir_with(&m, &c, opts), EVG_EINVAL);
    CHECK_INT(c.errors, 10);
    CHECK(has(&c, "0:0: note: too many errors; further errors are not shown"));
}

static void test_field_limit_and_missing(void)
{
    clear_scratch();
    WRITE("events.csv", "id,date,type,actor,title\na,2016,visit,x,\"0123456789abcdef\"\n");
    captured c;
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.max_field_bytes = 8;
    evg_model *m;
    CHECK_INT(load_dir_with(&m, &c, opts), EVG_ELIMIT);
    CHECK(has(&c, "2:16: error: field longer than 8 bytes"));

    clear_scratch();
    CHECK_INT(load_dir(&m, &c), EVG_EIO);
    CHECK_INT(c.errors, 1);
    const char *missing[] = {"/nonexistent/events.csv"};
    CHECK_INT(evg_load(&m, missing, 1, NULL), EVG_EIO);
    CHECK(m == NULL);
    evg_model_free(NULL);
}

int main(void)
{
    snprintf(scratch, sizeof scratch, "/tmp/evg-test-load-XXXXXX");
    if (mkdtemp(scratch) == NULL)
        return 1;
    test_sample_dataset();
    test_rfc4180_and_values();
    test_all_errors_reported();
    test_structure_errors();
    test_actor_errors();
    test_field_positions();
    test_actor_order();
    test_event_order();
    test_large_file_diagnostics();
    test_large_file_texts();
    test_error_cap();
    test_field_limit_and_missing();
    clear_scratch();
    rmdir(scratch);
    CHECK_DONE();
}
