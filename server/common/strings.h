// String helpers. Abseil as packaged here treats absl::string_view and
// std::string_view as distinct types, so absl::StrCat does not accept the
// std::string_view that clout uses everywhere; StrCat below does.
#ifndef CLOUT_SERVER_COMMON_STRINGS_H_
#define CLOUT_SERVER_COMMON_STRINGS_H_

#include <string>
#include <string_view>
#include <type_traits>

#include "absl/strings/str_cat.h"

namespace clout {
namespace strings_internal {

inline void Append(std::string* out, std::string_view s) { out->append(s); }
inline void Append(std::string* out, const char* s) { out->append(s); }
inline void Append(std::string* out, const std::string& s) { out->append(s); }
inline void Append(std::string* out, char c) { out->push_back(c); }
inline void Append(std::string* out, absl::string_view s) {
  out->append(s.data(), s.size());
}

template <typename T, typename = std::enable_if_t<std::is_arithmetic_v<T> &&
                                                  !std::is_same_v<T, char>>>
void Append(std::string* out, T v) {
  absl::StrAppend(out, v);
}

}  // namespace strings_internal

// Concatenates strings, string views, characters and numbers.
template <typename... Args>
std::string StrCat(const Args&... args) {
  std::string out;
  (strings_internal::Append(&out, args), ...);
  return out;
}

}  // namespace clout

#endif  // CLOUT_SERVER_COMMON_STRINGS_H_
