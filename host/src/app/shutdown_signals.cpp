#include "app/shutdown_signals.hpp"

#include <pthread.h>
#include <signal.h>

namespace tb::host {
namespace {

// The thread is told to end with SIGUSR2 sent to it alone; no one else uses that signal.
constexpr int wake_signal = SIGUSR2;

sigset_t service_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

void block_service_signals() {
  sigset_t set = service_set();
  sigaddset(&set, wake_signal);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

shutdown_signals::shutdown_signals(std::function<void(int)> on_stop, std::function<void()> on_reload)
    : on_stop_(std::move(on_stop)), on_reload_(std::move(on_reload)) {
  block_service_signals();  // in case the caller did not: this thread and the new one
  thread_ = std::thread([this] { run(); });
}

shutdown_signals::~shutdown_signals() {
  pthread_kill(thread_.native_handle(), wake_signal);
  thread_.join();
}

void shutdown_signals::run() {
  sigset_t set = service_set();
  sigaddset(&set, wake_signal);
  while (true) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    if (signal == wake_signal) return;
    if (signal == SIGHUP) {
      on_reload_();
    } else {
      on_stop_(signal);
    }
  }
}

}  // namespace tb::host
