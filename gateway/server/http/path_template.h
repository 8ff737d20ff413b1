#pragma once
// A google.api.http path template, compiled once and matched against request paths:
//
//   Template = "/" Segments [ Verb ] ;      Segments = Segment { "/" Segment } ;
//   Segment  = "*" | "**" | LITERAL | Variable ;
//   Variable = "{" FieldPath [ "=" Segments ] "}" ;   FieldPath = IDENT { "." IDENT } ;
//   Verb     = ":" LITERAL ;
//
// e.g. "/v1/citizens/{personal_id}:verify". "{x}" is "{x=*}"; "**" (zero or more segments) may
// only end the template. A single-segment variable's value is fully percent-decoded; a
// multi-segment one keeps "%2F" encoded, as google/api/http.proto specifies.

#include <absl/status/statusor.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ndxp::server::http {

struct PathBinding {
  std::string field_path;  // "personal_id", "parent.name"
  std::string value;       // decoded
};

class PathTemplate {
 public:
  static absl::StatusOr<PathTemplate> Parse(std::string_view pattern);

  // True when `path` (percent-encoded, without the query) matches; `bindings` then holds one
  // entry per variable, in template order.
  bool Match(std::string_view path, std::vector<PathBinding>& bindings) const;

  const std::string& pattern() const { return pattern_; }
  const std::string& verb() const { return verb_; }
  std::vector<std::string> VariableFieldPaths() const;
  // Orders templates for matching: custom verbs first, then more literal segments, then fewer
  // wildcards; a smaller value is tried first.
  int Specificity() const;

 private:
  enum class Kind { kLiteral, kSingle, kMulti };
  struct Segment {
    Kind kind = Kind::kLiteral;
    std::string literal;
  };
  struct Variable {
    std::string field_path;
    std::size_t first = 0;  // index into segments_
    std::size_t count = 0;  // segments covered
  };
  friend class PathTemplateParser;

  std::string pattern_;
  std::vector<Segment> segments_;
  std::vector<Variable> variables_;
  std::string verb_;
};

}  // namespace ndxp::server::http
