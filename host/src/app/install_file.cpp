#include "app/install_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>

namespace tb::host {
namespace {

namespace fs = std::filesystem;

std::runtime_error failure(const std::string& what, const fs::path& path, int error) {
  return std::runtime_error(what + " " + path.string() + ": " + std::strerror(error));
}

// Opens `path` (read-only is enough for fchmod and fsync on Linux), applies `mode` if given,
// flushes it to disk and closes it.
void flush_to_disk(const fs::path& path, int flags, const mode_t* mode) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | flags);
  if (fd < 0) throw failure("cannot open", path, errno);
  if (mode != nullptr && ::fchmod(fd, *mode) != 0) {
    const int error = errno;
    ::close(fd);
    throw failure("cannot set the mode of", path, error);
  }
  if (::fsync(fd) != 0) {
    const int error = errno;
    ::close(fd);
    throw failure("cannot flush to disk", path, error);
  }
  ::close(fd);
}

}  // namespace

fs::path install_temporary_for(const fs::path& target) {
  return target.parent_path() / ("." + target.filename().string() + ".tmp");
}

void install_file(const fs::path& source, const fs::path& target, mode_t mode) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    throw std::runtime_error("cannot install " + source.string() + ": not a regular file");
  }
  const fs::path directory = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(directory, ec)) {
    throw std::runtime_error("cannot install into " + directory.string() +
                             ": no such directory");
  }
  const fs::path temporary = install_temporary_for(target);
  // A leftover from an interrupted install: replaced, never written into (a new inode).
  if (fs::remove(temporary, ec); ec) {
    throw failure("cannot remove the stale", temporary, ec.value());
  }
  try {
    if (!fs::copy_file(source, temporary, fs::copy_options::none, ec) || ec) {
      throw failure("cannot copy " + source.string() + " to", temporary, ec.value());
    }
    flush_to_disk(temporary, O_NOFOLLOW, &mode);
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
      throw failure("cannot rename " + temporary.string() + " to", target, errno);
    }
  } catch (...) {
    fs::remove(temporary, ec);
    throw;
  }
  try {
    flush_to_disk(directory, O_DIRECTORY, nullptr);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(target.string() +
                             " was replaced, but the directory could not be flushed, so the "
                             "change may not survive a crash: " + e.what());
  }
}

}  // namespace tb::host
