#pragma once
// What passes between the long-running bot's loop and the threads that steer or watch it
// (signals, the admin API, the plugin watcher): stop and reload requests in, readiness, the
// pause switch and the latest signals out.
//
// Thread-safety: every member may be called from any thread.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::host {

class service_control {
 public:
  // A reload asked for, and where its report goes.
  struct reload_request {
    std::string source;  // "SIGHUP", "api", "watch"
    std::promise<nlohmann::json> report;
  };

  void request_stop(std::string why);
  bool stop_requested() const;
  std::string stop_reason() const;

  // Queues a reload for the loop (it runs between scans); the future gets its report.
  std::future<nlohmann::json> request_reload(std::string source);
  // The loop's side: every queued request, oldest first.
  std::vector<reload_request> take_reload_requests();

  // Waits until `deadline` or a stop or reload request, whichever is first. True when a
  // request is waiting.
  bool wait_until(std::chrono::steady_clock::time_point deadline);

  void set_paused(bool paused);
  bool paused() const;

  void set_ready(bool ready, std::string why);
  bool ready(std::string& why) const;

  // The ranked signals of each scan, newest first, at most `keep_signals`.
  void record_signals(const nlohmann::json& scan);
  nlohmann::json recent_signals() const;

  static constexpr std::size_t keep_signals = 50;

 private:
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::string stop_reason_;
  std::vector<reload_request> reloads_;
  bool paused_ = false;
  bool ready_ = false;
  std::string not_ready_ = "starting";
  std::deque<nlohmann::json> signals_;
};

}  // namespace tb::host
