#include "state/interaction_registry.hpp"

namespace tb::fake_discord {

void interaction_registry::add(interaction_record r) {
  std::lock_guard lock(mutex_);
  records_.push_back(std::move(r));
}

interaction_record* interaction_registry::find(const std::string& id) {
  for (auto& r : records_)
    if (r.id == id) return &r;
  return nullptr;
}

void interaction_registry::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  std::erase_if(records_, [&](const interaction_record& r) { return r.id == id; });
}

void interaction_registry::set_sequence(const std::string& id, std::int64_t sequence) {
  std::lock_guard lock(mutex_);
  if (auto* r = find(id)) r->sequence = sequence;
}

callback_claim interaction_registry::claim_callback(const std::string& id, const std::string& token, int type,
                                                    std::chrono::milliseconds window) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  auto* r = find(id);
  if (r == nullptr || r->token != token) return callback_claim::unknown;
  if (r->callback_type != 0) return callback_claim::already_acknowledged;
  const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(now - r->created);
  if (age > window) return callback_claim::expired;
  r->callback_type = type;
  r->callback_delay_ms = age.count();
  return callback_claim::claimed;
}

void interaction_registry::release_callback(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (auto* r = find(id)) {
    r->callback_type = 0;
    r->callback_delay_ms = -1;
  }
}

void interaction_registry::set_original(const std::string& id, const std::string& message_id, bool loading) {
  std::lock_guard lock(mutex_);
  if (auto* r = find(id)) {
    r->original_message_id = message_id;
    r->loading = loading;
  }
}

void interaction_registry::mark_filled(const std::string& id) {
  std::lock_guard lock(mutex_);
  if (auto* r = find(id)) r->loading = false;
}

void interaction_registry::add_followup(const std::string& id, const std::string& message_id) {
  std::lock_guard lock(mutex_);
  if (auto* r = find(id)) r->followup_ids.push_back(message_id);
}

std::optional<interaction_record> interaction_registry::by_id(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& r : records_)
    if (r.id == id) return r;
  return std::nullopt;
}

std::optional<interaction_record> interaction_registry::by_token(const std::string& token) const {
  std::lock_guard lock(mutex_);
  for (const auto& r : records_)
    if (r.token == token) return r;
  return std::nullopt;
}

std::vector<interaction_record> interaction_registry::all() const {
  std::lock_guard lock(mutex_);
  return records_;
}

}  // namespace tb::fake_discord
