#pragma once

#include <cstdint>

#include "core/metric_cells.hpp"

namespace tb::host {

class metrics_registry;

// Handles to registered series, returned by metrics_registry::register_*(). They are cheap
// values: copy them freely. Recording is a few relaxed atomic operations: no lock, no
// allocation, no string work. A default-constructed handle (what a service holds when it
// was given no registry) records nothing. A handle stays valid as long as its registry.
//
// id() is the uint64_t form used across the C API (metrics_registry::record()); 0 is never
// a valid id.
//
// Thread-safety: every member may be called from any thread, concurrently.

class counter {
 public:
  counter() = default;
  // Adds v; negative and NaN values are dropped because counters never go down.
  void add(double v = 1.0) const noexcept {
    if (cell_ != nullptr) cell_->add(v);
  }
  double value() const noexcept { return cell_ != nullptr ? cell_->read() : 0.0; }
  std::uint64_t id() const noexcept { return id_; }
  explicit operator bool() const noexcept { return cell_ != nullptr; }

 private:
  friend class metrics_registry;
  counter(detail::counter_cell* cell, std::uint64_t id) : cell_(cell), id_(id) {}
  detail::counter_cell* cell_ = nullptr;
  std::uint64_t id_ = 0;
};

class gauge {
 public:
  gauge() = default;
  void set(double v) const noexcept {
    if (cell_ != nullptr) cell_->set(v);
  }
  void add(double v) const noexcept {
    if (cell_ != nullptr) cell_->add(v);
  }
  double value() const noexcept { return cell_ != nullptr ? cell_->read() : 0.0; }
  std::uint64_t id() const noexcept { return id_; }
  explicit operator bool() const noexcept { return cell_ != nullptr; }

 private:
  friend class metrics_registry;
  gauge(detail::gauge_cell* cell, std::uint64_t id) : cell_(cell), id_(id) {}
  detail::gauge_cell* cell_ = nullptr;
  std::uint64_t id_ = 0;
};

class histogram {
 public:
  histogram() = default;
  // NaN values are dropped.
  void observe(double v) const noexcept {
    if (cell_ != nullptr) cell_->observe(v);
  }
  std::uint64_t id() const noexcept { return id_; }
  explicit operator bool() const noexcept { return cell_ != nullptr; }

 private:
  friend class metrics_registry;
  histogram(detail::histogram_cell* cell, std::uint64_t id) : cell_(cell), id_(id) {}
  detail::histogram_cell* cell_ = nullptr;
  std::uint64_t id_ = 0;
};

}  // namespace tb::host
