#include "config/internal/reader.hpp"

#include <algorithm>

#include "config/internal/env_interpolation.hpp"

namespace tb::host::config_internal {

std::string scalar::shown() const {
  if (from_env) return "'" + source + "' (from the environment; the value is not shown)";
  return "'" + source + "'";
}

reader::reader(std::string file, env_lookup env) : file_(std::move(file)), env_(std::move(env)) {}

void reader::error(const YAML::Mark& where, std::string message) {
  add(where, diagnostic_severity::error, std::move(message));
}

void reader::warning(const YAML::Mark& where, std::string message) {
  add(where, diagnostic_severity::warning, std::move(message));
}

void reader::add(const YAML::Mark& where, diagnostic_severity severity, std::string message) {
  // yaml-cpp marks are 0-based and -1 when unknown (an empty document); point at 1:1 then.
  diagnostic d;
  d.file = file_;
  d.line = where.line >= 0 ? where.line + 1 : 1;
  d.column = where.column >= 0 ? where.column + 1 : 1;
  d.severity = severity;
  d.message = std::move(message);
  diagnostics_.push_back(std::move(d));
}

std::optional<scalar> reader::get_scalar(const field& f, std::string_view expected) {
  if (!f.value.IsDefined() || f.value.IsNull()) {
    error(f.key_mark, f.path + ": no value given; expected " + std::string(expected));
    return std::nullopt;
  }
  if (!f.value.IsScalar()) {
    error(f.value.Mark(), f.path + ": expected " + std::string(expected) + ", got " +
                              std::string(describe_kind(f.value)));
    return std::nullopt;
  }
  return substitute(f.value.Scalar(), f.value.Mark(), f.path);
}

std::optional<scalar> reader::substitute(const std::string& raw, const YAML::Mark& where,
                                         const std::string& path) {
  interpolated result = interpolate(raw, env_);
  for (std::string& value : result.values) {
    if (!value.empty() && std::find(secrets_.begin(), secrets_.end(), value) == secrets_.end()) {
      secrets_.push_back(std::move(value));
    }
  }
  if (result.from_env()) env_paths_.insert(path);
  for (const std::string& name : result.empty) {
    warning(where, path + ": environment variable '" + name + "' is set but empty");
  }
  if (!result.errors.empty()) {
    for (std::string& message : result.errors) error(where, path + ": " + message);
    return std::nullopt;
  }
  return scalar{std::move(result.text), raw, result.from_env(), where};
}

bool reader::has_errors() const {
  return std::any_of(diagnostics_.begin(), diagnostics_.end(),
                     [](const diagnostic& d) { return d.severity == diagnostic_severity::error; });
}

std::vector<diagnostic> reader::take_diagnostics() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const diagnostic& a, const diagnostic& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
  return std::move(diagnostics_);
}

std::vector<std::string> reader::take_secrets() {
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return std::move(secrets_);
}

std::set<std::string> reader::take_env_paths() { return std::move(env_paths_); }

std::string_view describe_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a single value";
    default:
      return "no value";
  }
}

std::string join_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return std::string(parent) + "." + std::string(key);
}

}  // namespace tb::host::config_internal
