#pragma once
// The live websocket connections, so the admin API can list and drop them. Thread-safe; holds
// only weak references.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::fake {

struct ws_stats {
  std::string path;
  std::string route;  // market, public, private, legacy
  std::atomic<std::int64_t> data_sent{0};     // stream payloads
  std::atomic<std::int64_t> replies_sent{0};  // answers to control messages
  std::mutex mutex;
  std::vector<std::string> streams;
};

class ws_connection {
 public:
  virtual ~ws_connection() = default;
  // Closes the TCP connection without a close frame, as a network drop would.
  virtual void drop() = 0;
  // A user-data event for the connections subscribed to `listen_key` (private route only).
  virtual void deliver_user(const std::string& listen_key, const std::string& text) = 0;
};

class ws_hub {
 public:
  std::int64_t add(std::weak_ptr<ws_connection> c, std::shared_ptr<ws_stats> stats);
  void remove(std::int64_t id);
  // Drops the connections on `route` ("" for all) and refuses new upgrades to that route
  // until `refuse_until` (steady clock), as an unreachable exchange would.
  int drop(const std::string& route, std::chrono::steady_clock::time_point refuse_until = {});
  bool refusing(const std::string& route);
  void broadcast_user(const std::string& listen_key, const std::string& text);
  nlohmann::json to_json();

 private:
  struct entry {
    std::weak_ptr<ws_connection> connection;
    std::shared_ptr<ws_stats> stats;
  };
  std::mutex mutex_;
  std::map<std::int64_t, entry> entries_;
  std::map<std::string, std::chrono::steady_clock::time_point> refuse_until_;  // by route
  std::int64_t next_id_ = 1;
};

}  // namespace tb::fake
