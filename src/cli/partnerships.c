#include "cli.h"
int cmd_partnerships(int argc, char **argv) { (void)argc; (void)argv; return 0; }
