# FindGLPK
# --------
#
# Find the GNU Linear Programming Kit. Debian ships neither a pkg-config file
# nor a CMake package for GLPK, so libals carries this module (and installs it
# next to alsConfig.cmake, for consumers of the static library).
#
# Result variables:
#   GLPK_FOUND         true when glpk.h and the library were found
#   GLPK_INCLUDE_DIRS  directory holding glpk.h
#   GLPK_LIBRARIES     the library to link
#   GLPK_VERSION       MAJOR.MINOR, from GLP_MAJOR_VERSION / GLP_MINOR_VERSION
#
# Imported target:
#   GLPK::GLPK
#
# Cache variables (set them to point at a GLPK elsewhere):
#   GLPK_INCLUDE_DIR, GLPK_LIBRARY

find_path(GLPK_INCLUDE_DIR NAMES glpk.h PATH_SUFFIXES glpk)
find_library(GLPK_LIBRARY NAMES glpk)

set(GLPK_VERSION "")
if(GLPK_INCLUDE_DIR AND EXISTS "${GLPK_INCLUDE_DIR}/glpk.h")
    file(STRINGS "${GLPK_INCLUDE_DIR}/glpk.h" _glpk_version_lines
         REGEX "^#define[ \t]+GLP_(MAJOR|MINOR)_VERSION[ \t]+[0-9]+")
    string(REGEX REPLACE ".*GLP_MAJOR_VERSION[ \t]+([0-9]+).*" "\\1"
           _glpk_major "${_glpk_version_lines}")
    string(REGEX REPLACE ".*GLP_MINOR_VERSION[ \t]+([0-9]+).*" "\\1"
           _glpk_minor "${_glpk_version_lines}")
    if(_glpk_major MATCHES "^[0-9]+$" AND _glpk_minor MATCHES "^[0-9]+$")
        set(GLPK_VERSION "${_glpk_major}.${_glpk_minor}")
    endif()
    unset(_glpk_version_lines)
    unset(_glpk_major)
    unset(_glpk_minor)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(GLPK
    REQUIRED_VARS GLPK_LIBRARY GLPK_INCLUDE_DIR
    VERSION_VAR GLPK_VERSION)

if(GLPK_FOUND)
    set(GLPK_INCLUDE_DIRS "${GLPK_INCLUDE_DIR}")
    set(GLPK_LIBRARIES "${GLPK_LIBRARY}")
    if(NOT TARGET GLPK::GLPK)
        add_library(GLPK::GLPK UNKNOWN IMPORTED)
        set_target_properties(GLPK::GLPK PROPERTIES
            IMPORTED_LOCATION "${GLPK_LIBRARY}"
            INTERFACE_INCLUDE_DIRECTORIES "${GLPK_INCLUDE_DIR}")
    endif()
endif()

mark_as_advanced(GLPK_INCLUDE_DIR GLPK_LIBRARY)
