/* Writing a finished figure to its target, atomically. */
#ifndef EVG_OUTPUT_INT_H
#define EVG_OUTPUT_INT_H

#include <evgraph/render.h>

#include "diag_int.h"
#include "svg_web_int.h"

/* Writes `len` bytes to `path` ("-": standard output) through a temporary
 * file beside it, renamed into place when complete. On failure the target is
 * untouched, no temporary remains, the error is reported, and the result is
 * EVG_EIO. */
int evg__output_write(const char *path, const void *data, size_t len, evg__reporter *rep);

/* Files replaced together, all or none: each is added, then one commit
 * writes every temporary to completion (and what is written in place:
 * devices, standard output), and only then renames them all into place. */
typedef struct evg__output_file {
    char *path;
    const void *data;
    size_t len;
    void *owned;       /* freed with the set; may be NULL */
    bool regular_only; /* refuse a device or pipe rather than write it in place */
} evg__output_file;

typedef struct evg__output_set {
    evg__output_file *files;
    size_t count, cap;
    bool failed;
} evg__output_set;

/* Adds `len` bytes at `data` to be written to `path`; `owned` (may be NULL)
 * is freed with the set, also when this fails. Returns 0 or EVG_ENOMEM
 * (reported by the commit). */
int evg__output_set_add(evg__output_set *set, const char *path, const void *data, size_t len,
                        void *owned, bool regular_only);

/* Adds the figure a renderer made: SVG named through `web` (non-NULL) is
 * post-processed first (evg__svg_finish); otherwise *bytes is taken (set to
 * NULL). Returns 0 or EVG_ENOMEM. */
int evg__output_set_figure(evg__output_set *set, const char *path, evg__svg_web *web,
                           char **bytes, size_t len, bool regular_only, evg__reporter *rep);

/* Adds out's make rule (depfile_path), if any. */
int evg__output_set_depfile(evg__output_set *set, const evg_output *out);

/* Writes the set: on failure no target is replaced (unless a rename fails
 * after others succeeded, which needs the directory to change under us), no
 * temporary remains, the error is reported; 0, EVG_EIO or EVG_ENOMEM. */
int evg__output_set_commit(evg__output_set *set, evg__reporter *rep);

void evg__output_set_free(evg__output_set *set);

/* The figure of out (out->path) and its make rule, committed together, as
 * evg__output_set_figure and evg__output_set_commit. */
int evg__output_figure(const evg_output *out, evg__svg_web *web, char **bytes, size_t len,
                       evg__reporter *rep);

/* The finished SVG of the bytes a renderer made with `web`: *out malloc'd.
 * Returns 0 or EVG_ENOMEM (reported). */
int evg__output_svg(char **out, size_t *out_len, evg__svg_web *web, const char *bytes,
                    size_t len, evg__reporter *rep);

#endif
