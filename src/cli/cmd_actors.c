#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cmd_actors(cli *c, int argc, char **argv)
{
    const char *layout = NULL, *aggregate = NULL, *by = NULL, *collapse = NULL, *self_loops = NULL,
               *no_legend = NULL, *max_edges = NULL, *min_count = NULL;
    cli_page_values pv = {0};
    const cli_option extra[] = {
        {"layout", 0, "L", &layout,
         "auto (default: dot, or fdp past 500 edges),\ndot, neato, fdp, sfdp or circo", NULL, 0},
        {"aggregate", 0, "A", &aggregate,
         "an edge per actor, target and type (type,\n"
         "default), per pair with its mix of types (all),\n"
         "or per event (none)",
         NULL, 0},
        {"collapse", 0, NULL, &collapse, "fold persons and other members into their top parent",
         NULL, 0},
        {"self-loops", 0, NULL, &self_loops, "draw an actor's relations with itself", NULL, 0},
        {"by", 0, "P", &by,
         "month, quarter or year: a file per period\n"
         "(FILE-2016-Q1.svg), the same positions in each",
         NULL, 0},
        {"no-legend", 0, NULL, &no_legend, "leave out the legend of types, kinds and sources", NULL,
         0},
        {"max-edges", 0, "N", &max_edges, "refuse to draw more edges (default 5000, 0: no cap)",
         NULL, 0},
        {"min-count", 0, "N", &min_count, "hide relations of fewer than N events (counted)", NULL,
         0},
        {"top", 0, "N", &pv.top,
         "actors drawn before the rest fold into \"others\"\n(0: as many as fit)", NULL, 0},
        CLI_PAGE_OPTIONS(pv),
    };
    int rc =
        cli_parse(c, argc, argv, CLI_LOADS | CLI_FIGURE, extra, sizeof extra / sizeof extra[0]);
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
    if (max_edges && (rc = cli_parse_count(c, "--max-edges", max_edges, &opts.max_edges)) != 0)
        return rc;
    cli_figure_box box = {&opts.width, &opts.dpi, &opts.page, &opts.min_text, &opts.top};
    if ((rc = cli_figure_page(c, &pv, &box)) != 0)
        return rc;
    if (min_count && (rc = cli_parse_count(c, "--min-count", min_count, &opts.min_count)) != 0)
        return rc;
    evg_output out;
    if ((rc = cli_output(c, &out)) != 0)
        return rc;
    if (opts.by != EVG_PERIOD_NONE && strcmp(out.path, "-") == 0)
        return cli_usage_error("actors: --by writes one file per period; give -o FILE, not -o -");

    if (c->plan && (opts.by == EVG_PERIOD_NONE || !c->plan->periods))
        return cli_plan_single(c);
    evg_model *model;
    if ((rc = cli_load(c, &model)) != 0)
        return rc;
    if (c->plan) {
        rc = cli_period_paths(&c->plan->outputs, c, model, &opts, c->output);
        if (rc == 0)
            for (size_t i = 0; i < c->read_files.count && rc == 0; i++)
                rc = cli_list_add(&c->plan->inputs, c->read_files.items[i]) ? EXIT_INVALID : 0;
        evg_model_free(model);
        return rc;
    }
    if (opts.by == EVG_PERIOD_NONE) {
        rc = cli_depfile(c, &out, &c->output, 1);
    } else if (c->depfile) {
        /* A make rule names the files made: one per period, not -o's name,
         * and the rule itself, which stands for a set of files a Makefile
         * cannot name before they are made ("all: fig/q.d"). */
        cli_list files = {0};
        rc = cli_period_paths(&files, c, model, &opts, c->output);
        if (rc == 0 && cli_list_add(&files, c->depfile) != 0)
            rc = EXIT_INVALID;
        if (rc == 0)
            rc = cli_depfile(c, &out, files.items, files.count);
        cli_list_free(&files);
    }
    if (rc == 0)
        rc = cli_exit_code(evg_actors_write(model, &opts, &out));
    evg_model_free(model);
    return rc;
}
