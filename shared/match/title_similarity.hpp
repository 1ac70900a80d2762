// How close a job title is to a title the person holds or wants, 0..1.
//
// Titles are compared as sets of folded words after dropping level words ("Senior", "II", "Lead")
// and filler ("(m/w/d)", "remote"), with common synonyms merged ("Developer" = "Engineer" =
// "Programmer", "Dev" = "Developer"). The measure is the Dice coefficient of the two sets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace joblens::match {

// The comparable words of a title, sorted and unique.
std::vector<std::string> title_words(std::string_view title);

// Dice coefficient of two word sets made by title_words().
double title_similarity(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace joblens::match
