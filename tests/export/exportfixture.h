#pragma once

// The small HDF5 file the export tests read, written with the HDF5 C API, and
// an RFC 4180 reader to check what was written.

#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hs::test::exportfx {

// Datasets in the file (values are functions of the indices, see below):
//   /ints      int32 6 x 4: (i*4+j)*7-50, with [0,0] = INT32_MIN and [5,3] = INT32_MAX
//   /u64       uint64 5: 0, 1, 2^53+1, 2^63, 2^64-1
//   /floats    float64, the values of `doubles()`
//   /singles   float32, the values of `singles()`
//   /strings   vlen UTF-8 strings, `strings()`
//   /fixed     fixed-length (12) UTF-8 strings, `fixedStrings()` (null padded)
//   /latin1    fixed-length (8) ASCII strings holding Latin-1 bytes, `latin1Strings()`
//   /compound  5 x { int32 id; float64 x; vlen string name; { float32 a; float32 b } pos }
//              id = i, x = i + 0.25, name = strings()[i], pos = (i / 2, -i)
//   /pairs     3 x 2 x { int32 a; float64 b }: a = i*10+j, b = a + 0.5
//   /grid      float64 100 x 30, chunked 10 x 30: i*1000 + j + 0.5
//   /cube      int32 4 x 5 x 6: i*100 + j*10 + k
//   /series    int32 1000 x 3 x 4, chunked 100 x 3 x 4: i*100 + j*10 + k (many small slices)
//   /scalar    float64 scalar 2.5
//   /empty     float64 0 x 3
//   /null      int32 with a null dataspace (no elements)
//   /big       (only with `big`) float64 20000 x 100, chunked 1000 x 100: i + j / 1000.0
constexpr int kIntRows = 6, kIntCols = 4;
constexpr int kGridRows = 100, kGridCols = 30;

std::vector<double> doubles();
std::vector<float> singles();
std::vector<std::string> strings();
std::vector<std::string> fixedStrings();
std::vector<std::string> latin1Strings(); // "5 \xb5m" (5 µm), "caf\xe9", "plain", "\xb5\xb5"
inline double gridValue(int i, int j) { return i * 1000 + j + 0.5; }
inline int cubeValue(int i, int j, int k) { return i * 100 + j * 10 + k; }
constexpr int kSeriesLength = 1000;
inline int seriesValue(int i, int j, int k) { return i * 100 + j * 10 + k; }
std::int32_t intValue(int i, int j);

// Writes the file; false (with a message on stderr) on failure.
bool write(const QString &path, bool big = false);
constexpr int kBigRows = 20000, kBigCols = 100;

// RFC 4180: fields separated by `delimiter`, records by LF or CRLF, quoted
// fields may hold anything ("" is a quote). Throws std::runtime_error on a
// malformed quote.
using Table = std::vector<std::vector<std::string>>;
Table parseCsv(std::string_view text, std::string_view delimiter = ",");

} // namespace hs::test::exportfx
