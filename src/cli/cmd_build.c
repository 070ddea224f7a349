/* evgraph build: regenerates the figures every dataset declares, skipping
 * those whose inputs and options have not changed.
 *
 * A figure is one line of a dataset's figures.txt (or of the default set),
 * built by running the figure command in-process with the line's options, so
 * a manifest says exactly what a command line would, confined to the dataset
 * folder (reads) and its output folder (writes). Each output file's signature
 * (evgraph itself, the command line, the bytes of the dataset's files and of
 * the files options name) is kept in OUT/<dataset>/.evgraph-stamps; a file is
 * stale when it is missing or its signature differs. A dataset that fails is
 * reported and the others are still built.
 */
#define _POSIX_C_SOURCE 200809L

#include "cli.h"
#include "manifest.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define STAMPS_NAME ".evgraph-stamps"

typedef struct stamp {
    char *output; /* file name within OUT/<dataset>/ */
    uint64_t signature;
} stamp;

typedef struct build {
    cli *c;
    const char *out_dir;
    int check;
    int force;
    int verbose;
    int progress; /* on a terminal and not quiet */
    size_t done, total;
    size_t built, up_to_date, failed; /* outputs, for the summary */
} build;

/* FNV-1a, 64 bits: enough to notice a change, not meant against malice. */
static uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return h;
}

static uint64_t hash_string(uint64_t h, const char *s)
{
    return hash_bytes(h, s, strlen(s) + 1);
}

/* Hashes a file's bytes, or its absence. */
static uint64_t hash_file(uint64_t h, const char *path)
{
    FILE *f = fopen(path, "rb");
    h = hash_string(h, path);
    if (f == NULL)
        return hash_string(h, "(absent)");
    char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = hash_bytes(h, buf, n);
    fclose(f);
    return h;
}

static int compare_stamps(const void *a, const void *b)
{
    return strcmp(((const stamp *)a)->output, ((const stamp *)b)->output);
}

static void free_stamps(stamp *stamps, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(stamps[i].output);
    free(stamps);
}

/* Reads OUT/<dataset>/.evgraph-stamps: "OUTPUT SIGNATURE" lines. A missing
 * or damaged file only means everything is stale. */
static stamp *read_stamps(const char *dir, size_t *count)
{
    *count = 0;
    char *path = manifest_path_join(dir, STAMPS_NAME);
    char *text = path ? manifest_read_text(path) : NULL;
    free(path);
    if (text == NULL)
        return NULL;
    stamp *stamps = NULL;
    size_t n = 0, cap = 0;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char name[256];
        unsigned long long signature;
        /* The header is a comment, not a stamp. */
        if (line[0] == '#' || sscanf(line, "%255s %llx", name, &signature) != 2)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            stamp *bigger = realloc(stamps, cap * sizeof *stamps);
            if (bigger == NULL)
                break;
            stamps = bigger;
        }
        stamps[n].output = malloc(strlen(name) + 1);
        if (stamps[n].output == NULL)
            break;
        strcpy(stamps[n].output, name);
        stamps[n++].signature = signature;
    }
    free(text);
    *count = n;
    return stamps;
}

static stamp *find_stamp(stamp *stamps, size_t count, const char *output)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(stamps[i].output, output) == 0)
            return &stamps[i];
    return NULL;
}

/* Records a signature for an output, replacing an older one. */
static int set_stamp(stamp **stamps, size_t *count, const char *output, uint64_t signature)
{
    stamp *s = find_stamp(*stamps, *count, output);
    if (s) {
        s->signature = signature;
        return 0;
    }
    stamp *bigger = realloc(*stamps, (*count + 1) * sizeof **stamps);
    if (bigger == NULL)
        return -1;
    *stamps = bigger;
    s = &bigger[*count];
    if ((s->output = malloc(strlen(output) + 1)) == NULL)
        return -1;
    strcpy(s->output, output);
    s->signature = signature;
    (*count)++;
    return 0;
}

static int write_stamps(const char *dir, stamp *stamps, size_t count, cli *c)
{
    qsort(stamps, count, sizeof *stamps, compare_stamps);
    size_t cap = 64 + count * 300, len = 0;
    char *text = malloc(cap);
    if (text == NULL)
        return -1;
    len += (size_t)snprintf(text, cap, "# evgraph build: signatures of the figures made here\n");
    for (size_t i = 0; i < count; i++)
        len += (size_t)snprintf(text + len, cap - len, "%s %016llx\n", stamps[i].output,
                                (unsigned long long)stamps[i].signature);
    char *path = manifest_path_join(dir, STAMPS_NAME);
    int rc = path ? evg_write_file(path, text, len, cli_print_diag, c) : -1;
    free(path);
    free(text);
    return rc;
}

/* The status line: on a terminal one line, rewritten as the build goes. */
static void clear_progress(const build *b)
{
    if (b->progress)
        fputs("\r\033[K", stderr);
}

static void show_progress(const build *b, const char *dataset, const char *output)
{
    if (b->progress)
        fprintf(stderr, "\r\033[K[%zu/%zu] %s: %s", b->done, b->total, dataset, output);
}

/* The argv of `evgraph COMMAND DATASET -o PATH -T FORMAT -q OPTIONS...`, and
 * the manifest column of each word (0 for the words the build adds). */
enum { FIXED_WORDS = 8 };
static int figure_argv(char **argv, size_t *columns, const figure *f, const char *dataset,
                       const char *path, const char *format)
{
    int argc = 0;
    const char *fixed[FIXED_WORDS] = {"evgraph", f->command, dataset, "-o", path, "-T", format,
                                      /* The dataset's warnings were shown when it was
                                       * validated. */
                                      "-q"};
    for (; argc < FIXED_WORDS; argc++) {
        argv[argc] = (char *)fixed[argc];
        columns[argc] = 0;
    }
    for (size_t i = 0; i < f->word_count; i++, argc++) {
        argv[argc] = f->words[i];
        columns[argc] = f->columns[i];
    }
    argv[argc] = NULL;
    return argc;
}

typedef struct dataset_state {
    const char *dataset; /* the path given to the figure commands */
    const char *name;    /* the folder's own name */
    char *dir;           /* OUT/<name> */
    char *manifest;      /* DATASET/figures.txt, for messages */
    uint64_t inputs;     /* signature of the dataset's files */
    stamp *stamps;
    size_t stamp_count;
    bool made_dir;
    bool changed;
    bool validated;
    bool invalid;
} dataset_state;

/* Runs a figure's command line in plan mode, confined to the dataset and
 * its output folder: what it would write and read, or placed errors. */
static int plan_figure(cli_plan *plan, const dataset_state *d, const figure *f, const char *path,
                       const char *format)
{
    char *argv[MAX_WORDS + FIXED_WORDS + 1];
    size_t columns[MAX_WORDS + FIXED_WORDS + 1];
    int argc = figure_argv(argv, columns, f, d->dataset, path, format);
    cli_sandbox sandbox = {d->dataset, d->dir, d->manifest, f->line, columns};
    return cli_plan_run(plan, &sandbox, argc, argv);
}

/* Runs the figure's command line in-process, confined as when planned. */
static int run_figure(const dataset_state *d, const figure *f, const char *path,
                      const char *format)
{
    char *argv[MAX_WORDS + FIXED_WORDS + 1];
    size_t columns[MAX_WORDS + FIXED_WORDS + 1];
    int argc = figure_argv(argv, columns, f, d->dataset, path, format);
    cli_sandbox sandbox = {d->dataset, d->dir, d->manifest, f->line, columns};
    cli_plan *no_plan = NULL;
    return cli_plan_run(no_plan, &sandbox, argc, argv);
}

/* Loads the dataset once before its first stale figure, so invalid data is
 * reported once, not once per figure, and no figure is attempted. */
static int validate_once(build *b, dataset_state *d)
{
    if (d->validated)
        return d->invalid ? EXIT_INVALID : 0;
    d->validated = true;
    evg_model *model;
    clear_progress(b);
    int rc = evg_load(&model, &d->dataset, 1, &b->c->load);
    evg_model_free(model);
    if (rc) {
        d->invalid = true;
        return EXIT_INVALID;
    }
    return 0;
}

static int make_dir(const char *dir)
{
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_error(dir, 0, 0, "cannot create: %s", strerror(errno));
        return EXIT_INVALID;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Checks one output of one figure (with --by, the files of its periods) and
 * rebuilds it when stale. */
static int build_output(build *b, dataset_state *d, const figure *f, const char *format)
{
    char output[256];
    snprintf(output, sizeof output, "%s.%s", f->name, format);
    char *path = manifest_path_join(d->dir, output);
    if (path == NULL)
        return EXIT_INVALID;
    b->done++;
    show_progress(b, d->name, output);
    int rc = 0;
    /* The files it writes are known once the data is: with --by, one per
     * period that has events. */
    cli_plan plan = {.periods = true};
    if ((rc = validate_once(b, d)) != 0 && !b->check)
        goto done;
    if (rc == 0 && (rc = plan_figure(&plan, d, f, path, format)) != 0) {
        clear_progress(b);
        goto done;
    }
    uint64_t signature = hash_string(d->inputs, f->command);
    signature = hash_string(signature, format);
    for (size_t k = 0; k < f->word_count; k++)
        signature = hash_string(signature, f->words[k]);
    /* Files named by options (--css, --type-map, --actor-map) count too. */
    for (size_t k = 0; k < plan.inputs.count; k++)
        signature = hash_file(signature, plan.inputs.items[k]);
    bool fresh = !b->force && plan.outputs.count > 0 && !d->invalid;
    for (size_t k = 0; k < plan.outputs.count && fresh; k++) {
        struct stat st;
        stamp *s = find_stamp(d->stamps, d->stamp_count, base_name(plan.outputs.items[k]));
        fresh = s && s->signature == signature && stat(plan.outputs.items[k], &st) == 0;
    }
    if (fresh) {
        b->up_to_date++;
        if (b->verbose) {
            clear_progress(b);
            for (size_t k = 0; k < plan.outputs.count; k++)
                fprintf(stderr, "%s: up to date\n", plan.outputs.items[k]);
        }
    } else if (b->check) {
        clear_progress(b);
        rc = EXIT_INVALID;
        if (d->invalid)
            fprintf(stderr, "%s: cannot be built (invalid data)\n", path);
        if (plan.outputs.count == 0 && !d->invalid)
            fprintf(stderr, "%s: missing (no period has events)\n", path);
        /* Each stale file by its name; those of --by are rebuilt together. */
        for (size_t k = 0; k < plan.outputs.count; k++) {
            struct stat st;
            bool present = stat(plan.outputs.items[k], &st) == 0;
            stamp *s = find_stamp(d->stamps, d->stamp_count, base_name(plan.outputs.items[k]));
            if (!present || !s || s->signature != signature)
                fprintf(stderr, "%s: %s\n", plan.outputs.items[k],
                        present ? "out of date" : "missing");
        }
    } else if ((rc = make_dir(d->dir)) == 0) {
        clear_progress(b);
        rc = run_figure(d, f, path, format);
        for (size_t k = 0; k < plan.outputs.count && rc == 0; k++) {
            if (b->verbose)
                fprintf(stderr, "%s: built\n", plan.outputs.items[k]);
            rc = set_stamp(&d->stamps, &d->stamp_count, base_name(plan.outputs.items[k]),
                           signature)
                     ? EXIT_INVALID
                     : 0;
            d->changed = true;
        }
        b->built += rc == 0;
    }
done:
    if (rc)
        b->failed++;
    cli_list_free(&plan.outputs);
    cli_list_free(&plan.inputs);
    free(path);
    return rc;
}

static int build_dataset(build *b, dataset_state *d, const figure *figures, size_t count)
{
    d->stamps = read_stamps(d->dir, &d->stamp_count);
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char formats[64];
        strcpy(formats, figures[i].formats);
        for (char *save = NULL, *format = strtok_r(formats, ",", &save); format;
             format = strtok_r(NULL, ",", &save)) {
            int rc = build_output(b, d, &figures[i], format);
            status = status ? status : rc;
        }
    }
    /* Stamps are written even after a failure: what was built stays known. */
    if (d->changed && write_stamps(d->dir, d->stamps, d->stamp_count, b->c) != 0)
        status = EXIT_INVALID;
    free_stamps(d->stamps, d->stamp_count);
    d->stamps = NULL;
    return status;
}

/* Checks every figure line of a manifest as a command line, within the
 * folders it may reach, before anything is built: all its errors at once. */
static int check_manifest(dataset_state *d, const figure *figures, size_t count)
{
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char format[16];
        snprintf(format, sizeof format, "%.*s", (int)strcspn(figures[i].formats, ","),
                 figures[i].formats);
        char output[256];
        snprintf(output, sizeof output, "%s.%s", figures[i].name, format);
        char *path = manifest_path_join(d->dir, output);
        cli_plan plan = {.periods = false};
        int rc = path ? plan_figure(&plan, d, &figures[i], path, format) : EXIT_INVALID;
        cli_list_free(&plan.outputs);
        cli_list_free(&plan.inputs);
        free(path);
        status = status ? status : rc;
    }
    return status;
}

static int is_dataset(const char *dir)
{
    char *path = manifest_path_join(dir, "events.csv");
    struct stat st;
    int found = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(path);
    return found;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The datasets under `root` (or `root` itself when it is one), sorted. */
static char **find_datasets(const char *root, size_t *count)
{
    *count = 0;
    char **list = NULL;
    size_t cap = 0;
    if (is_dataset(root)) {
        list = malloc(sizeof *list);
        if (list && (list[0] = malloc(strlen(root) + 1)) != NULL) {
            strcpy(list[0], root);
            *count = 1;
        }
        return list;
    }
    DIR *dir = opendir(root);
    if (dir == NULL) {
        cli_error(root, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char *path = manifest_path_join(root, entry->d_name);
        if (path == NULL || !is_dataset(path)) {
            free(path);
            continue;
        }
        if (*count == cap) {
            cap = cap ? cap * 2 : 8;
            char **bigger = realloc(list, cap * sizeof *list);
            if (bigger == NULL)
                break;
            list = bigger;
        }
        list[(*count)++] = path;
    }
    closedir(dir);
    if (*count == 0)
        cli_error(root, 0, 0, "no dataset here (a folder holding events.csv)");
    qsort(list, *count, sizeof *list, compare_names);
    return list;
}

int cmd_build(cli *c, int argc, char **argv)
{
    const char *force = NULL, *check = NULL, *verbose = NULL, *out_dir = NULL;
    const cli_option options[] = {
        {"force", 0, NULL, &force, "rebuild every figure, up to date or not", NULL, 0},
        {"check", 0, NULL, &check, "build nothing; list stale figures, exit 1 if any", NULL, 0},
        {"verbose", 'v', NULL, &verbose, "name every file built or up to date", NULL, 0},
        {"out", 0, "DIR", &out_dir, "write into DIR/<dataset>/ (default out)", NULL, 0},
    };
    int rc = cli_parse(c, argc, argv, 0, options, sizeof options / sizeof options[0]);
    if (rc)
        return rc;
    if (c->input_count > 1)
        return cli_usage_error("build: one folder at most (default: data)");
    if (force && check)
        return cli_usage_error("build: --force and --check exclude each other");
    char root[4096];
    snprintf(root, sizeof root, "%s", c->input_count ? c->inputs[0] : "data");
    for (size_t len = strlen(root); len > 1 && root[len - 1] == '/'; len--)
        root[len - 1] = '\0';
    size_t dataset_count;
    char **datasets = find_datasets(root, &dataset_count);
    if (dataset_count == 0) {
        free(datasets);
        return EXIT_INVALID;
    }
    build b = {.c = c,
               .out_dir = out_dir ? out_dir : "out",
               .check = check != NULL,
               .force = force != NULL,
               .verbose = verbose != NULL,
               .progress = !c->quiet && isatty(STDERR_FILENO)};
    figure **figures = calloc(dataset_count, sizeof *figures);
    size_t *counts = calloc(dataset_count, sizeof *counts);
    dataset_state *states = calloc(dataset_count, sizeof *states);
    int status = figures && counts && states ? 0 : EXIT_INVALID;
    if (status == 0 && !b.check)
        status = make_dir(b.out_dir);
    /* A rebuilt evgraph may draw differently: its own bytes are part of every
     * signature (read once; where /proc is missing, the version alone). */
    uint64_t program = hash_file(14695981039346656037u, "/proc/self/exe");
    /* Every manifest is read and checked first, so that all their errors are
     * reported at once; a dataset with a bad one is left out, the others are
     * built. */
    for (size_t i = 0; i < dataset_count && status == 0; i++) {
        dataset_state *d = &states[i];
        d->dataset = datasets[i];
        d->name = base_name(datasets[i]);
        d->dir = manifest_path_join(b.out_dir, d->name);
        d->manifest = manifest_path_join(datasets[i], MANIFEST_NAME);
        if (d->dir == NULL || d->manifest == NULL ||
            manifest_load(&figures[i], &counts[i], datasets[i]) != 0 ||
            check_manifest(d, figures[i], counts[i]) != 0) {
            d->invalid = true;
            b.failed++;
            continue;
        }
        for (size_t k = 0; k < counts[i]; k++)
            for (const char *p = figures[i][k].formats; p; p = strchr(p + 1, ','))
                b.total++;
        /* The signature of what every figure of the dataset reads. */
        uint64_t inputs = hash_string(program, "evgraph " EVG_VERSION);
        const char *parts[] = {"events.csv", "actors.csv", "types.csv", "columns.txt"};
        for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
            char *path = manifest_path_join(datasets[i], parts[k]);
            inputs = path ? hash_file(inputs, path) : 0;
            free(path);
        }
        d->inputs = inputs;
    }
    for (size_t i = 0; i < dataset_count && states && figures && counts; i++)
        if (!states[i].invalid && build_dataset(&b, &states[i], figures[i], counts[i]) != 0)
            status = status ? status : EXIT_INVALID;
    for (size_t i = 0; i < dataset_count && states; i++)
        if (states[i].invalid)
            status = status ? status : EXIT_INVALID;
    clear_progress(&b);
    if ((b.progress || b.verbose) && !c->quiet)
        fprintf(stderr, "evgraph build: %zu built, %zu up to date, %zu failed\n", b.built,
                b.up_to_date, b.failed);
    for (size_t i = 0; i < dataset_count; i++) {
        if (figures && figures[i])
            manifest_free(figures[i], counts[i]);
        if (states) {
            free(states[i].dir);
            free(states[i].manifest);
        }
        free(datasets[i]);
    }
    free(states);
    free(figures);
    free(counts);
    free(datasets);
    return status;
}
