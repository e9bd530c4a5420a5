// A small JSON reader and writer for the clout command line: mapping files,
// JSON Lines input and --json output.
//
// Numbers keep their source text, so 64-bit ids and counts never pass
// through a double. Objects keep their members in source order.
//
//   JsonValue v;
//   std::string error;
//   if (!ParseJson(R"({"a": 1, "b": [true]})", &v, &error)) ...;
//   const JsonValue* a = v.Find("a");   // a->text == "1"
#ifndef CLOUT_CLIENTS_CLI_JSON_H_
#define CLOUT_CLIENTS_CLI_JSON_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace clout::cli {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  // kNumber: the number as written; kString: the decoded string.
  std::string text;
  std::vector<JsonValue> items;                            // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject

  bool is_object() const { return type == Type::kObject; }
  // The member named `key` of an object, or null.
  const JsonValue* Find(std::string_view key) const;
};

// Parses one JSON text (surrounding white space allowed). On failure sets
// *error to the problem and its byte offset and returns false.
bool ParseJson(std::string_view text, JsonValue* out, std::string* error);

// Name of a type for messages ("a string", "an object", ...).
const char* JsonTypeName(JsonValue::Type type);

// Appends `s` as a JSON string literal (with quotes) to *out.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace clout::cli

#endif  // CLOUT_CLIENTS_CLI_JSON_H_
