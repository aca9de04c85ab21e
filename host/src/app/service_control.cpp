#include "app/service_control.hpp"

namespace tb::host {

void service_control::request_stop(std::string why) {
  {
    std::lock_guard lock(mutex_);
    if (stop_) return;  // the first reason is the one reported
    stop_ = true;
    stop_reason_ = std::move(why);
  }
  wake_.notify_all();
}

bool service_control::stop_requested() const {
  std::lock_guard lock(mutex_);
  return stop_;
}

std::string service_control::stop_reason() const {
  std::lock_guard lock(mutex_);
  return stop_reason_;
}

std::future<nlohmann::json> service_control::request_reload(std::string source) {
  reload_request request{std::move(source), {}};
  auto future = request.report.get_future();
  {
    std::lock_guard lock(mutex_);
    reloads_.push_back(std::move(request));
  }
  wake_.notify_all();
  return future;
}

std::vector<service_control::reload_request> service_control::take_reload_requests() {
  std::lock_guard lock(mutex_);
  return std::exchange(reloads_, {});
}

bool service_control::wait_until(std::chrono::steady_clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  wake_.wait_until(lock, deadline, [&] { return stop_ || !reloads_.empty(); });
  return stop_ || !reloads_.empty();
}

void service_control::set_paused(bool paused) {
  std::lock_guard lock(mutex_);
  paused_ = paused;
}

bool service_control::paused() const {
  std::lock_guard lock(mutex_);
  return paused_;
}

void service_control::set_ready(bool ready, std::string why) {
  std::lock_guard lock(mutex_);
  ready_ = ready;
  not_ready_ = std::move(why);
}

bool service_control::ready(std::string& why) const {
  std::lock_guard lock(mutex_);
  if (!ready_) why = not_ready_;
  return ready_;
}

void service_control::record_signals(const nlohmann::json& scan) {
  std::lock_guard lock(mutex_);
  signals_.push_front(scan);
  if (signals_.size() > keep_signals) signals_.pop_back();
}

nlohmann::json service_control::recent_signals() const {
  std::lock_guard lock(mutex_);
  return nlohmann::json(std::vector<nlohmann::json>(signals_.begin(), signals_.end()));
}

}  // namespace tb::host
