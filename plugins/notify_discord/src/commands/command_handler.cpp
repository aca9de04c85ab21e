#include "commands/command_handler.hpp"

#include <future>

#include "commands/answers.hpp"
#include "tradingbot/sdk/bot.hpp"
#include "tradingbot/sdk/error.hpp"

namespace tb::discord {
namespace {

using json = nlohmann::json;
constexpr std::int32_t ephemeral_flag = 64;

std::string who(const interaction& call) {
  return "discord user " + call.user_id + " (" + (call.user_name.empty() ? "?" : call.user_name) + ")";
}

}  // namespace

command_handler::command_handler(sdk::host host, discord_rest& rest, command_options options)
    : host_(host), rest_(rest), options_(std::move(options)) {}

command_handler::~command_handler() { stop(); }

void command_handler::spawn(std::function<void(std::stop_token)> work) {
  std::lock_guard lock(mutex_);
  if (stopped_) return;
  // Finished answers leave their threads joinable: reap them as new ones start.
  workers_.remove_if([](const std::jthread& t) { return !t.joinable(); });
  workers_.emplace_back(std::move(work));
}

void command_handler::on_interaction(const json& d) {
  const auto received = clock::now();
  auto call = parse_interaction(d);
  if (!call) return;
  spawn([this, call = std::move(*call), received](std::stop_token stop) {
    answer(call, received, stop);
  });
}

void command_handler::register_commands(const std::string& application_id,
                                        const std::string& guild_id) {
  spawn([this, application_id, guild_id](std::stop_token stop) {
    do_register(application_id, guild_id, stop);
  });
}

void command_handler::stop() {
  std::list<std::jthread> running;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    running.swap(workers_);
  }
  running.clear();  // requests stop and joins each
}

command_stats command_handler::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

json command_handler::reply_for(const interaction& call) {
  if (!allowed(call, options_.allowed_user_ids, options_.allowed_role_ids)) {
    host_.warn("refused /" + call.command + " from " + who(call) +
               (call.guild_id.empty() ? " in a DM" : " in guild " + call.guild_id) +
               ": not in allowed_user_ids or allowed_role_ids");
    {
      std::lock_guard lock(mutex_);
      ++stats_.refused;
    }
    json body = refusal_answer(call.command);
    body["flags"] = ephemeral_flag;  // only the one refused sees it
    return body;
  }
  try {
    const sdk::bot bot(host_);
    if (changes_state(call.command)) {
      const bool pause = call.command == "pause";
      bot.set_paused(pause, who(call));
      host_.info(std::string(pause ? "paused" : "resumed") + " new entries for " + who(call));
      return paused_answer(pause);
    }
    if (call.command == "status") return status_answer(json::parse(bot.report("status")));
    if (call.command == "stats") return stats_answer(json::parse(bot.report("stats")));
    if (call.command == "positions") return positions_answer(json::parse(bot.report("positions")));
    return failure_answer(call.command, "This bot has no such command.");
  } catch (const sdk::error& e) {
    if (e.status() == TB_E_STATE) {
      return failure_answer(call.command, "The bot is starting or stopping; try again in a moment.");
    }
    host_.error("/" + call.command + " for " + who(call) + " failed: " + e.what());
    return failure_answer(call.command, e.what());
  } catch (const std::exception& e) {
    host_.error("/" + call.command + " for " + who(call) + " failed: " + e.what());
    return failure_answer(call.command, std::string("The report could not be read: ") + e.what());
  }
}

void command_handler::answer(const interaction& call, clock::time_point received,
                             std::stop_token stop) {
  auto reply = std::async(std::launch::async, [this, &call] { return reply_for(call); });
  const std::string callback = "/interactions/" + call.id + "/" + call.token + "/callback";
  const auto window_ends = received + options_.window;
  try {
    if (reply.wait_until(received + options_.answer_within) == std::future_status::ready) {
      json data = reply.get();
      if (options_.ephemeral) data["flags"] = data.value("flags", 0) | ephemeral_flag;
      const auto r = rest_.send("POST", callback, json{{"type", 4}, {"data", data}}.dump(),
                                discord_rest::auth::none, window_ends, stop);
      if (r.status >= 300) throw std::runtime_error("HTTP " + std::to_string(r.status) + " " + r.body);
      std::lock_guard lock(mutex_);
      ++stats_.answered;
      return;
    }
    json ack = {{"type", 5}};
    if (options_.ephemeral) ack["data"] = {{"flags", ephemeral_flag}};
    const auto r = rest_.send("POST", callback, ack.dump(), discord_rest::auth::none, window_ends, stop);
    if (r.status >= 300) throw std::runtime_error("HTTP " + std::to_string(r.status) + " " + r.body);
    json data = reply.get();
    data.erase("flags");  // an edit cannot change the flags the deferral set
    const std::string original =
        "/webhooks/" + call.application_id + "/" + call.token + "/messages/@original";
    const auto edit = rest_.send("PATCH", original, data.dump(), discord_rest::auth::none,
                                 clock::now() + options_.follow_up_timeout, stop);
    if (edit.status >= 300) throw std::runtime_error("HTTP " + std::to_string(edit.status) + " " + edit.body);
    std::lock_guard lock(mutex_);
    ++stats_.deferred;
  } catch (const std::exception& e) {
    if (reply.valid()) reply.wait();  // the reply thread uses `call`
    host_.error("the answer to /" + call.command + " from " + who(call) +
                " could not be sent: " + redact_route(e.what()));
    std::lock_guard lock(mutex_);
    ++stats_.failed;
  }
}

void command_handler::do_register(const std::string& application_id, const std::string& guild_id,
                                  std::stop_token stop) {
  const std::string route = "/applications/" + application_id +
                            (guild_id.empty() ? "" : "/guilds/" + guild_id) + "/commands";
  const std::string where = guild_id.empty() ? "globally" : "in guild " + guild_id;
  try {
    const auto r = rest_.send("PUT", route, command_definitions().dump(), discord_rest::auth::bot,
                              clock::now() + std::chrono::seconds(30), stop);
    if (r.status >= 300) {
      const discord_error e = error_of(r.body);
      throw std::runtime_error("HTTP " + std::to_string(r.status) + " (Discord code " +
                               std::to_string(e.code) + ": " + e.message + ")");
    }
    host_.info("slash commands /status /stats /positions /pause /resume registered " + where);
    host_.resolve_alert("commands");
  } catch (const std::exception& e) {
    if (stop.stop_requested()) return;
    const std::string why = "registering the slash commands " + where + " failed: " + e.what() +
                            "; check that the bot was invited with the applications.commands scope";
    host_.error(why);
    host_.raise_alert("commands", sdk::severity::warning, "Discord slash commands not registered", why);
  }
}

}  // namespace tb::discord
