#pragma once

// A NeXus file written with the HDF5 C API at test time.
//   /            NX_class=NXroot, default="entry"
//   /entry       NX_class=NXentry, default="data"
//   /entry/data  NXdata, signal="counts", axes="x" (one string), title=kTitle
//       counts         float64 [kLineN]: lineValue(i), units "1/s", long_name "Intensity"
//       counts_errors  float64 [kLineN]: lineError(i)
//       x              float64 [kLineN]: 0.5 * i, units "mm"
//   /entry/image NXdata, signal="frame", axes=["y", "x"] (string array)
//       frame  int32 [kRows][kCols]: r * 100 + c;  y [kRows] units "um";  x [kCols] units "pixel"
//   /entry/cube  NXdata, signal="data", axes=[".", "row", "col"]
//       data   float32 [3][kRows][kCols]: k * 10000 + r * 100 + c; no axis datasets
//   /entry/legacy NXdata with no `signal` attribute: legacy form
//       t      float64 [10]: i, units "s"
//       values float64 [10]: 2i, attributes signal=1 (integer), axes="t"
//   /entry/big   NXdata, signal="y": float32 [kBigN] (i % 100)
//   /entry/wide  NXdata, signal="z": float32 [kWideRows][kWideCols] (r + c)
//   /plain       a group with no NeXus attributes; dataset /plain/v int32 [4]

#include <QString>

#include <cmath>

namespace hs::test::nexusfx {

inline constexpr int kLineN = 50;
inline constexpr int kRows = 30;
inline constexpr int kCols = 40;
inline constexpr int kBigN = 10000;
inline constexpr int kWideRows = 1500;
inline constexpr int kWideCols = 2500;
inline constexpr char kTitle[] = "Scan 7";

inline double lineValue(int i) { return 3.0 * i + 1.0; }
inline double lineError(int i) { return std::sqrt(lineValue(i)); }

bool write(const QString &path);

} // namespace hs::test::nexusfx
