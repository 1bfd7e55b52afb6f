# ingest.cmake — the point-ingest benchmark (bench/bench_ingest.c).
# Include it from bench/CMakeLists.txt:  include(${CMAKE_CURRENT_SOURCE_DIR}/ingest.cmake)
add_executable(bench_ingest ${CMAKE_CURRENT_LIST_DIR}/bench_ingest.c)
target_link_libraries(bench_ingest PRIVATE sightline_lib)
