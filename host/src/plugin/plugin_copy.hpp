#pragma once
// Private copies of strategy plugin files for hot reload, and the check that an unloaded one
// really left the process.
//
// glibc matches dlopen() against the objects already loaded by path name: opening a path again
// while the old object is loaded (or was left resident: an STB_GNU_UNIQUE symbol, a
// thread_local with a destructor) hands back the old code and its old static state, even when
// a new file has been renamed over the path meanwhile. So every version of a strategy is
// loaded from a path nothing else has opened, <dir>/<name>.<generation>.<sha256 prefix>.so,
// whose name also says which bytes it holds.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "plugin/file_identity.hpp"

namespace tb::host {

// Hex digits of the SHA-256 in a copy's file name.
inline constexpr std::size_t copy_digest_digits = 12;

struct plugin_copy {
  std::filesystem::path path;  // <dir>/<name>.<generation>.<sha256 prefix>.so
  std::string sha256;          // of the bytes copied: 64 lower-case hex digits
  file_identity source;        // the source file's identity when it was read
};

// Copies `source` into `dir` (created when missing) as
// <name>.<generation>.<first copy_digest_digits of its SHA-256>.so, mode 0600.
//
// The source is read through one descriptor, so the digest and the identity describe exactly
// the bytes copied even when a new file is renamed over the source meanwhile. The bytes go to
// a temporary (.<name>.<generation>.tmp) renamed into place, so a copy's name never names a
// partial file. Throws plugin_error naming the file and the system's reason: file_missing when
// the source cannot be opened or is not a regular file, host_failure when reading or writing
// fails (the temporary is removed).
plugin_copy make_private_copy(const std::filesystem::path& source,
                              const std::filesystem::path& dir, std::string_view name,
                              std::uint64_t generation);

// True when the object loaded from `path` is still mapped in this process:
// dlopen(path, RTLD_NOW | RTLD_NOLOAD), which never loads anything (the reference it takes
// when the object is there is dropped again).
bool is_resident(const std::filesystem::path& path) noexcept;

// Deletes the files of `dir` named like copies of plugin `name` (and their temporaries), as
// left by an earlier run. Returns how many were deleted; a file that cannot be deleted is
// skipped.
std::size_t remove_private_copies(const std::filesystem::path& dir, std::string_view name) noexcept;

}  // namespace tb::host
