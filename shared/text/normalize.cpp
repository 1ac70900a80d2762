#include "shared/text/normalize.hpp"

#include <utf8proc.h>
#include <cstdlib>
#include <cstring>

#include "shared/text/string_sink.hpp"
#include "shared/text/swar.hpp"
#include "shared/text/utf8.hpp"

namespace joblens::text {
namespace {

// Glyphs used as list bullets in postings; each starts a new list item.
bool is_bullet(char32_t cp) {
  switch (cp) {
    case U'\u2022':
    case U'\u2023':
    case U'\u2043':
    case U'\u2219':
    case U'\u25AA':
    case U'\u25AB':
    case U'\u25CF':
    case U'\u25CB':
    case U'\u25E6':
    case U'\u25A0':
    case U'\u25A1':
    case U'\u25BA':
    case U'\u25B8':
    case U'\u27A2':
    case U'\u27A4':
    case U'\u2794':
    case U'\u2192':
    case U'\u2713':
    case U'\u2714':
    case U'\u2705':
    case U'\u2605':
    case U'\u2606':
    case U'\u29BF':
    case U'\u2756':
    case U'\u00B7':
    case U'\u30FB':
      return true;
    default:
      return false;
  }
}

// ASCII stand-ins for the typographic characters job pages print.
char32_t lump(char32_t cp) {
  if (cp == U'\u00A0' || cp == U'\u202F' || cp == U'\u2007' || (cp >= U'\u2000' && cp <= U'\u200A') ||
      cp == U'\u3000' || cp == U'\t' || cp == U'\f' || cp == U'\v')
    return U' ';
  if ((cp >= U'\u2010' && cp <= U'\u2015') || cp == U'\u2212' || cp == U'\uFE63' || cp == U'\uFF0D')
    return U'-';
  if (cp == U'\u2018' || cp == U'\u2019' || cp == U'\u201A' || cp == U'\u201B' || cp == U'\u2032' ||
      cp == U'\u00B4' || cp == U'\u0060')
    return U'\'';
  if (cp == U'\u201C' || cp == U'\u201D' || cp == U'\u201E' || cp == U'\u201F' || cp == U'\u00AB' ||
      cp == U'\u00BB' || cp == U'\u2033')
    return U'"';
  if (cp == U'\u2028' || cp == U'\u2029' || cp == U'\u0085' || cp == U'\r') return U'\n';
  return cp;
}

// lump() for ASCII, without the comparisons for typographic characters.
char lump_ascii(char c) {
  switch (c) {
    case '\t':
    case '\f':
    case '\v':
      return ' ';
    case '`':
      return '\'';
    case '\r':
      return '\n';
    default:
      return c;
  }
}

// Zero-width characters pages insert that carry no meaning for matching.
bool is_invisible(char32_t cp) {
  return cp == U'\u200B' || cp == U'\u200C' || cp == U'\u200D' || cp == U'\u2060' || cp == U'\uFEFF' ||
         cp == U'\u00AD';
}

// Whitespace seen since the last character written, turned into one space or up to two line breaks
// when the next character comes. write() runs once per word: always inline, as clang kept such
// helpers out of line in WebAssembly, where the call cost more than the word's copy.
struct Pending {
  bool space = false;
  int newlines = 0;

  bool any() const { return space || newlines > 0; }
  void line_break() {
    space = false;
    ++newlines;
  }
  // Writes the pending separator at `to` (room for two bytes) after `written` bytes ending in `last`;
  // returns the new end.
  [[gnu::always_inline]] char* write(char* to, std::size_t written, char last) {
    if (newlines > 0 && written > 0) {
      *to++ = '\n';
      if (newlines > 1) *to++ = '\n';
    } else if (space && written > 0 && last != '\n') {
      *to++ = ' ';
    }
    space = false;
    newlines = 0;
    return to;
  }
  [[gnu::always_inline]] void flush(StringSink& sink) {
    const std::size_t written = sink.size();
    const char last = written ? sink.back() : '\0';
    char* to = sink.claim(2);
    sink.commit(static_cast<std::size_t>(write(to, written, last) - to));
  }
};

// A buffer utf8proc allocated with malloc, freed when it goes out of scope.
struct Utf8procBuffer {
  utf8proc_uint8_t* data = nullptr;
  Utf8procBuffer() = default;
  Utf8procBuffer(const Utf8procBuffer&) = delete;
  Utf8procBuffer& operator=(const Utf8procBuffer&) = delete;
  ~Utf8procBuffer() { std::free(data); }
};

// Folds one run of non-ASCII text with utf8proc into `buffer`; the run itself if utf8proc fails (only
// on allocation failure, since the run is valid UTF-8). It returns the text rather than writing to
// fold()'s sink: a sink passed to a call that is not inlined has to keep its fields in memory for the
// whole loop (see string_sink.hpp).
std::string_view fold_run(std::string_view run, Utf8procBuffer& buffer) {
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_LUMP |
                                                      UTF8PROC_IGNORE);
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(run.data()),
                   static_cast<utf8proc_ssize_t>(run.size()), &buffer.data, options);
  if (length < 0) return run;
  return {reinterpret_cast<const char*>(buffer.data), static_cast<std::size_t>(length)};
}

// The end of the run of ASCII bytes that starts at `i`, eight bytes at a time: in WebAssembly a loop
// per byte cost as much as lowercasing the run.
std::size_t ascii_run_end(std::string_view s, std::size_t i) {
  for (; i + 8 <= s.size(); i += 8)
    if (swar::load(s.data() + i) & swar::kHigh) break;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

// Copies the ASCII letters and digits at the start of [p, end) to `to`, which has room for 8 bytes
// more than that range; returns how many it copied. Eight bytes at a time: all eight are stored, and
// the word ends at the first that is not a letter or digit (what follows overwrites the rest).
[[gnu::always_inline]] inline std::size_t copy_alphanumeric(const char* p, const char* end, char* to) {
  const char* const start = p;
  for (; end - p >= 8; p += 8, to += 8) {
    const std::uint64_t word = swar::load(p);
    std::memcpy(to, &word, 8);
    if (const std::uint64_t other = ~swar::alphanumerics(word) & swar::kHigh)
      return static_cast<std::size_t>(p - start) + swar::first(other);
  }
  for (; p != end && swar::is_alphanumeric(static_cast<unsigned char>(*p)); ++p, ++to) *to = *p;
  return static_cast<std::size_t>(p - start);
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  {
    StringSink sink(out, text.size());
    // ASCII is lowercased as it is copied; only runs of other characters go through utf8proc. Folding
    // is per code point (a combining mark after an ASCII letter is stripped on its own), so the result
    // is the same as folding the whole text at once, at a fraction of the cost for mostly-English
    // postings. Ill-formed UTF-8 can only be inside such a run (an ASCII byte is never part of a
    // sequence), so each run is checked on its own rather than the whole text first.
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t run = ascii_run_end(text, i);
      if (run > i) {
        sink.put_ascii_lowercase(text.substr(i, run - i));
        i = run;
        continue;
      }
      std::size_t end = i + 1;
      while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
      const std::string_view other = text.substr(i, end - i);
      const std::string sanitized = is_valid_utf8(other) ? std::string() : sanitize_utf8(other);
      Utf8procBuffer buffer;
      sink.put(fold_run(sanitized.empty() ? other : std::string_view(sanitized), buffer));
      i = end;
    }
  }
  return out;
}

std::string clean_text(std::string_view s) {
  // Most postings have no entity and are valid UTF-8: then the input is read as it is, not copied.
  std::string copy;
  std::string_view text = s;
  if (!is_valid_utf8_without(text, '&')) {
    if (text.find('&') != std::string_view::npos) text = copy = decode_html_entities(text);
    if (!is_valid_utf8(text)) text = copy = sanitize_utf8(text);
  }
  std::string out;
  {
    StringSink sink(out, text.size());
    Pending pending;
    std::size_t i = 0;
    while (i < text.size()) {
      const auto byte = static_cast<unsigned char>(text[i]);
      // ASCII letters and digits, most of any posting, skip decoding and lumping.
      if (swar::is_alphanumeric(byte)) {
        // The separator before the word and the word itself are written through one pointer, with
        // one check for room: this runs for every word.
        const char* from = text.data() + i;
        const char* const end = text.data() + text.size();
        const std::size_t written = sink.size();
        const char last = written ? sink.back() : '\0';
        char* const start = sink.claim(static_cast<std::size_t>(end - from) + 2 + 8);
        char* to = pending.any() ? pending.write(start, written, last) : start;
        // The commonest separator, one space before the next word, is copied in the same run: no
        // round of the loop per word. The room claimed covers it (one byte out per byte in).
        for (;;) {
          const std::size_t length = copy_alphanumeric(from, end, to);
          to += length;
          from += length;
          if (end - from < 2 || from[0] != ' ' || !swar::is_alphanumeric(static_cast<unsigned char>(from[1])))
            break;
          *to++ = ' ';
          ++from;
        }
        sink.commit(static_cast<std::size_t>(to - start));
        i = static_cast<std::size_t>(from - text.data());
        continue;
      }
      if (byte < 0x80) {  // ASCII spaces and punctuation: no decoding, no tables
        ++i;
        if (byte == '\r' && i < text.size() && text[i] == '\n') continue;  // CRLF is one break
        const char ascii = lump_ascii(static_cast<char>(byte));
        if (ascii == '\n') {
          pending.line_break();
        } else if (ascii == ' ') {
          pending.space = true;
        } else if (!pending.any()) {
          sink.put(ascii);
        } else {
          pending.flush(sink);
          sink.put(ascii);
        }
        continue;
      }
      char32_t cp = decode_next(text, i);
      if (is_invisible(cp)) continue;
      if (is_bullet(cp)) cp = U'\n';
      cp = lump(cp);
      if (cp == U'\n') {
        pending.line_break();
      } else if (cp == U' ') {
        pending.space = true;
      } else {
        pending.flush(sink);
        sink.put_utf8(cp);
      }
    }
  }
  return out;
}

}  // namespace joblens::text
