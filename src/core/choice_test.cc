#include "tinyperf/core/choice.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tinyperf/core/error.h"

namespace tinyperf {
namespace {

using ::testing::StrEq;
using ::testing::ThrowsMessage;

enum class Shade { kLight, kDark, kNone };

constexpr std::array<Choice<Shade>, 3> kShades = {
    {{"light", Shade::kLight}, {"dark", Shade::kDark}, {"none", Shade::kNone}}};

TEST(Choice, ParsesEachNameToItsValueAndNamesEachValue) {
  for (const Choice<Shade>& c : kShades) {
    EXPECT_EQ(parse_choice(kShades, c.name, "shade"), c.value);
    EXPECT_EQ(choice_name(kShades, c.value), c.name);
  }
}

TEST(Choice, AnUnknownNameIsAnInputErrorNamingTheFieldAndTheChoices) {
  EXPECT_THAT([] { parse_choice(kShades, "Dark", "shade"); },
              ThrowsMessage<InputError>(StrEq("shade: \"Dark\" is not light, dark or none")));
  EXPECT_THAT([] { parse_choice(kShades, "", "options.shade"); },
              ThrowsMessage<InputError>(StrEq("options.shade: \"\" is not light, dark or none")));
  // The rejected name is quoted safely: no control character reaches the message.
  EXPECT_THAT([] { parse_choice(kShades, "a\nb", "shade"); },
              ThrowsMessage<InputError>(StrEq("shade: \"a\\x0ab\" is not light, dark or none")));
}

TEST(Choice, TheErrorCarriesTheField) {
  try {
    parse_choice(kShades, "grey", "shade");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "shade");
  }
}

TEST(Choice, TwoChoicesAreListedWithOr) {
  constexpr std::array<Choice<bool>, 2> kSwitch = {{{"on", true}, {"off", false}}};
  EXPECT_THAT([&] { parse_choice(kSwitch, "maybe", "switch"); },
              ThrowsMessage<InputError>(StrEq("switch: \"maybe\" is not on or off")));
}

}  // namespace
}  // namespace tinyperf
