#define _POSIX_C_SOURCE 200809L

#include "output_int.h"
#include "svg_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
    const char *name;
    evg_format format;
} format_names[] = {
    {"dot", EVG_FORMAT_DOT}, {"gv", EVG_FORMAT_DOT},   {"svg", EVG_FORMAT_SVG},
    {"png", EVG_FORMAT_PNG}, {"pdf", EVG_FORMAT_PDF}, {"graphml", EVG_FORMAT_GRAPHML},
    {"gexf", EVG_FORMAT_GEXF},
};

int evg_format_parse(evg_format *out, const char *name)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcasecmp(name, format_names[i].name) == 0) {
            *out = format_names[i].format;
            return 0;
        }
    }
    return EVG_EUSAGE;
}

int evg_format_from_path(evg_format *out, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    return dot ? evg_format_parse(out, dot + 1) : EVG_EUSAGE;
}

const char *evg_format_name(evg_format format)
{
    switch (format) {
    case EVG_FORMAT_DOT:
        return "dot";
    case EVG_FORMAT_SVG:
        return "svg";
    case EVG_FORMAT_PNG:
        return "png";
    case EVG_FORMAT_PDF:
        return "pdf";
    case EVG_FORMAT_GRAPHML:
        return "graphml";
    case EVG_FORMAT_GEXF:
        return "gexf";
    }
    return "dot";
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The temporaries of the commit in progress, for evg_output_abort(), which a
 * signal handler may call: it only reads these and calls unlink(). The array
 * is complete (all NULL) before it is published; a slot is set once its file
 * exists, with the usual termination signals blocked. */
static char *volatile *volatile abort_list;
static volatile size_t abort_count;

void evg_output_abort(void)
{
    char *volatile *list = abort_list;
    size_t n = abort_count;
    for (size_t i = 0; list && i < n; i++) {
        char *tmp = list[i];
        if (tmp)
            unlink(tmp);
    }
}

/* Writes one file in place: devices, pipes and the like (renaming a temporary
 * over /dev/full or a FIFO would replace it), and standard output ("-"). */
static int write_in_place(const char *path, const void *data, size_t len, evg__reporter *rep)
{
    bool out = strcmp(path, "-") == 0;
    const char *name = out ? "<stdout>" : path;
    int fd = out ? STDOUT_FILENO : open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot open for writing: %s",
                    strerror(errno));
        return EVG_EIO;
    }
    int rc = 0;
    if (write_all(fd, data, len) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, name, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    if (!out && close(fd) != 0 && rc == 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, name, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    return rc;
}

int evg__output_set_add(evg__output_set *set, const char *path, const void *data, size_t len,
                        void *owned, bool regular_only)
{
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 4;
        evg__output_file *bigger = realloc(set->files, cap * sizeof *bigger);
        if (bigger == NULL) {
            free(owned);
            set->failed = true;
            return EVG_ENOMEM;
        }
        set->files = bigger;
        set->cap = cap;
    }
    char *copy = malloc(strlen(path) + 1);
    if (copy == NULL) {
        free(owned);
        set->failed = true;
        return EVG_ENOMEM;
    }
    strcpy(copy, path);
    set->files[set->count++] =
        (evg__output_file){copy, data, len, owned, regular_only};
    return 0;
}

void evg__output_set_free(evg__output_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free(set->files[i].path);
        free(set->files[i].owned);
    }
    free(set->files);
    memset(set, 0, sizeof *set);
}

/* Blocks the usual termination signals (the previous mask into *old), so a
 * handler never misses a temporary being created or renamed. */
static void block_termination(sigset_t *old)
{
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, old);
}

/* Writes `f` to a new temporary beside it, named in *tmp (malloc'd) and
 * published in `slot` for evg_output_abort. */
static int write_temporary(char **tmp_out, char *volatile *slot, const evg__output_file *f,
                           mode_t mode, evg__reporter *rep)
{
    /* The temporary lives in the target's directory so rename() is atomic. */
    size_t path_len = strlen(f->path);
    char *tmp = malloc(path_len + 16);
    if (tmp == NULL) {
        evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0, "out of memory");
        return EVG_ENOMEM;
    }
    const char *slash = strrchr(f->path, '/');
    size_t dir_len = slash ? (size_t)(slash - f->path) + 1 : 0;
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir_len, f->path, f->path + dir_len);
    /* Block the usual termination signals while the temporary is created and
     * registered, so a handler never misses one that exists. */
    sigset_t old;
    block_termination(&old);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        *slot = tmp;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0, "cannot create: %s",
                    strerror(errno));
        free(tmp);
        return EVG_EIO;
    }
    *tmp_out = tmp;
    int rc = 0;
    /* mkstemp makes the file 0600; a figure is as readable as any new file. */
    if (fchmod(fd, mode) != 0 || write_all(fd, f->data, f->len) != 0 || fsync(fd) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0, "cannot write: %s",
                    strerror(errno));
        rc = EVG_EIO;
    }
    if (close(fd) != 0 && rc == 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0, "cannot write: %s",
                    strerror(errno));
        rc = EVG_EIO;
    }
    return rc;
}

/* Writes go one set at a time: the process's umask is read by setting it, and
 * evg_output_abort knows one set of temporaries. */
static pthread_mutex_t output_mutex = PTHREAD_MUTEX_INITIALIZER;

static int commit(evg__output_set *set, char **tmps, evg__reporter *rep)
{
    mode_t mask = umask(0);
    umask(mask);
    int rc = 0;
    /* Every check first: nothing is created when one target cannot be. */
    for (size_t i = 0; i < set->count && rc == 0; i++) {
        const evg__output_file *f = &set->files[i];
        struct stat st;
        if (strcmp(f->path, "-") == 0 || stat(f->path, &st) != 0 || S_ISREG(st.st_mode))
            continue;
        if (S_ISDIR(st.st_mode)) {
            evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0, "cannot write: Is a directory");
            rc = EVG_EIO;
        } else if (f->regular_only) {
            evg__report(rep, EVG_SEVERITY_ERROR, f->path, 0, 0,
                        "cannot write: not a regular file (one of a set of files replaced "
                        "together)");
            rc = EVG_EIO;
        } else {
            tmps[i] = (char *)""; /* in place */
        }
    }
    /* Every temporary, complete; then what is written in place; then every
     * rename, so that a failure before the renames replaces nothing. */
    for (size_t i = 0; i < set->count && rc == 0; i++) {
        if (strcmp(set->files[i].path, "-") != 0 && tmps[i] == NULL)
            rc = write_temporary(&tmps[i], &abort_list[i], &set->files[i], 0666 & ~mask, rep);
    }
    for (size_t i = 0; i < set->count && rc == 0; i++) {
        if (strcmp(set->files[i].path, "-") == 0 || (tmps[i] && tmps[i][0] == '\0'))
            rc = write_in_place(set->files[i].path, set->files[i].data, set->files[i].len, rep);
    }
    sigset_t old;
    block_termination(&old);
    for (size_t i = 0; i < set->count; i++) {
        if (tmps[i] == NULL || tmps[i][0] == '\0')
            continue;
        if (rc == 0 && rename(tmps[i], set->files[i].path) != 0) {
            evg__report(rep, EVG_SEVERITY_ERROR, set->files[i].path, 0, 0,
                        "cannot replace: %s", strerror(errno));
            rc = EVG_EIO;
        }
        if (rc)
            unlink(tmps[i]);
    }
    abort_count = 0;
    abort_list = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int evg__output_set_commit(evg__output_set *set, evg__reporter *rep)
{
    if (set->failed) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory writing the figure");
        return EVG_ENOMEM;
    }
    if (set->count == 0)
        return 0;
    char **tmps = calloc(set->count, sizeof *tmps);
    char *volatile *slots = calloc(set->count, sizeof *slots);
    if (tmps == NULL || slots == NULL) {
        free(tmps);
        free((void *)slots);
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory writing the figure");
        return EVG_ENOMEM;
    }
    pthread_mutex_lock(&output_mutex);
    abort_list = slots;
    abort_count = set->count;
    int rc = commit(set, tmps, rep);
    pthread_mutex_unlock(&output_mutex);
    for (size_t i = 0; i < set->count; i++)
        if (tmps[i] && tmps[i][0])
            free(tmps[i]);
    free(tmps);
    free((void *)slots);
    return rc;
}

int evg__output_write(const char *path, const void *data, size_t len, evg__reporter *rep)
{
    evg__output_set set = {0};
    int rc = evg__output_set_add(&set, path, data, len, NULL, false);
    if (rc == 0)
        rc = evg__output_set_commit(&set, rep);
    evg__output_set_free(&set);
    return rc;
}

int evg_write_file(const char *path, const void *data, size_t len, evg_diag_fn diag,
                   void *diag_payload)
{
    evg__reporter rep = {diag, diag_payload, 0, 0, 0, false};
    return evg__output_write(path, data, len, &rep);
}

int evg__output_svg(char **out, size_t *out_len, evg__svg_web *web, const char *bytes,
                    size_t len, evg__reporter *rep)
{
    if (web->failed || web->title.failed || web->desc.failed ||
        evg__svg_finish(web, bytes, len, out, out_len) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, NULL, 0, 0, "out of memory finishing the SVG");
        return EVG_ENOMEM;
    }
    return 0;
}

int evg__output_set_figure(evg__output_set *set, const char *path, evg__svg_web *web,
                           char **bytes, size_t len, bool regular_only, evg__reporter *rep)
{
    if (web == NULL) {
        char *taken = *bytes;
        *bytes = NULL;
        return evg__output_set_add(set, path, taken, len, taken, regular_only);
    }
    char *page = NULL;
    size_t page_len = 0;
    int rc = evg__output_svg(&page, &page_len, web, *bytes, len, rep);
    if (rc == 0)
        rc = evg__output_set_add(set, path, page, page_len, page, regular_only);
    return rc;
}

int evg__output_set_depfile(evg__output_set *set, const evg_output *out)
{
    if (out->depfile_path == NULL)
        return 0;
    return evg__output_set_add(set, out->depfile_path, out->depfile_data, out->depfile_len, NULL,
                               false);
}

int evg__output_figure(const evg_output *out, evg__svg_web *web, char **bytes, size_t len,
                       evg__reporter *rep)
{
    evg__output_set set = {0};
    int rc = evg__output_set_figure(&set, out->path, web, bytes, len, false, rep);
    if (rc == 0)
        rc = evg__output_set_depfile(&set, out);
    if (rc == 0)
        rc = evg__output_set_commit(&set, rep);
    evg__output_set_free(&set);
    return rc;
}
