#pragma once
// A download file opened for appending: each append is written whole and flushed to disk
// (fsync) before it returns, so a crash loses at most the page being written, and leaves at
// worst a torn last line (which resume_scan finds and the next run cuts off).
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace tb::host::downloader {

class archive_file {
 public:
  // Opens (creating) `file` for appending; download_error naming it when it cannot.
  explicit archive_file(std::filesystem::path file);
  ~archive_file();
  archive_file(const archive_file&) = delete;
  archive_file& operator=(const archive_file&) = delete;

  // Cuts the file to `size` bytes (a torn last line off) and syncs.
  void truncate(std::uint64_t size);
  // Writes `text` at the end, then fsync. download_error naming the file when it fails.
  void append(std::string_view text);

 private:
  std::filesystem::path file_;
  int fd_ = -1;
};

}  // namespace tb::host::downloader
