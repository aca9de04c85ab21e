#pragma once
// The progress of a backtest over its period. On a terminal: one bar redrawn in place
// ("[=======>      ]  52%  2025-10-02  trades 14"), at most every 100 ms of real time; on
// anything else (a pipe, a log collector): a plain line at every 10 %. Progress goes to the
// given stream (standard error), never into the outputs, so they stay byte-identical.
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>

namespace tb::host {

class progress_bar {
 public:
  // `out` null: no progress at all (backtest.progress: false).
  progress_bar(std::ostream* out, bool terminal, std::int64_t start_ms, std::int64_t end_ms);

  // The run has reached virtual time now_ms; `trades` says how many trades have closed so
  // far, and is asked only when a line is drawn (it may cost a query).
  void update(std::int64_t now_ms, const std::function<std::size_t()>& trades);
  // The last line (100 %) and, on a terminal, the line end.
  void finish(std::size_t trades);

 private:
  void draw(int percent, std::int64_t now_ms, std::size_t trades);

  std::ostream* out_;
  bool terminal_;
  std::int64_t start_ms_;
  std::int64_t end_ms_;
  int last_percent_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace tb::host
