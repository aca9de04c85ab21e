#pragma once
// Every request the fake received (Binance routes and websocket upgrades, not /_admin), for
// tests to assert on. Thread-safe; bounded to the most recent entries.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace tb::fake {

struct request_record {
  std::int64_t id = 0;
  std::string method;  // GET, POST, PUT, DELETE, or WS for a websocket upgrade
  std::string path;
  std::string query;
  std::string body;
  std::string api_key;       // X-MBX-APIKEY
  std::string content_type;
  std::string peer;
  std::int64_t wall_ms = 0;
  std::int64_t server_ms = 0;
  int status = 0;            // 0 when no answer was sent (timeout, reset)
  std::string outcome;       // "ok", or the injected fault
  std::int64_t used_weight = 0;
};

class request_log {
 public:
  // Returns the record's id, for completing it later.
  std::int64_t add(request_record record);
  void complete(std::int64_t id, int status, const std::string& outcome, std::int64_t used_weight);
  nlohmann::json to_json();
  void clear();

 private:
  std::mutex mutex_;
  std::deque<request_record> records_;
  std::int64_t next_id_ = 1;
};

}  // namespace tb::fake
