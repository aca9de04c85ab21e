#include "services/exchange_client.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string_view>

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

// Fills `out` through call(T* buffer, size_t capacity, size_t* count, tb_error*), starting
// with `capacity` slots and growing to the reported count on TB_E_BUFFER_TOO_SMALL, at most
// `tries` times (the count may grow between calls). `hint`, when given, remembers the size.
template <class T, class Call>
exchange_status list_into(const plugin_instance& instance, std::string_view function,
                          std::size_t capacity, int tries, std::vector<T>& out, Call call,
                          std::atomic<std::size_t>* hint = nullptr) {
  for (int attempt = 0; attempt < tries; ++attempt) {
    out.assign(capacity, T{});
    std::size_t count = 0;
    auto status = guarded(instance, function, [&](tb_error* err) {
      return call(out.data(), out.size(), &count, err);
    });
    if (status.code == TB_E_BUFFER_TOO_SMALL && count > capacity) {
      capacity = count;
      if (hint != nullptr) hint->store(count, std::memory_order_relaxed);
      continue;
    }
    out.resize(status.ok() ? std::min(count, out.size()) : 0);
    return status;
  }
  out.clear();
  return exchange_status{TB_E_INTERNAL, 0,
                         std::string(function) + ": the plugin asked for more room " +
                             std::to_string(tries) + " times"};
}

exchange_status unsupported(std::string_view function) {
  return exchange_status{TB_E_UNSUPPORTED, 0,
                         std::string(function) + ": this exchange plugin does not offer it"};
}

std::vector<const char*> c_strings(const std::vector<std::string>& v) {
  std::vector<const char*> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(s.c_str());
  return out;
}

}  // namespace

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
  return list_into(
      instance_, "list_symbols()", symbols_hint_.load(std::memory_order_relaxed), 3, out,
      [&](tb_symbol_info* buffer, std::size_t capacity, std::size_t* count, tb_error* err) {
        return table_->list_symbols(instance_.self(), deadline_ns, buffer, capacity, count, err);
      },
      &symbols_hint_);
}

exchange_status exchange_client::fetch_candles(const candle_request& request,
                                               std::int64_t deadline_ns,
                                               std::vector<tb_candle>& out) const {
  return list_into(
      instance_, "fetch_candles()", request.limit, 2, out,
      [&](tb_candle* buffer, std::size_t capacity, std::size_t* count, tb_error* err) {
        return table_->fetch_candles(instance_.self(), request.symbol.c_str(),
                                     request.interval.c_str(), request.start_ms, request.end_ms,
                                     request.limit, deadline_ns, buffer, capacity, count, err);
      });
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

exchange_status exchange_client::get_balances(std::int64_t deadline_ns,
                                              std::vector<tb_balance>& out) {
  if (table_->get_balances == nullptr) return unsupported("get_balances()");
  return list_into(instance_, "get_balances()", 16, 3, out,
                   [&](tb_balance* buffer, std::size_t capacity, std::size_t* count,
                       tb_error* err) {
                     return table_->get_balances(instance_.self(), deadline_ns, buffer, capacity,
                                                 count, err);
                   });
}

exchange_status exchange_client::get_positions(std::int64_t deadline_ns,
                                               std::vector<tb_position>& out) {
  if (table_->get_positions == nullptr) return unsupported("get_positions()");
  return list_into(instance_, "get_positions()", 16, 3, out,
                   [&](tb_position* buffer, std::size_t capacity, std::size_t* count,
                       tb_error* err) {
                     return table_->get_positions(instance_.self(), deadline_ns, buffer,
                                                  capacity, count, err);
                   });
}

exchange_status exchange_client::place_order(const tb_order_request& request,
                                             std::int64_t deadline_ns, tb_order_state& ack) {
  if (table_->place_order == nullptr) return unsupported("place_order()");
  ack = tb_order_state{};
  ack.struct_size = sizeof ack;
  return guarded(instance_, "place_order()", [&](tb_error* err) {
    return table_->place_order(instance_.self(), &request, deadline_ns, &ack, err);
  });
}

exchange_status exchange_client::cancel_order(const std::string& symbol,
                                              const std::string& client_order_id,
                                              std::int64_t deadline_ns,
                                              tb_order_state& result) {
  if (table_->cancel_order == nullptr) return unsupported("cancel_order()");
  result = tb_order_state{};
  result.struct_size = sizeof result;
  return guarded(instance_, "cancel_order()", [&](tb_error* err) {
    return table_->cancel_order(instance_.self(), symbol.c_str(), client_order_id.c_str(),
                                deadline_ns, &result, err);
  });
}

exchange_status exchange_client::query_order(const std::string& symbol,
                                             const std::string& client_order_id,
                                             std::int64_t deadline_ns,
                                             tb_order_state& result) {
  if (table_->query_order == nullptr) return unsupported("query_order()");
  result = tb_order_state{};
  result.struct_size = sizeof result;
  return guarded(instance_, "query_order()", [&](tb_error* err) {
    return table_->query_order(instance_.self(), symbol.c_str(), client_order_id.c_str(),
                               deadline_ns, &result, err);
  });
}

exchange_status exchange_client::list_open_orders(const std::string& symbol,
                                                  std::int64_t deadline_ns,
                                                  std::vector<tb_order_state>& out) {
  if (table_->list_open_orders == nullptr) return unsupported("list_open_orders()");
  return list_into(
      instance_, "list_open_orders()", orders_hint_.load(std::memory_order_relaxed), 3, out,
      [&](tb_order_state* buffer, std::size_t capacity, std::size_t* count, tb_error* err) {
        return table_->list_open_orders(instance_.self(), symbol.empty() ? nullptr : symbol.c_str(),
                                        deadline_ns, buffer, capacity, count, err);
      },
      &orders_hint_);
}

exchange_status exchange_client::set_leverage(const std::string& symbol, std::int32_t leverage,
                                              std::int64_t deadline_ns) {
  if (table_->set_leverage == nullptr) return unsupported("set_leverage()");
  return guarded(instance_, "set_leverage()", [&](tb_error* err) {
    return table_->set_leverage(instance_.self(), symbol.c_str(), leverage, deadline_ns, err);
  });
}

exchange_status exchange_client::set_margin_type(const std::string& symbol,
                                                 std::int32_t margin_type,
                                                 std::int64_t deadline_ns) {
  if (table_->set_margin_type == nullptr) return unsupported("set_margin_type()");
  return guarded(instance_, "set_margin_type()", [&](tb_error* err) {
    return table_->set_margin_type(instance_.self(), symbol.c_str(), margin_type, deadline_ns,
                                   err);
  });
}

exchange_status exchange_client::subscribe_account(const tb_market_sink& sink) {
  if (table_->subscribe_account == nullptr) return unsupported("subscribe_account()");
  return guarded(instance_, "subscribe_account()", [&](tb_error* err) {
    return table_->subscribe_account(instance_.self(), &sink, err);
  });
}

exchange_status exchange_client::get_order_fills(const std::string& symbol,
                                                 const std::string& client_order_id,
                                                 std::int64_t deadline_ns,
                                                 std::vector<tb_fill>& out) {
  // A table from before 1.2 ends before the function: its size says so.
  if (!TB_HAS(table_, tb_exchange_v1, get_order_fills) || table_->get_order_fills == nullptr) {
    out.clear();
    return unsupported("get_order_fills()");
  }
  return list_into(instance_, "get_order_fills()", 8, 3, out,
                   [&](tb_fill* buffer, std::size_t capacity, std::size_t* count, tb_error* err) {
                     return table_->get_order_fills(instance_.self(), symbol.c_str(),
                                                    client_order_id.c_str(), deadline_ns, buffer,
                                                    capacity, count, err);
                   });
}

}  // namespace tb::host
