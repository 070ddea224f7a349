/* figures.txt: a dataset's list of figures, one a line:
 * NAME COMMAND FORMATS [OPTIONS as on the command line]. */
#define _POSIX_C_SOURCE 200809L

#include "manifest.h"

#include "cli.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const default_manifest =
    "timeline timeline dot,svg,png,pdf\n"
    "actors actors dot,svg,png,pdf\n";

/* "A/B", malloc'd; NULL when out of memory. */
char *manifest_path_join(const char *a, const char *b)
{
    char *p = malloc(strlen(a) + strlen(b) + 2);
    if (p)
        sprintf(p, "%s/%s", a, b);
    return p;
}

void manifest_free(figure *figures, size_t count)
{
    for (size_t i = 0; i < count; i++)
        for (size_t k = 0; k < figures[i].word_count; k++)
            free(figures[i].words[k]);
    free(figures);
}

static void manifest_error(const char *file, unsigned long line, size_t column, const char *fmt,
                           const char *arg)
{
    cli_error(file, line, column, fmt, arg);
}

/* Splits a line into words; double quotes group words and "" inside them is
 * a quote. Returns the word count, or -1 after reporting an error. */
static int split_words(char *line, char **words, size_t *columns, const char *file,
                       unsigned long line_no)
{
    int count = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            return count;
        if (count == MAX_WORDS) {
            manifest_error(file, line_no, (size_t)(p - line) + 1, "%s", "too many words");
            return -1;
        }
        columns[count] = (size_t)(p - line) + 1;
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '\0') {
                    manifest_error(file, line_no, columns[count], "%s", "unterminated quote");
                    return -1;
                }
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *out++ = *p++;
                }
            }
        } else {
            while (*p && *p != ' ' && *p != '\t')
                *out++ = *p++;
        }
        char next = *p;
        *out = '\0';
        words[count++] = start;
        if (next == '\0')
            return count;
        p++;
    }
}

static bool valid_name(const char *name)
{
    if (*name == '\0' || *name == '.')
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return false;
    return true;
}

static bool valid_formats(const char *list)
{
    char copy[64];
    if (strlen(list) >= sizeof copy || *list == '\0')
        return false;
    strcpy(copy, list);
    for (char *save = NULL, *f = strtok_r(copy, ",", &save); f; f = strtok_r(NULL, ",", &save)) {
        evg_format format;
        if (evg_format_parse(&format, f) != 0)
            return false;
    }
    return true;
}

/* Parses a manifest's text (modified in place). Returns 0 or -1 after
 * printing every error. */
static int parse_manifest(figure **out, size_t *count, char *text, const char *file)
{
    figure *figures = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    unsigned long line_no = 0;
    for (char *line = text; line && *line;) {
        char *newline = strchr(line, '\n');
        if (newline)
            *newline = '\0';
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[len - 1] = '\0';
        line_no++;
        char *words[MAX_WORDS];
        size_t columns[MAX_WORDS];
        int w = split_words(line, words, columns, file, line_no);
        if (w < 0) {
            rc = -1;
        } else if (w > 0 && w < 3) {
            manifest_error(file, line_no, 1, "%s",
                           "expected NAME COMMAND FORMATS [OPTIONS...], e.g. 'timeline timeline "
                           "svg,png --title \"...\"'");
            rc = -1;
        } else if (w >= 3) {
            bool ok = true;
            if (!valid_name(words[0]) || strlen(words[0]) >= sizeof figures->name) {
                manifest_error(file, line_no, columns[0],
                               "invalid figure name '%s' (letters, digits, '-', '_' and '.')",
                               words[0]);
                ok = false;
            }
            if (strcmp(words[1], "timeline") != 0 && strcmp(words[1], "actors") != 0) {
                manifest_error(file, line_no, columns[1],
                               "unknown figure command '%s' (expected timeline or actors)",
                               words[1]);
                ok = false;
            }
            if (!valid_formats(words[2])) {
                manifest_error(file, line_no, columns[2],
                               "invalid formats '%s' (expected a comma-separated list of dot, "
                               "svg, png, pdf)",
                               words[2]);
                ok = false;
            }
            for (int k = 3; k < w && ok; k++) {
                if (strcmp(words[k], "-o") == 0 || strncmp(words[k], "--output", 8) == 0 ||
                    strcmp(words[k], "-T") == 0 || strncmp(words[k], "--format", 8) == 0) {
                    manifest_error(file, line_no, columns[k],
                                   "option '%s' is set by the build (NAME and FORMATS say it)",
                                   words[k]);
                    ok = false;
                }
            }
            for (size_t k = 0; k < n && ok; k++) {
                if (strcmp(figures[k].name, words[0]) == 0) {
                    manifest_error(file, line_no, columns[0], "figure '%s' is declared twice",
                                   words[0]);
                    ok = false;
                }
            }
            if (!ok) {
                rc = -1;
            } else {
                if (n == cap) {
                    cap = cap ? cap * 2 : 8;
                    figure *bigger = realloc(figures, cap * sizeof *figures);
                    if (bigger == NULL) {
                        manifest_free(figures, n);
                        return -1;
                    }
                    figures = bigger;
                }
                figure *f = &figures[n++];
                memset(f, 0, sizeof *f);
                strcpy(f->name, words[0]);
                strcpy(f->command, words[1]);
                strcpy(f->formats, words[2]);
                f->line = line_no;
                for (int k = 3; k < w; k++) {
                    f->columns[f->word_count] = columns[k];
                    f->words[f->word_count] = malloc(strlen(words[k]) + 1);
                    if (f->words[f->word_count] == NULL) {
                        manifest_free(figures, n);
                        return -1;
                    }
                    strcpy(f->words[f->word_count++], words[k]);
                }
            }
        }
        line = newline ? newline + 1 : NULL;
    }
    if (rc) {
        manifest_free(figures, n);
        return -1;
    }
    *out = figures;
    *count = n;
    return 0;
}

char *manifest_read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, len = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (bigger == NULL)
                free(text);
            text = bigger;
        }
    }
    fclose(f);
    if (text)
        text[len] = '\0';
    return text;
}

int manifest_load(figure **out, size_t *count, const char *dataset)
{
    char *path = manifest_path_join(dataset, MANIFEST_NAME);
    if (path == NULL)
        return -1;
    char *text = manifest_read_text(path);
    if (text == NULL && errno != ENOENT) {
        cli_error(path, 0, 0, "cannot read: %s", strerror(errno));
        free(path);
        return -1;
    }
    if (text == NULL && (text = malloc(strlen(default_manifest) + 1)) != NULL)
        strcpy(text, default_manifest);
    int rc = text ? parse_manifest(out, count, text, path) : -1;
    free(text);
    free(path);
    return rc;
}
