/* Passing diagnostics on to the caller's sink, with an error cap. */
#ifndef EVG_DIAG_INT_H
#define EVG_DIAG_INT_H

#include <evgraph/diag.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct evg__reporter {
    evg_diag_fn fn;
    void *payload;
    size_t max_errors; /* 0: no cap */
    size_t errors;
    size_t warnings;
    bool capped; /* the "too many errors" note was given */
} evg__reporter;

#if defined(__GNUC__)
#define EVG__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define EVG__PRINTF(f, a)
#endif

/* Formats and passes on one diagnostic; counts it. Past the error cap errors
 * are still counted but no longer passed on. */
void evg__report(evg__reporter *rep, evg_severity severity, const char *file, unsigned long line,
                 unsigned long column, const char *fmt, ...) EVG__PRINTF(6, 7);
void evg__vreport(evg__reporter *rep, evg_severity severity, const char *file,
                  unsigned long line, unsigned long column, const char *fmt, va_list ap);

/* Whether a diagnostic of this severity would reach the sink now (there
 * is one and its cap is not reached): work done only for the text of a
 * message (a did-you-mean search) is skipped when it would not. */
static inline bool evg__report_shown(const evg__reporter *rep, evg_severity severity)
{
    size_t count = severity == EVG_SEVERITY_ERROR     ? rep->errors
                   : severity == EVG_SEVERITY_WARNING ? rep->warnings
                                                      : 0;
    return rep->fn != NULL && (rep->max_errors == 0 || count < rep->max_errors);
}

/* Writes `len` bytes of user text into `buf` for quoting in a message:
 * control characters become '?', and text past `size` is cut with "...".
 * Returns buf. */
char *evg__excerpt(char *buf, size_t size, const char *text, size_t len);
#define EVG__EXCERPT_SIZE 64

#endif
