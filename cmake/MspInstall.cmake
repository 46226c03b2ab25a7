include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MSP_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/mspcore")
install(TARGETS mspcore mspcore_c EXPORT mspcoreTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The OS end-of-life table the library embeds, for reading and as the format of user rows.
install(FILES data/os_lifecycle.json DESTINATION ${CMAKE_INSTALL_DATADIR}/mspcore)
install(EXPORT mspcoreTargets NAMESPACE mspcore:: DESTINATION ${MSP_CMAKE_DIR})

configure_package_config_file(cmake/mspcoreConfig.cmake.in
  "${CMAKE_CURRENT_BINARY_DIR}/mspcoreConfig.cmake" INSTALL_DESTINATION ${MSP_CMAKE_DIR})
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/mspcoreConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/mspcoreConfig.cmake"
              "${CMAKE_CURRENT_BINARY_DIR}/mspcoreConfigVersion.cmake"
        DESTINATION ${MSP_CMAKE_DIR})

file(RELATIVE_PATH MSP_PC_RELATIVE_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(cmake/mspcore.pc.in "${CMAKE_CURRENT_BINARY_DIR}/mspcore.pc" @ONLY)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/mspcore.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
