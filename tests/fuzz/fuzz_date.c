/* Fuzz target: any bytes as a date. An accepted date must format back to a
 * text that parses to the same date, with a start before its end. */
#include <evgraph/evgraph.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    evg_date date;
    if (evg_date_parse(&date, (const char *)data, size) != 0)
        return 0;
    if (evg_date_start(&date) >= evg_date_end(&date))
        abort();
    char text[EVG_DATE_TEXT_MAX];
    size_t len = evg_date_format(text, sizeof text, &date);
    if (len >= sizeof text)
        abort();
    evg_date again;
    if (evg_date_parse(&again, text, len) != 0 || memcmp(&date, &again, sizeof date) != 0)
        abort();
    return 0;
}
