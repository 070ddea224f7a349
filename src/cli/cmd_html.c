/* evgraph html DATASET... -o page.html: one self-contained web page. */
#include "cli.h"

#include <string.h>

int cmd_html(cli *c, int argc, char **argv)
{
    int rc = cli_parse(c, argc, argv, CLI_LOADS | CLI_FIGURE, NULL, 0);
    if (rc)
        return rc;
    if (c->format_name && strcmp(c->format_name, "html") != 0)
        return cli_usage_error("html: writes HTML only, not '%s'", c->format_name);
    if (c->output == NULL && c->format_name)
        c->output = "-";
    if (c->output == NULL)
        return cli_usage_error("html: no output given (-o FILE, or -o - for standard output)");
    evg_format figure_format;
    if (strcmp(c->output, "-") != 0 && evg_format_from_path(&figure_format, c->output) == 0)
        return cli_usage_error("html: writes a web page, not %s: name it .html, or draw the "
                               "figure with 'evgraph timeline' or 'evgraph actors'",
                               evg_format_name(figure_format));
    if (c->depfile && strcmp(c->depfile, "-") == 0 && strcmp(c->output, "-") == 0)
        return cli_usage_error("html: -M - would put the make rule into the page on standard "
                               "output; give -M FILE");
    /* Options of the SVG figures that mean nothing for a whole page: its
     * ids are its own (timeline-HASH-, actors-HASH-, event-), its figures
     * always scale to its width and follow its light or dark background.
     * Refused rather than quietly ignored. */
    if (c->svg.id_prefix)
        return cli_usage_error("html: --id-prefix is for SVG figures; the page's ids are its own "
                               "(timeline-, actors-, event-)");
    if (c->svg.no_size)
        return cli_usage_error("html: --no-size and --responsive are for SVG figures; the "
                               "page's figures always scale to its width");
    if (c->svg.transparent)
        return cli_usage_error("html: --background is for SVG figures; the page's figures "
                               "follow its light or dark background");
    evg_output out = {0};
    out.path = c->output;
    out.diag = cli_print_diag;
    out.diag_payload = c;
    if (c->plan)
        return cli_plan_single(c);
    evg_html_opts opts = EVG_HTML_OPTS_INIT;
    opts.filter = c->filter;
    opts.title = c->title;
    opts.css = c->svg.css;
    evg_model *model;
    if ((rc = cli_load(c, &model)) != 0)
        return rc;
    rc = cli_depfile(c, &out, &c->output, 1);
    if (rc == 0)
        rc = cli_exit_code(evg_html_write(model, &opts, &out));
    evg_model_free(model);
    return rc;
}
