#include "delivery/delivery_queue.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace tb::discord {
namespace {

using std::chrono::milliseconds;

std::string base36(std::uint64_t value, std::size_t width) {
  constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), digits[value % 36]);
    value /= 36;
  } while (value != 0);
  if (out.size() < width) out.insert(0, width - out.size(), '0');
  return out;
}

std::string ms_text(std::chrono::steady_clock::duration d) {
  return std::to_string(std::chrono::ceil<milliseconds>(d).count()) + " ms";
}

// The JSON "errors" detail of a 50035, cut short.
std::string error_detail(const std::string& body) {
  const auto value = nlohmann::json::parse(body, nullptr, false);
  if (!value.is_object() || !value.contains("errors")) return {};
  std::string text = value["errors"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > 300) text = text.substr(0, 300) + "...";
  return " " + text;
}

constexpr const char* overflow_alert = "delivery_overflow";
constexpr const char* failed_alert = "delivery_failed";
constexpr const char* component = "delivery";

}  // namespace

delivery_queue::delivery_queue(sdk::host host, discord_rest& rest, delivery_target target,
                               delivery_options options)
    : host_(host), rest_(rest), target_(std::move(target)), options_(options),
      bot_mode_(!target_.channel_id.empty()), nonce_salt_(net::random_draw() % 3'656'158'440'062'976ULL) {
  const std::string label = target_.label.empty() ? "" : " (" + target_.label + ")";
  if (bot_mode_) {
    route_ = "/channels/" + target_.channel_id + "/messages";
    shown_ = "channel " + target_.channel_id + label;
  } else if (!target_.webhook_id.empty() && !target_.webhook_token.empty()) {
    route_ = "/webhooks/" + target_.webhook_id + "/" + target_.webhook_token + "?wait=true";
    shown_ = "webhook " + target_.webhook_id + label;
  } else {
    throw std::invalid_argument("discord delivery target" + label +
                                ": set a channel_id (bot) or a webhook id and token");
  }
  options_.capacity = std::max<std::size_t>(options_.capacity, 1);
}

delivery_queue::~delivery_queue() {
  if (worker_.joinable()) {
    worker_.request_stop();
    worker_.join();
  }
}

void delivery_queue::start() {
  if (worker_.joinable()) return;
  worker_ = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
}

std::string delivery_queue::make_nonce(std::uint64_t seq) const {
  return base36(nonce_salt_, 10) + base36(seq, 1);  // at most 23 characters
}

bool delivery_queue::push(nlohmann::json message) {
  if (bot_mode_) {
    message["nonce"] = make_nonce(++nonce_count_);
    message["enforce_nonce"] = true;
  } else if (message.is_object()) {
    message.erase("nonce");  // webhooks take no nonce
    message.erase("enforce_nonce");
  }
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

  bool first_of_burst = false;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() < options_.capacity) {
      queue_.push_back({next_seq_++, std::move(body)});
      changed_.notify_all();
      return true;
    }
    ++stats_.dropped_overflow;
    ++overflow_burst_;
    first_of_burst = !overflowing_;
    overflowing_ = true;
  }
  if (first_of_burst) {
    const std::string detail = "the delivery queue for " + shown_ + " holds " +
                               std::to_string(options_.capacity) +
                               " messages; new messages are dropped until it drains (Discord "
                               "slow, unreachable or rate limiting)";
    host_.warn("discord: " + detail);
    host_.raise_alert(overflow_alert, sdk::severity::warning, "Discord delivery queue full",
                      detail);
    set_health(false, "queue full for " + shown_);
  }
  return false;
}

bool delivery_queue::flush(clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  const std::uint64_t target = next_seq_ - 1;
  return changed_.wait_until(lock, deadline, [&] { return done_seq_ >= target; });
}

void delivery_queue::stop(clock::time_point deadline) {
  if (worker_.joinable()) {
    flush(deadline);
    worker_.request_stop();
    worker_.join();
  }
  const std::size_t left = stats().queued;
  if (left > 0) {
    host_.warn("discord: stopped delivery to " + shown_ + " with " + std::to_string(left) +
               " message(s) undelivered");
  } else {
    host_.info("discord: stopped delivery to " + shown_ + ", nothing left undelivered");
  }
}

delivery_stats delivery_queue::stats() const {
  std::lock_guard lock(mutex_);
  delivery_stats out = stats_;
  out.queued = queue_.size();
  return out;
}

void delivery_queue::run(std::stop_token stop) {
  for (;;) {
    entry head;
    {
      std::unique_lock lock(mutex_);
      if (!changed_.wait(lock, stop, [&] { return !queue_.empty(); })) return;
      head = queue_.front();
    }
    clock::duration wait = clock::duration::zero();
    switch (attempt(head, stop, wait)) {
      case outcome::delivered: finish_head(true); break;
      case outcome::dropped:
        finish_head(false);
        pause(wait, stop);
        break;
      case outcome::retry: pause(wait, stop); break;
      case outcome::stopped: return;
    }
    if (stop.stop_requested()) return;
  }
}

void delivery_queue::pause(clock::duration wait, const std::stop_token& stop) {
  if (wait <= clock::duration::zero()) return;
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, stop, wait, [] { return false; });
}

delivery_queue::outcome delivery_queue::attempt(const entry& head, const std::stop_token& stop,
                                                clock::duration& wait) {
  try {
    const rest_reply reply =
        rest_.send("POST", route_, head.body,
                   bot_mode_ ? discord_rest::auth::bot : discord_rest::auth::none,
                   clock::now() + options_.request_timeout, stop);
    {
      std::lock_guard lock(mutex_);
      stats_.rate_limited += reply.rate_limited;
      stats_.retries += reply.attempts > 0 ? reply.attempts - 1 : 0;
    }
    if (reply.status >= 200 && reply.status < 300) return outcome::delivered;
    return rejected(reply, wait);
  } catch (const rest_failure& failure) {
    if (stop.stop_requested()) return outcome::stopped;
    unsigned attempt_number = 0;
    {
      std::lock_guard lock(mutex_);
      stats_.rate_limited += failure.rate_limited();
      ++stats_.retries;
      attempt_number = ++attempt_;
    }
    wait = failure.retry_after() > milliseconds::zero()
               ? clock::duration(failure.retry_after())
               : clock::duration(net::backoff_delay(options_.retry, attempt_number - 1, net::random_draw()));
    if (attempt_number == 1 || attempt_number % 10 == 0) {
      const bool duplicate_risk = !bot_mode_ && failure.may_have_arrived();
      host_.warn("discord: delivery to " + shown_ + " failed (attempt " +
                 std::to_string(attempt_number) + "): " + failure.what() + "; retrying in " +
                 ms_text(wait) +
                 (duplicate_risk ? " (a webhook has no nonce: the retry may post a duplicate)"
                                 : ""));
    }
    set_health(false, "retrying delivery to " + shown_);
    return outcome::retry;
  }
}

delivery_queue::outcome delivery_queue::rejected(const rest_reply& reply, clock::duration& wait) {
  const discord_error error = error_of(reply.body);
  const bool fatal = reply.status == 401 || reply.status == 403 || reply.status == 404;
  std::string what = "Discord rejected a message for " + shown_ + ": HTTP " +
                     std::to_string(reply.status) + ", code " + std::to_string(error.code) +
                     (error.message.empty() ? "" : " (" + error.message + ")") +
                     error_detail(reply.body) + "; the message is dropped";
  unsigned streak = 0;
  {
    std::lock_guard lock(mutex_);
    ++stats_.failed_permanently;
    failed_alert_ = true;
    attempt_ = 0;
    streak = fatal ? fatal_streak_++ : 0;
  }
  if (fatal) {
    auto pause_for = options_.fatal_pause;
    for (unsigned i = 0; i < streak && pause_for < options_.fatal_pause_cap; ++i) pause_for *= 2;
    pause_for = std::min(pause_for, options_.fatal_pause_cap);
    wait = pause_for;
    what += reply.status == 404 ? "; check the channel or webhook id"
                                : "; check the bot token and its permissions in the channel";
    what += "; pausing deliveries for " + ms_text(wait);
  }
  host_.error("discord: " + what);
  host_.raise_alert(failed_alert, fatal ? sdk::severity::critical : sdk::severity::warning,
                    "Discord delivery failed", what);
  if (fatal) set_health(false, "Discord refuses deliveries to " + shown_);
  return outcome::dropped;
}

void delivery_queue::finish_head(bool delivered) {
  bool resolve_failed = false;
  bool resolve_overflow = false;
  bool now_healthy = false;
  std::uint64_t burst = 0;
  {
    std::lock_guard lock(mutex_);
    done_seq_ = queue_.front().seq;
    queue_.pop_front();
    if (delivered) {
      ++stats_.delivered;
      attempt_ = 0;
      fatal_streak_ = 0;
      resolve_failed = std::exchange(failed_alert_, false);
    }
    if (overflowing_ && queue_.size() < options_.capacity / 2) {
      overflowing_ = false;
      resolve_overflow = true;
      burst = std::exchange(overflow_burst_, 0);
    }
    now_healthy = delivered && !overflowing_;
    changed_.notify_all();
  }
  if (resolve_overflow) {
    host_.warn("discord: the delivery queue for " + shown_ + " drained; " +
               std::to_string(burst) + " message(s) were dropped while it was full");
    host_.resolve_alert(overflow_alert);
  }
  if (resolve_failed) host_.resolve_alert(failed_alert);
  if (now_healthy) set_health(true, "delivering to " + shown_);
}

void delivery_queue::set_health(bool healthy, const std::string& detail) {
  {
    std::lock_guard lock(mutex_);
    if (health_reported_ && healthy_ == healthy) return;
    health_reported_ = true;
    healthy_ = healthy;
  }
  host_.update_health(healthy ? sdk::health_state::healthy : sdk::health_state::degraded, detail,
                      component);
}

}  // namespace tb::discord
