#include "download/download_progress.hpp"

#include <algorithm>
#include <ostream>

#include <candle_files/utc_time.hpp>
#include "services/interval.hpp"

namespace tb::host::downloader {

using candle_files::format_utc_minute;
namespace {

constexpr auto plain_every = std::chrono::seconds(10);

std::string plural(std::uint64_t n, const char* word) {
  return format_count(n) + " " + word + (n == 1 ? "" : "s");
}

int percent_done(const symbol_job& job, std::int64_t cursor_ms) {
  const std::int64_t end = std::min(job.end_ms, std::max(job.now_ms, job.start_ms + 1));
  if (end <= job.start_ms) return 100;
  const double share = static_cast<double>(cursor_ms - job.start_ms) /
                       static_cast<double>(end - job.start_ms);
  return static_cast<int>(std::clamp(share, 0.0, 1.0) * 100);
}

std::string progress_text(const symbol_job& job, const symbol_outcome& so_far,
                          std::int64_t cursor_ms) {
  std::string text = job.symbol + " " + job.interval + ": " + plural(so_far.candles, "candle");
  if (so_far.last_open_ms) text += ", at " + format_utc_minute(*so_far.last_open_ms);
  return text + " (" + std::to_string(percent_done(job, cursor_ms)) + "%)";
}

std::string gap_warning(const symbol_job& job, const candle_gap& gap) {
  const std::int64_t length = interval_ms(job.interval);
  const std::uint64_t missing =
      length > 0 ? static_cast<std::uint64_t>((gap.to_ms - gap.from_ms + length - 1) / length) : 0;
  return "warning: " + job.symbol + " " + job.interval + ": no candles from " +
         format_utc_minute(gap.from_ms) + " to " + format_utc_minute(gap.to_ms - length) + " (" +
         plural(missing, "candle") + "): the exchange has none (not listed yet, maintenance or "
         "delisted)";
}

}  // namespace

std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n);
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), 1, ' ');
  }
  return digits;
}

std::string summary_line(const symbol_job& job, const symbol_outcome& outcome) {
  std::string line = job.symbol + " " + job.interval + ": " + plural(outcome.candles, "candle");
  if (outcome.resumed) line += " (" + format_count(outcome.new_candles) + " new)";
  if (outcome.first_open_ms && outcome.last_open_ms) {
    line += ", " + format_utc_minute(*outcome.first_open_ms) + " -> " +
            format_utc_minute(*outcome.last_open_ms);
  }
  return line + ", " + plural(outcome.requests, "request");
}

download_progress::download_progress(std::ostream& out, std::ostream& err, bool terminal)
    : out_(out), err_(err), terminal_(terminal) {}

void download_progress::clear_line() {
  if (!line_shown_) return;
  err_ << "\r\x1b[K" << std::flush;
  line_shown_ = false;
}

void download_progress::page(const symbol_job& job, const symbol_outcome& so_far,
                             std::int64_t cursor_ms) {
  const std::string text = progress_text(job, so_far, cursor_ms);
  if (terminal_) {
    err_ << "\r\x1b[K" << text << std::flush;
    line_shown_ = true;
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - last_plain_ < plain_every) return;
  last_plain_ = now;
  err_ << text << '\n' << std::flush;
}

void download_progress::finished(const symbol_job& job, const symbol_outcome& outcome) {
  clear_line();
  if (outcome.cut_torn_line) {
    err_ << job.symbol << " " << job.interval << ": cut a torn last line off "
         << job.file.string() << '\n';
  }
  for (const auto& warning : outcome.warnings) err_ << "warning: " << warning << '\n';
  for (const auto& gap : outcome.gaps) err_ << gap_warning(job, gap) << '\n';
  if (!outcome.ok) {
    err_ << "error: " << outcome.error;
    if (outcome.candles > 0) {
      err_ << " (" << plural(outcome.candles, "candle") << " in " << job.file.string()
           << "; run again to resume)";
    }
    err_ << '\n' << std::flush;
    return;
  }
  err_ << std::flush;
  out_ << summary_line(job, outcome) << '\n' << std::flush;
}

}  // namespace tb::host::downloader
