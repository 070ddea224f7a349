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

char *evg__gv_escape_label(const char *text)
{
    size_t len = strlen(text), extra = 0;
    for (size_t i = 0; i < len; i++)
        extra += text[i] == '\\';
    char *copy = malloc(len + extra + 1);
    if (copy == NULL)
        return NULL;
    char *p = copy;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\\')
            *p++ = '\\';
        if (c < 0x20 || c == 0x7F)
            c = ' ';
        *p++ = (char)c;
    }
    *p = '\0';
    return copy;
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

int evg__gv_write(Agraph_t *graph, const char *engine, const evg_output *out,
                  evg__reporter *rep)
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
    GVC_t *gvc = gvContext();
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
    rc = evg__output_write(out->path, data, len, rep);
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, graph);
    if (gvc)
        gvFreeContext(gvc);
    agseterrf(NULL);
    gv_reporter = NULL;
    return rc;
}
