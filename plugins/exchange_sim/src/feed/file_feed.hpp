// The candle_feed over candle files on disk, read with tb_candle_files (libs/candle_files: the
// readers `tradingbot analyze` uses), for backtests on recorded market data.
//
// Layout of the directory, per symbol (the first form present wins):
//   <directory>/<SYMBOL>-<interval>.csv or .json   one file in any form candle_file.hpp reads
//   <directory>/<SYMBOL>/<interval>/*.csv          Binance data-archive files (one per month or
//                                                  day: BTCUSDT-1m-2024-01.csv, ...-2024-02-03.csv)
//   <directory>/<SYMBOL>-<interval>-*.csv          the same archive files side by side
// Archive files are joined by time; where they overlap they must agree (exact duplicates are
// dropped). Funding settlements, when present (else no funding is charged):
//   <directory>/<SYMBOL>-funding.csv               time,rate or Binance's fundingRate columns
//   <directory>/<SYMBOL>/fundingRate/*.csv         Binance archive fundingRate files
// Symbol filters: <directory>/symbols.json when it lists the symbol, else inferred from the
// candles (symbol_filters.hpp describes both).
//
// Every open time must lie on the interval's grid (a multiple of its length since the epoch)
// and times must strictly increase; gaps are allowed (base_candles leaves them out). All
// files are read in the constructor, so bad data fails there: std::runtime_error naming the
// file, and the line and column when the problem is in a row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "candle_files/candle_file.hpp"
#include "candle_files/funding_file.hpp"
#include "feed/candle_feed.hpp"

namespace tb::exchange_sim {

class file_feed final : public candle_feed {
 public:
  // `interval` is a Binance interval code ("1m", "1h"); `symbols` empty means every symbol
  // with candle files for that interval. std::runtime_error when the interval is unknown, a
  // symbol has no files, or a file cannot be read.
  file_feed(std::filesystem::path directory, std::string interval,
            std::vector<std::string> symbols);

  const std::vector<feed_symbol>& symbols() const override { return symbols_; }
  std::int64_t base_interval_ms() const override { return interval_ms_; }
  void base_candles(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
                    std::vector<tb_candle>& out) override;
  void funding(std::size_t k, std::int64_t from_ms, std::int64_t to_ms,
               std::vector<funding_rate>& out) override;

 private:
  // One symbol's data as read, minus the close times (open time + interval - 1 by the reader's
  // check), so a candle costs what base_candles needs and no more.
  struct series {
    candle_files::candle_columns candles;
    std::vector<candle_files::funding_point> funding;
  };

  const series& at(std::size_t k) const;

  std::int64_t interval_ms_ = 0;
  std::vector<feed_symbol> symbols_;
  std::vector<series> data_;
};

}  // namespace tb::exchange_sim
