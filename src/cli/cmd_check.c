#include "cli.h"

#include <stdio.h>

int cmd_check(cli *c, int argc, char **argv)
{
    int rc = cli_parse(c, argc, argv, CLI_LOADS, NULL, 0);
    if (rc)
        return rc;
    if (c->input_count == 0)
        return cli_usage_error("check: no dataset given");
    int worst = 0;
    /* Each dataset on its own, so each gets its own summary line. */
    for (size_t i = 0; i < c->input_count; i++) {
        evg_model *model;
        int status = evg_load(&model, &c->inputs[i], 1, &c->load);
        if (status) {
            worst = worst ? worst : status;
            continue;
        }
        evg_model_stats stats;
        evg_model_stats_get(&stats, model);
        char first[EVG_DATE_TEXT_MAX], last[EVG_DATE_TEXT_MAX];
        evg_date_format(first, sizeof first, &stats.first);
        evg_date_format(last, sizeof last, &stats.last);
        printf("%s: %zu events, %zu actors, %zu types", c->inputs[i], stats.events, stats.actors,
               stats.types_used);
        if (stats.events)
            printf(", %s to %s", first, last);
        printf("\n");
        evg_model_free(model);
    }
    return cli_exit_code(worst);
}
