#include "server/ws_hub.hpp"

namespace tb::fake {

std::int64_t ws_hub::add(std::weak_ptr<ws_connection> c, std::shared_ptr<ws_stats> stats) {
  std::lock_guard lock(mutex_);
  const std::int64_t id = next_id_++;
  entries_.emplace(id, entry{std::move(c), std::move(stats)});
  return id;
}

void ws_hub::remove(std::int64_t id) {
  std::lock_guard lock(mutex_);
  entries_.erase(id);
}

int ws_hub::drop(const std::string& route, std::chrono::steady_clock::time_point refuse_until) {
  std::vector<std::shared_ptr<ws_connection>> live;
  {
    std::lock_guard lock(mutex_);
    if (refuse_until != std::chrono::steady_clock::time_point{}) refuse_until_[route] = refuse_until;
    for (auto& [id, e] : entries_)
      if (route.empty() || e.stats->route == route)
        if (auto c = e.connection.lock()) live.push_back(std::move(c));
  }
  for (auto& c : live) c->drop();
  return static_cast<int>(live.size());
}

bool ws_hub::refusing(const std::string& route) {
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  for (const std::string& key : {std::string(), route}) {
    const auto it = refuse_until_.find(key);
    if (it != refuse_until_.end() && now < it->second) return true;
  }
  return false;
}

void ws_hub::broadcast_user(const std::string& listen_key, const std::string& text) {
  std::vector<std::shared_ptr<ws_connection>> live;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, e] : entries_)
      if (e.stats->route == "private")
        if (auto c = e.connection.lock()) live.push_back(std::move(c));
  }
  for (auto& c : live) c->deliver_user(listen_key, text);
}

nlohmann::json ws_hub::to_json() {
  std::lock_guard lock(mutex_);
  auto out = nlohmann::json::array();
  for (auto& [id, e] : entries_) {
    std::lock_guard stats_lock(e.stats->mutex);
    out.push_back({{"id", id}, {"path", e.stats->path}, {"route", e.stats->route},
                   {"streams", e.stats->streams}, {"dataSent", e.stats->data_sent.load()},
                   {"repliesSent", e.stats->replies_sent.load()}});
  }
  return out;
}

}  // namespace tb::fake
