// The built exchange_binance.so, loaded with dlopen and driven through the C ABI only.
#pragma once

#include <dlfcn.h>

#include <stdexcept>
#include <string>

#include "tradingbot/tb_abi.h"

namespace tb::binance::testing {

class loaded_plugin {
 public:
  loaded_plugin(const tb_host_api* host, tb_error* err) {
    handle_ = ::dlopen(TB_EXCHANGE_BINANCE_PATH, RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw std::runtime_error(std::string("dlopen: ") + ::dlerror());
    auto entry = reinterpret_cast<tb_plugin_entry_fn>(::dlsym(handle_, TB_ENTRY_SYMBOL));
    if (entry == nullptr) throw std::runtime_error("no entry symbol");
    descriptor_ = entry();
    self_ = descriptor_->create(host, "exchange_binance", err);
    if (self_ == nullptr) throw std::runtime_error(std::string("create: ") + err->message);
    table_ = static_cast<const tb_exchange_v1*>(descriptor_->get_interface(self_, TB_IFACE_EXCHANGE_V1));
  }
  ~loaded_plugin() {
    if (self_ != nullptr) {
      if (started_) descriptor_->stop(self_);
      descriptor_->destroy(self_);
    }
    if (handle_ != nullptr) ::dlclose(handle_);
  }
  loaded_plugin(const loaded_plugin&) = delete;
  loaded_plugin& operator=(const loaded_plugin&) = delete;

  tb_status start(tb_error* err) {
    const tb_status s = descriptor_->start(self_, err);
    started_ = s == TB_OK;
    return s;
  }
  void stop() {
    if (started_) descriptor_->stop(self_);
    started_ = false;
  }
  void* self() const { return self_; }
  const tb_exchange_v1& exchange() const { return *table_; }

 private:
  void* handle_ = nullptr;
  const tb_plugin_descriptor* descriptor_ = nullptr;
  void* self_ = nullptr;
  const tb_exchange_v1* table_ = nullptr;
  bool started_ = false;
};

}  // namespace tb::binance::testing
