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

namespace detail {

// What every handle shares: the registry's cell (null for a default-constructed handle,
// which records nothing) and the id the C API records by.
template <class Cell>
class metric_handle {
 public:
  std::uint64_t id() const noexcept { return id_; }
  explicit operator bool() const noexcept { return cell_ != nullptr; }

 protected:
  metric_handle() = default;
  metric_handle(Cell* cell, std::uint64_t id) : cell_(cell), id_(id) {}
  Cell* cell_ = nullptr;

 private:
  std::uint64_t id_ = 0;
};

}  // namespace detail

class counter : public detail::metric_handle<detail::counter_cell> {
 public:
  counter() = default;
  // Adds v; negative and NaN values are dropped because counters never go down.
  void add(double v = 1.0) const noexcept {
    if (cell_ != nullptr) cell_->add(v);
  }
  double value() const noexcept { return cell_ != nullptr ? cell_->read() : 0.0; }

 private:
  friend class metrics_registry;
  using metric_handle::metric_handle;
};

class gauge : public detail::metric_handle<detail::gauge_cell> {
 public:
  gauge() = default;
  void set(double v) const noexcept {
    if (cell_ != nullptr) cell_->set(v);
  }
  void add(double v) const noexcept {
    if (cell_ != nullptr) cell_->add(v);
  }
  double value() const noexcept { return cell_ != nullptr ? cell_->read() : 0.0; }

 private:
  friend class metrics_registry;
  using metric_handle::metric_handle;
};

class histogram : public detail::metric_handle<detail::histogram_cell> {
 public:
  histogram() = default;
  // NaN values are dropped.
  void observe(double v) const noexcept {
    if (cell_ != nullptr) cell_->observe(v);
  }

 private:
  friend class metrics_registry;
  using metric_handle::metric_handle;
};

}  // namespace tb::host
