#include "state/message_store.hpp"

#include "rest/message_validation.hpp"
#include "util/time_format.hpp"

namespace tb::fake_discord {

namespace {

using nlohmann::json;

constexpr std::int64_t nonce_memory_ms = 5 * 60 * 1000;

json normalized_embeds(const json& body) {
  auto out = json::array();
  if (const auto e = body.find("embeds"); e != body.end() && e->is_array())
    for (auto embed : *e) {
      embed["type"] = "rich";
      out.push_back(std::move(embed));
    }
  return out;
}

std::string string_field(const json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t int_field(const json& body, const char* key) {
  const auto it = body.find(key);
  return it != body.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string nonce_text(const json& n) { return n.is_string() ? n.get<std::string>() : n.dump(); }

}  // namespace

std::string to_string(message_source s) {
  switch (s) {
    case message_source::bot: return "bot";
    case message_source::webhook: return "webhook";
    case message_source::interaction: return "interaction";
  }
  return "bot";
}

message_store::message_store(const server_options& options, snowflake_generator& ids) : ids_(ids) {
  channels_.insert(options.channels.begin(), options.channels.end());
  for (const auto& w : options.webhooks) {
    webhooks_[w.id] = w;
    channels_.insert(w.channel_id);
  }
}

bool message_store::has_channel(const std::string& id) const {
  std::lock_guard lock(mutex_);
  return channels_.count(id) != 0;
}

std::optional<webhook_config> message_store::webhook(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = webhooks_.find(id);
  if (it == webhooks_.end()) return std::nullopt;
  return it->second;
}

created_message message_store::create(const new_message& m) {
  const auto now = wall_ms();
  std::lock_guard lock(mutex_);
  const auto nonce = m.body.find("nonce");
  const bool has_nonce = nonce != m.body.end() && !nonce->is_null();
  const auto enforce_flag = m.body.find("enforce_nonce");
  const bool enforce = has_nonce && enforce_flag != m.body.end() && enforce_flag->is_boolean() && enforce_flag->get<bool>();
  if (enforce) {
    const auto it = nonces_.find({m.channel_id, nonce_text(*nonce)});
    if (it != nonces_.end() && now - it->second.time_ms < nonce_memory_ms) {
      const auto rec = index_.find(it->second.message_id);
      if (rec != index_.end()) return {records_[rec->second].message, true};
    }
  }
  const auto id = ids_.next();
  json msg{{"id", id},
           {"channel_id", m.channel_id},
           {"type", m.type},
           {"author", m.author},
           {"content", string_field(m.body, "content")},
           {"embeds", normalized_embeds(m.body)},
           {"attachments", json::array()},
           {"mentions", json::array()},
           {"mention_roles", json::array()},
           {"mention_everyone", false},
           {"pinned", false},
           {"tts", m.body.contains("tts") && m.body["tts"].is_boolean() && m.body["tts"].get<bool>()},
           {"timestamp", iso8601(now)},
           {"edited_timestamp", nullptr},
           {"flags", int_field(m.body, "flags") | m.extra_flags},
           {"components", m.body.contains("components") && m.body["components"].is_array() ? m.body["components"] : json::array()}};
  if (has_nonce) msg["nonce"] = *nonce;
  if (!m.webhook_id.empty()) msg["webhook_id"] = m.webhook_id;
  if (!m.application_id.empty()) msg["application_id"] = m.application_id;
  index_[id] = records_.size();
  records_.push_back({msg, m.via, now, m.webhook_id, false});
  if (enforce) nonces_[{m.channel_id, nonce_text(*nonce)}] = {id, now};
  return {msg, false};
}

std::optional<json> message_store::get(const std::string& message_id) const {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(message_id);
  if (it == index_.end() || records_[it->second].deleted) return std::nullopt;
  return records_[it->second].message;
}

std::optional<std::string> message_store::owner(const std::string& message_id) const {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(message_id);
  if (it == index_.end() || records_[it->second].deleted) return std::nullopt;
  return records_[it->second].owner;
}

std::optional<json> message_store::edit(const std::string& message_id, const json& body) {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(message_id);
  if (it == index_.end() || records_[it->second].deleted) return std::nullopt;
  auto& msg = records_[it->second].message;
  if (body.contains("content")) msg["content"] = string_field(body, "content");
  if (body.contains("embeds")) msg["embeds"] = normalized_embeds(body);
  if (body.contains("components") && body["components"].is_array()) msg["components"] = body["components"];
  std::int64_t flags = msg["flags"].get<std::int64_t>() & ~message_flags::loading;
  if (const auto f = body.find("flags"); f != body.end() && f->is_number_integer())
    flags = (flags & ~message_flags::suppress_embeds) | (f->get<std::int64_t>() & message_flags::suppress_embeds);
  msg["flags"] = flags;
  msg["edited_timestamp"] = iso8601(wall_ms());
  return msg;
}

bool message_store::remove(const std::string& message_id) {
  std::lock_guard lock(mutex_);
  const auto it = index_.find(message_id);
  if (it == index_.end() || records_[it->second].deleted) return false;
  records_[it->second].deleted = true;
  return true;
}

json message_store::to_json(const std::string& channel_filter) const {
  std::lock_guard lock(mutex_);
  auto out = json::array();
  for (const auto& r : records_) {
    if (!channel_filter.empty() && r.message["channel_id"] != channel_filter) continue;
    json row{{"id", r.message["id"]},
             {"channel_id", r.message["channel_id"]},
             {"content", r.message["content"]},
             {"embeds", r.message["embeds"]},
             {"nonce", r.message.value("nonce", json(nullptr))},
             {"via", to_string(r.via)},
             {"flags", r.message["flags"]},
             {"time", r.time_ms},
             {"edited", !r.message["edited_timestamp"].is_null()},
             {"deleted", r.deleted}};
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace tb::fake_discord
