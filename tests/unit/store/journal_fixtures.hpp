#pragma once
// Records and files shared by the trade journal tests.

#include <filesystem>
#include <memory>
#include <string>

#include "store/trade_journal.hpp"
#include "temp_dir.hpp"

namespace tb::host::journal_test {

inline intent_record sample_intent(const std::string& client_id = "tb-BTCUSDT-1") {
  intent_record i;
  i.client_id = client_id;
  i.symbol = "BTCUSDT";
  i.side = position_side::long_side;
  i.quantity = "0.010";
  i.entry_price = "27150.10";
  i.stop_price = "26900.00";
  i.take_profit = "27650.30";
  i.strategy = "strategy_ictsmc";
  i.reason = "bullish order block retest";
  i.created_ms = 1'700'000'000'000;
  i.updated_ms = i.created_ms;
  i.mode = trade_mode::live;
  return i;
}

inline order_record sample_order(std::int64_t intent_id, const std::string& client_id) {
  order_record o;
  o.intent_id = intent_id;
  o.client_id = client_id;
  o.role = order_role::entry;
  o.type = "LIMIT";
  o.side = order_side::buy;
  o.quantity = "0.010";
  o.price = "27150.10";
  o.created_ms = 1'700'000'000'100;
  o.updated_ms = o.created_ms;
  return o;
}

inline fill_record sample_fill(const std::string& order_client_id, const std::string& trade_id) {
  fill_record f;
  f.order_client_id = order_client_id;
  f.trade_id = trade_id;
  f.quantity = "0.004";
  f.price = "27150.10";
  f.commission = "0.04344016";
  f.commission_asset = "USDT";
  f.realized_pnl = "0";
  f.time_ms = 1'700'000'000'200;
  return f;
}

inline trade_record sample_trade(std::optional<std::int64_t> intent_id = std::nullopt) {
  trade_record t;
  t.intent_id = intent_id;
  t.symbol = "ETHUSDT";
  t.side = position_side::short_side;
  t.quantity = "1.500";
  t.entry_price = "2010.55";
  t.fees = "1.20644";
  t.opened_ms = 1'700'000'001'000;
  t.mode = trade_mode::paper;
  return t;
}

inline trade_close sample_close(exit_reason reason = exit_reason::take_profit) {
  trade_close c;
  c.exit_price = "1950.05";
  c.realized_pnl = "90.75";
  c.fees = "2.37665";
  c.closed_ms = 1'700'000'900'000;
  c.reason = reason;
  return c;
}

// A temporary state directory with the journal's two paths in it.
struct state_dir {
  test::temp_dir dir;
  std::string db = (dir.path() / "journal.db").string();
  std::string json = (dir.path() / "trades.json").string();

  std::unique_ptr<trade_journal> open() const { return trade_journal::open(db, json); }
};

}  // namespace tb::host::journal_test
