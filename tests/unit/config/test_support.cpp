#include "test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace tb::host::testing {

scoped_env::scoped_env(const std::map<std::string, std::string>& vars) {
  for (const auto& [name, value] : vars) {
    const char* old = std::getenv(name.c_str());
    previous_[name] = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv(name.c_str(), value.c_str(), 1);
  }
}

scoped_env::~scoped_env() {
  for (const auto& [name, value] : previous_) {
    if (value) {
      ::setenv(name.c_str(), value->c_str(), 1);
    } else {
      ::unsetenv(name.c_str());
    }
  }
}

env_lookup fake_env(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

std::vector<std::string> positions_and_messages(const load_result& result) {
  std::vector<std::string> out;
  for (const diagnostic& d : result.diagnostics) {
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                  (d.severity == diagnostic_severity::error ? "error: " : "warning: ") + d.message);
  }
  return out;
}

std::unique_ptr<loaded> load_yaml(const std::string& yaml, const env_lookup& env) {
  auto out = std::make_unique<loaded>();
  out->result = load_settings(out->dir.write("bot.yaml", yaml), env);
  return out;
}

}  // namespace tb::host::testing
