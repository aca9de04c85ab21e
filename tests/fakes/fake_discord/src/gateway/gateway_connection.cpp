#include "gateway/gateway_connection.hpp"

#include <chrono>
#include <cmath>
#include <deque>
#include <optional>
#include <string>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "gateway/gateway_hub.hpp"
#include "gateway/gateway_payloads.hpp"
#include "server/fake_context.hpp"
#include "util/query_string.hpp"

namespace tb::fake_discord {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using nlohmann::json;
using steady = std::chrono::steady_clock;

// Read limit well above the 4096-byte protocol limit, so oversize payloads get the protocol's
// 4002 rather than Beast's own 1009.
constexpr std::size_t read_limit = 1 << 20;

struct split_target {
  std::string path;
  query_map query;
};

split_target split(const std::string& target) {
  const auto q = target.find('?');
  return {target.substr(0, q), parse_query(q == std::string::npos ? "" : target.substr(q + 1))};
}

class gateway_connection : public gateway_link, public std::enable_shared_from_this<gateway_connection> {
 public:
  gateway_connection(std::shared_ptr<fake_context> ctx, beast::tcp_stream stream)
      : ctx_(std::move(ctx)), ws_(std::move(stream)), heartbeat_timer_(ws_.get_executor()) {}

  void start(http::request<http::string_body> request) {
    target_ = std::string(request.target());
    const auto t = split(target_);
    on_resume_path_ = t.path == "/resume";
    const auto v = t.query.find("v");
    const auto enc = t.query.find("encoding");
    version_ok_ = v != t.query.end() && v->second == "10";
    encoding_ok_ = enc == t.query.end() || enc->second == "json";
    beast::get_lowest_layer(ws_).expires_never();
    // The closing handshake is bounded so a silent peer cannot hold a close forever.
    ws_.set_option(websocket::stream_base::timeout{std::chrono::seconds(5), websocket::stream_base::none(), false});
    ws_.read_message_max(read_limit);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) { self->on_accept(ec); });
  }

  // gateway_link: called by the hub from any thread; everything runs on this strand.
  void send_text(std::string text) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), text = std::move(text)]() mutable {
      self->send(std::move(text));
    });
  }

  void close_with(int code) override {
    net::post(ws_.get_executor(), [self = shared_from_this(), code] { self->close(code); });
  }

  void drop() override {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (self->finished_) return;
      self->dropped_by_server_ = true;
      beast::error_code ignored;
      auto& socket = beast::get_lowest_layer(self->ws_).socket();
      socket.shutdown(net::socket_base::shutdown_both, ignored);
      socket.close(ignored);
      self->finish();
    });
  }

 private:
  const server_options& options() const { return ctx_->options; }
  gateway_hub& hub() { return *ctx_->gateway; }

  void on_accept(beast::error_code ec) {
    if (ec) return;
    conn_ = hub().open(weak_from_this(), target_);
    window_start_ = steady::now();
    if (!version_ok_) return close(close_code::invalid_api_version);
    if (!encoding_ok_) return close(close_code::decode_error);
    send(hello_payload(options().heartbeat_interval_ms));
    arm_heartbeat_deadline();
    read();
  }

  void arm_heartbeat_deadline() {
    const auto ms = static_cast<std::int64_t>(std::llround(static_cast<double>(options().heartbeat_interval_ms) * options().heartbeat_slack));
    heartbeat_timer_.expires_after(std::chrono::milliseconds(ms));
    heartbeat_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->finished_) return;
      self->close(self->options().heartbeat_timeout_close_code);
    });
  }

  void read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        // A close frame from the client (not the echo of our own close) tells the hub the code.
        std::optional<int> client_code;
        if (ec == websocket::error::closed && !self->closing_) client_code = static_cast<int>(self->ws_.reason().code);
        self->client_code_ = client_code;
        return self->finish();
      }
      std::string text = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      if (self->closing_) return self->read();  // drain until the close completes
      self->on_message(text);
      if (!self->finished_) self->read();
    });
  }

  bool within_send_limit() {
    const auto now = steady::now();
    if (now - window_start_ >= std::chrono::milliseconds(options().gateway_send_window_ms)) {
      window_start_ = now;
      sends_in_window_ = 0;
    }
    return ++sends_in_window_ <= options().gateway_send_limit;
  }

  void on_message(const std::string& text) {
    if (!within_send_limit()) return close(close_code::rate_limited);
    if (text.size() > max_client_payload) return close(close_code::decode_error);
    const json m = json::parse(text, nullptr, false);
    if (m.is_discarded() || !m.is_object() || !m.contains("op") || !m["op"].is_number_integer())
      return close(close_code::decode_error);
    const int op = m["op"].get<int>();
    const json d = m.contains("d") ? m["d"] : json(nullptr);
    switch (op) {
      case gateway_op::heartbeat: return on_heartbeat();
      case gateway_op::identify: return on_identify(d);
      case gateway_op::resume: return on_resume(d);
      case gateway_op::presence_update:
      case gateway_op::voice_state_update:
      case gateway_op::request_guild_members:
      case gateway_op::request_soundboard_sounds:
      case gateway_op::request_channel_info:
        if (!hub().authenticated(conn_)) return close(close_code::not_authenticated);
        return;  // accepted and ignored: the fake has no presence or members
      default:
        return close(close_code::unknown_opcode);
    }
  }

  void on_heartbeat() {
    hub().heartbeat_received();
    arm_heartbeat_deadline();
    if (hub().zombie()) return;  // the switch tests use to make the client see a zombie
    send(heartbeat_ack_payload());
    hub().ack_sent();
  }

  bool token_ok(const json& d) const { return d.contains("token") && d["token"] == options().token; }

  void on_identify(const json& d) {
    if (!d.is_object() || !d.contains("token") || !d["token"].is_string() || !d.contains("intents") ||
        !d["intents"].is_number_integer() || !d.contains("properties") || !d["properties"].is_object())
      return close(close_code::decode_error);
    if (hub().authenticated(conn_)) return close(close_code::already_authenticated);
    if (!token_ok(d)) return close(close_code::authentication_failed);
    const auto signed_intents = d["intents"].get<std::int64_t>();
    if (signed_intents < 0) return close(close_code::invalid_intents);
    const auto intents = static_cast<std::uint64_t>(signed_intents);
    if ((intents & ~known_intents) != 0) return close(close_code::invalid_intents);
    if ((intents & privileged_intents & ~options().enabled_privileged_intents) != 0)
      return close(close_code::disallowed_intents);
    if (const auto s = d.find("shard"); s != d.end() && !s->is_null()) {
      const bool ok = s->is_array() && s->size() == 2 && (*s)[0].is_number_integer() && (*s)[1].is_number_integer() &&
                      (*s)[0].get<std::int64_t>() >= 0 && (*s)[0].get<std::int64_t>() < (*s)[1].get<std::int64_t>();
      if (!ok) return close(close_code::invalid_shard);
    }
    auto r = hub().identify(conn_, intents);
    if (r.outcome == identify_result::kind::already_authenticated) return close(close_code::already_authenticated);
    for (auto& p : r.payloads) send(std::move(p));
  }

  void on_resume(const json& d) {
    if (!d.is_object() || !d.contains("token") || !d["token"].is_string() || !d.contains("session_id") ||
        !d["session_id"].is_string() || !d.contains("seq") || !(d["seq"].is_number_integer() || d["seq"].is_null()))
      return close(close_code::decode_error);
    if (hub().authenticated(conn_)) return close(close_code::already_authenticated);
    if (!token_ok(d)) return close(close_code::authentication_failed);
    const std::int64_t seq = d["seq"].is_null() ? 0 : d["seq"].get<std::int64_t>();
    auto r = hub().resume(conn_, d["session_id"].get<std::string>(), seq, on_resume_path_, target_);
    switch (r.outcome) {
      case resume_result::kind::already_authenticated: return close(close_code::already_authenticated);
      case resume_result::kind::invalid_seq: return close(close_code::invalid_seq);
      default: break;
    }
    for (auto& p : r.payloads) send(std::move(p));
  }

  void send(std::string text) {
    if (finished_ || closing_) return;
    outbox_.push_back(std::move(text));
    if (outbox_.size() == 1) write_next();
  }

  void write_next() {
    ws_.text(true);
    ws_.async_write(net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->finish();
      self->outbox_.pop_front();
      if (!self->outbox_.empty() && !self->closing_) self->write_next();
      else if (self->close_pending_) self->start_close();
    });
  }

  // Sends a close frame (after any queued writes), then closes the TCP connection.
  void close(int code) {
    if (finished_ || closing_) return;
    closing_ = true;
    close_code_ = code;
    heartbeat_timer_.cancel();
    if (conn_ != 0) hub().server_closing(conn_, code);
    if (!outbox_.empty()) {
      close_pending_ = true;  // write_next starts the close when the current write ends
      return;
    }
    start_close();
  }

  void start_close() {
    close_pending_ = false;
    ws_.async_close(websocket::close_reason(static_cast<std::uint16_t>(close_code_)),
                    [self = shared_from_this()](beast::error_code) { self->finish(); });
  }

  void finish() {
    if (finished_) return;
    finished_ = true;
    heartbeat_timer_.cancel();
    if (conn_ != 0) hub().closed(conn_, client_code_, dropped_by_server_ || (!closing_ && !client_code_));
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
  }

  std::shared_ptr<fake_context> ctx_;
  websocket::stream<beast::tcp_stream> ws_;
  net::steady_timer heartbeat_timer_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  std::string target_;
  std::uint64_t conn_ = 0;
  bool on_resume_path_ = false;
  bool version_ok_ = false;
  bool encoding_ok_ = true;
  steady::time_point window_start_{};
  int sends_in_window_ = 0;
  int close_code_ = 1000;
  std::optional<int> client_code_;
  bool closing_ = false;
  bool close_pending_ = false;
  bool dropped_by_server_ = false;
  bool finished_ = false;
};

}  // namespace

bool is_gateway_target(const std::string& target) {
  const auto path = split(target).path;
  return path == "/" || path == "/resume" || path.empty();
}

void start_gateway_connection(std::shared_ptr<fake_context> ctx, beast::tcp_stream stream,
                              http::request<http::string_body> request) {
  std::make_shared<gateway_connection>(std::move(ctx), std::move(stream))->start(std::move(request));
}

}  // namespace tb::fake_discord
