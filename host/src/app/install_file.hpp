#pragma once
// Puts a file in place the way a running process that has the old one mapped needs it.
//
// Writing over a shared library in place changes the pages a process has mapped and crashes
// it; replacing the directory entry with a new inode does not: the running process keeps the
// old inode until it unloads it, and the next dlopen() gets the new one. So the copy goes to
// a hidden temporary in the target's own directory (rename() is atomic only within one
// filesystem), is flushed to disk, gets its mode, and is renamed over the target; then the
// directory is flushed, so that after a crash the name points at either the old file or the
// complete new one, never at a partial file.
#include <sys/types.h>

#include <filesystem>

namespace tb::host {

// The temporary name used for `target`: "<dir>/.<file name>.tmp". It starts with '.', so a
// plugin_watcher never reports it.
std::filesystem::path install_temporary_for(const std::filesystem::path& target);

// Copies `source` to `target` as described above, with permissions `mode` (independent of the
// umask). A stale temporary from an interrupted install is replaced. Throws
// std::runtime_error naming the path and the system's reason on any failure, after removing
// the temporary; `target` is then untouched.
void install_file(const std::filesystem::path& source, const std::filesystem::path& target,
                  mode_t mode);

}  // namespace tb::host
