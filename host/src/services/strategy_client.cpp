#include "services/strategy_client.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "plugin/plugin_call.hpp"

namespace tb::host {
namespace {

// Runs f(tb_error*) under the guard; a thrown plugin_error becomes TB_E_PLUGIN_FAULT.
template <class F>
strategy_status guarded(const plugin_instance& instance, const std::string& strategy,
                        std::string_view function, F&& f) {
  const std::string where =
      "strategy '" + strategy + "' instance '" + instance.name() + "': " + std::string(function);
  tb_error err{};
  try {
    const tb_status status = status_call(instance.site(function), err, std::forward<F>(f));
    if (status == TB_OK) return {};
    const std::string text = error_text(err);
    return {status, where + " failed with " + tb_status_name(status) +
                        (text.empty() ? std::string(" and gave no error message") : ": " + text)};
  } catch (const plugin_error& e) {
    return {TB_E_PLUGIN_FAULT, where + ": " + e.what()};
  }
}

// The sink's context for one on_scan call; [instance], so no locking.
struct collector {
  const std::string* strategy;
  std::unordered_map<std::uint32_t, const char*> names;  // symbol_id -> the series' symbol
  scan_output* out;

  tb_status take(const tb_signal* s) {
    if (s == nullptr) return refuse("?", "a NULL signal");
    const bool has_symbol = TB_HAS(s, tb_signal, symbol) && s->symbol != nullptr;
    const std::string given = has_symbol ? std::string(s->symbol) : std::string("?");
    std::string problem = signal_problem(*s);
    if (!problem.empty()) return refuse(given, std::move(problem));
    const auto known = names.find(s->symbol_id);
    if (known == names.end()) {
      return refuse(given, "symbol_id " + std::to_string(s->symbol_id) +
                               " is not one of the series in this scan");
    }
    if (given != known->second) {
      return refuse(given, "symbol '" + given + "' does not match symbol_id " +
                               std::to_string(s->symbol_id) + " ('" + known->second + "')");
    }
    trade_signal t;
    t.strategy = *strategy;
    t.symbol = known->second;
    t.symbol_id = s->symbol_id;
    t.side = s->side;
    t.interval_s = s->interval_s;
    t.time_ms = s->time_ms;
    t.entry = s->entry;
    t.stop_loss = s->stop_loss;
    t.take_profit = s->take_profit;
    t.confidence = s->confidence;
    if (s->reason != nullptr) t.reason = s->reason;
    if (s->meta_json != nullptr) t.meta_json = s->meta_json;
    out->signals.push_back(std::move(t));
    return TB_OK;
  }

  tb_status refuse(std::string symbol, std::string problem) {
    out->invalid.push_back({*strategy, std::move(symbol), std::move(problem)});
    return TB_E_INVALID_ARGUMENT;
  }

  static tb_status emit(void* ctx, const tb_signal* s) noexcept {
    try {
      return static_cast<collector*>(ctx)->take(s);
    } catch (...) {  // out of memory: never unwind into the plugin
      return TB_E_INTERNAL;
    }
  }
};

}  // namespace

std::string strategy_status::describe() const {
  std::string text = tb_status_name(code);
  if (!message.empty()) text += ": " + message;
  return text;
}

strategy_client::strategy_client(const plugin_instance& instance, std::string strategy)
    : instance_(instance),
      table_(instance.interface<tb_strategy_v1>()),
      strategy_(std::move(strategy)) {
  if (table_ == nullptr) {
    throw std::invalid_argument("strategy '" + strategy_ + "': plugin '" + instance.info().id +
                                "' instance '" + instance.name() +
                                "' offers no " TB_IFACE_STRATEGY_V1
                                " interface; configure a strategy plugin");
  }
}

strategy_status strategy_client::data_needs(std::vector<tb_data_need>& out) const {
  std::size_t capacity = 8;
  for (int attempt = 0; attempt < 2; ++attempt) {
    out.assign(capacity, tb_data_need{});
    for (auto& need : out) need.struct_size = sizeof need;
    std::size_t count = 0;
    auto status = guarded(instance_, strategy_, "data_needs()", [&](tb_error* err) {
      return table_->data_needs(instance_.self(), out.data(), out.size(), &count, err);
    });
    if (status.code == TB_E_BUFFER_TOO_SMALL && count > capacity) {
      capacity = count;
      continue;
    }
    out.resize(status.ok() ? std::min(count, out.size()) : 0);
    return status;
  }
  out.clear();
  return {TB_E_INTERNAL, "strategy '" + strategy_ + "': data_needs(): asked for more room twice"};
}

scan_output strategy_client::on_scan(std::span<const tb_series> series) const {
  scan_output out;
  collector sink_state{&strategy_, {}, &out};
  sink_state.names.reserve(series.size());
  for (const auto& s : series) sink_state.names.emplace(s.symbol_id, s.symbol);
  tb_signal_sink sink{};
  sink.struct_size = sizeof sink;
  sink.ctx = &sink_state;
  sink.emit = &collector::emit;
  out.status = guarded(instance_, strategy_, "on_scan()", [&](tb_error* err) {
    return table_->on_scan(instance_.self(), series.data(), series.size(), &sink, err);
  });
  if (!out.status.ok()) out.signals.clear();
  return out;
}

strategy_status strategy_client::save_state(std::string& out) const {
  std::size_t capacity = 4096;
  for (int attempt = 0; attempt < 3; ++attempt) {
    out.assign(capacity, '\0');
    std::size_t length = 0;
    auto status = guarded(instance_, strategy_, "save_state()", [&](tb_error* err) {
      return table_->save_state(instance_.self(), out.data(), out.size(), &length, err);
    });
    if (status.code == TB_E_BUFFER_TOO_SMALL && length > capacity) {
      if (length > max_state_bytes) {
        out.clear();
        return {TB_E_BUFFER_TOO_SMALL,
                "strategy '" + strategy_ + "' instance '" + instance_.name() +
                    "': save_state(): a state of " + std::to_string(length) +
                    " bytes is more than the host takes (" + std::to_string(max_state_bytes) +
                    ")"};
      }
      capacity = length;
      continue;
    }
    if (status.ok() && length > out.size()) {
      out.clear();
      return {TB_E_INTERNAL, "strategy '" + strategy_ + "' instance '" + instance_.name() +
                                 "': save_state() says it wrote " + std::to_string(length) +
                                 " bytes into a buffer of " + std::to_string(capacity)};
    }
    out.resize(status.ok() ? length : 0);
    return status;
  }
  out.clear();
  return {TB_E_INTERNAL, "strategy '" + strategy_ + "': save_state(): kept asking for more room"};
}

strategy_status strategy_client::load_state(std::string_view state) const {
  return guarded(instance_, strategy_, "load_state()", [&](tb_error* err) {
    return table_->load_state(instance_.self(), state.data(), state.size(), err);
  });
}

}  // namespace tb::host
