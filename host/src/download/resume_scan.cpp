#include "download/resume_scan.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "download/archive_line.hpp"
#include "download/download_error.hpp"
#include <candle_files/utc_time.hpp>
#include "services/interval.hpp"

namespace tb::host::downloader {

using candle_files::format_utc_minute;
namespace {

std::string read_whole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw download_error(file.string() + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw download_error(file.string() + ": reading failed");
  return std::move(text).str();
}

[[noreturn]] void refuse(const std::filesystem::path& file, std::size_t line,
                         const std::string& what) {
  throw download_error(file.string() + ":" + std::to_string(line) + ": " + what +
                       "; the file was left unchanged (move it away to download afresh)");
}

void check_interval(const std::filesystem::path& file, std::size_t line, const tb_candle& c,
                    std::string_view interval) {
  if (!fixed_interval(interval)) return;
  const std::int64_t length = interval_ms(interval);
  if (c.open_time_ms % length != 0 || c.close_time_ms != c.open_time_ms + length - 1) {
    refuse(file, line,
           "the candle at " + format_utc_minute(c.open_time_ms) + " is not a " +
               std::string(interval) + " candle (a file of another interval?)");
  }
}

}  // namespace

existing_file scan_existing_file(const std::filesystem::path& file, std::string_view interval) {
  existing_file result;
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return result;
  result.exists = true;
  const std::string text = read_whole(file);
  const auto last_end = text.rfind('\n');
  const std::size_t complete = last_end == std::string::npos ? 0 : last_end + 1;
  result.keep_bytes = complete;
  result.torn = complete < text.size();

  std::string_view rest(text.data(), complete);
  std::size_t line_number = 0;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1) {
      if (line != archive_header) {
        refuse(file, 1, "the first line is not the header \"" + std::string(archive_header) + "\"");
      }
      result.has_header = true;
      continue;
    }
    const auto candle = parse_archive_line(line);
    if (!candle) refuse(file, line_number, "not a kline line: \"" + std::string(line.substr(0, 80)) + "\"");
    check_interval(file, line_number, *candle, interval);
    if (result.last && candle->open_time_ms <= result.last->open_time_ms) {
      refuse(file, line_number, "open times do not increase");
    }
    if (!result.first) result.first = candle;
    result.last = candle;
    ++result.candles;
  }
  // A torn first line that is not the start of the header is not ours either.
  if (!result.has_header && result.torn &&
      !archive_header.starts_with(std::string_view(text).substr(0, archive_header.size()))) {
    refuse(file, 1, "the first line is not the header \"" + std::string(archive_header) + "\"");
  }
  return result;
}

}  // namespace tb::host::downloader
