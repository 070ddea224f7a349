/* The one table of actor-kind names: the id written in actors.csv
 * ("armed_group") and the words a figure prints ("armed group"). */
#ifndef EVG_NAMES_INT_H
#define EVG_NAMES_INT_H

#include <evgraph/model.h>

#include <stdbool.h>
#include <stddef.h>

#define EVG__ACTOR_KIND_COUNT 5

/* "armed_group"; "other" for a value out of range. */
const char *evg__actor_kind_id(evg_actor_kind kind);

/* "armed group": the kind in prose, legends and tooltips. */
const char *evg__actor_kind_label(evg_actor_kind kind);

/* The kind whose id or label is the `len` bytes of `text` (ASCII case
 * ignored): true and *out set, or false. */
bool evg__actor_kind_parse(evg_actor_kind *out, const char *text, size_t len);

/* "state, person, organization, armed_group or other", for messages. */
#define EVG__ACTOR_KIND_IDS "state, person, organization, armed_group or other"

#endif
