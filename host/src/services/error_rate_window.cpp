#include "services/error_rate_window.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

namespace tb::host {
namespace {

bool ends_with(std::string_view text, std::string_view tail) {
  return text.size() >= tail.size() && text.substr(text.size() - tail.size()) == tail;
}

// The label of a series that marks it as the failed outcome, or null.
const char* failure_label(const metric_labels& labels) {
  for (const auto& [name, value] : labels) {
    if (value != "failed") continue;
    if (name == "outcome") return "{outcome=\"failed\"}";
    if (name == "result") return "{result=\"failed\"}";
  }
  return nullptr;
}

}  // namespace

error_count count_errors(const std::vector<family_snapshot>& families) {
  error_count out;
  for (const auto& family : families) {
    if (family.type != metric_type::counter) continue;
    const bool all_errors =
        ends_with(family.name, "_errors_total") || ends_with(family.name, "_failures_total");
    for (const auto& series : family.series) {
      std::string source;
      if (all_errors) {
        source = family.name;
      } else if (const char* label = failure_label(series.labels)) {
        source = family.name + label;
      } else {
        continue;
      }
      out.by_source[source] += series.value;
    }
  }
  return out;
}

error_rate_window::error_rate_window(std::chrono::nanoseconds span) : span_(span) {
  if (span_.count() <= 0)
    throw std::invalid_argument("error_rate_window: the span must be positive");
}

void error_rate_window::add(std::int64_t now_ns, error_count count) {
  if (!samples_.empty() && now_ns < samples_.back().time_ns) return;
  // Checks in quick succession replace the newest sample instead of piling up: samples but
  // the newest are at least span/300 apart, however often the owner checks.
  const std::int64_t min_gap = span_.count() / 300;
  const std::size_t n = samples_.size();
  if (n >= 2 && samples_[n - 1].time_ns - samples_[n - 2].time_ns < min_gap) {
    samples_.back() = sample{now_ns, std::move(count)};
  } else {
    samples_.push_back(sample{now_ns, std::move(count)});
  }
  const std::int64_t start = now_ns - span_.count();
  // Keep one sample at or before the window's start: it is the base of the rate.
  while (samples_.size() >= 2 && samples_[1].time_ns <= start) samples_.pop_front();
}

error_rate_window::rate error_rate_window::current() const {
  rate out;
  if (samples_.size() < 2) return out;
  const error_count& base = samples_.front().count;
  const error_count& now = samples_.back().count;
  const std::chrono::nanoseconds spanned(samples_.back().time_ns - samples_.front().time_ns);
  for (const auto& [source, value] : now.by_source) {
    const auto before = base.by_source.find(source);
    const double grown = value - (before == base.by_source.end() ? 0.0 : before->second);
    if (grown <= 0) continue;
    out.by_source.emplace_back(source, grown);
    out.errors += grown;
  }
  std::stable_sort(out.by_source.begin(), out.by_source.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  const double minutes =
      std::chrono::duration<double, std::ratio<60>>(std::max(span_, spanned)).count();
  out.per_minute = out.errors / minutes;
  return out;
}

}  // namespace tb::host
