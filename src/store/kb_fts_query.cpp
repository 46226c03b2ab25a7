// The user's search text as an FTS5 query (docs/comanaged-kb.md, "Query text"). Nothing the
// user types reaches FTS5 as syntax: every word is a quoted string, whose only special
// character, the double quote, is doubled; the operators between the words are ours.
#include <mspcore/comanaged/knowledge_base.hpp>

#include <string>
#include <vector>

namespace mspcore {
inline namespace v1 {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A letter or digit to unicode61: ASCII alphanumerics, and (near enough) anything not ASCII.
// A word without one would be an empty phrase, which matches nothing.
bool has_token(std::string_view word) {
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) return true;
  }
  return false;
}

std::string replace_all(std::string_view text, std::string_view from, std::string_view to, bool ascii_case) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    bool hit = i + from.size() <= text.size();
    for (std::size_t j = 0; hit && j < from.size(); ++j) {
      char c = text[i + j];
      if (ascii_case && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      hit = c == from[j];
    }
    if (hit) {
      out += to;
      i += from.size();
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string phrase(std::string_view word, bool prefix) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  if (prefix) out += '*';
  return out;
}

// The spellings a word is searched in: itself, with "ß" as "ss" (Swiss and upper-case
// German write it so), and with "ss" as "ß" (the other way round, and the old spelling).
std::vector<std::string> spellings(std::string_view word) {
  std::vector<std::string> out{std::string(word)};
  auto add = [&out](std::string s) {
    for (const auto& have : out) {
      if (have == s) return;
    }
    out.push_back(std::move(s));
  };
  const std::string no_sharp = replace_all(replace_all(word, "\xc3\x9f", "ss", false), "\xe1\xba\x9e", "ss", false);
  add(no_sharp);
  add(replace_all(word, "ss", "\xc3\x9f", true));
  return out;
}

}  // namespace

std::string kb_fts_query(std::string_view text) {
  std::string query;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    std::string_view word = text.substr(start, i - start);
    bool prefix = false;
    while (!word.empty() && word.back() == '*') {
      word.remove_suffix(1);
      prefix = true;
    }
    if (!has_token(word)) continue;
    const auto forms = spellings(word);
    std::string term;
    for (const auto& form : forms) {
      if (!term.empty()) term += " OR ";
      term += phrase(form, prefix);
    }
    if (forms.size() > 1) term = "(" + term + ")";
    if (!query.empty()) query += " AND ";
    query += term;
  }
  return query;
}

}  // namespace v1
}  // namespace mspcore
