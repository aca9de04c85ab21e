#pragma once
// Interactions the fake created (through /_control/interactions) and what the client did with
// them: the one initial callback within the window, the original message and follow-ups.
// Thread-safe.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tb::fake_discord {

struct interaction_record {
  std::string id;
  std::string token;
  std::string command;
  std::string user_id;
  std::string channel_id;
  std::string guild_id;  // empty in a DM
  std::chrono::steady_clock::time_point created{};
  std::int64_t created_ms = 0;  // wall clock
  std::int64_t sequence = 0;  // the dispatch's `s`
  int callback_type = 0;  // 0: not answered yet
  std::int64_t callback_delay_ms = -1;
  std::string original_message_id;
  bool loading = false;  // deferred (type 5) and not filled in yet
  std::vector<std::string> followup_ids;
};

enum class callback_claim { claimed, unknown, expired, already_acknowledged };

class interaction_registry {
 public:
  void add(interaction_record r);
  void remove(const std::string& id);  // an interaction that could not be delivered
  void set_sequence(const std::string& id, std::int64_t sequence);
  // Atomically takes the single initial response of interaction `id` with `token`.
  callback_claim claim_callback(const std::string& id, const std::string& token, int type,
                                std::chrono::milliseconds window);
  // Gives the claim back, for a callback whose side effects then failed.
  void release_callback(const std::string& id);
  void set_original(const std::string& id, const std::string& message_id, bool loading);
  void mark_filled(const std::string& id);
  void add_followup(const std::string& id, const std::string& message_id);
  std::optional<interaction_record> by_id(const std::string& id) const;
  std::optional<interaction_record> by_token(const std::string& token) const;
  std::vector<interaction_record> all() const;

 private:
  interaction_record* find(const std::string& id);
  mutable std::mutex mutex_;
  std::vector<interaction_record> records_;
};

}  // namespace tb::fake_discord
