/* What a figure's SVG is named by while it is built: a per-figure id prefix,
 * unique ids, placeholders for data-bearing attributes (tooltips, links) and
 * the check of link targets. The renderers give Graphviz the placeholders;
 * the SVG post-processor (output/svg_int.h) puts the escaped values in
 * afterwards. Both stages see this file, so it lives in base. */
#ifndef EVG_SVG_WEB_INT_H
#define EVG_SVG_WEB_INT_H

#include <evgraph/model.h>
#include <evgraph/render.h>

#include <stdbool.h>
#include <stddef.h>

#include "arena_int.h"
#include "buf_int.h"
#include "diag_int.h"
#include "strmap_int.h"

#define EVG__SVG_PREFIX_MAX 48

typedef struct evg__svg_web {
    char prefix[EVG__SVG_PREFIX_MAX]; /* an XML name, ASCII */
    const char *css;                  /* NULL: none */
    bool no_size;                     /* leave out width and height */
    bool hashed_prefix;               /* prefix not given: made unique by a hash
                                       * of the figure and its options */
    bool transparent;                 /* no background */
    const char *hash_salt;            /* also hashed (a figure's place on a
                                       * page); NULL: none */
    bool warn_urls;                   /* report disallowed link schemes */
    evg__buf title, desc;             /* plain text */
    char **held;                      /* values behind the placeholders */
    size_t held_count, held_cap;
    evg__strmap ids;    /* ids given out, to keep them unique */
    evg__arena strings; /* the held values and the ids */
    bool failed;
} evg__svg_web;

/* Sets up `web` for an output: prefix from opts->id_prefix, else from the
 * base name of `path` ("figure" for "-"). `opts` may be NULL. Returns 0 or
 * EVG_EUSAGE (a stylesheet holding "</style", reported). */
int evg__svg_web_init(evg__svg_web *web, const char *path, const evg_svg_opts *opts,
                      evg__reporter *rep);
void evg__svg_web_free(evg__svg_web *web);

/* Writes the sanitized form of `name` (ASCII letters, digits, '-', '_', '.';
 * other bytes as _HH) to buf, at most size-1 bytes. */
void evg__svg_name(char *buf, size_t size, const char *name);

/* Remembers an id in `ids`, copied to `strings`; false when it was given
 * out already, true when it is new or memory ran out (*failed set). */
bool evg__svg_claim_id(evg__strmap *ids, evg__arena *strings, const char *id, bool *failed);

/* A unique id "PREFIX-KIND-ID" (KIND may be NULL: "PREFIX-ID") in buf;
 * a repeat gets "-2", "-3" ... in the order asked. */
void evg__svg_id(evg__svg_web *web, char *buf, size_t size, const char *kind, const char *id);

/* A placeholder for `value` (a tooltip or an allowed link) to give Graphviz
 * in its place; written to buf (at least 24 bytes). */
void evg__svg_hold(evg__svg_web *web, char *buf, const char *value);

/* Whether a link target may become a link: http, https and mailto, and
 * relative references (no scheme; not "//host"). Anything holding
 * whitespace, control characters or a backslash is refused, since browsers
 * ignore those inside a scheme. On refusal *why names the scheme or the
 * reason (a static string or `scheme`, a caller buffer of 32 bytes). */
bool evg__url_allowed(const char *url, char scheme[32], const char **why);

/* Checks an event's url; a disallowed one is reported (when
 * web->warn_urls) and NULL returned. */
const char *evg__event_url(evg__svg_web *web, const evg_event *e, evg__reporter *rep);

#endif
