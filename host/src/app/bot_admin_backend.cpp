#include "app/bot_admin_backend.hpp"

#include <chrono>
#include <stdexcept>

#include "app/open_positions.hpp"
#include "store/trades_json.hpp"

namespace tb::host {
namespace {

// A reload waits for the scan in flight; the API answers with what the loop reported.
constexpr std::chrono::seconds reload_wait{120};

}  // namespace

bot_admin_backend::bot_admin_backend(service_control& control, core_services& services,
                                     monitoring_service& monitoring, trade_journal& journal,
                                     trade_mode mode)
    : control_(control), services_(services), monitoring_(monitoring), journal_(journal), mode_(mode) {}

bool bot_admin_backend::ready(std::string& why) { return control_.ready(why); }

std::string bot_admin_backend::metrics_text() { return services_.prometheus_metrics(); }

nlohmann::json bot_admin_backend::status() { return monitoring_.status(); }

nlohmann::json bot_admin_backend::stats() { return monitoring_.stats(); }

nlohmann::json bot_admin_backend::positions() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : open_positions(journal_, mode_)) list.push_back(position_json(p));
  return {{"positions", std::move(list)}};
}

nlohmann::json bot_admin_backend::trades(std::size_t limit, std::optional<std::int64_t> since_ms) {
  auto closed = journal_.closed_trades(since_ms.value_or(0));  // oldest close first
  nlohmann::json list = nlohmann::json::array();
  for (auto it = closed.rbegin(); it != closed.rend() && list.size() < limit; ++it) {
    if (it->mode == mode_) list.push_back(nlohmann::json(trade_json(*it)));
  }
  return {{"trades", std::move(list)}};
}

nlohmann::json bot_admin_backend::signals() { return {{"scans", control_.recent_signals()}}; }

nlohmann::json bot_admin_backend::pause() {
  control_.set_paused(true);
  monitoring_.set_paused(true);
  return {{"paused", true}, {"note", "no new entries; protective orders and monitoring go on"}};
}

nlohmann::json bot_admin_backend::resume() {
  control_.set_paused(false);
  monitoring_.set_paused(false);
  return {{"paused", false}};
}

nlohmann::json bot_admin_backend::reload() {
  auto report = control_.request_reload("api");
  if (report.wait_for(reload_wait) != std::future_status::ready) {
    throw std::runtime_error("the reload is queued but the bot has not reached it within " +
                             std::to_string(reload_wait.count()) +
                             " s (a scan is still running); it will happen after that scan");
  }
  return report.get();
}

}  // namespace tb::host
