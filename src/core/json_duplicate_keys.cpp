#include "core/json_duplicate_keys.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <cfloat>
#include <cmath>
#include <set>
#include <vector>

namespace relief {
namespace {
namespace json = boost::json;
using boost::system::error_code;

// Boost.JSON's event parser, keeping the keys of each open object, where in the document it is,
// and the text of each number. One pass finds both: it stops at the first key given twice (the
// graver finding), remembering the first number out of range on the way.
struct TextWatcher {
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  struct Level {
    bool array = false;
    std::string key;  // an object's current key
    std::size_t index = 0;  // an array's current element
  };
  std::vector<std::set<std::string>> open;
  std::vector<Level> levels;
  std::string key;
  std::string number;
  std::optional<std::string> duplicate;
  std::optional<Problem> out_of_range;

  std::string path() const {
    std::string out;
    for (const auto& l : levels)
      out += l.array ? "[" + std::to_string(l.index) + "]" : (out.empty() ? "" : ".") + l.key;
    return out.empty() ? "body" : out;
  }
  bool value_done() {  // after each whole value: the next element of an array
    if (!levels.empty() && levels.back().array) ++levels.back().index;
    return true;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) {
    levels.push_back({true, "", 0});
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    levels.pop_back();
    return value_done();
  }
  bool on_object_begin(error_code&) {
    open.emplace_back();
    levels.push_back({});
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    open.pop_back();
    levels.pop_back();
    return value_done();
  }
  bool on_string_part(json::string_view, std::size_t, error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, error_code&) { return value_done(); }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code& ec) {
    key.append(s.data(), s.size());
    if (!open.back().insert(key).second) {
      duplicate = key;
      ec = json::error::syntax;  // stop here: one is enough
      return false;
    }
    levels.back().key = std::move(key);
    key.clear();
    return true;
  }
  bool on_number_part(json::string_view s, error_code&) {
    number.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t, json::string_view, error_code&) {
    number.clear();
    return value_done();
  }
  bool on_uint64(std::uint64_t, json::string_view, error_code&) {
    number.clear();
    return value_done();
  }
  bool on_double(double d, json::string_view s, error_code&) {
    number.append(s.data(), s.size());
    // Zero as written (0.0, 0e-400) is zero; any other digit before the exponent is not.
    const auto mantissa = number.substr(0, number.find_first_of("eE"));
    const bool written_nonzero = mantissa.find_first_of("123456789") != std::string::npos;
    if (!out_of_range && written_nonzero && (!std::isfinite(d) || std::fabs(d) < DBL_MIN)) {
      out_of_range = Problem{
          path(), !std::isfinite(d) ? number + " is too large for a number here (at most about 1.8e308 either side of 0)"
                                    : number + " is too close to 0 for a number here: it would be kept as a different "
                                               "number; send 0, or a value of at least about 2.2e-308 either side of 0"};
    }
    number.clear();
    return value_done();
  }
  bool on_bool(bool, error_code&) { return value_done(); }
  bool on_null(error_code&) { return value_done(); }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }
};

}  // namespace

JsonTextFindings read_json_text(std::string_view text) {
  json::parse_options options;
  options.max_depth = 64;  // as deep as the resources Relief reads
  json::basic_parser<TextWatcher> parser(options);
  error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  return {std::move(parser.handler().duplicate), std::move(parser.handler().out_of_range)};
}

void refuse_what_parsing_hides(std::string_view text) {
  auto found = read_json_text(text);
  if (found.duplicate_key)
    throw MalformedInput("\"" + *found.duplicate_key + "\" appears twice in one object; send it once");
  if (found.number_out_of_range) throw ValidationError({*found.number_out_of_range});
}

}  // namespace relief
