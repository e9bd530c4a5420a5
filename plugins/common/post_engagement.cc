// post_engagement.cc: see post_engagement.h.
#include "common/post_engagement.h"

namespace clout::builtin {

const char* SkipReasonName(SkipReason r) {
  switch (r) {
    case SkipReason::kNone:
      return "rated";
    case SkipReason::kNoLikes:
      return "no likes sample";
    case SkipReason::kNoViews:
      return "no views sample";
    case SkipReason::kBelowMinViews:
      return "fewer views than min_views";
    case SkipReason::kZeroViews:
      return "zero views";
    case SkipReason::kNoFollowers:
      return "no followers sample";
    case SkipReason::kZeroFollowers:
      return "zero followers at posting time";
  }
  return "unknown";
}

}  // namespace clout::builtin
