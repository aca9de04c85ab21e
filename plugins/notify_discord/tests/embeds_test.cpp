#include "format/embeds.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tb::discord {
namespace {

using json = nlohmann::json;

sdk::notification note_of(sdk::note_kind kind, std::string_view title, std::string_view body = {},
                          std::string_view fields = {}) {
  sdk::notification note;
  note.kind = kind;
  note.title = title;
  note.body = body;
  note.fields_json = fields;
  note.key = "trade-42";
  note.time_ms = 1'700'000'000'000;
  return note;
}

const json& embed_of(const json& message) { return message.at("embeds").at(0); }

std::size_t chars(const json& value) { return char_count(value.get<std::string>()); }

// Discord's 6000: title, description, field names and values, footer text.
std::size_t embed_total(const json& embed) {
  std::size_t total = 0;
  if (embed.contains("title")) total += chars(embed["title"]);
  if (embed.contains("description")) total += chars(embed["description"]);
  if (embed.contains("footer")) total += chars(embed["footer"]["text"]);
  for (const json& f : embed.value("fields", json::array())) {
    total += chars(f["name"]) + chars(f["value"]);
  }
  return total;
}

std::string repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += unit;
  return out;
}

const std::string ellipsis = "\xE2\x80\xA6";

bool ends_with_ellipsis(const std::string& text) {
  return text.size() >= ellipsis.size() && text.compare(text.size() - 3, 3, ellipsis) == 0;
}

TEST(embeds, trade_opened_is_green_with_its_title_and_no_pings) {
  const json m = message_for(note_of(sdk::note_kind::trade_opened, "BTCUSDT long opened", "Entry 76915"), "");
  EXPECT_EQ(m["allowed_mentions"], json({{"parse", json::array()}}));
  ASSERT_EQ(m["embeds"].size(), 1u);
  const json& e = embed_of(m);
  EXPECT_EQ(e["type"], "rich");
  EXPECT_EQ(e["title"], "\xF0\x9F\x9F\xA2 BTCUSDT long opened");
  EXPECT_EQ(e["color"], colour::green);
  EXPECT_EQ(e["description"], "Entry 76915");
  EXPECT_EQ(e["footer"]["text"], "trade-42");
  EXPECT_EQ(e["timestamp"], "2023-11-14T22:13:20.000Z");
  EXPECT_FALSE(m.contains("nonce"));
  EXPECT_FALSE(m.contains("enforce_nonce"));
  EXPECT_FALSE(m.contains("content"));
}

TEST(embeds, trade_closed_is_coloured_by_pnl_and_shows_it) {
  const json profit = embed_of(message_for(
      note_of(sdk::note_kind::trade_closed, "BTCUSDT long closed", "", R"({"Symbol":"BTCUSDT","PnL":"+12.50 USDT"})"), ""));
  EXPECT_EQ(profit["color"], colour::green);
  EXPECT_NE(profit["title"].get<std::string>().find("PnL +12.50 USDT"), std::string::npos);

  const json loss = embed_of(message_for(
      note_of(sdk::note_kind::trade_closed, "BTCUSDT long closed", "", R"({"realized_pnl":-3.25})"), ""));
  EXPECT_EQ(loss["color"], colour::red);
  EXPECT_NE(loss["title"].get<std::string>().find("-3.25"), std::string::npos);

  const json unknown = embed_of(message_for(note_of(sdk::note_kind::trade_closed, "closed"), ""));
  EXPECT_EQ(unknown["color"], colour::blue);
}

TEST(embeds, alerts_are_coloured_by_severity) {
  auto alert = [](sdk::severity level) {
    sdk::notification note = note_of(sdk::note_kind::alert, "Exchange unreachable");
    note.level = level;
    return embed_of(message_for(note, ""));
  };
  EXPECT_EQ(alert(sdk::severity::critical)["color"], colour::red);
  EXPECT_EQ(alert(sdk::severity::warning)["color"], colour::orange);
  EXPECT_EQ(alert(sdk::severity::info)["color"], colour::blue);
  EXPECT_NE(alert(sdk::severity::critical)["title"].get<std::string>().find("Exchange unreachable"),
            std::string::npos);

  const json resolved = embed_of(message_for(note_of(sdk::note_kind::alert_resolved, "Exchange unreachable"), ""));
  EXPECT_EQ(resolved["color"], colour::grey);
  EXPECT_NE(resolved["title"].get<std::string>().find("Resolved: Exchange unreachable"), std::string::npos);

  EXPECT_EQ(embed_of(message_for(note_of(sdk::note_kind::daily_summary, "Day"), ""))["color"], colour::blue);
  EXPECT_EQ(embed_of(message_for(note_of(sdk::note_kind::message, "Hello"), ""))["title"], "Hello");
}

TEST(embeds, an_empty_title_gets_a_default_and_unknown_kinds_are_messages) {
  EXPECT_EQ(embed_of(message_for(note_of(sdk::note_kind::message, "  "), ""))["title"], "Notification");
  EXPECT_EQ(embed_of(message_for(note_of(static_cast<sdk::note_kind>(99), "New"), ""))["title"], "New");
}

TEST(embeds, fields_keep_their_order_and_render_values_as_text) {
  const json e = embed_of(message_for(
      note_of(sdk::note_kind::message, "t", "",
              R"({"Zeta":"short","Alpha":12.5,"Flag":true,"None":null,"Nested":{"a":[1,2]},"Empty":"",)"
              R"("Long":")" + repeat("x", 100) + R"("})"),
      ""));
  const json& f = e["fields"];
  ASSERT_EQ(f.size(), 7u);
  EXPECT_EQ(f[0], json({{"name", "Zeta"}, {"value", "short"}, {"inline", true}}));
  EXPECT_EQ(f[1]["value"], "12.5");
  EXPECT_EQ(f[2]["value"], "true");
  EXPECT_EQ(f[3]["value"], "-");
  EXPECT_EQ(f[4]["value"], R"({"a":[1,2]})");
  EXPECT_EQ(f[5]["value"], "-");
  EXPECT_EQ(f[6]["inline"], false);
}

TEST(embeds, bad_fields_json_is_shown_as_text) {
  for (std::string_view bad : {"{not json", "[1,2,3]", "\"text\""}) {
    const json e = embed_of(message_for(note_of(sdk::note_kind::message, "t", "", bad), ""));
    ASSERT_EQ(e["fields"].size(), 1u) << bad;
    EXPECT_EQ(e["fields"][0]["name"], "Details");
    EXPECT_EQ(e["fields"][0]["value"], std::string(bad));
  }
  EXPECT_FALSE(embed_of(message_for(note_of(sdk::note_kind::message, "t", "", "null"), "")).contains("fields"));
  EXPECT_FALSE(embed_of(message_for(note_of(sdk::note_kind::message, "t", "", " "), "")).contains("fields"));
}

TEST(embeds, every_length_limit_is_met_with_an_ellipsis) {
  const std::string fields = [] {
    json f = json::object();
    f[repeat("n", 300)] = repeat("v", 2000);
    return f.dump();
  }();
  const std::string title = repeat("T", 300);
  const std::string body = repeat("d", 5000);
  const std::string key = repeat("k", 3000);
  sdk::notification note = note_of(sdk::note_kind::message, title, body, fields);
  note.key = key;
  const json e = embed_of(message_for(note, ""));
  EXPECT_EQ(chars(e["title"]), embed_limit::title);
  EXPECT_TRUE(ends_with_ellipsis(e["title"]));
  EXPECT_EQ(chars(e["fields"][0]["name"]), embed_limit::field_name);
  EXPECT_EQ(chars(e["fields"][0]["value"]), embed_limit::field_value);
  EXPECT_EQ(chars(e["footer"]["text"]), embed_limit::footer);
  EXPECT_TRUE(ends_with_ellipsis(e["footer"]["text"]));
  EXPECT_TRUE(ends_with_ellipsis(e["description"]));
  EXPECT_LE(embed_total(e), embed_limit::total);
}

TEST(embeds, description_alone_is_cut_to_4096) {
  const json e = embed_of(message_for(note_of(sdk::note_kind::message, "t", repeat("d", 5000)), ""));
  EXPECT_EQ(chars(e["description"]), embed_limit::description);
  EXPECT_TRUE(ends_with_ellipsis(e["description"]));
}

TEST(embeds, more_than_25_fields_keep_24_and_say_how_many_are_left_out) {
  json f = json::object();
  for (int i = 0; i < 40; ++i) f["f" + std::to_string(100 + i)] = i;
  const json e = embed_of(message_for(note_of(sdk::note_kind::message, "t", "", f.dump()), ""));
  ASSERT_EQ(e["fields"].size(), embed_limit::fields);
  EXPECT_EQ(e["fields"][0]["name"], "f100");
  EXPECT_NE(e["fields"][24]["value"].get<std::string>().find("16 more"), std::string::npos);
}

TEST(embeds, the_6000_total_holds_with_large_fields_and_description) {
  json f = json::object();
  for (int i = 0; i < 25; ++i) f["field " + std::to_string(i)] = repeat("v", 1000);
  const json e = embed_of(message_for(
      note_of(sdk::note_kind::message, repeat("T", 256), repeat("d", 4096), f.dump()), ""));
  EXPECT_LE(embed_total(e), embed_limit::total);
  EXPECT_LE(e["fields"].size(), embed_limit::fields);
  EXPECT_GE(chars(e["description"]), 1000u);
}

TEST(embeds, lengths_count_code_points_and_bad_utf8_is_replaced) {
  const std::string euro = "\xE2\x82\xAC";  // 1 character, 3 bytes
  const json e = embed_of(message_for(note_of(sdk::note_kind::message, repeat(euro, 300)), ""));
  EXPECT_EQ(chars(e["title"]), embed_limit::title);

  const json bad = message_for(note_of(sdk::note_kind::message, "bad \xFF\xC0 bytes", "\xE2\x82"), "");
  EXPECT_NO_THROW(static_cast<void>(bad.dump()));
  EXPECT_EQ(embed_of(bad)["title"], "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes");
}

TEST(embeds, whitespace_is_trimmed_before_counting) {
  const json e = embed_of(message_for(note_of(sdk::note_kind::message, "  padded  ", "\n body \n"), ""));
  EXPECT_EQ(e["title"], "padded");
  EXPECT_EQ(e["description"], "body");
}

TEST(embeds, a_nonce_comes_with_enforce_nonce) {
  const json m = message_for(note_of(sdk::note_kind::message, "t"), "abc123");
  EXPECT_EQ(m["nonce"], "abc123");
  EXPECT_EQ(m["enforce_nonce"], true);
  const json long_nonce = message_for(note_of(sdk::note_kind::message, "t"), repeat("n", 40));
  EXPECT_EQ(long_nonce["nonce"].get<std::string>().size(), embed_limit::nonce);
}

TEST(embeds, output_is_deterministic) {
  const sdk::notification note =
      note_of(sdk::note_kind::trade_closed, "ETHUSDT short closed", "body", R"({"b":1,"a":"x","PnL":-1})");
  EXPECT_EQ(message_for(note, "n1").dump(), message_for(note, "n1").dump());
}

TEST(embeds, timestamps_are_iso8601_utc) {
  EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_utc(951'782'400'123), "2000-02-29T00:00:00.123Z");
  sdk::notification note = note_of(sdk::note_kind::message, "t");
  note.time_ms = 0;
  EXPECT_FALSE(embed_of(message_for(note, "")).contains("timestamp"));
}

}  // namespace
}  // namespace tb::discord
