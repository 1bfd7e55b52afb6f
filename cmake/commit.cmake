# commit.cmake — gen/sl_commit.h: the git commit the build was made from,
# so that a report says which sightline made it, not only its version
# (0.1.0 names many commits). Run at every build (a commit made since the
# last cmake must not be missed); the header is rewritten only when the
# commit changes, so nothing recompiles otherwise. "-modified" marks a tree
# with changes not committed; "unknown" a source tree outside git.
# Run as: cmake -DSRC=... -DOUT=... -P commit.cmake
execute_process(COMMAND git -C "${SRC}" rev-parse HEAD OUTPUT_VARIABLE commit
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE bad ERROR_QUIET)
if(bad OR NOT commit)
  set(commit "unknown")
else()
  execute_process(COMMAND git -C "${SRC}" diff --quiet HEAD -- RESULT_VARIABLE changed ERROR_QUIET)
  if(changed)
    set(commit "${commit}-modified")
  endif()
endif()
set(text "#define SL_COMMIT \"${commit}\"\n")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUT}" "${text}")
endif()
