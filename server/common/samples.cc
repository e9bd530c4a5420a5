#include "server/common/samples.h"

namespace clout {

void SampleColumns::AppendRange(const SampleColumns& other, size_t begin,
                                size_t end) {
  if (begin >= end) return;
  bool other_flags = !other.flags.empty();
  if (other_flags && flags.empty()) flags.assign(timestamps.size(), 0);
  timestamps.insert(timestamps.end(), other.timestamps.begin() + begin,
                    other.timestamps.begin() + end);
  values.insert(values.end(), other.values.begin() + begin,
                other.values.begin() + end);
  if (other_flags) {
    flags.insert(flags.end(), other.flags.begin() + begin,
                 other.flags.begin() + end);
  } else if (!flags.empty()) {
    flags.insert(flags.end(), end - begin, 0);
  }
}

bool SampleColumns::operator==(const SampleColumns& other) const {
  if (timestamps != other.timestamps || values != other.values) return false;
  for (size_t i = 0; i < size(); ++i) {
    if (flag(i) != other.flag(i)) return false;
  }
  return true;
}

}  // namespace clout
