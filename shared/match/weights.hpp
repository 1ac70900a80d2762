// How much each part of the fit counts in the 0-100 score: the one place to tune it.
//
// A part the posting does not state (no salary, no seniority) is left out of the score rather than
// guessed: the score is the weighted mean of the parts that are known, and the panel says which are
// not. See docs/scoring.md.
#pragma once

namespace joblens::match {

struct Weights {
  double skills = 40;     // required skills matched (nice-to-have count 0.35 as much)
  double title = 15;      // job title against the person's titles and headline
  double location = 15;   // workplace (remote/hybrid/on-site) and place against the preference
  double seniority = 12;  // the role's level against the person's
  double salary = 10;     // the posted salary against the person's minimum
  double years = 8;       // years of experience asked against the person's

  double nice_to_have_share = 0.35;   // a nice-to-have skill counts this much of a required one
  double short_years_credit = 0.5;    // a matched skill with fewer years than asked earns at least this
  int location_dealbreaker_cap = 45;  // the score cannot exceed this when the place rules the job out
};

inline constexpr Weights kDefaultWeights{};

}  // namespace joblens::match
