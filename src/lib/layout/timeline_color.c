/* Colours of the timeline: tints of a type's colour, and light or dark. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date_int.h"

static bool parse_color(const char *color, unsigned rgb[3])
{
    if (color == NULL || color[0] != '#' || strlen(color) < 7)
        return false;
    for (int i = 0; i < 3; i++) {
        unsigned v = 0;
        for (int k = 1; k <= 2; k++) {
            char c = color[1 + 2 * i + k - 1];
            v = v * 16 + (unsigned)(c >= '0' && c <= '9'   ? c - '0'
                                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                           : 0);
        }
        rgb[i] = v;
    }
    return true;
}

/* `color` mixed with white (amount 0: unchanged, 1: white) or black
 * (negative amounts); kept once per distinct result. */
const char *evg__tl_shade(builder *b, const char *color, double amount)
{
    unsigned rgb[3];
    if (!parse_color(color, rgb))
        return color;
    char text[8];
    for (int i = 0; i < 3; i++) {
        double v = amount >= 0 ? rgb[i] + (255 - rgb[i]) * amount : rgb[i] * (1 + amount);
        rgb[i] = (unsigned)lround(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    snprintf(text, sizeof text, "#%02X%02X%02X", rgb[0], rgb[1], rgb[2]);
    uint32_t found = evg__strmap_get(&b->tints, text);
    if (found != UINT32_MAX)
        return b->tint_list[found];
    char *copy = evg__tl_arena_str(b, text, 7);
    const char **slot =
        copy ? evg__tl_grow((void **)&b->tint_list, &b->tint_count, &b->tint_cap, sizeof *slot)
             : NULL;
    if (slot == NULL ||
        evg__strmap_put(&b->tints, copy, (uint32_t)(b->tint_count - 1)) == UINT32_MAX) {
        b->nomem = true;
        return color;
    }
    *slot = copy;
    return copy;
}

bool evg__tl_is_light(const char *color)
{
    unsigned rgb[3];
    if (!parse_color(color, rgb))
        return false;
    return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] > 150;
}
