#include "backtest/progress_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <chrono>
#include <string>

namespace tb::host {
namespace {

constexpr int bar_width = 30;

std::string utc_date(std::int64_t ms) {
  const std::chrono::sys_days day{std::chrono::floor<std::chrono::days>(
      std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(ms)))};
  const std::chrono::year_month_day ymd(day);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace

progress_bar::progress_bar(std::ostream* out, bool terminal, std::int64_t start_ms,
                           std::int64_t end_ms)
    : out_(out), terminal_(terminal), start_ms_(start_ms), end_ms_(std::max(end_ms, start_ms + 1)) {}

void progress_bar::update(std::int64_t now_ms, const std::function<std::size_t()>& trades) {
  if (out_ == nullptr) return;
  const double done = static_cast<double>(now_ms - start_ms_) / static_cast<double>(end_ms_ - start_ms_);
  const int percent = std::clamp(static_cast<int>(done * 100.0), 0, 100);
  if (terminal_) {
    const auto now = std::chrono::steady_clock::now();
    if (percent == last_percent_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
  } else if (percent / 10 == last_percent_ / 10 && last_percent_ >= 0) {
    return;
  }
  last_percent_ = percent;
  draw(percent, now_ms, trades());
}

void progress_bar::finish(std::size_t trades) {
  if (out_ == nullptr) return;
  if (terminal_ || last_percent_ != 100) draw(100, end_ms_, trades);
  if (terminal_) *out_ << '\n';
  out_->flush();
}

void progress_bar::draw(int percent, std::int64_t now_ms, std::size_t trades) {
  const std::string status = std::to_string(percent) + "%  " + utc_date(now_ms) + "  trades " +
                             std::to_string(trades);
  if (!terminal_) {
    *out_ << "backtest: " << status << '\n';
    return;
  }
  const int filled = percent * bar_width / 100;
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < bar_width) bar += '>';
  bar.resize(bar_width, ' ');
  *out_ << "\r[" << bar << "] " << status << "   " << std::flush;
}

}  // namespace tb::host
