#include "download/symbol_download.hpp"

#include <algorithm>
#include <utility>

#include "download/archive_file.hpp"
#include "download/archive_line.hpp"
#include "download/download_error.hpp"
#include "download/resume_scan.hpp"
#include <candle_files/utc_time.hpp>
#include "services/interval.hpp"

namespace tb::host::downloader {

using candle_files::format_utc_minute;
namespace {

constexpr std::int32_t binance_invalid_symbol = -1121;

std::int64_t align_up(std::int64_t t, std::int64_t step) {
  const std::int64_t rem = t % step;
  return rem == 0 ? t : t + (step - rem);
}

// The paging loop's position: `cursor` is the next request's startTime, `expected` the next
// candle's open time on the grid (for gaps), `verify` the file's last candle, which the first
// page repeats and must match.
struct pager {
  pager(const symbol_job& j, const candle_fetch& f, symbol_outcome& o)
      : job(j), fetch(f), outcome(o) {}

  const symbol_job& job;
  const candle_fetch& fetch;
  symbol_outcome& outcome;
  std::optional<archive_file> file;  // opened on the first write: a failed symbol leaves none
  bool header_due = false;
  std::int64_t length = interval_ms(job.interval);
  bool grid = fixed_interval(job.interval);
  std::int64_t cursor = 0;
  std::int64_t expected = 0;
  std::optional<tb_candle> verify;
  bool reached_present = false;

  void write(const std::string& text) {
    if (text.empty()) return;
    if (!file) file.emplace(job.file);
    file->append(header_due ? std::string(archive_header) + "\n" + text : text);
    header_due = false;
  }

  void note_gap(std::int64_t from, std::int64_t to) {
    if (grid && from < to) outcome.gaps.push_back({from, to});
  }

  void check_repeat(const tb_candle& c) {
    if (same_candle(c, *verify)) return;
    throw download_error(job.file.string() + ": its last candle (" +
                         format_utc_minute(verify->open_time_ms) + ") is not " + job.symbol +
                         "'s " + job.interval +
                         " candle on the exchange (a file of another symbol?); the file was "
                         "left unchanged (move it away to download afresh)");
  }

  // Appends the page's new closed candles inside the range; true when the range goes on.
  bool take(const std::vector<tb_candle>& page) {
    std::string text;
    for (const tb_candle& c : page) {
      if (c.open_time_ms >= job.end_ms) break;
      if ((c.flags & TB_CANDLE_CLOSED) == 0) {
        reached_present = true;
        break;
      }
      if (verify && c.open_time_ms == verify->open_time_ms) check_repeat(c);
      if (outcome.last_open_ms && c.open_time_ms <= *outcome.last_open_ms) continue;
      note_gap(expected, c.open_time_ms);
      append_archive_line(text, c);
      expected = c.open_time_ms + length;
      if (!outcome.first_open_ms) outcome.first_open_ms = c.open_time_ms;
      outcome.last_open_ms = c.open_time_ms;
      ++outcome.new_candles;
      ++outcome.candles;
    }
    verify.reset();
    write(text);
    const bool full = page.size() >= page_limit;
    const std::int64_t next = outcome.last_open_ms ? *outcome.last_open_ms + 1 : cursor;
    const bool moved = next > cursor;
    cursor = next;
    return full && moved && !reached_present && cursor < job.end_ms;
  }

  void run(const page_done& progress) {
    while (cursor < job.end_ms) {
      std::vector<tb_candle> page;
      const candle_request request{job.symbol, job.interval, cursor, job.end_ms - 1, page_limit};
      ++outcome.requests;
      const exchange_status status = fetch(request, page);
      if (!status.ok()) throw download_error(job.symbol + " " + job.interval + ": " +
                                             describe_failure(status));
      const bool more = take(page);
      if (progress) progress(outcome, cursor);
      if (!more) break;
    }
    // Past the last candle: a gap up to the end, or up to now when the end is in the future.
    const std::int64_t known_until = std::min(job.end_ms, job.now_ms - length);
    if (!reached_present) note_gap(expected, known_until);
  }
};

void start_from_file(const symbol_job& job, symbol_outcome& outcome, pager& p) {
  const existing_file existing = scan_existing_file(job.file, job.interval);
  if (existing.torn) {
    p.file.emplace(job.file);
    p.file->truncate(existing.keep_bytes);
    outcome.cut_torn_line = true;
  }
  p.header_due = !existing.has_header;
  p.cursor = job.start_ms;
  p.expected = p.grid ? align_up(job.start_ms, p.length) : job.start_ms;
  if (!existing.last) return;
  outcome.resumed = true;
  outcome.candles = existing.candles;
  outcome.first_open_ms = existing.first->open_time_ms;
  outcome.last_open_ms = existing.last->open_time_ms;
  p.verify = existing.last;
  p.cursor = existing.last->open_time_ms;
  p.expected = existing.last->open_time_ms + p.length;
  if (existing.first->open_time_ms > align_up(job.start_ms, p.grid ? p.length : 1)) {
    outcome.warnings.push_back(job.file.string() + " begins at " +
                               format_utc_minute(existing.first->open_time_ms) +
                               ", after --start; earlier candles are not prepended");
  }
  // Nothing left to fetch. Months ("1M") differ in length: the exchange is asked instead.
  if (p.grid && p.expected >= job.end_ms) p.cursor = job.end_ms;
}

}  // namespace

symbol_outcome download_symbol(const symbol_job& job, const candle_fetch& fetch,
                               const page_done& progress) {
  symbol_outcome outcome;
  try {
    pager p{job, fetch, outcome};
    start_from_file(job, outcome, p);
    p.run(progress);
  } catch (const download_error& e) {
    outcome.ok = false;
    outcome.error = e.what();
  }
  return outcome;
}

std::string describe_failure(const exchange_status& status) {
  const std::string detail = " (" + status.describe() + ")";
  if (status.remote_code == binance_invalid_symbol || status.code == TB_E_NOT_FOUND) {
    return "unknown symbol" + detail;
  }
  switch (status.code) {
    case TB_E_RATE_LIMITED: return "rate limited; run again later to resume" + detail;
    case TB_E_BREAKER_OPEN:
      return "the exchange's circuit breaker is open after repeated failures; run again later "
             "to resume" + detail;
    case TB_E_TIMEOUT: return "the request timed out; run again to resume" + detail;
    case TB_E_REJECTED: return "the exchange refused the request" + detail;
    case TB_E_AUTH: return "the exchange refused the credentials" + detail;
    case TB_E_IO: return "the exchange could not be reached or answered an error; run again to "
                         "resume" + detail;
    default: return "the request failed" + detail;
  }
}

}  // namespace tb::host::downloader
