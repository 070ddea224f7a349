/* The actor tree's roots (see actor_tree_int.h for the cycle policy). */
#include "actor_tree_int.h"

uint32_t evg__actor_root(const evg_model *m, uint32_t actor)
{
    uint32_t a = actor;
    for (int depth = 0; depth < EVG__ACTOR_DEPTH_BOUND; depth++) {
        uint32_t parent = evg_model_actor(m, a)->parent;
        if (parent == EVG_NO_INDEX || parent == a)
            return a;
        a = parent;
    }
    return actor;
}
