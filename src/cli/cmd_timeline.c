#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct choice {
    const char *name;
    int value;
} choice;

/* The value named `text` among `choices`; -1 after printing the usage error. */
static int pick(const char *option, const char *text, const choice *choices, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(text, choices[i].name) == 0)
            return choices[i].value;
    char expected[128] = "";
    for (size_t i = 0; i < count; i++) {
        strcat(expected, i == 0 ? "" : i + 1 == count ? " or " : ", ");
        strcat(expected, choices[i].name);
    }
    cli_usage_error("timeline: %s: unknown value '%s' (expected %s)", option, text, expected);
    return -1;
}

int cmd_timeline(cli *c, int argc, char **argv)
{
    const char *lanes = NULL, *scale = NULL, *bin = NULL, *keep_gaps = NULL;
    cli_page_values pv = {0};
    const cli_option extra[] = {
        {"lanes", 0, "L", &lanes, "actor (default), type, location or none", NULL, 0},
        {"scale", 0, "S", &scale, "proportional (default) or ordinal", NULL, 0},
        {"bin", 0, "B", &bin, "auto (default), day, week, month, year or none", NULL, 0},
        {"keep-gaps", 0, NULL, &keep_gaps, "do not cut long empty stretches out of the time axis",
         NULL, 0},
        {"top", 0, "N", &pv.top,
         "lanes drawn before the rest fold into one\n(default 0: as many as fit)", NULL, 0},
        CLI_PAGE_OPTIONS(pv),
    };
    int rc =
        cli_parse(c, argc, argv, CLI_LOADS | CLI_FIGURE, extra, sizeof extra / sizeof extra[0]);
    if (rc)
        return rc;
    evg_timeline_opts opts = EVG_TIMELINE_OPTS_INIT;
    static const choice lane_choices[] = {
        {"actor", EVG_TIMELINE_LANES_ACTOR},
        {"type", EVG_TIMELINE_LANES_TYPE},
        {"location", EVG_TIMELINE_LANES_LOCATION},
        {"none", EVG_TIMELINE_LANES_NONE},
    };
    static const choice scale_choices[] = {
        {"proportional", EVG_TIMELINE_SCALE_PROPORTIONAL},
        {"ordinal", EVG_TIMELINE_SCALE_ORDINAL},
    };
    static const choice bin_choices[] = {
        {"auto", EVG_TIMELINE_BIN_AUTO}, {"day", EVG_TIMELINE_BIN_DAY},
        {"week", EVG_TIMELINE_BIN_WEEK}, {"month", EVG_TIMELINE_BIN_MONTH},
        {"year", EVG_TIMELINE_BIN_YEAR}, {"none", EVG_TIMELINE_BIN_NONE},
    };
    int v;
    if (lanes) {
        if ((v = pick("--lanes", lanes, lane_choices, 4)) < 0)
            return EXIT_USAGE;
        opts.lanes = (evg_timeline_lanes)v;
    }
    if (scale) {
        if ((v = pick("--scale", scale, scale_choices, 2)) < 0)
            return EXIT_USAGE;
        opts.scale = (evg_timeline_scale)v;
    }
    if (bin) {
        if ((v = pick("--bin", bin, bin_choices, 6)) < 0)
            return EXIT_USAGE;
        opts.bin = (evg_timeline_bin)v;
    }
    cli_figure_box box = {&opts.width, &opts.dpi, &opts.page, &opts.min_text, &opts.top};
    if ((rc = cli_figure_page(c, &pv, &box)) != 0)
        return rc;
    opts.cut_gaps = keep_gaps == NULL;
    opts.title = c->title;
    opts.filter = c->filter;
    opts.svg = c->svg;
    evg_output out;
    if ((rc = cli_output(c, &out)) != 0)
        return rc;
    if (c->plan)
        return cli_plan_single(c);
    evg_model *model;
    if ((rc = cli_load(c, &model)) != 0)
        return rc;
    rc = cli_depfile(c, &out, &c->output, 1);
    if (rc == 0)
        rc = cli_exit_code(evg_timeline_write(model, &opts, &out));
    evg_model_free(model);
    return rc;
}
