# Helper functions shared by every module's CMakeLists.txt. Warnings and sanitizers are set per
# target (never through global flags) so that a consumer of the library inherits none of them.

include(GNUInstallDirs)  # CMAKE_INSTALL_LIBDIR, CMAKE_INSTALL_INCLUDEDIR of the install rules

# Warnings every tinyperf target is built with.
function(tinyperf_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(TINYPERF_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# tinyperf_add_module(NAME DEPS ... [PRIVATE_DEPS ...]): the static library tinyperf_NAME built from
# every *.cc in the module's folder except *_test.cc, with public headers in include/tinyperf/NAME/.
# The *_test.cc files beside them become one GoogleTest program, NAME_test. Globbing keeps each
# module's CMakeLists.txt to its dependencies, so adding a file never touches the build files.
# The library is installed into lib/ and exported as tinyperf::NAME (cmake/TinyperfPackage.cmake);
# a package a module finds for DEPS or PRIVATE_DEPS needs a find_dependency() in
# cmake/tinyperfConfig.cmake.in, since a static library's consumer links its private deps too.
function(tinyperf_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS;EXTRA_SOURCES;TEST_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*_test.cc)
  if(tests)
    list(REMOVE_ITEM sources ${tests})
  endif()
  add_library(tinyperf_${name} STATIC ${sources} ${ARG_EXTRA_SOURCES})
  add_library(tinyperf::${name} ALIAS tinyperf_${name})
  target_include_directories(tinyperf_${name}
    PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
           $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(tinyperf_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_target_properties(tinyperf_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON EXPORT_NAME ${name})
  install(TARGETS tinyperf_${name} EXPORT tinyperfTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  tinyperf_warnings(tinyperf_${name})
  set_property(GLOBAL APPEND PROPERTY TINYPERF_MODULES tinyperf_${name})
  if(tests)
    tinyperf_add_test(${name}_test SOURCES ${tests} DEPS tinyperf_${name} ${ARG_PRIVATE_DEPS} ${ARG_TEST_DEPS})
  endif()
endfunction()

# tinyperf_add_test(NAME SOURCES ... DEPS ...): a GoogleTest executable registered with ctest.
# Every test gets the label "unit", which is what the sanitizer pass of `make test` runs.
function(tinyperf_add_test name)
  if(NOT TINYPERF_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  tinyperf_warnings(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60
                       WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
endfunction()

# Writes the build's version and git commit into a generated source at build time (not configure
# time), so `tinyperf --version` names the commit that was really built.
function(tinyperf_version_target)
  set(out ${PROJECT_BINARY_DIR}/generated/version_info.cc)
  add_custom_target(tinyperf_version_info
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSRC=${PROJECT_SOURCE_DIR}
            -DVERSION=${PROJECT_VERSION} -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
            -DCOMPILER=${CMAKE_CXX_COMPILER_ID}-${CMAKE_CXX_COMPILER_VERSION}
            -DSANITIZE=${TINYPERF_SANITIZE}
            -P ${PROJECT_SOURCE_DIR}/cmake/WriteVersion.cmake
    BYPRODUCTS ${out}
    COMMENT "Recording tinyperf version and git commit")
  set(TINYPERF_VERSION_SOURCE ${out} PARENT_SCOPE)
endfunction()
