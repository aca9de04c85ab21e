#pragma once
// What systemd listens on for sd_notify(): a unix datagram socket bound at a path (give it
// to the process under test as NOTIFY_SOCKET), read back as systemd would read it.
#include <filesystem>
#include <optional>
#include <string>

namespace tb::test {

class notify_socket {
 public:
  // Throws std::runtime_error naming the path when the socket cannot be bound.
  explicit notify_socket(const std::filesystem::path& path);
  ~notify_socket();
  notify_socket(const notify_socket&) = delete;
  notify_socket& operator=(const notify_socket&) = delete;

  // The next datagram, waiting up to 10 s (so a broken test cannot hang); std::nullopt when
  // none arrived. `flags` as for recv(2), e.g. MSG_DONTWAIT.
  std::optional<std::string> receive(int flags = 0);
  // True when a datagram was waiting (it is consumed).
  bool has_datagram();

 private:
  int fd_;
};

}  // namespace tb::test
