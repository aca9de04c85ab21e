#include "commands/answers.hpp"

#include <cmath>
#include <cstdio>

#include "format/embeds.hpp"

namespace tb::discord {
namespace {

using json = nlohmann::json;

json body_with(json embed) {
  return {{"allowed_mentions", {{"parse", json::array()}}}, {"embeds", json::array({std::move(embed)})}};
}

json embed(const std::string& title, const std::string& description, std::int32_t colour) {
  json e = {{"title", fit_text(title, embed_limit::title)}, {"color", colour}};
  if (!description.empty()) e["description"] = fit_text(description, embed_limit::description);
  e["fields"] = json::array();
  return e;
}

void add_field(json& e, const std::string& name, const std::string& value, bool inline_field = true) {
  if (e["fields"].size() >= embed_limit::fields || value.empty()) return;
  e["fields"].push_back({{"name", fit_text(name, embed_limit::field_name)},
                         {"value", fit_text(value, embed_limit::field_value)},
                         {"inline", inline_field}});
}

std::string number_text(const json& value, int decimals, bool sign = false) {
  if (!value.is_number()) return value.is_string() ? value.get<std::string>() : "n/a";
  char text[64];
  std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, value.get<double>());
  return text;
}

std::string count_text(const json& value) {
  if (!value.is_number()) return "0";
  return std::to_string(static_cast<long long>(std::llround(value.get<double>())));
}

std::string text_of(const json& object, const char* key, const char* fallback = "") {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return fallback;
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// "3 d 4 h", "2 h 5 min", "40 s".
std::string duration_text(std::int64_t ms) {
  const std::int64_t s = ms < 0 ? 0 : ms / 1000;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 86400) return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
  return std::to_string(s / 86400) + " d " + std::to_string(s % 86400 / 3600) + " h";
}

std::string position_line(const json& p) {
  // Trailing zeros of the fixed format say nothing.
  auto trim = [](std::string s) {
    if (s.find('.') == std::string::npos) return s;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  };
  std::string line = trim(number_text(p.value("quantity", json()), 6)) + " @ " +
         trim(number_text(p.value("entry_price", json()), 6));
  line += "\nstop " + (p.value("stop_price", json()).is_null()
                           ? std::string("NONE")
                           : trim(number_text(p["stop_price"], 6)));
  line += ", target " + (p.value("take_profit", json()).is_null()
                             ? std::string("none")
                             : trim(number_text(p["take_profit"], 6)));
  line += "\nuPnL " + number_text(p.value("unrealized_pnl", json()), 2, true) + " USDT";
  return line;
}

}  // namespace

json status_answer(const json& s) {
  const bool paused = s.value("paused", false);
  json e = embed("TradingBot " + text_of(s, "version", "?") + " (" + text_of(s, "mode", "?") + ")",
                 paused ? "PAUSED: no new entries; stops, targets and monitoring go on."
                        : "Running.",
                 paused ? colour::orange : colour::green);
  if (const auto up = s.find("uptime_ms"); up != s.end() && up->is_number()) {
    add_field(e, "Uptime", duration_text(up->get<std::int64_t>()));
  }
  std::string health = "unknown";
  if (const auto h = s.find("health"); h != s.end() && h->is_object()) {
    health = text_of(*h, "overall", "unknown");
    if (const auto c = h->find("components"); c != h->end() && c->is_array()) {
      for (const auto& part : *c) {
        if (text_of(part, "state") == "healthy") continue;
        health += "\n" + text_of(part, "component") + ": " + text_of(part, "state") + " (" +
                  text_of(part, "detail") + ")";
      }
    }
  }
  add_field(e, "Health", health, false);
  const json scan = s.value("last_scan", json());
  if (scan.is_object()) {
    add_field(e, "Last scan",
              scan.value("ok", false)
                  ? count_text(scan.value("symbols", json())) + " symbols, " +
                        count_text(scan.value("signals_found", json())) + " signals, " +
                        count_text(scan.value("signals_taken", json())) + " taken"
                  : "FAILED: " + text_of(scan, "problem"),
              false);
  } else {
    add_field(e, "Last scan", "none yet", false);
  }
  add_field(e, "Equity", s.value("equity", json()).is_number()
                             ? number_text(s["equity"], 2) + " USDT"
                             : std::string("not read yet"));
  add_field(e, "Today", s.value("today_pnl", json()).is_number()
                            ? number_text(s["today_pnl"], 2, true) + " USDT"
                            : std::string("n/a"));
  if (s.value("drawdown_percent", json()).is_number()) {
    add_field(e, "Drawdown", number_text(s["drawdown_percent"], 2) + " %");
  }
  const json positions = s.value("positions", json::array());
  add_field(e, "Open positions", std::to_string(positions.is_array() ? positions.size() : 0));
  const json alerts = s.value("alerts", json::array());
  if (alerts.is_array() && !alerts.empty()) {
    std::string list;
    for (const auto& a : alerts) list += "• " + text_of(a, "title", text_of(a, "key").c_str()) + "\n";
    add_field(e, "Active alerts (" + std::to_string(alerts.size()) + ")", list, false);
  } else {
    add_field(e, "Active alerts", "none");
  }
  return body_with(std::move(e));
}

json stats_answer(const json& s) {
  json e = embed("Statistics", "", colour::blue);
  const json scans = s.value("scans", json::object());
  add_field(e, "Scans", count_text(scans.value("count", json())) + " run, " +
                            count_text(scans.value("failures", json())) + " failed, " +
                            count_text(scans.value("missed", json())) + " missed");
  const json data = s.value("data", json::object());
  add_field(e, "Market data", count_text(data.value("requests", json())) + " requests (" +
                                  count_text(data.value("requests_failed", json())) +
                                  " failed), " + count_text(data.value("cache_hits", json())) +
                                  " cache hits, " + count_text(data.value("gaps", json())) + " gaps");
  const json exec = s.value("execution", json::object());
  add_field(e, "Signals", count_text(exec.value("signals_found", json())) + " found, " +
                              count_text(exec.value("signals_taken", json())) + " taken");
  add_field(e, "Open positions", count_text(exec.value("open_positions", json())));
  const json errors = s.value("errors", json::object());
  add_field(e, "Errors", number_text(errors.value("per_minute", json(0)), 2) + " a minute");
  std::string open_breakers;
  const json breakers = s.value("breakers", json::object());
  for (const auto& [name, state] : breakers.items()) {
    if (state != "closed") {
      open_breakers += name + " " + (state.is_string() ? state.get<std::string>() : state.dump()) + "\n";
    }
  }
  add_field(e, "Circuit breakers", open_breakers.empty() ? "all closed" : open_breakers, false);
  std::string strategies;
  const json strategy_stats = s.value("strategies", json::object());
  for (const auto& [name, st] : strategy_stats.items()) {
    strategies += name + ": " + count_text(st.value("signals", json())) + " signals, " +
                  count_text(st.value("errors", json())) + " errors\n";
  }
  add_field(e, "Strategies", strategies.empty() ? "none" : strategies, false);
  const json active = s.value("alerts", json::object()).value("active", json::array());
  add_field(e, "Active alerts", std::to_string(active.is_array() ? active.size() : 0));
  return body_with(std::move(e));
}

json positions_answer(const json& report) {
  const json list = report.value("positions", json::array());
  const std::size_t n = list.is_array() ? list.size() : 0;
  json e = embed("Open positions (" + std::to_string(n) + ")", n == 0 ? "No open position." : "",
                 colour::blue);
  if (n > 0) {
    for (const auto& p : list) {
      add_field(e, text_of(p, "symbol", "?") + " " + text_of(p, "side", "?"), position_line(p), false);
    }
  }
  return body_with(std::move(e));
}

json paused_answer(bool paused) {
  return body_with(paused
                       ? embed("Paused", "No new entries until /resume. Stops, targets and "
                                         "position monitoring go on.", colour::orange)
                       : embed("Resumed", "New entries are allowed again.", colour::green));
}

json refusal_answer(const std::string& command) {
  return body_with(embed("Not allowed",
                         "Sorry, you are not allowed to use /" + command +
                             ". Ask the bot's owner to add your user id or role to "
                             "allowed_user_ids or allowed_role_ids.",
                         colour::red));
}

json failure_answer(const std::string& command, const std::string& why) {
  return body_with(embed("/" + command + " failed", why, colour::red));
}

}  // namespace tb::discord
