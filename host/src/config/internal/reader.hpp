// The state of one pass over a configuration file: where problems are collected, which
// environment ${VAR} reads from, and which values became secrets.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/diagnostic.hpp"
#include "config/load_settings.hpp"

namespace tb::host::config_internal {

// A value as found in the file. `path` names it in messages ("logging.level",
// "rate_limits[2].capacity"); `key_mark` is where its key is, for "no value" problems, since
// yaml-cpp places an empty value at the start of whatever follows it.
struct field {
  YAML::Node value;
  std::string path;
  YAML::Mark key_mark;
};

// A scalar after ${VAR} substitution.
struct scalar {
  std::string text;    // the value to use
  std::string source;  // as written in the file: safe to print
  bool from_env = false;
  YAML::Mark mark;

  // How a message quotes the value: the text as written, and for a value from the
  // environment only its ${VAR} form, never the substituted value.
  std::string shown() const;
};

class reader {
 public:
  reader(std::string file, env_lookup env);

  void error(const YAML::Mark& where, std::string message);
  void warning(const YAML::Mark& where, std::string message);

  // The field's scalar, substituted. Reports, and returns nullopt for, a missing value
  // ("no value given; expected <expected>"), a map or a list, and ${VAR} problems.
  std::optional<scalar> get_scalar(const field& f, std::string_view expected);

  // Substitutes ${VAR} in `raw` (found at `where`, named `path`), recording secrets.
  std::optional<scalar> substitute(const std::string& raw, const YAML::Mark& where,
                                   const std::string& path);

  bool has_errors() const;
  std::vector<diagnostic> take_diagnostics();
  std::vector<std::string> take_secrets();
  std::set<std::string> take_env_paths();

 private:
  void add(const YAML::Mark& where, diagnostic_severity severity, std::string message);

  std::string file_;
  env_lookup env_;
  std::vector<diagnostic> diagnostics_;
  std::vector<std::string> secrets_;
  std::set<std::string> env_paths_;
};

// "a map", "a list", "no value" or "a scalar": what a node is, for "expected X, got Y".
std::string_view describe_kind(const YAML::Node& node);

// "logging" + "level" -> "logging.level"; "" + "mode" -> "mode".
std::string join_path(std::string_view parent, std::string_view key);

}  // namespace tb::host::config_internal
