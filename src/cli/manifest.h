/* figures.txt, the figures `evgraph build` makes of a dataset. */
#ifndef EVG_CLI_MANIFEST_H
#define EVG_CLI_MANIFEST_H

#include <stddef.h>

#define MANIFEST_NAME "figures.txt"
#define MAX_WORDS 64

typedef struct figure {
    char name[128];
    char command[16];
    char formats[64]; /* comma-separated */
    char *words[MAX_WORDS]; /* options, malloc'd */
    size_t columns[MAX_WORDS]; /* of each word in its manifest line */
    size_t word_count;
    unsigned long line; /* in the manifest; 0 for the default set */
} figure;

/* Reads DATASET/figures.txt (or the default set when there is none) into a
 * malloc'd array of *count figures. Returns 0, or -1 after printing every
 * error placed in the file. */
int manifest_load(figure **out, size_t *count, const char *dataset);

void manifest_free(figure *figures, size_t count);

/* "A/B", malloc'd; NULL when out of memory. */
char *manifest_path_join(const char *a, const char *b);

/* A whole file as a malloc'd NUL-ended string; NULL (errno set) when it
 * cannot be read. */
char *manifest_read_text(const char *path);

#endif
