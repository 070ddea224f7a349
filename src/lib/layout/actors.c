/* The actor-relation graph without Graphviz: options, aggregation, periods. */
#include "actor_tree_int.h"
#include "actors_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const layout_names[] = {
    [EVG_ACTORS_LAYOUT_AUTO] = "auto",   [EVG_ACTORS_LAYOUT_DOT] = "dot",
    [EVG_ACTORS_LAYOUT_NEATO] = "neato", [EVG_ACTORS_LAYOUT_FDP] = "fdp",
    [EVG_ACTORS_LAYOUT_SFDP] = "sfdp",   [EVG_ACTORS_LAYOUT_CIRCO] = "circo",
};

int evg_actors_layout_parse(evg_actors_layout *out, const char *name)
{
    for (size_t i = 0; i < sizeof layout_names / sizeof layout_names[0]; i++) {
        if (strcmp(name, layout_names[i]) == 0) {
            *out = (evg_actors_layout)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

const char *evg_actors_layout_name(evg_actors_layout layout)
{
    return (size_t)layout < sizeof layout_names / sizeof layout_names[0] ? layout_names[layout]
                                                                         : "auto";
}

int evg_actors_aggregate_parse(evg_actors_aggregate *out, const char *name)
{
    static const char *const names[] = {[EVG_ACTORS_AGGREGATE_TYPE] = "type",
                                        [EVG_ACTORS_AGGREGATE_ALL] = "all",
                                        [EVG_ACTORS_AGGREGATE_NONE] = "none"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (evg_actors_aggregate)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

int evg_period_parse(evg_period *out, const char *name)
{
    static const char *const names[] = {[EVG_PERIOD_NONE] = "none",
                                        [EVG_PERIOD_MONTH] = "month",
                                        [EVG_PERIOD_QUARTER] = "quarter",
                                        [EVG_PERIOD_YEAR] = "year"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) {
            *out = (evg_period)i;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

size_t evg_period_path(char *buf, size_t size, const char *path, const char *period)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    /* A leading dot names a hidden file, not an extension. */
    if (dot == base)
        dot = NULL;
    size_t stem = dot ? (size_t)(dot - path) : strlen(path);
    int n = snprintf(buf, size, "%.*s-%s%s", (int)stem, path, period, dot ? dot : "");
    return n < 0 ? 0 : (size_t)n;
}

int32_t evg__period_key(const evg_date *date, evg_period by, bool *coarse)
{
    int32_t year = date->year;
    int32_t month = date->precision >= EVG_PRECISION_MONTH ? date->month : 1;
    switch (by) {
    case EVG_PERIOD_MONTH:
        *coarse = date->precision < EVG_PRECISION_MONTH;
        return year * 12 + month - 1;
    case EVG_PERIOD_QUARTER:
        *coarse = date->precision < EVG_PRECISION_MONTH;
        return year * 4 + (month - 1) / 3;
    case EVG_PERIOD_YEAR:
    case EVG_PERIOD_NONE:
        break;
    }
    *coarse = false;
    return year;
}

size_t evg__period_name(char *buf, size_t size, int32_t key, evg_period by)
{
    int n;
    switch (by) {
    case EVG_PERIOD_MONTH:
        n = snprintf(buf, size, "%04d-%02d", (int)(key / 12), (int)(key % 12 + 1));
        break;
    case EVG_PERIOD_QUARTER:
        n = snprintf(buf, size, "%04d-Q%d", (int)(key / 4), (int)(key % 4 + 1));
        break;
    default:
        n = snprintf(buf, size, "%04d", (int)key);
        break;
    }
    return n < 0 ? 0 : (size_t)n;
}

int evg__period_split(size_t **starts, int32_t **keys, size_t *period_count, size_t *coarse_events,
                      const evg_model *model, const uint32_t *events, size_t count, evg_period by)
{
    *starts = NULL;
    *keys = NULL;
    *period_count = 0;
    *coarse_events = 0;
    size_t *s = malloc((count + 1) * sizeof *s);
    int32_t *k = malloc((count ? count : 1) * sizeof *k);
    if (s == NULL || k == NULL) {
        free(s);
        free(k);
        return EVG_ENOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        bool coarse;
        int32_t key = evg__period_key(&evg_model_event(model, events[i])->date, by, &coarse);
        *coarse_events += coarse;
        if (n == 0 || key != k[n - 1]) {
            s[n] = i;
            k[n++] = key;
        }
    }
    s[n] = count;
    *starts = s;
    *keys = k;
    *period_count = n;
    return 0;
}
