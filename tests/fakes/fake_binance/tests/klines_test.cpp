#include <string>

#include <gtest/gtest.h>

#include "market/interval.hpp"
#include "market/market.hpp"
#include "market/market_json.hpp"
#include "server_fixture.hpp"

namespace tb::fake::test {
namespace {

using nlohmann::json;

double num(const json& v) { return std::stod(v.get<std::string>()); }

// A fixed simulated clock keeps these tests independent of when they run.
server_options fixed_clock(std::uint64_t seed = 1) {
  auto o = small_options();
  o.seed = seed;
  o.start_time_ms = 1'780'000'000'000;  // 2026-05-28
  return o;
}

TEST(klines, default_limit_is_500_and_the_last_bar_is_open) {
  running_server server(fixed_clock());
  auto client = server.client();
  const auto r = client.get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("x-mbx-used-weight-1m"), "5");
  const auto bars = r.json();
  ASSERT_EQ(bars.size(), 500U);
  const auto now = client.get("/fapi/v1/time").json().at("serverTime").get<std::int64_t>();
  const auto& last = bars.back();
  ASSERT_EQ(last.size(), 12U);
  EXPECT_LE(last[0].get<std::int64_t>(), now);
  EXPECT_GE(last[6].get<std::int64_t>(), now - 1000);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    EXPECT_EQ(b[0].get<std::int64_t>() % 60'000, 0);
    EXPECT_EQ(b[6].get<std::int64_t>(), b[0].get<std::int64_t>() + 59'999);
    EXPECT_TRUE(b[1].is_string() && b[5].is_string() && b[7].is_string() && b[8].is_number_integer());
    EXPECT_EQ(b[11], "0");
    EXPECT_LE(num(b[3]), std::min(num(b[1]), num(b[4])));
    EXPECT_GE(num(b[2]), std::max(num(b[1]), num(b[4])));
    if (i > 0) {
      EXPECT_EQ(b[0].get<std::int64_t>(), bars[i - 1][0].get<std::int64_t>() + 60'000);
    }
  }
}

TEST(klines, limits_weights_and_errors) {
  running_server server(fixed_clock());
  auto client = server.client();
  auto r = client.get("/fapi/v1/klines?symbol=ETHUSDT&interval=1d&limit=1500");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json().size(), 1500U);
  const struct {
    const char* query;
    int code;
  } errors[] = {
      {"symbol=ETHUSDT&interval=1m&limit=1501", -1130}, {"symbol=ETHUSDT&interval=1m&limit=0", -1130},
      {"symbol=NOPEUSDT&interval=1m", -1121},           {"symbol=ETHUSDT&interval=1s", -1120},
      {"symbol=ETHUSDT&interval=7m", -1120},            {"interval=1m", -1102},
      {"symbol=ETHUSDT", -1102},
  };
  for (const auto& e : errors) {
    r = client.get(std::string("/fapi/v1/klines?") + e.query);
    EXPECT_EQ(r.status, 400) << e.query;
    EXPECT_EQ(r.json().at("code"), e.code) << e.query << " " << r.body;
  }
  const auto used = [&](const char* q) {
    const auto before = std::stoi(client.get("/fapi/v1/ping").header("x-mbx-used-weight-1m"));
    const auto after = std::stoi(client.get(std::string("/fapi/v1/klines?symbol=ETHUSDT&interval=1m&") + q).header("x-mbx-used-weight-1m"));
    return after - before;
  };
  EXPECT_EQ(used("limit=99"), 1);
  EXPECT_EQ(used("limit=100"), 2);
  EXPECT_EQ(used("limit=500"), 5);
  EXPECT_EQ(used("limit=1000"), 5);
  EXPECT_EQ(used("limit=1001"), 10);
}

TEST(klines, start_and_end_time_select_by_open_time) {
  running_server server(fixed_clock());
  auto client = server.client();
  const std::int64_t start = 1'779'000'030'000;  // not on a minute boundary
  auto bars = client.get("/fapi/v1/klines?symbol=SOLUSDT&interval=1m&limit=10&startTime=" + std::to_string(start)).json();
  ASSERT_EQ(bars.size(), 10U);
  EXPECT_EQ(bars[0][0].get<std::int64_t>(), (start / 60'000 + 1) * 60'000);
  const std::int64_t end = bars[5][0].get<std::int64_t>();
  bars = client.get("/fapi/v1/klines?symbol=SOLUSDT&interval=1m&limit=3&endTime=" + std::to_string(end)).json();
  ASSERT_EQ(bars.size(), 3U);
  EXPECT_EQ(bars[2][0].get<std::int64_t>(), end);
  bars = client.get("/fapi/v1/klines?symbol=SOLUSDT&interval=1m&startTime=" + std::to_string(start) +
                    "&endTime=" + std::to_string(end)).json();
  EXPECT_EQ(bars.size(), 6U);
  const auto r = client.get("/fapi/v1/klines?symbol=SOLUSDT&interval=1m&startTime=2&endTime=1");
  EXPECT_EQ(r.status, 400);
}

// A longer bar is exactly its shorter bars: open of the first, close of the last, the extremes
// and the summed volume.
void expect_aggregates(http_client& client, const std::string& symbol, const std::string& coarse,
                       const std::string& fine, int parts, std::int64_t open) {
  const auto big = client.get("/fapi/v1/klines?symbol=" + symbol + "&interval=" + coarse + "&limit=1&startTime=" + std::to_string(open)).json();
  const auto small = client.get("/fapi/v1/klines?symbol=" + symbol + "&interval=" + fine + "&limit=" + std::to_string(parts) +
                                "&startTime=" + std::to_string(open)).json();
  ASSERT_EQ(big.size(), 1U);
  ASSERT_EQ(small.size(), static_cast<std::size_t>(parts));
  const auto& b = big[0];
  EXPECT_EQ(b[0].get<std::int64_t>(), open);
  EXPECT_EQ(b[1], small.front()[1]);
  EXPECT_EQ(b[4], small.back()[4]);
  double high = 0;
  double low = 1e300;
  long long volume_units = 0;
  long long trades = 0;
  const auto units = [](const std::string& s) {
    std::string digits;
    for (char c : s) if (c != '.') digits.push_back(c);
    return std::stoll(digits);
  };
  for (const auto& s : small) {
    high = std::max(high, num(s[2]));
    low = std::min(low, num(s[3]));
    volume_units += units(s[5].get<std::string>());
    trades += s[8].get<long long>();
  }
  EXPECT_EQ(num(b[2]), high);
  EXPECT_EQ(num(b[3]), low);
  EXPECT_EQ(units(b[5].get<std::string>()), volume_units) << coarse << " vs " << fine;
  EXPECT_EQ(b[8].get<long long>(), trades);
}

TEST(klines, intervals_are_consistent) {
  running_server server(fixed_clock());
  auto client = server.client();
  const std::int64_t day = 1'779'580'800'000;  // 2026-05-24T00:00Z, closed
  expect_aggregates(client, "BTCUSDT", "1h", "1m", 60, day + 5 * hour_ms);
  expect_aggregates(client, "BTCUSDT", "15m", "1m", 15, day + 5 * hour_ms + 15 * minute_ms);
  expect_aggregates(client, "XRPUSDT", "1d", "1h", 24, day);
  expect_aggregates(client, "XRPUSDT", "4h", "1h", 4, day + 8 * hour_ms);
  expect_aggregates(client, "DOGEUSDT", "1w", "1d", 7, 1'779'062'400'000);  // Monday 2026-05-18
  expect_aggregates(client, "DOGEUSDT", "1M", "1d", 30, 1'775'001'600'000);  // April 2026
}

TEST(klines, the_open_bar_aggregates_what_has_traded) {
  running_server server(fixed_clock());
  auto client = server.client();
  const auto h = client.get("/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=1").json();
  const std::int64_t open = h[0][0].get<std::int64_t>();
  const auto m = client.get("/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=60&startTime=" + std::to_string(open)).json();
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(h[0][1], m.front()[1]);
}

TEST(klines, deterministic_by_seed) {
  const std::string q = "/fapi/v1/klines?symbol=BNBUSDT&interval=5m&limit=200&endTime=1779000000000";
  running_server a(fixed_clock(7));
  running_server b(fixed_clock(7));
  running_server c(fixed_clock(8));
  auto ca = a.client();
  auto cb = b.client();
  auto cc = c.client();
  const auto ra = ca.get(q).body;
  EXPECT_EQ(ra, cb.get(q).body);
  EXPECT_NE(ra, cc.get(q).body);
}

TEST(klines, prewarmed_bars_equal_bars_built_on_demand) {
  const std::int64_t now = 1'780'000'000'000 + 17 * minute_ms;
  const symbol_catalog catalog(2, 1);
  const sim_clock clock(1.0, now);
  market cold(catalog, clock);
  market warm(catalog, clock);
  warm.prewarm_hours(30, now, 2);
  const auto iv = parse_interval("1h");
  ASSERT_TRUE(iv.has_value());
  kline_query q;
  q.limit = 40;
  const auto text = [&](market& m, const symbol_spec& spec) {
    std::string out;
    for (const auto& c : m.klines(spec, *iv, q, now)) append_kline_array(out, spec, *iv, c);
    return out;
  };
  for (const auto& spec : catalog.all()) {
    const auto expected = text(cold, spec);
    EXPECT_FALSE(expected.empty()) << spec.symbol;
    EXPECT_EQ(text(warm, spec), expected) << spec.symbol;
  }
}

}  // namespace
}  // namespace tb::fake::test
