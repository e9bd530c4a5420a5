#include "server/api/metric_proto.h"

namespace clout::api {
namespace {

using metrics::ParamValue;

clout::v1::ParameterType ToProtoType(uint32_t type) {
  switch (type) {
    case CLOUT_PARAM_INT:
      return clout::v1::PARAMETER_TYPE_INT;
    case CLOUT_PARAM_DOUBLE:
      return clout::v1::PARAMETER_TYPE_DOUBLE;
    case CLOUT_PARAM_BOOL:
      return clout::v1::PARAMETER_TYPE_BOOL;
    default:
      return clout::v1::PARAMETER_TYPE_ENUM;
  }
}

void FillParamSpec(const plugin_host::ParamSpec& p,
                   clout::v1::ParameterSpec* spec) {
  spec->set_name(p.name);
  spec->set_description(p.description);
  spec->set_type(ToProtoType(p.type));
  if (p.type == CLOUT_PARAM_ENUM) {
    spec->set_default_choice(p.choices[static_cast<size_t>(p.default_value)]);
    for (const auto& c : p.choices) spec->add_choices(c);
  } else {
    spec->set_default_number(p.default_value);
    spec->set_min(p.min_value);
    spec->set_max(p.max_value);
  }
}

clout::v1::ParameterValue ToProto(const ParamValue& p) {
  clout::v1::ParameterValue v;
  switch (p.kind) {
    case ParamValue::Kind::kInt:
      v.set_int_value(p.int_value);
      break;
    case ParamValue::Kind::kDouble:
      v.set_double_value(p.double_value);
      break;
    case ParamValue::Kind::kBool:
      v.set_bool_value(p.bool_value);
      break;
    case ParamValue::Kind::kChoice:
      v.set_choice(p.choice);
      break;
  }
  return v;
}

// The value, variant, formula, components, rows and points of a call.
void FillOutput(const plugin_host::MetricOutput& out,
                clout::v1::MetricResult* result) {
  result->set_value(out.value);
  result->set_variant(out.variant);
  result->set_formula(out.formula);
  for (const auto& c : out.components) {
    auto* pc = result->add_components();
    pc->set_name(c.name);
    pc->set_value(c.value);
    pc->set_note(c.note);
  }
  for (const auto& r : out.rows) {
    auto* pr = result->add_rows();
    pr->set_key(r.key);
    pr->set_timestamp_ms(r.timestamp_ms);
    pr->mutable_values()->Add(r.values.begin(), r.values.end());
  }
  for (const auto& [t, v] : out.points) {
    auto* pp = result->add_points();
    pp->set_timestamp_ms(t);
    pp->set_value(v);
  }
}

}  // namespace

void FillMetricInfo(const plugin_host::Metric& m, clout::v1::MetricInfo* info) {
  info->set_name(m.name);
  info->set_version(m.version);
  info->set_description(m.description);
  info->set_plugin(m.plugin->name());
  info->set_plugin_version(m.plugin->version());
  info->set_plugin_file(m.plugin->file());
  info->set_output_kind(m.output_kind == CLOUT_OUTPUT_SERIES
                            ? clout::v1::OUTPUT_KIND_SERIES
                            : clout::v1::OUTPUT_KIND_SCALAR);
  info->set_unit(m.unit);
  info->set_thread_safe(m.thread_safe);
  for (const auto& f : m.account_fields) info->add_account_fields(f);
  for (const auto& f : m.post_fields) info->add_post_fields(f);
  for (const auto& p : m.params) FillParamSpec(p, info->add_parameters());
  for (const auto& v : m.Variants()) info->add_variants(v);
  for (const auto& c : m.row_columns) info->add_row_columns(c);
}

std::map<std::string, ParamValue> ParamsFromProto(
    const google::protobuf::Map<std::string, clout::v1::ParameterValue>& in) {
  std::map<std::string, ParamValue> out;
  for (const auto& [name, v] : in) {
    ParamValue p;
    switch (v.kind_case()) {
      case clout::v1::ParameterValue::kIntValue:
        p.kind = ParamValue::Kind::kInt;
        p.int_value = v.int_value();
        break;
      case clout::v1::ParameterValue::kDoubleValue:
        p.kind = ParamValue::Kind::kDouble;
        p.double_value = v.double_value();
        break;
      case clout::v1::ParameterValue::kBoolValue:
        p.kind = ParamValue::Kind::kBool;
        p.bool_value = v.bool_value();
        break;
      default:
        p.kind = ParamValue::Kind::kChoice;
        p.choice = v.choice();
        break;
    }
    out.emplace(name, std::move(p));
  }
  return out;
}

void FillMetricResult(const metrics::MetricResult& result,
                      clout::v1::MetricResult* out) {
  const plugin_host::Metric& m = *result.metric;
  out->set_metric(m.name);
  out->set_metric_version(m.version);
  out->set_creator_id(result.creator_id);
  out->set_window_start_ms(result.window_start_ms);
  out->set_window_end_ms(result.window_end_ms);
  out->set_unit(m.unit);
  FillOutput(*result.output, out);
  for (const auto& c : m.row_columns) out->add_row_columns(c);
  // Every parameter used, defaults included.
  for (const auto& [name, value] : result.parameters) {
    (*out->mutable_parameters())[name] = ToProto(value);
  }
}

}  // namespace clout::api
