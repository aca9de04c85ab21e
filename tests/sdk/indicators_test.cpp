// The optional "tb.indicators/1" interface as TB_PLUGIN_STRATEGY generates it for a class
// that also derives from tb::sdk::indicators, driven through the C table the way the host
// drives it. The plugin is compiled into this test (its entry symbol is this executable's).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "fake_host.hpp"
#include "tradingbot/sdk.hpp"

namespace {

class analyzer final : public tb::sdk::strategy, public tb::sdk::indicators {
 public:
  using tb::sdk::strategy::strategy;

  std::vector<tb::sdk::data_need> data_needs() override { return {}; }
  void on_scan(const tb::sdk::series_batch&, const tb::sdk::signal_sink&) override {}

  std::vector<std::string> indicator_names() override { return {"range", "short", "fails"}; }

  std::vector<tb::sdk::indicator_column> compute_indicator(
      const std::string& name, const tb::sdk::indicator_params& params,
      const tb::sdk::series_view& candles) override {
    if (name == "fails") throw tb::sdk::error(TB_E_INVALID_ARGUMENT, "analyzer: bad request");
    tb::sdk::indicator_column range{"Range", tb::sdk::value_kind::float64, {}};
    tb::sdk::indicator_column up{"Up", tb::sdk::value_kind::int32, {}};
    const double scale = params.count("scale") != 0 ? std::stod(params.at("scale")) : 1.0;
    for (const tb::sdk::candle& c : candles) {
      range.values.push_back((c.high - c.low) * scale);
      up.values.push_back(c.close > c.open ? 1 : std::nan(""));
    }
    if (name == "short") range.values.pop_back();
    return {range, up};
  }
};

}  // namespace

TB_PLUGIN_STRATEGY(analyzer, "sdk_analyzer", "1.0.0", "indicators test");

namespace tb::sdk {
namespace {

struct received {
  std::string name;
  std::int32_t kind;
  std::vector<double> values;
};

struct recording_indicator_sink {
  recording_indicator_sink() {
    sink.struct_size = sizeof sink;
    sink.ctx = this;
    sink.column = [](void* ctx, const tb_indicator_column* column) {
      auto& self = *static_cast<recording_indicator_sink*>(ctx);
      self.columns.push_back(
          {column->name, column->kind,
           std::vector<double>(column->values, column->values + column->count)});
      return self.status;
    };
  }
  tb_indicator_sink sink{};
  std::vector<received> columns;
  tb_status status = TB_OK;
};

class indicators_interface : public ::testing::Test {
 protected:
  indicators_interface() {
    tb_error err{};
    self_ = descriptor_->create(host_.api(), "main", &err);
    candles_.resize(3);
    for (std::size_t i = 0; i < candles_.size(); ++i) {
      candles_[i].open_time_ms = static_cast<std::int64_t>(i) * 60000;
      candles_[i].open = 10;
      candles_[i].high = 12 + static_cast<double>(i);
      candles_[i].low = 9;
      candles_[i].close = i == 1 ? 8 : 11;
    }
    series_.struct_size = sizeof series_;
    series_.symbol = "";
    series_.interval = "";
    series_.candle_stride = sizeof(tb_candle);
    series_.count = candles_.size();
    series_.candles = candles_.data();
  }
  ~indicators_interface() override { descriptor_->destroy(self_); }

  const tb_indicators_v1* table() const {
    return static_cast<const tb_indicators_v1*>(
        descriptor_->get_interface(self_, TB_IFACE_INDICATORS_V1));
  }
  tb_status compute(const char* name, std::vector<const char*> keys,
                    std::vector<const char*> values, const tb_indicator_sink* sink,
                    tb_error* err) {
    return table()->compute(self_, name, keys.data(), values.data(), keys.size(), &series_, sink,
                            err);
  }

  testing::fake_host host_;
  const tb_plugin_descriptor* descriptor_ = tb_plugin_entry_v1();
  void* self_ = nullptr;
  std::vector<tb_candle> candles_;
  tb_series series_{};
};

TEST_F(indicators_interface, is_offered_beside_the_strategy_interface) {
  ASSERT_NE(self_, nullptr);
  const tb_indicators_v1* t = table();
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->struct_size, sizeof(tb_indicators_v1));
  EXPECT_TRUE(t->list && t->compute);
  EXPECT_NE(descriptor_->get_interface(self_, TB_IFACE_STRATEGY_V1), nullptr);
  EXPECT_EQ(descriptor_->get_interface(self_, "tb.indicators/2"), nullptr);
}

TEST_F(indicators_interface, lists_the_names_and_asks_for_a_bigger_buffer) {
  std::size_t length = 0;
  tb_error err{};
  EXPECT_EQ(table()->list(self_, nullptr, 0, &length, &err), TB_E_BUFFER_TOO_SMALL);
  EXPECT_EQ(length, std::string("range,short,fails").size());
  std::string buf(length, '\0');
  ASSERT_EQ(table()->list(self_, buf.data(), buf.size(), &length, &err), TB_OK);
  EXPECT_EQ(buf, "range,short,fails");
}

TEST_F(indicators_interface, hands_every_column_to_the_sink_with_its_kind) {
  recording_indicator_sink sink;
  tb_error err{};
  ASSERT_EQ(compute("range", {"scale"}, {"2"}, &sink.sink, &err), TB_OK) << err.message;
  ASSERT_EQ(sink.columns.size(), 2u);
  EXPECT_EQ(sink.columns[0].name, "Range");
  EXPECT_EQ(sink.columns[0].kind, TB_VALUE_FLOAT64);
  EXPECT_EQ(sink.columns[0].values, (std::vector<double>{6, 8, 10}));
  EXPECT_EQ(sink.columns[1].name, "Up");
  EXPECT_EQ(sink.columns[1].kind, TB_VALUE_INT32);
  ASSERT_EQ(sink.columns[1].values.size(), 3u);
  EXPECT_EQ(sink.columns[1].values[0], 1);
  EXPECT_TRUE(std::isnan(sink.columns[1].values[1]));
}

TEST_F(indicators_interface, passes_the_plugins_refusal_through) {
  recording_indicator_sink sink;
  tb_error err{};
  EXPECT_EQ(compute("fails", {}, {}, &sink.sink, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_STREQ(err.message, "analyzer: bad request");
  EXPECT_TRUE(sink.columns.empty());
}

TEST_F(indicators_interface, refuses_malformed_requests) {
  recording_indicator_sink sink;
  tb_error err{};
  EXPECT_EQ(compute("range", {"scale", "scale"}, {"1", "2"}, &sink.sink, &err),
            TB_E_INVALID_ARGUMENT);
  EXPECT_NE(std::string(err.message).find("scale is given more than once"), std::string::npos)
      << err.message;
  EXPECT_EQ(compute("range", {}, {}, nullptr, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_EQ(compute(nullptr, {}, {}, &sink.sink, &err), TB_E_INVALID_ARGUMENT);
  series_.candle_stride = 8;
  EXPECT_EQ(compute("range", {}, {}, &sink.sink, &err), TB_E_INVALID_ARGUMENT);
  EXPECT_TRUE(sink.columns.empty());
}

TEST_F(indicators_interface, a_column_of_the_wrong_length_is_an_internal_error) {
  recording_indicator_sink sink;
  tb_error err{};
  EXPECT_EQ(compute("short", {}, {}, &sink.sink, &err), TB_E_INTERNAL);
  EXPECT_NE(std::string(err.message).find("has 2 values for 3 candles"), std::string::npos)
      << err.message;
  EXPECT_TRUE(sink.columns.empty()) << "nothing is sent when any column is wrong";
}

TEST_F(indicators_interface, a_sink_that_refuses_stops_the_call_with_its_status) {
  recording_indicator_sink sink;
  sink.status = TB_E_INTERNAL;
  tb_error err{};
  EXPECT_EQ(compute("range", {}, {}, &sink.sink, &err), TB_E_INTERNAL);
  EXPECT_EQ(sink.columns.size(), 1u);
  EXPECT_NE(std::string(err.message).find("refused column \"Range\""), std::string::npos)
      << err.message;
}

}  // namespace
}  // namespace tb::sdk
