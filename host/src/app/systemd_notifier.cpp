#include "app/systemd_notifier.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <exception>

#include <spdlog/spdlog.h>

namespace tb::host {
namespace {

std::uint64_t monotonic_microseconds() noexcept {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u +
         static_cast<std::uint64_t>(now.tv_nsec) / 1'000u;
}

}  // namespace

systemd_notifier::systemd_notifier() : enabled_(std::getenv("NOTIFY_SOCKET") != nullptr) {}

void systemd_notifier::ready(std::string_view status) noexcept { send("READY=1", status); }

void systemd_notifier::status(std::string_view text) noexcept { send({}, text); }

void systemd_notifier::watchdog() noexcept { send("WATCHDOG=1", {}); }

void systemd_notifier::stopping(std::string_view status) noexcept { send("STOPPING=1", status); }

void systemd_notifier::reloading(std::string_view status) noexcept {
  if (!enabled_) return;
  try {
    send("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(monotonic_microseconds()), status);
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
