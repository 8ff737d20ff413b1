#include "gateway/server/http/path_template.h"

#include <cctype>

#include "gateway/core/strings.h"
#include "gateway/server/http/url.h"

namespace ndxp::server::http {

// Recursive descent over the grammar in the header.
class PathTemplateParser {
 public:
  explicit PathTemplateParser(std::string_view pattern) : rest_(pattern) {}

  absl::StatusOr<PathTemplate> Run() {
    out_.pattern_ = std::string(rest_);
    if (!Consume('/')) return Error("must start with '/'");
    if (!ParseSegments(false)) return Error(error_);
    if (Consume(':')) {
      out_.verb_ = std::string(TakeLiteral());
      if (out_.verb_.empty()) return Error("empty custom verb");
    }
    if (!rest_.empty()) return Error(core::Cat("unexpected '", rest_.front(), "'"));
    for (std::size_t i = 0; i + 1 < out_.segments_.size(); ++i) {
      if (out_.segments_[i].kind == PathTemplate::Kind::kMulti) {
        return Error("'**' may only be the last segment");
      }
    }
    return std::move(out_);
  }

 private:
  absl::Status Error(std::string_view problem) const {
    return absl::InvalidArgumentError(
        core::ToAbsl(core::Cat("bad path template \"", out_.pattern_, "\": ", problem)));
  }

  bool Consume(char c) {
    if (rest_.empty() || rest_.front() != c) return false;
    rest_.remove_prefix(1);
    return true;
  }

  std::string_view TakeWhile(bool (*accept)(char)) {
    std::size_t n = 0;
    while (n < rest_.size() && accept(rest_[n])) ++n;
    std::string_view taken = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return taken;
  }

  std::string_view TakeLiteral() {
    return TakeWhile([](char c) {
      return c != '/' && c != ':' && c != '{' && c != '}' && c != '*' && c != '=';
    });
  }

  bool ParseSegments(bool in_variable) {
    do {
      if (!ParseSegment(in_variable)) return false;
    } while (Consume('/'));
    return true;
  }

  bool ParseSegment(bool in_variable) {
    using Kind = PathTemplate::Kind;
    if (Consume('*')) {
      out_.segments_.push_back({Consume('*') ? Kind::kMulti : Kind::kSingle, ""});
      return true;
    }
    if (!rest_.empty() && rest_.front() == '{') {
      if (in_variable) return Fail("variables cannot nest");
      return ParseVariable();
    }
    std::string_view literal = TakeLiteral();
    if (literal.empty()) return Fail("empty segment");
    out_.segments_.push_back({Kind::kLiteral, std::string(literal)});
    return true;
  }

  bool ParseVariable() {
    Consume('{');
    std::string_view path = TakeWhile(
        [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; });
    if (path.empty() || path.front() == '.' || path.back() == '.' ||
        path.find("..") != std::string_view::npos) {
      return Fail("bad variable name");
    }
    PathTemplate::Variable variable{std::string(path), out_.segments_.size(), 0};
    if (Consume('=')) {
      if (!ParseSegments(true)) return false;
    } else {
      out_.segments_.push_back({PathTemplate::Kind::kSingle, ""});
    }
    if (!Consume('}')) return Fail("unclosed variable");
    variable.count = out_.segments_.size() - variable.first;
    out_.variables_.push_back(std::move(variable));
    return true;
  }

  bool Fail(std::string_view problem) {
    error_ = std::string(problem);
    return false;
  }

  std::string_view rest_;
  PathTemplate out_;
  std::string error_;
};

absl::StatusOr<PathTemplate> PathTemplate::Parse(std::string_view pattern) {
  return PathTemplateParser(pattern).Run();
}

namespace {

std::vector<std::string_view> SplitSegments(std::string_view path) {
  std::vector<std::string_view> out;
  path.remove_prefix(1);  // the leading '/'
  while (true) {
    std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

bool PathTemplate::Match(std::string_view path, std::vector<PathBinding>& bindings) const {
  bindings.clear();
  if (path.empty() || path.front() != '/') return false;
  if (!verb_.empty()) {
    std::string suffix = core::Cat(":", verb_);
    if (!path.ends_with(suffix)) return false;
    path.remove_suffix(suffix.size());
  }
  std::vector<std::string_view> parts = SplitSegments(path);
  bool open_ended = !segments_.empty() && segments_.back().kind == Kind::kMulti;
  std::size_t fixed = open_ended ? segments_.size() - 1 : segments_.size();
  if (open_ended ? parts.size() < fixed : parts.size() != fixed) return false;
  for (std::size_t i = 0; i < fixed; ++i) {
    if (parts[i].empty()) return false;
    if (segments_[i].kind != Kind::kLiteral) continue;
    auto decoded = PercentDecode(parts[i], false);
    if (!decoded || *decoded != segments_[i].literal) return false;
  }
  for (const Variable& variable : variables_) {
    std::size_t end = variable.first + variable.count;
    bool to_end = end == segments_.size() && open_ended;
    std::size_t last = to_end ? parts.size() : end;
    std::string raw;
    for (std::size_t i = variable.first; i < last; ++i)
      core::Append(raw, i > variable.first ? "/" : "", parts[i]);
    bool multi = last - variable.first != 1 || to_end;
    auto value = PercentDecode(raw, false, multi);
    if (!value) return false;
    bindings.push_back({variable.field_path, std::move(*value)});
  }
  return true;
}

std::vector<std::string> PathTemplate::VariableFieldPaths() const {
  std::vector<std::string> out;
  for (const Variable& variable : variables_) out.push_back(variable.field_path);
  return out;
}

int PathTemplate::Specificity() const {
  int literals = 0;
  int wildcards = 0;
  for (const Segment& segment : segments_) {
    if (segment.kind == Kind::kLiteral) ++literals;
    if (segment.kind == Kind::kMulti) wildcards += 100;
    if (segment.kind == Kind::kSingle) ++wildcards;
  }
  return (verb_.empty() ? 100000 : 0) - literals * 1000 + wildcards;
}

}  // namespace ndxp::server::http
