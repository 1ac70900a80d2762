// Post-processing rules applied to what a selector step read (pure string functions). Each returns the
// cleaned value, or an empty string when the input does not qualify, so the chain moves to the next
// step. Localised labels are only those with published evidence (docs/selectors.md); see kPromotedLabels.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace joblens::selectors {

enum class Post : std::uint8_t {
  none,                             // as read
  trim,                             // trim both ends (keeps inner newlines: descriptions)
  squash,                           // collapse whitespace runs to one space, trim
  first_line,                       // first non-empty line, squashed
  strip_visually_hidden_duplicate,  // "X X with verification", "XX", "X\nX" -> "X"
  strip_verified_suffix,            // "Software Engineer (Verified job)" -> "Software Engineer"
  title_from_dismiss,               // aria-label "Dismiss Software Engineer job" -> "Software Engineer"
  company,                          // squash, then cut at " · " / " • " (Hide-n-Seek)
  location,                         // squash, drop a trailing "(Remote|Hybrid|On-site)"
  location_after_middot,            // "Acme · Pune, India (On-site)" -> "Pune, India"
  location_before_middot,           // "Berlin (Hybrid) · €85K/yr" -> "Berlin"
  workplace,                        // "(Hybrid)" suffix or bare "On-site" -> "hybrid" / "onsite" / "remote"
  salary,                           // a " · "-segment with a currency marker and a digit, squashed
  digits_from_urn,                  // "urn:li:jobPosting:123" / "123" -> "123"
  trailing_digits,                  // "job-card-component-ref-123", "auto-binding-<uuid>-123" -> "123"
  job_id_from_href,                 // "/jobs/view/123/?x", ".../jobs/view/slug-at-acme-123?p=1" -> "123"
  lowercase,                        // ASCII lowercase, squashed
  promoted_label,                   // "true" when the text is a localised "Promoted"
  applied_label,                    // "true" when the text is a localised "Applied" state
  easy_apply_label,                 // "true" when the text is a localised "Easy Apply"
};
inline constexpr int kPostCount = static_cast<int>(Post::easy_apply_label) + 1;

std::string_view to_string(Post p);
std::string apply_post(Post p, std::string_view in);
// True when `p` turns every input with a non-space character into a non-empty value, so a step with
// such a post that read something ends its chain: the content script need not run the later steps
// (they could never be chosen). Rules that may reject a value (labels, ids, salary...) are false.
bool post_keeps_nonblank(Post p);

// The individual rules (apply_post dispatches to these).
std::string_view trim_view(std::string_view s);  // trim without a copy
std::string trim(std::string_view s);
std::string squash(std::string_view s);
std::string first_line(std::string_view s);
std::string strip_visually_hidden_duplicate(std::string_view s);
std::string strip_verified_suffix(std::string_view s);
std::string digits_from_urn(std::string_view s);
std::string trailing_digits(std::string_view s);
std::string job_id_from_href(std::string_view href);
std::string workplace_from_text(std::string_view s);
std::string salary_from_text(std::string_view s);

// A localised label: `lang` is a BCP 47 primary tag.
struct Label {
  std::string_view lang;
  std::string_view text;
};
enum class Flag : std::uint8_t { promoted, applied, easy_apply };
std::string_view to_string(Flag f);
std::span<const Label> labels(Flag f);
// Case-insensitive (ASCII) match of squashed text against the labels: equal, or the label followed by
// a space or punctuation ("Applied 3 days ago", "Promoted · 2 days").
bool matches_label(Flag f, std::string_view text);

}  // namespace joblens::selectors
