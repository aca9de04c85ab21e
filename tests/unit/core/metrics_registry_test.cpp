#include "core/metrics_registry.hpp"

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace tb::host {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no exception";
}

TEST(metrics_registry, same_name_and_labels_give_the_same_handle_in_any_label_order) {
  metrics_registry m;
  const counter a = m.register_counter("tb_orders_total", "Orders", {{"side", "buy"}, {"venue", "b"}});
  const counter b = m.register_counter("tb_orders_total", "Orders", {{"venue", "b"}, {"side", "buy"}});
  const counter c = m.register_counter("tb_orders_total", "Orders", {{"venue", "b"}, {"side", "sell"}});
  EXPECT_EQ(a.id(), b.id());
  EXPECT_NE(a.id(), c.id());
  EXPECT_NE(a.id(), 0u);
  a.add(2);
  b.add(3);
  EXPECT_EQ(a.value(), 5.0);
  EXPECT_EQ(c.value(), 0.0);
}

TEST(metrics_registry, naming_errors_are_clear) {
  metrics_registry m;
  m.register_counter("tb_x_total", "", {{"a", "1"}});
  EXPECT_THAT(error_of([&] { m.register_gauge("tb_x_total", "", {{"a", "1"}}); }),
              HasSubstr("already registered as a counter, not a gauge"));
  EXPECT_THAT(error_of([&] { m.register_counter("9bad", ""); }),
              HasSubstr("not a valid Prometheus metric name"));
  EXPECT_THAT(error_of([&] { m.register_counter("tb-bad", ""); }),
              HasSubstr("not a valid Prometheus metric name"));
  EXPECT_THAT(error_of([&] { m.register_counter("tb_y", "", {{"__reserved", "1"}}); }),
              HasSubstr("invalid or reserved"));
  EXPECT_THAT(error_of([&] { m.register_histogram("tb_h", "", {{"le", "1"}}); }),
              HasSubstr("invalid or reserved"));
  EXPECT_THAT(error_of([&] { m.register_counter("tb_y", "", {{"a", "1"}, {"a", "2"}}); }),
              HasSubstr("appears twice"));
  EXPECT_THAT(error_of([&] { m.register_counter("tb_x_total", "", {{"b", "1"}}); }),
              HasSubstr("other label names"));
  m.register_histogram("tb_lat", "", {}, {0.1, 1.0});
  EXPECT_THAT(error_of([&] { m.register_histogram("tb_lat", "", {}, {0.5}); }),
              HasSubstr("other buckets"));
  EXPECT_THAT(error_of([&] { m.register_histogram("tb_lat2", "", {}, {1.0, 0.5}); }),
              HasSubstr("strictly increasing"));
}

TEST(metrics_registry, register_metric_returns_zero_and_the_reason_instead_of_throwing) {
  metrics_registry m;
  std::string error;
  EXPECT_EQ(m.register_metric(metric_type::counter, "bad name", "", {}, &error), 0u);
  EXPECT_THAT(error, HasSubstr("'bad name'"));
  EXPECT_EQ(m.register_metric(static_cast<metric_type>(7), "tb_ok", "", {}, &error), 0u);
  EXPECT_THAT(error, HasSubstr("unknown metric type 7"));
  const auto id = m.register_metric(metric_type::histogram, "tb_ok", "", {{"i", "x"}}, &error);
  EXPECT_NE(id, 0u);
  EXPECT_EQ(m.register_metric(metric_type::gauge, "tb_ok", "", {{"i", "x"}}, &error), 0u);
  EXPECT_THAT(error, HasSubstr("histogram"));
}

TEST(metrics_registry, record_by_id_adds_sets_or_observes_by_type) {
  metrics_registry m;
  const auto c = m.register_metric(metric_type::counter, "tb_c", "", {});
  const auto g = m.register_metric(metric_type::gauge, "tb_g", "", {});
  const auto h = m.register_metric(metric_type::histogram, "tb_h", "", {});
  EXPECT_TRUE(m.record(c, 2));
  EXPECT_TRUE(m.record(c, 3));
  EXPECT_TRUE(m.record(g, 7));
  EXPECT_TRUE(m.record(g, 4));
  EXPECT_TRUE(m.record(h, 0.2));
  EXPECT_TRUE(m.record(h, 3.0));
  const auto snap = m.snapshot();
  ASSERT_EQ(snap.size(), 3u);
  EXPECT_EQ(snap[0].name, "tb_c");
  EXPECT_EQ(snap[0].series[0].value, 5.0);
  EXPECT_EQ(snap[1].series[0].value, 4.0);
  EXPECT_EQ(snap[2].series[0].count, 2u);
  EXPECT_DOUBLE_EQ(snap[2].series[0].sum, 3.2);
}

TEST(metrics_registry, bad_ids_are_ignored_without_crashing) {
  metrics_registry m;
  metrics_registry other;
  const auto mine = m.register_metric(metric_type::counter, "tb_c", "", {});
  const auto theirs = other.register_metric(metric_type::counter, "tb_c", "", {});
  EXPECT_FALSE(m.record(0, 1));
  EXPECT_FALSE(m.record(theirs, 1));
  EXPECT_FALSE(m.record(mine + 1, 1));          // next index, never handed out
  EXPECT_FALSE(m.record(mine ^ (1ULL << 33), 1));  // type bits tampered with
  EXPECT_FALSE(m.record(~0ULL, 1));
  EXPECT_FALSE(m.record(mine & 0xffff'ffffULL, 1));  // salt stripped
  EXPECT_TRUE(m.record(mine, 1));
  EXPECT_EQ(m.snapshot()[0].series[0].value, 1.0);
}

TEST(metrics_registry, counters_ignore_negative_and_nan_and_histograms_ignore_nan) {
  metrics_registry m;
  const counter c = m.register_counter("tb_c", "");
  c.add(-5);
  c.add(std::nan(""));
  c.add(1);
  EXPECT_EQ(c.value(), 1.0);
  const histogram h = m.register_histogram("tb_h", "", {}, {1.0});
  h.observe(std::nan(""));
  EXPECT_EQ(m.snapshot()[1].series[0].count, 0u);
}

TEST(metrics_registry, default_handles_record_nothing) {
  const counter c;
  const gauge g;
  const histogram h;
  c.add(1);
  g.set(1);
  h.observe(1);
  EXPECT_FALSE(c);
  EXPECT_EQ(c.value(), 0.0);
  EXPECT_EQ(g.id(), 0u);
}

TEST(metrics_registry, histogram_snapshot_is_cumulative_with_an_inf_bucket) {
  metrics_registry m;
  const histogram h = m.register_histogram("tb_h", "", {}, {0.1, 1.0});
  for (double v : {0.05, 0.1, 0.5, 2.0, 3.0}) h.observe(v);
  const auto s = m.snapshot()[0].series[0];
  EXPECT_EQ(s.bounds, (std::vector<double>{0.1, 1.0}));
  EXPECT_EQ(s.cumulative_counts, (std::vector<std::uint64_t>{2, 3, 5}));  // le is inclusive
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.sum, 5.65);
}

TEST(metrics_registry, concurrent_records_sum_exactly) {
  metrics_registry m;
  const counter c = m.register_counter("tb_c", "");
  const histogram h = m.register_histogram("tb_h", "");
  const auto id = m.register_metric(metric_type::counter, "tb_by_id", "", {});
  constexpr int threads_count = 4;
  constexpr int per_thread = 50'000;
  std::latch start(threads_count);
  std::vector<std::thread> threads;
  for (int t = 0; t < threads_count; ++t) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      for (int i = 0; i < per_thread; ++i) {
        c.add(1);
        h.observe(0.001 * (i % 7));
        m.record(id, 2);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), threads_count * per_thread);
  const auto snap = m.snapshot();
  EXPECT_EQ(snap[0].series[0].value, 2.0 * threads_count * per_thread);  // tb_by_id
  EXPECT_EQ(snap[2].series[0].count, static_cast<std::uint64_t>(threads_count * per_thread));
}

TEST(metrics_registry, concurrent_registration_of_one_series_gives_one_id) {
  metrics_registry m;
  std::vector<std::uint64_t> ids(8);
  std::latch start(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < ids.size(); ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      ids[t] = m.register_counter("tb_c", "", {{"k", "v"}}).id();
    });
  }
  for (auto& t : threads) t.join();
  for (auto id : ids) EXPECT_EQ(id, ids[0]);
}

TEST(metrics_registry, json_export_has_every_family) {
  metrics_registry m;
  m.register_counter("tb_c", "count things", {{"k", "v"}}).add(3);
  m.register_histogram("tb_h", "", {}, {1.0}).observe(0.5);
  m.register_gauge("tb_g", "").set(std::numeric_limits<double>::infinity());
  const auto j = nlohmann::json::parse(m.to_json());
  ASSERT_EQ(j["metrics"].size(), 3u);
  EXPECT_EQ(j["metrics"][0]["name"], "tb_c");
  EXPECT_EQ(j["metrics"][0]["type"], "counter");
  EXPECT_EQ(j["metrics"][0]["help"], "count things");
  EXPECT_EQ(j["metrics"][0]["series"][0]["labels"]["k"], "v");
  EXPECT_EQ(j["metrics"][0]["series"][0]["value"], 3.0);
  EXPECT_EQ(j["metrics"][1]["series"][0]["value"], "+Inf");
  const auto& h = j["metrics"][2]["series"][0];
  EXPECT_EQ(h["buckets"][0]["le"], 1.0);
  EXPECT_EQ(h["buckets"][0]["count"], 1);
  EXPECT_EQ(h["buckets"][1]["le"], "+Inf");
  EXPECT_EQ(h["count"], 1);
  EXPECT_EQ(h["sum"], 0.5);
}

TEST(metrics_registry, write_json_file_replaces_the_file_whole) {
  test::temp_dir dir;
  const auto path = dir.path() / "metrics.json";
  metrics_registry m;
  const counter c = m.register_counter("tb_c", "");
  c.add(1);
  m.write_json_file(path.string());
  c.add(1);
  m.write_json_file(path.string());
  const auto j = nlohmann::json::parse(test::read_file(path));
  EXPECT_EQ(j["metrics"][0]["series"][0]["value"], 2.0);
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);  // no temporary left behind
}

}  // namespace
}  // namespace tb::host
