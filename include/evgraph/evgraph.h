/* evgraph/evgraph.h - umbrella header for the evgraph library. */
#ifndef EVGRAPH_EVGRAPH_H
#define EVGRAPH_EVGRAPH_H

#include "actors.h"
#include "date.h"
#include "diag.h"
#include "html.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "timeline.h"

#define EVG_VERSION "0.1.0"

#endif
