#include "attributefixture.h"

#include <cstring>

namespace hs::test {

namespace {

struct W
{
    bool ok = true;
    hid_t check(hid_t id)
    {
        if (id < 0)
            ok = false;
        return id;
    }
};

void attr(W &w, hid_t obj, const char *name, hid_t type, hid_t space, const void *data)
{
    const hid_t a = w.check(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT));
    if (a >= 0 && data)
        w.check(H5Awrite(a, type, data));
    if (a >= 0)
        H5Aclose(a);
}

hid_t strType(size_t size, H5T_cset_t cset, H5T_str_t pad)
{
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, size);
    H5Tset_cset(t, cset);
    if (size != H5T_VARIABLE)
        H5Tset_strpad(t, pad);
    return t;
}

} // namespace

bool writeAttributeFixture(const QString &path)
{
    W w;
    const hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    const hid_t file = w.check(H5Fcreate(path.toLocal8Bit().constData(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl));
    H5Pclose(fapl);
    if (file < 0)
        return false;
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hsize_t three[1] = {3};
    const hid_t list3 = H5Screate_simple(1, three, nullptr);
    const hid_t data = w.check(H5Gcreate2(file, "data", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const hid_t g = w.check(H5Gcreate2(file, "g", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const hsize_t four[1] = {4};
    const hid_t dspace = H5Screate_simple(1, four, nullptr);
    const hid_t t = w.check(H5Dcreate2(data, "t", H5T_IEEE_F32LE, dspace, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));

    // Editable kinds.
    const qint8 i8 = -5;
    attr(w, t, "i8", H5T_STD_I8LE, scalar, &i8);
    const quint8 u8 = 200;
    attr(w, t, "u8", H5T_STD_U8LE, scalar, &u8);
    const qint16 i16be = -300;
    {
        // Big-endian on disk: written from native, HDF5 converts.
        const hid_t a = w.check(H5Acreate2(t, "i16be", H5T_STD_I16BE, scalar, H5P_DEFAULT, H5P_DEFAULT));
        w.check(H5Awrite(a, H5T_NATIVE_INT16, &i16be));
        H5Aclose(a);
    }
    const quint16 u16[3] = {1, 2, 65535};
    attr(w, t, "u16", H5T_STD_U16LE, list3, u16);
    const qint32 i32[3] = {-1, 0, 7};
    attr(w, t, "i32", H5T_STD_I32LE, list3, i32);
    const quint32 u32 = 4000000000u;
    attr(w, t, "u32", H5T_STD_U32LE, scalar, &u32);
    const qint64 i64 = -9000000000LL;
    attr(w, t, "i64", H5T_STD_I64LE, scalar, &i64);
    const quint64 u64 = 18000000000000000000ULL;
    attr(w, t, "u64", H5T_STD_U64LE, scalar, &u64);
    const float f32[3] = {0.5f, -1.25f, 3.0f};
    attr(w, t, "f32", H5T_IEEE_F32LE, list3, f32);
    const double f64 = 2.5;
    attr(w, t, "f64", H5T_IEEE_F64LE, scalar, &f64);
    {
        const hid_t s = strType(H5T_VARIABLE, H5T_CSET_UTF8, H5T_STR_NULLTERM);
        const char *v = "m/s";
        attr(w, t, "units", s, scalar, &v);
        const char *note = "line one\nline two";
        attr(w, g, "note", s, scalar, &note);
        const char *list[3] = {"a", "b, c", "\xc3\xa9t\xc3\xa9"};
        attr(w, t, "vlist", s, list3, list);
        H5Tclose(s);
    }
    {
        const hid_t s = strType(H5T_VARIABLE, H5T_CSET_ASCII, H5T_STR_NULLTERM);
        const char *v = "ascii";
        attr(w, t, "vascii", s, scalar, &v);
        H5Tclose(s);
    }
    {
        const hid_t s = strType(8, H5T_CSET_ASCII, H5T_STR_NULLTERM);
        attr(w, t, "fixterm", s, scalar, "abc\0\0\0\0\0");
        H5Tclose(s);
        const hid_t sp = strType(6, H5T_CSET_ASCII, H5T_STR_SPACEPAD);
        attr(w, t, "fixspace", sp, list3, "ab    cdef  g     ");
        H5Tclose(sp);
        const hid_t su = strType(10, H5T_CSET_UTF8, H5T_STR_NULLPAD);
        attr(w, t, "fixutf8", su, scalar, "\xc3\xa9t\xc3\xa9\0\0\0\0\0\0");
        H5Tclose(su);
    }
    {
        const hid_t e = H5Tenum_create(H5T_STD_I16BE);
        qint16 v = 0;
        H5Tconvert(H5T_NATIVE_INT16, H5T_STD_I16BE, 1, &v, nullptr, H5P_DEFAULT);
        H5Tenum_insert(e, "RED", &v);
        v = 1;
        H5Tconvert(H5T_NATIVE_INT16, H5T_STD_I16BE, 1, &v, nullptr, H5P_DEFAULT);
        H5Tenum_insert(e, "GREEN", &v);
        v = 5;
        H5Tconvert(H5T_NATIVE_INT16, H5T_STD_I16BE, 1, &v, nullptr, H5P_DEFAULT);
        H5Tenum_insert(e, "BLUE", &v);
        const hid_t native = H5Tenum_create(H5T_NATIVE_INT16);
        for (qint16 k : {qint16(0), qint16(1), qint16(5)}) {
            const char *n = k == 0 ? "RED" : k == 1 ? "GREEN" : "BLUE";
            H5Tenum_insert(native, n, &k);
        }
        const hid_t a = w.check(H5Acreate2(t, "color", e, scalar, H5P_DEFAULT, H5P_DEFAULT));
        const qint16 blue = 5;
        w.check(H5Awrite(a, native, &blue));
        H5Aclose(a);
        H5Tclose(native);
        H5Tclose(e);
    }
    {
        const hid_t b = H5Tenum_create(H5T_NATIVE_INT8);
        qint8 v = 0;
        H5Tenum_insert(b, "FALSE", &v);
        v = 1;
        H5Tenum_insert(b, "TRUE", &v);
        const qint8 flags[3] = {1, 0, 1};
        attr(w, t, "flags", b, list3, flags);
        attr(w, g, "flag", b, scalar, flags);
        H5Tclose(b);
    }
    // Kinds the value editors do not cover, still deleted and restored exactly.
    {
        struct P { qint32 a; double b; };
        const hid_t c = H5Tcreate(H5T_COMPOUND, sizeof(P));
        H5Tinsert(c, "a", HOFFSET(P, a), H5T_NATIVE_INT32);
        H5Tinsert(c, "b", HOFFSET(P, b), H5T_NATIVE_DOUBLE);
        const P p[3] = {{1, 1.5}, {2, 2.5}, {3, 3.5}};
        attr(w, t, "compound", c, list3, p);
        const hid_t named = H5Tcopy(c);
        w.check(H5Tcommit2(file, "pair_t", named, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        attr(w, g, "committed", named, scalar, p);
        H5Tclose(named);
        H5Tclose(c);
    }
    {
        const hid_t vl = H5Tvlen_create(H5T_NATIVE_INT32);
        qint32 one[1] = {7}, two[2] = {8, 9};
        hvl_t seq[2] = {{1, one}, {2, two}};
        const hsize_t n2[1] = {2};
        const hid_t s2 = H5Screate_simple(1, n2, nullptr);
        attr(w, g, "ragged", vl, s2, seq);
        H5Sclose(s2);
        H5Tclose(vl);
    }
    {
        const hid_t nullSpace = H5Screate(H5S_NULL);
        attr(w, g, "empty", H5T_STD_I32LE, nullSpace, nullptr);
        H5Sclose(nullSpace);
        const hsize_t d2[2] = {2, 3};
        const hid_t s2 = H5Screate_simple(2, d2, nullptr);
        const qint32 m[6] = {1, 2, 3, 4, 5, 6};
        attr(w, g, "matrix", H5T_STD_I32LE, s2, m);
        H5Sclose(s2);
    }
    H5Dclose(t);
    H5Sclose(dspace);
    H5Gclose(g);
    H5Gclose(data);
    H5Sclose(list3);
    H5Sclose(scalar);
    w.check(H5Fclose(file));
    return w.ok;
}

AttributeState::AttributeState(AttributeState &&o) noexcept { *this = std::move(o); }

AttributeState &AttributeState::operator=(AttributeState &&o) noexcept
{
    std::swap(exists, o.exists);
    std::swap(type, o.type);
    std::swap(spaceClass, o.spaceClass);
    std::swap(dims, o.dims);
    std::swap(bytes, o.bytes);
    std::swap(nameCset, o.nameCset);
    std::swap(committed, o.committed);
    return *this;
}

AttributeState::~AttributeState()
{
    if (type >= 0)
        H5Tclose(type);
}

QString AttributeState::differenceFrom(const AttributeState &o) const
{
    if (exists != o.exists)
        return QStringLiteral("exists %1 vs %2").arg(exists).arg(o.exists);
    if (!exists)
        return {};
    if (H5Tequal(type, o.type) <= 0)
        return QStringLiteral("types differ");
    if (committed != o.committed)
        return QStringLiteral("committed %1 vs %2").arg(committed).arg(o.committed);
    if (spaceClass != o.spaceClass || dims != o.dims)
        return QStringLiteral("shapes differ");
    if (bytes != o.bytes)
        return QStringLiteral("values differ: %1 vs %2").arg(QString::fromLatin1(bytes.toHex()), QString::fromLatin1(o.bytes.toHex()));
    if (nameCset != o.nameCset)
        return QStringLiteral("name encodings differ");
    return {};
}

AttributeState attributeState(hid_t file, const char *object, const char *name)
{
    AttributeState s;
    const hid_t obj = H5Oopen(file, object, H5P_DEFAULT);
    if (obj < 0)
        return s;
    H5E_BEGIN_TRY { s.exists = H5Aexists(obj, name) > 0; } H5E_END_TRY;
    if (!s.exists) {
        H5Oclose(obj);
        return s;
    }
    const hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    s.type = H5Aget_type(a);
    s.committed = H5Tcommitted(s.type) > 0;
    const hid_t space = H5Aget_space(a);
    s.spaceClass = H5Sget_simple_extent_type(space);
    const int rank = H5Sget_simple_extent_ndims(space);
    s.dims.resize(size_t(std::max(rank, 0)));
    if (rank > 0)
        H5Sget_simple_extent_dims(space, s.dims.data(), nullptr);
    const hssize_t n = H5Sget_select_npoints(space);
    const size_t size = H5Tget_size(s.type);
    if (n > 0) {
        std::vector<char> buf(size_t(n) * size);
        H5Aread(a, s.type, buf.data());
        const H5T_class_t cls = H5Tget_class(s.type);
        if (cls == H5T_STRING && H5Tis_variable_str(s.type) > 0) {
            for (hssize_t i = 0; i < n; ++i) {
                const char *p = nullptr;
                std::memcpy(&p, buf.data() + i * size, sizeof p);
                s.bytes += QByteArray(p ? p : "(null)") + '\0';
            }
        } else if (cls == H5T_VLEN) {
            const hid_t base = H5Tget_super(s.type);
            for (hssize_t i = 0; i < n; ++i) {
                hvl_t v;
                std::memcpy(&v, buf.data() + i * size, sizeof v);
                s.bytes += QByteArray::number(qulonglong(v.len)) + ':'
                         + QByteArray(static_cast<const char *>(v.p), qsizetype(v.len * H5Tget_size(base)));
            }
            H5Tclose(base);
        } else {
            s.bytes = QByteArray(buf.data(), qsizetype(buf.size()));
        }
        H5Dvlen_reclaim(s.type, space, H5P_DEFAULT, buf.data());
    }
    const hid_t acpl = H5Aget_create_plist(a);
    H5T_cset_t cset = H5T_CSET_ASCII;
    H5Pget_char_encoding(acpl, &cset);
    s.nameCset = int(cset);
    H5Pclose(acpl);
    H5Sclose(space);
    H5Aclose(a);
    H5Oclose(obj);
    return s;
}

namespace {
herr_t collectName(hid_t, const char *name, const H5A_info_t *, void *data)
{
    static_cast<QStringList *>(data)->append(QString::fromUtf8(name));
    return 0;
}
} // namespace

QStringList attributeNames(hid_t file, const char *object)
{
    QStringList names;
    const hid_t obj = H5Oopen(file, object, H5P_DEFAULT);
    if (obj < 0)
        return names;
    hsize_t idx = 0;
    H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collectName, &names);
    H5Oclose(obj);
    return names;
}

} // namespace hs::test
