#include "config/check_config.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include <candle_files/utc_time.hpp>

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

// The shortest text that reads back as `value` ("1", "0.5").
std::string number_text(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string percent_or_off(double value) { return value > 0 ? number_text(value) + "%" : "off"; }

std::string risk_line(const risk_settings& r, const redactor& hide) {
  std::string text = std::to_string(r.max_open_positions) + " positions, " +
                     number_text(r.risk_per_trade_percent) + "% a trade, " +
                     std::to_string(r.max_leverage) + "x " +
                     (r.margin == margin_type::isolated ? "isolated" : "cross");
  if (r.max_notional_per_position > 0) {
    text += ", notional up to " + number_text(r.max_notional_per_position);
  }
  text += ", daily loss " + percent_or_off(r.daily_loss_limit_percent) + ", drawdown " +
          percent_or_off(r.max_drawdown_percent) + ", cooldown " +
          format_duration(r.stop_loss_cooldown) + ", " +
          (r.entry_order == entry_order_type::limit
               ? "limit entries for " + format_duration(r.limit_timeout)
               : std::string("market entries"));
  return hide(text, {"risk.max_open_positions", "risk.risk_per_trade_percent", "risk.max_leverage",
                     "risk.margin_type", "risk.max_notional_per_position",
                     "risk.daily_loss_limit_percent", "risk.max_drawdown_percent",
                     "risk.stop_loss_cooldown", "risk.entry_order", "risk.limit_timeout"});
}

std::string positions_line(const position_settings& p, const redactor& hide) {
  const std::string text =
      (p.follow_for.count() > 0 ? "followed for " + format_duration(p.follow_for)
                                : std::string("not followed")) +
      " after a run, checks every " + format_duration(p.check_every) + ", break-even " +
      (p.break_even_at_r > 0 ? "at +" + number_text(p.break_even_at_r) + "R" : "off") +
      ", trailing " + (p.trailing_stop_r > 0 ? number_text(p.trailing_stop_r) + "R" : "off") +
      ", max hold " + (p.max_hold.count() > 0 ? format_duration(p.max_hold) : "off");
  return hide(text, {"positions.follow_for", "positions.check_every", "positions.break_even_at_r",
                     "positions.trailing_stop_r", "positions.max_hold"});
}

std::string backtest_line(const backtest_settings& b, const redactor& hide) {
  const std::string text = candle_files::format_utc_minute(b.start_ms) + " -> " +
                           candle_files::format_utc_minute(b.end_ms) +
                           " UTC, step " + format_duration(b.step) + ", outputs in " +
                           b.output_dir.string();
  return hide(text, {"backtest.start", "backtest.end", "backtest.step", "backtest.output_dir",
                     "state_dir"});
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
  out << "  risk:        " << risk_line(s.risk, hide) << '\n';
  out << "  positions:   " << positions_line(s.positions, hide) << '\n';
  if (s.mode == run_mode::demo || s.mode == run_mode::backtest) {
    out << "  backtest:    " << backtest_line(s.backtest, hide) << '\n';
  }
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
