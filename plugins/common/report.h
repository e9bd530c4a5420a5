// report.h: what clout's built-in metrics report alike: numbers in notes,
// the posts_in_window component and the error for a window without posts.
// Compiled into the helper library (none of it runs in a metric's hot loop);
// uses only the public plugin SDK.
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

}  // namespace clout::builtin

#endif  // CLOUT_PLUGINS_COMMON_REPORT_H_
