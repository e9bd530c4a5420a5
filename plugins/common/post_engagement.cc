// post_engagement.cc: see post_engagement.h.
#include "common/post_engagement.h"

namespace clout::builtin {

static_assert(static_cast<int>(SkipReason::kZeroFollowers) ==
                  kSkipReasonCount - 1,
              "kSkipReasonCount and the names follow SkipReason");

const char* SkipReasonName(SkipReason r) {
  // Indexed by SkipReason.
  static constexpr const char* kNames[kSkipReasonCount] = {
      "rated",
      "no likes sample",
      "no views sample",
      "fewer views than min_views",
      "zero views",
      "no followers sample",
      "zero followers at posting time",
  };
  const int i = static_cast<int>(r);
  return i >= 0 && i < kSkipReasonCount ? kNames[i] : "unknown";
}

}  // namespace clout::builtin
