#include "tinyperf/core/text.h"

#include <string>

#include <gtest/gtest.h>

namespace tinyperf {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";  // U+FFFD, the replacement character

TEST(CharCount, CountsCodePointsNotBytes) {
  EXPECT_EQ(char_count(""), 0u);
  EXPECT_EQ(char_count("\xC2\xB5s"), 2u);
  EXPECT_EQ(char_count("\xF0\x9F\x98\x80"), 1u);  // U+1F600, four bytes
}

TEST(Shorten, CutsOnCodePointsWithAnEllipsis) {
  EXPECT_EQ(shorten("abcdef", 4), "abc\xE2\x80\xA6");
  EXPECT_EQ(shorten("abcd", 4), "abcd");
  EXPECT_EQ(shorten("\xC2\xB5\xC2\xB5\xC2\xB5\xC2\xB5", 3), "\xC2\xB5\xC2\xB5\xE2\x80\xA6");
  EXPECT_EQ(shorten("abcdef", 0), "abcdef");
}

TEST(TerminalSafe, NeutralisesEscapeSequences) {
  EXPECT_EQ(terminal_safe("\x1b[31mred\x1b[0m"), "?[31mred?[0m");
  EXPECT_EQ(terminal_safe("\x1b]0;title\x07x"), "?]0;title?x");  // OSC, ended by BEL
  EXPECT_EQ(terminal_safe("a\rb\bc\x7f"), "a?b?c?");
  EXPECT_EQ(terminal_safe("a\n# heading\tx"), "a?# heading?x");
}

TEST(TerminalSafe, NeutralisesC1ControlsEncodedInUtf8) {
  EXPECT_EQ(terminal_safe("csi\xC2\x9B"
                          "31m"),
            "csi?31m");                                              // U+009B, the one-byte CSI
  EXPECT_EQ(terminal_safe("\xC2\x80\xC2\x9F"), "??");                // U+0080 and U+009F, the ends
  EXPECT_EQ(terminal_safe("\xC2\xA0\xC2\xB5"), "\xC2\xA0\xC2\xB5");  // U+00A0, U+00B5 kept
}

TEST(TerminalSafe, NeutralisesBidiOverridesAndIsolates) {
  EXPECT_EQ(terminal_safe("evil\xE2\x80\xAEtxt.exe"), "evil?txt.exe");  // U+202E
  EXPECT_EQ(terminal_safe("\xE2\x80\xAA\xE2\x80\xAD"), "??");           // U+202A, U+202D
  EXPECT_EQ(terminal_safe("\xE2\x81\xA6x\xE2\x81\xA9"), "?x?");         // U+2066, U+2069
  EXPECT_EQ(terminal_safe("\xE2\x80\xA9\xE2\x81\xAA"), "\xE2\x80\xA9\xE2\x81\xAA");  // neighbours
}

TEST(TerminalSafe, KeepsValidText) {
  const std::string text = "mlp_int8 4.5 \xC2\xB5s \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 <b>|";
  EXPECT_EQ(terminal_safe(text), text);
}

TEST(TerminalSafe, ReplacesEachInvalidUtf8Byte) {
  EXPECT_EQ(terminal_safe("a\xFFz"), "a" + kFffd + "z");
  EXPECT_EQ(terminal_safe("\x80"), kFffd);                          // stray continuation
  EXPECT_EQ(terminal_safe("x\xC3"), "x" + kFffd);                   // truncated at the end
  EXPECT_EQ(terminal_safe("\xE2\x82x"), kFffd + kFffd + "x");       // truncated inside
  EXPECT_EQ(terminal_safe("\xC0\xAF"), kFffd + kFffd);              // overlong '/'
  EXPECT_EQ(terminal_safe("\xE0\x81\x9B"), kFffd + kFffd + kFffd);  // overlong ESC
  EXPECT_EQ(terminal_safe("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // surrogate U+D800
  EXPECT_EQ(terminal_safe("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);  // > U+10FFFF
}

TEST(TerminalSafe, CutsLongTextAndSaysHowMuch) {
  const std::string long_text(10000, 'a');
  EXPECT_EQ(terminal_safe(long_text), long_text);
  EXPECT_EQ(terminal_safe(long_text, 40), std::string(40, 'a') + "\xE2\x80\xA6(+9960 more)");
  EXPECT_EQ(terminal_safe("abc", 3), "abc");
  // Characters, not bytes; the neutralised and replaced ones count one each.
  EXPECT_EQ(terminal_safe("\xC2\xB5\xC2\xB5\xC2\xB5\xC2\xB5\xC2\xB5", 3),
            "\xC2\xB5\xC2\xB5\xC2\xB5\xE2\x80\xA6(+2 more)");
  EXPECT_EQ(terminal_safe("\x1b\xFF"
                          "abc",
                          2),
            "?" + kFffd + "\xE2\x80\xA6(+3 more)");
}

TEST(MarkdownEscape, MakesMarkupInert) {
  EXPECT_EQ(markdown_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(markdown_escape("*_x_*`[a](b)&amp;!~\\{}"),
            "\\*\\_x\\_\\*\\`\\[a\\](b)&amp;amp;\\!\\~\\\\\\{\\}");
  EXPECT_EQ(markdown_escape("mlp_int8 _x"), "mlp_int8 \\_x");  // intraword '_' kept
}

TEST(MarkdownEscape, CannotStartAHeadingOrForgeATableRow) {
  EXPECT_EQ(markdown_escape("a\n# heading"), "a?\\# heading");
  EXPECT_EQ(markdown_escape("x|y"), "x\\|y");
  EXPECT_EQ(markdown_escape("x\r\n|---|\n| forged |"), "x??\\|---\\|?\\| forged \\|");
  EXPECT_EQ(markdown_escape("\x1b[31m\xC2\x9B\xE2\x80\xAE"), "?\\[31m??");
}

TEST(MarkdownEscape, CutsBeforeEscaping) {
  const std::string hostile = std::string(9990, '|') + "<script>";
  const std::string md = markdown_escape(hostile, 4);
  EXPECT_EQ(md, "\\|\\|\\|\\|\xE2\x80\xA6(+9994 more)");
  EXPECT_EQ(markdown_escape("a&b", 2), "a&amp;\xE2\x80\xA6(+1 more)");  // never half an entity
}

TEST(HtmlEscape, EscapesTextAndAttributes) {
  EXPECT_EQ(html_escape("<a href='x'>&\"\x01"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;?");
  EXPECT_EQ(html_escape("mlp_int8 \xC2\xB5s"), "mlp_int8 \xC2\xB5s");  // UTF-8 kept
  EXPECT_EQ(html_escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(html_escape("a\xE2\x80\xAE"
                        "b\xC2\x9B\xFF"),
            "a?b?" + kFffd);
  EXPECT_EQ(html_escape(std::string(10000, '<'), 2), "&lt;&lt;\xE2\x80\xA6(+9998 more)");
}

TEST(QuoteText, QuotesEscapesAndCuts) {
  EXPECT_EQ(quote_text("abc"), "\"abc\"");
  EXPECT_EQ(quote_text("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(quote_text("\x1b[31m\n"), "\"\\x1b[31m\\x0a\"");
  EXPECT_EQ(quote_text("\xC2\x9B\xE2\x80\xAE"), "\"\\xc2\\x9b\\xe2\\x80\\xae\"");  // ASCII only
  EXPECT_EQ(quote_text(std::string(40, 'x')), "\"" + std::string(40, 'x') + "\"");
  EXPECT_EQ(quote_text(std::string(10000, 'x')), "\"" + std::string(40, 'x') + "\"...");
}

}  // namespace
}  // namespace tinyperf
