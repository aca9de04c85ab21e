#include "market/symbol_catalog.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>

#include "util/rng.hpp"

namespace tb::fake {
namespace {

struct real_listing {
  std::string_view base;
  double price;
  double vol;
};

// Approximate late-2026 levels; only the order of magnitude matters for the filters.
constexpr std::array<real_listing, 40> real_listings{{
    {"BTC", 90000, 0.025}, {"ETH", 3000, 0.032},  {"BNB", 900, 0.025},   {"SOL", 140, 0.042},
    {"XRP", 2.2, 0.04},    {"DOGE", 0.16, 0.05},  {"ADA", 0.45, 0.045},  {"TRX", 0.28, 0.025},
    {"AVAX", 14, 0.05},    {"LINK", 13, 0.045},   {"DOT", 2.6, 0.05},    {"LTC", 85, 0.04},
    {"BCH", 520, 0.04},    {"NEAR", 2.1, 0.055},  {"UNI", 6.5, 0.05},    {"APT", 2.9, 0.055},
    {"ATOM", 2.8, 0.05},   {"ETC", 13, 0.045},    {"FIL", 1.6, 0.055},   {"ARB", 0.22, 0.055},
    {"OP", 0.35, 0.055},   {"SUI", 1.7, 0.06},    {"INJ", 6.1, 0.06},    {"AAVE", 170, 0.05},
    {"HBAR", 0.14, 0.05},  {"XLM", 0.25, 0.045},  {"TIA", 0.8, 0.065},   {"SEI", 0.15, 0.065},
    {"WLD", 0.6, 0.07},    {"ENA", 0.27, 0.07},   {"TON", 1.6, 0.045},   {"ALGO", 0.14, 0.05},
    {"ICP", 3.9, 0.055},   {"VET", 0.015, 0.05},  {"MKR", 1500, 0.05},   {"RUNE", 0.7, 0.06},
    {"LDO", 0.6, 0.06},    {"CRV", 0.4, 0.065},   {"GALA", 0.009, 0.065},{"PENDLE", 2.5, 0.065},
}};

constexpr std::array<std::string_view, 24> syllables{
    "KA", "ZO", "RI", "VE", "LU", "MO", "NA", "TE", "XI", "BRA", "QU", "DEL",
    "FY", "GO", "HEX", "JU", "PO", "SY", "WA", "ON", "TRI", "ZEN", "OR", "AX"};

int floor_log10(double v) { return static_cast<int>(std::floor(std::log10(v))); }

void derive_filters(symbol_spec& s) {
  const int mag = floor_log10(s.base_price);
  s.price_decimals = std::clamp((mag >= 3 ? 5 : 4) - mag, 0, 8);
  s.tick_units = 1;
  s.qty_decimals = std::clamp(mag - 1, 0, 3);
  const double tick = std::pow(10.0, -s.price_decimals);
  const double step = std::pow(10.0, -s.qty_decimals);
  s.min_price_ticks = std::max<std::int64_t>(1, std::llround(s.base_price / 160.0 / tick));
  s.max_price_ticks = std::llround(s.base_price * 50.0 / tick);
  s.lot_max_steps = std::max<std::int64_t>(1000, std::llround(1e8 / s.base_price / step));
  s.market_max_steps = std::max<std::int64_t>(100, s.lot_max_steps / 8);
  s.daily_volume = 2e9 / s.base_price / (1.0 + static_cast<double>(s.min_notional));
}

std::string generated_base(std::uint64_t index, const std::set<std::string>& taken) {
  for (std::uint64_t attempt = 0;; ++attempt) {
    const std::uint64_t h = mix(index, attempt);
    std::string name{syllables[h % syllables.size()]};
    name += syllables[(h >> 8U) % syllables.size()];
    if (((h >> 16U) & 3U) == 0) name += static_cast<char>('0' + (index % 10));
    if (!taken.contains(name)) return name;
  }
}

symbol_spec extra(std::string symbol, std::string base, std::string quote, std::string contract,
                  std::string status, double price) {
  symbol_spec s;
  s.symbol = std::move(symbol);
  s.base = std::move(base);
  s.quote = std::move(quote);
  s.contract_type = std::move(contract);
  s.status = std::move(status);
  s.base_price = price;
  if (s.contract_type == "CURRENT_QUARTER") s.delivery_date = 1806048000000;
  derive_filters(s);
  return s;
}

}  // namespace

symbol_catalog::symbol_catalog(int trading_count, std::uint64_t seed) {
  // The extras' bases are reserved so generated names never collide with them.
  std::set<std::string> taken{"LUNA", "NEWCOIN", "OLDCOIN", "XAU"};
  for (int i = 0; i < trading_count; ++i) {
    symbol_spec s;
    if (static_cast<std::size_t>(i) < real_listings.size()) {
      const auto& r = real_listings[static_cast<std::size_t>(i)];
      s.base = r.base;
      s.base_price = r.price;
      s.daily_vol = r.vol;
    } else {
      s.base = generated_base(static_cast<std::uint64_t>(i), taken);
      const std::uint64_t h = mix(hash_name(s.base), 17);
      s.base_price = std::pow(10.0, -3.0 + 5.0 * unit(h));
      s.daily_vol = 0.04 + 0.05 * unit(splitmix64(h));
      s.onboard_date = 1546300800000 + static_cast<std::int64_t>(h % 400) * 86'400'000;
    }
    taken.insert(s.base);
    s.symbol = s.base + "USDT";
    s.min_notional = s.base == "BTC" ? 50 : (s.base == "ETH" ? 20 : 5);
    derive_filters(s);
    specs_.push_back(std::move(s));
  }
  specs_.push_back(extra("BTCUSDT_270326", "BTC", "USDT", "CURRENT_QUARTER", "TRADING", 91000));
  specs_.push_back(extra("ETHUSDT_270326", "ETH", "USDT", "CURRENT_QUARTER", "TRADING", 3050));
  specs_.push_back(extra("BTCUSDC", "BTC", "USDC", "PERPETUAL", "TRADING", 90000));
  specs_.push_back(extra("LUNAUSDT", "LUNA", "USDT", "PERPETUAL", "SETTLING", 0.2));
  specs_.push_back(extra("NEWCOINUSDT", "NEWCOIN", "USDT", "PERPETUAL", "PENDING_TRADING", 1.0));
  specs_.push_back(extra("OLDCOINUSDT", "OLDCOIN", "USDT", "PERPETUAL", "CLOSE", 0.05));
  auto gold = extra("XAUUSDT", "XAU", "USDT", "TRADIFI_PERPETUAL", "TRADING", 2600);
  gold.underlying_type = "COMMODITY";
  specs_.push_back(std::move(gold));
  for (auto& s : specs_) s.seed = mix(seed, hash_name(s.symbol));
}

const symbol_spec* symbol_catalog::find(const std::string& symbol) const {
  for (const auto& s : specs_)
    if (s.symbol == symbol) return &s;
  return nullptr;
}

}  // namespace tb::fake
