# Compiler warnings are kept at zero; these are the ones we hold ourselves to.
add_library(joblens_warnings INTERFACE)
target_compile_options(joblens_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
