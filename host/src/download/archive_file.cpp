#include "download/archive_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "download/download_error.hpp"

namespace tb::host::downloader {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const char* what) {
  throw download_error(file.string() + ": " + what + ": " + std::strerror(errno));
}

}  // namespace

archive_file::archive_file(std::filesystem::path file) : file_(std::move(file)) {
  fd_ = ::open(file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) fail(file_, "cannot be opened for writing");
}

archive_file::~archive_file() {
  if (fd_ >= 0) ::close(fd_);
}

void archive_file::truncate(std::uint64_t size) {
  if (::ftruncate(fd_, static_cast<off_t>(size)) != 0) fail(file_, "cannot be truncated");
  if (::fsync(fd_) != 0) fail(file_, "cannot be synced");
}

void archive_file::append(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(file_, "writing failed");
    }
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  if (::fsync(fd_) != 0) fail(file_, "cannot be synced");
}

}  // namespace tb::host::downloader
