#include "service_harness.hpp"

#include <stdexcept>

#include "plugin/plugin_library.hpp"

namespace tb::host::testing {
namespace {

const virtual_clock& clock_of(void* ctx) { return *static_cast<const virtual_clock*>(ctx); }
void log(void*, std::int32_t, const char*, std::size_t) {}
std::int64_t wall_ms(void* ctx) { return clock_of(ctx).wall_ms(); }
std::int64_t monotonic_ns(void* ctx) { return clock_of(ctx).monotonic_ns(); }

}  // namespace

service_harness::service_harness() {
  api_.struct_size = sizeof api_;
  api_.abi_major = TB_ABI_MAJOR;
  api_.abi_minor = TB_ABI_MINOR;
  api_.ctx = &clk;
  api_.log = log;
  api_.wall_ms = wall_ms;
  api_.monotonic_ns = monotonic_ns;
  auto library = plugin_library::open(std::string(TB_FIXTURE_PLUGIN_DIR) + "/data_exchange.so");
  instance_ = plugin_instance::create(library, &api_, "main");
  instance_->start();
  control_ = static_cast<const data_exchange_control*>(
      library->descriptor().get_interface(instance_->self(), DATA_EXCHANGE_CONTROL_ID));
  if (control_ == nullptr) throw std::runtime_error("data_exchange: no control table");
}

service_harness::~service_harness() { instance_->close(); }

std::unique_ptr<data_service> service_harness::make(data_service_config config) {
  return std::make_unique<data_service>(clk, &metrics, &health, &cache, *instance_,
                                        std::move(config));
}

tb_candle service_harness::candle_at(const std::string& symbol, std::int64_t interval_ms,
                                     std::int64_t open_ms) {
  tb_candle c{};
  control_->candle_at(self(), symbol.c_str(), interval_ms, open_ms, &c);
  return c;
}

double labelled_value(const metrics_registry& metrics, const std::string& name,
                      const std::string& key, const std::string& value) {
  for (const auto& family : metrics.snapshot()) {
    if (family.name != name) continue;
    for (const auto& s : family.series) {
      for (const auto& [k, v] : s.labels) {
        if (k == key && v == value) return s.value;
      }
    }
  }
  return -1;
}

double service_harness::gauge_value(const std::string& name, const std::string& interval) const {
  return labelled_value(metrics, name, "interval", interval);
}

}  // namespace tb::host::testing
