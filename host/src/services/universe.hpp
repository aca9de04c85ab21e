#pragma once

#include <tradingbot/tb_abi.h>

#include <string>
#include <vector>

namespace tb::host {

// Which symbols the bot trades (YAML `data.universe`).
struct universe_filter {
  std::string quote = "USDT";
  std::vector<std::string> include;  // when non-empty, only these (still filtered below)
  std::vector<std::string> exclude;
};

// The tradable universe from an exchange's symbol list: status TRADING, contract type
// PERPETUAL, quote asset `filter.quote`, minus `exclude`, and only `include` when that is
// not empty. Sorted by name, without duplicates.
std::vector<std::string> select_universe(const std::vector<tb_symbol_info>& symbols,
                                         const universe_filter& filter);

}  // namespace tb::host
