/* A well-behaved plugin until tp_state.hostile says otherwise (tp-hostile.h). */
#define TP_IMPLEMENTATION
#define TP_HOSTILE
#include "tests/plugins/tp.h"
