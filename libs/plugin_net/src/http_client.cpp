#include "plugin_net/http_client.hpp"

#include <poll.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace tb::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

constexpr std::uint64_t body_limit = 64ull * 1024 * 1024; // exchangeInfo is ~1.1 MB

bhttp::verb verb_of(const char* method) {
  const std::string_view m(method);
  if (m == "POST") return bhttp::verb::post;
  if (m == "PUT") return bhttp::verb::put;
  if (m == "PATCH") return bhttp::verb::patch;
  if (m == "DELETE") return bhttp::verb::delete_;
  return bhttp::verb::get;
}

bool is_ip_literal(const std::string& host) {
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

}  // namespace

struct http_client::connection {
  explicit connection(asio::ssl::context* tls_context) : plain(ioc) {
    if (tls_context != nullptr) tls.emplace(ioc, *tls_context);
  }
  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : plain; }

  // Runs one asynchronous step to completion on this connection's own io_context.
  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code result = asio::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
  }

  asio::io_context ioc;
  beast::tcp_stream plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
};

struct http_client::pool {
  endpoint target;
  std::string user_agent;
  std::size_t max_idle = 0;
  std::unique_ptr<asio::ssl::context> tls_context;
  std::mutex mutex;
  std::vector<std::unique_ptr<connection>> idle;

  std::unique_ptr<connection> take() {
    std::lock_guard lock(mutex);
    while (!idle.empty()) {
      std::unique_ptr<connection> c = std::move(idle.back());
      idle.pop_back();
      // A pooled connection the server has closed (or sent something unasked on) reads as
      // readable: drop it rather than discover that halfway through a request.
      pollfd p{};
      p.fd = c->lowest().socket().native_handle();
      p.events = POLLIN;
      if (::poll(&p, 1, 0) == 0) return c;
    }
    return nullptr;
  }
  void give_back(std::unique_ptr<connection> c) {
    std::lock_guard lock(mutex);
    if (idle.size() < max_idle) idle.push_back(std::move(c));
  }
};

std::string_view http_response::header(std::string_view name) const noexcept {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, beast::string_view(name.data(), name.size()))) return value;
  }
  return {};
}

http_client::http_client(endpoint target, std::size_t max_idle, std::string user_agent)
    : pool_(std::make_unique<pool>()) {
  pool_->target = std::move(target);
  pool_->user_agent = std::move(user_agent);
  pool_->max_idle = max_idle;
  if (pool_->target.tls) {
    pool_->tls_context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    pool_->tls_context->set_default_verify_paths();
    pool_->tls_context->set_verify_mode(asio::ssl::verify_peer);
  }
}

http_client::~http_client() = default;

void http_client::close_idle() {
  std::lock_guard lock(pool_->mutex);
  pool_->idle.clear();
}

namespace {

// Opens `c` to `target` by `deadline`; an error message, empty on success.
template <class Connection>
std::string open(Connection& c, const endpoint& target, std::chrono::steady_clock::time_point deadline) {
  tcp::resolver resolver(c.ioc);
  asio::steady_timer timer(c.ioc);
  tcp::resolver::results_type results;
  timer.expires_at(deadline);
  timer.async_wait([&resolver](beast::error_code ec) {
    if (!ec) resolver.cancel();
  });
  beast::error_code ec = c.run([&](auto handler) {
    resolver.async_resolve(target.host, target.port,
                           [&, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
                             results = std::move(r);
                             timer.cancel();
                             handler(e);
                           });
  });
  if (ec) return "resolving " + target.host + ": " + ec.message();
  c.lowest().expires_at(deadline);
  ec = c.run([&](auto handler) { c.lowest().async_connect(results, handler); });
  if (ec) return "connecting to " + target.host_header() + ": " + ec.message();
  c.lowest().socket().set_option(tcp::no_delay(true), ec);
  if (c.tls) {
    if (!is_ip_literal(target.host) &&
        SSL_set_tlsext_host_name(c.tls->native_handle(), target.host.c_str()) != 1) {
      return "TLS: cannot set SNI for " + target.host;
    }
    c.tls->set_verify_callback(asio::ssl::host_name_verification(target.host));
    ec = c.run([&](auto handler) { c.tls->async_handshake(asio::ssl::stream_base::client, handler); });
    if (ec) return "TLS handshake with " + target.host_header() + ": " + ec.message();
  }
  return {};
}

}  // namespace

http_response http_client::send(const http_request& request, clock::time_point deadline,
                                 bool idempotent) {
  bhttp::request<bhttp::string_body> req{verb_of(request.method),
                                         pool_->target.prefix + request.target, 11};
  req.set(bhttp::field::host, pool_->target.host_header());
  req.set(bhttp::field::user_agent, pool_->user_agent);
  req.keep_alive(true);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty()) {
    req.set(bhttp::field::content_type, request.content_type);
    req.body() = request.body;
  }
  req.prepare_payload();

  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<connection> c = attempt == 0 ? pool_->take() : nullptr;
    const bool reused = c != nullptr;
    if (!c) {
      c = std::make_unique<connection>(pool_->tls_context.get());
      const std::string problem = open(*c, pool_->target, deadline);
      if (!problem.empty()) {
        throw transport_error(problem, clock::now() >= deadline, false);
      }
    }
    auto step = [&](auto start) {
      c->lowest().expires_at(deadline);
      return c->run(start);
    };
    beast::error_code ec = step([&](auto handler) {
      if (c->tls) bhttp::async_write(*c->tls, req, handler);
      else bhttp::async_write(c->plain, req, handler);
    });
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(body_limit);
    if (!ec) {
      ec = step([&](auto handler) {
        if (c->tls) bhttp::async_read(*c->tls, c->buffer, parser, handler);
        else bhttp::async_read(c->plain, c->buffer, parser, handler);
      });
    }
    if (ec) {
      const bool timed_out = ec == beast::error::timeout || clock::now() >= deadline;
      const bool stale = reused && !timed_out && !parser.got_some();
      if (stale && idempotent && attempt == 0) continue;
      throw transport_error(std::string(request.method) + " " + request.target.substr(0, request.target.find('?')) +
                                (timed_out ? ": no response before the deadline" : ": " + ec.message()),
                            timed_out, true);
    }
    http_response out;
    auto& res = parser.get();
    out.status = res.result_int();
    for (const auto& field : res) {
      out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    const bool keep = res.keep_alive();
    out.body = std::move(res.body());
    if (keep) pool_->give_back(std::move(c));
    return out;
  }
}

}  // namespace tb::net
