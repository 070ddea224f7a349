/* The ceiling for loading: one bare libcsv pass over a file that only counts
 * fields and rows, with the options the loader uses (CSV_STRICT | CSV_STRICT_FINI).
 * usage: csv_count [-t] FILE    prints "ROWS FIELDS BYTES"; -t: tab-separated
 * Built by bench/run.sh: cc -O2 bench/csv_count.c -lcsv */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct counts {
    unsigned long fields, rows;
};

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ((struct counts *)data)->fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    ((struct counts *)data)->rows++;
}

int main(int argc, char **argv)
{
    int tab = argc == 3 && strcmp(argv[1], "-t") == 0;
    if (argc != 2 + tab) {
        fprintf(stderr, "usage: csv_count [-t] FILE\n");
        return 2;
    }
    const char *path = argv[1 + tab];
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return 1;
    if (tab)
        csv_set_delim(&p, '\t');
    struct counts n = {0, 0};
    static char buf[1 << 16];
    unsigned long bytes = 0;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        bytes += got;
        if (csv_parse(&p, buf, got, on_field, on_row, &n) != got) {
            fprintf(stderr, "%s: %s\n", path, csv_strerror(csv_error(&p)));
            return 1;
        }
    }
    csv_fini(&p, on_field, on_row, &n);
    csv_free(&p);
    fclose(f);
    printf("%lu %lu %lu\n", n.rows, n.fields, bytes);
    return 0;
}
