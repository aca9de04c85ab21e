#pragma once

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

}  // namespace tb::host
