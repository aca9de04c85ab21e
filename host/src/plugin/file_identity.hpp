#pragma once
// Which file a path names, and which version of it: device, inode, size and modification
// time. A deploy that renames a new file over a plugin (the only safe way to replace a
// loaded one) changes the inode; one that rewrites it in place changes size or mtime.
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>

namespace tb::host {

struct file_identity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;

  bool operator==(const file_identity&) const = default;
};

file_identity identity_of(const struct stat& status) noexcept;

// The identity of the file `path` names (symbolic links followed); nullopt when it cannot be
// stat()ed (missing, no permission).
std::optional<file_identity> identify(const std::filesystem::path& path) noexcept;

}  // namespace tb::host
