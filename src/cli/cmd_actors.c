#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int cmd_actors(cli *c, int argc, char **argv)
{
    const char *layout = NULL, *aggregate = NULL, *by = NULL, *collapse = NULL,
               *self_loops = NULL, *no_legend = NULL, *max_edges = NULL, *width = NULL,
               *dpi = NULL;
    const cli_option extra[] = {
        {"layout", 0, 1, &layout, NULL},
        {"aggregate", 0, 1, &aggregate, NULL},
        {"collapse", 0, 0, &collapse, NULL},
        {"by", 0, 1, &by, NULL},
        {"self-loops", 0, 0, &self_loops, NULL},
        {"no-legend", 0, 0, &no_legend, NULL},
        {"max-edges", 0, 1, &max_edges, NULL},
        {"width", 0, 1, &width, NULL},
        {"dpi", 0, 1, &dpi, NULL},
    };
    int rc = cli_parse(c, argc, argv, 1, extra, sizeof extra / sizeof extra[0]);
    if (rc)
        return rc;

    evg_actors_opts opts = EVG_ACTORS_OPTS_INIT;
    opts.filter = c->filter;
    opts.svg = c->svg;
    opts.title = c->title;
    opts.collapse = collapse != NULL;
    opts.self_loops = self_loops != NULL;
    opts.legend = no_legend == NULL;
    if (layout && evg_actors_layout_parse(&opts.layout, layout) != 0)
        return cli_usage_error("actors: --layout: unknown value '%s' (expected auto, dot, neato, "
                               "fdp, sfdp or circo)",
                               layout);
    if (aggregate && evg_actors_aggregate_parse(&opts.aggregate, aggregate) != 0)
        return cli_usage_error("actors: --aggregate: unknown value '%s' (expected type, all or "
                               "none)",
                               aggregate);
    if (by && (evg_period_parse(&opts.by, by) != 0 || opts.by == EVG_PERIOD_NONE))
        return cli_usage_error("actors: --by: unknown value '%s' (expected month, quarter or year)",
                               by);
    if (max_edges) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(max_edges, &end, 10);
        if (errno || end == max_edges || *end || max_edges[0] == '-')
            return cli_usage_error("actors: --max-edges needs a whole number, not '%s'",
                                   max_edges);
        opts.max_edges = (size_t)n;
    }
    if ((rc = cli_figure_size(c, width, dpi, &opts.width, &opts.dpi)) != 0)
        return rc;
    evg_output out;
    if ((rc = cli_output(c, &out)) != 0)
        return rc;
    if (opts.by != EVG_PERIOD_NONE && strcmp(out.path, "-") == 0)
        return cli_usage_error("actors: --by writes one file per period; give -o FILE, not -o -");

    evg_model *model;
    if ((rc = cli_load(c, &model)) != 0)
        return rc;
    rc = cli_exit_code(evg_actors_write(model, &opts, &out));
    if (rc == 0)
        rc = cli_write_depfile(c, c->output);
    evg_model_free(model);
    return rc;
}
