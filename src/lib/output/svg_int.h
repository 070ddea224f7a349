/* SVG that a web page can embed: ids with a per-figure prefix, classes,
 * tooltips and checked links, escaping Graphviz 2.43 does not guarantee,
 * accessibility attributes and an optional stylesheet. The renderers give
 * Graphviz safe placeholders for every data-bearing attribute (tooltips,
 * links) and evg__svg_finish puts the escaped values in afterwards. */
#ifndef EVG_SVG_INT_H
#define EVG_SVG_INT_H

#include "svg_web_int.h"

/* Post-processes Graphviz's SVG: ids prefixed and unique, placeholders
 * replaced by escaped values, entity references Graphviz left undefined
 * escaped, no event-handler attributes or disallowed links, role="img",
 * aria-labelledby, <title>, <desc> and <style> added; width and height
 * dropped when web->no_size. *out is malloc'd. Returns 0 or EVG_ENOMEM. */
int evg__svg_finish(evg__svg_web *web, const char *svg, size_t len, char **out,
                    size_t *out_len);

#endif
