#include "app/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <chrono>
#include <exception>

#include <spdlog/spdlog.h>

namespace tb::host {

systemd_notifier::systemd_notifier() : enabled_(std::getenv("NOTIFY_SOCKET") != nullptr) {}

void systemd_notifier::ready(std::string_view status) noexcept { send("READY=1", status); }

void systemd_notifier::status(std::string_view text) noexcept { send({}, text); }

void systemd_notifier::watchdog() noexcept { send("WATCHDOG=1", {}); }

void systemd_notifier::stopping(std::string_view status) noexcept { send("STOPPING=1", status); }

void systemd_notifier::reloading(std::string_view status) noexcept {
  if (!enabled_) return;
  try {
    // systemd wants CLOCK_MONOTONIC, which steady_clock is on Linux.
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
    send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(now.count()), status);
  } catch (...) {
    // std::bad_alloc building the message: the notification is lost, the bot goes on.
  }
}

std::optional<std::chrono::microseconds> systemd_notifier::watchdog_interval() const noexcept {
  std::uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::microseconds(usec);
}

void systemd_notifier::send(std::string_view state, std::string_view status) noexcept {
  if (!enabled_) return;
  try {
    std::string message(state);
    if (!status.empty()) {
      if (!message.empty()) message += '\n';
      message += "STATUS=";
      // A newline would start another assignment (a status could otherwise say READY=1).
      for (const char c : status) message += (c == '\n' || c == '\r') ? ' ' : c;
    }
    if (message.empty()) return;
    const int result = sd_notify(0, message.c_str());
    if (result < 0 && !failure_logged_.exchange(true)) {
      const char* socket = std::getenv("NOTIFY_SOCKET");
      spdlog::warn(
          "systemd notification to NOTIFY_SOCKET={} failed: {}; readiness and watchdog "
          "messages may not reach systemd (further failures are not logged)",
          socket != nullptr ? socket : "(unset)", std::strerror(-result));
    }
  } catch (const std::exception&) {
    // Out of memory or a failing log sink: nothing useful left to do here.
  }
}

}  // namespace tb::host
