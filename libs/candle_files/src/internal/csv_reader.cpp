#include "internal/csv_reader.hpp"

#include "candle_files/candle_file.hpp"
#include "internal/file_text.hpp"

namespace tb::candle_files::internal {

csv_reader::csv_reader(std::string_view text, char delimiter, const std::string& source)
    : text_(text), delimiter_(delimiter), source_(source) {}

bool csv_reader::next(csv_record& record) {
  while (pos_ < text_.size()) {
    record.line = line_;
    record.fields.clear();
    bool quoted = false;
    read_record(record.fields, quoted);
    if (quoted || record.fields.size() > 1 || !record.fields.front().empty()) return true;
  }
  return false;
}

void csv_reader::read_record(std::vector<std::string>& fields, bool& quoted) {
  for (;;) {
    std::size_t start = pos_;
    while (start < text_.size() && is_blank(text_[start])) ++start;
    if (start < text_.size() && text_[start] == '"') {
      quoted = true;
      pos_ = start + 1;
      fields.push_back(read_quoted(fields.size() + 1));
    } else {
      fields.push_back(read_plain());
    }
    if (pos_ < text_.size() && text_[pos_] == delimiter_) {
      ++pos_;
      continue;
    }
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
    return;
  }
}

std::string csv_reader::read_quoted(std::size_t field_number) {
  const std::size_t opened_on = line_;
  std::string field;
  for (;;) {
    if (pos_ >= text_.size()) {
      throw candle_file_error(source_ + ":" + std::to_string(opened_on) + ": field " +
                                  std::to_string(field_number) +
                                  ": the quoted field is never closed; add the closing '\"'",
                              opened_on, field_number);
    }
    const char c = text_[pos_++];
    if (c == '"') {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field += '"';
        ++pos_;
        continue;
      }
      break;
    }
    if (c == '\n' || (c == '\r' && (pos_ >= text_.size() || text_[pos_] != '\n'))) ++line_;
    field += c;
  }
  while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
  if (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\r' &&
      text_[pos_] != '\n') {
    throw candle_file_error(source_ + ":" + std::to_string(line_) + ": field " +
                                std::to_string(field_number) + ": unexpected '" +
                                std::string(1, text_[pos_]) +
                                "' after the closing quote; double a quote inside a quoted field",
                            line_, field_number);
  }
  return field;
}

std::string csv_reader::read_plain() {
  const std::size_t start = pos_;
  while (pos_ < text_.size() && text_[pos_] != delimiter_ && text_[pos_] != '\n' &&
         text_[pos_] != '\r') {
    ++pos_;
  }
  std::string_view field = text_.substr(start, pos_ - start);
  while (!field.empty() && is_blank(field.front())) field.remove_prefix(1);
  while (!field.empty() && is_blank(field.back())) field.remove_suffix(1);
  return std::string(field);
}

char guess_delimiter(std::string_view header_line) {
  if (header_line.find(',') != std::string_view::npos) return ',';
  if (header_line.find('\t') != std::string_view::npos) return '\t';
  if (header_line.find(';') != std::string_view::npos) return ';';
  return ',';
}

std::optional<csv_reader> open_csv(std::string_view text, const std::string& source) {
  text = strip_bom(text);
  const std::size_t start = first_content(text);
  if (start == std::string_view::npos) return std::nullopt;
  const std::size_t first_end = text.find_first_of("\r\n", start);
  return std::optional<csv_reader>(std::in_place, text,
                                   guess_delimiter(text.substr(start, first_end - start)), source);
}

}  // namespace tb::candle_files::internal
