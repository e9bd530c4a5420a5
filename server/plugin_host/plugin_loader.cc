#include "server/plugin_host/plugin_loader.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <set>

#include "server/common/strings.h"

namespace clout::plugin_host {
namespace {

constexpr uint32_t kMaxMetrics = 64;
constexpr uint32_t kMaxFields = 64;
constexpr uint32_t kMaxParams = 64;
constexpr uint32_t kMaxChoices = 256;

// Smallest struct sizes of ABI 1.0: a plugin may not declare less.
constexpr uint32_t kPluginSize10 = sizeof(clout_plugin_v1);
constexpr uint32_t kMetricSize10 = sizeof(clout_metric_v1);
constexpr uint32_t kParamSize10 = sizeof(clout_param_spec_v1);

bool IsIdentifier(const char* s, size_t max_len = 64) {
  if (s == nullptr || !(*s >= 'a' && *s <= 'z')) return false;
  size_t n = 0;
  for (; s[n] != '\0'; ++n) {
    char c = s[n];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
    if (n >= max_len) return false;
  }
  return true;
}

std::string Str(const char* s) { return s == nullptr ? "" : s; }

// Collects the first problem found in a declaration.
class Checker {
 public:
  explicit Checker(std::string file) : file_(std::move(file)) {}
  bool ok() const { return problem_.empty(); }
  void Fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }
  absl::Status status() const {
    return absl::FailedPreconditionError(StrCat(file_, ": ", problem_));
  }

 private:
  std::string file_;
  std::string problem_;
};

void CopyNames(Checker* c, const std::string& what, const char* const* names,
               uint32_t count, std::vector<std::string>* out) {
  if (count > kMaxFields) {
    c->Fail(StrCat(what, ": ", count, " entries, at most ", kMaxFields));
    return;
  }
  if (count > 0 && names == nullptr) {
    c->Fail(StrCat(what, " is NULL with a count of ", count));
    return;
  }
  std::set<std::string> seen;
  for (uint32_t i = 0; i < count; ++i) {
    if (!IsIdentifier(names[i])) {
      c->Fail(
          StrCat(what, "[", i, "] '", Str(names[i]), "' is not an identifier"));
      return;
    }
    if (!seen.insert(names[i]).second) {
      c->Fail(StrCat(what, " lists '", names[i], "' twice"));
      return;
    }
    out->emplace_back(names[i]);
  }
}

// Checks the default and bounds of parameter `p` against its type and
// copies its choices; false, with the problem in *c, if they are wrong.
bool CheckParamType(Checker* c, const std::string& where,
                    const clout_param_spec_v1& p, ParamSpec* spec) {
  switch (p.type) {
    case CLOUT_PARAM_INT:
    case CLOUT_PARAM_DOUBLE:
      if (!(p.min_value <= p.default_value && p.default_value <= p.max_value)) {
        c->Fail(StrCat(where, " '", p.name, "': default ", p.default_value,
                       " is outside [", p.min_value, ", ", p.max_value, "]"));
        return false;
      }
      if (p.type == CLOUT_PARAM_INT &&
          (std::floor(p.default_value) != p.default_value)) {
        c->Fail(StrCat(where, " '", p.name, "': INT default ", p.default_value,
                       " is not a whole number"));
        return false;
      }
      break;
    case CLOUT_PARAM_BOOL:
      spec->min_value = 0;
      spec->max_value = 1;
      if (p.default_value != 0 && p.default_value != 1) {
        c->Fail(StrCat(where, " '", p.name, "': BOOL default must be 0 or 1"));
        return false;
      }
      break;
    case CLOUT_PARAM_ENUM:
      if (p.enum_count == 0 || p.enum_count > kMaxChoices ||
          p.enum_values == nullptr) {
        c->Fail(StrCat(where, " '", p.name, "': ENUM needs 1 to ", kMaxChoices,
                       " enum_values"));
        return false;
      }
      for (uint32_t j = 0; j < p.enum_count; ++j) {
        if (!IsIdentifier(p.enum_values[j])) {
          c->Fail(StrCat(where, " '", p.name, "': choice ", j,
                         " is not an identifier"));
          return false;
        }
        spec->choices.emplace_back(p.enum_values[j]);
      }
      if (p.default_value < 0 || p.default_value >= p.enum_count ||
          std::floor(p.default_value) != p.default_value) {
        c->Fail(StrCat(where, " '", p.name, "': default index ",
                       p.default_value, " is not a choice"));
        return false;
      }
      spec->min_value = 0;
      spec->max_value = p.enum_count - 1;
      break;
    default:
      c->Fail(StrCat(where, " '", p.name, "': unknown type ", p.type));
      return false;
  }
  return true;
}

void CopyParams(Checker* c, const std::string& metric,
                const clout_param_spec_v1* params, uint32_t count,
                std::vector<ParamSpec>* out) {
  if (count == 0) return;
  if (params == nullptr || count > kMaxParams) {
    c->Fail(StrCat("metric '", metric, "': params is NULL or has more than ",
                   kMaxParams, " entries"));
    return;
  }
  // Arrays of structs step by the size the plugin declares, so that an
  // older minor version with smaller structs reads correctly.
  const uint32_t stride = params[0].struct_size;
  if (stride < kParamSize10) {
    c->Fail(StrCat("metric '", metric, "': params[0].struct_size is ", stride,
                   ", ABI 1.0 needs at least ", kParamSize10));
    return;
  }
  const char* base = reinterpret_cast<const char*>(params);
  std::set<std::string> seen;
  for (uint32_t i = 0; i < count; ++i) {
    const auto& p = *reinterpret_cast<const clout_param_spec_v1*>(
        base + size_t{i} * stride);
    const std::string where = StrCat("metric '", metric, "' params[", i, "]");
    if (p.struct_size != stride) {
      c->Fail(StrCat(where, ".struct_size ", p.struct_size, " differs from ",
                     stride));
      return;
    }
    if (!IsIdentifier(p.name) || !seen.insert(p.name).second) {
      c->Fail(StrCat(where, ".name '", Str(p.name),
                     "' is not an identifier or is repeated"));
      return;
    }
    ParamSpec spec;
    spec.name = p.name;
    spec.description = Str(p.description);
    spec.type = p.type;
    spec.default_value = p.default_value;
    spec.min_value = p.min_value;
    spec.max_value = p.max_value;
    if (!CheckParamType(c, where, p, &spec)) return;
    out->push_back(std::move(spec));
  }
}

std::shared_ptr<Metric> CopyMetric(Checker* c, const clout_metric_v1* m,
                                   uint32_t index, uint16_t abi_minor) {
  const std::string where = StrCat("metrics[", index, "]");
  if (m == nullptr) {
    c->Fail(StrCat(where, " is NULL"));
    return nullptr;
  }
  if (m->struct_size < kMetricSize10) {
    c->Fail(StrCat(where, ".struct_size is ", m->struct_size,
                   ", ABI 1.0 needs at least ", kMetricSize10));
    return nullptr;
  }
  if (!IsIdentifier(m->name)) {
    c->Fail(StrCat(where, ".name '", Str(m->name), "' is not an identifier"));
    return nullptr;
  }
  auto metric = std::make_shared<Metric>();
  metric->name = m->name;
  const std::string named = StrCat("metric '", metric->name, "'");
  if (m->version == nullptr || m->description == nullptr) {
    c->Fail(StrCat(named, ": version and description are required"));
    return nullptr;
  }
  if (m->output_kind != CLOUT_OUTPUT_SCALAR &&
      m->output_kind != CLOUT_OUTPUT_SERIES) {
    c->Fail(StrCat(named, ": unknown output_kind ", m->output_kind));
    return nullptr;
  }
  if (m->compute == nullptr) {
    c->Fail(StrCat(named, ": compute is NULL"));
    return nullptr;
  }
  metric->version = m->version;
  metric->description = m->description;
  metric->output_kind = m->output_kind;
  metric->unit = Str(m->unit);
  metric->thread_safe = (m->flags & CLOUT_METRIC_THREAD_SAFE) != 0;
  // Bits a 1.0 plugin may have left set mean nothing to it.
  metric->latest_post_samples =
      abi_minor >= 1 && (m->flags & CLOUT_METRIC_LATEST_POST_SAMPLES) != 0;
  metric->compute = m->compute;
  metric->raw = m;
  CopyNames(c, StrCat(named, " account_fields"), m->account_fields,
            m->account_field_count, &metric->account_fields);
  CopyNames(c, StrCat(named, " post_fields"), m->post_fields,
            m->post_field_count, &metric->post_fields);
  CopyParams(c, metric->name, m->params, m->param_count, &metric->params);
  CopyNames(c, StrCat(named, " row_columns"), m->row_columns,
            m->row_column_count, &metric->row_columns);
  return c->ok() ? metric : nullptr;
}

// Copies `path` to a fresh file in `staging_dir`; returns the copy's path.
absl::StatusOr<std::string> CopyAside(const std::string& path,
                                      const std::string& file,
                                      const std::string& staging_dir) {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(staging_dir, ec);
  const std::string copy = StrCat(staging_dir, "/", ::getpid(), "-",
                                  counter.fetch_add(1), "-", file);
  std::filesystem::copy_file(
      path, copy, std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        StrCat(file, ": cannot copy to ", staging_dir, ": ", ec.message()));
  }
  return copy;
}

// dlopens a copy of `path` made in `staging_dir` (and unlinked at once).
absl::StatusOr<void*> OpenStaged(const std::string& path,
                                 const std::string& file,
                                 const std::string& staging_dir) {
  absl::StatusOr<std::string> copy = CopyAside(path, file, staging_dir);
  if (!copy.ok()) return copy.status();
  // RTLD_NOW: a missing symbol fails here, not at the first call.
  void* handle = dlopen(copy->c_str(), RTLD_NOW | RTLD_LOCAL);
  std::string dl_error = handle == nullptr ? Str(dlerror()) : "";
  ::unlink(copy->c_str());  // The mapping stays valid; nothing is left over.
  if (handle == nullptr) {
    // dlerror names the staged copy; name the original file instead.
    const size_t at = dl_error.find(*copy);
    if (at != std::string::npos) dl_error.replace(at, copy->size(), file);
    return absl::FailedPreconditionError(
        StrCat(file, ": cannot load: ", dl_error));
  }
  return handle;
}

// Checks the plugin's own declaration: sizes, ABI version, identity and
// metric count.
void CheckEntry(Checker* c, const clout_plugin_v1& entry) {
  if (entry.struct_size < kPluginSize10) {
    c->Fail(StrCat("struct_size of clout_plugin_v1 is ", entry.struct_size,
                   ", ABI 1.0 needs at least ", kPluginSize10));
  } else if (entry.abi_major != CLOUT_PLUGIN_ABI_MAJOR) {
    c->Fail(StrCat("built for ABI ", entry.abi_major, ".", entry.abi_minor,
                   " (field abi_major ", entry.abi_major,
                   "), this server runs ABI major ", CLOUT_PLUGIN_ABI_MAJOR));
  } else if (entry.abi_minor > CLOUT_PLUGIN_ABI_MINOR) {
    c->Fail(StrCat("built for ABI ", entry.abi_major, ".", entry.abi_minor,
                   " (field abi_minor ", entry.abi_minor,
                   "), newer than this server's ", CLOUT_PLUGIN_ABI_MAJOR, ".",
                   CLOUT_PLUGIN_ABI_MINOR));
  } else if (entry.name == nullptr || entry.version == nullptr ||
             entry.name[0] == '\0') {
    c->Fail("name and version are required");
  } else if (entry.metric_count == 0 || entry.metric_count > kMaxMetrics ||
             entry.metrics == nullptr) {
    c->Fail(StrCat("declares ", entry.metric_count, " metrics; 1 to ",
                   kMaxMetrics, " are allowed"));
  }
}

// Copies the metrics of `entry` into loaded->metrics, each with a new
// serial, until the first problem.
void CopyMetrics(Checker* c, const clout_plugin_v1& entry, LoadedFile* loaded) {
  static std::atomic<uint64_t> next_serial{1};
  std::set<std::string> names;
  for (uint32_t i = 0; i < entry.metric_count && c->ok(); ++i) {
    std::shared_ptr<Metric> m =
        CopyMetric(c, entry.metrics[i], i, entry.abi_minor);
    if (m == nullptr) break;
    if (!names.insert(m->name).second) {
      c->Fail(StrCat("declares metric '", m->name, "' twice"));
      break;
    }
    m->serial = next_serial.fetch_add(1);
    m->plugin = loaded->plugin;
    loaded->metrics.push_back(std::move(m));
  }
}

}  // namespace

LoadedPlugin::~LoadedPlugin() {
  if (handle_ != nullptr) dlclose(handle_);
}

std::string Metric::Describe() const {
  return StrCat("metric '", name, "' of plugin '", plugin->name(), "' (",
                plugin->file(), ")");
}

std::vector<std::string> Metric::Variants() const {
  for (const ParamSpec& p : params) {
    if (p.name == "variant" && p.type == CLOUT_PARAM_ENUM) return p.choices;
  }
  return {};
}

absl::StatusOr<LoadedFile> LoadPluginFile(const std::string& path,
                                          const std::string& staging_dir) {
  const std::string file = std::filesystem::path(path).filename().string();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    return absl::FailedPreconditionError(StrCat(file, ": cannot stat"));
  }
  absl::StatusOr<void*> handle = OpenStaged(path, file, staging_dir);
  if (!handle.ok()) return handle.status();
  // Closes the library on every early return.
  struct HandleGuard {
    void* handle;
    ~HandleGuard() {
      if (handle != nullptr) dlclose(handle);
    }
  } guard{*handle};
  dlerror();
  const auto* entry = static_cast<const clout_plugin_v1*>(
      dlsym(*handle, CLOUT_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    return absl::FailedPreconditionError(
        StrCat(file, ": not a clout plugin: it does not export ",
               CLOUT_PLUGIN_ENTRY_SYMBOL));
  }
  Checker c(file);
  CheckEntry(&c, *entry);
  if (!c.ok()) return c.status();
  const int64_t mtime_ns =
      int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
  LoadedFile loaded;
  loaded.plugin = std::make_shared<LoadedPlugin>(
      *handle, file, entry->name, entry->version, st.st_size, mtime_ns);
  guard.handle = nullptr;  // Owned by loaded.plugin from here on.
  CopyMetrics(&c, *entry, &loaded);
  if (!c.ok()) return c.status();
  return loaded;
}

}  // namespace clout::plugin_host
