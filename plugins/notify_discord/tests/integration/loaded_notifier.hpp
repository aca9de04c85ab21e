// The built notify_discord.so, loaded with dlopen and driven through the C ABI only, with a
// host table whose "tb.bot/1" extension answers from a scripted bot (bot_script) so the
// plugin's slash commands can be checked without a running trading bot.
#pragma once

#include <dlfcn.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_host.hpp"
#include "tradingbot/tb_abi.h"

namespace tb::discord::testing {

// What the host's bot answers: reports by name, and the pauses asked for.
struct bot_script {
  std::mutex mutex;
  std::function<std::string(const std::string&)> report;  // throws: TB_E_INTERNAL
  std::chrono::milliseconds delay{0};                     // before each report
  std::vector<std::pair<bool, std::string>> pauses;       // (paused, who)
};

class loaded_notifier {
 public:
  // `services` must be configured (set_config) before; the plugin is created at once.
  loaded_notifier(test_host& services, bot_script* bot) : bot_(bot) {
    api_ = *services.api();
    if (bot_ != nullptr) {
      current() = this;
      api_.get_extension = &extension;
    }
    handle_ = ::dlopen(TB_NOTIFY_DISCORD_PATH, RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + ::dlerror());
    auto entry = reinterpret_cast<tb_plugin_entry_fn>(::dlsym(handle_, TB_ENTRY_SYMBOL));
    if (entry == nullptr) throw std::runtime_error("no entry symbol");
    descriptor_ = entry();
    self_ = descriptor_->create(&api_, "discord", &create_error_);
    if (self_ != nullptr) {
      table_ = static_cast<const tb_notifier_v1*>(descriptor_->get_interface(self_, TB_IFACE_NOTIFIER_V1));
    }
  }
  ~loaded_notifier() {
    stop();
    if (self_ != nullptr) descriptor_->destroy(self_);
    if (handle_ != nullptr) ::dlclose(handle_);
    if (current() == this) current() = nullptr;
  }
  loaded_notifier(const loaded_notifier&) = delete;
  loaded_notifier& operator=(const loaded_notifier&) = delete;

  bool created() const { return self_ != nullptr; }
  const tb_error& create_error() const { return create_error_; }
  tb_status start(tb_error* err) {
    const tb_status s = descriptor_->start(self_, err);
    started_ = s == TB_OK;
    return s;
  }
  void stop() {
    if (started_) descriptor_->stop(self_);
    started_ = false;
  }
  tb_status notify(const tb_notification& note, tb_error* err) { return table_->notify(self_, &note, err); }
  tb_status flush(std::int64_t deadline_ns, tb_error* err) { return table_->flush(self_, deadline_ns, err); }

 private:
  static loaded_notifier*& current() {
    static loaded_notifier* instance = nullptr;
    return instance;
  }
  static tb_status report(void*, const char* name, char* buf, size_t capacity, size_t* length,
                          tb_error* err) {
    bot_script& bot = *current()->bot_;
    std::this_thread::sleep_for(bot.delay);
    std::string text;
    try {
      std::lock_guard lock(bot.mutex);
      text = bot.report(name);
    } catch (const std::exception& e) {
      std::snprintf(err->message, sizeof err->message, "%s", e.what());
      return TB_E_INTERNAL;
    }
    *length = text.size();
    if (capacity < text.size()) return TB_E_BUFFER_TOO_SMALL;
    text.copy(buf, text.size());
    return TB_OK;
  }
  static tb_status set_paused(void*, int32_t paused, const char* who, tb_error*) {
    bot_script& bot = *current()->bot_;
    std::lock_guard lock(bot.mutex);
    bot.pauses.emplace_back(paused != 0, who);
    return TB_OK;
  }
  static const void* extension(void*, const char* id) {
    static const tb_bot_v1 table{sizeof(tb_bot_v1), &report, &set_paused};
    return std::string(id) == TB_EXTENSION_BOT_V1 ? &table : nullptr;
  }

  bot_script* bot_;
  tb_host_api api_{};
  void* handle_ = nullptr;
  const tb_plugin_descriptor* descriptor_ = nullptr;
  void* self_ = nullptr;
  const tb_notifier_v1* table_ = nullptr;
  tb_error create_error_{};
  bool started_ = false;
};

}  // namespace tb::discord::testing
