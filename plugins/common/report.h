// report.h: what clout's built-in metrics report alike: numbers in notes,
// the posts_in_window component, the error for a window without posts and
// one row per post. Compiled into the helper library, but for AddPostRows
// (a template); none of it runs in a metric's per-post loop. Uses only the
// public plugin SDK.
#ifndef CLOUT_PLUGINS_COMMON_REPORT_H_
#define CLOUT_PLUGINS_COMMON_REPORT_H_

#include <cstddef>
#include <string>

#include "clout/plugin.hpp"

namespace clout::builtin {

// "%.<precision>g" text of `x` for notes ("n/a" for NaN): "4.8", "1.2e+06".
std::string FormatNumber(double x, int precision = 4);

// A count for notes, rounded to a whole number, without exponent:
// "1900000".
std::string FormatCount(double x);

// Adds the component "posts_in_window" (the `post_count` posts the host
// passed) with its standard note. Returns the host's verdict.
plugin::Status AddPostsInWindow(const plugin::Output& out, size_t post_count);

// The FAILED_PRECONDITION status of metric `metric` when the window holds
// no post.
plugin::Status NoPostsInWindow(const char* metric);

// Adds one row per input post, in input order, keyed by the post's id at
// its publication time, with the values `row_of(i)` returns for post i (a
// std::array as wide as the metric's kRowColumns). Returns the first
// refusal of the host, else OK.
template <class RowOf>
plugin::Status AddPostRows(const plugin::Input& in, const plugin::Output& out,
                           RowOf row_of) {
  for (size_t i = 0; i < in.post_count(); ++i) {
    const plugin::PostView post = in.post(i);
    CLOUT_RETURN_IF_ERROR(
        out.AddRow(post.id(), post.published_ms(), row_of(i)));
  }
  return plugin::Status::Ok();
}

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_COMMON_REPORT_H_
