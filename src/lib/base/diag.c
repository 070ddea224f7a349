#include "diag_int.h"

#include <stdio.h>
#include <string.h>

const char *evg_strerror(int code)
{
    switch (code) {
    case EVG_OK:
        return "success";
    case EVG_EINVAL:
        return "invalid input";
    case EVG_ENOMEM:
        return "out of memory";
    case EVG_EIO:
        return "input/output error";
    case EVG_EUSAGE:
        return "invalid usage";
    case EVG_ERENDER:
        return "rendering failed";
    case EVG_ELIMIT:
        return "limit exceeded";
    default:
        return "unknown error";
    }
}

const char *evg_severity_name(evg_severity severity)
{
    switch (severity) {
    case EVG_SEVERITY_ERROR:
        return "error";
    case EVG_SEVERITY_WARNING:
        return "warning";
    case EVG_SEVERITY_NOTE:
        return "note";
    }
    return "error";
}

void evg__vreport(evg__reporter *rep, evg_severity severity, const char *file,
                  unsigned long line, unsigned long column, const char *fmt, va_list ap)
{
    if (severity == EVG_SEVERITY_ERROR) {
        rep->errors++;
        if (rep->max_errors && rep->errors > rep->max_errors) {
            if (!rep->capped && rep->fn) {
                evg_diag cap = {EVG_SEVERITY_NOTE, file, 0, 0,
                                "too many errors; further errors are not shown"};
                rep->fn(&cap, rep->payload);
            }
            rep->capped = true;
            return;
        }
    } else if (severity == EVG_SEVERITY_WARNING) {
        rep->warnings++;
        if (rep->max_errors && rep->warnings > rep->max_errors) {
            if (rep->warnings == rep->max_errors + 1 && rep->fn) {
                evg_diag cap = {EVG_SEVERITY_NOTE, file, 0, 0,
                                "too many warnings; further warnings are not shown"};
                rep->fn(&cap, rep->payload);
            }
            return;
        }
    }
    if (rep->fn == NULL)
        return;
    char message[512];
    vsnprintf(message, sizeof message, fmt, ap);
    evg_diag diag = {severity, file, line, column, message};
    rep->fn(&diag, rep->payload);
}

void evg__report(evg__reporter *rep, evg_severity severity, const char *file, unsigned long line,
                 unsigned long column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    evg__vreport(rep, severity, file, line, column, fmt, ap);
    va_end(ap);
}

char *evg__excerpt(char *buf, size_t size, const char *text, size_t len)
{
    size_t n = 0;
    bool cut = len > size - 1;
    size_t keep = cut ? size - 4 : len;
    /* Do not cut a UTF-8 sequence in half. */
    while (cut && keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
        keep--;
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[n++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
    }
    if (cut) {
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
    return buf;
}
