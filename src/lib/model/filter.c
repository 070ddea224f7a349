#include <evgraph/render.h>

#include "diag_int.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Marks each id of a comma-separated list in `marks`, looked up by `find`.
 * Reports unknown ids under `option`. Returns false on any unknown id. */
static bool mark_list(bool *marks, const char *list, const evg_model *model,
                      uint32_t (*find)(const evg_model *, const char *), const char *option,
                      evg__reporter *rep)
{
    bool ok = true;
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char id[256];
        while (len && *p == ' ')
            p++, len--;
        while (len && p[len - 1] == ' ')
            len--;
        if (len) {
            uint32_t index = EVG_NO_INDEX;
            if (len < sizeof id) {
                memcpy(id, p, len);
                id[len] = '\0';
                index = find(model, id);
            }
            if (index == EVG_NO_INDEX) {
                char q[EVG__EXCERPT_SIZE];
                evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "%s: no such id '%s'", option,
                            evg__excerpt(q, sizeof q, p, len));
                ok = false;
            } else {
                marks[index] = true;
            }
        }
        p = end ? end + 1 : p + strlen(p);
    }
    return ok;
}

static bool parse_bound(evg_date *out, const char *text, const char *option, evg__reporter *rep)
{
    if (evg_date_parse(out, text, strlen(text)) == 0)
        return true;
    char q[EVG__EXCERPT_SIZE];
    evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0,
                "%s: invalid date '%s' (expected YYYY, YYYY-MM or YYYY-MM-DD)", option,
                evg__excerpt(q, sizeof q, text, strlen(text)));
    return false;
}

/* An actor counts as selected when it or one of its ancestors is. */
static bool actor_selected(const evg_model *model, const bool *marks, uint32_t actor)
{
    for (size_t depth = 0; actor != EVG_NO_INDEX && depth < 64; depth++) {
        if (marks[actor])
            return true;
        actor = evg_model_actor(model, actor)->parent;
    }
    return false;
}

int evg_filter_select(uint32_t **out, size_t *count, const evg_model *model,
                      const evg_filter *filter, evg_diag_fn diag, void *diag_payload)
{
    *out = NULL;
    *count = 0;
    evg__reporter rep = {diag, diag_payload, 0, 0, 0, false};
    evg_filter none = EVG_FILTER_INIT;
    if (filter == NULL)
        filter = &none;
    size_t n = evg_model_event_count(model);
    bool *types = calloc(evg_model_type_count(model) + 1, 1);
    bool *actors = calloc(evg_model_actor_count(model) + 1, 1);
    uint32_t *selected = malloc((n ? n : 1) * sizeof *selected);
    int rc = 0;
    if (types == NULL || actors == NULL || selected == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    evg_date from = {0}, to = {0};
    bool ok = true;
    if (filter->from)
        ok = parse_bound(&from, filter->from, "--from", &rep) && ok;
    if (filter->to)
        ok = parse_bound(&to, filter->to, "--to", &rep) && ok;
    if (filter->types)
        ok = mark_list(types, filter->types, model, evg_model_find_type, "--type", &rep) && ok;
    if (filter->actors)
        ok = mark_list(actors, filter->actors, model, evg_model_find_actor, "--actor", &rep) &&
             ok;
    if (!ok) {
        rc = EVG_EUSAGE;
        goto done;
    }
    int64_t from_start = filter->from ? evg_date_start(&from) : INT64_MIN;
    int64_t to_end = filter->to ? evg_date_end(&to) : INT64_MAX;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        const evg_event *e = evg_model_event(model, i);
        const evg_date *last = e->end_date.precision ? &e->end_date : &e->date;
        if (evg_date_end(last) <= from_start || evg_date_start(&e->date) >= to_end)
            continue;
        if (filter->types && !types[e->type])
            continue;
        if (filter->actors) {
            bool hit = actor_selected(model, actors, e->actor);
            for (uint32_t t = 0; !hit && t < e->target_count; t++)
                hit = actor_selected(model, actors, e->targets[t]);
            if (!hit)
                continue;
        }
        selected[kept++] = (uint32_t)i;
    }
    *count = kept;
    if (kept) {
        *out = selected;
        selected = NULL;
    }
done:
    free(types);
    free(actors);
    free(selected);
    return rc;
}
