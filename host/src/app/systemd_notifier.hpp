#pragma once
// Tells systemd how the long-running bot is doing (sd_notify(3)), for a unit with
// Type=notify and WatchdogSec= (deploy/tradingbot.service).
//
// Without NOTIFY_SOCKET in the environment (started by hand, in a test, by cron) every member
// is a cheap no-op. Nothing here throws: a failed send is logged once, as a warning, and then
// silently ignored, because the bot must keep trading whether or not systemd hears about it.
//
// Thread-safety: every member may be called from any thread.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace tb::host {

class systemd_notifier {
 public:
  // Reads NOTIFY_SOCKET once: the environment of a service does not change while it runs.
  systemd_notifier();

  // True when NOTIFY_SOCKET was set, so the members below really send.
  bool enabled() const noexcept { return enabled_; }

  // READY=1 with STATUS=<status>: start-up (or a reload) is done. Also sent after
  // reloading(), to say the reload finished.
  void ready(std::string_view status = {}) noexcept;
  // STATUS=<text>: one line for `systemctl status`.
  void status(std::string_view text) noexcept;
  // WATCHDOG=1: the loop is alive. Send at half of watchdog_interval().
  void watchdog() noexcept;
  // STOPPING=1 with STATUS=<status>: an orderly shutdown has begun.
  void stopping(std::string_view status = {}) noexcept;
  // RELOADING=1 (with MONOTONIC_USEC, which systemd 253+ requires) and STATUS=<status>;
  // follow with ready() when the reload is over.
  void reloading(std::string_view status = {}) noexcept;

  // WATCHDOG_USEC when systemd set it for this process (WATCHDOG_PID unset or ours);
  // std::nullopt when there is no watchdog.
  std::optional<std::chrono::microseconds> watchdog_interval() const noexcept;

 private:
  // `state` is newline-separated VAR=value lines; `status`, if any, is appended as STATUS=.
  void send(std::string_view state, std::string_view status) noexcept;

  bool enabled_ = false;
  std::atomic<bool> failure_logged_{false};
};

}  // namespace tb::host
