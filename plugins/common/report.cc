// report.cc: see report.h.
#include "common/report.h"

#include <cmath>
#include <cstdio>

namespace clout::builtin {

std::string FormatNumber(double x, int precision) {
  if (std::isnan(x)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.*g", precision, x);
  return buf;
}

std::string FormatCount(double x) {
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%.0f", x);
  return buf;
}

plugin::Status AddPostsInWindow(const plugin::Output& out, size_t post_count) {
  return out.AddComponent(
      "posts_in_window", static_cast<double>(post_count),
      "posts passed by the host: published in the window, or of unknown "
      "publication time with samples in it");
}

plugin::Status NoPostsInWindow(const char* metric) {
  return plugin::Status::FailedPrecondition(
      std::string(metric) +
      ": no posts in the window; it needs at least one post published in "
      "[window_start, window_end)");
}

}  // namespace clout::builtin
