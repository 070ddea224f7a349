#define _POSIX_C_SOURCE 200809L

#include "render_gv_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Graphviz 2.43 keeps state in globals (its error handler, cgraph's
 * dictionaries, the pango plugin's font cache): all use of it, from the first
 * agopen of a figure to the last agclose, holds this lock. It is recursive so
 * that a renderer holding it may call the helpers below, which take it too. */
static pthread_once_t gv_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t gv_mutex;
/* The one Graphviz context of the process (see context()). */
static GVC_t *gv_context;

static void gv_init(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&gv_mutex, &attr);
    pthread_mutexattr_destroy(&attr);
}

void evg__gv_lock(void)
{
    pthread_once(&gv_once, gv_init);
    pthread_mutex_lock(&gv_mutex);
}

void evg__gv_unlock(void)
{
    pthread_mutex_unlock(&gv_mutex);
}

/* Graphviz reports through one global handler, in fragments ("Error", ": ",
 * "...\n"): collect up to the newline, then pass one message on. An error
 * fails the figure (gv_errors). Guarded by the lock. */
static evg__reporter *gv_reporter;
static char gv_message[1024];
static size_t gv_message_len;
static size_t gv_errors;

static int collect_gv_message(char *fragment)
{
    size_t len = strlen(fragment);
    if (gv_message_len + len >= sizeof gv_message)
        len = sizeof gv_message - 1 - gv_message_len;
    memcpy(gv_message + gv_message_len, fragment, len);
    gv_message_len += len;
    gv_message[gv_message_len] = '\0';
    char *newline;
    while ((newline = strchr(gv_message, '\n')) != NULL) {
        *newline = '\0';
        const char *text = gv_message;
        evg_severity severity = EVG_SEVERITY_WARNING;
        if (strncmp(text, "Error: ", 7) == 0)
            severity = EVG_SEVERITY_ERROR, text += 7, gv_errors++;
        else if (strncmp(text, "Warning: ", 9) == 0)
            text += 9;
        if (*text && gv_reporter)
            evg__report(gv_reporter, severity, NULL, 0, 0, "graphviz: %s", text);
        size_t rest = gv_message_len - (size_t)(newline + 1 - gv_message);
        memmove(gv_message, newline + 1, rest + 1);
        gv_message_len = rest;
    }
    if (gv_message_len == sizeof gv_message - 1)
        gv_message_len = 0; /* an endless line: drop it */
    return 0;
}

void evg__gv_set(void *object, const char *name, const char *value, const char *fallback)
{
    /* A value goes into DOT text as a quoted string, its quotes escaped and
     * long lines folded: past EVG__GV_VALUE_MAX bytes it could pass the
     * reader's 16384 (a tooltip of many events, an id from a huge actor id),
     * so it is cut at a character boundary. */
    size_t len = strlen(value);
    if (len <= EVG__GV_VALUE_MAX) {
        agsafeset(object, (char *)name, (char *)value, (char *)fallback);
        return;
    }
    len = EVG__GV_VALUE_MAX;
    while (len && ((unsigned char)value[len] & 0xC0) == 0x80)
        len--;
    char *cut = malloc(len + 1);
    if (cut == NULL) {
        agsafeset(object, (char *)name, (char *)fallback, (char *)fallback);
        return;
    }
    memcpy(cut, value, len);
    cut[len] = '\0';
    agsafeset(object, (char *)name, cut, (char *)fallback);
    free(cut);
}

/* The escaped bytes of byte c. */
static size_t escaped_size(unsigned char c, bool html)
{
    if (c == '&')
        return 5;
    if (html && (c == '<' || c == '>'))
        return 4;
    if (html && c == '"')
        return 6;
    return c == '\\' ? 2 : 1;
}

/* Graphviz reads entities in both kinds of label (&amp; in a plain label
 * is drawn as "&", once), and backslash escapes in both: so a backslash is
 * doubled, and '&' (with, in HTML-like labels, the markup characters)
 * becomes an entity, so that the text is drawn as typed. Graphviz's DOT
 * reader fails on a quoted string or a run of HTML text over 16384 bytes
 * ("longer than 16384?"): a text longer than EVG__GV_TEXT_MAX escaped bytes
 * is cut at a character boundary and ends in an ellipsis, so that a few
 * such texts in one label still fit. */
static char *escape_text(const char *text, bool html)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t len = strlen(text), size = 0, cut = len;
    for (size_t i = 0; i < len;) {
        size_t char_len = 1, char_size = escaped_size((unsigned char)text[i], html);
        while (i + char_len < len && ((unsigned char)text[i + char_len] & 0xC0) == 0x80)
            char_len++, char_size++;
        if (size + char_size > EVG__GV_TEXT_MAX - (sizeof ellipsis - 1)) {
            cut = i;
            break;
        }
        size += char_size;
        i += char_len;
    }
    char *copy = malloc(size + sizeof ellipsis);
    if (copy == NULL)
        return NULL;
    char *p = copy;
    for (size_t i = 0; i < cut; i++) {
        unsigned char c = (unsigned char)text[i];
        const char *entity = c == '&'              ? "&amp;"
                             : html && c == '<'    ? "&lt;"
                             : html && c == '>'    ? "&gt;"
                             : html && c == '"'    ? "&quot;"
                                                   : NULL;
        if (entity) {
            size_t n = strlen(entity);
            memcpy(p, entity, n);
            p += n;
            continue;
        }
        if (c == '\\')
            *p++ = '\\';
        if (c < 0x20 || c == 0x7F)
            c = ' ';
        *p++ = (char)c;
    }
    if (cut < len) {
        memcpy(p, ellipsis, sizeof ellipsis - 1);
        p += sizeof ellipsis - 1;
    }
    *p = '\0';
    return copy;
}

char *evg__gv_escape_label(const char *text)
{
    return escape_text(text, false);
}

char *evg__gv_escape_html(const char *text)
{
    return escape_text(text, true);
}

/* cairo 1.16 stamps a PDF with the time it was made (and ignores
 * SOURCE_DATE_EPOCH): the same input must give the same bytes, so the date's
 * digits are overwritten in place, keeping every byte offset the PDF's
 * cross-reference table holds. */
static void fix_pdf_dates(char *data, size_t len)
{
    static const char keys[][16] = {"/CreationDate (", "/ModDate ("};
    static const char fixed[] = "D:19700101000000Z";
    for (size_t k = 0; k < 2; k++) {
        size_t key_len = strlen(keys[k]);
        for (size_t i = 0; i + key_len + sizeof fixed - 1 <= len; i++) {
            if (memcmp(data + i, keys[k], key_len) != 0)
                continue;
            char *date = data + i + key_len;
            size_t n = 0;
            while (i + key_len + n < len && date[n] != ')')
                n++;
            /* Same length only: "D:" and 14 digits, maybe a zone after. */
            if (n >= 16 && date[0] == 'D' && date[1] == ':')
                memcpy(date + 2, fixed + 2, 14);
        }
    }
}

/* The DOT text of the graph as built (before any layout). */
static int dot_bytes(char **out, size_t *out_len, Agraph_t *graph, evg__reporter *rep)
{
    char *data = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&data, &len);
    if (mem == NULL)
        return EVG_ENOMEM;
    int written = agwrite(graph, mem);
    if (fclose(mem) != 0 || written != 0) {
        free(data);
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "cannot write the DOT graph");
        return EVG_ERENDER;
    }
    *out = data;
    *out_len = len;
    return 0;
}

/* The Graphviz context, one for the process, made on first use and never
 * freed: Graphviz's pango plugin remembers the last font name by a pointer
 * into its context's font table, so once a context is freed, text sizing in
 * the next one reads freed memory (valgrind reports it; ASan aborts). The
 * operating system reclaims it at exit; nothing else holds resources.
 * Called with the lock held. */
static GVC_t *context(void)
{
    if (gv_context == NULL)
        gv_context = gvContext();
    return gv_context;
}

/* Starts listening to Graphviz's messages; with the lock held. */
static void listen(evg__reporter *rep)
{
    gv_reporter = rep;
    gv_message_len = 0;
    gv_errors = 0;
    agseterrf(collect_gv_message);
}

/* Stops listening; EVG_ERENDER when Graphviz reported an error meanwhile
 * (it may still have produced output, but not the figure asked for). */
static int stop_listening(int rc, evg__reporter *rep)
{
    if (gv_message_len) { /* a last message without its newline */
        char newline[] = "\n";
        collect_gv_message(newline);
    }
    if (rc == 0 && gv_errors) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                    "graphviz reported %zu error%s: no figure", gv_errors,
                    gv_errors == 1 ? "" : "s");
        rc = EVG_ERENDER;
    }
    agseterrf(NULL);
    gv_reporter = NULL;
    return rc;
}

int evg__gv_layout(Agraph_t *graph, const char *engine, evg__reporter *rep,
                   void (*read)(Agraph_t *graph, void *payload), void *payload)
{
    evg__gv_lock();
    listen(rep);
    int rc = 0;
    GVC_t *gvc = context();
    if (gvc == NULL) {
        rc = EVG_ENOMEM;
    } else if (gvLayout(gvc, graph, engine) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "graphviz could not lay out the graph");
        rc = EVG_ERENDER;
    } else {
        read(graph, payload);
        gvFreeLayout(gvc, graph);
    }
    rc = stop_listening(rc, rep);
    evg__gv_unlock();
    return rc;
}

int evg__gv_render(char **out, size_t *out_len, Agraph_t *graph, const char *engine,
                   evg_format format, evg__reporter *rep)
{
    *out = NULL;
    *out_len = 0;
    evg__gv_lock();
    if (format == EVG_FORMAT_DOT) {
        int rc = dot_bytes(out, out_len, graph, rep);
        evg__gv_unlock();
        return rc;
    }
    static const char *const renderers[] = {
        [EVG_FORMAT_SVG] = "svg", [EVG_FORMAT_PNG] = "png:cairo", [EVG_FORMAT_PDF] = "pdf:cairo"};
    if ((size_t)format >= sizeof renderers / sizeof renderers[0]) {
        evg__gv_unlock();
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "Graphviz does not draw %s",
                    evg_format_name(format));
        return EVG_EUSAGE;
    }
    listen(rep);
    int rc = 0;
    char *data = NULL;
    unsigned int len = 0;
    bool laid_out = false;
    GVC_t *gvc = context();
    if (gvc == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    if (gvLayout(gvc, graph, engine) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "graphviz could not lay out the graph");
        rc = EVG_ERENDER;
        goto done;
    }
    laid_out = true;
    if (gvRenderData(gvc, graph, renderers[format], &data, &len) != 0 || data == NULL) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "graphviz could not render %s",
                    evg_format_name(format));
        rc = EVG_ERENDER;
        goto done;
    }
    if (format == EVG_FORMAT_PDF)
        fix_pdf_dates(data, len);
    /* Graphviz's buffer is freed by Graphviz: hand over a copy. */
    if ((*out = malloc(len + 1u)) == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    memcpy(*out, data, len);
    (*out)[len] = '\0';
    *out_len = len;
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, graph);
    rc = stop_listening(rc, rep);
    if (rc) {
        free(*out);
        *out = NULL;
        *out_len = 0;
    }
    evg__gv_unlock();
    return rc;
}

void evg__gv_listen(evg__reporter *rep)
{
    listen(rep);
}

int evg__gv_stop_listening(int rc, evg__reporter *rep)
{
    return stop_listening(rc, rep);
}
