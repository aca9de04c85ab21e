#include "server/server_options.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

namespace tb::fake_discord {

std::string usage() {
  return R"(fake-discord: a local fake of the Discord API v10 (REST + Gateway) on 127.0.0.1

Usage: fake-discord [flags]
  --port N                       TCP port; 0 picks a free one (default 0). The first stdout
                                 line is "listening 127.0.0.1:PORT".
  --threads N                    io threads (default 2)
  --token T                      the one accepted bot token (default fake-bot-token)
  --application-id ID            application (and bot user) id (default 1300000000000000001)
  --channel ID                   an extra known channel (repeatable; 100000000000000001 and
                                 100000000000000002 always exist)
  --webhook ID:TOKEN:CHANNEL     a webhook (repeatable; replaces the default
                                 200000000000000001:fake-webhook-token:100000000000000001)
  --guild ID                     a guild listed in READY (repeatable; replaces the default
                                 300000000000000001)
  --interaction-window-ms MS     initial interaction response deadline (default 3000)
  --followup-window-ms MS        interaction token lifetime (default 900000)
  --global-limit N               requests per second per token (default 50)
  --message-limit N              channel message creates per window per channel (default 5)
  --message-window-ms MS         (default 5000)
  --webhook-limit N              webhook executes per window per webhook (default 5)
  --webhook-window-ms MS         (default 2000)
  --route-limit N                any other route, per window per top-level id (default 50)
  --route-window-ms MS           (default 1000)
  --heartbeat-ms MS              gateway heartbeat_interval (default 41250)
  --heartbeat-slack X            close when no heartbeat within interval x X (default 1.5)
  --heartbeat-timeout-code N     close code used then (default 4000, resumable)
  --resume-window-ms MS          how long a disconnected session stays resumable (default 60000)
  --session-start-total N        session_start_limit.total (default 1000)
  --max-concurrency N            identifies allowed per 5 s (default 1)
  --enabled-privileged-intents B privileged intent bits the app may use (default 0)
  --gateway-send-limit N         client payloads per window before close 4008 (default 120)
  --gateway-send-window-ms MS    (default 60000)
  --help                         this text
)";
}

namespace {

std::int64_t to_i64(const std::string& v) {
  std::size_t used = 0;
  const auto n = std::stoll(v, &used);
  if (used != v.size()) throw std::invalid_argument("trailing characters");
  return n;
}

std::int64_t to_positive(const std::string& v) {
  const auto n = to_i64(v);
  if (n <= 0) throw std::invalid_argument("must be positive");
  return n;
}

std::string to_snowflake(const std::string& v) {
  if (v.empty() || v.size() > 20 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw std::invalid_argument("not a snowflake");
  return v;
}

webhook_config to_webhook(const std::string& v) {
  const auto a = v.find(':');
  const auto b = a == std::string::npos ? a : v.find(':', a + 1);
  if (b == std::string::npos) throw std::invalid_argument("expected ID:TOKEN:CHANNEL");
  webhook_config w{to_snowflake(v.substr(0, a)), v.substr(a + 1, b - a - 1), to_snowflake(v.substr(b + 1))};
  if (w.token.empty()) throw std::invalid_argument("empty token");
  return w;
}

}  // namespace

parse_result parse_options(const std::vector<std::string>& args) {
  server_options o;
  bool custom_webhooks = false;
  bool custom_guilds = false;
  using setter = std::function<void(const std::string&)>;
  const auto i64 = [](std::int64_t& f) { return setter([&f](const std::string& v) { f = to_i64(v); }); };
  const auto pos = [](std::int64_t& f) { return setter([&f](const std::string& v) { f = to_positive(v); }); };
  const std::map<std::string, setter> flags{
      {"--port",
       [&o](const std::string& v) {
         const auto n = to_i64(v);
         if (n < 0 || n > 65535) throw std::invalid_argument("out of range");
         o.port = static_cast<std::uint16_t>(n);
       }},
      {"--threads", [&o](const std::string& v) { o.threads = static_cast<int>(std::clamp<std::int64_t>(to_positive(v), 1, 64)); }},
      {"--token",
       [&o](const std::string& v) {
         if (v.empty()) throw std::invalid_argument("empty");
         o.token = v;
       }},
      {"--application-id", [&o](const std::string& v) { o.application_id = to_snowflake(v); }},
      {"--channel", [&o](const std::string& v) { o.channels.push_back(to_snowflake(v)); }},
      {"--webhook",
       [&](const std::string& v) {
         if (!custom_webhooks) o.webhooks.clear();
         custom_webhooks = true;
         o.webhooks.push_back(to_webhook(v));
       }},
      {"--guild",
       [&](const std::string& v) {
         if (!custom_guilds) o.guilds.clear();
         custom_guilds = true;
         o.guilds.push_back(to_snowflake(v));
       }},
      {"--interaction-window-ms", pos(o.interaction_window_ms)},
      {"--followup-window-ms", pos(o.followup_window_ms)},
      {"--global-limit", pos(o.global_limit)},
      {"--message-limit", pos(o.message_limit)},
      {"--message-window-ms", pos(o.message_window_ms)},
      {"--webhook-limit", pos(o.webhook_limit)},
      {"--webhook-window-ms", pos(o.webhook_window_ms)},
      {"--route-limit", pos(o.route_limit)},
      {"--route-window-ms", pos(o.route_window_ms)},
      {"--heartbeat-ms", pos(o.heartbeat_interval_ms)},
      {"--heartbeat-slack",
       [&o](const std::string& v) {
         std::size_t used = 0;
         o.heartbeat_slack = std::stod(v, &used);
         if (used != v.size() || !(o.heartbeat_slack >= 1.0)) throw std::invalid_argument("must be >= 1");
       }},
      {"--heartbeat-timeout-code",
       [&o](const std::string& v) {
         const auto n = to_i64(v);
         if (n < 1000 || n > 4999) throw std::invalid_argument("not a close code");
         o.heartbeat_timeout_close_code = static_cast<int>(n);
       }},
      {"--resume-window-ms", pos(o.resume_window_ms)},
      {"--session-start-total", i64(o.session_start_total)},
      {"--max-concurrency", pos(o.max_concurrency)},
      {"--enabled-privileged-intents",
       [&o](const std::string& v) {
         const auto n = to_i64(v);
         if (n < 0) throw std::invalid_argument("negative");
         o.enabled_privileged_intents = static_cast<std::uint64_t>(n);
       }},
      {"--gateway-send-limit", [&o](const std::string& v) { o.gateway_send_limit = static_cast<int>(to_positive(v)); }},
      {"--gateway-send-window-ms", pos(o.gateway_send_window_ms)},
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string name = args[i];
    std::optional<std::string> value;
    if (name == "--help" || name == "-h") return {std::nullopt, usage(), 0};
    if (const auto eq = name.find('='); eq != std::string::npos && name.rfind("--", 0) == 0) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const auto it = flags.find(name);
    if (it == flags.end()) return {std::nullopt, "fake-discord: unknown flag " + name + " (see --help)\n", 2};
    if (!value) {
      if (i + 1 >= args.size()) return {std::nullopt, "fake-discord: flag " + name + " needs a value\n", 2};
      value = args[++i];
    }
    try {
      it->second(*value);
    } catch (const std::exception& e) {
      return {std::nullopt, "fake-discord: bad value '" + *value + "' for " + name + ": " + e.what() + "\n", 2};
    }
  }
  // A webhook's channel is a channel the fake knows.
  for (const auto& w : o.webhooks)
    if (std::find(o.channels.begin(), o.channels.end(), w.channel_id) == o.channels.end()) o.channels.push_back(w.channel_id);
  return {o, "", 0};
}

}  // namespace tb::fake_discord
