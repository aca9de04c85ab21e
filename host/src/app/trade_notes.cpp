#include "app/trade_notes.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "services/monitoring_alerts.hpp"
#include "services/utc_time.hpp"
#include "store/decimal_text.hpp"
#include "store/journal_types.hpp"

namespace tb::host {
namespace {

std::string side_text(position_side side) { return std::string(name_of(side)); }

std::string exit_text(const std::optional<exit_reason>& reason) {
  if (!reason) return "closed";
  switch (*reason) {
    case exit_reason::stop_loss: return "stop-loss";
    case exit_reason::take_profit: return "take-profit";
    case exit_reason::manual: return "closed manually";
    case exit_reason::time_exit: return "time exit";
    case exit_reason::reconciled: return "closed on the exchange";
  }
  return "closed";
}

// realized - fees, exact; the realized figure itself when a text is not decimal.
std::string net_of(const std::string& realized, const std::string& fees) {
  try {
    decimal_sum net;
    net.add(realized);
    net.subtract(fees);
    return net.str();
  } catch (const std::invalid_argument&) {
    return realized;
  }
}

std::string signed_usdt(const std::string& amount) {
  const bool negative = !amount.empty() && amount.front() == '-';
  return (negative ? "" : "+") + amount + " USDT";
}

}  // namespace

tb_notification owned_note::view() const noexcept {
  tb_notification note{};
  note.struct_size = sizeof(note);
  note.kind = kind;
  note.severity = severity;
  note.time_ms = time_ms;
  note.key = key.c_str();
  note.title = title.c_str();
  note.body = body.empty() ? nullptr : body.c_str();
  note.fields_json = fields_json.empty() ? nullptr : fields_json.c_str();
  return note;
}

owned_note trade_opened_note(const trade_record& trade, const intent_record& intent) {
  owned_note note;
  note.kind = TB_NOTE_TRADE_OPENED;
  note.time_ms = trade.opened_ms;
  note.key = "trade-" + std::to_string(trade.id) + "-opened";
  note.title = trade.symbol + " " + side_text(trade.side) + " opened";
  note.body = intent.reason;
  nlohmann::ordered_json fields;
  fields["Symbol"] = trade.symbol;
  fields["Side"] = side_text(trade.side);
  fields["Entry"] = trade.entry_price;
  fields["Stop"] = intent.stop_price;
  fields["Target"] = intent.take_profit.value_or("none");
  fields["Size"] = trade.quantity;
  // What the stop costs if it fills at its price (fees and slippage aside).
  const double risk = std::fabs(std::strtod(trade.entry_price.c_str(), nullptr) -
                                std::strtod(intent.stop_price.c_str(), nullptr)) *
                      std::strtod(trade.quantity.c_str(), nullptr);
  if (std::isfinite(risk) && risk > 0) fields["Risk"] = fmt::format("{:.2f} USDT", risk);
  if (!intent.strategy.empty()) fields["Strategy"] = intent.strategy;
  fields["Mode"] = std::string(name_of(trade.mode));
  fields["Trade"] = "#" + std::to_string(trade.id);
  note.fields_json = fields.dump();
  return note;
}

owned_note trade_closed_note(const trade_record& trade, const intent_record& intent) {
  owned_note note;
  note.kind = TB_NOTE_TRADE_CLOSED;
  note.time_ms = trade.closed_ms.value_or(trade.opened_ms);
  note.key = "trade-" + std::to_string(trade.id) + "-closed";
  const std::string how = exit_text(trade.reason);
  note.title = trade.symbol + " " + side_text(trade.side) + " closed: " + how;
  const std::string net = net_of(trade.realized_pnl, trade.fees);
  const bool loss = !net.empty() && net.front() == '-';
  note.severity = loss ? TB_SEVERITY_WARNING : TB_SEVERITY_INFO;
  note.body = (loss ? "Loss of " : "Profit of ") + signed_usdt(net) + " after fees (" + how + ")";
  nlohmann::ordered_json fields;
  fields["Symbol"] = trade.symbol;
  fields["Side"] = side_text(trade.side);
  fields["Entry"] = trade.entry_price;
  fields["Exit"] = trade.exit_price.value_or("unknown");
  fields["Size"] = trade.quantity;
  fields["Net PnL"] = signed_usdt(net);
  fields["Realized PnL"] = signed_usdt(trade.realized_pnl);
  fields["Fees"] = trade.fees + " USDT";
  fields["Reason"] = how;
  if (trade.closed_ms) fields["Held"] = duration_text(*trade.closed_ms - trade.opened_ms);
  if (!intent.strategy.empty()) fields["Strategy"] = intent.strategy;
  fields["Mode"] = std::string(name_of(trade.mode));
  fields["Trade"] = "#" + std::to_string(trade.id);
  note.fields_json = fields.dump();
  return note;
}

owned_note daily_summary_note(const day_figures& day) {
  owned_note note;
  note.kind = TB_NOTE_DAILY_SUMMARY;
  note.time_ms = day.day_start_ms + day_ms - 1;
  const std::string date = utc_text(day.day_start_ms).substr(0, 10);
  note.key = "daily-summary-" + date;
  note.title = "Daily summary " + date + " (UTC)";
  std::size_t wins = 0;
  for (const auto& t : day.closed) {
    const std::string net = net_of(t.realized_pnl, t.fees);
    if (net.empty() || net.front() != '-') ++wins;
  }
  const std::size_t losses = day.closed.size() - wins;
  note.body = day.closed.empty()
                  ? "No trade closed."
                  : std::to_string(day.closed.size()) + " trade" +
                        (day.closed.size() == 1 ? "" : "s") + " closed: " + std::to_string(wins) +
                        " won, " + std::to_string(losses) + " lost; net " +
                        signed_usdt(day.net_pnl) + " after fees.";
  nlohmann::ordered_json fields;
  fields["Trades closed"] = std::to_string(day.closed.size());
  fields["Won / lost"] = std::to_string(wins) + " / " + std::to_string(losses);
  if (!day.closed.empty()) {
    fields["Win rate"] = fmt::format(
        "{:.1f} %", 100.0 * static_cast<double>(wins) / static_cast<double>(day.closed.size()));
  }
  fields["Net PnL"] = signed_usdt(day.net_pnl);
  fields["Realized PnL"] = signed_usdt(day.realized_pnl);
  fields["Fees"] = day.fees + " USDT";
  fields["Open positions"] = std::to_string(day.open_positions);
  if (day.equity > 0) fields["Equity"] = fmt::format("{:.2f} USDT", day.equity);
  note.fields_json = fields.dump();
  return note;
}

}  // namespace tb::host
