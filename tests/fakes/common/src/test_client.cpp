#include "fake_common/test_client.hpp"

#include <cctype>
#include <stdexcept>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

namespace tb::fake_common {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;

std::string http_reply::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string{} : it->second;
}

http_client::http_client(std::uint16_t port, defaults d) : stream_(ioc_), port_(port), defaults_(std::move(d)) {}

void http_client::disconnect() {
  beast::error_code ignored;
  stream_.socket().close(ignored);
  ioc_.restart();
  ioc_.run();  // drain the aborted handlers
  connected_ = false;
  buffer_.clear();
}

std::optional<http_reply> http_client::try_request(const std::string& method, const std::string& target,
                                                   const std::string& body, const headers_t& headers,
                                                   std::chrono::milliseconds timeout) {
  if (!connected_) {
    beast::error_code ec;
    stream_.socket().connect({net::ip::make_address("127.0.0.1"), port_}, ec);
    if (ec) {
      last_error_ = "connect: " + ec.message();
      return std::nullopt;
    }
    connected_ = true;
  }
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [n, v] : defaults_.headers) req.set(n, v);
  req.keep_alive(true);
  if (!body.empty()) {
    req.set(http::field::content_type, defaults_.body_content_type);
    req.body() = body;
  }
  for (const auto& [n, v] : headers) req.set(n, v);
  req.prepare_payload();
  http::response<http::string_body> res;
  beast::error_code result;
  bool done = false;
  http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) {
    if (ec) {
      result = ec;
      done = true;
      return;
    }
    http::async_read(stream_, buffer_, res, [&](beast::error_code ec2, std::size_t) {
      result = ec2;
      done = true;
    });
  });
  ioc_.restart();
  ioc_.run_for(timeout);
  if (!done || result) {
    last_error_ = done ? result.message() : "timeout";
    disconnect();
    return std::nullopt;
  }
  http_reply out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = std::string(f.value());
  }
  if (!res.keep_alive()) disconnect();
  return out;
}

http_reply http_client::request(const std::string& method, const std::string& target, const std::string& body,
                                const headers_t& headers) {
  auto r = try_request(method, target, body, headers);
  if (!r) throw std::runtime_error(method + " " + target + " failed: " + last_error_);
  return *r;
}

ws_client::ws_client(std::uint16_t port, const std::string& target, std::chrono::milliseconds read_until_timeout)
    : ws_(ioc_), read_until_timeout_(read_until_timeout) {
  beast::get_lowest_layer(ws_).socket().connect({net::ip::make_address("127.0.0.1"), port});
  ws_.handshake("127.0.0.1", target);
}

ws_client::~ws_client() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().close(ignored);
  ioc_.restart();
  ioc_.run();
}

void ws_client::send(const nlohmann::json& message) { send_text(message.dump()); }

void ws_client::send_text(const std::string& text) {
  ws_.text(true);
  beast::error_code ec;  // a server that already closed shows up in read()
  ws_.write(net::buffer(text), ec);
}

std::optional<nlohmann::json> ws_client::read(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (inbox_.empty() && !closed_) {
    if (!reading_) {
      reading_ = true;
      ws_.async_read(buffer_, [this](beast::error_code ec, std::size_t) {
        reading_ = false;
        if (ec) {
          closed_ = true;
          if (ec == websocket::error::closed) close_code_ = static_cast<int>(ws_.reason().code);
          return;
        }
        inbox_.push_back(beast::buffers_to_string(buffer_.data()));
        buffer_.consume(buffer_.size());
      });
    }
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) break;
    ioc_.restart();
    ioc_.run_one_for(deadline - now);
  }
  if (inbox_.empty()) return std::nullopt;
  auto text = std::move(inbox_.front());
  inbox_.pop_front();
  return nlohmann::json::parse(text);
}

std::optional<nlohmann::json> ws_client::read_until(const std::function<bool(const nlohmann::json&)>& match,
                                                    std::optional<std::chrono::milliseconds> timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout.value_or(read_until_timeout_);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto m = read(left);
    if (!m) return std::nullopt;
    if (match(*m)) return m;
  }
  return std::nullopt;
}

bool ws_client::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!closed_ && std::chrono::steady_clock::now() < deadline)
    read(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()));
  return closed_;
}

void ws_client::close(int code) {
  if (reading_) {  // let the pending read see the echo
    bool done = false;
    ws_.async_close(websocket::close_reason(static_cast<std::uint16_t>(code)), [&](beast::error_code) { done = true; });
    ioc_.restart();
    ioc_.run_for(std::chrono::seconds(5));
    (void)done;
  } else {
    beast::error_code ignored;
    ws_.close(websocket::close_reason(static_cast<std::uint16_t>(code)), ignored);
  }
  closed_ = true;
}

void ws_client::drop() {
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(net::socket_base::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).socket().close(ignored);
  closed_ = true;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout,
                std::chrono::milliseconds poll_interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    if (poll_interval.count() > 0) std::this_thread::sleep_for(poll_interval);
    else std::this_thread::yield();
  }
  return condition();
}

}  // namespace tb::fake_common
