/* What the loading tests share: a diagnostic collector and loaders that
 * check the status, and short names for what a model holds. */
#ifndef EVG_TEST_LOAD_CHECK_H
#define EVG_TEST_LOAD_CHECK_H

#include <evgraph/evgraph.h>

#include "check.h"

#include <stdlib.h>

#define DATA EVG_TEST_DATA "/import/"

typedef struct captured {
    char text[64][400];
    size_t count;
    size_t errors, warnings, notes;
} captured;

static inline void capture(const evg_diag *d, void *payload)
{
    captured *c = payload;
    c->errors += d->severity == EVG_SEVERITY_ERROR;
    c->warnings += d->severity == EVG_SEVERITY_WARNING;
    c->notes += d->severity == EVG_SEVERITY_NOTE;
    if (c->count < 64)
        snprintf(c->text[c->count++], sizeof c->text[0], "%lu:%lu: %s: %s", d->line, d->column,
                 evg_severity_name(d->severity), d->message);
}

static inline int has(const captured *c, const char *text)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->text[i], text) == 0)
            return 1;
    fprintf(stderr, "missing diagnostic \"%s\"; got:\n", text);
    for (size_t i = 0; i < c->count; i++)
        fprintf(stderr, "  %s\n", c->text[i]);
    return 0;
}

static inline evg_load_opts opts_for(captured *c)
{
    memset(c, 0, sizeof *c);
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = capture;
    opts.diag_payload = c;
    return opts;
}

static inline evg_model *load_path(const char *path, const evg_load_opts *opts, int expected)
{
    evg_model *m = NULL;
    const char *paths[] = {path};
    int rc = evg_load(&m, paths, 1, opts);
    CHECK_INT(rc, expected);
    if (rc != 0 && m != NULL)
        CHECK(!"a failed load handed out a model");
    return m;
}

static inline evg_model *load_text(const char *text, const evg_load_opts *opts, int expected)
{
    evg_model *m = NULL;
    int rc = evg_load_memory(&m, "x", text, strlen(text), opts);
    CHECK_INT(rc, expected);
    return m;
}

static inline const evg_event *event(const evg_model *m, const char *id)
{
    uint32_t i = evg_model_find_event(m, id);
    if (i == EVG_NO_INDEX) {
        fprintf(stderr, "no event '%s'\n", id);
        check_failures++;
        static evg_event none;
        return &none;
    }
    return evg_model_event(m, i);
}

static inline const char *type_of(const evg_model *m, const evg_event *e)
{
    const evg_type *t = evg_model_type(m, e->type);
    return t ? t->id : "(none)";
}

static inline const char *actor_name(const evg_model *m, uint32_t index)
{
    const evg_actor *a = evg_model_actor(m, index);
    return a ? a->name : "(none)";
}

static inline const char *date_text(const evg_date *d)
{
    static char text[4][EVG_DATE_TEXT_MAX];
    static int next;
    char *out = text[next++ % 4];
    evg_date_format(out, EVG_DATE_TEXT_MAX, d);
    return out;
}

#endif
