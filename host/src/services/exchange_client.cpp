#include "services/exchange_client.hpp"

#include <stdexcept>

#include "plugin/plugin_call.hpp"

namespace tb::host {
namespace {

exchange_status from_error(tb_status status, const tb_error& err) {
  exchange_status s;
  s.code = status;
  if (status != TB_OK) {
    s.remote_code = err.remote_code;
    s.message = error_text(err);
  }
  return s;
}

// Runs f(tb_error*) under the guard; a thrown plugin_error becomes TB_E_PLUGIN_FAULT.
template <class F>
exchange_status guarded(const plugin_instance& instance, std::string_view function, F&& f) {
  tb_error err{};
  try {
    const tb_status status = status_call(instance.site(function), err, std::forward<F>(f));
    return from_error(status, err);
  } catch (const plugin_error& e) {
    return exchange_status{TB_E_PLUGIN_FAULT, 0, e.what()};
  }
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
  std::vector<const char*> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(s.c_str());
  return out;
}

}  // namespace

std::string exchange_status::describe() const {
  std::string text = tb_status_name(code);
  if (remote_code != 0) text += " (remote " + std::to_string(remote_code) + ")";
  if (!message.empty()) text += ": " + message;
  return text;
}

exchange_client::exchange_client(const plugin_instance& instance)
    : instance_(instance), table_(instance.interface<tb_exchange_v1>()) {
  if (table_ == nullptr) {
    throw std::invalid_argument("plugin '" + instance.info().id + "' instance '" +
                                instance.name() +
                                "' offers no " TB_IFACE_EXCHANGE_V1
                                " interface; configure an exchange plugin for market data");
  }
}

exchange_status exchange_client::list_symbols(std::int64_t deadline_ns,
                                              std::vector<tb_symbol_info>& out) const {
  std::size_t capacity = symbols_hint_.load(std::memory_order_relaxed);
  for (int attempt = 0; attempt < 3; ++attempt) {
    out.assign(capacity, tb_symbol_info{});
    std::size_t count = 0;
    auto status = guarded(instance_, "list_symbols()", [&](tb_error* err) {
      return table_->list_symbols(instance_.self(), deadline_ns, out.data(), out.size(), &count,
                                  err);
    });
    if (status.code == TB_E_BUFFER_TOO_SMALL && count > capacity) {
      capacity = count;
      symbols_hint_.store(count, std::memory_order_relaxed);
      continue;
    }
    out.resize(status.ok() ? std::min(count, out.size()) : 0);
    return status;
  }
  out.clear();
  return exchange_status{TB_E_INTERNAL, 0,
                         "list_symbols(): the symbol count kept growing between calls"};
}

exchange_status exchange_client::fetch_candles(const candle_request& request,
                                               std::int64_t deadline_ns,
                                               std::vector<tb_candle>& out) const {
  std::size_t capacity = request.limit;
  for (int attempt = 0; attempt < 2; ++attempt) {
    out.assign(capacity, tb_candle{});
    std::size_t count = 0;
    auto status = guarded(instance_, "fetch_candles()", [&](tb_error* err) {
      return table_->fetch_candles(instance_.self(), request.symbol.c_str(),
                                   request.interval.c_str(), request.start_ms, request.end_ms,
                                   request.limit, deadline_ns, out.data(), out.size(), &count,
                                   err);
    });
    if (status.code == TB_E_BUFFER_TOO_SMALL && count > capacity) {
      capacity = count;
      continue;
    }
    out.resize(status.ok() ? std::min(count, out.size()) : 0);
    return status;
  }
  out.clear();
  return exchange_status{TB_E_INTERNAL, 0,
                         "fetch_candles(): the plugin asked for more room twice"};
}

exchange_status exchange_client::subscribe_candles(const std::vector<std::string>& symbols,
                                                   const std::string& interval,
                                                   const tb_market_sink& sink) const {
  const auto names = c_strings(symbols);
  return guarded(instance_, "subscribe_candles()", [&](tb_error* err) {
    return table_->subscribe_candles(instance_.self(), names.data(), names.size(),
                                     interval.c_str(), &sink, err);
  });
}

exchange_status exchange_client::unsubscribe_candles(const std::vector<std::string>& symbols,
                                                     const std::string& interval) const {
  const auto names = c_strings(symbols);
  return guarded(instance_, "unsubscribe_candles()", [&](tb_error* err) {
    return table_->unsubscribe_candles(instance_.self(), names.data(), names.size(),
                                       interval.c_str(), err);
  });
}

}  // namespace tb::host
