#include "backtest/progress_bar.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include <candle_files/utc_time.hpp>

namespace tb::host {
namespace {

constexpr int bar_width = 30;

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
  const std::string status = std::to_string(percent) + "%  " + candle_files::format_utc_minute(now_ms).substr(0, 10) + "  trades " +
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
