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
bool writeGridFile(const QString &path);

} // namespace hs::gridtests
