/* Actor kinds by name. */
#include "kinds_int.h"

#include <string.h>
#include <strings.h>

/* The id written in actors.csv, and the words a figure prints. */
static const char *const kind_names[EVG__ACTOR_KIND_COUNT] = {
    [EVG_ACTOR_STATE] = "state",
    [EVG_ACTOR_PERSON] = "person",
    [EVG_ACTOR_ORGANIZATION] = "organization",
    [EVG_ACTOR_ARMED_GROUP] = "armed_group",
    [EVG_ACTOR_OTHER] = "other",
};
static const char *const kind_labels[EVG__ACTOR_KIND_COUNT] = {
    [EVG_ACTOR_STATE] = "state",
    [EVG_ACTOR_PERSON] = "person",
    [EVG_ACTOR_ORGANIZATION] = "organization",
    [EVG_ACTOR_ARMED_GROUP] = "armed group",
    [EVG_ACTOR_OTHER] = "other",
};

enum { KIND_COUNT = EVG__ACTOR_KIND_COUNT };

const char *evg_actor_kind_name(evg_actor_kind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_names[kind] : "other";
}

const char *evg__actor_kind_label(evg_actor_kind kind)
{
    return (unsigned)kind < KIND_COUNT ? kind_labels[kind] : "other";
}

int evg__actor_kind_parse(const char *text, size_t len)
{
    for (int k = 0; k < KIND_COUNT; k++)
        if (strlen(kind_names[k]) == len && strncasecmp(text, kind_names[k], len) == 0)
            return k;
    for (int k = 0; k < KIND_COUNT; k++)
        if (strlen(kind_labels[k]) == len && strncasecmp(text, kind_labels[k], len) == 0)
            return k;
    return -1;
}
