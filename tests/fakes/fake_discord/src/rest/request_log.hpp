#pragma once
// Every non-control request the fake answered, for /_control/requests (tests count 429s).
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::fake_discord {

struct request_record {
  std::string method;
  std::string path;  // without the query
  int status = 0;
  std::int64_t time_ms = 0;  // wall clock when the answer was sent
};

class request_log {
 public:
  void add(request_record r);
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::vector<request_record> records_;
};

}  // namespace tb::fake_discord
