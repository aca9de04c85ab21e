#include "server/exchange_context.hpp"

#include "server/ws_hub.hpp"

namespace tb::fake {

exchange_context::exchange_context(const server_options& o)
    : options(o),
      clock(o.speed, o.start_time_ms),
      catalog(o.symbols, o.seed),
      prices(catalog, clock),
      weights(o.weight_limit, o.ban_seconds),
      faults(mix(o.seed, 0xFA17)),
      hub(std::make_unique<ws_hub>()) {
  clock.set_skew_ms(o.clock_skew_ms);
  if (o.prewarm_hours > 0) prices.prewarm_hours(o.prewarm_hours, clock.now_ms(), o.threads);
  faults.set_latency_ms(o.latency_ms);
  const auto arm = [this](fault_kind kind, double rate) {
    if (rate > 0) faults.add(fault_rule{kind, rate, 0, "", 503, 30000});
  };
  arm(fault_kind::error_5xx, o.error_rate);
  arm(fault_kind::timeout, o.timeout_rate);
  arm(fault_kind::reset, o.reset_rate);
  arm(fault_kind::malformed, o.malformed_rate);
}

exchange_context::~exchange_context() = default;

}  // namespace tb::fake
