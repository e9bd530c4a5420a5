/*
 * clout/plugin.h: the metric plugin interface of clout, ABI version 1.
 *
 * A plugin is a shared library that cloutd loads at run time to compute
 * metrics over the series it stores. This header is the whole contract
 * between the two: plain C99, fixed-width types, no C++, protobuf or Abseil
 * type crosses it. A plugin built against it with any compiler works with
 * every cloutd that speaks ABI 1.
 *
 * How it fits together:
 *   - The plugin exports exactly one symbol, CLOUT_PLUGIN_ENTRY_SYMBOL
 *     ("clout_plugin_entry_v1"): a constant clout_plugin_v1 describing the
 *     plugin and its metrics. It is data, so the host reads every name,
 *     version, parameter and input without running plugin code.
 *   - To compute, the host calls a metric's `compute` with a table of host
 *     functions, an opaque call handle and the inputs. Inputs are borrowed,
 *     read-only, columnar and valid only during the call. Results go back
 *     through the host functions (set_value, add_component, add_row, ...),
 *     which copy what they are given: no memory allocated by one side is
 *     ever freed by the other.
 *   - Every struct but clout_series_v1 starts with its size in bytes,
 *     `struct_size`. Minor versions only append fields at the end of those
 *     structs and of the host table, so a reader checks `struct_size` before
 *     touching a field added after 1.0 (the host steps through a plugin's
 *     array of clout_param_spec_v1 by the size it declares).
 *     clout_series_v1 has no size: the host passes series in arrays (the
 *     account series, a post's fields) that the plugin indexes with its own
 *     sizeof, so its layout is fixed for all of ABI 1 and a new member
 *     needs ABI 2.
 *   - The host refuses a plugin with another major version or a newer minor
 *     version than its own, naming the file, the field and both versions.
 *
 * Rules for compute functions:
 *   - Return CLOUT_OK, or an error code after host->set_error(call, ...).
 *   - Never let a C++ exception, longjmp or signal escape.
 *   - Poll host->cancelled(call) in long loops and return CLOUT_CANCELLED
 *     when it says so (the call's deadline has passed or the client left).
 *   - A metric without CLOUT_METRIC_THREAD_SAFE is never called
 *     concurrently with itself; one with it may be called from many threads.
 *   - Never call back into the host after returning.
 *
 * A complete plugin in C (the C++ layer in clout/plugin.hpp is shorter):
 *
 *   #include <clout/plugin.h>
 *
 *   static const char* const kAccountFields[] = {"followers"};
 *   static const clout_param_spec_v1 kParams[] = {
 *       {sizeof(clout_param_spec_v1), "scale", "Multiply the result by this",
 *        CLOUT_PARAM_DOUBLE, 1.0, 0.0, 1000.0, NULL, 0},
 *   };
 *
 *   static int32_t LatestFollowers(const clout_host_v1* host, void* call,
 *                                  const clout_compute_input_v1* in) {
 *     const clout_series_v1* followers = &in->account[0];
 *     if (followers->count == 0) {
 *       host->set_error(call, "no followers sample in the window");
 *       return CLOUT_FAILED_PRECONDITION;
 *     }
 *     host->set_value(call, in->params[0] *
 *                     (double)followers->values[followers->count - 1]);
 *     return CLOUT_OK;
 *   }
 *
 *   static const clout_metric_v1 kLatest = {
 *       sizeof(clout_metric_v1), "latest_followers", "1.0.0",
 *       "The last follower count in the window, scaled.",
 *       CLOUT_OUTPUT_SCALAR, "followers", CLOUT_METRIC_THREAD_SAFE,
 *       kAccountFields, 1, NULL, 0, kParams, 1, NULL, 0, LatestFollowers};
 *   static const clout_metric_v1* const kMetrics[] = {&kLatest};
 *
 *   CLOUT_PLUGIN_EXPORT const clout_plugin_v1 clout_plugin_entry_v1 = {
 *       sizeof(clout_plugin_v1), CLOUT_PLUGIN_ABI_MAJOR,
 *       CLOUT_PLUGIN_ABI_MINOR, "latest", "1.0.0", kMetrics, 1};
 *
 * Build it with the SDK's CMake function or Bazel macro (docs/plugins.md),
 * which apply hidden visibility, a version script exporting only the entry
 * symbol and -Wl,--no-undefined.
 */
#ifndef CLOUT_PLUGIN_H_
#define CLOUT_PLUGIN_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ABI version this header describes. */
#define CLOUT_PLUGIN_ABI_MAJOR 1
#define CLOUT_PLUGIN_ABI_MINOR 1

/* The one symbol a plugin exports; its name carries the major version. */
#define CLOUT_PLUGIN_ENTRY_SYMBOL "clout_plugin_entry_v1"

/* Marks the entry symbol for export (plugins build with hidden visibility). */
#if defined(__GNUC__)
#define CLOUT_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define CLOUT_PLUGIN_EXPORT
#endif

/* Status codes returned by compute functions. Values equal the canonical
 * gRPC codes the server maps them to. */
enum {
  CLOUT_OK = 0,                  /* Success. */
  CLOUT_CANCELLED = 1,           /* host->cancelled() said stop. */
  CLOUT_INVALID_ARGUMENT = 3,    /* A parameter value is unusable. */
  CLOUT_NOT_FOUND = 5,           /* Required data does not exist. */
  CLOUT_RESOURCE_EXHAUSTED = 8,  /* host->alloc() failed or input too big. */
  CLOUT_FAILED_PRECONDITION = 9, /* The data cannot give this metric (for
                                    example no sample in the window). */
  CLOUT_INTERNAL = 13            /* A bug in the plugin. */
};

/* Log levels for host->log. */
enum {
  CLOUT_LOG_DEBUG = 0,
  CLOUT_LOG_INFO = 1,
  CLOUT_LOG_WARNING = 2,
  CLOUT_LOG_ERROR = 3
};

/* Types of parameters. Every parameter value reaches the plugin as a double:
 * INT values are whole numbers, BOOL 0 or 1, ENUM the index of the chosen
 * name in enum_values. */
enum {
  CLOUT_PARAM_INT = 1,
  CLOUT_PARAM_DOUBLE = 2,
  CLOUT_PARAM_BOOL = 3,
  CLOUT_PARAM_ENUM = 4
};

/* What a metric produces. */
enum {
  CLOUT_OUTPUT_SCALAR = 1, /* One value (set_value), optional components and
                              rows. */
  CLOUT_OUTPUT_SERIES = 2  /* Points over time (add_point), optional
                              components and rows. */
};

/* Bits of clout_metric_v1.flags. */
enum {
  /* compute may run concurrently with itself. */
  CLOUT_METRIC_THREAD_SAFE = 1u << 0,
  /* Since ABI 1.1. The metric reads only the latest sample before the
   * window's end of each post field (as engagement counts do): for posts of
   * known publication time the host may pass just that sample (a series of
   * count 1, or 0 if there is none), which it can serve from memory instead
   * of reading the whole series. Posts of unknown publication time still
   * get their whole series in the window. A host of ABI 1.0 ignores the bit
   * and passes whole series, so the metric must accept both. */
  CLOUT_METRIC_LATEST_POST_SAMPLES = 1u << 1
};

/* Bits of clout_compute_input_v1.flags (since ABI 1.1). */
enum {
  /* The host keeps only the value of this call (it is ranking creators):
   * the variant, formula, components and rows are discarded, so the metric
   * may skip working them out; the host accepts and drops them if it does
   * not. The value must be the same with and without the bit. */
  CLOUT_INPUT_VALUE_ONLY = 1u << 0
};

/* A typed parameter with its default and bounds. The host validates every
 * request against the schema: unknown names and out-of-bounds values are
 * refused before the plugin runs. */
typedef struct clout_param_spec_v1 {
  uint32_t struct_size;    /* sizeof(clout_param_spec_v1). */
  const char* name;        /* Identifier: [a-z][a-z0-9_]*, at most 64. */
  const char* description; /* One sentence for people. */
  uint32_t type;           /* CLOUT_PARAM_*. */
  double default_value;    /* ENUM: index of the default name. */
  double min_value;        /* INT and DOUBLE: inclusive bounds. */
  double max_value;
  const char* const* enum_values; /* ENUM: the allowed names. */
  uint32_t enum_count;
} clout_param_spec_v1;

/* One series, borrowed: columns of `count` samples sorted by time. `flags`
 * is NULL when no sample carries a flag; otherwise it holds `count` values,
 * which may all be 0 (bits: 1 estimated, 2 backfilled, 4 rounded). Unlike
 * the other structs it has no struct_size and never changes within ABI 1
 * (see the top of this file). */
typedef struct clout_series_v1 {
  const int64_t* timestamps_ms;
  const int64_t* values;
  const uint32_t* flags;
  uint64_t count;
} clout_series_v1;

/* One post of the creator, with the series the metric asked for. */
typedef struct clout_post_v1 {
  uint32_t struct_size; /* sizeof(clout_post_v1). */
  const char* post_id;
  int64_t published_ms; /* 0 if unknown. */
  /* One series per entry of clout_metric_v1.post_fields, same order; empty
   * (count 0) where the post has no such series. From publication to the
   * window's end, or only the latest sample in that range when the metric
   * sets CLOUT_METRIC_LATEST_POST_SAMPLES and published_ms is known. */
  const clout_series_v1* fields;
} clout_post_v1;

/* Everything a compute call reads. Borrowed, valid during the call only. */
typedef struct clout_compute_input_v1 {
  uint32_t struct_size; /* sizeof(clout_compute_input_v1). */
  const char* creator_id;
  /* The window the client asked for: [start, end) in ms since the epoch. */
  int64_t window_start_ms;
  int64_t window_end_ms;
  /* One series per entry of clout_metric_v1.account_fields, same order. The
   * host includes the last sample before the window, if any, so values at
   * the window's start can be known. */
  const clout_series_v1* account;
  /* Posts published within the window (or, with unknown publication time,
   * having samples in it), ordered by publication time; those of unknown
   * publication time (published_ms 0) come first. */
  const clout_post_v1* const* posts;
  uint64_t post_count;
  /* One value per entry of clout_metric_v1.params, same order, defaults
   * applied. */
  const double* params;
  /* Since ABI 1.1: CLOUT_INPUT_* bits. A 1.0 host passes a shorter struct
   * without this member; read it through CLOUT_INPUT_FLAGS. */
  uint32_t flags;
} clout_compute_input_v1;

/* The flags of input `in`, or 0 when its host's struct has none. */
#define CLOUT_INPUT_FLAGS(in)                                         \
  ((in)->struct_size >=                                               \
           offsetof(clout_compute_input_v1, flags) + sizeof(uint32_t) \
       ? (in)->flags                                                  \
       : 0u)

/* Services the host offers during a compute call. Every function takes the
 * `call` handle the compute function received. Functions returning int32_t
 * return CLOUT_OK, or CLOUT_INVALID_ARGUMENT when the output is malformed
 * (a NaN or infinite number, a row of the wrong width, ...); the host then
 * fails the call with that reason whatever compute returns. */
typedef struct clout_host_v1 {
  uint32_t struct_size; /* sizeof(clout_host_v1) of the host's header. */
  void (*log)(void* call, int32_t level, const char* message);
  /* Sets the message that accompanies an error return. */
  void (*set_error)(void* call, const char* message);
  /* Non-zero when the call should stop (deadline passed, client gone). */
  int32_t (*cancelled)(void* call);
  /* Scratch memory owned by the host, 16-byte aligned, freed after the call;
   * NULL when the call's memory limit is reached. */
  void* (*alloc)(void* call, size_t size);
  /* The metric's value (required for CLOUT_OUTPUT_SCALAR). */
  int32_t (*set_value)(void* call, double value);
  /* Names the variant used and its formula, for the result. */
  int32_t (*set_variant)(void* call, const char* variant, const char* formula);
  /* A named component of the value, with an optional note (may be NULL). */
  int32_t (*add_component)(void* call, const char* name, double value,
                           const char* note);
  /* A row keyed by `key` (a post id, usually) with one value per entry of
   * clout_metric_v1.row_columns. NaN is allowed in rows: it means "not
   * available" for that column. */
  int32_t (*add_row)(void* call, const char* key, int64_t timestamp_ms,
                     const double* values, uint32_t value_count);
  /* A point of a CLOUT_OUTPUT_SERIES result, in increasing time order. */
  int32_t (*add_point)(void* call, int64_t timestamp_ms, double value);
} clout_host_v1;

typedef int32_t (*clout_compute_fn_v1)(const clout_host_v1* host, void* call,
                                       const clout_compute_input_v1* input);

/* One metric. */
typedef struct clout_metric_v1 {
  uint32_t struct_size;    /* sizeof(clout_metric_v1). */
  const char* name;        /* Identifier, unique across loaded plugins. */
  const char* version;     /* Semantic version of this metric. */
  const char* description; /* What it measures, for people. */
  uint32_t output_kind;    /* CLOUT_OUTPUT_*. */
  const char* unit;        /* Unit of the value, e.g. "percent". */
  uint32_t flags;          /* CLOUT_METRIC_*. */
  /* Account fields the metric reads (clout_compute_input_v1.account). */
  const char* const* account_fields;
  uint32_t account_field_count;
  /* Post fields the metric reads (clout_post_v1.fields); with none, the
   * host passes no posts. */
  const char* const* post_fields;
  uint32_t post_field_count;
  /* Parameter schema. A parameter named "variant" of type ENUM lists the
   * metric's variants. */
  const clout_param_spec_v1* params;
  uint32_t param_count;
  /* Column names of add_row rows; none if the metric adds no rows. */
  const char* const* row_columns;
  uint32_t row_column_count;
  clout_compute_fn_v1 compute;
} clout_metric_v1;

/* The entry symbol's type: the plugin and its metrics. */
typedef struct clout_plugin_v1 {
  uint32_t struct_size; /* sizeof(clout_plugin_v1). */
  uint16_t abi_major;   /* CLOUT_PLUGIN_ABI_MAJOR of the plugin's build. */
  uint16_t abi_minor;   /* CLOUT_PLUGIN_ABI_MINOR of the plugin's build. */
  const char* name;     /* Plugin name, for logs and statistics. */
  const char* version;  /* Semantic version of the plugin. */
  const clout_metric_v1* const* metrics;
  uint32_t metric_count;
} clout_plugin_v1;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* CLOUT_PLUGIN_H_ */
