#include "plugin/plugin_instance.hpp"

#include <exception>
#include <utility>

namespace tb::host {

std::unique_ptr<plugin_instance> plugin_instance::create(
    std::shared_ptr<const plugin_library> library, const tb_host_api* host,
    std::string instance_name) {
  if (!library) {
    throw plugin_error(plugin_errc::host_failure, {}, "plugin_instance::create: no library");
  }
  const plugin_info& info = library->info();
  if (host == nullptr) {
    throw plugin_error(plugin_errc::host_failure, info.path,
                       "plugin '" + info.id + "' (" + info.path.string() +
                           "): create() needs a host API table and was given none");
  }
  const tb_plugin_descriptor& d = library->descriptor();
  const call_site site{info, instance_name, "create()"};
  tb_error err{};
  void* self = guarded_call(site, [&] { return d.create(host, instance_name.c_str(), &err); });
  if (self == nullptr) {
    const std::string text = error_text(err);
    throw plugin_error(plugin_errc::call_failed, info.path,
                       describe_site(site) + ": create() returned NULL" +
                           (text.empty() ? std::string(" and gave no error message; look for "
                                                       "the plugin's own log lines above")
                                         : ": " + text));
  }
  return std::unique_ptr<plugin_instance>(
      new plugin_instance(std::move(library), host, std::move(instance_name), self));
}

plugin_instance::plugin_instance(std::shared_ptr<const plugin_library> library,
                                 const tb_host_api* host, std::string name, void* self)
    : library_(std::move(library)), host_(host), name_(std::move(name)), self_(self) {}

plugin_instance::~plugin_instance() {
  try {
    close();
  } catch (const std::exception& e) {
    log_error(e.what());
  }
}

void plugin_instance::close() {
  if (self_ == nullptr) return;
  std::exception_ptr first_failure;
  try {
    stop();
  } catch (...) {
    first_failure = std::current_exception();
  }
  void* self = std::exchange(self_, nullptr);
  const tb_plugin_descriptor& d = library_->descriptor();
  try {
    guarded_call(site("destroy()"), [&] { d.destroy(self); });
  } catch (const std::exception& e) {
    if (!first_failure) throw;
    log_error(e.what());
  }
  if (first_failure) std::rethrow_exception(first_failure);
}

void plugin_instance::start() {
  if (started_) return;
  if (closed()) {
    throw plugin_error(plugin_errc::host_failure, info().path,
                       describe_site(site({})) + ": start() called after close()");
  }
  const tb_plugin_descriptor& d = library_->descriptor();
  checked_call(site("start()"), [&](tb_error* err) { return d.start(self_, err); });
  started_ = true;
}

void plugin_instance::stop() {
  if (!started_) return;
  started_ = false;  // a stop that throws is not retried by the destructor
  const tb_plugin_descriptor& d = library_->descriptor();
  guarded_call(site("stop()"), [&] { d.stop(self_); });
}

const void* plugin_instance::raw_interface(const char* id) const {
  if (closed()) {
    throw plugin_error(plugin_errc::host_failure, info().path,
                       describe_site(site({})) + ": get_interface() called after close()");
  }
  const tb_plugin_descriptor& d = library_->descriptor();
  const std::string call = std::string("get_interface(\"") + id + "\")";
  return guarded_call(site(call), [&] { return d.get_interface(self_, id); });
}

void plugin_instance::fail_interface(const char* id, const std::string& problem) const {
  throw plugin_error(plugin_errc::bad_interface, info().path,
                     describe_site(site({})) + ": interface table " + id + " " + problem);
}

void plugin_instance::log_error(const std::string& message) const noexcept {
  if (host_->log != nullptr) host_->log(host_->ctx, TB_LOG_ERROR, message.data(), message.size());
}

}  // namespace tb::host
