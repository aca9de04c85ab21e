#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/serial_delivery.hpp"

namespace tb::host {

// Values equal TB_BREAKER_* in tb_abi.h.
enum class breaker_state : std::int32_t { closed = 0, open = 1, half_open = 2 };
const char* to_string(breaker_state state) noexcept;

struct breaker_config {
  // Opens after this many failures in a row (0: never on this rule).
  std::uint32_t consecutive_failures = 5;
  // Opens when failures / calls over the last `window_size` calls reaches this share, once
  // the window holds at least `minimum_calls` (a rate above 1 disables the rule).
  double failure_rate = 0.5;
  std::uint32_t window_size = 20;
  std::uint32_t minimum_calls = 10;
  // How long it stays open before letting probes through.
  std::chrono::milliseconds cooldown{30'000};
  // Half-open: at most this many probe calls in flight, and this many successful probes
  // close it. A failed probe opens it again for another cooldown.
  std::uint32_t half_open_max_probes = 1;
  std::uint32_t probe_successes_to_close = 2;
};

struct breaker_transition {
  std::string breaker;
  breaker_state from = breaker_state::closed;
  breaker_state to = breaker_state::closed;
  std::string reason;        // "5 consecutive failures", "probe failed", ...
  std::int64_t time_ms = 0;  // wall clock
};

// Stops calls to a failing dependency (an endpoint group of an exchange) and lets a few
// probes through after a cooldown to find out whether it recovered.
//
// Protocol for callers: ask allow() before each call; when it says true, make the call and
// report() its outcome exactly once. Reports that arrive while the breaker is open (calls
// allowed before it opened) are ignored.
//
// The observer gets every transition outside the breaker's lock, in order (see
// serial_delivery), so it may call back into the breaker.
//
// Thread-safety: every member may be called from any thread, concurrently. allow() and
// report() take one short lock and allocate nothing unless the state changes.
class circuit_breaker {
 public:
  using observer = std::function<void(const breaker_transition&)>;

  // Throws std::invalid_argument naming the breaker for an invalid config.
  circuit_breaker(std::string name, const breaker_config& config, const clock& clk,
                  observer on_transition = {});
  circuit_breaker(const circuit_breaker&) = delete;
  circuit_breaker& operator=(const circuit_breaker&) = delete;

  static void validate(const breaker_config& config, const std::string& name);

  const std::string& name() const noexcept { return name_; }
  // False while open, and in half-open when every probe slot is taken.
  bool allow();
  void report(bool success);
  // The current state; an open breaker whose cooldown has passed reads half-open.
  breaker_state state();

 private:
  void record_closed_locked(bool success);
  void transition_locked(breaker_state to, std::string reason);
  void open_if_cooled_down_locked();
  void notify();

  const std::string name_;
  const breaker_config config_;
  const std::int64_t cooldown_ns_;
  const clock& clock_;
  const observer observer_;

  std::mutex mutex_;
  breaker_state state_ = breaker_state::closed;  // guarded by mutex_
  std::vector<std::uint8_t> window_;              // ring of outcomes, 1 = failure
  std::size_t window_next_ = 0;                   // guarded by mutex_
  std::size_t window_calls_ = 0;                  // guarded by mutex_
  std::size_t window_failures_ = 0;               // guarded by mutex_
  std::uint32_t consecutive_failures_ = 0;        // guarded by mutex_
  std::int64_t opened_at_ns_ = 0;                 // guarded by mutex_
  std::uint32_t probes_in_flight_ = 0;            // guarded by mutex_
  std::uint32_t probe_successes_ = 0;             // guarded by mutex_
  std::uint64_t transitions_ = 0;                 // guarded by mutex_
  serial_delivery<breaker_transition> outbox_;
};

}  // namespace tb::host
