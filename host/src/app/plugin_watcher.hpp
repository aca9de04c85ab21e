#pragma once
// Watches plugin directories and reports which plugin files changed, for
// service.strategy_reload: watch.
//
// The directory is watched, not the file: a deploy renames a new file over the old one
// (`tradingbot plugins install`, rsync, package managers), which replaces the inode a watch
// on the file would follow. Only names ending in ".so" that do not start with '.' count, so
// the temporary files of an install (".x.so.tmp") and editors' dotfiles never fire.
//
// Events are debounced: a burst (a copy's create, writes and close, or several files
// installed together) fires the callback once, `debounce` after the last event, with every
// file name the burst touched. If the kernel's event queue overflows, the callback gets every
// *.so file currently in the directories, since which ones changed is unknown.
//
// Threading: the watcher runs its own thread (poll() on the inotify descriptor and an eventfd
// that stop() signals; the debounce is poll's timeout, so no timer machinery is needed). The
// callback runs on that thread, one call at a time; an exception it throws is logged and the
// watcher goes on. stop() and the destructor return as soon as a running callback returns.
#include <chrono>
#include <filesystem>
#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace tb::host {

class plugin_watcher {
 public:
  // File names ("strategy_ictsmc.so"), not paths: a plugin is found by name along the search
  // path, so the name is what a reload needs.
  using change_callback = std::function<void(const std::set<std::string>& changed)>;

  // Starts watching. Throws std::runtime_error naming the directory when one does not exist,
  // is not a directory or cannot be watched (inotify limits), and when the inotify or eventfd
  // descriptor cannot be made.
  plugin_watcher(std::vector<std::filesystem::path> directories,
                 std::chrono::milliseconds debounce, change_callback on_change);
  ~plugin_watcher();  // stop()
  plugin_watcher(const plugin_watcher&) = delete;
  plugin_watcher& operator=(const plugin_watcher&) = delete;

  // Ends the thread; changes still waiting for their debounce are dropped. Idempotent; must
  // not be called from the callback.
  void stop();

  const std::vector<std::filesystem::path>& directories() const noexcept { return directories_; }

 private:
  void run();
  // Reads every queued event and adds the plugin file names they touched to `pending` (all of
  // them after an overflow). Returns how many events concerned plugin files: any restarts the
  // debounce.
  std::size_t read_events(std::set<std::string>& pending);
  std::set<std::string> every_plugin_file() const;
  void deliver(const std::set<std::string>& changed);

  std::vector<std::filesystem::path> directories_;
  std::chrono::milliseconds debounce_;
  change_callback on_change_;
  std::map<int, std::filesystem::path> watches_;  // inotify watch descriptor -> directory
  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // eventfd: written once by stop()
  std::thread thread_;
};

}  // namespace tb::host
