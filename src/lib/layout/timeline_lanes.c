/* The timeline's lanes: one per actor (members under their parent), type,
 * location or none, and their names sized to the margin. */
#include "timeline_build_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actor_tree_int.h"
#include "date_int.h"

typedef struct lane_def {
    const char *name;
    uint32_t actor;
    uint32_t group;
    const char *color;
    bool bold;
} lane_def;

static bool push_lane(builder *b, lane_def **lanes, size_t *count, size_t *cap, lane_def def)
{
    lane_def *l = evg__tl_grow((void **)lanes, count, cap, sizeof *l);
    if (l == NULL) {
        b->nomem = true;
        return false;
    }
    *l = def;
    return true;
}

/* The lane a target's mark goes in: its own, or its nearest ancestor's. */
uint32_t evg__tl_target_lane(const builder *b, uint32_t actor)
{
    for (int depth = 0; depth < 64 && actor != EVG_NO_INDEX; depth++) {
        if (b->actor_lane[actor] != EVG_NO_INDEX)
            return b->actor_lane[actor];
        actor = evg_model_actor(b->model, actor)->parent;
    }
    return EVG_NO_INDEX;
}

/* An actor and how many events it (or its group) acts in, for ordering. */
typedef struct rank_entry {
    uint32_t events;
    uint32_t index;
} rank_entry;

/* Most events first, then model (id) order. */
static int compare_ranks(const void *pa, const void *pb)
{
    const rank_entry *a = pa, *b = pb;
    if (a->events != b->events)
        return a->events > b->events ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int make_actor_lanes(builder *b, lane_def **lanes, size_t *count, size_t *cap)
{
    const evg_model *m = b->model;
    size_t n = evg_model_actor_count(m);
    bool *acts = calloc(n + 1, 1), *need = calloc(n + 1, 1);
    uint32_t *roots = malloc((n + 1) * sizeof *roots);
    b->actor_lane = malloc((n + 1) * sizeof *b->actor_lane);
    if (acts == NULL || need == NULL || roots == NULL || b->actor_lane == NULL) {
        free(acts);
        free(need);
        free(roots);
        return EVG_ENOMEM;
    }
    for (size_t a = 0; a < n; a++) {
        roots[a] = evg__actor_root(m, (uint32_t)a);
        b->actor_lane[a] = EVG_NO_INDEX;
    }
    for (size_t i = 0; i < b->count; i++)
        acts[evg_model_event(m, b->events[i])->actor] = true;
    for (size_t a = 0; a < n; a++)
        need[a] = acts[a];
    /* A target none of whose ancestors acts gets its top-level actor's lane. */
    for (size_t i = 0; i < b->count; i++) {
        const evg_event *e = evg_model_event(m, b->events[i]);
        for (uint32_t k = 0; k < e->target_count; k++) {
            uint32_t t = e->targets[k];
            bool found = false;
            for (uint32_t a = t, depth = 0; a != EVG_NO_INDEX && depth < 64 && !found; depth++) {
                found = acts[a];
                a = evg_model_actor(m, a)->parent;
            }
            if (!found)
                need[roots[t]] = true;
        }
    }
    /* Groups come most active first (events whose actor is in the group),
     * members likewise under their head, ties in id order: nothing depends
     * on the order of rows in a CSV. A group with members always shows its
     * head's lane. */
    bool *has_member = calloc(n + 1, 1);
    rank_entry *ranks = malloc((n + 1) * sizeof *ranks);
    uint32_t *activity = calloc(n + 1, sizeof *activity);
    uint32_t *group_activity = calloc(n + 1, sizeof *group_activity);
    if (has_member == NULL || ranks == NULL || activity == NULL || group_activity == NULL) {
        free(acts);
        free(need);
        free(roots);
        free(has_member);
        free(ranks);
        free(activity);
        free(group_activity);
        return EVG_ENOMEM;
    }
    for (size_t i = 0; i < b->count; i++) {
        uint32_t a = evg_model_event(m, b->events[i])->actor;
        activity[a]++;
        group_activity[roots[a]]++;
    }
    for (size_t a = 0; a < n; a++)
        if (need[a] && roots[a] != a)
            has_member[roots[a]] = true;
    size_t group_count = 0;
    for (size_t r = 0; r < n; r++)
        if (roots[r] == r && (need[r] || has_member[r]))
            ranks[group_count++] = (rank_entry){group_activity[r], (uint32_t)r};
    qsort(ranks, group_count, sizeof *ranks, compare_ranks);
    /* Each group's members, listed once: a scan of every actor per group
     * is quadratic with many groups. */
    uint32_t *member_start = calloc(n + 2, sizeof *member_start);
    uint32_t *member_list = malloc((n + 1) * sizeof *member_list);
    if (member_start == NULL || member_list == NULL) {
        b->nomem = true;
        group_count = 0;
    }
    for (size_t a = 0; a < n && !b->nomem; a++)
        if (roots[a] != a && need[a])
            member_start[roots[a] + 1]++;
    for (size_t r = 0; r < n && !b->nomem; r++)
        member_start[r + 1] += member_start[r];
    for (size_t a = 0; a < n && !b->nomem; a++)
        if (roots[a] != a && need[a])
            member_list[member_start[roots[a]]++] = (uint32_t)a;
    /* member_start[r] is now where r's members end; they start where the
     * previous root's end. */
    for (size_t g = 0; g < group_count && !b->nomem; g++) {
        uint32_t r = ranks[g].index;
        const evg_actor *ra = evg_model_actor(m, r);
        uint32_t group = (uint32_t)*count;
        b->actor_lane[r] = (uint32_t)*count;
        push_lane(b, lanes, count, cap, (lane_def){ra->name, r, group, ra->color, true});
        if (!has_member[r])
            continue;
        /* The members' ranks go after the groups' in the same array. */
        rank_entry *members = ranks + group_count;
        size_t member_count = 0;
        for (uint32_t k = r ? member_start[r - 1] : 0; k < member_start[r]; k++)
            members[member_count++] = (rank_entry){activity[member_list[k]], member_list[k]};
        qsort(members, member_count, sizeof *members, compare_ranks);
        for (size_t k = 0; k < member_count && !b->nomem; k++) {
            uint32_t a = members[k].index;
            const evg_actor *aa = evg_model_actor(m, a);
            b->actor_lane[a] = (uint32_t)*count;
            push_lane(b, lanes, count, cap, (lane_def){aa->name, a, group, ra->color, false});
        }
    }
    free(member_start);
    free(member_list);
    free(ranks);
    free(activity);
    free(group_activity);
    free(acts);
    free(need);
    free(roots);
    free(has_member);
    if (b->nomem)
        return EVG_ENOMEM;
    for (size_t i = 0; i < b->count; i++)
        b->event_lane[i] = b->actor_lane[evg_model_event(m, b->events[i])->actor];
    return 0;
}

/* A lane's key when lanes fold: a head's is its group's weight, a member's
 * its own (never more than its head's, so a head always comes first). */
typedef struct fold_entry {
    uint64_t key;
    uint32_t lane;
} fold_entry;

static int compare_folds(const void *pa, const void *pb)
{
    const fold_entry *a = pa, *b = pb;
    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return a->lane < b->lane ? -1 : a->lane > b->lane;
}

const char *evg__tl_fold_noun(const builder *b)
{
    switch (b->opts->lanes) {
    case EVG_TIMELINE_LANES_TYPE:
        return "type";
    case EVG_TIMELINE_LANES_LOCATION:
        return "location";
    default:
        return "actor";
    }
}

/* Keeps the b->lane_keep lanes of most weight (the sum of their events'
 * weights), the last of them one lane holding the rest: "N other actors".
 * Members rank under their head and fold into its lane first, so a group
 * never loses its head while a member shows. The lanes stay in their order. */
static int fold_lanes(builder *b, lane_def **lanes, size_t *count)
{
    size_t n = *count, keep = b->lane_keep;
    if (keep == 0 || n <= keep)
        return 0;
    const evg_model *m = b->model;
    uint64_t *weight = calloc(n + 1, sizeof *weight), *group_weight = calloc(n + 1, sizeof *weight);
    fold_entry *order = malloc((n + 1) * sizeof *order);
    uint32_t *new_of = malloc((n + 1) * sizeof *new_of);
    size_t *members_in = calloc(n + 1, sizeof *members_in);
    lane_def *kept = malloc((keep + 1) * sizeof *kept);
    int rc = 0;
    if (weight == NULL || group_weight == NULL || order == NULL || new_of == NULL ||
        members_in == NULL || kept == NULL) {
        rc = EVG_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < b->count; i++) {
        uint32_t l = b->event_lane[i];
        if (l == EVG_NO_INDEX)
            continue;
        uint64_t w = evg_model_event(m, b->events[i])->weight;
        weight[l] += w ? w : 1;
    }
    for (size_t l = 0; l < n; l++)
        group_weight[(*lanes)[l].group] += weight[l];
    for (size_t l = 0; l < n; l++) {
        bool head = (*lanes)[l].group == l;
        order[l] = (fold_entry){head ? group_weight[l] : weight[l], (uint32_t)l};
        new_of[l] = EVG_NO_INDEX;
    }
    qsort(order, n, sizeof *order, compare_folds);
    /* Which lanes stay: new_of marks them (0) before they are numbered. */
    size_t slots = keep - 1, taken = 0;
    for (size_t k = 0; k < n && taken < slots; k++) {
        uint32_t l = order[k].lane, group = (*lanes)[l].group;
        if (group == l || new_of[group] != EVG_NO_INDEX) {
            new_of[l] = 0;
            taken++;
        }
    }
    size_t kept_count = 0, others = 0;
    uint64_t others_weight = 0;
    for (size_t l = 0; l < n; l++) {
        uint32_t group = (*lanes)[l].group;
        if (new_of[l] != EVG_NO_INDEX) {
            new_of[l] = (uint32_t)kept_count;
            kept[kept_count] = (*lanes)[l];
            kept[kept_count].group = new_of[group];
            kept_count++;
        } else if (new_of[group] != EVG_NO_INDEX) {
            new_of[l] = new_of[group]; /* folds into its head's lane */
            members_in[new_of[group]]++;
            b->folded_members++;
        } else {
            others++;
            others_weight += weight[l];
        }
    }
    uint32_t others_lane = (uint32_t)kept_count;
    for (size_t l = 0; l < n; l++)
        if (new_of[l] == EVG_NO_INDEX)
            new_of[l] = others_lane;
    for (size_t l = 0; l < kept_count; l++) {
        if (members_in[l] == 0)
            continue;
        evg__buf_printf(&b->sb, "%s (and %zu member%s)", kept[l].name, members_in[l],
                        members_in[l] == 1 ? "" : "s");
        kept[l].name = evg__tl_buf_take(b);
    }
    if (others) {
        char many[32];
        evg__tl_format_count(many, sizeof many, others);
        evg__buf_printf(&b->sb, "%s other %s%s", many, evg__tl_fold_noun(b),
                        others == 1 ? "" : "s");
        kept[kept_count++] = (lane_def){evg__tl_buf_take(b), EVG_NO_INDEX, others_lane, NULL, true};
        b->others_lane = others_lane;
    }
    b->folded_lanes = others;
    b->folded_weight = others_weight;
    for (size_t i = 0; i < b->count; i++)
        if (b->event_lane[i] != EVG_NO_INDEX)
            b->event_lane[i] = new_of[b->event_lane[i]];
    if (b->actor_lane) {
        size_t actors = evg_model_actor_count(m);
        for (size_t a = 0; a < actors; a++)
            if (b->actor_lane[a] != EVG_NO_INDEX)
                b->actor_lane[a] = new_of[b->actor_lane[a]];
    }
    free(*lanes);
    *lanes = kept;
    kept = NULL;
    *count = kept_count;
done:
    free(weight);
    free(group_weight);
    free(order);
    free(new_of);
    free(members_in);
    free(kept);
    return b->nomem && rc == 0 ? EVG_ENOMEM : rc;
}

int evg__tl_make_lanes(builder *b)
{
    const evg_model *m = b->model;
    lane_def *lanes = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    b->event_lane = malloc((b->count + 1) * sizeof *b->event_lane);
    if (b->event_lane == NULL)
        return EVG_ENOMEM;
    switch (b->opts->lanes) {
    case EVG_TIMELINE_LANES_ACTOR:
        rc = make_actor_lanes(b, &lanes, &count, &cap);
        break;
    case EVG_TIMELINE_LANES_TYPE: {
        size_t n = evg_model_type_count(m);
        uint32_t *lane_of = malloc((n + 1) * sizeof *lane_of);
        if (lane_of == NULL)
            return EVG_ENOMEM;
        for (size_t t = 0; t < n; t++)
            lane_of[t] = EVG_NO_INDEX;
        for (size_t i = 0; i < b->count; i++)
            lane_of[evg_model_event(m, b->events[i])->type] = 0;
        for (size_t t = 0; t < n && !b->nomem; t++) {
            if (lane_of[t] == EVG_NO_INDEX)
                continue;
            const evg_type *ty = evg_model_type(m, t);
            lane_of[t] = (uint32_t)count;
            push_lane(b, &lanes, &count, &cap,
                      (lane_def){ty->label, EVG_NO_INDEX, (uint32_t)count, ty->color, true});
        }
        for (size_t i = 0; i < b->count; i++)
            b->event_lane[i] = lane_of[evg_model_event(m, b->events[i])->type];
        free(lane_of);
        break;
    }
    case EVG_TIMELINE_LANES_LOCATION: {
        /* In order of each location's first event; events without one last. */
        evg__strmap seen = {0};
        uint32_t none = EVG_NO_INDEX;
        for (size_t i = 0; i < b->count && !b->nomem; i++) {
            const char *loc = evg_model_event(m, b->events[i])->location;
            if (loc == NULL) {
                b->event_lane[i] = EVG_NO_INDEX;
                continue;
            }
            uint32_t lane = evg__strmap_put(&seen, loc, (uint32_t)count);
            if (lane == UINT32_MAX) {
                b->nomem = true;
                break;
            }
            if (lane == count)
                push_lane(b, &lanes, &count, &cap,
                          (lane_def){loc, EVG_NO_INDEX, (uint32_t)count, NULL, true});
            b->event_lane[i] = lane;
        }
        for (size_t i = 0; i < b->count && !b->nomem; i++) {
            if (b->event_lane[i] != EVG_NO_INDEX)
                continue;
            if (none == EVG_NO_INDEX) {
                none = (uint32_t)count;
                push_lane(b, &lanes, &count, &cap,
                          (lane_def){"No location given", EVG_NO_INDEX, none, NULL, true});
            }
            b->event_lane[i] = none;
        }
        evg__strmap_free(&seen);
        break;
    }
    case EVG_TIMELINE_LANES_NONE:
        push_lane(b, &lanes, &count, &cap, (lane_def){NULL, EVG_NO_INDEX, 0, NULL, false});
        for (size_t i = 0; i < b->count; i++)
            b->event_lane[i] = 0;
        break;
    }
    if (rc == 0 && b->nomem)
        rc = EVG_ENOMEM;
    if (rc == 0)
        rc = fold_lanes(b, &lanes, &count);
    if (rc) {
        free(lanes);
        return rc;
    }
    evg__tl_layout *o = b->out;
    o->lane_count = count;
    o->lanes = calloc(count + 1, sizeof *o->lanes);
    b->lane_color = calloc(count + 1, sizeof *b->lane_color);
    b->lane_bold = calloc(count + 1, sizeof *b->lane_bold);
    b->lane_marks = calloc(count + 1, sizeof *b->lane_marks);
    b->lane_label = calloc(count + 1, sizeof *b->lane_label);
    b->lane_label_h = calloc(count + 1, sizeof *b->lane_label_h);
    if (o->lanes == NULL || b->lane_color == NULL || b->lane_bold == NULL ||
        b->lane_marks == NULL || b->lane_label == NULL || b->lane_label_h == NULL) {
        free(lanes);
        return EVG_ENOMEM;
    }
    for (size_t l = 0; l < count; l++) {
        o->lanes[l] = (evg__tl_lane){lanes[l].name,      0, 0, lanes[l].group, 0, lanes[l].actor,
                                     lanes[l].group == l};
        b->lane_color[l] = lanes[l].color;
        b->lane_bold[l] = lanes[l].bold;
    }
    free(lanes);
    /* Target marks, in actor lanes only: which lanes get the strip for them. */
    if (b->opts->lanes == EVG_TIMELINE_LANES_ACTOR) {
        /* Until every lane has its strip: a million events mark a few dozen
         * lanes in their first thousands. */
        size_t marked = 0;
        for (size_t i = 0; i < b->count && marked < count; i++) {
            const evg_event *e = evg_model_event(m, b->events[i]);
            for (uint32_t k = 0; k < e->target_count; k++) {
                uint32_t lane = evg__tl_target_lane(b, e->targets[k]);
                if (lane != EVG_NO_INDEX && lane != b->event_lane[i] && !b->lane_marks[lane]) {
                    b->lane_marks[lane] = true;
                    marked++;
                }
            }
        }
    }
    return 0;
}

/* Wraps the lane names into the name column and decides its width. */
void evg__tl_size_lane_names(builder *b)
{
    evg__tl_layout *o = b->out;
    if (b->opts->lanes == EVG_TIMELINE_LANES_NONE) {
        b->lane_label_w = 0;
        return;
    }
    double max_w = floor(b->width * 0.22), widest = 0;
    for (size_t l = 0; l < o->lane_count; l++) {
        double indent = o->lanes[l].head ? 7 : 15;
        double w = indent + evg__tl_text_w(o->lanes[l].name, LANE_SIZE,
                                           b->lane_bold[l] ? EVG__TL_BOLD : EVG__TL_REGULAR);
        if (w > widest)
            widest = w;
    }
    b->lane_label_w = widest < max_w ? ceil(widest) : max_w;
    for (size_t l = 0; l < o->lane_count; l++) {
        double indent = o->lanes[l].head ? 7 : 15, w;
        size_t lines;
        b->lane_label[l] = evg__tl_wrap(b, o->lanes[l].name, LANE_SIZE,
                                        b->lane_bold[l] ? EVG__TL_BOLD : EVG__TL_REGULAR,
                                        b->lane_label_w - indent, 3, &lines, &w);
        b->lane_label_h[l] = evg__tl_text_height(lines, LANE_SIZE);
    }
}
