#include "download/download_run.hpp"

namespace tb::host::downloader {

std::filesystem::path download_file(const std::filesystem::path& out_dir,
                                     const std::string& symbol, const std::string& interval) {
  return out_dir / (symbol + "-" + interval + ".csv");
}

std::size_t download_all(const download_request& request, const candle_fetch& fetch,
                         download_progress& progress) {
  std::size_t failed = 0;
  for (const auto& symbol : request.symbols) {
    const symbol_job job{symbol,         request.interval, request.start_ms, request.end_ms,
                         download_file(request.out_dir, symbol, request.interval), request.now_ms};
    const symbol_outcome outcome = download_symbol(
        job, fetch, [&](const symbol_outcome& so_far, std::int64_t cursor_ms) {
          progress.page(job, so_far, cursor_ms);
        });
    progress.finished(job, outcome);
    if (!outcome.ok) ++failed;
  }
  return failed;
}

}  // namespace tb::host::downloader
