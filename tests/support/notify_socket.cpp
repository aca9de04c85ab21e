#include "notify_socket.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tb::test {

notify_socket::notify_socket(const std::filesystem::path& path)
    : fd_(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.string().size() >= sizeof address.sun_path) {
    ::close(fd_);
    throw std::runtime_error("path too long for a unix socket: " + path.string());
  }
  std::strcpy(address.sun_path, path.c_str());
  if (::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const std::string problem = std::strerror(errno);
    ::close(fd_);
    throw std::runtime_error("bind " + path.string() + ": " + problem);
  }
  timeval timeout{10, 0};
  ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

notify_socket::~notify_socket() { ::close(fd_); }

std::optional<std::string> notify_socket::receive(int flags) {
  char buffer[4096];
  const ssize_t n = ::recv(fd_, buffer, sizeof buffer, flags);
  if (n < 0) return std::nullopt;
  return std::string(buffer, static_cast<std::size_t>(n));
}

bool notify_socket::has_datagram() { return receive(MSG_DONTWAIT).has_value(); }

}  // namespace tb::test
