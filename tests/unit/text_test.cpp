#include <doctest/doctest.h>

#include <cctype>

#include "shared/text/normalize.hpp"
#include "shared/text/tokenizer.hpp"
#include "shared/text/utf8.hpp"

using namespace joblens::text;

TEST_CASE("text: fold lowercases, strips diacritics and lumps punctuation") {
  CHECK(fold("Python") == "python");
  CHECK(fold("Résumé CAFÉ") == "resume cafe");
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("São Paulo") == "sao paulo");
  CHECK(fold("3\xE2\x80\x93"
             "5 years") == "3-5 years");     // en dash
  CHECK(fold("it\xE2\x80\x99s") == "it's");  // right single quote
  CHECK(fold("a\xC2\xA0"
             "b") == "a b");                                   // no-break space
  CHECK(fold(std::string("bad \xFF byte")).find("bad") == 0);  // ill-formed input is survived
}

TEST_CASE("text: fold reads long ASCII runs and ill-formed bytes as a whole-text fold would") {
  // Runs longer than eight bytes, uppercase at every offset, ASCII next to other characters.
  CHECK(fold("KUBERNETES AND TERRAFORM, Zürich-BASED TEAM") == "kubernetes and terraform, zurich-based team");
  CHECK(fold("ABCDEFGHIJKLMNOPQRSTUVWXYZ@[`{0123456789") == "abcdefghijklmnopqrstuvwxyz@[`{0123456789");
  // Ill-formed sequences are replaced as sanitize_utf8 would replace them, then folded.
  for (const std::string& bad :
       {std::string("caf\xC3 NOW"), std::string("\xE2\x82 x \xF0\x9F\x98"),
        std::string("ok \xC3\xA9\xFF\xC3\xA9 ok"), std::string("\xED\xA0\x80 surrogate")}) {
    CHECK(fold(bad) == fold(sanitize_utf8(bad)));
    CHECK(is_valid_utf8(fold(bad)));
  }
}

TEST_CASE("text: HTML entities") {
  CHECK(named_entities_sorted());
  CHECK(decode_html_entities("R&amp;D &ndash; C&#43;&#43; &#x2022; caf&eacute;") ==
        "R&D \xE2\x80\x93 C++ \xE2\x80\xA2 caf\xC3\xA9");
  CHECK(decode_html_entities("AT&T &unknown; &#0; &") == "AT&T &unknown; &#0; &");
  CHECK(decode_html_entities("soft&shy;ware") == "software");
}

TEST_CASE("text: clean_text turns bullets into lines and collapses spaces") {
  CHECK(clean_text("Requirements:\xE2\x80\xA2 Python\xE2\x80\xA2  SQL") == "Requirements:\nPython\nSQL");
  CHECK(clean_text("  a \t b  \r\n\r\n\r\n c ") == "a b\n\nc");
  CHECK(clean_text("x&nbsp;&nbsp;y") == "x y");
  // Single spaces between words (copied in one run), then a space before punctuation, a double space
  // and a space at the end.
  CHECK(clean_text("a bb ccc d9 E ,f  g h ") == "a bb ccc d9 E ,f g h");
  CHECK(clean_text("\n\na b\n c") == "a b\nc");
}

TEST_CASE("text: clean_text copies words of every length, ending at every byte, unchanged") {
  // Every ASCII byte that is not a letter or digit, after words of 1 to 20 characters: clean text
  // already, so the output must be the input (words are copied eight bytes at a time).
  const std::string letters = "aZ09Kubernetes2PostgreSQL";
  for (std::size_t length = 1; length <= 20; ++length) {
    for (int c = 0x21; c < 0x7F; ++c) {
      const char after = static_cast<char>(c);
      if (std::isalnum(static_cast<unsigned char>(after)) || after == '`') continue;
      const std::string word = letters.substr(0, length);
      const std::string text = word + after + word + " " + word;
      CAPTURE(text);
      CHECK(clean_text(text) == text);
      CHECK(clean_text(text.substr(0, length + 1)) == text.substr(0, length + 1));  // at the very end
    }
  }
  CHECK(clean_text("Kubernetes\tadministration\x01x") == "Kubernetes administration\x01x");
  CHECK(clean_text("Kubernetes\xC3\xA9s caf\xC3\xA9") == "Kubernetes\xC3\xA9s caf\xC3\xA9");
}

TEST_CASE("text: UTF-8 validation") {
  CHECK(is_valid_utf8("plain"));
  CHECK(is_valid_utf8("\xE2\x82\xAC"));
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));      // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));  // surrogate
  CHECK_FALSE(is_valid_utf8("\xE2\x82"));      // truncated
  CHECK(sanitize_utf8("a\xFF"
                      "b") ==
        "a\xEF\xBF\xBD"
        "b");
}

TEST_CASE("text: UTF-8 validation that also rules out one ASCII byte, at every position") {
  CHECK(is_valid_utf8_without("", '&'));
  const std::string base =
      "Senior engineer, caf\xC3\xA9 \xE2\x82\xAC"
      "85k; remote \x01\x7F tail of the text";
  CHECK(is_valid_utf8_without(base, '&'));
  for (std::size_t at = 0; at <= base.size(); ++at) {
    if (at < base.size() && (static_cast<unsigned char>(base[at]) & 0xC0) == 0x80)
      continue;  // inside a character
    const std::string with = base.substr(0, at) + "&" + base.substr(at);
    CAPTURE(at);
    CHECK_FALSE(is_valid_utf8_without(with, '&'));
    CHECK(is_valid_utf8(with));
    const std::string broken = base.substr(0, at) + "\xFF" + base.substr(at);
    CHECK_FALSE(is_valid_utf8_without(broken, '&'));
    CHECK_FALSE(is_valid_utf8(broken));
  }
  CHECK(is_valid_utf8_without(std::string(64, '\0') + "%'", '&'));  // zero bytes and neighbours of '&'
  CHECK(clean_text("AT&amp;T, 40&nbsp;h") == "AT&T, 40 h");
}

TEST_CASE("text: tokenizer keeps C++, C#, Node.js, .NET and R&D whole") {
  const auto t = tokenize("We use C++, C#/.NET and Node.js. R&D at AT&T; Python+Django!");
  std::vector<std::string> words;
  for (std::size_t i = 0; i < t.tokens.size(); ++i) words.emplace_back(t.folded_token(i));
  CHECK(words == std::vector<std::string>{"we", "use", "c++", "c#", ".net", "and", "node.js", "r&d", "at",
                                          "at&t", "python", "django"});
  REQUIRE(t.sentences.size() == 3);
  CHECK(t.tokens[2].capitalized);
  CHECK_FALSE(t.tokens[0].capitalized == false);
}

TEST_CASE("text: each token knows its place, case, digits and comma, whatever separates it") {
  // One space (the tokeniser's fast path), two spaces, a comma, a line break and the text's start.
  const std::string text = "Go Rust  Java,Kotlin 5G go\nScala x";
  const auto t = tokenize(text);
  REQUIRE(t.tokens.size() == 8);
  const std::vector<std::string> words{"Go", "Rust", "Java", "Kotlin", "5G", "go", "Scala", "x"};
  for (std::size_t i = 0; i < words.size(); ++i) {
    CAPTURE(i);
    CHECK(text.substr(t.tokens[i].begin, t.tokens[i].end - t.tokens[i].begin) == words[i]);
  }
  const std::vector<bool> capitalized{true, true, true, true, false, false, true, false};
  const std::vector<bool> digit{false, false, false, false, true, false, false, false};
  const std::vector<bool> comma{false, false, false, true, false, false, false, false};
  for (std::size_t i = 0; i < words.size(); ++i) {
    CAPTURE(i);
    CHECK(t.tokens[i].capitalized == capitalized[i]);
    CHECK(t.tokens[i].has_digit == digit[i]);
    CHECK(t.tokens[i].after_comma == comma[i]);
  }
  CHECK(t.tokens[5].sentence == 0);
  CHECK(t.tokens[6].sentence == 1);
}

TEST_CASE("text: tokens of every length know whether they hold a digit, wherever it is") {
  for (std::size_t length = 1; length <= 20; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {  // at == length: no digit
      std::string word(length, 'k');
      if (at < length) word[at] = '7';
      const std::string text = "x " + word + ", Kubernetes2 and Go";
      const TokenizedText t = tokenize(text);
      REQUIRE(t.tokens.size() == 5);
      CAPTURE(word);
      CHECK(t.folded_token(1) == word);
      CHECK(t.tokens[1].has_digit == (at < length));
      CHECK(t.tokens[2].has_digit);
      CHECK_FALSE(t.tokens[4].has_digit);
    }
  }
}

TEST_CASE("text: tokens of every length are lowercased, and folded when not ASCII") {
  const std::string mixed = "KuBeRnEtEsPoStGrEsQl";
  for (std::size_t length = 1; length <= 20; ++length) {
    const std::string word = mixed.substr(0, length);
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    CAPTURE(word);
    CHECK(tokenize("x " + word + " y").folded_token(1) == lower);
    for (std::size_t at = 0; at <= length; ++at) {  // a non-ASCII letter anywhere in the word
      const std::string accented = word.substr(0, at) + "\xC3\x89" + word.substr(at);
      CHECK(tokenize("x " + accented + " y").folded_token(1) == fold(accented));
    }
  }
}

TEST_CASE("text: sentences know lines and colons") {
  const auto t = tokenize("Nice to have:\nKafka, Terraform\nGo is a plus.");
  REQUIRE(t.sentences.size() == 3);
  CHECK(t.sentences[0].ends_with_colon);
  CHECK(t.sentences[0].starts_line);
  CHECK(t.sentences[1].starts_line);
  CHECK_FALSE(t.sentences[1].ends_with_colon);
  CHECK(folded_phrase("Scikit-Learn / CI/CD") == "scikit learn ci cd");
}

TEST_CASE("text: every token names the sentence that holds it, across breaks that end no sentence") {
  // Runs of breaks with no word between them ("\n\n", ". ;") make no sentence, so they must not
  // advance the sentence index the tokens carry; non-ASCII words are decoded on the way.
  const std::string text =
      "Intro: Café team.\n\n; Requirements:\n- Go, Rust. ;\n\u2022 Naïve résumé parsing!? Ok\r\n\r\n"
      "Über. . . end";
  const TokenizedText t = tokenize(text);
  REQUIRE(t.sentences.size() == 7);
  std::size_t covered = 0;
  for (std::size_t s = 0; s < t.sentences.size(); ++s) {
    CAPTURE(s);
    const Sentence& sentence = t.sentences[s];
    CHECK(sentence.first_token == covered);
    CHECK(sentence.end_token > sentence.first_token);
    for (std::uint32_t i = sentence.first_token; i < sentence.end_token; ++i) {
      CAPTURE(i);
      CHECK(t.tokens[i].sentence == s);
    }
    covered = sentence.end_token;
  }
  CHECK(covered == t.tokens.size());
  CHECK(t.folded_token(1) == "cafe");
  CHECK(t.folded_token(t.tokens.size() - 2) == "uber");
}
