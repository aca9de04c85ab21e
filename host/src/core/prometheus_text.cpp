#include "core/prometheus_text.hpp"

#include <charconv>
#include <cmath>

namespace tb::host {

namespace {

void append_escaped(std::string& out, const std::string& text, bool escape_quotes) {
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quotes) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `extra` is the histogram's le label, appended after the series' own labels.
void append_labels(std::string& out, const metric_labels& labels, const std::string* le) {
  if (labels.empty() && le == nullptr) return;
  out += '{';
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    append_escaped(out, value, true);
    out += '"';
  }
  if (le != nullptr) {
    if (!first) out += ',';
    out += "le=\"";
    out += *le;
    out += '"';
  }
  out += '}';
}

void append_histogram(std::string& out, const std::string& name, const series_snapshot& s) {
  for (std::size_t i = 0; i < s.cumulative_counts.size(); ++i) {
    const std::string le = i < s.bounds.size() ? format_prometheus_value(s.bounds[i]) : "+Inf";
    out += name;
    out += "_bucket";
    append_labels(out, s.labels, &le);
    out += ' ';
    out += std::to_string(s.cumulative_counts[i]);
    out += '\n';
  }
  out += name + "_sum";
  append_labels(out, s.labels, nullptr);
  out += ' ' + format_prometheus_value(s.sum) + '\n';
  out += name + "_count";
  append_labels(out, s.labels, nullptr);
  out += ' ' + std::to_string(s.count) + '\n';
}

}  // namespace

std::string format_prometheus_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buf[32];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, result.ptr);
}

std::string to_prometheus_text(const std::vector<family_snapshot>& families) {
  std::string out;
  for (const auto& f : families) {
    out += "# HELP " + f.name + ' ';
    append_escaped(out, f.help, false);
    out += "\n# TYPE " + f.name + ' ' + to_string(f.type) + '\n';
    for (const auto& s : f.series) {
      if (f.type == metric_type::histogram) {
        append_histogram(out, f.name, s);
        continue;
      }
      out += f.name;
      append_labels(out, s.labels, nullptr);
      out += ' ' + format_prometheus_value(s.value) + '\n';
    }
  }
  return out;
}

}  // namespace tb::host
