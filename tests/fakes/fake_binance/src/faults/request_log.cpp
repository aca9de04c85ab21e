#include "faults/request_log.hpp"

namespace tb::fake {
namespace {
constexpr std::size_t max_records = 100'000;
}

std::int64_t request_log::add(request_record record) {
  std::lock_guard lock(mutex_);
  record.id = next_id_++;
  records_.push_back(std::move(record));
  if (records_.size() > max_records) records_.pop_front();
  return records_.back().id;
}

void request_log::complete(std::int64_t id, int status, const std::string& outcome, std::int64_t used_weight) {
  std::lock_guard lock(mutex_);
  for (auto it = records_.rbegin(); it != records_.rend(); ++it) {
    if (it->id != id) continue;
    it->status = status;
    it->outcome = outcome;
    it->used_weight = used_weight;
    return;
  }
}

nlohmann::json request_log::to_json() {
  std::lock_guard lock(mutex_);
  auto out = nlohmann::json::array();
  for (const auto& r : records_) {
    out.push_back({{"id", r.id}, {"method", r.method}, {"path", r.path}, {"query", r.query},
                   {"body", r.body}, {"apiKey", r.api_key}, {"contentType", r.content_type},
                   {"peer", r.peer}, {"time", r.wall_ms}, {"serverTime", r.server_ms},
                   {"status", r.status}, {"outcome", r.outcome}, {"usedWeight", r.used_weight}});
  }
  return out;
}

void request_log::clear() {
  std::lock_guard lock(mutex_);
  records_.clear();
}

}  // namespace tb::fake
