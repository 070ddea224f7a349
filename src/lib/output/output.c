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
    {"png", EVG_FORMAT_PNG}, {"pdf", EVG_FORMAT_PDF},
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

/* The temporary file being written, for evg_output_abort(), which a signal
 * handler may call: it must only read this and call unlink(). */
static char *volatile current_temporary;

void evg_output_abort(void)
{
    char *tmp = current_temporary;
    if (tmp)
        unlink(tmp);
}

/* Devices, pipes and the like are written in place: renaming a temporary
 * over /dev/full or a FIFO would replace it. */
static int write_in_place(const char *path, const void *data, size_t len, evg__reporter *rep)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot open for writing: %s",
                    strerror(errno));
        return EVG_EIO;
    }
    int rc = 0;
    if (write_all(fd, data, len) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    if (close(fd) != 0 && rc == 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    return rc;
}

/* Writes go one at a time: the process's umask is read by setting it, and
 * evg_output_abort knows one temporary. */
static pthread_mutex_t output_mutex = PTHREAD_MUTEX_INITIALIZER;

static int write_file(const char *path, const void *data, size_t len, evg__reporter *rep);

int evg__output_write(const char *path, const void *data, size_t len, evg__reporter *rep)
{
    pthread_mutex_lock(&output_mutex);
    int rc = write_file(path, data, len, rep);
    pthread_mutex_unlock(&output_mutex);
    return rc;
}

static int write_file(const char *path, const void *data, size_t len, evg__reporter *rep)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            evg__report(rep, EVG_SEVERITY_ERROR, "<stdout>", 0, 0, "cannot write: %s",
                        strerror(errno));
            return EVG_EIO;
        }
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot write: Is a directory");
            return EVG_EIO;
        }
        return write_in_place(path, data, len, rep);
    }
    /* The temporary lives in the target's directory so rename() is atomic. */
    size_t path_len = strlen(path);
    char *tmp = malloc(path_len + 16);
    if (tmp == NULL)
        return EVG_ENOMEM;
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir_len, path, path + dir_len);
    /* Block the usual termination signals while the temporary is created and
     * registered, so a handler never misses one that exists. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        current_temporary = tmp;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot create: %s", strerror(errno));
        free(tmp);
        return EVG_EIO;
    }
    /* mkstemp makes the file 0600; a figure is as readable as any new file. */
    mode_t mask = umask(0);
    umask(mask);
    int rc = 0;
    if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    if (close(fd) != 0 && rc == 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot write: %s", strerror(errno));
        rc = EVG_EIO;
    }
    sigprocmask(SIG_BLOCK, &block, &old);
    if (rc == 0 && rename(tmp, path) != 0) {
        evg__report(rep, EVG_SEVERITY_ERROR, path, 0, 0, "cannot replace: %s", strerror(errno));
        rc = EVG_EIO;
    }
    if (rc)
        unlink(tmp);
    current_temporary = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
    free(tmp);
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

int evg__output_figure(const char *path, evg__svg_web *web, const char *bytes, size_t len,
                       evg__reporter *rep)
{
    if (web == NULL)
        return evg__output_write(path, bytes, len, rep);
    char *page = NULL;
    size_t page_len = 0;
    int rc = evg__output_svg(&page, &page_len, web, bytes, len, rep);
    if (rc == 0)
        rc = evg__output_write(path, page, page_len, rep);
    free(page);
    return rc;
}
