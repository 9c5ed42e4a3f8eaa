/* Never completes the pre-association (the host times it out). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_PRE_MODE TP_PRE_NEVER
#include "tests/plugins/tp.h"
