/* Compiled with -Wpedantic -Werror: the umbrella header stands alone. */
#include <evgraph/evgraph.h>

int evg_header_check(void);
int evg_header_check(void)
{
    return EVG_OK;
}
