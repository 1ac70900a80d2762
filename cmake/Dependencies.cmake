# Third-party libraries, all from Debian packages (scripts/deps/apt.txt).
#
# Emscripten must never see -I/usr/include (glibc headers would mix into its sysroot), so header-only
# libraries are reached through a private folder of symlinks passed with -isystem.
set(JOBLENS_SYSTEM_HEADERS "${CMAKE_BINARY_DIR}/system-headers")
file(MAKE_DIRECTORY "${JOBLENS_SYSTEM_HEADERS}")
foreach(header IN ITEMS nlohmann doctest xxhash.h utf8cpp)
  if(NOT EXISTS "/usr/include/${header}")
    message(FATAL_ERROR "/usr/include/${header} is missing: run scripts/setup")
  endif()
  if(NOT EXISTS "${JOBLENS_SYSTEM_HEADERS}/${header}")
    file(CREATE_LINK "/usr/include/${header}" "${JOBLENS_SYSTEM_HEADERS}/${header}" SYMBOLIC)
  endif()
endforeach()

add_library(joblens_headers INTERFACE)
target_include_directories(joblens_headers SYSTEM INTERFACE "${JOBLENS_SYSTEM_HEADERS}")
# xxHash as inline functions: no library to link, and it compiles to WebAssembly unchanged.
target_compile_definitions(joblens_headers INTERFACE XXH_INLINE_ALL)

# utf8proc: the system library natively; in WebAssembly, the same release (2.8.0) compiled from its
# Debian source, which scripts/setup unpacks into build/third_party/.
if(EMSCRIPTEN)
  set(JOBLENS_UTF8PROC_SOURCE "${CMAKE_SOURCE_DIR}/build/third_party/utf8proc" CACHE PATH "utf8proc sources")
  if(NOT EXISTS "${JOBLENS_UTF8PROC_SOURCE}/utf8proc.c")
    message(FATAL_ERROR "utf8proc sources not found in ${JOBLENS_UTF8PROC_SOURCE}: run scripts/setup")
  endif()
  add_library(joblens_utf8proc STATIC "${JOBLENS_UTF8PROC_SOURCE}/utf8proc.c")
  target_compile_definitions(joblens_utf8proc PUBLIC UTF8PROC_STATIC)
  target_include_directories(joblens_utf8proc SYSTEM PUBLIC "${JOBLENS_UTF8PROC_SOURCE}")
  target_compile_options(joblens_utf8proc PRIVATE -w)
else()
  find_path(UTF8PROC_INCLUDE_DIR utf8proc.h REQUIRED)
  find_library(UTF8PROC_LIBRARY utf8proc REQUIRED)
  add_library(joblens_utf8proc INTERFACE)
  target_include_directories(joblens_utf8proc SYSTEM INTERFACE "${UTF8PROC_INCLUDE_DIR}")
  target_link_libraries(joblens_utf8proc INTERFACE "${UTF8PROC_LIBRARY}")
endif()
