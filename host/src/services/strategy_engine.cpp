#include "services/strategy_engine.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <iterator>
#include <latch>
#include <map>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <utility>

namespace tb::host {
namespace {

std::size_t pool_size(std::size_t threads) {
  if (threads > 0) return threads;
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

// The universe split into n slices by symbol_id % n, each in the universe's order.
std::vector<std::vector<tb_series>> slice(const std::vector<tb_series>& universe, std::size_t n) {
  std::vector<std::vector<tb_series>> out(n);
  for (const auto& s : universe) out[s.symbol_id % n].push_back(s);
  return out;
}

double seconds(std::int64_t ns) { return static_cast<double>(ns) / 1e9; }

}  // namespace

struct strategy_engine::strategy {
  std::string name;
  std::vector<strategy_client> shards;
  scan_record record;
  counter signals;
  counter invalid;
  counter errors;
  histogram scan_seconds;
};

struct strategy_engine::shard_run {
  strategy* owner = nullptr;
  std::size_t shard = 0;
  const std::vector<tb_series>* series = nullptr;
  scan_output output;
  std::int64_t duration_ns = 0;
};

strategy_engine::strategy_engine(const clock& clk, metrics_registry* metrics,
                                 std::shared_ptr<spdlog::logger> log, std::size_t threads)
    : clock_(clk), metrics_(metrics), log_(std::move(log)), pool_(pool_size(threads)) {
  if (metrics_ == nullptr) return;
  dropped_held_ = metrics_->register_counter(
      "tb_rank_dropped_held_total", "Signals dropped by ranking: their symbol holds a position");
  ranked_ = metrics_->register_counter("tb_rank_signals_total",
                                       "Signals kept by ranking (the best N of a batch)");
}

strategy_engine::~strategy_engine() = default;

void strategy_engine::add_strategy(std::string name,
                                   const std::vector<const plugin_instance*>& shards) {
  std::lock_guard batch_lock(batch_mutex_);  // never while a batch runs
  if (find(name) != nullptr) {
    throw std::invalid_argument("strategy '" + name + "' is added twice");
  }
  auto s = std::make_unique<strategy>();
  s->shards = clients_for(name, shards, nullptr);
  s->name = std::move(name);
  if (metrics_ != nullptr) {
    const metric_labels labels{{"strategy", s->name}};
    s->signals = metrics_->register_counter("tb_strategy_signals_total",
                                            "Valid signals emitted by a strategy", labels);
    s->invalid = metrics_->register_counter(
        "tb_strategy_invalid_signals_total",
        "Signals a strategy emitted that the host refused (bad prices, side or confidence)",
        labels);
    s->errors = metrics_->register_counter(
        "tb_strategy_scan_errors_total", "Strategy shards whose on_scan failed or threw", labels);
    s->scan_seconds = metrics_->register_histogram(
        "tb_strategy_scan_seconds", "Duration of a strategy's scan (its slowest shard)", labels);
  }
  strategies_.push_back(std::move(s));
}

std::vector<const plugin_instance*> strategy_engine::replace_strategy(
    std::string_view name, const std::vector<const plugin_instance*>& shards) {
  std::lock_guard batch_lock(batch_mutex_);  // between batches
  strategy* s = find(name);
  if (s == nullptr) {
    throw std::invalid_argument("strategy '" + std::string(name) +
                                "' cannot be replaced: the engine has no strategy of that name");
  }
  std::vector<strategy_client> clients = clients_for(s->name, shards, s);
  std::vector<const plugin_instance*> old;
  for (const auto& c : s->shards) old.push_back(&c.instance());
  s->shards = std::move(clients);
  s->record = {};
  return old;
}

std::vector<std::string> strategy_engine::strategy_names() const {
  std::lock_guard batch_lock(batch_mutex_);
  std::vector<std::string> names;
  for (const auto& s : strategies_) names.push_back(s->name);
  return names;
}

std::vector<const plugin_instance*> strategy_engine::shards_of(std::string_view name) const {
  std::lock_guard batch_lock(batch_mutex_);
  std::vector<const plugin_instance*> out;
  if (const strategy* s = find(name)) {
    for (const auto& c : s->shards) out.push_back(&c.instance());
  }
  return out;
}

scan_record strategy_engine::scan_record_of(std::string_view name) const {
  std::lock_guard batch_lock(batch_mutex_);
  const strategy* s = find(name);
  return s != nullptr ? s->record : scan_record{};
}

strategy_engine::strategy* strategy_engine::find(std::string_view name) const noexcept {
  for (const auto& s : strategies_) {
    if (s->name == name) return s.get();
  }
  return nullptr;
}

std::vector<strategy_client> strategy_engine::clients_for(
    const std::string& name, const std::vector<const plugin_instance*>& shards,
    const strategy* replacing) const {
  if (shards.empty()) {
    throw std::invalid_argument("strategy '" + name + "': at least one instance is needed");
  }
  std::vector<strategy_client> clients;
  for (const plugin_instance* instance : shards) {
    if (instance == nullptr) {
      throw std::invalid_argument("strategy '" + name + "': a shard instance is null");
    }
    // Two shards on one instance would call it from two threads at once.
    const auto in = [&](const std::vector<strategy_client>& others) {
      return std::any_of(others.begin(), others.end(),
                         [&](const strategy_client& c) { return &c.instance() == instance; });
    };
    const bool elsewhere =
        std::any_of(strategies_.begin(), strategies_.end(), [&](const auto& other) {
          return other.get() != replacing && in(other->shards);
        });
    if (in(clients) || elsewhere) {
      throw std::invalid_argument("strategy '" + name + "': instance '" + instance->name() +
                                  "' is already a shard; give every shard its own instance");
    }
    clients.emplace_back(*instance, name);
  }
  return clients;
}

needs_result strategy_engine::data_needs() {
  std::lock_guard batch_lock(batch_mutex_);
  needs_result result;
  std::vector<tb_data_need> needs;
  for (const auto& s : strategies_) {
    const strategy_client& first = s->shards.front();
    strategy_status status = first.data_needs(needs);
    if (!status.ok()) {
      result.errors.push_back({s->name, first.instance().name(), std::move(status)});
      continue;
    }
    for (const auto& need : needs) {
      const std::string interval(need.interval, strnlen(need.interval, sizeof need.interval));
      auto& lookback = result.lookback_by_interval[interval];
      lookback = std::max(lookback, need.lookback);
    }
  }
  return result;
}

batch_result strategy_engine::analyze_batch(const std::vector<tb_series>& universe) {
  std::lock_guard batch_lock(batch_mutex_);
  const std::int64_t start_ns = clock_.monotonic_ns();

  std::map<std::size_t, std::vector<std::vector<tb_series>>> slices;  // by shard count
  for (const auto& s : strategies_) {
    const std::size_t n = s->shards.size();
    if (!slices.contains(n)) slices.emplace(n, slice(universe, n));
  }
  std::vector<shard_run> runs;
  for (const auto& s : strategies_) {
    const auto& parts = slices.at(s->shards.size());
    for (std::size_t k = 0; k < parts.size(); ++k) {
      if (!parts[k].empty()) runs.push_back(shard_run{s.get(), k, &parts[k], {}, 0});
    }
  }
  run_all(runs);

  batch_result result = collect(runs);
  result.duration_ns = clock_.monotonic_ns() - start_ns;
  record_scans(result);
  publish(result, universe.size());
  return result;
}

void strategy_engine::run_one(shard_run& run) const {
  const std::int64_t t0 = clock_.monotonic_ns();
  try {
    run.output = run.owner->shards[run.shard].on_scan(*run.series);
  } catch (const std::exception& e) {  // out of memory in the host: report, never unwind
    run.output = scan_output{{TB_E_INTERNAL, "strategy '" + run.owner->name +
                                                 "': on_scan(): host failure: " + e.what()},
                             {},
                             {}};
  }
  run.duration_ns = clock_.monotonic_ns() - t0;
}

void strategy_engine::run_all(std::vector<shard_run>& runs) {
  // One shard has nothing to run beside it: the caller's thread runs it, sparing a hand-over
  // to the pool and back (a backtest makes thousands of passes).
  if (runs.size() == 1) {
    run_one(runs.front());
    return;
  }
  std::latch latch(static_cast<std::ptrdiff_t>(runs.size()));
  for (auto& run : runs) {
    pool_.submit([this, &run, &latch] {
      run_one(run);
      latch.count_down();
    });
  }
  latch.wait();
}

batch_result strategy_engine::collect(std::vector<shard_run>& runs) const {
  batch_result result;
  auto next = runs.begin();  // runs are grouped by strategy, in the order added
  for (const auto& s : strategies_) {
    strategy_timing timing;
    timing.strategy = s->name;
    timing.shards = s->shards.size();
    for (; next != runs.end() && next->owner == s.get(); ++next) {
      auto& out = next->output;
      timing.series += next->series->size();
      timing.signals += out.signals.size();
      timing.invalid += out.invalid.size();
      timing.duration_ns = std::max(timing.duration_ns, next->duration_ns);
      timing.busy_ns += next->duration_ns;
      if (!out.status.ok()) {
        ++timing.failed;
        result.errors.push_back(
            {s->name, s->shards[next->shard].instance().name(), std::move(out.status)});
      }
      std::move(out.signals.begin(), out.signals.end(), std::back_inserter(result.signals));
      std::move(out.invalid.begin(), out.invalid.end(), std::back_inserter(result.invalid));
    }
    result.timings.push_back(std::move(timing));
  }
  return result;
}

void strategy_engine::record_scans(const batch_result& result) {
  for (std::size_t i = 0; i < strategies_.size(); ++i) {
    const strategy_timing& t = result.timings[i];
    if (t.series == 0) continue;  // nothing to scan: not a scan
    scan_record& r = strategies_[i]->record;
    if (t.failed > 0) {
      ++r.failed_in_a_row;
      r.clean_in_a_row = 0;
    } else {
      ++r.clean_in_a_row;
      r.failed_in_a_row = 0;
    }
  }
}

void strategy_engine::publish(const batch_result& result, std::size_t series) {
  for (std::size_t i = 0; i < strategies_.size(); ++i) {
    const auto& s = *strategies_[i];
    const auto& t = result.timings[i];
    s.signals.add(static_cast<double>(t.signals));
    s.invalid.add(static_cast<double>(t.invalid));
    s.errors.add(static_cast<double>(t.failed));
    s.scan_seconds.observe(seconds(t.duration_ns));
  }
  if (!log_) return;
  for (const auto& bad : result.invalid) {
    log_->warn("strategy '{}' emitted an invalid signal for {}: {}; dropped", bad.strategy,
               bad.symbol, bad.problem);
  }
  for (const auto& e : result.errors) {
    log_->error("strategy '{}' shard '{}' failed; its signals are dropped: {}", e.strategy,
                e.instance, e.status.describe());
  }
  for (const auto& t : result.timings) {
    log_->debug("strategy '{}': {} shards, {} series, {} signals, {} invalid in {:.1f} ms "
                "(busy {:.1f} ms)",
                t.strategy, t.shards, t.series, t.signals, t.invalid, seconds(t.duration_ns) * 1e3,
                seconds(t.busy_ns) * 1e3);
  }
  log_->log(summary_level_, "strategy batch: {} strategies on {} series: {} signals, {} invalid, {} failed "
             "shards in {:.1f} ms",
             strategies_.size(), series,
             result.signals.size(), result.invalid.size(), result.errors.size(),
             seconds(result.duration_ns) * 1e3);
}

rank_outcome strategy_engine::rank_signals(std::vector<trade_signal> signals,
                                           const std::vector<std::string>& held_symbols,
                                           std::size_t limit) {
  rank_outcome out = ::tb::host::rank_signals(std::move(signals), held_symbols, limit);
  publish(out, limit);
  return out;
}

rank_outcome strategy_engine::rank_signals(const batch_result& batch,
                                           const std::vector<std::string>& held_symbols,
                                           std::size_t limit) {
  rank_outcome out = ::tb::host::rank_signals(batch.signals, held_symbols, limit);
  out.candidates += batch.invalid.size();
  out.invalid += batch.invalid.size();
  publish(out, limit);
  return out;
}

void strategy_engine::publish(const rank_outcome& out, std::size_t limit) {
  dropped_held_.add(static_cast<double>(out.dropped_held));
  ranked_.add(static_cast<double>(out.kept.size()));
  if (!log_) return;
  log_->log(summary_level_, "rank: {} signals in, {} invalid, {} dropped as held, {} duplicates of a symbol, "
             "{} kept (limit {})",
             out.candidates, out.invalid, out.dropped_held, out.duplicates, out.kept.size(),
             limit);
  for (std::size_t i = 0; i < out.kept.size(); ++i) {
    const auto& s = out.kept[i];
    log_->info("rank #{}: {} {} entry={} stop={} tp={} confidence={:.3f} rr={:.2f} "
               "strategy={} reason={}",
               i + 1, s.symbol, side_name(s.side), s.entry, s.stop_loss, s.take_profit,
               s.confidence, s.reward_to_risk(), s.strategy, s.reason.empty() ? "-" : s.reason);
  }
}

}  // namespace tb::host
