#include "websocket/kline_shard.hpp"

#include <algorithm>
#include <cctype>

#include "market_data/parsers.hpp"

namespace tb::binance {

std::string kline_stream::name() const {
  std::string lower = symbol;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower + "@kline_" + interval;
}

kline_shard::kline_shard(unsigned id, sdk::host host, net::endpoint ws, market_data& market,
                         kline_stream_options options, std::vector<kline_stream> streams,
                         sdk::market_sink sink)
    : host_(host), market_(market), sink_(sink), streams_(std::move(streams)),
      connection_(host, std::move(ws), options.ws, "kline shard " + std::to_string(id), *this) {}

kline_shard::~kline_shard() { stop(); }

void kline_shard::start() { connection_.start(); }

void kline_shard::stop() { connection_.stop(); }

std::vector<kline_stream> kline_shard::streams() const {
  std::lock_guard lock(mutex_);
  return streams_;
}

bool kline_shard::has(const std::string& name) const {
  std::lock_guard lock(mutex_);
  for (const auto& s : streams_) {
    if (s.name() == name) return true;
  }
  return false;
}

std::string kline_shard::target() const {
  std::string path = connection_.ws().prefix + "/market/stream?streams=";
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    if (i > 0) path += '/';
    path += streams_[i].name();
  }
  return path;
}

void kline_shard::on_open(const std::string& path) {
  sink_.push_stream_status("klines", sdk::stream_status::connected, path);
  backfill_all();
}

void kline_shard::on_close(const std::string& why) {
  sink_.push_stream_status("klines", sdk::stream_status::disconnected, why);
}

void kline_shard::backfill(kline_stream& stream, std::int64_t before_open_ms) {
  // Candles after the last closed one; those opened before `before_open_ms` are known to be
  // closed because a later one has closed. Pages of 99 candles, the largest request of
  // weight 1: a gap is usually a few candles, and 200 streams backfilling at limit 1500
  // (weight 10 each) would spend most of a minute's budget at once.
  constexpr std::uint32_t page = 99;
  sdk::candle_request request;
  request.symbol = stream.symbol;
  request.interval = stream.interval;
  const auto length = interval_ms(stream.interval).value_or(0);
  try {
    for (;;) {
      request.start_ms = stream.last_closed_open_ms + 1;
      request.limit = page;
      if (before_open_ms != 0 && length > 0) {
        const auto missing = (before_open_ms - stream.last_closed_open_ms) / length - 1;
        if (missing <= 0) return;
        request.limit = static_cast<std::uint32_t>(std::min<std::int64_t>(missing, page));
      }
      const auto candles = market_.fetch_candles(request, sdk::lane::bulk,
                                                 host_.deadline_in(std::chrono::seconds(30)));
      std::size_t pushed = 0;
      for (tb_candle c : candles) {
        if (c.open_time_ms <= stream.last_closed_open_ms) continue;
        const bool closed = (c.flags & TB_CANDLE_CLOSED) != 0 ||
                            (before_open_ms != 0 && c.open_time_ms < before_open_ms);
        if (!closed) return;
        c.flags |= TB_CANDLE_CLOSED;
        sink_.push_candle(stream.symbol, stream.interval, c);
        stream.last_closed_open_ms = c.open_time_ms;
        ++pushed;
      }
      if (pushed < request.limit || connection_.stopping()) return;  // caught up
    }
  } catch (const std::exception& e) {
    host_.warn("exchange_binance: backfilling " + stream.name() + " failed (" + e.what() +
               "); retried at the next closed candle or reconnect");
  }
}

void kline_shard::backfill_all() {
  std::lock_guard lock(mutex_);
  for (auto& stream : streams_) {
    if (connection_.stopping()) return;
    if (stream.last_closed_open_ms != 0) backfill(stream, 0);
  }
}

void kline_shard::on_message(const std::string& text) {
  kline_event event;
  try {
    event = parse_kline_event(text);
  } catch (const parse_error& e) {
    host_.debug(std::string("exchange_binance: kline stream: message ignored: ") + e.what());
    return;
  }
  std::lock_guard lock(mutex_);
  for (auto& stream : streams_) {
    if (stream.symbol != event.symbol || stream.interval != event.interval) continue;
    const tb_candle& c = event.candle;
    if (c.open_time_ms <= stream.last_closed_open_ms) return;  // already pushed as closed
    const bool closed = (c.flags & TB_CANDLE_CLOSED) != 0;
    const auto length = interval_ms(stream.interval).value_or(0);
    if (closed && stream.last_closed_open_ms != 0 && length > 0 &&
        c.open_time_ms > stream.last_closed_open_ms + length) {
      backfill(stream, c.open_time_ms);
      if (c.open_time_ms <= stream.last_closed_open_ms) return;
    }
    sink_.push_candle(stream.symbol, stream.interval, c);
    if (closed) stream.last_closed_open_ms = c.open_time_ms;
    return;
  }
}

}  // namespace tb::binance
