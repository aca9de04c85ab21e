#pragma once
// SIGTERM, SIGINT and SIGHUP for the long-running bot, delivered as calls on a thread of
// their own (sigwait), never in a signal handler: the callbacks may lock, log and allocate.
//
// block_service_signals() must run before any thread starts (threads inherit the mask), so
// that no other thread is picked to take the signal and die of its default action.
#include <functional>
#include <thread>

namespace tb::host {

// Blocks SIGTERM, SIGINT and SIGHUP in the calling thread (and every thread it starts later).
void block_service_signals();

class shutdown_signals {
 public:
  // on_stop: SIGTERM or SIGINT (its number given); on_reload: SIGHUP. Both run on the
  // signal thread, one at a time.
  shutdown_signals(std::function<void(int)> on_stop, std::function<void()> on_reload);
  ~shutdown_signals();  // stops the thread
  shutdown_signals(const shutdown_signals&) = delete;
  shutdown_signals& operator=(const shutdown_signals&) = delete;

 private:
  void run();

  std::function<void(int)> on_stop_;
  std::function<void()> on_reload_;
  std::thread thread_;
};

}  // namespace tb::host
