#include "plugin/plugin_copy.hpp"

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "core/sha256.hpp"
#include "plugin/plugin_error.hpp"

namespace tb::host {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t chunk_size = 64 * 1024;

std::string system_reason(int error) { return std::generic_category().message(error); }

// A file descriptor closed when it goes out of scope.
class descriptor {
 public:
  explicit descriptor(int fd) noexcept : fd_(fd) {}
  ~descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  descriptor(const descriptor&) = delete;
  descriptor& operator=(const descriptor&) = delete;

  int get() const noexcept { return fd_; }
  // Closes now, for the error a close() of a written file may report.
  int close() noexcept { return ::close(std::exchange(fd_, -1)); }

 private:
  int fd_;
};

[[noreturn]] void fail(plugin_errc code, const fs::path& file, const std::string& problem) {
  throw plugin_error(code, file, file.string() + ": " + problem);
}

void write_all(int fd, const char* data, std::size_t size, const fs::path& file) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      fail(plugin_errc::host_failure, file, "cannot write the copy: " + system_reason(errno));
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

// Reads all of `in` into `out`, hashing on the way; returns the digest.
std::string copy_and_hash(int in, const fs::path& source, int out, const fs::path& temporary) {
  sha256 digest;
  std::unique_ptr<char[]> buffer(new char[chunk_size]);
  for (;;) {
    const ssize_t got = ::read(in, buffer.get(), chunk_size);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(plugin_errc::host_failure, source, "cannot read it: " + system_reason(errno));
    }
    if (got == 0) break;
    digest.add(buffer.get(), static_cast<std::size_t>(got));
    write_all(out, buffer.get(), static_cast<std::size_t>(got), temporary);
  }
  return sha256::hex(digest.finish());
}

// "<name>.<digits>.<hex digits>.so", or the temporary ".<name>.<digits>.tmp".
bool names_a_copy(std::string_view file, std::string_view name) {
  const auto digits_then = [](std::string_view text, std::size_t& at, auto is_digit) {
    const std::size_t begin = at;
    while (at < text.size() && is_digit(static_cast<unsigned char>(text[at]))) ++at;
    return at > begin;
  };
  const auto decimal = [](unsigned char c) { return std::isdigit(c) != 0; };
  const auto hex = [](unsigned char c) { return std::isdigit(c) != 0 || (c >= 'a' && c <= 'f'); };

  bool temporary = false;
  if (!file.empty() && file.front() == '.') {
    temporary = true;
    file.remove_prefix(1);
  }
  if (file.substr(0, name.size()) != name || file.substr(name.size(), 1) != ".") return false;
  std::size_t at = name.size() + 1;
  if (!digits_then(file, at, decimal)) return false;
  if (temporary) return file.substr(at) == ".tmp";
  if (file.substr(at, 1) != ".") return false;
  ++at;
  if (!digits_then(file, at, hex)) return false;
  return file.substr(at) == ".so";
}

}  // namespace

plugin_copy make_private_copy(const fs::path& source, const fs::path& dir, std::string_view name,
                              std::uint64_t generation) {
  const descriptor in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) {
    fail(plugin_errc::file_missing, source, "cannot be opened: " + system_reason(errno));
  }
  struct stat status {};
  if (::fstat(in.get(), &status) != 0) {
    fail(plugin_errc::file_missing, source, "cannot be examined: " + system_reason(errno));
  }
  if (!S_ISREG(status.st_mode)) {
    fail(plugin_errc::file_missing, source, "is not a regular file, so it cannot be a plugin");
  }

  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) fail(plugin_errc::host_failure, dir, "cannot be created: " + ec.message());

  const std::string stem = std::string(name) + "." + std::to_string(generation);
  const fs::path temporary = dir / ("." + stem + ".tmp");
  descriptor out(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (out.get() < 0) {
    fail(plugin_errc::host_failure, temporary, "cannot be created: " + system_reason(errno));
  }
  plugin_copy copy;
  try {
    copy.sha256 = copy_and_hash(in.get(), source, out.get(), temporary);
    if (out.close() != 0) {
      fail(plugin_errc::host_failure, temporary, "cannot write the copy: " + system_reason(errno));
    }
    copy.path = dir / (stem + "." + copy.sha256.substr(0, copy_digest_digits) + ".so");
    fs::rename(temporary, copy.path, ec);
    if (ec) {
      fail(plugin_errc::host_failure, copy.path,
           "cannot be put in place (rename from " + temporary.string() + "): " + ec.message());
    }
  } catch (const plugin_error&) {
    fs::remove(temporary, ec);
    throw;
  } catch (const std::exception& e) {  // OpenSSL, or out of memory
    fs::remove(temporary, ec);
    fail(plugin_errc::host_failure, source, std::string("cannot be copied: ") + e.what());
  }
  copy.source = identity_of(status);
  return copy;
}

bool is_resident(const fs::path& path) noexcept {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  ::dlclose(handle);
  return true;
}

std::size_t remove_private_copies(const fs::path& dir, std::string_view name) noexcept {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!names_a_copy(it->path().filename().string(), name)) continue;
    std::error_code remove_ec;
    if (fs::remove(it->path(), remove_ec)) ++removed;
  }
  return removed;
}

}  // namespace tb::host
