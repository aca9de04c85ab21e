#pragma once
// Known channels and webhooks, and every message the fake recorded (bot, webhook and
// interaction), with nonce de-duplication. Thread-safe.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/server_options.hpp"
#include "util/snowflake.hpp"

namespace tb::fake_discord {

enum class message_source { bot, webhook, interaction };
std::string to_string(message_source s);

struct new_message {
  std::string channel_id;
  nlohmann::json body;  // the validated request body (content, embeds, flags, nonce, ...)
  message_source via = message_source::bot;
  nlohmann::json author;
  std::int64_t extra_flags = 0;  // e.g. LOADING for a deferred interaction reply
  int type = 0;  // 0 DEFAULT, 20 CHAT_INPUT_COMMAND
  std::string webhook_id;  // owner for webhook and interaction messages
  std::string application_id;  // set on interaction messages
};

struct created_message {
  nlohmann::json message;
  bool duplicate = false;  // an enforced nonce matched: `message` is the original
};

class message_store {
 public:
  message_store(const server_options& options, snowflake_generator& ids);

  bool has_channel(const std::string& id) const;
  std::optional<webhook_config> webhook(const std::string& id) const;

  // Records a message (or returns the original on an enforced nonce repeat within 5 minutes).
  created_message create(const new_message& m);
  std::optional<nlohmann::json> get(const std::string& message_id) const;
  // The owner webhook id recorded for a message ("" for bot messages); empty if unknown.
  std::optional<std::string> owner(const std::string& message_id) const;
  // Applies an edit body (content, embeds, flags, components); clears LOADING.
  std::optional<nlohmann::json> edit(const std::string& message_id, const nlohmann::json& body);
  bool remove(const std::string& message_id);

  // Every recorded message in creation order, optionally for one channel (/_control/messages).
  nlohmann::json to_json(const std::string& channel_filter) const;

 private:
  struct record {
    nlohmann::json message;
    message_source via;
    std::int64_t time_ms;
    std::string owner;
    bool deleted = false;
  };
  struct nonce_entry {
    std::string message_id;
    std::int64_t time_ms;
  };

  mutable std::mutex mutex_;
  snowflake_generator& ids_;
  std::set<std::string> channels_;
  std::map<std::string, webhook_config> webhooks_;
  std::vector<record> records_;
  std::map<std::string, std::size_t> index_;
  std::map<std::pair<std::string, std::string>, nonce_entry> nonces_;  // (channel, nonce)
};

}  // namespace tb::fake_discord
