#include "config/check_config.hpp"

#include <algorithm>
#include <sstream>

#include "config/internal/scalar_text.hpp"

namespace tb::host {
namespace {

using config_internal::format_duration;

constexpr std::string_view hidden = "<hidden: from the environment>";

// Decides what the summary may show. A value is hidden when it was written with ${VAR}
// (its typed form, "1m" for "60s", would still give the secret away) or when its text
// contains a secret. A whole item is hidden, not just the secret inside it: what is left
// around a removed secret can give it away.
class redactor {
 public:
  explicit redactor(const bot_settings& s) : settings_(s) {}

  std::string operator()(const std::string& text, std::initializer_list<std::string> paths) const {
    for (const std::string& path : paths) {
      if (from_env(path)) return std::string(hidden);
    }
    for (const std::string& secret : settings_.secrets) {
      if (text.find(secret) != std::string::npos) return std::string(hidden);
    }
    return text;
  }

  bool from_env(const std::string& path) const {
    return settings_.from_environment.count(path) != 0;
  }

 private:
  const bot_settings& settings_;
};

std::string plugin_line(const plugin_entry& p, const std::string& path, const redactor& hide) {
  std::string notes;
  if (p.kind) notes = hide(std::string(to_string(*p.kind)), {path + ".kind"});
  // Showing "optional" only when true would tell a false from the environment by its absence.
  const std::string optional = hide.from_env(path + ".optional") ? std::string(hidden)
                               : p.optional                      ? "optional"
                                                                 : "";
  if (!optional.empty()) notes += (notes.empty() ? "" : ", ") + optional;
  const std::string name = hide(p.name, {path + ".name"});
  return notes.empty() ? name : name + " (" + notes + ")";
}

std::string bucket_line(const rate_limit_bucket& b, const std::string& path, const redactor& hide) {
  return hide(b.name + " " + std::to_string(b.capacity) + "/" + format_duration(b.interval),
              {path + ".name", path + ".capacity", path + ".interval"});
}

template <class Item, class Describe>
std::string join(const std::vector<Item>& items, const std::string& path, Describe describe) {
  if (items.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += (i ? ", " : "") + describe(items[i], path + "[" + std::to_string(i) + "]");
  }
  return out;
}

}  // namespace

std::string summarize_settings(const bot_settings& s) {
  const redactor hide(s);
  const auto plugin = [&](const plugin_entry& p, const std::string& path) {
    return plugin_line(p, path, hide);
  };
  const auto bucket = [&](const rate_limit_bucket& b, const std::string& path) {
    return bucket_line(b, path, hide);
  };
  std::ostringstream out;
  out << "  mode:        " << hide(std::string(to_string(s.mode)), {"mode"}) << '\n';
  out << "  state_dir:   " << hide(s.state_dir.string(), {"state_dir"}) << '\n';
  out << "  log file:    " << hide(s.logging.file.string(), {"state_dir", "logging.file"})
      << " (level " << hide(std::string(to_string(s.logging.level)), {"logging.level"}) << ")\n";
  out << "  plugins:     " << join(s.plugins.load, "plugins.load", plugin) << '\n';
  out << "  rate limits: " << join(s.rate_limits, "rate_limits", bucket) << '\n';
  out << "  alert rules: " << s.alerts.rules.size() << '\n';
  out << "  secrets:     " << s.secrets.size() << " value(s) from the environment, not shown\n";
  return out.str();
}

int check_config_file(const std::filesystem::path& path, std::ostream& out) {
  return check_config_file(path, out, process_environment());
}

int check_config_file(const std::filesystem::path& path, std::ostream& out, const env_lookup& env) {
  const load_result result = load_settings(path, env);
  for (const diagnostic& d : result.diagnostics) out << format_diagnostic(d) << '\n';
  const auto errors =
      std::count_if(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const diagnostic& d) { return d.severity == diagnostic_severity::error; });
  const auto warnings = static_cast<std::ptrdiff_t>(result.diagnostics.size()) - errors;
  if (!result.ok()) {
    out << path.string() << ": " << errors << (errors == 1 ? " error" : " errors") << ", "
        << warnings << (warnings == 1 ? " warning" : " warnings")
        << "; the bot will not start with this file\n";
    return 2;
  }
  out << path.string() << ": OK";
  if (warnings > 0) out << " (" << warnings << (warnings == 1 ? " warning)" : " warnings)");
  out << '\n' << summarize_settings(*result.settings);
  return 0;
}

}  // namespace tb::host
