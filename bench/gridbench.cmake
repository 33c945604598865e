# hyperslab_gridbench: the dataset grid on a 50,000 x 20,000 chunked, gzip +
# shuffle float32 dataset (see bench/README.md). Included from
# bench/CMakeLists.txt.

find_package(ZLIB REQUIRED) # the generator compresses chunks itself, on every core

add_executable(hyperslab_gridbench ${CMAKE_CURRENT_LIST_DIR}/gridbench.cpp)
target_include_directories(hyperslab_gridbench PRIVATE ${HDF5_INCLUDE_DIRS})
target_compile_definitions(hyperslab_gridbench PRIVATE
  ${HDF5_DEFINITIONS}
  HYPERSLAB_BENCH_SOURCE_DIR="${CMAKE_CURRENT_LIST_DIR}")
target_link_libraries(hyperslab_gridbench PRIVATE
  hyperslab_widgets hyperslab_core Qt6::Widgets Qt6::Test ${HDF5_C_LIBRARIES} ZLIB::ZLIB)
set_target_properties(hyperslab_gridbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
