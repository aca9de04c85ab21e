#include "core/secret_redactor.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace tb::host {
namespace {

TEST(secret_redactor, masks_every_occurrence) {
  secret_redactor r;
  ASSERT_TRUE(r.add("s3cr3tKEY"));
  EXPECT_EQ(r.redacted("key=s3cr3tKEY&sig=x s3cr3tKEYs3cr3tKEY"), "key=***&sig=x ******");
}

TEST(secret_redactor, text_without_secrets_is_left_alone) {
  secret_redactor r;
  std::string out = "untouched";
  EXPECT_FALSE(r.redact("nothing here", out));  // no secrets at all
  r.add("abcd");
  EXPECT_FALSE(r.redact("nothing here", out));
  EXPECT_EQ(out, "untouched");
}

TEST(secret_redactor, short_secrets_are_refused) {
  secret_redactor r;
  EXPECT_FALSE(r.add("abc"));
  EXPECT_EQ(r.size(), 0u);
  EXPECT_EQ(r.redacted("abc"), "abc");
  EXPECT_TRUE(r.add("abcd"));
  EXPECT_TRUE(r.add("abcd"));  // again: still one
  EXPECT_EQ(r.size(), 1u);
}

TEST(secret_redactor, the_longer_of_overlapping_secrets_is_masked_whole) {
  secret_redactor r;
  r.add("token");
  r.add("token-extended");
  EXPECT_EQ(r.redacted("a token-extended b token c"), "a *** b *** c");
}

TEST(secret_redactor, adding_while_redacting_is_safe) {
  secret_redactor r;
  std::thread writer([&] {
    for (int i = 0; i < 200; ++i) r.add("secret-" + std::to_string(i));
  });
  std::thread reader([&] {
    for (int i = 0; i < 2000; ++i) {
      const std::string out = r.redacted("x secret-1 y");
      ASSERT_TRUE(out == "x secret-1 y" || out == "x *** y") << out;
    }
  });
  writer.join();
  reader.join();
  EXPECT_EQ(r.redacted("x secret-199 y"), "x *** y");
}

}  // namespace
}  // namespace tb::host
