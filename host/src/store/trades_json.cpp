#include "store/trades_json.hpp"

#include <nlohmann/json.hpp>

#include "store/decimal_text.hpp"
#include "store/journal_error.hpp"

namespace tb::host {

namespace {

using json = nlohmann::ordered_json;

template <class T>
json optional_value(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

json trade_json(const trade_record& t) {
  json j;
  j["id"] = t.id;
  j["intent_id"] = optional_value(t.intent_id);
  j["symbol"] = t.symbol;
  j["side"] = name_of(t.side);
  j["status"] = t.is_open() ? "open" : "closed";
  j["quantity"] = t.quantity;
  j["entry_price"] = t.entry_price;
  j["exit_price"] = optional_value(t.exit_price);
  j["realized_pnl"] = t.realized_pnl;
  j["fees"] = t.fees;
  j["opened_ms"] = t.opened_ms;
  j["closed_ms"] = optional_value(t.closed_ms);
  j["exit_reason"] = t.reason ? json(name_of(*t.reason)) : json(nullptr);
  j["mode"] = name_of(t.mode);
  return j;
}

namespace {

// Reads the fields of trades[index], naming the field in every error.
class entry_reader {
 public:
  entry_reader(const json& entry, std::size_t index, const std::string& path)
      : entry_(entry), index_(index), path_(path) {}

  [[noreturn]] void fail(std::string_view field, const std::string& problem) const {
    throw journal_error("trades.json " + path_ + ": trades[" + std::to_string(index_) + "]" +
                        (field.empty() ? "" : "." + std::string(field)) + ": " + problem +
                        "; nothing was imported: correct the file or move it away");
  }

  bool present(std::string_view field) const {
    const auto it = entry_.find(std::string(field));
    return it != entry_.end() && !it->is_null();
  }

  const json& get(std::string_view field) const {
    const auto it = entry_.find(std::string(field));
    if (it == entry_.end() || it->is_null()) fail(field, "is missing");
    return *it;
  }

  std::string text(std::string_view field) const {
    const json& v = get(field);
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
      fail(field, "must be a non-empty string, got " + v.dump());
    }
    return v.get<std::string>();
  }

  std::string decimal(std::string_view field) const {
    const json& v = get(field);
    if (!v.is_string() || !is_decimal_text(v.get_ref<const std::string&>())) {
      fail(field, "must be exact decimal text in a JSON string, such as \"27150.10\", got " +
                      v.dump());
    }
    return v.get<std::string>();
  }

  std::int64_t milliseconds(std::string_view field) const {
    const json& v = get(field);
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0) {
      fail(field, "must be a non-negative integer of epoch milliseconds, got " + v.dump());
    }
    return v.get<std::int64_t>();
  }

  template <class E>
  E name(std::string_view field) const {
    const std::string value = text(field);
    const auto parsed = parse_name<E>(value);
    if (!parsed) {
      std::string allowed;
      for (const auto n : names<E>::values) allowed += (allowed.empty() ? "" : ", ") + std::string(n);
      fail(field, "'" + value + "' is not one of " + allowed);
    }
    return *parsed;
  }

 private:
  const json& entry_;
  std::size_t index_;
  const std::string& path_;
};

trade_record read_trade(const json& entry, std::size_t index, const std::string& path) {
  const entry_reader r(entry, index, path);
  if (!entry.is_object()) r.fail("", "must be an object, got " + entry.dump());
  trade_record t;
  t.symbol = r.text("symbol");
  t.side = r.name<position_side>("side");
  t.quantity = r.decimal("quantity");
  t.entry_price = r.decimal("entry_price");
  t.realized_pnl = r.decimal("realized_pnl");
  t.fees = r.decimal("fees");
  t.opened_ms = r.milliseconds("opened_ms");
  t.mode = r.name<trade_mode>("mode");
  const std::string status = r.text("status");
  if (status == "closed") {
    t.exit_price = r.decimal("exit_price");
    t.closed_ms = r.milliseconds("closed_ms");
    t.reason = r.name<exit_reason>("exit_reason");
    if (*t.closed_ms < t.opened_ms) r.fail("closed_ms", "is before opened_ms");
  } else if (status == "open") {
    for (const auto field : {"exit_price", "closed_ms", "exit_reason"}) {
      if (r.present(field)) r.fail(field, "must be null for an open trade");
    }
  } else {
    r.fail("status", "'" + status + "' is not one of open, closed");
  }
  return t;
}

}  // namespace

std::string render_trades_json(const std::vector<trade_record>& trades) {
  json doc;
  doc["version"] = trades_json_version;
  doc["trades"] = json::array();
  for (const auto& t : trades) doc["trades"].push_back(trade_json(t));
  return doc.dump(2) + "\n";
}

std::vector<trade_record> parse_trades_json(std::string_view text, const std::string& path) {
  const auto fail = [&](const std::string& problem) {
    throw journal_error("trades.json " + path + ": " + problem +
                        "; nothing was imported: correct the file or move it away");
  };
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) fail("is not valid JSON");
  if (!doc.is_object()) fail("must be an object {\"version\": 1, \"trades\": [...]}");
  const auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer()) fail("has no integer \"version\"");
  if (version->get<std::int64_t>() != trades_json_version) {
    fail("has version " + version->dump() + "; this build reads version " +
         std::to_string(trades_json_version));
  }
  const auto entries = doc.find("trades");
  if (entries == doc.end() || !entries->is_array()) fail("has no \"trades\" array");
  std::vector<trade_record> trades;
  trades.reserve(entries->size());
  for (std::size_t i = 0; i < entries->size(); ++i) trades.push_back(read_trade((*entries)[i], i, path));
  return trades;
}

}  // namespace tb::host
