/* evosched public API: include this one header. */
#ifndef EVOSCHED_H
#define EVOSCHED_H

#define ES_VERSION_MAJOR 0
#define ES_VERSION_MINOR 1
#define ES_VERSION_PATCH 0
#define ES_VERSION_STRING "0.1.0"

#include <evosched/status.h>
#include <evosched/rng.h>
#include <evosched/genome.h>
#include <evosched/problem.h>
#include <evosched/operator.h>
#include <evosched/registry.h>
#include <evosched/engine.h>
#include <evosched/mip.h>

#ifdef __cplusplus
extern "C" {
#endif
/* Version of the library actually linked, e.g. "0.1.0". */
const char *es_version(void);
#ifdef __cplusplus
}
#endif
#endif
