#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE */

#include "bigmem_int.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

void *evg__big_alloc(size_t size)
{
    if (size < EVG__BIG_BYTES)
        return malloc(size);
    void *p;
    if (posix_memalign(&p, HUGE_PAGE, size) != 0)
        return NULL;
#ifdef MADV_HUGEPAGE
    /* Advice only: where transparent huge pages are off, nothing changes. */
    (void)madvise(p, size & ~(size_t)(HUGE_PAGE - 1), MADV_HUGEPAGE);
#endif
    return p;
}

void *evg__big_zalloc(size_t size)
{
    if (size < EVG__BIG_BYTES)
        return calloc(1, size ? size : 1);
    void *p = evg__big_alloc(size);
    if (p != NULL)
        memset(p, 0, size);
    return p;
}
