#include "gateway/server/http/json_limits.h"

#include <string>

#include "gateway/core/utf8.h"

namespace ndxp::server::http {

namespace {

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// One pass over the text, with an explicit stack of open containers (bounded by max_depth).
class JsonChecker {
 public:
  JsonChecker(std::string_view json, std::uint32_t max_depth)
      : s_(json), max_depth_(max_depth) {}

  JsonCheck Run() {
    SkipSpace();
    if (!Value()) return result_;
    SkipSpace();
    if (i_ != s_.size()) Fail("text after the JSON value");
    return result_;
  }

 private:
  // A value, and for containers everything up to their closing bracket, without recursion.
  bool Value() {
    std::string closers;  // the open containers: '}' or ']'
    for (;;) {
      SkipSpace();
      if (i_ == s_.size()) return Fail("the body ends where a value is expected").ok();
      const char c = s_[i_];
      if (c == '{' || c == '[') {
        if (closers.size() == max_depth_) {
          result_.result = JsonCheck::Result::kTooDeep;
          return false;
        }
        ++i_;
        closers.push_back(c == '{' ? '}' : ']');
        SkipSpace();
        if (i_ < s_.size() && s_[i_] == closers.back()) {  // empty container
          ++i_;
          closers.pop_back();
        } else if (closers.back() == '}') {
          if (!Member()) return false;
          continue;  // the member's value
        } else {
          continue;  // the first element
        }
      } else if (!Scalar()) {
        return false;
      }
      // After a value: a comma and the next one, or the end of containers.
      for (;;) {
        if (closers.empty()) return true;
        SkipSpace();
        if (i_ == s_.size()) return Fail("the body ends inside an object or array").ok();
        if (s_[i_] == ',') {
          ++i_;
          SkipSpace();
          if (closers.back() == '}') {
            if (!Member()) return false;
          } else if (i_ < s_.size() && s_[i_] == ']') {
            return Fail("a comma before ']' (trailing commas are not JSON)").ok();
          }
          break;  // the next value
        }
        if (s_[i_] == closers.back()) {
          ++i_;
          closers.pop_back();
          continue;
        }
        return Fail(closers.back() == '}' ? "expected ',' or '}' after an object member"
                                          : "expected ',' or ']' after an array element")
            .ok();
      }
    }
  }

  // `"name" :` of an object member.
  bool Member() {
    SkipSpace();
    if (i_ == s_.size() || s_[i_] != '"') {
      return Fail(i_ < s_.size() && s_[i_] == '}'
                      ? "a comma before '}' (trailing commas are not JSON)"
                      : "an object member's name must be a double-quoted string")
          .ok();
    }
    if (!String()) return false;
    SkipSpace();
    if (i_ == s_.size() || s_[i_] != ':') return Fail("expected ':' after a member name").ok();
    ++i_;
    return true;
  }

  bool Scalar() {
    const char c = s_[i_];
    if (c == '"') return String();
    if (c == '-' || IsDigit(c)) return Number();
    for (std::string_view word : {std::string_view("true"), std::string_view("false"),
                                  std::string_view("null")}) {
      if (s_.substr(i_, word.size()) == word) {
        i_ += word.size();
        return true;
      }
    }
    if (c == '\'') return Fail("strings must be in double quotes").ok();
    return Fail("not a JSON value (expected an object, array, string, number, true, false or "
                "null)")
        .ok();
  }

  bool String() {
    ++i_;  // the opening quote
    while (i_ < s_.size()) {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return Fail("a control character inside a string (escape it)").ok();
      if (c == '\\') {
        if (i_ + 1 == s_.size()) break;
        const char e = s_[i_ + 1];
        if (e == 'u') {
          for (std::size_t k = 2; k < 6; ++k) {
            if (i_ + k >= s_.size() || !IsHex(s_[i_ + k])) {
              return Fail("\\u must be followed by four hexadecimal digits").ok();
            }
          }
          i_ += 6;
        } else if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' ||
                   e == 'r' || e == 't') {
          i_ += 2;
        } else {
          return Fail("an unknown escape in a string").ok();
        }
        continue;
      }
      if (c < 0x80) {
        ++i_;
        continue;
      }
      if (!Utf8()) return false;
    }
    return Fail("a string is not closed").ok();
  }

  // One multi-byte UTF-8 sequence at i_.
  bool Utf8() {
    const std::size_t n = core::Utf8SequenceLength(s_, i_);
    if (n == 0) return Fail("a string is not valid UTF-8").ok();
    i_ += n;
    return true;
  }

  bool Number() {
    if (s_[i_] == '-') ++i_;
    if (i_ == s_.size() || !IsDigit(s_[i_])) return Fail("a number needs a digit").ok();
    if (s_[i_] == '0') {
      ++i_;
      if (i_ < s_.size() && IsDigit(s_[i_])) return Fail("a number must not start with 0").ok();
    } else {
      while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    }
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (i_ == s_.size() || !IsDigit(s_[i_])) return Fail("a digit must follow '.'").ok();
      while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ == s_.size() || !IsDigit(s_[i_])) return Fail("a digit must follow the exponent").ok();
      while (i_ < s_.size() && IsDigit(s_[i_])) ++i_;
    }
    return true;
  }

  void SkipSpace() {
    while (i_ < s_.size() && IsJsonSpace(s_[i_])) ++i_;
  }

  struct Failed {
    bool ok() const { return false; }
  };
  Failed Fail(std::string problem) {
    result_.result = JsonCheck::Result::kMalformed;
    result_.offset = i_;
    result_.problem = std::move(problem);
    return {};
  }

  std::string_view s_;
  std::uint32_t max_depth_;
  std::size_t i_ = 0;
  JsonCheck result_;
};

}  // namespace

JsonCheck CheckJson(std::string_view json, std::uint32_t max_depth) {
  return JsonChecker(json, max_depth).Run();
}


bool JsonDepthWithin(std::string_view json, std::uint32_t max_depth) {
  std::uint32_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : json) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '{':
      case '[':
        if (++depth > max_depth) return false;
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return true;
}

}  // namespace ndxp::server::http
