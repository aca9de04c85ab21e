// The notify_discord plugin: trade events, alerts and daily summaries as Discord embeds
// (through the bot's REST API or a webhook), and slash commands over the gateway answered from
// the running bot. docs/notify-discord.md explains set-up and settings.
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "commands/command_handler.hpp"
#include "config/discord_settings.hpp"
#include "delivery/delivery_queue.hpp"
#include "format/embeds.hpp"
#include "gateway/gateway_client.hpp"
#include "rest/discord_rest.hpp"
#include "tradingbot/sdk.hpp"

namespace tb::discord {

constexpr char plugin_id[] = "notify_discord";
constexpr char plugin_version[] = "1.0.0";

class discord_notifier final : public sdk::notifier {
 public:
  discord_notifier(sdk::host services, std::string instance_name)
      : sdk::notifier(services, std::move(instance_name)),
        settings_(parse_settings(host().config_json())) {
    for (const auto& key : settings_.unknown_keys) {
      host().warn("settings: unknown key '" + key + "' is ignored (docs/notify-discord.md)");
    }
  }

  void start() override {
    rest_options rest;
    rest.api_url = settings_.api_url;
    rest.token = settings_.token;
    rest.request_timeout = settings_.request_timeout;
    rest_ = std::make_unique<discord_rest>(host(), rest);
    if (!settings_.token.empty()) check_token();
    open_queues();
    if (settings_.gateway_enabled()) start_gateway();
    host().info(std::string(plugin_id) + " " + plugin_version + " (" + instance_name() +
                "): " + describe(settings_));
  }

  void stop() override {
    if (gateway_) gateway_->stop();
    if (commands_) commands_->stop();
    const auto deadline = std::chrono::steady_clock::now() + settings_.flush_timeout;
    for (auto& [channel, queue] : queues_) queue->stop(deadline);
  }

  // [any] Queues the note on its channel's queue.
  void notify(const sdk::notification& note) override {
    delivery_queue& queue = queue_for(note.kind);
    if (!queue.push(message_for(note, ""))) {
      throw sdk::error(TB_E_RATE_LIMITED,
                       "the Discord queue is full (" + std::to_string(settings_.queue_capacity) +
                           " messages waiting); this message is dropped");
    }
  }

  void flush(sdk::deadline until) override {
    const auto left = std::chrono::nanoseconds(sdk::deadline_to_ns(until) - host().monotonic_ns());
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(left);
    std::size_t waiting = 0;
    for (auto& [channel, queue] : queues_) {
      if (!queue->flush(deadline)) waiting += queue->stats().queued;
    }
    if (waiting > 0) {
      throw sdk::error(TB_E_TIMEOUT, std::to_string(waiting) +
                                         " Discord message(s) still queued at the deadline");
    }
  }

 private:
  // GET /gateway/bot: the gateway's URL and session limits, and the cheapest check of the
  // token. Throws gateway_token_refused on 401 and std::runtime_error on another failure.
  nlohmann::json gateway_bot() {
    const auto reply = rest_->send("GET", "/gateway/bot", "", discord_rest::auth::bot,
                                   std::chrono::steady_clock::now() + settings_.request_timeout);
    if (reply.status == 401) {
      throw gateway_token_refused(
          "Discord refused the bot token (401 Unauthorized): set token to the bot token from the "
          "developer portal (Bot > Reset Token), e.g. token: ${DISCORD_BOT_TOKEN}");
    }
    if (reply.status >= 300) {
      throw std::runtime_error("GET /gateway/bot: HTTP " + std::to_string(reply.status) + " " +
                               error_of(reply.body).message);
    }
    return reply.json();
  }

  // A refused token stops the plugin at start with a clear error instead of failing every
  // message later; an unreachable or failing Discord does not (the queues retry).
  void check_token() {
    try {
      gateway_bot();
    } catch (const gateway_token_refused& e) {
      throw sdk::error(TB_E_AUTH, e.what());
    } catch (const std::exception& e) {
      host().warn(std::string("Discord could not be asked at start (") + e.what() +
                  "); messages wait in the queue");
    }
  }

  // One queue per channel keeps each channel's order; kinds sent to one channel share it.
  void open_queues() {
    delivery_options options;
    options.capacity = settings_.queue_capacity;
    options.request_timeout = settings_.request_timeout;
    auto open = [&](const std::string& label, const std::string& channel) -> delivery_queue* {
      delivery_target target;
      target.label = label;
      if (settings_.webhook_mode()) {
        target.webhook_id = settings_.webhook_id;
        target.webhook_token = settings_.webhook_token;
      } else {
        target.channel_id = channel.empty() ? settings_.channel_id : channel;
      }
      const std::string key = target.channel_id.empty() ? "webhook" : target.channel_id;
      auto& queue = queues_[key];
      if (!queue) {
        queue = std::make_unique<delivery_queue>(host(), *rest_, target, options);
        queue->start();
      }
      return queue.get();
    };
    trades_ = open("trades", settings_.trades_channel_id);
    alerts_ = open("alerts", settings_.alerts_channel_id);
    summary_ = open("summary", settings_.summary_channel_id);
  }

  delivery_queue& queue_for(sdk::note_kind kind) {
    switch (kind) {
      case sdk::note_kind::trade_opened:
      case sdk::note_kind::trade_closed: return *trades_;
      case sdk::note_kind::alert:
      case sdk::note_kind::alert_resolved: return *alerts_;
      default: return *summary_;
    }
  }

  void start_gateway() {
    command_options commands;
    commands.allowed_user_ids = settings_.allowed_user_ids;
    commands.allowed_role_ids = settings_.allowed_role_ids;
    commands.ephemeral = settings_.ephemeral_replies;
    commands_ = std::make_unique<command_handler>(host(), *rest_, commands);

    gateway_options options;
    options.token = settings_.token;
    options.intents = settings_.intents;
    options.identify_spacing = settings_.identify_spacing;
    options.fetch_gateway_bot = [this] { return gateway_bot(); };
    gateway_events events;
    events.on_ready = [this](const nlohmann::json& ready) {
      const std::string app = ready.value("application", nlohmann::json::object()).value("id", "");
      // Once per process: a new session (after an invalid one) has the same commands.
      if (!app.empty() && !registered_.exchange(true)) commands_->register_commands(app, settings_.guild_id);
    };
    events.on_dispatch = [this](const std::string& name, const nlohmann::json& d) {
      if (name == "INTERACTION_CREATE") commands_->on_interaction(d);
    };
    events.on_fatal = [this](const std::string& reason) {
      host().error("slash commands stopped: " + reason + "; notifications still go out");
    };
    gateway_ = std::make_unique<gateway_client>(host(), options, events);
    gateway_->start();
  }

  discord_settings settings_;
  std::unique_ptr<discord_rest> rest_;
  std::map<std::string, std::unique_ptr<delivery_queue>> queues_;  // by channel id, or "webhook"
  delivery_queue* trades_ = nullptr;   // trades opened and closed
  delivery_queue* alerts_ = nullptr;   // alerts and resolutions
  delivery_queue* summary_ = nullptr;  // daily summaries and other messages
  std::unique_ptr<command_handler> commands_;
  std::unique_ptr<gateway_client> gateway_;
  std::atomic<bool> registered_{false};
};

}  // namespace tb::discord

TB_PLUGIN_NOTIFIER(tb::discord::discord_notifier, tb::discord::plugin_id,
                   tb::discord::plugin_version,
                   "Discord: trades, alerts and daily summaries as embeds; slash commands");
