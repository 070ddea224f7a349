/* A program outside the project: loads three events from memory through the
 * installed headers and library, draws their timeline as SVG to argv[1] and
 * checks that the file holds an SVG with an event's mark. */
#include <evgraph/evgraph.h>

#include <stdio.h>
#include <string.h>

static void print_diag(const evg_diag *diag, void *payload)
{
    (void)payload;
    if (diag->severity != EVG_SEVERITY_ERROR)
        return;
    fprintf(stderr, "%s:%lu:%lu: %s: %s\n", diag->file ? diag->file : "-", diag->line,
            diag->column, evg_severity_name(diag->severity), diag->message);
}

int main(int argc, char **argv)
{
    static const char csv[] = "id,date,type,actor,target,title\n"
                              "a,2016-01-05,meeting,alpha,beta,Talks begin\n"
                              "b,2016-02-10,statement,beta,alpha,A reply\n"
                              "c,2016-03,airstrike,alpha,,Strikes\n";
    if (argc != 2) {
        fprintf(stderr, "usage: consumer OUT.svg\n");
        return 2;
    }
    evg_load_opts opts = EVG_LOAD_OPTS_INIT;
    opts.diag = print_diag;
    evg_model *model = NULL;
    int rc = evg_load_memory(&model, "events.csv", csv, sizeof csv - 1, &opts);
    if (rc != 0) {
        fprintf(stderr, "consumer: load: %s\n", evg_strerror(rc));
        return 1;
    }
    if (evg_model_event_count(model) != 3) {
        fprintf(stderr, "consumer: %zu events, expected 3\n", evg_model_event_count(model));
        evg_model_free(model);
        return 1;
    }
    evg_output out = {.path = argv[1], .format = EVG_FORMAT_SVG, .diag = print_diag};
    rc = evg_timeline_write(model, NULL, &out);
    evg_model_free(model);
    if (rc != 0) {
        fprintf(stderr, "consumer: timeline: %s\n", evg_strerror(rc));
        return 1;
    }
    char buf[1 << 16];
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    if (strstr(buf, "<svg") == NULL || strstr(buf, "Talks begin") == NULL) {
        fprintf(stderr, "consumer: %s is not the expected SVG\n", argv[1]);
        return 1;
    }
    printf("consumer: evgraph %s, %zu bytes of SVG\n", EVG_VERSION, len);
    return 0;
}
