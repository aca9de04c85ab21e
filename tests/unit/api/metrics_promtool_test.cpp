// The Prometheus text our metrics_registry writes, served through the admin server's
// /metrics and checked by Prometheus' own promtool (Debian package prometheus), so a
// scraper will read every series we export.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <sstream>
#include <string>

#include <boost/beast/http/field.hpp>

#include "api/admin_server.hpp"
#include "core/metrics_registry.hpp"
#include "http_test_client.hpp"
#include "recording_backend.hpp"
#include "temp_dir.hpp"

namespace tb::host {
namespace {

namespace http = boost::beast::http;
using ::testing::HasSubstr;

constexpr const char* promtool = "/usr/bin/promtool";
constexpr const char* token = "promtool-test-token-0123456789";

// Serves `registry`'s exposition text as the running bot does.
class registry_backend : public test::recording_backend {
 public:
  explicit registry_backend(const metrics_registry& registry) : registry_(registry) {}
  std::string metrics_text() override { return registry_.to_prometheus(); }

 private:
  const metrics_registry& registry_;
};

// Series like the bot's: labelled counters, gauges (negative, NaN, infinite), histograms with
// default and own buckets, and label values and help texts that need escaping.
void record_representative_series(metrics_registry& registry) {
  registry
      .register_counter("tb_data_requests_total", "REST requests by endpoint.",
                        {{"endpoint", "/fapi/v1/klines"}, {"plugin", "exchange_binance"}})
      .add(1234);
  registry
      .register_counter("tb_data_requests_total", "REST requests by endpoint.",
                        {{"endpoint", "/fapi/v1/order"}, {"plugin", "exchange_binance"}})
      .add(1e21);
  registry
      .register_counter("tb_strategy_scan_errors_total",
                        "Failed scans.\nA help text on two lines, with a \\ backslash.",
                        {{"strategy", "quote \" backslash \\ newline \n end"}})
      .add(2);
  registry
      .register_counter("tb_strategy_scan_errors_total",
                        "Failed scans.\nA help text on two lines, with a \\ backslash.",
                        {{"strategy", "unicode: é ✓"}})
      .add(1);
  registry.register_counter("tb_rank_dropped_held_total", "Signals dropped: symbol held.");
  registry.register_gauge("tb_equity_usdt", "Account equity in USDT.").set(10'512.25);
  registry.register_gauge("tb_unrealized_pnl_usdt", "Open PnL.", {{"symbol", "BTCUSDT"}})
      .set(-42.125);
  registry.register_gauge("tb_breaker_state", "Breaker state.", {{"breaker", "binance"}})
      .set(std::numeric_limits<double>::quiet_NaN());
  registry.register_gauge("tb_data_oldest_candle_age_seconds", "Staleness.")
      .set(std::numeric_limits<double>::infinity());
  const auto scan = registry.register_histogram("tb_strategy_scan_seconds", "Scan duration.",
                                                {{"strategy", "ictsmc"}});
  for (const double s : {0.0004, 0.003, 0.2, 1.5, 30.0}) scan.observe(s);
  registry.register_histogram("tb_order_slippage_ratio", "Slippage.", {}, {0.0001, 0.001, 0.01})
      .observe(0.0005);
}

struct promtool_result {
  int exit_code = -1;
  std::string output;
};

promtool_result run_promtool(const std::filesystem::path& file) {
  const std::string command =
      std::string(promtool) + " check metrics < '" + file.string() + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  promtool_result result;
  char chunk[4096];
  std::size_t n = 0;
  while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0) result.output.append(chunk, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

TEST(MetricsPromtool, ServedExpositionPassesPromtoolCheckMetrics) {
  ASSERT_TRUE(std::filesystem::exists(promtool))
      << "promtool not found: run scripts/setup.sh (Debian package prometheus)";

  metrics_registry registry;
  record_representative_series(registry);
  registry_backend backend(registry);
  admin_server_config config;
  config.port = 0;
  config.token = token;
  admin_server server(config, backend, nullptr, &registry);
  server.start();

  test::http_test_client client(server.port());
  // Twice: the second scrape also holds the server's own count of the first.
  ASSERT_EQ(client.request(http::verb::get, "/metrics", token).result_int(), 200u);
  const auto reply = client.request(http::verb::get, "/metrics", token);
  ASSERT_EQ(reply.result_int(), 200u);
  EXPECT_EQ(reply[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = reply.body();
  EXPECT_THAT(text, HasSubstr("tb_api_requests_total{code=\"200\",route=\"/metrics\"} 1\n"));
  EXPECT_THAT(text, HasSubstr(R"(strategy="quote \" backslash \\ newline \n end")"));
  EXPECT_THAT(text, HasSubstr("# HELP tb_strategy_scan_errors_total Failed scans.\\nA help text "
                              "on two lines, with a \\\\ backslash.\n"));
  EXPECT_THAT(text,
              HasSubstr("tb_strategy_scan_seconds_bucket{strategy=\"ictsmc\",le=\"+Inf\"} 5"));

  test::temp_dir dir;
  const auto file = dir.write("metrics.prom", text);
  const auto result = run_promtool(file);
  EXPECT_EQ(result.exit_code, 0) << "promtool check metrics said:\n"
                                 << result.output << "\nabout:\n"
                                 << text;
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    std::string lower = line;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_THAT(lower, ::testing::Not(HasSubstr("error"))) << line;
  }
}

}  // namespace
}  // namespace tb::host
