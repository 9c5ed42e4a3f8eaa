/* Sends a notification (code 7, data 01 02 03 04) from PerformPostAssociate (rule 66). */
#define TP_IMPLEMENTATION
#define TP_DEFAULT_INIT .notify = 1,
#include "tests/plugins/tp.h"
