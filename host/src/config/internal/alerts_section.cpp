#include <limits>
#include <map>

#include "config/internal/map_reader.hpp"
#include "config/internal/sections.hpp"
#include "config/internal/value_readers.hpp"

namespace tb::host::config_internal {
namespace {

constexpr std::string_view rule_name_rule =
    "a rule name: letters, digits, '_', '.' and '-' (like high_error_rate)";
constexpr std::string_view metric_name_rule =
    "a metric name: letters, digits, '_' and ':', not starting with a digit";
constexpr double unbounded = std::numeric_limits<double>::infinity();

void read_threshold(reader& r, map_reader& rule, alert_rule_settings& out) {
  const auto above = rule.get("above");
  const auto below = rule.get("below");
  if (above && below) {
    const field& later = above->key_mark.pos > below->key_mark.pos ? *above : *below;
    r.error(later.key_mark, rule.path() + ": give either 'above' or 'below', not both");
    return;
  }
  if (!above && !below) {
    r.error(rule.mark(), rule.path() + ": missing the threshold: give 'above' or 'below'");
    return;
  }
  double value = 0;
  if (!read_number(r, above ? *above : *below, -unbounded, unbounded, value)) return;
  (above ? out.above : out.below) = value;
}

void read_rule(reader& r, const field& f, std::map<std::string, int>& seen,
               std::vector<alert_rule_settings>& out) {
  map_reader rule(r, f);
  if (!rule.is_map()) return;
  rule.allow_only({"name", "metric", "above", "below", "for", "severity"});
  alert_rule_settings parsed;
  if (auto v = rule.require("name", rule_name_rule)) {
    if (const auto name = read_name(r, *v, rule_name_rule, is_object_name, parsed.name)) {
      const auto [it, fresh] = seen.emplace(parsed.name, v->value.Mark().line + 1);
      if (!fresh) {
        r.error(v->value.Mark(), v->path + ": duplicate rule name " + name->shown() +
                                     " (first used at line " + std::to_string(it->second) + ")");
      }
    }
  }
  if (auto v = rule.require("metric", metric_name_rule)) {
    read_name(r, *v, metric_name_rule, is_metric_name, parsed.metric);
  }
  read_threshold(r, rule, parsed);
  if (auto v = rule.get("for")) {
    read_duration(r, *v, std::chrono::milliseconds{0}, std::chrono::hours{24}, parsed.for_duration);
  }
  if (auto v = rule.get("severity")) read_enum(r, *v, alert_severity_names, parsed.severity);
  out.push_back(std::move(parsed));
}

}  // namespace

void read_alerts(reader& r, const field& f, alert_settings& out) {
  map_reader section(r, f);
  section.allow_only({"rules"});
  const auto rules = section.get("rules");
  if (!rules) return;
  const auto items = read_list(r, *rules, "alert rules");
  if (!items) return;
  std::map<std::string, int> seen;
  for (const field& item : *items) read_rule(r, item, seen, out.rules);
}

}  // namespace tb::host::config_internal
