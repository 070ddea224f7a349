/* Fuzz target: a whole dataset folder, actors.csv and types.csv with
 * events.csv, through loading and both figures (parents, kinds and types
 * declared apart from the events are where deep and cyclic chains and
 * unknown references come from).
 *
 * Input: the files one after the other, each starting at a line
 * "==> NAME <==" (NAME actors.csv, types.csv or events.csv, as `head`
 * prints them); text before the first such line is events.csv. The files
 * are written to a temporary folder and loaded with evg_load. A dataset the
 * loader accepts must draw: the timeline as SVG and DOT, the actor graph as
 * DOT, whatever its actors' parents. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */

#include <evgraph/evgraph.h>

#include "model_check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {"events.csv", "actors.csv", "types.csv"};
static char dir[64];

static void path_of(char *buf, size_t size, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static void cleanup(void)
{
    char path[128];
    for (size_t i = 0; i < 3; i++) {
        path_of(path, sizeof path, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void write_file(const char *name, const char *s, size_t n)
{
    char path[128];
    path_of(path, sizeof path, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(s, 1, n, f) != n || fclose(f) != 0)
        abort();
}

/* The index in names[] of a marker line "==> NAME <==" at s, or -1. */
static int marker(const char *s, size_t n, size_t *line_len)
{
    const char *nl = memchr(s, '\n', n);
    size_t len = nl ? (size_t)(nl - s) : n;
    *line_len = nl ? len + 1 : len;
    for (int i = 0; i < 3; i++) {
        char want[32];
        int w = snprintf(want, sizeof want, "==> %s <==", names[i]);
        if ((size_t)w == len && memcmp(s, want, len) == 0)
            return i;
    }
    return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (dir[0] == '\0') {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/evg-fuzz-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (mkdtemp(dir) == NULL)
            abort();
        atexit(cleanup);
    }
    const char *s = (const char *)data;
    const char *start[3] = {s, NULL, NULL};
    size_t len[3] = {0, 0, 0};
    int current = 0;
    size_t at = 0, line_len;
    while (at < size) {
        int m = marker(s + at, size - at, &line_len);
        if (m >= 0) {
            current = m;
            start[m] = s + at + line_len;
            len[m] = 0;
        } else {
            len[current] += line_len;
        }
        at += line_len;
    }
    char path[128];
    for (size_t i = 0; i < 3; i++) {
        path_of(path, sizeof path, names[i]);
        unlink(path);
        if (start[i] != NULL)
            write_file(names[i], start[i], len[i]);
    }

    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = fuzz_diag_check;
    opts.max_field_bytes = 4096;
    evg_model *model = NULL;
    const char *paths[] = {dir};
    int rc = evg_load(&model, paths, 1, &opts);
    if (rc != 0) {
        if (model != NULL)
            abort();
        return 0;
    }
    fuzz_model_check(model);
    evg_output out = {.path = "/dev/null", .format = EVG_FORMAT_SVG};
    evg_timeline_opts timeline = EVG_TIMELINE_OPTS_INIT;
    rc = evg_timeline_write(model, &timeline, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort(); /* check and the figures agree on what is valid */
    out.format = EVG_FORMAT_DOT;
    timeline.bin = EVG_TIMELINE_BIN_NONE;
    rc = evg_timeline_write(model, &timeline, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort();
    evg_actors_opts actors = EVG_ACTORS_OPTS_INIT;
    rc = evg_actors_write(model, &actors, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort();
    actors.collapse = true;
    rc = evg_actors_write(model, &actors, &out);
    if (rc != 0 && rc != EVG_ELIMIT)
        abort();
    evg_model_free(model);
    return 0;
}
