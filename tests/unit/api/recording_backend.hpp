#pragma once
// An admin_backend for the server's tests: canned answers, every call recorded, a switch
// that makes every member throw, and one that holds reload() until released.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/admin_backend.hpp"

namespace tb::test {

class recording_backend : public host::admin_backend {
 public:
  struct trades_call {
    std::size_t limit = 0;
    std::optional<std::int64_t> since_ms;
  };

  bool ready(std::string& why) override {
    record("ready");
    std::lock_guard lock(mutex_);
    if (!ready_) why = not_ready_reason_;
    return ready_;
  }
  std::string metrics_text() override {
    record("metrics_text");
    std::lock_guard lock(mutex_);
    return metrics_text_;
  }
  nlohmann::json status() override {
    return answer("status", {{"mode", "paper"}, {"paused", false}});
  }
  nlohmann::json stats() override { return answer("stats", {{"scans", 12}}); }
  nlohmann::json positions() override {
    return answer("positions", nlohmann::json::array({{{"symbol", "BTCUSDT"}, {"side", "long"}}}));
  }
  nlohmann::json trades(std::size_t limit, std::optional<std::int64_t> since_ms) override {
    {
      std::lock_guard lock(mutex_);
      trades_calls_.push_back({limit, since_ms});
    }
    return answer("trades", nlohmann::json::array({{{"symbol", "ETHUSDT"}, {"pnl", "1.5"}}}));
  }
  nlohmann::json signals() override {
    return answer("signals", nlohmann::json::array({{{"symbol", "SOLUSDT"}, {"confidence", 0.8}}}));
  }
  nlohmann::json pause() override { return answer("pause", {{"paused", true}}); }
  nlohmann::json resume() override { return answer("resume", {{"paused", false}}); }
  nlohmann::json reload() override {
    {
      std::unique_lock lock(mutex_);
      ++reloads_waiting_;
      changed_.notify_all();
      changed_.wait(lock, [&] { return !hold_reloads_; });
      --reloads_waiting_;
    }
    return answer("reload", {{"changed", {"strategy"}}});
  }

  // reload() waits from now on until release_reloads(), as the bot's does for a scan.
  void hold_reloads() {
    std::lock_guard lock(mutex_);
    hold_reloads_ = true;
  }
  void release_reloads() {
    std::lock_guard lock(mutex_);
    hold_reloads_ = false;
    changed_.notify_all();
  }
  // Waits until `n` reload() calls are inside; false after 10 s.
  bool wait_for_reloads_waiting(int n) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return reloads_waiting_ >= n; });
  }

  void set_ready(bool ready, std::string reason = {}) {
    std::lock_guard lock(mutex_);
    ready_ = ready;
    not_ready_reason_ = std::move(reason);
  }
  void set_metrics_text(std::string text) {
    std::lock_guard lock(mutex_);
    metrics_text_ = std::move(text);
  }
  // Every JSON member throws std::runtime_error(message) from now on; "" stops it.
  void throw_from_now_on(std::string message) {
    std::lock_guard lock(mutex_);
    throw_message_ = std::move(message);
  }
  // Every JSON member answers `body` from now on.
  void answer_with(nlohmann::json body) {
    std::lock_guard lock(mutex_);
    override_ = std::move(body);
  }

  std::vector<std::string> calls() const {
    std::lock_guard lock(mutex_);
    return calls_;
  }
  std::vector<trades_call> trades_calls() const {
    std::lock_guard lock(mutex_);
    return trades_calls_;
  }

 private:
  void record(const char* member) {
    std::lock_guard lock(mutex_);
    calls_.emplace_back(member);
  }
  nlohmann::json answer(const char* member, nlohmann::json canned) {
    record(member);
    std::lock_guard lock(mutex_);
    if (!throw_message_.empty()) throw std::runtime_error(throw_message_);
    return override_ ? *override_ : canned;
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool hold_reloads_ = false;
  int reloads_waiting_ = 0;
  std::vector<std::string> calls_;
  std::vector<trades_call> trades_calls_;
  bool ready_ = true;
  std::string not_ready_reason_;
  std::string metrics_text_ = "# HELP up Whether the bot is up.\n# TYPE up gauge\nup 1\n";
  std::string throw_message_;
  std::optional<nlohmann::json> override_;
};

}  // namespace tb::test
