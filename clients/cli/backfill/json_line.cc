#include "clients/cli/backfill/json_line.h"

#include "simdjson.h"

namespace clout::cli {
namespace {

namespace od = simdjson::ondemand;

// Deeper objects are refused (as the mapping's own JSON reader did).
constexpr int kMaxDepth = 64;

bool Fail(std::string* error, std::string message) {
  *error = std::move(message);
  return false;
}

bool Invalid(std::string* error, std::string_view problem) {
  return Fail(error, "not valid JSON: " + std::string(problem));
}

bool Invalid(std::string* error, simdjson::error_code code) {
  return Invalid(error, simdjson::error_message(code));
}

std::string_view TrimEnd(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' ||
                        s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// -?digits(.digits)?([eE][+-]?digits)?, the JSON number grammar (leading
// zeros aside, which the count parser refuses later anyway).
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > from;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digits()) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

const char* TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "?";
}

}  // namespace

struct JsonLineReader::Parser {
  od::parser parser;
  simdjson::dom::parser checker;  // Validates lines that are no object.
  std::string buffer;             // The line, padded for simdjson.
  // Per depth: the member names seen (duplicates are refused) and the
  // column name of the member being read. Sized once: a deeper level reads
  // its prefix from columns[depth - 1], so these must never reallocate.
  std::vector<std::vector<std::string_view>> keys =
      std::vector<std::vector<std::string_view>>(kMaxDepth);
  std::vector<std::string> columns = std::vector<std::string>(kMaxDepth);
  const Resolver* resolver = nullptr;
  std::vector<std::string_view>* cells = nullptr;
  std::string* error = nullptr;

  bool Line(std::string_view line);
  bool NotAnObject(od::json_type type);
  bool Walk(od::object object, std::string_view prefix, int depth);
  bool Member(od::field field, std::string_view prefix, int depth);
  bool Cell(od::value value, od::json_type type, std::string_view* cell);
};

bool JsonLineReader::Parser::Line(std::string_view line) {
  buffer.reserve(line.size() + simdjson::SIMDJSON_PADDING);
  buffer.assign(line);
  od::document doc;
  od::json_type type;
  if (auto e = parser
                   .iterate(simdjson::padded_string_view(
                       buffer.data(), buffer.size(), buffer.capacity()))
                   .get(doc);
      e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  if (auto e = doc.type().get(type); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  if (type != od::json_type::object) return NotAnObject(type);
  od::object object;
  std::string_view raw;
  if (auto e = doc.get_object().get(object); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  // The object's extent first: text after it makes the line invalid.
  if (auto e = object.raw_json().get(raw); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  if (TrimEnd(raw).size() + (raw.data() - buffer.data()) !=
      TrimEnd(buffer).size()) {
    return Invalid(error, "unexpected text after the JSON value");
  }
  bool rewound = false;
  if (auto e = object.reset().get(rewound); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  return Walk(object, "", 0);
}

bool JsonLineReader::Parser::NotAnObject(od::json_type type) {
  simdjson::dom::element element;
  if (auto e = checker.parse(buffer).get(element); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  return Fail(error, std::string("the line is ") + TypeName(type) +
                         ", not a JSON object");
}

bool JsonLineReader::Parser::Walk(od::object object, std::string_view prefix,
                                  int depth) {
  if (depth >= kMaxDepth) return Invalid(error, "nesting too deep");
  keys[depth].clear();
  for (auto member : object) {
    od::field field;
    if (auto e = std::move(member).get(field); e != simdjson::SUCCESS) {
      return Invalid(error, e);
    }
    if (!Member(std::move(field), prefix, depth)) return false;
  }
  return true;
}

bool JsonLineReader::Parser::Member(od::field field, std::string_view prefix,
                                    int depth) {
  std::string_view key;
  if (auto e = field.unescaped_key().get(key); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  for (std::string_view seen : keys[depth]) {
    if (seen == key) {
      return Invalid(error, "duplicate member \"" + std::string(key) + "\"");
    }
  }
  keys[depth].push_back(key);
  std::string_view column = key;
  if (!prefix.empty()) {
    std::string& name = columns[depth];
    name.assign(prefix).append(".").append(key);
    column = name;
  }
  od::value value = field.value();
  od::json_type type;
  if (auto e = value.type().get(type); e != simdjson::SUCCESS) {
    return Invalid(error, e);
  }
  const int slot = resolver->Slot(column);
  if (slot >= 0) {
    if (type == od::json_type::array || type == od::json_type::object) {
      return Fail(error, "column '" + std::string(column) + "' is " +
                             TypeName(type) + ", not a value");
    }
    return Cell(value, type, &(*cells)[slot]);
  }
  if (slot == Resolver::kIgnored) return true;
  if (type == od::json_type::object) {
    od::object inner;
    if (auto e = value.get_object().get(inner); e != simdjson::SUCCESS) {
      return Invalid(error, e);
    }
    return Walk(inner, column, depth + 1);
  }
  return Fail(error, "unknown column '" + std::string(column) +
                         "' (map it, or list it under \"ignore\" in the "
                         "mapping)");
}

bool JsonLineReader::Parser::Cell(od::value value, od::json_type type,
                                  std::string_view* cell) {
  simdjson::error_code e = simdjson::SUCCESS;
  switch (type) {
    case od::json_type::string:
      e = value.get_string().get(*cell);
      break;
    case od::json_type::number:
      *cell = TrimEnd(value.raw_json_token());
      if (!IsJsonNumber(*cell)) return Invalid(error, "invalid number");
      break;
    case od::json_type::boolean: {
      bool b = false;
      e = value.get_bool().get(b);
      *cell = b ? "true" : "false";
      break;
    }
    default: {  // null
      bool null = false;
      e = value.is_null().get(null);
      if (e == simdjson::SUCCESS && !null) e = simdjson::N_ATOM_ERROR;
      *cell = std::string_view();
      break;
    }
  }
  return e == simdjson::SUCCESS || Invalid(error, e);
}

JsonLineReader::JsonLineReader() : parser_(std::make_unique<Parser>()) {}

JsonLineReader::~JsonLineReader() = default;

bool JsonLineReader::Read(std::string_view line, const Resolver& resolver,
                          std::vector<std::string_view>* cells,
                          std::string* error) {
  parser_->resolver = &resolver;
  parser_->cells = cells;
  parser_->error = error;
  return parser_->Line(line);
}

}  // namespace clout::cli
