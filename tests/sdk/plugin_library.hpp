// Opens a built plugin the way the host does (dlopen RTLD_NOW | RTLD_LOCAL, then the entry
// symbol), for tests that drive plugins through the C ABI.
#pragma once

#include <dlfcn.h>

#include <stdexcept>
#include <string>

#include "tradingbot/tb_abi.h"

namespace tb::sdk::testing {

class plugin_library {
 public:
  explicit plugin_library(const std::string& path)
      : handle_(dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) throw std::runtime_error("dlopen " + path + ": " + dlerror());
    void* entry = dlsym(handle_, TB_ENTRY_SYMBOL);
    if (entry == nullptr) {
      dlclose(handle_);
      throw std::runtime_error(path + ": no symbol " TB_ENTRY_SYMBOL);
    }
    descriptor_ = reinterpret_cast<tb_plugin_entry_fn>(entry)();
    if (descriptor_ == nullptr) {
      dlclose(handle_);
      throw std::runtime_error(path + ": " TB_ENTRY_SYMBOL " returned NULL");
    }
  }
  ~plugin_library() { dlclose(handle_); }
  plugin_library(const plugin_library&) = delete;
  plugin_library& operator=(const plugin_library&) = delete;

  const tb_plugin_descriptor& descriptor() const { return *descriptor_; }

  template <class Table>
  const Table* interface(void* self, const char* id) const {
    return static_cast<const Table*>(descriptor_->get_interface(self, id));
  }

 private:
  void* handle_;
  const tb_plugin_descriptor* descriptor_ = nullptr;
};

// One created instance, stopped and destroyed at the end of the scope.
class plugin_instance {
 public:
  plugin_instance(const plugin_library& library, const tb_host_api* host, const char* name)
      : library_(library), self_(library.descriptor().create(host, name, &error_)) {}
  ~plugin_instance() {
    if (self_ == nullptr) return;
    if (started_) library_.descriptor().stop(self_);
    library_.descriptor().destroy(self_);
  }
  plugin_instance(const plugin_instance&) = delete;
  plugin_instance& operator=(const plugin_instance&) = delete;

  void* self() const { return self_; }
  const tb_error& create_error() const { return error_; }

  tb_status start(tb_error* err) {
    const tb_status status = library_.descriptor().start(self_, err);
    started_ = status == TB_OK;
    return status;
  }

 private:
  const plugin_library& library_;
  tb_error error_{};
  void* self_;
  bool started_ = false;
};

}  // namespace tb::sdk::testing
