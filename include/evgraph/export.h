/* evgraph/export.h - EVG_API marks the library's public functions.
 *
 * The library is compiled with hidden visibility: only declarations marked
 * EVG_API are exported from the shared library (libevgraph.so), so internal
 * evg__ functions stay private to it. */
#ifndef EVGRAPH_EXPORT_H
#define EVGRAPH_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define EVG_API __attribute__((visibility("default")))
#else
#define EVG_API
#endif

#endif
