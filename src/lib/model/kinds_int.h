/* Actor kinds by name: the one table the loader, the importers' maps and
 * the figures read. */
#ifndef EVG_KINDS_INT_H
#define EVG_KINDS_INT_H

#include <evgraph/model.h>

#include <stddef.h>

#define EVG__ACTOR_KIND_COUNT 5

/* The words a figure prints for a kind ("armed group"); evg_actor_kind_name
 * gives the id ("armed_group"). "other" for a value out of range. */
const char *evg__actor_kind_label(evg_actor_kind kind);

/* The kind named by `len` bytes of `text` (ASCII case ignored; "armed
 * group" is taken for armed_group), or -1. */
int evg__actor_kind_parse(const char *text, size_t len);

/* For messages: "state, person, organization, armed_group or other". */
#define EVG__ACTOR_KINDS_EXPECTED "state, person, organization, armed_group or other"

#endif
