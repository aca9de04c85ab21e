#pragma once

// A data_service over the data_exchange fixture plugin, on a virtual clock, with real
// metrics, health and cache.

#include <tradingbot/tb_abi.h>

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "core/health_registry.hpp"
#include "core/lru_cache.hpp"
#include "core/metrics_registry.hpp"
#include "data_exchange_control.h"
#include "plugin/plugin_instance.hpp"
#include "services/data_service.hpp"

#ifndef TB_FIXTURE_PLUGIN_DIR
#error "TB_FIXTURE_PLUGIN_DIR must point at the built fixture plugins"
#endif

namespace tb::host::testing {

inline constexpr std::int64_t hour_ms = 3'600'000;
// 2023-11-14 22:00:00 UTC plus 30 minutes: half way through an hourly candle.
inline constexpr std::int64_t start_wall_ms = 1'699'999'200'000 + 30 * 60'000;

// The value of metric `name`'s series labelled `key`=`value`; -1 when there is none.
double labelled_value(const metrics_registry& metrics, const std::string& name,
                      const std::string& key, const std::string& value);

class service_harness {
 public:
  service_harness();
  ~service_harness();
  service_harness(const service_harness&) = delete;
  service_harness& operator=(const service_harness&) = delete;

  std::unique_ptr<data_service> make(data_service_config config = {});

  // The fixture's control table; `self` is its instance.
  const data_exchange_control& control() const { return *control_; }
  void* self() const { return instance_->self(); }
  tb_candle candle_at(const std::string& symbol, std::int64_t interval_ms, std::int64_t open_ms);
  double gauge_value(const std::string& name, const std::string& interval) const;

  virtual_clock clk{start_wall_ms};
  metrics_registry metrics;
  health_registry health{clk};
  lru_cache cache{clk};

 private:
  tb_host_api api_{};
  std::unique_ptr<plugin_instance> instance_;
  const data_exchange_control* control_ = nullptr;
};

}  // namespace tb::host::testing
