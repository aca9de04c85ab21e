#include "app/plugin_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>
#include <optional>
#include <stdexcept>
#include <system_error>

#include <spdlog/spdlog.h>

namespace tb::host {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

// Renames cover installs; create and close-after-write cover a copy in place; deletes and
// moves away are reported too (the loop decides what a vanished plugin means). IN_MODIFY only
// keeps the debounce running while a large file is still being written, so a slow copy does
// not fire half-way.
constexpr std::uint32_t watch_mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE |
                                     IN_MOVED_FROM | IN_MODIFY | IN_ONLYDIR;

bool is_plugin_file_name(std::string_view name) {
  constexpr std::string_view suffix = ".so";
  return name.size() > suffix.size() && name.front() != '.' && name.ends_with(suffix);
}

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

plugin_watcher::plugin_watcher(std::vector<fs::path> directories,
                               std::chrono::milliseconds debounce, change_callback on_change)
    : directories_(std::move(directories)), debounce_(debounce), on_change_(std::move(on_change)) {
  if (!on_change_) throw std::invalid_argument("plugin watcher: no change callback given");
  try {
    for (const fs::path& directory : directories_) {
      std::error_code ec;
      if (!fs::exists(directory, ec)) {
        throw std::runtime_error("plugin directory to watch does not exist: " + directory.string());
      }
      if (!fs::is_directory(directory, ec)) {
        throw std::runtime_error("plugin directory to watch is not a directory: " +
                                 directory.string());
      }
    }
    inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (inotify_fd_ < 0) throw_errno("plugin watcher: inotify_init1 failed");
    stop_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (stop_fd_ < 0) throw_errno("plugin watcher: eventfd failed");
    for (const fs::path& directory : directories_) {
      const int wd = inotify_add_watch(inotify_fd_, directory.c_str(), watch_mask);
      if (wd < 0) {
        const std::string hint =
            errno == ENOSPC ? " (the inotify watch limit is reached: raise "
                              "fs.inotify.max_user_watches)"
                            : "";
        throw_errno("cannot watch plugin directory " + directory.string() + hint);
      }
      watches_[wd] = directory;
    }
    thread_ = std::thread([this] { run(); });
  } catch (...) {
    close_fd(inotify_fd_);
    close_fd(stop_fd_);
    throw;
  }
}

plugin_watcher::~plugin_watcher() {
  stop();
  close_fd(inotify_fd_);
  close_fd(stop_fd_);
}

void plugin_watcher::stop() {
  if (!thread_.joinable()) return;
  const std::uint64_t one = 1;
  // Cannot fail short of a counter overflow; the thread wakes on the first write.
  [[maybe_unused]] const ssize_t written = ::write(stop_fd_, &one, sizeof one);
  thread_.join();
}

void plugin_watcher::run() {
  std::set<std::string> pending;
  std::optional<steady_clock::time_point> deadline;  // set while `pending` waits
  while (true) {
    int timeout_ms = -1;
    if (deadline) {
      const auto left =
          std::chrono::ceil<std::chrono::milliseconds>(*deadline - steady_clock::now());
      timeout_ms = static_cast<int>(std::max<std::int64_t>(0, left.count()));
    }
    pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    if (poll(fds, 2, timeout_ms) < 0) {
      if (errno == EINTR) continue;
      spdlog::error("plugin watcher: poll failed: {}; no longer watching for plugin changes",
                    std::strerror(errno));
      return;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) != 0 && read_events(pending) > 0) {
      deadline = steady_clock::now() + debounce_;
    }
    if (deadline && steady_clock::now() >= *deadline) {
      deliver(pending);
      pending.clear();
      deadline.reset();
    }
  }
}

std::size_t plugin_watcher::read_events(std::set<std::string>& pending) {
  alignas(inotify_event) char buffer[16 * 1024];
  std::size_t relevant = 0;
  while (true) {
    const ssize_t n = ::read(inotify_fd_, buffer, sizeof buffer);
    if (n <= 0) break;  // EAGAIN: the queue is drained
    for (ssize_t offset = 0; offset < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      if ((event->mask & IN_Q_OVERFLOW) != 0) {
        spdlog::warn("plugin watcher: the inotify queue overflowed; treating every plugin file "
                     "as changed");
        const std::set<std::string> all = every_plugin_file();
        pending.insert(all.begin(), all.end());
        ++relevant;
        continue;
      }
      if ((event->mask & IN_IGNORED) != 0) {
        const auto watch = watches_.find(event->wd);
        spdlog::warn("plugin watcher: {} is no longer watched (deleted or unmounted); restart "
                     "the bot to watch it again",
                     watch != watches_.end() ? watch->second.string() : "a plugin directory");
        continue;
      }
      if (event->len == 0) continue;
      const std::string name(event->name);  // NUL-padded to len
      if (!is_plugin_file_name(name)) continue;
      pending.insert(name);
      ++relevant;
    }
  }
  return relevant;
}

std::set<std::string> plugin_watcher::every_plugin_file() const {
  std::set<std::string> names;
  for (const fs::path& directory : directories_) {
    std::error_code ec;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (is_plugin_file_name(name)) names.insert(name);
    }
  }
  return names;
}

void plugin_watcher::deliver(const std::set<std::string>& changed) {
  try {
    on_change_(changed);
  } catch (const std::exception& e) {
    spdlog::error("plugin watcher: handling a change of plugin files failed: {}", e.what());
  } catch (...) {
    spdlog::error("plugin watcher: handling a change of plugin files failed (unknown exception)");
  }
}

}  // namespace tb::host
