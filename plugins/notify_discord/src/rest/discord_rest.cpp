#include "rest/discord_rest.hpp"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <utility>

#include "plugin_net/base_url.hpp"
#include "plugin_net/endpoint.hpp"
#include "tradingbot/sdk/version.hpp"

namespace tb::discord {
namespace {

using std::chrono::milliseconds;

long long ms_of(discord_rest::clock::duration d) {
  return static_cast<long long>(std::chrono::ceil<milliseconds>(d).count());
}

bool retryable_status(unsigned status) { return status >= 500 && status <= 599; }

}  // namespace

struct discord_rest::metrics {
  sdk::metric requests, failures, limited_route, limited_global, limited_shared;
};

nlohmann::json rest_reply::json() const {
  if (body.empty()) return nullptr;
  auto value = nlohmann::json::parse(body, nullptr, false);
  return value.is_discarded() ? nlohmann::json(nullptr) : value;
}

discord_error error_of(std::string_view body) {
  discord_error error;
  const auto value = nlohmann::json::parse(body, nullptr, false);
  if (!value.is_object()) return error;
  if (auto it = value.find("code"); it != value.end() && it->is_number_integer()) {
    error.code = it->get<std::int64_t>();
  }
  if (auto it = value.find("message"); it != value.end() && it->is_string()) {
    error.message = it->get<std::string>();
    if (error.message.size() > 200) error.message = error.message.substr(0, 200) + "...";
  }
  return error;
}

std::string redact_route(std::string_view text) {
  constexpr std::string_view marker = "/webhooks/";
  std::string out;
  out.reserve(text.size());
  for (;;) {
    const std::size_t at = text.find(marker);
    if (at == std::string_view::npos) break;
    std::size_t pos = at + marker.size();
    const std::size_t id_end = text.find_first_of("/?# ", pos);
    if (id_end == std::string_view::npos || text[id_end] != '/') {
      out.append(text.substr(0, pos));
      text.remove_prefix(pos);
      continue;
    }
    const std::size_t token_end = std::min(text.find_first_of("/?# \"'", id_end + 1), text.size());
    out.append(text.substr(0, id_end + 1));
    if (token_end > id_end + 1) out += "***";
    text.remove_prefix(token_end);
  }
  out.append(text);
  return out;
}

discord_rest::discord_rest(sdk::host host, rest_options options)
    : host_(host), options_(std::move(options)),
      limits_(rate_limits::options{options_.global_per_second, milliseconds(50),
                                   options_.application_id}),
      metrics_(std::make_unique<metrics>()) {
  if (const std::string_view problem = net::base_url_problem(options_.api_url, {"http", "https"});
      !problem.empty()) {
    throw std::invalid_argument("discord api_url '" + options_.api_url + "': " +
                                std::string(problem) +
                                " (expected e.g. https://discord.com/api/v10)");
  }
  endpoint_ = net::parse_endpoint(options_.api_url);
  http_ = std::make_unique<net::http_client>(
      endpoint_, options_.max_idle_connections,
      "DiscordBot (https://github.com/tradingbot, " TB_SDK_VERSION_STRING ")");
  metrics_->requests = host_.register_metric(sdk::metric_type::counter,
                                             "tb_discord_rest_requests_total",
                                             "HTTP requests sent to the Discord REST API");
  metrics_->failures = host_.register_metric(
      sdk::metric_type::counter, "tb_discord_rest_failures_total",
      "Discord REST requests answered 5xx or lost to a transport error");
  const char* help = "Discord REST 429 answers, by scope";
  metrics_->limited_route = host_.register_metric(sdk::metric_type::counter,
                                                  "tb_discord_rest_rate_limited_total", help,
                                                  {{"scope", "route"}});
  metrics_->limited_global = host_.register_metric(sdk::metric_type::counter,
                                                   "tb_discord_rest_rate_limited_total", help,
                                                   {{"scope", "global"}});
  metrics_->limited_shared = host_.register_metric(sdk::metric_type::counter,
                                                   "tb_discord_rest_rate_limited_total", help,
                                                   {{"scope", "shared"}});
}

discord_rest::~discord_rest() = default;

bool discord_rest::sleep_until(clock::time_point until, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_until(lock, stop, until, [] { return false; });
  return !stop.stop_requested();
}

rest_reply discord_rest::send(const char* method, const std::string& route,
                              const std::string& json_body, auth mode,
                              clock::time_point deadline, std::stop_token stop) {
  const std::string shown = std::string(method) + " " + redact_route(route);
  net::http_request request;
  request.method = method;
  request.target = route;  // the client adds the api_url path (endpoint prefix)
  request.body = json_body;
  request.content_type = "application/json";
  if (mode == auth::bot) request.headers.emplace_back("Authorization", "Bot " + options_.token);

  unsigned attempts = 0;
  unsigned rate_limited = 0;
  unsigned failures = 0;
  const auto stopped = [&] {
    return rest_failure(shown + ": stopped before Discord answered", 0, 0, true, false, {},
                        rate_limited);
  };
  // Waits `delay` for a retry, or throws when the deadline or a stop comes first.
  const auto wait_or_throw = [&](clock::duration delay, const std::string& why, unsigned status,
                                 bool may_have_arrived, std::int64_t code) {
    const clock::time_point until = clock::now() + delay;
    if (until > deadline) {
      throw rest_failure(shown + ": " + why + "; the deadline passes before the retry in " +
                             std::to_string(ms_of(delay)) + " ms",
                         status, code, true, may_have_arrived,
                         std::chrono::ceil<milliseconds>(delay), rate_limited);
    }
    if (!sleep_until(until, stop)) throw stopped();
  };

  for (;;) {
    if (stop.stop_requested()) throw stopped();
    const clock::time_point now = clock::now();
    if (now >= deadline) {
      throw rest_failure(shown + ": the deadline passed before the request was sent", 0, 0, true,
                         false, {}, rate_limited);
    }
    if (const clock::duration wait = limits_.reserve(method, route, now);
        wait > clock::duration::zero()) {
      wait_or_throw(wait, "rate limited (bucket or global gate)", 429, false, 0);
      continue;
    }

    net::http_response response;
    try {
      ++attempts;
      host_.record(metrics_->requests, 1);
      response = http_->send(request, std::min(deadline, now + options_.request_timeout), false);
    } catch (const net::transport_error& e) {
      host_.record(metrics_->failures, 1);
      const std::string what = redact_route(e.what());
      if (e.may_have_arrived()) {
        throw rest_failure(shown + ": " + what + " (the request may have reached Discord)", 0, 0,
                           true, true, {}, rate_limited);
      }
      wait_or_throw(net::backoff_delay(options_.retry, failures++, net::random_draw()), what, 0, false,
                    0);
      continue;
    }

    const rate_limit_info info = parse_rate_limit(response);
    const clock::duration retry =
        limits_.on_response(method, route, clock::now(), response.status, info);
    if (response.status == 429) {
      ++rate_limited;
      const bool shared = info.scope == "shared";
      host_.record(info.global ? metrics_->limited_global
                               : shared ? metrics_->limited_shared : metrics_->limited_route,
                   1);
      host_.warn("discord: " + shown + " answered 429 (" +
                 (info.global ? std::string("global") : info.scope.empty() ? "route" : info.scope) +
                 "), retrying in " + std::to_string(ms_of(retry)) + " ms");
      wait_or_throw(retry, "rate limited (429)", 429, false, error_of(response.body).code);
      continue;
    }
    if (retryable_status(response.status)) {
      host_.record(metrics_->failures, 1);
      const discord_error error = error_of(response.body);
      const std::string why = "HTTP " + std::to_string(response.status) +
                              (error.message.empty() ? "" : " " + error.message);
      host_.warn("discord: " + shown + " answered " + why + ", retrying");
      wait_or_throw(net::backoff_delay(options_.retry, failures++, net::random_draw()), why,
                    response.status, true, error.code);
      continue;
    }
    return rest_reply{response.status, std::move(response.body), attempts, rate_limited};
  }
}

}  // namespace tb::discord
