/* The actor tree: parents and roots, one policy for the whole library. */
#ifndef EVG_ACTOR_TREE_INT_H
#define EVG_ACTOR_TREE_INT_H

#include <evgraph/model.h>

#include <stdint.h>

/* The deepest parent chain followed. The loader refuses chains deeper than
 * 32 and cyclic ones, so a loaded model never reaches it; a model built
 * otherwise still stops here. */
#define EVG__ACTOR_DEPTH_BOUND 64

/* The root of `actor`: its farthest ancestor, found by following parent
 * links (iteratively). An actor that is its own parent is a root. When the
 * chain does not end within EVG__ACTOR_DEPTH_BOUND links (a cycle, or a
 * model that skipped the loader's checks), `actor` itself is returned, so
 * the answer is always an actor and never loops. */
uint32_t evg__actor_root(const evg_model *m, uint32_t actor);

#endif
