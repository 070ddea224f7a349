#define _POSIX_C_SOURCE 200809L

#include "render_gv_int.h"

#include "output_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Graphviz reports through one global handler, in fragments ("Error", ": ",
 * "...\n"): collect up to the newline, then pass one message on. */
static evg__reporter *gv_reporter;
static char gv_message[1024];
static size_t gv_message_len;

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
            severity = EVG_SEVERITY_ERROR, text += 7;
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
    agsafeset(object, (char *)name, (char *)value, (char *)fallback);
}

/* Graphviz reads entities in both kinds of label (&amp; in a plain label
 * is drawn as "&", once), and backslash escapes in both: so a backslash is
 * doubled, and '&' (with, in HTML-like labels, the markup characters)
 * becomes an entity, so that the text is drawn as typed. */
static char *escape_text(const char *text, bool html)
{
    size_t len = strlen(text), extra = 0;
    for (size_t i = 0; i < len; i++)
        extra += text[i] == '\\' ? 1 : text[i] == '&' || text[i] == '"' ? 5 : 3;
    char *copy = malloc(len + extra + 1);
    if (copy == NULL)
        return NULL;
    char *p = copy;
    for (size_t i = 0; i < len; i++) {
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

static int write_dot(Agraph_t *graph, const evg_output *out, evg__reporter *rep)
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
    int rc = evg__output_write(out->path, data, len, rep);
    free(data);
    return rc;
}

/* One Graphviz context for the process, never freed. Graphviz's pango
 * plugin remembers the last font name by a pointer into its context's font
 * table: once that context is freed, text sizing in the next one reads
 * freed memory (valgrind reports it; ASan aborts). A figure per process
 * never noticed; `evgraph build` and actors --by draw several. */
static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (gvc == NULL)
        gvc = gvContext();
    return gvc;
}

int evg__gv_layout(Agraph_t *graph, const char *engine, evg__reporter *rep,
                   void (*read)(Agraph_t *graph, void *payload), void *payload)
{
    gv_reporter = rep;
    gv_message_len = 0;
    agseterrf(collect_gv_message);
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
    agseterrf(NULL);
    gv_reporter = NULL;
    return rc;
}

int evg__gv_write(Agraph_t *graph, const char *engine, const evg_output *out,
                  evg__reporter *rep)
{
    return evg__gv_write_web(graph, engine, out, rep, NULL);
}

int evg__gv_write_web(Agraph_t *graph, const char *engine, const evg_output *out,
                      evg__reporter *rep, evg__svg_web *web)
{
    if (out->format == EVG_FORMAT_DOT)
        return write_dot(graph, out, rep);

    static const char *const renderers[] = {
        [EVG_FORMAT_SVG] = "svg", [EVG_FORMAT_PNG] = "png:cairo", [EVG_FORMAT_PDF] = "pdf:cairo"};
    gv_reporter = rep;
    gv_message_len = 0;
    agseterrf(collect_gv_message);
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
    if (gvRenderData(gvc, graph, renderers[out->format], &data, &len) != 0 || data == NULL) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "graphviz could not render %s",
                    evg_format_name(out->format));
        rc = EVG_ERENDER;
        goto done;
    }
    if (out->format == EVG_FORMAT_PDF)
        fix_pdf_dates(data, len);
    if (out->format == EVG_FORMAT_SVG && web) {
        char *page = NULL;
        size_t page_len = 0;
        if ((rc = evg__svg_finish(web, data, len, &page, &page_len)) != 0) {
            evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory finishing the SVG");
            goto done;
        }
        if (web->capture) {
            *web->capture = page;
            *web->capture_len = page_len;
        } else {
            rc = evg__output_write(out->path, page, page_len, rep);
            free(page);
        }
        goto done;
    }
    rc = evg__output_write(out->path, data, len, rep);
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, graph);
    agseterrf(NULL);
    gv_reporter = NULL;
    return rc;
}
