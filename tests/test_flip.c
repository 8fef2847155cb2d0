/* test_flip.c - placeholder */
#include "util.h"
Suite *suite_flip(void) { return suite_create("flip"); }
