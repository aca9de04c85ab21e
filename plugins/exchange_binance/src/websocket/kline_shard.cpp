#include "websocket/kline_shard.hpp"

#include <algorithm>
#include <cctype>
#include <random>

#include "market_data/parsers.hpp"

namespace tb::binance {

std::string kline_stream::name() const {
  std::string lower = symbol;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower + "@kline_" + interval;
}

kline_shard::kline_shard(unsigned id, sdk::host host, endpoint ws, market_data& market,
                         kline_stream_options options, std::vector<kline_stream> streams,
                         sdk::market_sink sink)
    : id_(id), host_(host), ws_(std::move(ws)), market_(market), options_(options),
      sink_(sink), streams_(std::move(streams)) {}

kline_shard::~kline_shard() { stop(); }

void kline_shard::start() { thread_ = std::thread([this] { run(); }); }

void kline_shard::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_.store(true);
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

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
  std::string path = ws_.prefix + "/market/stream?streams=";
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < streams_.size(); ++i) {
    if (i > 0) path += '/';
    path += streams_[i].name();
  }
  return path;
}

void kline_shard::run() {
  std::mt19937_64 random(std::random_device{}() ^ id_);
  unsigned attempt = 0;
  while (!stop_.load()) {
    bool connected = false;
    std::string why;
    try {
      why = run_ws_session(*this, connected);
    } catch (const std::exception& e) {  // nothing may escape a plugin-owned thread
      why = std::string("internal error: ") + e.what();
    }
    if (connected) {
      sink_.push_stream_status("klines", sdk::stream_status::disconnected, why.c_str());
      attempt = 0;
    }
    if (stop_.load()) break;
    const auto delay = backoff_delay(options_.backoff, attempt++, random());
    host_.warn("exchange_binance: kline shard " + std::to_string(id_) + ": " + why +
               "; reconnecting in " + std::to_string(delay.count()) + " ms");
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, delay, [this] { return stop_.load(); });
  }
}

void kline_shard::backfill(kline_stream& stream, std::int64_t before_open_ms) {
  // Candles after the last closed one; those opened before `before_open_ms` are known to be
  // closed because a later one has closed.
  sdk::candle_request request;
  request.symbol = stream.symbol;
  request.interval = stream.interval;
  request.start_ms = stream.last_closed_open_ms + 1;
  request.limit = 1500;
  try {
    const auto candles =
        market_.fetch_candles(request, sdk::lane::bulk, host_.deadline_in(std::chrono::seconds(30)));
    for (tb_candle c : candles) {
      if (c.open_time_ms <= stream.last_closed_open_ms) continue;
      const bool closed = (c.flags & TB_CANDLE_CLOSED) != 0 ||
                          (before_open_ms != 0 && c.open_time_ms < before_open_ms);
      if (!closed) break;
      c.flags |= TB_CANDLE_CLOSED;
      sink_.push_candle(stream.symbol, stream.interval, c);
      stream.last_closed_open_ms = c.open_time_ms;
    }
  } catch (const std::exception& e) {
    host_.warn("exchange_binance: backfilling " + stream.name() + " failed (" + e.what() +
               "); retried at the next closed candle or reconnect");
  }
}

void kline_shard::backfill_all() {
  std::lock_guard lock(mutex_);
  for (auto& stream : streams_) {
    if (stop_.load()) return;
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
