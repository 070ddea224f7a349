/* The names a figure gives its SVG while it is built: see svg_web_int.h. */
#define _POSIX_C_SOURCE 200809L

#include "svg_web_int.h"

#include <evgraph/diag.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void evg__svg_name(char *buf, size_t size, const char *name)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 4 < size; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.')
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, size - o, "_%02x", c);
    }
    buf[o] = '\0';
}

static bool name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool evg__svg_claim_id(evg__strmap *ids, evg__arena *strings, const char *id, bool *failed)
{
    if (evg__strmap_get(ids, id) != UINT32_MAX)
        return false;
    char *copy = evg__arena_strndup(strings, id, strlen(id));
    if (copy == NULL || evg__strmap_put(ids, copy, 0) == UINT32_MAX)
        *failed = true;
    return true;
}

int evg__svg_web_init(evg__svg_web *web, const char *out_path, const evg_svg_opts *opts,
                      evg__reporter *rep)
{
    memset(web, 0, sizeof *web);
    web->warn_urls = true;
    web->css = opts ? opts->css : NULL;
    web->no_size = opts && opts->no_size;
    web->transparent = opts && opts->transparent;
    const char *source = opts ? opts->id_prefix : NULL;
    char base[EVG__SVG_PREFIX_MAX];
    if (source == NULL || source[0] == '\0') {
        web->hashed_prefix = true;
        const char *path = out_path && strcmp(out_path, "-") != 0 ? out_path : "figure";
        const char *slash = strrchr(path, '/');
        const char *name = slash ? slash + 1 : path;
        size_t len = strcspn(name, ".");
        if (len == 0)
            name = "figure", len = 6;
        if (len >= sizeof base - 8)
            len = sizeof base - 9; /* room for the hash */
        memcpy(base, name, len);
        base[len] = '\0';
        source = base;
    }
    /* An XML name starts with a letter or '_'; CSS selectors like it too. */
    char name[EVG__SVG_PREFIX_MAX - 2];
    evg__svg_name(name, sizeof name, source);
    snprintf(web->prefix, sizeof web->prefix, "%s%s", name_start(name[0]) ? "" : "f", name);
    if (web->css) {
        for (const char *p = web->css; *p; p++) {
            if (p[0] == '<' && p[1] == '/' && strncasecmp(p + 2, "style", 5) == 0) {
                evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                            "the stylesheet holds '</style', which would end it early in a "
                            "web page");
                return EVG_EUSAGE;
            }
        }
    }
    return 0;
}

void evg__svg_web_free(evg__svg_web *web)
{
    free(web->held);
    evg__strmap_free(&web->ids);
    evg__arena_free(&web->strings);
    free(web->title.data);
    free(web->desc.data);
    memset(web, 0, sizeof *web);
}

void evg__svg_id(evg__svg_web *web, char *buf, size_t size, const char *kind, const char *id)
{
    char name[160];
    evg__svg_name(name, sizeof name, id);
    snprintf(buf, size, "%s-%s%s%s", web->prefix, kind ? kind : "", kind ? "-" : "", name);
    size_t base_len = strlen(buf);
    for (unsigned long n = 2; !evg__svg_claim_id(&web->ids, &web->strings, buf, &web->failed); n++)
        snprintf(buf + base_len, size - base_len, "-%lu", n);
}

void evg__svg_hold(evg__svg_web *web, char *buf, const char *value)
{
    snprintf(buf, 24, "evgph%zu", web->held_count);
    if (web->held_count == web->held_cap) {
        size_t cap = web->held_cap ? web->held_cap * 2 : 64;
        char **p = realloc(web->held, cap * sizeof *p);
        if (p == NULL) {
            web->failed = true;
            return;
        }
        web->held = p;
        web->held_cap = cap;
    }
    char *copy = evg__arena_strndup(&web->strings, value, strlen(value));
    if (copy == NULL) {
        web->failed = true;
        return;
    }
    web->held[web->held_count++] = copy;
}

bool evg__url_allowed(const char *url, char scheme[32], const char **why)
{
    *why = NULL;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
        if (*p <= 0x20 || *p == 0x7F || *p == '\\') {
            *why = "spaces, control characters or backslashes";
            return false;
        }
    }
    size_t len = strcspn(url, ":/?#");
    if (url[len] != ':') {
        if (url[0] == '/' && url[1] == '/') {
            *why = "'//' (another host)";
            return false;
        }
        return true; /* relative */
    }
    bool valid = len > 0 && ((url[0] | 0x20) >= 'a' && (url[0] | 0x20) <= 'z');
    for (size_t i = 0; valid && i < len; i++) {
        char c = url[i];
        valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '+' || c == '-' || c == '.';
    }
    if (valid && ((len == 4 && strncasecmp(url, "http", 4) == 0) ||
                  (len == 5 && strncasecmp(url, "https", 5) == 0) ||
                  (len == 6 && strncasecmp(url, "mailto", 6) == 0)))
        return true;
    size_t n = len + 1 < 31 ? len + 1 : 31;
    memcpy(scheme, url, n);
    scheme[n] = '\0';
    if (n == 31)
        memcpy(scheme + 27, "...", 4);
    *why = scheme;
    return false;
}

const char *evg__event_url(evg__svg_web *web, const evg_event *e, evg__reporter *rep)
{
    if (e->url == NULL || e->url[0] == '\0')
        return NULL;
    char scheme[32];
    const char *why;
    if (evg__url_allowed(e->url, scheme, &why))
        return e->url;
    if (web == NULL || web->warn_urls) {
        char id[EVG__EXCERPT_SIZE];
        evg__excerpt(id, sizeof id, e->id, strlen(e->id));
        if (why == scheme) {
            char shown[EVG__EXCERPT_SIZE];
            evg__excerpt(shown, sizeof shown, scheme, strlen(scheme));
            evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "events line %lu: url of event '%s' has a disallowed scheme '%s'; no "
                        "link",
                        (unsigned long)e->line, id, shown);
        } else {
            evg__report(rep, EVG_SEVERITY_WARNING, NULL, 0, 0,
                        "events line %lu: url of event '%s' holds %s; no link",
                        (unsigned long)e->line, id, why);
        }
    }
    return NULL;
}
