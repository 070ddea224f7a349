# Installs evgraph.pc and the CMake package (find_package(evgraph)), both
# relocatable: they find the prefix from where they are installed, so
# `cmake --install build --prefix DIR` gives a working DIR.
include(CMakePackageConfigHelpers)

# pkg-config: ${pcfiledir} is LIBDIR/pkgconfig; the prefix is up from there.
file(RELATIVE_PATH evg_pc_up /evg/${CMAKE_INSTALL_LIBDIR}/pkgconfig /evg)
string(REGEX REPLACE "/$" "" evg_pc_up "${evg_pc_up}")
set(EVG_PC_PREFIX "\${pcfiledir}/${evg_pc_up}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/evgraph.pc.in ${PROJECT_BINARY_DIR}/evgraph.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/evgraph.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(evg_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/evgraph)
install(EXPORT evgraphTargets NAMESPACE evgraph:: DESTINATION ${evg_cmake_dir})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/evgraphConfig.cmake.in
  ${PROJECT_BINARY_DIR}/evgraphConfig.cmake INSTALL_DESTINATION ${evg_cmake_dir})
# 0.x: a minor version may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/evgraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/evgraphConfig.cmake
  ${PROJECT_BINARY_DIR}/evgraphConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/FindLibCSV.cmake
  DESTINATION ${evg_cmake_dir})
