#include "plugin/file_identity.hpp"

namespace tb::host {

file_identity identity_of(const struct stat& status) noexcept {
  file_identity id;
  id.device = static_cast<std::uint64_t>(status.st_dev);
  id.inode = static_cast<std::uint64_t>(status.st_ino);
  id.size = static_cast<std::uint64_t>(status.st_size);
  id.mtime_ns = static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 +
                static_cast<std::int64_t>(status.st_mtim.tv_nsec);
  return id;
}

std::optional<file_identity> identify(const std::filesystem::path& path) noexcept {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return identity_of(status);
}

}  // namespace tb::host
