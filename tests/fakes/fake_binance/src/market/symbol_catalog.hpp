#pragma once
// The listed contracts: the large real perpetuals by name, then generated plausible names, then
// a few entries that a client must filter out (dated, non-USDT, not trading).
#include <cstdint>
#include <string>
#include <vector>

namespace tb::fake {

struct symbol_spec {
  std::string symbol;
  std::string base;
  std::string quote = "USDT";
  std::string contract_type = "PERPETUAL";
  std::string status = "TRADING";
  std::string underlying_type = "COIN";
  std::int64_t delivery_date = 4133404800000;
  std::int64_t onboard_date = 1546300800000;
  double base_price = 1.0;   // around where the simulated price path starts
  double daily_vol = 0.03;   // typical daily log-return sigma
  double daily_volume = 0;   // typical base volume per day
  int price_decimals = 2;    // tickSize = 10^-price_decimals (times tick_units)
  std::int64_t tick_units = 1;
  int qty_decimals = 3;      // stepSize = 10^-qty_decimals
  std::int64_t min_price_ticks = 1;
  std::int64_t max_price_ticks = 0;
  std::int64_t lot_max_steps = 0;
  std::int64_t market_max_steps = 0;
  std::int64_t min_notional = 5;  // USDT
  int max_num_orders = 200;
  std::uint64_t seed = 0;    // per-symbol stream of the market seed
};

class symbol_catalog {
 public:
  // `trading_count` TRADING USDT perpetuals, plus the filter-exercising extras.
  symbol_catalog(int trading_count, std::uint64_t seed);

  const std::vector<symbol_spec>& all() const { return specs_; }
  // nullptr when unknown. Exact (upper-case) match, as Binance does for REST.
  const symbol_spec* find(const std::string& symbol) const;

 private:
  std::vector<symbol_spec> specs_;
};

}  // namespace tb::fake
