#include "exportfixture.h"

#include <hdf5.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace hs::test::exportfx {

namespace {

// Closes an identifier at scope end.
struct Id
{
    hid_t id;
    herr_t (*close)(hid_t);
    Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c)
    {
        if (id < 0)
            throw std::runtime_error("HDF5 call failed");
    }
    ~Id()
    {
        if (id >= 0)
            close(id);
    }
    Id(const Id &) = delete;
    Id &operator=(const Id &) = delete;
    operator hid_t() const { return id; }
};

void check(herr_t st)
{
    if (st < 0)
        throw std::runtime_error("HDF5 call failed");
}

void writeDataset(hid_t file, const char *name, hid_t fileType, hid_t memType, std::vector<hsize_t> dims,
                  const void *data, hid_t dcpl = H5P_DEFAULT)
{
    Id space(dims.empty() ? H5Screate(H5S_SCALAR) : H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose);
    Id ds(H5Dcreate2(file, name, fileType, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose);
    if (data)
        check(H5Dwrite(ds, memType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
}

hid_t utf8String(size_t size)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, size);
    H5Tset_cset(t, H5T_CSET_UTF8);
    if (size != H5T_VARIABLE)
        H5Tset_strpad(t, H5T_STR_NULLPAD);
    return t;
}

} // namespace

std::int32_t intValue(int i, int j)
{
    if (i == 0 && j == 0)
        return std::numeric_limits<std::int32_t>::min();
    if (i == kIntRows - 1 && j == kIntCols - 1)
        return std::numeric_limits<std::int32_t>::max();
    return (i * kIntCols + j) * 7 - 50;
}

std::vector<double> doubles()
{
    return {0.1, 1.0 / 3.0, -2.5, 0.0, -0.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
            3.141592653589793, 1e22, 123456789.125, -1e-7, 1.0000000000000002, 9007199254740993.0,
            std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::quiet_NaN()};
}

std::vector<float> singles()
{
    return {0.1f, 1.0f / 3.0f, -2.5f, 16777217.0f, 1e-45f, 3.4028235e38f, 1.17549435e-38f, -0.0f, 0.3f};
}

std::vector<std::string> strings()
{
    return {"plain", "with,comma", "with \"quotes\"", "two\nlines", "cr\rlf\r\n", "ünïcødé ✓ 漢字",
            "", "semi;colon", "tab\there", "  spaced  "};
}

std::vector<std::string> latin1Strings()
{
    return {"5 \xb5m", "caf\xe9", "plain", "\xb5\xb5"};
}

std::vector<std::string> fixedStrings()
{
    return {"abc", "a,b", "q\"q", "ü✓", ""};
}

bool write(const QString &path, bool big)
{
    try {
        const QByteArray p = path.toLocal8Bit();
        Id file(H5Fcreate(p.constData(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);

        std::vector<std::int32_t> ints;
        for (int i = 0; i < kIntRows; ++i)
            for (int j = 0; j < kIntCols; ++j)
                ints.push_back(intValue(i, j));
        writeDataset(file, "/ints", H5T_STD_I32LE, H5T_NATIVE_INT32, {kIntRows, kIntCols}, ints.data());

        const std::uint64_t u64[] = {0, 1, (std::uint64_t(1) << 53) + 1, std::uint64_t(1) << 63,
                                     std::numeric_limits<std::uint64_t>::max()};
        writeDataset(file, "/u64", H5T_STD_U64LE, H5T_NATIVE_UINT64, {5}, u64);

        const auto d = doubles();
        writeDataset(file, "/floats", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {d.size()}, d.data());
        const auto f = singles();
        writeDataset(file, "/singles", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, {f.size()}, f.data());

        const auto s = strings();
        std::vector<const char *> sp;
        for (const auto &x : s)
            sp.push_back(x.c_str());
        Id vstr(utf8String(H5T_VARIABLE), H5Tclose);
        writeDataset(file, "/strings", vstr, vstr, {sp.size()}, sp.data());

        const auto fs = fixedStrings();
        std::vector<char> fixed(fs.size() * 12, '\0');
        for (size_t i = 0; i < fs.size(); ++i)
            std::memcpy(&fixed[i * 12], fs[i].data(), fs[i].size());
        Id fstr(utf8String(12), H5Tclose);
        writeDataset(file, "/fixed", fstr, fstr, {fs.size()}, fixed.data());

        // Instrument-style ASCII-tagged strings holding Latin-1 bytes.
        const auto ls = latin1Strings();
        std::vector<char> latin(ls.size() * 8, '\0');
        for (size_t i = 0; i < ls.size(); ++i)
            std::memcpy(&latin[i * 8], ls[i].data(), ls[i].size());
        Id lstr(H5Tcopy(H5T_C_S1), H5Tclose);
        check(H5Tset_size(lstr, 8));
        check(H5Tset_strpad(lstr, H5T_STR_NULLPAD));
        writeDataset(file, "/latin1", lstr, lstr, {ls.size()}, latin.data());
        // Old instrument files name datasets in Latin-1 too ("temp_\xb0C").
        writeDataset(file, "/temp_\xb0" "C", lstr, lstr, {ls.size()}, latin.data());

        struct Pos { float a, b; };
        struct Rec { std::int32_t id; double x; const char *name; Pos pos; };
        Id posType(H5Tcreate(H5T_COMPOUND, sizeof(Pos)), H5Tclose);
        check(H5Tinsert(posType, "a", HOFFSET(Pos, a), H5T_NATIVE_FLOAT));
        check(H5Tinsert(posType, "b", HOFFSET(Pos, b), H5T_NATIVE_FLOAT));
        Id recType(H5Tcreate(H5T_COMPOUND, sizeof(Rec)), H5Tclose);
        check(H5Tinsert(recType, "id", HOFFSET(Rec, id), H5T_NATIVE_INT32));
        check(H5Tinsert(recType, "x", HOFFSET(Rec, x), H5T_NATIVE_DOUBLE));
        check(H5Tinsert(recType, "name", HOFFSET(Rec, name), vstr));
        check(H5Tinsert(recType, "pos", HOFFSET(Rec, pos), posType));
        std::vector<Rec> recs;
        for (int i = 0; i < 5; ++i)
            recs.push_back(Rec{i, i + 0.25, sp[size_t(i)], Pos{i / 2.0f, float(-i)}});
        writeDataset(file, "/compound", recType, recType, {recs.size()}, recs.data());

        struct Pair { std::int32_t a; double b; };
        Id pairType(H5Tcreate(H5T_COMPOUND, sizeof(Pair)), H5Tclose);
        check(H5Tinsert(pairType, "a", HOFFSET(Pair, a), H5T_NATIVE_INT32));
        check(H5Tinsert(pairType, "b", HOFFSET(Pair, b), H5T_NATIVE_DOUBLE));
        std::vector<Pair> pairs;
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j)
                pairs.push_back(Pair{i * 10 + j, i * 10 + j + 0.5});
        writeDataset(file, "/pairs", pairType, pairType, {3, 2}, pairs.data());

        std::vector<double> grid;
        for (int i = 0; i < kGridRows; ++i)
            for (int j = 0; j < kGridCols; ++j)
                grid.push_back(gridValue(i, j));
        Id dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        const hsize_t chunk[2] = {10, kGridCols};
        check(H5Pset_chunk(dcpl, 2, chunk));
        writeDataset(file, "/grid", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {kGridRows, kGridCols}, grid.data(), dcpl);

        std::vector<std::int32_t> cube;
        for (int i = 0; i < 4; ++i)
            for (int j = 0; j < 5; ++j)
                for (int k = 0; k < 6; ++k)
                    cube.push_back(cubeValue(i, j, k));
        writeDataset(file, "/cube", H5T_STD_I32LE, H5T_NATIVE_INT32, {4, 5, 6}, cube.data());

        std::vector<std::int32_t> series;
        for (int i = 0; i < kSeriesLength; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    series.push_back(seriesValue(i, j, k));
        Id seriesDcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        const hsize_t seriesChunk[3] = {100, 3, 4};
        check(H5Pset_chunk(seriesDcpl, 3, seriesChunk));
        writeDataset(file, "/series", H5T_STD_I32LE, H5T_NATIVE_INT32, {hsize_t(kSeriesLength), 3, 4}, series.data(), seriesDcpl);

        const double scalar = 2.5;
        writeDataset(file, "/scalar", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {}, &scalar);
        writeDataset(file, "/empty", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {0, 3}, nullptr);
        {
            Id nullSpace(H5Screate(H5S_NULL), H5Sclose);
            Id nullSet(H5Dcreate2(file, "/null", H5T_STD_I32LE, nullSpace, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Dclose);
        }

        if (big) {
            std::vector<double> v;
            v.reserve(size_t(kBigRows) * kBigCols);
            for (int i = 0; i < kBigRows; ++i)
                for (int j = 0; j < kBigCols; ++j)
                    v.push_back(i + j / 1000.0);
            Id bigDcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
            const hsize_t bigChunk[2] = {1000, kBigCols};
            check(H5Pset_chunk(bigDcpl, 2, bigChunk));
            writeDataset(file, "/big", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {kBigRows, kBigCols}, v.data(), bigDcpl);
        }

        Id group(H5Gcreate2(file, "/group", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        return true;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "exportfixture: %s (%s)\n", e.what(), qPrintable(path));
        return false;
    }
}

Table parseCsv(std::string_view text, std::string_view delimiter)
{
    Table rows;
    std::vector<std::string> row;
    std::string field;
    size_t i = 0;
    bool any = false; // the current record has started
    while (i < text.size()) {
        if (text[i] == '"' && field.empty()) {
            // quoted field
            ++i;
            for (;;) {
                if (i >= text.size())
                    throw std::runtime_error("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field.push_back('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.push_back(text[i++]);
            }
            any = true;
            if (i < text.size() && text.substr(i, delimiter.size()) != delimiter && text[i] != '\n' && text[i] != '\r')
                throw std::runtime_error("text after a closing quote");
            continue;
        }
        if (text.substr(i, delimiter.size()) == delimiter) {
            row.push_back(std::move(field));
            field.clear();
            i += delimiter.size();
            any = true;
            continue;
        }
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            ++i;
        if (text[i] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            any = false;
            ++i;
            continue;
        }
        if (text[i] == '"')
            throw std::runtime_error("quote inside an unquoted field");
        field.push_back(text[i++]);
        any = true;
    }
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace hs::test::exportfx
