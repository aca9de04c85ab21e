// Records of a delimited text file (RFC 4180 quoting), for the candle CSV reader.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tb::candle_files::internal {

struct csv_record {
  std::size_t line = 0;  // 1-based line on which the record starts
  std::vector<std::string> fields;
};

// Splits `text` into records. Line ends may be "\n", "\r\n" or "\r". A field may be quoted
// ("a,b", "say ""hi""", even across lines); spaces and tabs around a field are dropped.
// Blank records (nothing but spaces) are skipped. Malformed quoting throws
// candle_file_error naming `source`, the line and the field number.
class csv_reader {
 public:
  csv_reader(std::string_view text, char delimiter, const std::string& source);

  // The next non-blank record into `record`; false at the end of the text.
  bool next(csv_record& record);

 private:
  void read_record(std::vector<std::string>& fields, bool& quoted);
  std::string read_quoted(std::size_t field_number);
  std::string read_plain();
  bool is_blank(char c) const { return (c == ' ' || c == '\t') && c != delimiter_; }

  std::string_view text_;
  char delimiter_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

// The delimiter of a header line: ',' unless the line has none and has tabs (then '\t') or
// semicolons (then ';').
char guess_delimiter(std::string_view header_line);

// A reader over a whole file's text: the BOM dropped, the delimiter guessed from the first
// non-blank line. nullopt when the text holds nothing but blanks.
std::optional<csv_reader> open_csv(std::string_view text, const std::string& source);

}  // namespace tb::candle_files::internal
