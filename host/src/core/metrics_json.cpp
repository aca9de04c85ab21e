#include "core/metrics_json.hpp"

#include <cmath>

#include "core/prometheus_text.hpp"

namespace tb::host {

namespace {

nlohmann::json number(double v) {
  if (std::isfinite(v)) return v;
  return format_prometheus_value(v);
}

nlohmann::json series_to_json(metric_type type, const series_snapshot& s) {
  nlohmann::json labels = nlohmann::json::object();
  for (const auto& [name, value] : s.labels) labels[name] = value;
  nlohmann::json out{{"labels", std::move(labels)}};
  if (type != metric_type::histogram) {
    out["value"] = number(s.value);
    return out;
  }
  nlohmann::json buckets = nlohmann::json::array();
  for (std::size_t i = 0; i < s.cumulative_counts.size(); ++i) {
    buckets.push_back({{"le", i < s.bounds.size() ? number(s.bounds[i]) : "+Inf"},
                       {"count", s.cumulative_counts[i]}});
  }
  out["buckets"] = std::move(buckets);
  out["sum"] = number(s.sum);
  out["count"] = s.count;
  return out;
}

}  // namespace

nlohmann::json metrics_to_json(const std::vector<family_snapshot>& families) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : families) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& s : f.series) series.push_back(series_to_json(f.type, s));
    list.push_back({{"name", f.name},
                    {"type", to_string(f.type)},
                    {"help", f.help},
                    {"series", std::move(series)}});
  }
  return nlohmann::json{{"metrics", std::move(list)}};
}

}  // namespace tb::host
