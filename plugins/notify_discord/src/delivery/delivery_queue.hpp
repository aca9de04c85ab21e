// One ordered, bounded delivery queue for one Discord target (a channel through the bot, or a
// webhook), drained by its own worker thread.
//
// Order and loss: strictly FIFO. The head is retried with backoff until Discord answers, so
// nothing is reordered or lost while the process lives. A permanent rejection (a 4xx other
// than 429) drops only that message, with an error log and the "delivery_failed" alert
// (critical for 401/403/404, which pause the queue for a long backoff; warning otherwise).
//
// Exactly once: in bot mode every message carries a nonce (made when pushed, at most 25
// characters, kept across retries) with enforce_nonce, so a retry after an unknown outcome
// (a timeout after sending) returns the original message instead of posting it twice. Webhooks
// have no nonce: after an unknown outcome the retry may, rarely, post a duplicate.
//
// Overflow: push() refuses messages when `capacity` are waiting, raises "delivery_overflow"
// (warning) once per burst and counts the drops; the alert resolves when the queue drains
// below half.
#pragma once

#include <chrono>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "plugin_net/backoff.hpp"
#include "rest/discord_rest.hpp"
#include "tradingbot/sdk/host.hpp"

namespace tb::discord {

struct delivery_target {
  std::string channel_id;  // bot mode: POST /channels/{id}/messages
  std::string webhook_id;  // webhook mode: POST /webhooks/{id}/{token}?wait=true
  std::string webhook_token;
  std::string label;  // for logs ("trades"); never holds a secret
};

struct delivery_options {
  std::size_t capacity = 1000;
  net::backoff_policy retry{std::chrono::milliseconds(500), std::chrono::milliseconds(30'000)};
  std::chrono::milliseconds request_timeout{15000};  // one delivery attempt, 429 waits included
  // After 401/403/404 (will not recover by itself): the pause before the next message,
  // doubling up to `fatal_pause_cap` while it keeps failing.
  std::chrono::milliseconds fatal_pause{60'000};
  std::chrono::milliseconds fatal_pause_cap{600'000};
};

struct delivery_stats {
  std::size_t queued = 0;              // waiting now, the head included
  std::uint64_t delivered = 0;
  std::uint64_t retries = 0;           // failed attempts that were retried
  std::uint64_t failed_permanently = 0;
  std::uint64_t dropped_overflow = 0;
  std::uint64_t rate_limited = 0;      // 429 answers seen
};

class delivery_queue {
 public:
  using clock = std::chrono::steady_clock;

  // `rest` must outlive the queue. Throws std::invalid_argument when the target names neither
  // a channel nor a webhook id and token.
  delivery_queue(sdk::host host, discord_rest& rest, delivery_target target,
                 delivery_options options);
  // Stops the worker at once (what is queued is lost; call stop() first to flush).
  ~delivery_queue();
  delivery_queue(const delivery_queue&) = delete;
  delivery_queue& operator=(const delivery_queue&) = delete;

  // Starts the worker thread. Messages pushed before start() wait for it.
  void start();

  // [any] Queues a message body (message_for()); in bot mode a nonce is set here. False when
  // the queue is full (the message is dropped and counted).
  bool push(nlohmann::json message);

  // [any] True once everything pushed before the call is delivered (or permanently
  // rejected); false when `deadline` passes first.
  bool flush(clock::time_point deadline);

  // [control] Flushes until `deadline`, then stops the worker and logs how many messages were
  // left undelivered. A request in flight is waited for (at most request_timeout).
  void stop(clock::time_point deadline);

  delivery_stats stats() const;

 private:
  struct entry {
    std::uint64_t seq;
    std::string body;
  };
  enum class outcome { delivered, dropped, retry, stopped };

  void run(std::stop_token stop);
  outcome attempt(const entry& head, const std::stop_token& stop, clock::duration& wait);
  outcome rejected(const rest_reply& reply, clock::duration& wait);
  void finish_head(bool delivered);
  void pause(clock::duration wait, const std::stop_token& stop);
  // Reports the "delivery" component when its state changes. Call without mutex_ held.
  void set_health(bool healthy, const std::string& detail);
  std::string make_nonce(std::uint64_t seq) const;

  sdk::host host_;
  discord_rest& rest_;
  delivery_target target_;
  delivery_options options_;
  std::string route_;  // secret for webhooks: log shown_ instead
  std::string shown_;  // "channel 1 (label)" / "webhook 2 (label)"
  bool bot_mode_;
  std::uint64_t nonce_salt_;
  std::atomic<std::uint64_t> nonce_count_{0};

  mutable std::mutex mutex_;
  std::condition_variable_any changed_;  // pushed, head finished
  std::deque<entry> queue_;
  std::uint64_t next_seq_ = 1;
  std::uint64_t done_seq_ = 0;  // every seq up to this one is finished
  delivery_stats stats_;
  bool overflowing_ = false;
  std::uint64_t overflow_burst_ = 0;
  bool healthy_ = true;
  bool health_reported_ = false;
  bool failed_alert_ = false;
  unsigned attempt_ = 0;       // of the head
  unsigned fatal_streak_ = 0;  // consecutive 401/403/404
  std::jthread worker_;
};

}  // namespace tb::discord
