#pragma once

// The HDF5 file the plugin tests read, written with the HDF5 C API at test time.
//   /image    uint8 [n]: the bytes of a PNG file (given by the test)
//   /doc      scalar vlen UTF-8 string: kJsonDoc
//   /xmldoc   scalar fixed-length string: kXmlDoc
//   /matrix   int32 3 x 4: i*10 + j; attribute "config" (string): kYamlDoc
//   /cube     float64 2 x 3 x 4: i*100 + j*10 + k + 0.5, [1,2,3] = NaN
//   /records  5 x { int32 id; float64 x; int8 flag; float32 v[3] }: id = i,
//             x = i * 1.5, flag = i % 2, v = (i, i + 0.25, -i)
//   /fixed    fixed-length (8) strings: "alpha", "beta", "gamma"
//   /vlen     vlen strings: "one", "two"
//   /longdoc  scalar vlen string: longJsonDoc() (longer than the 4 KiB head)

#include <QByteArray>
#include <QString>

namespace hs::test::pluginfx {

inline constexpr char kJsonDoc[] = R"({"name":"scan 7","axes":["x","y"],"meta":{"units":"mm","n":3,"deep":{"a":[1,2]}}})";
inline constexpr char kXmlDoc[] = "<run id=\"7\"><sample>steel</sample><temp unit=\"K\">293</temp></run>";
inline constexpr char kYamlDoc[] = "---\nrate: 5\nmode: fast\ndetector:\n  name: eiger\n  size: 4\n";

inline double cubeValue(int i, int j, int k) { return i * 100 + j * 10 + k + 0.5; }

// {"entries": [0, 1, ..., 1999]}
QByteArray longJsonDoc();

bool write(const QString &path, const QByteArray &png);

} // namespace hs::test::pluginfx
