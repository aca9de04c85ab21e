#include "websocket/kline_streams.hpp"

#include <algorithm>
#include <set>

#include "websocket/kline_shard.hpp"

namespace tb::binance {

kline_streams::kline_streams(sdk::host host, net::endpoint ws, market_data& market,
                             kline_stream_options options)
    : host_(host), ws_(std::move(ws)), market_(market), options_(options) {}

kline_streams::~kline_streams() { stop(); }

void kline_streams::subscribe(const std::vector<std::string>& symbols, const std::string& interval,
                              const sdk::market_sink& sink) {
  if (!interval_ms(interval)) {
    throw sdk::error(TB_E_INVALID_ARGUMENT, "interval \"" + interval + "\" is not a Binance futures interval");
  }
  std::lock_guard lock(mutex_);
  std::vector<kline_stream> fresh;
  std::set<std::string> seen;
  for (const std::string& symbol : symbols) {
    if (symbol.empty()) throw sdk::error(TB_E_INVALID_ARGUMENT, "an empty symbol");
    kline_stream s{symbol, interval, 0};
    const std::string name = s.name();
    bool present = !seen.insert(name).second;
    for (const auto& shard : shards_) present = present || shard->has(name);
    if (!present) fresh.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < fresh.size(); i += options_.max_per_connection) {
    const std::size_t end = std::min(fresh.size(), i + options_.max_per_connection);
    auto shard = std::make_unique<kline_shard>(
        next_shard_id_++, host_, ws_, market_, options_,
        std::vector<kline_stream>(fresh.begin() + static_cast<std::ptrdiff_t>(i),
                                  fresh.begin() + static_cast<std::ptrdiff_t>(end)),
        sink);
    shard->start();
    shards_.push_back(std::move(shard));
  }
}

void kline_streams::unsubscribe(const std::vector<std::string>& symbols, const std::string& interval) {
  std::set<std::string> gone;
  for (const std::string& symbol : symbols) gone.insert(kline_stream{symbol, interval, 0}.name());
  std::lock_guard lock(mutex_);
  std::vector<std::unique_ptr<kline_shard>> kept;
  for (auto& shard : shards_) {
    std::vector<kline_stream> streams = shard->streams();
    const auto removed = std::remove_if(streams.begin(), streams.end(),
                                        [&](const kline_stream& s) { return gone.count(s.name()) != 0; });
    if (removed == streams.end()) {
      kept.push_back(std::move(shard));
      continue;
    }
    // Its URL names its streams: reconnect with the rest, keeping what was pushed so far.
    shard->stop();
    streams = shard->streams();
    streams.erase(std::remove_if(streams.begin(), streams.end(),
                                 [&](const kline_stream& s) { return gone.count(s.name()) != 0; }),
                  streams.end());
    if (streams.empty()) continue;
    auto replacement = std::make_unique<kline_shard>(next_shard_id_++, host_, ws_, market_,
                                                     options_, std::move(streams), shard->sink());
    replacement->start();
    kept.push_back(std::move(replacement));
  }
  shards_ = std::move(kept);
}

void kline_streams::stop() {
  std::lock_guard lock(mutex_);
  for (auto& shard : shards_) shard->stop();
  shards_.clear();
}

}  // namespace tb::binance
