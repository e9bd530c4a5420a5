#include "server/format/keys.h"

#include "server/common/strings.h"
#include "server/format/coding.h"

namespace clout::storage {

namespace {
constexpr char kSep = '\0';
std::string_view Sep() { return std::string_view(&kSep, 1); }
}  // namespace

std::string CreatorKey(std::string_view creator_id) {
  return StrCat("c", creator_id);
}

std::string CreatorKeyPrefix() { return "c"; }

std::string PostKey(std::string_view creator_id, std::string_view post_id) {
  return StrCat("p", creator_id, Sep(), post_id);
}

std::string PostKeyPrefix(std::string_view creator_id) {
  return StrCat("p", creator_id, Sep());
}

std::string SeriesKey(std::string_view creator_id, std::string_view post_id,
                      std::string_view field) {
  std::string key;
  SeriesKeyInto(creator_id, post_id, field, &key);
  return key;
}

void SeriesKeyInto(std::string_view creator_id, std::string_view post_id,
                   std::string_view field, std::string* key) {
  key->assign(creator_id);
  key->push_back(kSep);
  key->append(post_id);
  key->push_back(kSep);
  key->append(field);
}

std::string SeriesCreatorPrefix(std::string_view creator_id) {
  return StrCat(creator_id, Sep());
}

std::string SeriesEntityPrefix(std::string_view creator_id,
                               std::string_view post_id) {
  return StrCat(creator_id, Sep(), post_id, Sep());
}

bool ParseSeriesKey(std::string_view key, SeriesName* out) {
  size_t a = key.find(kSep);
  if (a == std::string_view::npos) return false;
  size_t b = key.find(kSep, a + 1);
  if (b == std::string_view::npos) return false;
  out->creator_id = key.substr(0, a);
  out->post_id = key.substr(a + 1, b - a - 1);
  out->field = key.substr(b + 1);
  return true;
}

std::string SeriesIdValue(uint64_t series_id) {
  std::string s;
  PutFixed64BE(&s, series_id);
  return s;
}

std::string BlockKey(uint64_t series_id, uint32_t block) {
  std::string key;
  key.reserve(12);
  PutFixed64BE(&key, series_id);
  PutFixed32BE(&key, block);
  return key;
}

bool ParseBlockKey(std::string_view key, uint64_t* series_id, uint32_t* block) {
  if (key.size() != 12) return false;
  *series_id = DecodeFixed64BE(key.data());
  *block = DecodeFixed32BE(key.data() + 8);
  return true;
}

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xff) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace clout::storage
