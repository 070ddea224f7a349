/* Two threads draw figures at once (evgraph.h, "Threads"): every figure
 * must come out byte-identical to the same figure drawn alone. */
#define _POSIX_C_SOURCE 200809L

#include <evgraph/evgraph.h>

#include "check.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROUNDS 2

static evg_model *model;
static char dir[64];

typedef struct job {
    int kind; /* 0 timeline, 1 actors, 2 html */
    evg_format format;
    const char *ext;
} job;

static const job jobs[] = {
    {0, EVG_FORMAT_SVG, "svg"}, {1, EVG_FORMAT_SVG, "svg"},  {1, EVG_FORMAT_PNG, "png"},
    {0, EVG_FORMAT_PDF, "pdf"}, {2, EVG_FORMAT_SVG, "html"}, {1, EVG_FORMAT_DOT, "dot"},
};
#define JOB_COUNT (sizeof jobs / sizeof jobs[0])

static int draw(const job *j, const char *path)
{
    evg_output out = {.path = path, .format = j->format};
    if (j->kind == 0)
        return evg_timeline_write(model, NULL, &out);
    if (j->kind == 1)
        return evg_actors_write(model, NULL, &out);
    evg_html_opts opts = EVG_HTML_OPTS_INIT;
    return evg_html_write(model, &opts, &out);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *data = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            char *grown = realloc(data, cap);
            if (grown == NULL) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
    } while (got);
    fclose(f);
    *len = n;
    return data;
}

typedef struct worker {
    int id;
    int failures;
} worker;

static void *run(void *arg)
{
    worker *w = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t k = 0; k < JOB_COUNT; k++) {
            /* The two threads go through the jobs in opposite orders, so
             * different figures overlap. */
            size_t i = w->id ? JOB_COUNT - 1 - k : k;
            char path[128];
            snprintf(path, sizeof path, "%s/t%d/fig-%zu.%s", dir, w->id, i, jobs[i].ext);
            if (draw(&jobs[i], path) != 0)
                w->failures++;
        }
    }
    return NULL;
}

static bool same_file(const char *a, const char *b)
{
    size_t la = 0, lb = 0;
    char *da = slurp(a, &la), *db = slurp(b, &lb);
    bool same = da && db && la == lb && memcmp(da, db, la) == 0;
    free(da);
    free(db);
    return same;
}

int main(void)
{
    const char *path = EVG_SOURCE_DIR "/data/syria-2016";
    CHECK_INT(evg_load(&model, &path, 1, NULL), 0);
    if (model == NULL)
        CHECK_DONE();
    snprintf(dir, sizeof dir, "/tmp/evg-threads-XXXXXX");
    CHECK(mkdtemp(dir) != NULL);
    /* The same file names in three folders: an SVG's ids follow its name. */
    static const char *const subdirs[] = {"alone", "t0", "t1"};
    for (size_t i = 0; i < 3; i++) {
        char sub[96];
        snprintf(sub, sizeof sub, "%s/%s", dir, subdirs[i]);
        CHECK_INT(mkdir(sub, 0700), 0);
    }
    /* Each figure alone first. */
    for (size_t i = 0; i < JOB_COUNT; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/alone/fig-%zu.%s", dir, i, jobs[i].ext);
        CHECK_INT(draw(&jobs[i], p), 0);
    }
    pthread_t threads[2];
    worker workers[2] = {{0, 0}, {1, 0}};
    for (int t = 0; t < 2; t++)
        CHECK_INT(pthread_create(&threads[t], NULL, run, &workers[t]), 0);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    for (int t = 0; t < 2; t++) {
        CHECK_INT(workers[t].failures, 0);
        for (size_t i = 0; i < JOB_COUNT; i++) {
            char alone[128], p[128];
            snprintf(alone, sizeof alone, "%s/alone/fig-%zu.%s", dir, i, jobs[i].ext);
            snprintf(p, sizeof p, "%s/t%d/fig-%zu.%s", dir, t, i, jobs[i].ext);
            if (!same_file(alone, p)) {
                fprintf(stderr, "%s differs from %s\n", p, alone);
                check_failures++;
            }
            remove(p);
        }
    }
    for (size_t i = 0; i < JOB_COUNT; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/alone/fig-%zu.%s", dir, i, jobs[i].ext);
        remove(p);
    }
    for (size_t i = 0; i < 3; i++) {
        char sub[96];
        snprintf(sub, sizeof sub, "%s/%s", dir, subdirs[i]);
        rmdir(sub);
    }
    rmdir(dir);
    evg_model_free(model);
    CHECK_DONE();
}
