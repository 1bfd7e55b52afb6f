/*
** skip.h — how a unit test says it could not run. ctest reports exit 77 as
** SKIPPED (SKIP_RETURN_CODE in tests/CMakeLists.txt). cmocka's skip() is no
** use for that: a group whose tests all skip still exits 0, which ctest counts
** as passed. So a test program checks its inputs in main() and returns
** sl_test_exit(failed, skipped) after running what it can.
*/
#ifndef SL_TEST_SKIP_H
#define SL_TEST_SKIP_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define SL_TEST_SKIPPED 77

/* The shared data folder (../shared/data, or $SL_SHARED_DATA). */
static inline const char *sl_test_shared_dir(void)
{
    const char *d = getenv("SL_SHARED_DATA");
    return d && d[0] ? d : "../shared/data";
}

/* 1 if REL (a path under the shared data folder) is readable; otherwise say
** loudly on stderr what is missing and return 0. */
static inline int sl_test_have_shared(const char *rel)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", sl_test_shared_dir(), rel);
    if (access(path, R_OK) == 0) return 1;
    fprintf(stderr, "SKIPPED: %s not readable (set SL_SHARED_DATA to the shared data folder)\n", path);
    return 0;
}

/* The program's exit status: 1 when a test failed, 77 when none failed but
** some could not run, else 0. */
static inline int sl_test_exit(int failed, int skipped)
{
    return failed ? 1 : skipped ? SL_TEST_SKIPPED : 0;
}

#endif
