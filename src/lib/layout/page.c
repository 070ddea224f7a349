/* Page names and sizes: the text blocks a figure is laid out for. */
#include <evgraph/render.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CM (72.0 / 2.54)
#define IN 72.0

static const struct {
    const char *name;
    double width, height;
} pages[] = {
    {"a4", 17.0 * CM, 24.7 * CM},
    {"a4-landscape", 24.7 * CM, 17.0 * CM},
    {"letter", 6.5 * IN, 9.0 * IN},
    {"letter-landscape", 9.0 * IN, 6.5 * IN},
    {"none", 0, 0},
};

/* A length with an optional unit (pt by default); *end is past it. */
static bool parse_length(double *out, const char *s, const char **end)
{
    char *after;
    double v = strtod(s, &after);
    if (after == s || !(v > 0) || v > 1e6)
        return false;
    static const struct {
        const char *unit;
        double points;
    } units[] = {{"pt", 1.0}, {"px", 0.75}, {"mm", CM / 10}, {"cm", CM}, {"in", IN}};
    double scale = 1.0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strncasecmp(after, units[i].unit, 2) == 0) {
            scale = units[i].points;
            after += 2;
            break;
        }
    }
    *out = v * scale;
    *end = after;
    return true;
}

int evg_page_parse(evg_page *out, const char *spec)
{
    if (spec == NULL)
        return EVG_EUSAGE;
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        if (strcasecmp(spec, pages[i].name) == 0) {
            out->width = pages[i].width;
            out->height = pages[i].height;
            return 0;
        }
    }
    const char *p;
    double w, h;
    if (!parse_length(&w, spec, &p) || (*p != 'x' && *p != 'X') ||
        !parse_length(&h, p + 1, &p) || *p != '\0')
        return EVG_EUSAGE;
    if (w < EVG_FIGURE_WIDTH_MIN || w > EVG_FIGURE_WIDTH_MAX || h < 72.0 || h > 14400.0)
        return EVG_EUSAGE;
    out->width = w;
    out->height = h;
    return 0;
}
