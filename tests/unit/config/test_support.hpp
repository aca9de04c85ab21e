// Helpers for the configuration tests: a temporary directory that cleans up after itself,
// a fake environment, and diagnostics in a form that is easy to compare.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/load_settings.hpp"
#include "temp_dir.hpp"

namespace tb::host::testing {

using temp_dir = ::tb::test::temp_dir;

// Sets process environment variables for its lifetime, then restores what was there.
class scoped_env {
 public:
  explicit scoped_env(const std::map<std::string, std::string>& vars);
  ~scoped_env();
  scoped_env(const scoped_env&) = delete;
  scoped_env& operator=(const scoped_env&) = delete;

 private:
  std::map<std::string, std::optional<std::string>> previous_;
};

// An environment holding exactly `vars`.
env_lookup fake_env(std::map<std::string, std::string> vars = {});

// Each diagnostic as "line:column: severity: message", without the file name.
std::vector<std::string> positions_and_messages(const load_result& result);

// Writes `yaml` to a temporary bot.yaml and loads it; the directory lives as long as the
// returned object.
struct loaded {
  temp_dir dir;
  load_result result;
  std::vector<std::string> diagnostics() const { return positions_and_messages(result); }
};
std::unique_ptr<loaded> load_yaml(const std::string& yaml, const env_lookup& env = fake_env());

// A file that loads without any diagnostic, to which a test appends what it checks.
inline constexpr const char* minimal_yaml =
    "mode: demo\n"
    "plugins:\n"
    "  load:\n"
    "    - name: exchange_binance\n";

}  // namespace tb::host::testing
