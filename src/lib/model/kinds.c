/* Actor kinds by name. */
#include "kinds_int.h"

#include <string.h>
#include <strings.h>

static const char *const kind_names[] = {
    [EVG_ACTOR_STATE] = "state",
    [EVG_ACTOR_PERSON] = "person",
    [EVG_ACTOR_ORGANIZATION] = "organization",
    [EVG_ACTOR_ARMED_GROUP] = "armed_group",
    [EVG_ACTOR_OTHER] = "other",
};

enum { KIND_COUNT = sizeof kind_names / sizeof kind_names[0] };

const char *evg_actor_kind_name(evg_actor_kind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_names[kind] : "other";
}

int evg__actor_kind_parse(const char *text, size_t len)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (strlen(kind_names[k]) == len && strncasecmp(text, kind_names[k], len) == 0)
            return k;
    if (len == 11 && strncasecmp(text, "armed group", len) == 0)
        return EVG_ACTOR_ARMED_GROUP;
    return -1;
}
