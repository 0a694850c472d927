// quote_text now lives in text.h with the other escaping helpers; this header is kept only so that
// code still including it compiles. New code includes "tinyperf/core/text.h".
#pragma once

#include "tinyperf/core/text.h"
