# ndxp_add_test(NAME name LABEL unit|integration|conformance SOURCES ... LIBS ...)
# One GoogleTest executable; each test case becomes a CTest test carrying the label.
function(ndxp_add_test)
  cmake_parse_arguments(T "" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${T_NAME}
    PROPERTIES LABELS ${T_LABEL}
    DISCOVERY_TIMEOUT 60
    EXTRA_ARGS --gtest_color=no)
endfunction()
