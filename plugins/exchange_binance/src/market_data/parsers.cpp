#include "market_data/parsers.hpp"

#include <nlohmann/json.hpp>

#include <charconv>

namespace tb::binance {
namespace {

using json = nlohmann::json;

std::string text_of(const json& object, const char* key, const char* what) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) {
    throw parse_error(std::string(what) + ": field \"" + key + "\" is missing or not a string");
  }
  return it->get<std::string>();
}

std::string optional_text(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t int_of(const json& value, const char* field, const char* what) {
  if (!value.is_number_integer()) {
    throw parse_error(std::string(what) + ": field \"" + field + "\" is not an integer");
  }
  return value.get<std::int64_t>();
}

void read_filters(const json& filters, symbol_filters& out) {
  if (!filters.is_array()) throw parse_error("exchangeInfo: " + out.symbol + " has no filters");
  for (const json& filter : filters) {
    if (!filter.is_object()) continue;
    const std::string type = optional_text(filter, "filterType");
    if (type == "PRICE_FILTER") {
      out.tick_size = optional_text(filter, "tickSize");
      out.min_price = optional_text(filter, "minPrice");
      out.max_price = optional_text(filter, "maxPrice");
    } else if (type == "LOT_SIZE") {
      out.step_size = optional_text(filter, "stepSize");
      out.min_qty = optional_text(filter, "minQty");
      out.max_qty = optional_text(filter, "maxQty");
    } else if (type == "MARKET_LOT_SIZE") {
      out.market_step_size = optional_text(filter, "stepSize");
      out.market_min_qty = optional_text(filter, "minQty");
      out.market_max_qty = optional_text(filter, "maxQty");
    } else if (type == "MIN_NOTIONAL") {
      out.min_notional = optional_text(filter, "notional");
    }
  }
  if (out.tick_size.empty() || out.step_size.empty()) {
    throw parse_error("exchangeInfo: " + out.symbol + " lacks PRICE_FILTER or LOT_SIZE");
  }
}

// GET /fapi/v1/klines answers are ~125 bytes a candle (25 KB for 200): read them in one pass
// over the text, without building a JSON document (which cost ~10x more, mostly allocation).
// The structure and the nine fields read are checked as strictly as before; tokens inside the
// ignored fields (9-11) are skipped, not validated.
class klines_scanner {
 public:
  explicit klines_scanner(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void advance() { ++pos_; }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool consume(char c) {
    if (at_end() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }
  [[noreturn]] void fail_not_json() const {
    throw parse_error("klines: the response is not valid JSON (" + std::to_string(text_.size()) +
                      " bytes)");
  }
  void expect_end() {
    skip_space();
    if (!at_end()) fail_not_json();
  }

  // One kline array; the position is on its '['.
  tb_candle row() {
    if (!consume('[')) {
      skip_value();
      throw parse_error("klines: an entry is not an array of at least 9 fields");
    }
    std::string_view fields[9];
    bool quoted[9] = {};
    std::size_t count = 0;
    skip_space();
    if (!consume(']')) {
      for (;;) {
        skip_space();
        if (at_end()) fail_not_json();
        if (count < 9) {
          quoted[count] = text_[pos_] == '"';
          fields[count] = scalar();
        } else {
          skip_value();
        }
        ++count;
        skip_space();
        if (consume(']')) break;
        if (!consume(',')) fail_not_json();
      }
    }
    if (count < 9) throw parse_error("klines: an entry is not an array of at least 9 fields");
    const auto text = [&](std::size_t i) {
      if (!quoted[i]) {
        throw parse_error("klines: field " + std::to_string(i) + " is not a decimal string");
      }
      return to_double(fields[i]);
    };
    const auto integer = [&](std::size_t i, const char* field) {
      std::int64_t v = 0;
      const auto f = fields[i];
      const auto [end, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
      if (quoted[i] || ec != std::errc() || end != f.data() + f.size()) {
        throw parse_error(std::string("klines: field \"") + field + "\" is not an integer");
      }
      return v;
    };
    tb_candle c{};
    c.open_time_ms = integer(0, "open time");
    c.open = text(1);
    c.high = text(2);
    c.low = text(3);
    c.close = text(4);
    c.volume = text(5);
    c.close_time_ms = integer(6, "close time");
    c.quote_volume = text(7);
    c.trade_count = static_cast<std::uint64_t>(integer(8, "trade count"));
    return c;
  }

  // A string's content, or a number or literal's text; nested values are skipped (and read
  // as an empty, unquoted field, which no field accepts).
  std::string_view scalar() {
    if (text_[pos_] == '"') {
      const std::size_t start = ++pos_;
      while (pos_ < text_.size() && text_[pos_] != '"') {
        if (text_[pos_] == '\\') ++pos_;
        ++pos_;
      }
      if (pos_ >= text_.size()) fail_not_json();
      return text_.substr(start, pos_++ - start);
    }
    if (text_[pos_] == '[' || text_[pos_] == '{') {
      skip_value();
      return {};
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' &&
           text_[pos_] != '}' && text_[pos_] != ' ' && text_[pos_] != '\n' &&
           text_[pos_] != '\r' && text_[pos_] != '\t') {
      ++pos_;
    }
    if (pos_ == start) fail_not_json();
    return text_.substr(start, pos_ - start);
  }

  // Any value, nested ones by bracket depth (strings aware).
  void skip_value() {
    if (at_end()) fail_not_json();
    if (text_[pos_] != '[' && text_[pos_] != '{') {
      (void)scalar();
      return;
    }
    int depth = 0;
    do {
      if (at_end()) fail_not_json();
      const char ch = text_[pos_];
      if (ch == '"') {
        (void)scalar();
        continue;
      }
      if (ch == '[' || ch == '{') ++depth;
      if (ch == ']' || ch == '}') --depth;
      ++pos_;
    } while (depth > 0);
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

nlohmann::json parse_json(std::string_view body, const char* what) {
  nlohmann::json value = nlohmann::json::parse(body.begin(), body.end(), nullptr, false);
  if (value.is_discarded()) {
    throw parse_error(std::string(what) + ": the response is not valid JSON (" +
                      std::to_string(body.size()) + " bytes)");
  }
  return value;
}

double to_double(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw parse_error("\"" + std::string(text.substr(0, 32)) + "\" is not a number");
  }
  return value;
}

std::vector<symbol_filters> parse_exchange_info(std::string_view body) {
  const json root = parse_json(body, "exchangeInfo");
  const auto symbols = root.is_object() ? root.find("symbols") : root.end();
  if (!root.is_object() || symbols == root.end() || !symbols->is_array()) {
    throw parse_error("exchangeInfo: expected an object with a \"symbols\" array");
  }
  std::vector<symbol_filters> out;
  out.reserve(symbols->size());
  for (const json& item : *symbols) {
    if (!item.is_object()) throw parse_error("exchangeInfo: a symbols[] entry is not an object");
    symbol_filters f;
    f.symbol = text_of(item, "symbol", "exchangeInfo");
    f.status = text_of(item, "status", "exchangeInfo");
    f.base_asset = optional_text(item, "baseAsset");
    f.quote_asset = optional_text(item, "quoteAsset");
    f.contract_type = optional_text(item, "contractType");
    const auto pp = item.find("pricePrecision");
    const auto qp = item.find("quantityPrecision");
    if (pp != item.end()) f.price_precision = static_cast<std::int32_t>(int_of(*pp, "pricePrecision", "exchangeInfo"));
    if (qp != item.end()) f.quantity_precision = static_cast<std::int32_t>(int_of(*qp, "quantityPrecision", "exchangeInfo"));
    const auto filters = item.find("filters");
    if (filters == item.end()) throw parse_error("exchangeInfo: " + f.symbol + " has no filters");
    read_filters(*filters, f);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<tb_candle> parse_klines(std::string_view body, std::int64_t server_now_ms) {
  klines_scanner in(body);
  in.skip_space();
  if (in.at_end()) in.fail_not_json();
  if (in.peek() != '[') {
    if (in.peek() != '{' && in.peek() != '"' && in.peek() != 't' && in.peek() != 'f' &&
        in.peek() != 'n' && in.peek() != '-' && (in.peek() < '0' || in.peek() > '9')) {
      in.fail_not_json();
    }
    in.skip_value();
    in.expect_end();
    throw parse_error("klines: expected an array of klines");
  }
  in.advance();
  std::vector<tb_candle> out;
  out.reserve(body.size() / 120 + 1);
  in.skip_space();
  if (in.consume(']')) {
    in.expect_end();
    return out;
  }
  for (;;) {
    tb_candle c = in.row();
    c.flags = c.close_time_ms < server_now_ms ? TB_CANDLE_CLOSED : 0u;
    if (!out.empty() && c.open_time_ms <= out.back().open_time_ms) {
      throw parse_error("klines: open times are not strictly increasing");
    }
    out.push_back(c);
    in.skip_space();
    if (in.consume(']')) break;
    if (!in.consume(',')) in.fail_not_json();
    in.skip_space();
  }
  in.expect_end();
  return out;
}

kline_event parse_kline_event(std::string_view body) {
  const json root = parse_json(body, "kline stream");
  const json* payload = &root;
  if (root.is_object() && root.contains("data")) payload = &root["data"];
  if (!payload->is_object() || !payload->contains("k") || !(*payload)["k"].is_object()) {
    throw parse_error("kline stream: expected an event with a \"k\" object");
  }
  const json& k = (*payload)["k"];
  kline_event out;
  out.symbol = text_of(k, "s", "kline stream");
  out.interval = text_of(k, "i", "kline stream");
  tb_candle& c = out.candle;
  c.open_time_ms = int_of(k.value("t", json()), "t", "kline stream");
  c.close_time_ms = int_of(k.value("T", json()), "T", "kline stream");
  c.open = to_double(text_of(k, "o", "kline stream"));
  c.high = to_double(text_of(k, "h", "kline stream"));
  c.low = to_double(text_of(k, "l", "kline stream"));
  c.close = to_double(text_of(k, "c", "kline stream"));
  c.volume = to_double(text_of(k, "v", "kline stream"));
  c.quote_volume = to_double(text_of(k, "q", "kline stream"));
  c.trade_count = static_cast<std::uint64_t>(int_of(k.value("n", json()), "n", "kline stream"));
  const auto closed = k.find("x");
  c.flags = closed != k.end() && closed->is_boolean() && closed->get<bool>() ? TB_CANDLE_CLOSED
                                                                               : 0u;
  return out;
}

std::int64_t parse_server_time(std::string_view body) {
  const json root = parse_json(body, "time");
  if (!root.is_object() || !root.contains("serverTime")) {
    throw parse_error("time: expected {\"serverTime\": ms}");
  }
  return int_of(root["serverTime"], "serverTime", "time");
}

}  // namespace tb::binance
