#include "app/bot_admin_backend.hpp"

#include <chrono>
#include <stdexcept>

#include "app/open_positions.hpp"
#include "store/journal_types.hpp"

namespace tb::host {
namespace {

// A reload waits for the scan in flight; the API answers with what the loop reported.
constexpr std::chrono::seconds reload_wait{120};

nlohmann::json position_json(const position_view& p) {
  nlohmann::json out = {{"symbol", p.symbol},          {"side", p.side},
                        {"quantity", p.quantity},      {"entry_price", p.entry_price},
                        {"opened_ms", p.opened_ms},    {"stop_price", nullptr},
                        {"take_profit", nullptr}};
  if (p.stop_price) out["stop_price"] = *p.stop_price;
  if (p.take_profit) out["take_profit"] = *p.take_profit;
  return out;
}

nlohmann::json trade_json(const trade_record& t) {
  nlohmann::json out = {{"id", t.id},
                        {"symbol", t.symbol},
                        {"side", name_of(t.side)},
                        {"quantity", t.quantity},
                        {"entry_price", t.entry_price},
                        {"exit_price", t.exit_price ? nlohmann::json(*t.exit_price) : nlohmann::json()},
                        {"realized_pnl", t.realized_pnl},
                        {"fees", t.fees},
                        {"opened_ms", t.opened_ms},
                        {"closed_ms", t.closed_ms ? nlohmann::json(*t.closed_ms) : nlohmann::json()},
                        {"exit_reason", t.reason ? nlohmann::json(name_of(*t.reason)) : nlohmann::json()},
                        {"mode", name_of(t.mode)}};
  return out;
}

}  // namespace

bot_admin_backend::bot_admin_backend(service_control& control, core_services& services,
                                     monitoring_service& monitoring, trade_journal& journal,
                                     trade_mode mode)
    : control_(control), services_(services), monitoring_(monitoring), journal_(journal), mode_(mode) {}

bool bot_admin_backend::ready(std::string& why) { return control_.ready(why); }

std::string bot_admin_backend::metrics_text() {
  services_.limiter().update_gauges();  // token gauges move only on grants
  return services_.metrics().to_prometheus();
}

nlohmann::json bot_admin_backend::status() {
  nlohmann::json out = monitoring_.status();
  out["paused"] = control_.paused();
  return out;
}

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
    if (it->mode == mode_) list.push_back(trade_json(*it));
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
