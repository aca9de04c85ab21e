#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <png.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "backtest/html_report.hpp"

namespace tb::host {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr std::int64_t jan_1_2024 = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t hour = 3'600'000;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

// A random walk per symbol (1h candles from 2024-01-01) and trades_per_symbol trades on each,
// the equity following the closed trades. Same seed, same data.
report_data make_report(std::uint32_t seed, std::size_t candles_per_symbol, std::size_t trades_per_symbol) {
  std::mt19937 rng(seed);
  const auto unit = [&] { return static_cast<double>(rng()) / 4294967296.0; };  // [0, 1), portable
  report_data data;
  data.title = "Backtest: ictsmc, 2024-01-01 .. 2024-01-21";
  const std::vector<std::pair<std::string, double>> symbols{{"BTCUSDT", 42000.0}, {"ETHUSDT", 2300.0}};
  double equity = 10000.0;
  data.equity.emplace_back(jan_1_2024, equity);
  for (const auto& [symbol, start] : symbols) {
    report_series series{symbol, "1h", {}};
    double price = start;
    for (std::size_t i = 0; i < candles_per_symbol; ++i) {
      const double open = price;
      price *= 1.0 + (unit() - 0.5) * 0.02;
      const double high = std::max(open, price) * (1.0 + unit() * 0.004);
      const double low = std::min(open, price) * (1.0 - unit() * 0.004);
      series.candles.push_back({jan_1_2024 + static_cast<std::int64_t>(i) * hour, open, high, low, price});
    }
    const std::size_t span = candles_per_symbol / trades_per_symbol;
    for (std::size_t t = 0; t < trades_per_symbol; ++t) {
      const std::size_t entry = t * span + span / 5;
      const std::size_t exit = entry + span / 2;
      const int side = unit() < 0.5 ? 1 : -1;
      const auto& in = series.candles[entry];
      const auto& out = series.candles[exit];
      const double pnl = side * (out.close - in.close) / in.close * 1000.0;
      data.trades.push_back({symbol, side, in.time_ms, out.time_ms, in.close, out.close, pnl,
                             "reason-" + symbol + "-" + std::to_string(t)});
    }
    data.charts.push_back(std::move(series));
  }
  std::vector<report_trade> by_close = data.trades;
  std::stable_sort(by_close.begin(), by_close.end(),
                   [](const report_trade& a, const report_trade& b) { return a.closed_ms < b.closed_ms; });
  for (const auto& trade : by_close) {  // a step at each close
    data.equity.emplace_back(trade.closed_ms, equity);
    data.equity.emplace_back(trade.closed_ms, equity += trade.net_pnl);
  }
  data.summary = {{"Trades", std::to_string(data.trades.size())},
                  {"Net profit", "123.45 USDT"},
                  {"Win rate", "60.0 %"},
                  {"Max drawdown", "-4.2 %"},
                  {"Sharpe", "1.37"}};
  return data;
}

TEST(html_report, HoldsTitleSummaryTradesAndOneChartPerSeries) {
  const auto data = make_report(7, 500, 5);
  const std::string html = render_html_report(data);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<title>Backtest: ictsmc, 2024-01-01 .. 2024-01-21</title>"));
  EXPECT_THAT(html, HasSubstr("<h1>Backtest: ictsmc, 2024-01-01 .. 2024-01-21</h1>"));
  for (const auto& [label, value] : data.summary)
    EXPECT_THAT(html, HasSubstr("<tr><th>" + label + "</th><td>" + value + "</td></tr>"));
  for (const auto& trade : data.trades) EXPECT_EQ(count(html, trade.exit_reason + "</td>"), 1u) << trade.exit_reason;
  EXPECT_EQ(count(html, "<tr><td class=\"num\">"), data.trades.size());
  EXPECT_THAT(html, HasSubstr("Trades (10)"));
  EXPECT_EQ(count(html, "data-kind=\"candles\""), 2u);
  EXPECT_THAT(html, HasSubstr("data-index=\"0\""));
  EXPECT_THAT(html, HasSubstr("data-index=\"1\""));
  EXPECT_THAT(html, HasSubstr("<h2>BTCUSDT &middot; 1h</h2>"));
  EXPECT_THAT(html, HasSubstr("<h2>ETHUSDT &middot; 1h</h2>"));
  EXPECT_EQ(count(html, "data-kind=\"equity\""), 1u);
  EXPECT_EQ(count(html, "data-kind=\"drawdown\""), 1u);
  EXPECT_THAT(html, HasSubstr("<td>2024-01-01 20:00</td><td>2024-01-03 22:00</td>"));  // UTC
  EXPECT_THAT(html, HasSubstr("</html>\n"));
}

TEST(html_report, ReferencesNothingOutsideTheFile) {
  const std::string html = render_html_report(make_report(7, 500, 5));
  for (const char* external : {"http://", "https://", "//cdn", "src=", "href=", "<link", "@import", "url("})
    EXPECT_THAT(html, Not(HasSubstr(external))) << external;
  EXPECT_THAT(html, HasSubstr("Content-Security-Policy\" content=\"default-src 'none';"));
}

TEST(html_report, EscapesEveryTextOfTheInput) {
  auto data = make_report(7, 50, 2);
  data.title = "A & B <b>";
  data.summary = {{"<i>label</i>", "\"quoted\" 'single'"}};
  data.charts[0].symbol = "<script>";
  data.charts[0].interval = "</script><script>alert(1)</script>";
  for (auto& trade : data.trades) {
    if (trade.symbol == "BTCUSDT") trade.symbol = "<script>";
    trade.exit_reason = "stop </script> & more";
  }
  const std::string html = render_html_report(data);
  EXPECT_THAT(html, HasSubstr("<title>A &amp; B &lt;b&gt;</title>"));
  EXPECT_THAT(html, HasSubstr("<th>&lt;i&gt;label&lt;/i&gt;</th><td>&quot;quoted&quot; &#39;single&#39;</td>"));
  EXPECT_THAT(html, HasSubstr("<h2>&lt;script&gt; &middot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h2>"));
  EXPECT_THAT(html, HasSubstr("<td>stop &lt;/script&gt; &amp; more</td>"));
  // Only the report's own two scripts: the data block and the drawing code.
  EXPECT_EQ(count(html, "<script"), 2u);
  EXPECT_EQ(count(html, "</script>"), 2u);
  EXPECT_THAT(html, Not(HasSubstr("<i>")));
  // The renamed symbol still finds its trades for the chart markers.
  EXPECT_THAT(html, HasSubstr("50 candles, 2 trades."));
}

TEST(html_report, IsDeterministic) {
  const auto data = make_report(11, 500, 5);
  const auto copy = data;
  const std::string first = render_html_report(data);
  EXPECT_EQ(first, render_html_report(data));
  EXPECT_EQ(first, render_html_report(copy));
  EXPECT_NE(first, render_html_report(make_report(12, 500, 5)));
}

TEST(html_report, EmbedsNumbersCompactlyAndNonFiniteAsNull) {
  report_data data;
  data.title = "numbers";
  data.equity = {{jan_1_2024, 10000.0}, {jan_1_2024 + hour, 10500.0}, {jan_1_2024 + 2 * hour, 9450.0}};
  data.charts.push_back({"X", "1h", {{jan_1_2024, 0.1, 1.0 / 3.0, 0.05, std::numeric_limits<double>::quiet_NaN()}}});
  const std::string html = render_html_report(data);
  EXPECT_THAT(html, HasSubstr("\"equity\":{\"t\":[1704067200000,1704070800000,1704074400000],"
                              "\"v\":[10000,10500,9450]}"));
  // Drawdown from the equity: 0, 0, 9450 / 10500 - 1 = -10 %.
  EXPECT_THAT(html, HasSubstr("\"drawdown\":{\"t\":[1704067200000,1704070800000,1704074400000],\"v\":[0,0,-10]}"));
  EXPECT_THAT(html, HasSubstr("\"o\":[0.1],\"h\":[0.33333333],\"l\":[0.05],\"c\":[null]"));
  EXPECT_THAT(html, Not(HasSubstr("nan")));
}

TEST(html_report, RendersAnEmptyReport) {
  const std::string html = render_html_report(report_data{});
  EXPECT_THAT(html, HasSubstr("No summary."));
  EXPECT_THAT(html, HasSubstr("No equity data."));
  EXPECT_THAT(html, HasSubstr("No trades."));
  EXPECT_THAT(html, Not(HasSubstr("<canvas")));
  EXPECT_THAT(html, HasSubstr("\"charts\":[]"));
}

TEST(downsample_candles, AggregatesBucketsOfConsecutiveCandles) {
  std::vector<report_candle> candles;
  for (int i = 0; i < 7; ++i) candles.push_back({i * hour, 10.0 + i, 20.0 + i, 5.0 - i, 11.0 + i});
  candles[1].high = 99.0;
  EXPECT_EQ(downsample_candles(candles, 7).size(), 7u);
  const auto out = downsample_candles(candles, 3);  // buckets of 3: [0..2], [3..5], [6]
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].time_ms, 0);
  EXPECT_EQ(out[0].open, 10.0);
  EXPECT_EQ(out[0].high, 99.0);
  EXPECT_EQ(out[0].low, 3.0);
  EXPECT_EQ(out[0].close, 13.0);
  EXPECT_EQ(out[1].time_ms, 3 * hour);
  EXPECT_EQ(out[2].time_ms, 6 * hour);
  EXPECT_EQ(out[2].close, 17.0);
}

TEST(html_report, StaysSmallForAYearOfHourlyCandles) {
  auto data = make_report(3, 8760, 200);
  data.charts.pop_back();
  std::erase_if(data.trades, [](const report_trade& t) { return t.symbol != "BTCUSDT"; });
  data.equity.clear();
  for (std::int64_t i = 0; i < 200'000; ++i) data.equity.emplace_back(jan_1_2024 + i * 60'000, 1e4 + std::sin(i * 1e-3));
  const std::string html = render_html_report(data);
  EXPECT_NE(html.find("8760 candles, 200 trades; drawn as 1752 bars of 5 candles (OHLC aggregated)."),
            std::string::npos);
  EXPECT_LT(html.size(), 400'000u) << "1752 bars, 200 trades, equity and drawdown thinned to 4000 points";
  // Thinning keeps the curve's last point: it ends where the run ended.
  const std::string last_time = std::to_string(jan_1_2024 + std::int64_t{199'999} * 60'000);
  EXPECT_NE(html.find(last_time + "],\"v\""), std::string::npos) << last_time << " missing";
}

// ---- Rendering in headless Chromium ----

struct rgb_image {
  std::uint32_t width = 0, height = 0;
  std::vector<std::uint8_t> rgb;
  const std::uint8_t* at(std::uint32_t x, std::uint32_t y) const { return &rgb[(std::size_t{y} * width + x) * 3]; }
};

rgb_image read_png(const std::filesystem::path& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str()))
    throw std::runtime_error(path.string() + ": not a PNG: " + image.message);
  image.format = PNG_FORMAT_RGB;
  rgb_image out{image.width, image.height, std::vector<std::uint8_t>(PNG_IMAGE_SIZE(image))};
  if (!png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr))
    throw std::runtime_error(path.string() + ": PNG decoding failed: " + image.message);
  return out;
}

bool near(const std::uint8_t* px, int r, int g, int b) {
  return std::abs(px[0] - r) <= 8 && std::abs(px[1] - g) <= 8 && std::abs(px[2] - b) <= 8;
}

// Candles, markers and curves are saturated; page, grid, frame and text are grey.
bool colored(const std::uint8_t* px) {
  return std::max({px[0], px[1], px[2]}) - std::min({px[0], px[1], px[2]}) >= 40;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class temp_dir {
 public:
  temp_dir()
      : path_(std::filesystem::temp_directory_path() / ("tb_html_report_test_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Runs Debian's chromium headless on `html` and returns the screenshot's path; the log is kept in
// the message when it fails. --virtual-time-budget lets the page load and its script draw before
// the capture; --user-data-dir keeps the profile in the test's directory.
std::filesystem::path screenshot(const std::filesystem::path& html, const std::filesystem::path& dir) {
  const std::filesystem::path chromium = TB_CHROMIUM;
  if (!std::filesystem::exists(chromium))
    throw std::runtime_error(chromium.string() + " is missing: run scripts/setup.sh as root (it installs "
                             "Debian's chromium package)");
  const auto png = dir / "report.png";
  const auto log = dir / "chromium.log";
  const std::string command = "timeout 60 '" + chromium.string() +
                              "' --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                              " --user-data-dir='" + (dir / "profile").string() +
                              "' --window-size=1280,2000 --virtual-time-budget=5000 --screenshot='" +
                              png.string() + "' 'file://" + html.string() + "' >'" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  if (status != 0 || !std::filesystem::exists(png))
    throw std::runtime_error("chromium failed (status " + std::to_string(status) + "): " + command + "\n" +
                             read_text(log));
  return png;
}

struct pixel_census {
  std::size_t colors = 0;  // distinct
  std::size_t up = 0, down = 0, blue = 0, red = 0;
  std::uint32_t top = 0, bottom = 0, left = 0, right = 0;  // box of the candle pixels
  double colored_share = 0;                                 // inside the box
  double drawn_columns = 0;                                 // share of the box's columns drawn on
};

pixel_census count_pixels(const rgb_image& image) {
  pixel_census out;
  std::set<std::uint32_t> colors;
  out.top = image.height;
  out.left = image.width;
  for (std::uint32_t y = 0; y < image.height; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const auto* px = image.at(x, y);
      colors.insert(std::uint32_t{px[0]} << 16 | std::uint32_t{px[1]} << 8 | px[2]);
      const bool up = near(px, 0x26, 0xa6, 0x9a), down = near(px, 0xef, 0x53, 0x50);
      out.up += up;
      out.down += down;
      out.blue += near(px, 0x25, 0x63, 0xeb);
      out.red += near(px, 0xdc, 0x26, 0x26);
      if (up || down) {
        out.top = std::min(out.top, y);
        out.bottom = std::max(out.bottom, y);
        out.left = std::min(out.left, x);
        out.right = std::max(out.right, x);
      }
    }
  }
  out.colors = colors.size();
  if (out.top >= out.bottom || out.left >= out.right) return out;
  std::size_t inked = 0, columns = 0;
  for (std::uint32_t x = out.left; x <= out.right; ++x) {
    std::size_t in_column = 0;
    for (std::uint32_t y = out.top; y <= out.bottom; ++y) in_column += colored(image.at(x, y));
    inked += in_column;
    columns += in_column >= 2;
  }
  const double width = out.right - out.left + 1.0;
  out.colored_share = static_cast<double>(inked) / ((out.bottom - out.top + 1.0) * width);
  out.drawn_columns = static_cast<double>(columns) / width;
  return out;
}

// Without the script's drawing the page holds text, tables and the legends' swatches only (under
// 100 pixels of each candle color), so these thresholds fail on a page whose charts are blank.
TEST(html_report_chromium, DrawsChartsThatAreNotBlank) {
  constexpr std::uint32_t seed = 20240101;
  std::cout << "seed " << seed << "\n";
  const temp_dir dir;
  const auto html = dir.path() / "report.html";
  auto data = make_report(seed, 500, 5);
  // A hostile symbol must not break the page: the second chart has to be drawn all the same.
  data.charts[1].symbol = "</script><script>";
  for (auto& trade : data.trades)
    if (trade.symbol == "ETHUSDT") trade.symbol = data.charts[1].symbol;
  std::ofstream(html) << render_html_report(data);
  const auto png = screenshot(html, dir.path());
  if (const char* keep = std::getenv("TB_REPORT_SCREENSHOT"))  // to look at it
    std::filesystem::copy_file(png, keep, std::filesystem::copy_options::overwrite_existing);

  const rgb_image image = read_png(png);
  ASSERT_EQ(image.width, 1280u);
  ASSERT_EQ(image.height, 2000u);
  const pixel_census census = count_pixels(image);
  std::cout << "candle charts: " << census.colored_share << " of the area colored, " << census.drawn_columns
            << " of the columns drawn on\n";
  EXPECT_GE(census.colors, 100u) << "a blank or text-only page has few colors";
  EXPECT_GE(census.up, 1000u) << "rising candles (#26a69a)";
  EXPECT_GE(census.down, 1000u) << "falling candles (#ef5350)";
  EXPECT_GE(census.blue, 300u) << "the equity line and winning trades (#2563eb)";
  EXPECT_GE(census.red, 100u) << "the drawdown line (#dc2626)";
  ASSERT_LT(census.top, census.bottom);
  EXPECT_GE(census.right - census.left, 900u) << "candles span the chart's width";
  EXPECT_GE(census.bottom - census.top, 400u) << "two candle charts, one above the other";
  EXPECT_GE(census.colored_share, 0.01) << "share of colored pixels in the candle charts' area";
  EXPECT_GE(census.drawn_columns, 0.8) << "share of pixel columns of the candle charts drawn on";
}

}  // namespace
}  // namespace tb::host
