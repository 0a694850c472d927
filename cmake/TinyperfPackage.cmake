# Installing tinyperf: every module's static library (installed by tinyperf_add_module), the public
# headers, the CLI, the submission schemas, and a CMake package so that another project writes
#   find_package(tinyperf 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE tinyperf::tinyperf)   # or one module, e.g. tinyperf::stats
# Layout under the prefix: include/tinyperf/<module>/*.h, lib/libtinyperf_<module>.a,
# lib/cmake/tinyperf/ (config, version and exported targets), bin/tinyperf,
# share/tinyperf/schema/*.schema.json. examples/ is built against it by `make test-examples`.
# Included by the top-level CMakeLists.txt after every module has been added.
include(CMakePackageConfigHelpers)

set(TINYPERF_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tinyperf)

# tinyperf::tinyperf (src/CMakeLists.txt): every module.
install(TARGETS tinyperf EXPORT tinyperfTargets)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tinyperf
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
if(TARGET tinyperf_cli)
  install(TARGETS tinyperf_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(FILES ${PROJECT_SOURCE_DIR}/schema/submission.v1.schema.json
              ${PROJECT_SOURCE_DIR}/schema/tinytorch-capstone.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tinyperf/schema)

install(EXPORT tinyperfTargets NAMESPACE tinyperf:: DESTINATION ${TINYPERF_INSTALL_CMAKEDIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/tinyperfConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/tinyperfConfig.cmake
                              INSTALL_DESTINATION ${TINYPERF_INSTALL_CMAKEDIR})
# 0.x: a minor version may change the API, so only the same major.minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tinyperfConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tinyperfConfig.cmake
              ${PROJECT_BINARY_DIR}/tinyperfConfigVersion.cmake
        DESTINATION ${TINYPERF_INSTALL_CMAKEDIR})
