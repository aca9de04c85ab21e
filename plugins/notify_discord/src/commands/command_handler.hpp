// Answers slash commands. Each interaction is answered on a thread of its own so the gateway
// thread never waits: the reply is computed from the host's bot reports (tb.bot/1) and sent
// as the interaction's response (type 4) when it is ready within `answer_within`; otherwise
// the interaction is acknowledged as deferred (type 5) well inside Discord's 3-second window
// and the reply fills in the original message (PATCH .../messages/@original) when it is ready.
//
// /pause and /resume are allowed only to the configured user ids and roles; anyone else gets
// a polite refusal only they can see, and the attempt is logged as a warning.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "commands/command_set.hpp"
#include "rest/discord_rest.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::discord {

struct command_options {
  std::vector<std::string> allowed_user_ids, allowed_role_ids;
  bool ephemeral = false;  // replies only the invoker sees
  std::chrono::milliseconds answer_within{1500};  // then defer
  std::chrono::milliseconds window{3000};          // Discord's, for the first response
  std::chrono::milliseconds follow_up_timeout{30'000};
};

struct command_stats {
  std::uint64_t answered = 0;  // replied at once (type 4)
  std::uint64_t deferred = 0;  // acknowledged (type 5), then filled in
  std::uint64_t refused = 0;   // not allowed
  std::uint64_t failed = 0;    // the response could not be sent
};

class command_handler {
 public:
  using clock = std::chrono::steady_clock;

  // `rest` must outlive the handler.
  command_handler(sdk::host host, discord_rest& rest, command_options options);
  ~command_handler();  // stop()
  command_handler(const command_handler&) = delete;
  command_handler& operator=(const command_handler&) = delete;

  // [gateway thread] An INTERACTION_CREATE payload; returns at once. Interactions of another
  // type, or once stopped, are ignored.
  void on_interaction(const nlohmann::json& d);

  // [any] Registers the commands for `application_id` (in `guild_id`, or globally when empty)
  // on a thread of its own; a failure is logged and raises the alert "commands".
  void register_commands(const std::string& application_id, const std::string& guild_id);

  // Waits for the answers in flight, then ignores what arrives. Idempotent.
  void stop();

  command_stats stats() const;

 private:
  void answer(const interaction& call, clock::time_point received, std::stop_token stop);
  // The reply body for `call` (blocks on the host); never throws.
  nlohmann::json reply_for(const interaction& call);
  void do_register(const std::string& application_id, const std::string& guild_id,
                   std::stop_token stop);
  void spawn(std::function<void(std::stop_token)> work);

  sdk::host host_;
  discord_rest& rest_;
  command_options options_;
  mutable std::mutex mutex_;
  bool stopped_ = false;
  std::list<std::jthread> workers_;
  command_stats stats_;
};

}  // namespace tb::discord
