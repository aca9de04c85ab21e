#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tb::host {

// Replaces `path` with `content` so that a reader (or a crash) sees either the old file or
// the whole new one: writes a temporary file beside it, fsyncs it, renames it over `path`
// and fsyncs the directory. Throws std::runtime_error naming the path, the step and the
// system error; the temporary file is removed on failure.
//
// Thread-safety: concurrent calls for different paths are independent; concurrent calls for
// one path each leave a complete file, the last rename wins.
void write_file_atomically(const std::string& path, std::string_view content);

// The whole content of a file so written, or nullopt when there is no file at `path`.
// Throws std::system_error carrying the cause (a directory, no permission) when there is one
// but it cannot be read.
std::optional<std::string> read_file_if_present(const std::string& path);

}  // namespace tb::host
