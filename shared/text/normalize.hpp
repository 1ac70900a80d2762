// Text normalisation shared by the extractor, the parsers and the scorer.
//
// Job text arrives as whatever a page rendered: HTML entities, typographic quotes and dashes, bullet
// glyphs, non-breaking spaces, accented letters. Everything that compares text goes through fold() so
// that "Résumé", "RESUME" and "resume" meet.
#pragma once

#include <string>
#include <string_view>

namespace joblens::text {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// Valid UTF-8 and without `ascii_byte`, in one pass (clean_text's test for "nothing to decode").
bool is_valid_utf8_without(std::string_view s, char ascii_byte);

// Replaces ill-formed UTF-8 sequences with U+FFFD so later stages never see broken text.
std::string sanitize_utf8(std::string_view s);

// Case-folds, strips diacritics and lumps Unicode punctuation and spaces to ASCII (en dash -> '-',
// curly quotes -> '\'', no-break space -> ' '). ASCII input takes a fast path; everything else goes
// through utf8proc. Ill-formed input is sanitised first, never rejected.
std::string fold(std::string_view utf8);

// Text that has already been through fold(). The field parsers take it so that a posting's description
// is folded once per analysis, not once per parser.
struct Folded {
  std::string_view text;
};

// Decodes HTML character references: named ones job pages use (&amp; &nbsp; &ndash; &bull; ...) and
// numeric ones (&#8211; &#x2022;). Unknown or malformed references are kept as written.
std::string decode_html_entities(std::string_view s);

// Prepares a posting for extraction without changing letter case: decodes entities, turns bullet
// glyphs (•, ▪, ◦, ●, ➢, ✓, ...) into line breaks, lumps dashes/quotes/spaces to ASCII, collapses runs
// of spaces and trims each line. Line breaks are kept: they separate list items.
std::string clean_text(std::string_view s);

}  // namespace joblens::text
