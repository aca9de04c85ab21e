#include "rest/request_log.hpp"

namespace tb::fake_discord {

void request_log::add(request_record r) {
  std::lock_guard lock(mutex_);
  records_.push_back(std::move(r));
}

nlohmann::json request_log::to_json() const {
  std::lock_guard lock(mutex_);
  auto out = nlohmann::json::array();
  for (const auto& r : records_)
    out.push_back({{"method", r.method}, {"path", r.path}, {"status", r.status}, {"time", r.time_ms}});
  return out;
}

}  // namespace tb::fake_discord
