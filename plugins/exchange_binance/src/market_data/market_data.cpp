#include "market_data/market_data.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "http/weights.hpp"
#include "market_data/parsers.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::binance {

std::optional<std::int64_t> interval_ms(const std::string& interval) {
  static constexpr std::int64_t minute = 60'000;
  static const std::array<std::pair<const char*, std::int64_t>, 15> table = {{
      {"1m", minute}, {"3m", 3 * minute}, {"5m", 5 * minute}, {"15m", 15 * minute},
      {"30m", 30 * minute}, {"1h", 60 * minute}, {"2h", 120 * minute}, {"4h", 240 * minute},
      {"6h", 360 * minute}, {"8h", 480 * minute}, {"12h", 720 * minute},
      {"1d", 1440 * minute}, {"3d", 3 * 1440 * minute}, {"1w", 7 * 1440 * minute},
      {"1M", 30 * 1440 * minute},
  }};
  for (const auto& [name, ms] : table) {
    if (interval == name) return ms;
  }
  return std::nullopt;
}

std::optional<sdk::symbol_info> to_symbol_info(const symbol_filters& f) {
  auto fits = [](const std::string& text, std::size_t cap) { return text.size() < cap; };
  if (!fits(f.symbol, TB_SYMBOL_CAP) || !fits(f.base_asset, 16) || !fits(f.quote_asset, 16) ||
      !fits(f.contract_type, 16) || !fits(f.tick_size, TB_DECIMAL_CAP) ||
      !fits(f.step_size, TB_DECIMAL_CAP) || !fits(f.min_qty, TB_DECIMAL_CAP) ||
      !fits(f.max_qty, TB_DECIMAL_CAP) || !fits(f.min_notional, TB_DECIMAL_CAP)) {
    return std::nullopt;
  }
  sdk::symbol_info out;
  out.status = f.status == "TRADING" ? sdk::symbol_status::trading : sdk::symbol_status::halted;
  out.symbol = f.symbol;
  out.base_asset = f.base_asset;
  out.quote_asset = f.quote_asset;
  out.contract_type = f.contract_type;
  out.tick_size = f.tick_size;
  out.step_size = f.step_size;
  out.min_qty = f.min_qty;
  out.max_qty = f.max_qty;
  out.min_notional = f.min_notional;
  out.price_precision = f.price_precision;
  out.quantity_precision = f.quantity_precision;
  return out;
}

market_data::market_data(sdk::host host, rest_client& rest, std::chrono::milliseconds symbols_ttl)
    : host_(host), rest_(rest), ttl_(symbols_ttl) {}

std::shared_ptr<const symbol_table> market_data::symbols(sdk::deadline until, bool refresh) {
  auto fresh = [&]() -> std::shared_ptr<const symbol_table> {
    std::lock_guard lock(mutex_);
    if (table_ && !refresh && host_.wall_ms() - fetched_at_ms_ < ttl_.count()) return table_;
    return nullptr;
  };
  if (auto table = fresh()) return table;
  std::lock_guard fetch_lock(fetch_mutex_);
  if (auto table = fresh()) return table;  // another caller fetched it meanwhile
  rest_call call;
  call.path = "/fapi/v1/exchangeInfo";
  call.weight = weight_exchange_info;
  call.lane = sdk::lane::bulk;
  const std::string body = rest_.call(call, until);
  std::shared_ptr<const symbol_table> table;
  try {
    table = std::make_shared<const symbol_table>(parse_exchange_info(body));
  } catch (const parse_error& e) {
    throw rest_error(TB_E_IO, "GET /fapi/v1/exchangeInfo: " + std::string(e.what()), 0, 200, false);
  }
  std::lock_guard lock(mutex_);
  table_ = table;
  fetched_at_ms_ = host_.wall_ms();
  return table;
}

symbol_filters market_data::filters_of(const std::string& symbol, sdk::deadline until) {
  const auto table = symbols(until);
  for (const symbol_filters& f : *table) {
    if (f.symbol == symbol) return f;
  }
  throw sdk::error(TB_E_NOT_FOUND, "symbol " + symbol + " is not listed in exchangeInfo");
}

std::vector<sdk::symbol_info> market_data::list_symbols(sdk::deadline until) {
  const auto table = symbols(until);
  std::vector<sdk::symbol_info> out;
  out.reserve(table->size());
  std::string skipped;
  for (const symbol_filters& f : *table) {
    if (auto info = to_symbol_info(f)) {
      out.push_back(std::move(*info));
    } else {
      skipped += (skipped.empty() ? "" : ", ") + f.symbol + " (" + f.contract_type + ")";
    }
  }
  if (!skipped.empty()) {
    host_.debug("exchange_binance: list_symbols: left out, a name or filter does not fit the "
                "ABI's buffers: " + skipped);
  }
  return out;
}

std::vector<tb_candle> market_data::fetch_candles(const sdk::candle_request& request,
                                                  sdk::lane lane, sdk::deadline until) {
  if (request.symbol.empty()) throw sdk::error(TB_E_INVALID_ARGUMENT, "the symbol is empty");
  if (!interval_ms(request.interval)) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "interval \"" + request.interval +
                                                "\" is not a Binance futures interval (1m 3m 5m "
                                                "15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)");
  }
  if (request.limit > 1500) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "limit " + std::to_string(request.limit) +
                                                " exceeds Binance's 1500 klines per request");
  }
  if (request.start_ms != 0 && request.end_ms != 0 && request.end_ms < request.start_ms) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "end_ms is before start_ms");
  }
  const std::uint32_t limit = request.limit == 0 ? 500 : request.limit;
  rest_call call;
  call.path = "/fapi/v1/klines";
  call.params.add("symbol", request.symbol).add("interval", request.interval);
  if (request.start_ms != 0) call.params.add("startTime", std::to_string(request.start_ms));
  if (request.end_ms != 0) call.params.add("endTime", std::to_string(request.end_ms));
  call.params.add("limit", std::to_string(limit));
  call.weight = klines_weight(limit);
  call.lane = lane;
  // Sampled before the request: a candle still forming when the server answered is never
  // marked closed because time passed while the answer travelled.
  const std::int64_t server_now = rest_.server_now_ms(until);
  const std::string body = rest_.call(call, until);
  try {
    std::vector<tb_candle> candles = parse_klines(body, server_now);
    if (candles.size() > limit) candles.resize(limit);
    return candles;
  } catch (const parse_error& e) {
    throw rest_error(TB_E_IO, "GET /fapi/v1/klines " + request.symbol + " " + request.interval +
                                  ": " + e.what(), 0, 200, false);
  }
}

}  // namespace tb::binance
