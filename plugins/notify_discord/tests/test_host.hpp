// A recording tb_host_api for the notify_discord tests: every log line, alert, health report and
// metric the plugin's parts send, with real clocks (wall time can be pinned). Thread-safe.
//
//   tb::discord::testing::test_host services;
//   tb::discord::delivery_queue queue(services.host(), rest, target, options);
//   EXPECT_TRUE(services.wait_until([&] { return services.alert_active("delivery_overflow"); }, 5s));
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradingbot/sdk/host.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::discord::testing {

class test_host {
 public:
  struct log_line {
    sdk::log_level level;
    std::string text;
  };
  struct alert_event {
    std::string key;
    bool resolved = false;        // an alert_resolve call
    sdk::severity level{};        // raise only
    std::string title, detail;    // raise only
  };
  struct health_report {
    std::string component;  // "" for the instance itself
    sdk::health_state state{};
    std::string detail;
  };

  test_host();
  test_host(const test_host&) = delete;
  test_host& operator=(const test_host&) = delete;

  sdk::host host() const noexcept { return sdk::host(&api_); }
  const tb_host_api* api() const noexcept { return &api_; }

  // What config_get hands over (the plugin's settings as JSON text).
  void set_config(std::string json);
  // Pins wall_ms() (backtest-like virtual time); std::nullopt: the system clock.
  void set_wall_ms(std::optional<std::int64_t> ms);
  // Also print every log line to stderr (off by default).
  void echo_logs(bool on);

  std::vector<log_line> logs() const;
  // Log lines containing `needle`, at `level` or above.
  std::size_t count_logs(std::string_view needle, sdk::log_level at_least = sdk::log_level::trace) const;
  // Whether any log line contains `needle` (use it to check that secrets are never logged).
  bool logged(std::string_view needle) const { return count_logs(needle) > 0; }

  std::vector<alert_event> alerts() const;  // raises and resolves, in order
  bool alert_active(std::string_view key) const;
  std::size_t alert_raises(std::string_view key) const;
  std::optional<alert_event> last_raise(std::string_view key) const;

  std::vector<health_report> health_reports() const;  // in order
  std::optional<health_report> health(std::string_view component) const;  // the latest

  // The value of a metric (counter: sum, gauge: last, histogram: sum of observations) by name
  // and labels "k=v,k2=v2" in registration order; 0 when never recorded.
  double metric(std::string_view name, std::string_view labels = {}) const;

  // Waits until `done()` holds (re-checked on every report and every 10 ms) or `timeout`.
  bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds timeout) const;

 private:
  struct metric_slot {
    std::string key;  // name{labels}
    std::int32_t type = 0;
    double value = 0;
  };
  static test_host& self(void* ctx) { return *static_cast<test_host*>(ctx); }
  void changed();

  tb_host_api api_{};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string config_ = "{}";
  std::optional<std::int64_t> wall_ms_;
  bool echo_ = false;
  std::vector<log_line> logs_;
  std::vector<alert_event> alerts_;
  std::map<std::string, bool> active_;
  std::vector<health_report> health_;
  std::map<std::string, std::uint64_t> metric_handles_;
  std::map<std::uint64_t, metric_slot> metrics_;
};

}  // namespace tb::discord::testing
