/* Enum <-> name tables: see names_int.h. */
#include "names_int.h"

#include <strings.h>

static const struct {
    const char *id, *label;
} actor_kinds[EVG__ACTOR_KIND_COUNT] = {
    [EVG_ACTOR_STATE] = {"state", "state"},
    [EVG_ACTOR_PERSON] = {"person", "person"},
    [EVG_ACTOR_ORGANIZATION] = {"organization", "organization"},
    [EVG_ACTOR_ARMED_GROUP] = {"armed_group", "armed group"},
    [EVG_ACTOR_OTHER] = {"other", "other"},
};

static size_t kind_index(evg_actor_kind kind)
{
    return (size_t)kind < EVG__ACTOR_KIND_COUNT ? (size_t)kind : (size_t)EVG_ACTOR_OTHER;
}

const char *evg__actor_kind_id(evg_actor_kind kind)
{
    return actor_kinds[kind_index(kind)].id;
}

const char *evg__actor_kind_label(evg_actor_kind kind)
{
    return actor_kinds[kind_index(kind)].label;
}

bool evg__actor_kind_parse(evg_actor_kind *out, const char *text, size_t len)
{
    for (size_t k = 0; k < EVG__ACTOR_KIND_COUNT; k++) {
        const char *names[2] = {actor_kinds[k].id, actor_kinds[k].label};
        for (size_t n = 0; n < 2; n++) {
            size_t name_len = 0;
            while (names[n][name_len])
                name_len++;
            if (name_len == len && strncasecmp(names[n], text, len) == 0) {
                *out = (evg_actor_kind)k;
                return true;
            }
        }
    }
    return false;
}
