#pragma once

// Small HDF5 files for the grid tests, written with the C API.

#include <QString>

namespace hs::gridtests {

// /huge: 2^40 x 2^20 int32, chunked 256x256, nothing written, fill value 42.
// /cube: 4-D int32 of shape (3, 4, 5, 6), value = 1000*a + 100*b + 10*c + d.
// /table: 1-D compound {int32 id; float64 x; char name[8]} of 5 rows.
// /scaled: 3 x 4 float32 (value = index) with dimension scales /time {10, 20, 30}
// on dim 0 and /x {0.5, 1.5, 2.5, 3.5} on dim 1.
// /matrix: 2-D float64 of 300 x 200, value = row * 1000 + col, chunked 64x64.
// /empty1: float64 of shape (0,); /empty2: int32 of shape (0, 3), chunked, maxshape unlimited;
// /nullspace: int32 with a null dataspace.
// /wide: 4 x 3 rows of long values: uint64 column of 18446744073709551615 - i,
// /wide64: float64 (i + 1) / 29.0, /complex: {double r; double i} = (1/3 + i, -2/7),
// /arr: int32[6] array elements (1000000 * (i + k)).
// /longtext: 4 x 3 fixed-length strings of 200 'x'.
// /fine: 4 x 3 float32 with a float64 scale /fine_x = (j + 1) / 29.0 on dim 1.
bool writeGridFile(const QString &path);

} // namespace hs::gridtests
