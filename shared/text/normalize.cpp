#include "shared/text/normalize.hpp"

#include <utf8proc.h>
#include <cstdlib>

#include "shared/text/string_sink.hpp"
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

}  // namespace

// Folds one run of non-ASCII text with utf8proc.
static void append_folded_run(StringSink& out, std::string_view run) {
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_LUMP |
                                                      UTF8PROC_IGNORE);
  const utf8proc_ssize_t length = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(run.data()),
                                               static_cast<utf8proc_ssize_t>(run.size()), &mapped, options);
  if (length < 0) {  // only on allocation failure, since the run is valid UTF-8
    out.put(run);
    return;
  }
  out.put(std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length)));
  std::free(mapped);  // utf8proc allocates with malloc
}

std::string fold(std::string_view input) {
  const std::string clean = is_valid_utf8(input) ? std::string() : sanitize_utf8(input);
  const std::string_view text = clean.empty() ? input : std::string_view(clean);
  std::string out;
  {
    StringSink sink(out, text.size());
    // ASCII is lowercased as it is copied; only runs of other characters go through utf8proc. Folding
    // is per code point (a combining mark after an ASCII letter is stripped on its own), so the result
    // is the same as folding the whole text at once, at a fraction of the cost for mostly-English
    // postings.
    std::size_t i = 0;
    while (i < text.size()) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x80) {
        std::size_t run = i + 1;
        while (run < text.size() && static_cast<unsigned char>(text[run]) < 0x80) ++run;
        sink.put_ascii_lowercase(text.substr(i, run - i));
        i = run;
        continue;
      }
      std::size_t end = i + 1;
      while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
      append_folded_run(sink, text.substr(i, end - i));
      i = end;
    }
  }
  return out;
}

std::string clean_text(std::string_view s) {
  // Most postings have no entity and are valid UTF-8: then the input is read as it is, not copied.
  std::string copy;
  std::string_view text = s;
  if (text.find('&') != std::string_view::npos) text = copy = decode_html_entities(text);
  if (!is_valid_utf8(text)) text = copy = sanitize_utf8(text);
  std::string out;
  {
    StringSink sink(out, text.size());
    bool pending_space = false;
    int pending_newlines = 0;
    auto emit = [&](char32_t cp) {
      if (pending_newlines > 0 && !sink.empty()) {
        sink.put('\n');
        if (pending_newlines > 1) sink.put('\n');
      } else if (pending_space && !sink.empty() && sink.back() != '\n') {
        sink.put(' ');
      }
      pending_space = false;
      pending_newlines = 0;
      sink.put_utf8(cp);
    };
    std::size_t i = 0;
    while (i < text.size()) {
      const auto byte = static_cast<unsigned char>(text[i]);
      // ASCII letters and digits, most of any posting, skip decoding and lumping.
      if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9')) {
        if (pending_newlines || pending_space)
          emit(byte);
        else
          sink.put(static_cast<char>(byte));
        // The rest of the word is copied as it is scanned.
        char* to = sink.claim(text.size() - ++i);
        std::size_t copied = 0;
        for (; i < text.size(); ++i, ++copied) {
          const auto b = static_cast<unsigned char>(text[i]);
          if (!((b | 0x20) >= 'a' && (b | 0x20) <= 'z') && !(b >= '0' && b <= '9')) break;
          to[copied] = static_cast<char>(b);
        }
        sink.commit(copied);
        continue;
      }
      if (byte < 0x80) {  // ASCII spaces and punctuation: no decoding, no tables
        ++i;
        if (byte == '\r' && i < text.size() && text[i] == '\n') continue;  // CRLF is one break
        const char ascii = lump_ascii(static_cast<char>(byte));
        if (ascii == '\n') {
          pending_space = false;
          ++pending_newlines;
        } else if (ascii == ' ') {
          pending_space = true;
        } else if (!pending_space && !pending_newlines) {
          sink.put(ascii);
        } else {
          emit(static_cast<char32_t>(ascii));
        }
        continue;
      }
      char32_t cp = next_code_point(text, i);
      if (is_invisible(cp)) continue;
      if (is_bullet(cp)) cp = U'\n';
      cp = lump(cp);
      if (cp == U'\n') {
        pending_space = false;
        ++pending_newlines;
      } else if (cp == U' ') {
        pending_space = true;
      } else {
        emit(cp);
      }
    }
  }
  return out;
}

}  // namespace joblens::text
