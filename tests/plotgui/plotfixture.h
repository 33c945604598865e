#pragma once

#include <QString>

namespace hs::test {

// A file with something to plot of every kind: /series (float64, 5000, NaN at
// 100..109, units "V") with the dimension scale /time (units "s", t = 0.5 i),
// /long (float32, 300000, chunked: decimated), /grid2d (int32 40 x 60, r*100 + c),
// /cube (float64 10 x 50 x 80, t*10000 + r*100 + c), /u8 (uint8 300, i % 256),
// /i16 (int16 50, -i), /flags (enum FALSE/TRUE), /cplx (complex {r, i} 64,
// r = i, im = 2i), /cmpd ({a int32 = i, b float64 = 0.5 i, s string}, 50),
// /text (fixed strings, 10), /filled (float32 20 with fill value -999 set and written at 3..5).
void writePlotFixture(const QString &path);

} // namespace hs::test
