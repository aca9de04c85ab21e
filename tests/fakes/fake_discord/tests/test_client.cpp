#include "test_client.hpp"

#include <cctype>
#include <stdexcept>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

namespace tb::fake_discord::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;

std::string http_reply::header(const std::string& lower_name) const {
  const auto it = headers.find(lower_name);
  return it == headers.end() ? std::string{} : it->second;
}

http_client::http_client(std::uint16_t port) : stream_(ioc_), port_(port) {}

void http_client::disconnect() {
  beast::error_code ignored;
  stream_.socket().close(ignored);
  ioc_.restart();
  ioc_.run();  // drain the aborted handlers
  connected_ = false;
  buffer_.clear();
}

http_reply http_client::request(const std::string& method, const std::string& target, const std::string& body,
                                const headers_t& headers) {
  if (!connected_) {
    stream_.socket().connect({net::ip::make_address("127.0.0.1"), port_});
    connected_ = true;
  }
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::user_agent, user_agent);
  req.keep_alive(true);
  if (!body.empty()) {
    req.set(http::field::content_type, "application/json");
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
  ioc_.run_for(20s);
  if (!done || result) {
    const std::string why = done ? result.message() : "timeout";
    disconnect();
    throw std::runtime_error(method + " " + target + " failed: " + why);
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

ws_client::ws_client(std::uint16_t port, const std::string& target) : ws_(ioc_) {
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
                                                    std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
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
    ioc_.run_for(5s);
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

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return condition();
}

}  // namespace tb::fake_discord::test
