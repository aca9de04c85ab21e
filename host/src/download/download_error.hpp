#pragma once
// A download that cannot go on for one symbol: a file that is not ours to append to, or a
// file that cannot be read or written. The message names the file and what is wrong.
#include <stdexcept>

namespace tb::host::downloader {

class download_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tb::host::downloader
