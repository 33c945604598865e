#pragma once

// Files for the copy tests, written with the HDF5 C library at test time.

#include <QByteArray>
#include <QString>

#include <hdf5.h>

#include <vector>

namespace hs::test {

// /big      float32 [2000, 1000], chunks [100, 1000], shuffle + gzip, attribute "units" = "K"
//           (noise, so it stays larger than the size at which copies go chunk by chunk)
// /top      float32 [3] {1, 2, 3}
// /type     a named datatype (int16)
// /g        group, attributes "units" (fixed string "m"), "scale" (float64 [3]), "note" (variable string)
// /g/d      int32 [10, 10] = row * 10 + column, attribute "kind" = 7
// /g/sub/deep   float64 [5] = 0.5 * i
// /g/hard2  a second hard link to /g/d
// /g/soft   soft link to /top
// /g/ext    external link to missing.h5:/x
void writeCopySource(const QString &path);

// /sparse   uint8 [100000, 100000], chunks [32, 32], 5000 chunks written: a
//           copy of it walks ~10 million chunk places, so it runs for seconds.
void writeSlowCopySource(const QString &path);

// /dense    uint8 [megabytes * 16, 65536], chunks [16, 65536] (1 MiB each, no
//           filter): a copy of it takes a while even from the page cache.
void writeDenseFile(const QString &path, int megabytes);

// /x float32 [4] made a dimension scale, /data float32 [4] with /x attached
// to its dimension 0 (its DIMENSION_LIST attribute holds a reference).
void writeScaleFile(const QString &path);
bool scaleAttached(hid_t file, const char *data, const char *scale);

// An empty file (root group only) or one with /existing (int32 scalar).
void writeEmptyFile(const QString &path, bool withExisting = false);

QByteArray fileBytes(const QString &path);

// Reading back (the test process holds no other handle on the file).
std::vector<float> readFloats(hid_t file, const char *path);
std::vector<double> readDoubles(hid_t file, const char *path);
std::vector<int> readInts(hid_t file, const char *path);
QByteArray readStringAttribute(hid_t file, const char *object, const char *name);
H5L_type_t linkType(hid_t file, const char *path);
QByteArray softTarget(hid_t file, const char *path);
bool linkExists(hid_t file, const char *path);
haddr_t address(hid_t file, const char *path);

} // namespace hs::test
