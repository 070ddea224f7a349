/* Large tables (the event table, the id maps, the arena's blocks) on huge
 * pages where the kernel offers them. Loading a million events touches
 * about 450 MiB once; in 4 KiB pages that is over 100,000 page faults, a
 * sixth of the loading thread's time on a virtual machine (measured). */
#ifndef EVG_BIGMEM_INT_H
#define EVG_BIGMEM_INT_H

#include <stddef.h>

/* From this size on, an allocation is aligned to and advised for huge
 * pages; below it, plain malloc. */
#define EVG__BIG_BYTES ((size_t)4 << 20)

/* Like malloc (free it with free); NULL when out of memory. */
void *evg__big_alloc(size_t size);

/* Like calloc: `size` zero bytes. */
void *evg__big_zalloc(size_t size);

#endif
