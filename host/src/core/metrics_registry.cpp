#include "core/metrics_registry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/atomic_file.hpp"
#include "core/metrics_json.hpp"
#include "core/prometheus_text.hpp"

namespace tb::host {

const char* to_string(metric_type type) noexcept {
  switch (type) {
    case metric_type::counter: return "counter";
    case metric_type::gauge: return "gauge";
    case metric_type::histogram: return "histogram";
  }
  return "unknown";
}

bool is_valid_metric_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

const std::vector<double>& default_latency_buckets() {
  static const std::vector<double> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                          0.1,    0.25,  0.5,    1.0,   2.5,  5.0,   10.0};
  return bounds;
}

struct metrics_registry::series_entry {
  metric_type type;
  metric_labels labels;
  std::uint64_t id = 0;
  std::unique_ptr<detail::counter_cell> counter_cell;
  std::unique_ptr<detail::gauge_cell> gauge_cell;
  std::unique_ptr<detail::histogram_cell> histogram_cell;
};

struct metrics_registry::family {
  std::string name;
  std::string help;
  metric_type type;
  std::vector<std::string> label_names;
  std::vector<double> bounds;  // histograms
  std::map<metric_labels, std::unique_ptr<series_entry>> series;
};

namespace {

// Ids: bits 0..31 index + 1, bits 32..39 type, bits 48..63 the registry's salt.
constexpr int type_shift = 32;
constexpr int salt_shift = 48;

std::uint16_t next_salt() {
  static std::atomic<std::uint16_t> counter{0};
  std::uint16_t salt = 0;
  while (salt == 0) salt = counter.fetch_add(1, std::memory_order_relaxed) + 1;
  return salt;
}

bool valid_label_name(std::string_view name) {
  if (name.empty() || name.find(':') != std::string_view::npos) return false;
  return is_valid_metric_name(name) && name.substr(0, 2) != "__";
}

std::string describe(std::string_view name, const metric_labels& labels) {
  std::string out(name);
  out += '{';
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += ',';
    out += labels[i].first + "=\"" + labels[i].second + '"';
  }
  return out + '}';
}

void normalize_labels(std::string_view name, metric_type type, metric_labels& labels) {
  std::sort(labels.begin(), labels.end());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i].first;
    if (!valid_label_name(label) || (type == metric_type::histogram && label == "le")) {
      throw std::invalid_argument("metrics: label name '" + label + "' of metric '" +
                                  std::string(name) +
                                  "' is invalid or reserved; use [a-zA-Z_][a-zA-Z0-9_]* "
                                  "without a leading '__' (and not 'le' on a histogram)");
    }
    if (i > 0 && labels[i - 1].first == label) {
      throw std::invalid_argument("metrics: label '" + label + "' appears twice in " +
                                  describe(name, labels));
    }
  }
}

void check_bounds(std::string_view name, const std::vector<double>& bounds) {
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
      throw std::invalid_argument("metrics: histogram '" + std::string(name) +
                                  "' buckets must be finite and strictly increasing");
    }
  }
}

std::vector<std::string> names_of(const metric_labels& labels) {
  std::vector<std::string> names;
  names.reserve(labels.size());
  for (const auto& [label, value] : labels) names.push_back(label);
  return names;
}

}  // namespace

metrics_registry::metrics_registry() : salt_(next_salt()) {
  for (auto& c : chunks_) c.store(nullptr, std::memory_order_relaxed);
}

metrics_registry::~metrics_registry() = default;

counter metrics_registry::register_counter(std::string_view name, std::string_view help,
                                           metric_labels labels) {
  series_entry& e = intern(metric_type::counter, name, help, std::move(labels), nullptr);
  return counter(e.counter_cell.get(), e.id);
}

gauge metrics_registry::register_gauge(std::string_view name, std::string_view help,
                                       metric_labels labels) {
  series_entry& e = intern(metric_type::gauge, name, help, std::move(labels), nullptr);
  return gauge(e.gauge_cell.get(), e.id);
}

histogram metrics_registry::register_histogram(std::string_view name, std::string_view help,
                                               metric_labels labels,
                                               std::vector<double> bounds) {
  series_entry& e = intern(metric_type::histogram, name, help, std::move(labels), &bounds);
  return histogram(e.histogram_cell.get(), e.id);
}

std::uint64_t metrics_registry::register_metric(metric_type type, std::string_view name,
                                                std::string_view help, metric_labels labels,
                                                std::string* error) noexcept {
  try {
    if (type != metric_type::counter && type != metric_type::gauge &&
        type != metric_type::histogram) {
      throw std::invalid_argument("metrics: unknown metric type " +
                                  std::to_string(static_cast<int>(type)) + " for '" +
                                  std::string(name) + "'; use counter, gauge or histogram");
    }
    const auto& bounds = default_latency_buckets();
    return intern(type, name, help, std::move(labels),
                  type == metric_type::histogram ? &bounds : nullptr)
        .id;
  } catch (const std::exception& e) {
    if (error != nullptr) *error = e.what();
  } catch (...) {
    if (error != nullptr) *error = "metrics: unknown error while registering";
  }
  return 0;
}

metrics_registry::series_entry& metrics_registry::intern(metric_type type,
                                                         std::string_view name,
                                                         std::string_view help,
                                                         metric_labels labels,
                                                         const std::vector<double>* bounds) {
  if (!is_valid_metric_name(name)) {
    throw std::invalid_argument("metrics: '" + std::string(name) +
                                "' is not a valid Prometheus metric name; use "
                                "[a-zA-Z_:][a-zA-Z0-9_:]*");
  }
  normalize_labels(name, type, labels);
  if (bounds != nullptr) check_bounds(name, *bounds);

  std::lock_guard<std::mutex> guard(mutex_);
  auto fit = families_.find(name);
  if (fit == families_.end()) {
    auto f = std::make_unique<family>();
    f->name = std::string(name);
    f->help = std::string(help);
    f->type = type;
    f->label_names = names_of(labels);
    if (bounds != nullptr) f->bounds = *bounds;
    fit = families_.emplace(f->name, std::move(f)).first;
  }
  family& fam = *fit->second;
  if (fam.type != type) {
    throw std::invalid_argument("metrics: '" + fam.name + "' is already registered as a " +
                                to_string(fam.type) + ", not a " + to_string(type));
  }
  if (fam.label_names != names_of(labels)) {
    throw std::invalid_argument("metrics: " + describe(name, labels) +
                                " has other label names than the series already registered "
                                "in that family; every series of a family needs the same");
  }
  if (bounds != nullptr && fam.bounds != *bounds) {
    throw std::invalid_argument("metrics: histogram '" + fam.name +
                                "' is already registered with other buckets");
  }
  auto sit = fam.series.find(labels);
  if (sit != fam.series.end()) return *sit->second;

  auto entry = std::make_unique<series_entry>();
  entry->type = type;
  entry->labels = labels;
  switch (type) {
    case metric_type::counter: entry->counter_cell = std::make_unique<detail::counter_cell>(); break;
    case metric_type::gauge: entry->gauge_cell = std::make_unique<detail::gauge_cell>(); break;
    case metric_type::histogram:
      entry->histogram_cell = std::make_unique<detail::histogram_cell>(fam.bounds);
      break;
  }
  series_entry& ref = *entry;
  publish_locked(ref);
  fam.series.emplace(std::move(labels), std::move(entry));
  return ref;
}

std::uint64_t metrics_registry::publish_locked(series_entry& entry) {
  const std::size_t index = next_index_;
  if (index >= chunk_size * max_chunks) {
    throw std::length_error("metrics: more than " + std::to_string(chunk_size * max_chunks) +
                            " series registered; labels probably carry unbounded values");
  }
  const std::size_t c = index / chunk_size;
  if (chunks_[c].load(std::memory_order_relaxed) == nullptr) {
    auto fresh = std::make_unique<chunk>();
    for (auto& slot : *fresh) slot.store(nullptr, std::memory_order_relaxed);
    chunks_[c].store(fresh.get(), std::memory_order_release);
    owned_chunks_.push_back(std::move(fresh));
  }
  entry.id = (static_cast<std::uint64_t>(salt_) << salt_shift) |
             (static_cast<std::uint64_t>(entry.type) << type_shift) | (index + 1);
  (*chunks_[c].load(std::memory_order_relaxed))[index % chunk_size].store(
      &entry, std::memory_order_release);
  ++next_index_;
  return entry.id;
}

metrics_registry::series_entry* metrics_registry::lookup(std::uint64_t id) const noexcept {
  if ((id >> salt_shift) != salt_) return nullptr;
  const std::uint64_t low = id & 0xffff'ffffULL;
  if (low == 0 || low > chunk_size * max_chunks) return nullptr;
  const std::size_t index = low - 1;
  const chunk* c = chunks_[index / chunk_size].load(std::memory_order_acquire);
  if (c == nullptr) return nullptr;
  series_entry* e = (*c)[index % chunk_size].load(std::memory_order_acquire);
  if (e == nullptr || e->id != id) return nullptr;
  return e;
}

bool metrics_registry::record(std::uint64_t id, double value) const noexcept {
  series_entry* e = lookup(id);
  if (e == nullptr) return false;
  switch (e->type) {
    case metric_type::counter: e->counter_cell->add(value); return true;
    case metric_type::gauge: e->gauge_cell->set(value); return true;
    case metric_type::histogram: e->histogram_cell->observe(value); return true;
  }
  return false;
}

std::vector<family_snapshot> metrics_registry::snapshot() const {
  std::lock_guard<std::mutex> guard(mutex_);
  std::vector<family_snapshot> out;
  out.reserve(families_.size());
  for (const auto& [name, fam] : families_) {
    family_snapshot f{fam->name, fam->help, fam->type, {}};
    f.series.reserve(fam->series.size());
    for (const auto& [labels, e] : fam->series) {
      series_snapshot s;
      s.labels = labels;
      if (e->counter_cell) s.value = e->counter_cell->read();
      if (e->gauge_cell) s.value = e->gauge_cell->read();
      if (e->histogram_cell) {
        s.bounds = e->histogram_cell->bounds();
        s.cumulative_counts = e->histogram_cell->read_counts();
        for (std::size_t i = 1; i < s.cumulative_counts.size(); ++i) {
          s.cumulative_counts[i] += s.cumulative_counts[i - 1];
        }
        s.count = s.cumulative_counts.back();
        s.sum = e->histogram_cell->read_sum();
      }
      f.series.push_back(std::move(s));
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string metrics_registry::to_prometheus() const { return to_prometheus_text(snapshot()); }

std::string metrics_registry::to_json() const { return metrics_to_json(snapshot()).dump(2); }

void metrics_registry::write_json_file(const std::string& path) const {
  write_file_atomically(path, to_json() + "\n");
}

}  // namespace tb::host
