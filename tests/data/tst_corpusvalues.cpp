// Values read by Hyperslab agree with h5dump on the shared corpus: for every
// file whose expected output is an h5dump of its data, every dataset value is
// compared (numbers numerically within the printed precision, strings exactly
// after unescaping, compounds, arrays and sequences by structure).

#include "h5dumpdata.h"

#include "hdf5/valueformatter.h"
#include "services/datasetreader.h"
#include "services/h5file_p.h"

#include <QtTest>

#include <hdf5.h>

#include <cmath>

using namespace hs::core;
using Kind = ValueType::Kind;

namespace {

struct Exception
{
    enum Kind {
        Skip,          // cannot be compared at all (reason below)
        MissingPlugin, // may fail with ErrorCode::MissingFilter when its plugin is not installed here;
                       // with the plugin, the values must match
    };
    const char *file;    // relative to the corpus
    const char *dataset; // nullptr: every dataset of the file
    Kind kind;
    const char *why;
};

// Datasets that cannot be compared, and why. Anything else that fails to
// open, read or match is a test failure.
const Exception kExceptions[] = {
    // New-style references (H5T_STD_REF, HDF5 1.12+): libhdf5 1.10 cannot decode
    // them (it reports the type as H5T_REFERENCE { UNDEFINED }); we show
    // "(reference of a newer HDF5 version)". The old-style datasets of the same
    // files (H5T_STD_REF_OBJECT, H5T_STD_REF_DSETREG) are compared.
    {"hdf5/h5dump/trefer_obj.h5", "/Dataset3", Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_obj.h5", "/Dataset5", Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_obj_del.h5", "/Dataset2", Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_reg.h5", "/DS_NA", Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_reg.h5", "/Dataset1", Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_attr.h5", nullptr, Exception::Skip, "H5T_STD_REF"},
    {"hdf5/h5dump/trefer_ext2.h5", nullptr, Exception::Skip, "H5T_STD_REF"},
    // A virtual dataset whose source files were left out of the corpus: its
    // unlimited extent is 0 here, h5dump saw 5 frames with the sources present.
    {"hdf5/h5dump/vds/vds-eiger.h5", "/VDS-Eiger", Exception::Skip, "VDS sources absent"},
    // Filters whose plugins Debian 12 does not ship, and h5dump's own test
    // filter 300 "dynlibud". LZF and Bitshuffle are not here: scripts/common.sh
    // installs `bitshuffle`, whose plugins read h5ex_d_lzf.h5 and h5ex_d_bshuf.h5
    // (hdf5-plugin-lzf's library is no loadable plugin).
    {"hdf5/h5dump/tudfilter.h5", nullptr, Exception::MissingPlugin, "test filter 300"},
    {"hdf5_plugins/h5ex_d_blosc2.h5", nullptr, Exception::MissingPlugin, "Blosc2"},
    {"hdf5_plugins/h5ex_d_bitgroom.h5", nullptr, Exception::MissingPlugin, "BitGroom"},
    {"hdf5_plugins/h5ex_d_granularbr.h5", nullptr, Exception::MissingPlugin, "Granular BitRound"},
    {"hdf5_plugins/h5ex_d_sz.h5", nullptr, Exception::MissingPlugin, "SZ"},
    {"hdf5_plugins/h5ex_d_zfp.h5", nullptr, Exception::MissingPlugin, "ZFP"},
    {"hdf5_plugins/h5ex_d_blosc.h5", nullptr, Exception::MissingPlugin, "Blosc"},
    {"hdf5_plugins/h5ex_d_lz4.h5", nullptr, Exception::MissingPlugin, "LZ4"},
    {"hdf5_plugins/h5ex_d_bzip2.h5", nullptr, Exception::MissingPlugin, "bzip2"},
};

const Exception *exceptionFor(const QString &file, const QString &dataset)
{
    for (const Exception &e : kExceptions)
        if (file == QLatin1String(e.file) && (!e.dataset || dataset == QLatin1String(e.dataset)))
            return &e;
    return nullptr;
}

int significantDigits(const QString &number)
{
    int digits = 0;
    bool leading = true;
    for (QChar c : number) {
        if (c == QLatin1Char('e') || c == QLatin1Char('E'))
            break;
        if (!c.isDigit())
            continue;
        if (leading && c == QLatin1Char('0'))
            continue;
        leading = false;
        ++digits;
    }
    return std::max(digits, 1);
}

bool sameFloat(const QString &mine, const QString &expected)
{
    bool a = false, b = false;
    const double m = mine.toDouble(&a), e = expected.toDouble(&b);
    if (!a || !b) {
        // nan, inf, -inf, -nan
        auto norm = [](QString s) { return s.toLower().remove(QLatin1Char('-')).remove(QLatin1Char('+')); };
        return norm(mine) == norm(expected) && (mine.startsWith(QLatin1Char('-')) == expected.startsWith(QLatin1Char('-'))
                                                || norm(mine) == QLatin1String("nan"));
    }
    if (m == e)
        return true;
    const int digits = std::min(significantDigits(mine), significantDigits(expected));
    const double tolerance = std::max(std::fabs(m), std::fabs(e)) * 5.0 * std::pow(10.0, -digits) * 1.0001;
    return std::fabs(m - e) <= tolerance;
}

// Hex digits of the bytes, in order: "0xff" -> "ff", "ff:fe" -> "fffe".
QString bytesHex(QString s)
{
    if (s.startsWith(QLatin1String("0x")))
        s = s.mid(2);
    return s.remove(QLatin1Char(':')).toLower();
}

// A bitfield printed by h5dump as bytes in memory (little-endian) order.
quint64 bitfieldValue(const QString &s)
{
    if (s.startsWith(QLatin1String("0x")) && !s.contains(QLatin1Char(':')))
        return s.mid(2).toULongLong(nullptr, 16);
    const QStringList bytes = s.split(QLatin1Char(':'));
    quint64 v = 0;
    for (int i = bytes.size() - 1; i >= 0; --i)
        v = (v << 8) | bytes[i].toULongLong(nullptr, 16);
    return v;
}

QByteArray expectedString(const ValueType &t, const h5dump::Node &e)
{
    if (e.kind == h5dump::Node::Kind::Null)
        return {};
    QByteArray s = h5dump::unescape(e.text);
    if (t.kind == Kind::FixedString && t.pad != ValueType::Pad::SpacePad) {
        const qsizetype nul = s.indexOf('\0');
        if (nul >= 0)
            s.truncate(nul);
    }
    return s;
}

void flattenArray(const h5dump::Node &n, std::vector<const h5dump::Node *> &out)
{
    if (n.kind == h5dump::Node::Kind::Array) {
        for (const auto &c : n.children)
            flattenArray(c, out);
    } else {
        out.push_back(&n);
    }
}

QString compareNode(const ValueType &t, const h5dump::Node &m, const h5dump::Node &e);

QString mismatch(const QString &what, const QString &mine, const QString &expected)
{
    return QStringLiteral("%1: got \u201c%2\u201d, h5dump \u201c%3\u201d").arg(what, mine, expected);
}

QString compareScalarText(const ValueType &t, const QString &m, const h5dump::Node &e)
{
    switch (t.kind) {
    case Kind::SignedInt:
    case Kind::Time:
        return m.toLongLong() == e.text.toLongLong() && !e.text.isEmpty() ? QString() : mismatch(QStringLiteral("integer"), m, e.text);
    case Kind::UnsignedInt:
        return m.toULongLong() == e.text.toULongLong() && !e.text.isEmpty() ? QString() : mismatch(QStringLiteral("integer"), m, e.text);
    case Kind::Float: return sameFloat(m, e.text) ? QString() : mismatch(QStringLiteral("float"), m, e.text);
    case Kind::Enum: return m == e.text ? QString() : mismatch(QStringLiteral("enum"), m, e.text);
    case Kind::Bitfield:
        return bitfieldValue(m) == bitfieldValue(e.text) ? QString() : mismatch(QStringLiteral("bitfield"), m, e.text);
    case Kind::Opaque:
    case Kind::Unknown: return bytesHex(m) == bytesHex(e.text) ? QString() : mismatch(QStringLiteral("bytes"), m, e.text);
    case Kind::Complex: {
        if (e.kind != h5dump::Node::Kind::Compound || e.children.size() != 2)
            return mismatch(QStringLiteral("complex"), m, e.text);
        // "1.5+2i": split at the sign that starts the imaginary part.
        qsizetype split = -1;
        for (qsizetype i = m.size() - 2; i > 0; --i)
            if ((m[i] == QLatin1Char('+') || m[i] == QLatin1Char('-')) && m[i - 1].toLower() != QLatin1Char('e')) {
                split = i;
                break;
            }
        const QString re = m.left(split), im = m.mid(split, m.size() - split - 1);
        return sameFloat(re, e.children[0].text) && sameFloat(im.startsWith(QLatin1Char('+')) ? im.mid(1) : im, e.children[1].text)
                   ? QString()
                   : mismatch(QStringLiteral("complex"), m, e.children[0].text + QLatin1Char(',') + e.children[1].text);
    }
    default: return QStringLiteral("unexpected scalar kind %1").arg(int(t.kind));
    }
}

QString compareNode(const ValueType &t, const h5dump::Node &m, const h5dump::Node &e)
{
    using NK = h5dump::Node::Kind;
    switch (t.kind) {
    case Kind::FixedString:
    case Kind::VlenString: {
        const QByteArray mine = m.kind == NK::String ? h5dump::unescape(m.text) : QByteArray();
        const QByteArray expected = expectedString(t, e);
        return mine == expected ? QString()
                                : mismatch(QStringLiteral("string"), QString::fromUtf8(mine), QString::fromUtf8(expected));
    }
    case Kind::Compound: {
        if (m.kind != NK::Compound || e.kind != NK::Compound || m.children.size() != t.members.size()
            || e.children.size() != t.members.size())
            return QStringLiteral("compound shape differs (%1 members, h5dump %2)").arg(m.children.size()).arg(e.children.size());
        for (size_t i = 0; i < t.members.size(); ++i) {
            const QString r = compareNode(t.members[i], m.children[i], e.children[i]);
            if (!r.isEmpty())
                return QStringLiteral("member %1: %2").arg(QString::fromStdString(t.names[i]), r);
        }
        return {};
    }
    case Kind::Array: {
        std::vector<const h5dump::Node *> a, b;
        flattenArray(m, a);
        flattenArray(e, b);
        if (a.size() != b.size() || a.size() != t.arrayCount())
            return QStringLiteral("array of %1 elements, h5dump %2").arg(a.size()).arg(b.size());
        for (size_t i = 0; i < a.size(); ++i) {
            const QString r = compareNode(t.members[0], *a[i], *b[i]);
            if (!r.isEmpty())
                return QStringLiteral("array element %1: %2").arg(i).arg(r);
        }
        return {};
    }
    case Kind::Vlen: {
        if (m.kind != NK::Vlen || e.kind != NK::Vlen || m.children.size() != e.children.size())
            return QStringLiteral("sequence of %1 elements, h5dump %2").arg(m.children.size()).arg(e.children.size());
        for (size_t i = 0; i < m.children.size(); ++i) {
            const QString r = compareNode(t.members[0], m.children[i], e.children[i]);
            if (!r.isEmpty())
                return QStringLiteral("sequence element %1: %2").arg(i).arg(r);
        }
        return {};
    }
    case Kind::Complex: {
        // Nested: "{…}" is not how we print it; compare the pieces.
        return compareScalarText(t, m.text, e);
    }
    default: return compareScalarText(t, m.text, e);
    }
}

// One grid field: our text against h5dump's node.
QString compareLeaf(const ValueType &t, const QString &mine, const h5dump::Node &e, const QString &fileName)
{
    using NK = h5dump::Node::Kind;
    switch (t.kind) {
    case Kind::FixedString:
    case Kind::VlenString: {
        const QByteArray expected = expectedString(t, e);
        return mine.toUtf8() == expected ? QString() : mismatch(QStringLiteral("string"), mine, QString::fromUtf8(expected));
    }
    case Kind::Reference: {
        if (e.kind == NK::Null)
            return mine == QLatin1String("NULL") ? QString() : mismatch(QStringLiteral("reference"), mine, QStringLiteral("NULL"));
        if (e.kind != NK::Reference)
            return mismatch(QStringLiteral("reference"), mine, e.text);
        QString path = e.text;
        if (path.startsWith(fileName))
            path = path.mid(fileName.size()); // newer h5dump prefixes the file name
        const qsizetype brace = mine.indexOf(QLatin1String(" {"));
        const QString myPath = brace >= 0 ? mine.left(brace) : mine;
        if (myPath != path)
            return mismatch(QStringLiteral("reference target"), myPath, path);
        if (!e.region.isEmpty()) {
            QString myRegion = brace >= 0 ? mine.mid(brace + 2) : QString();
            myRegion.chop(1);
            myRegion.remove(QLatin1Char(' '));
            QString expected = e.region;
            expected.remove(QLatin1String("BLOCK")).remove(QLatin1String("POINT"));
            if (myRegion != expected)
                return mismatch(QStringLiteral("region"), myRegion, expected);
        }
        return {};
    }
    case Kind::Complex:
    case Kind::SignedInt:
    case Kind::UnsignedInt:
    case Kind::Time:
    case Kind::Float:
    case Kind::Enum:
    case Kind::Bitfield:
    case Kind::Opaque:
    case Kind::Unknown: return compareScalarText(t, mine, e);
    default: return compareNode(t, h5dump::parseValue(mine.toUtf8()), e);
    }
}

void flattenExpected(const ValueType &t, const h5dump::Node &e, std::vector<const h5dump::Node *> &out, bool &ok)
{
    if (e.kind != h5dump::Node::Kind::Compound || e.children.size() != t.members.size()) {
        ok = false;
        return;
    }
    for (size_t i = 0; i < t.members.size(); ++i) {
        if (t.members[i].kind == Kind::Compound)
            flattenExpected(t.members[i], e.children[i], out, ok);
        else
            out.push_back(&e.children[i]);
    }
}

struct Stats
{
    int files = 0, datasets = 0, values = 0, excepted = 0, missingPlugins = 0;
    QStringList failures;
    std::map<QString, int> kinds;     // values compared per leaf type class
    QStringList empty;                // datasets h5dump printed without values
};

QString kindName(const ValueType &t)
{
    static const char *const names[] = {"int", "uint", "float", "complex", "bitfield", "fixed string",
                                        "vlen string", "enum", "compound", "array", "vlen", "opaque",
                                        "reference", "time", "unknown"};
    QString n = QString::fromLatin1(names[int(t.kind)]);
    if (!t.members.empty() && (t.kind == Kind::Array || t.kind == Kind::Vlen))
        n += QLatin1Char('<') + kindName(t.members[0]) + QLatin1Char('>');
    if (t.kind == Kind::Float && t.sourceMantissaBits)
        n += QStringLiteral("(%1-bit mantissa)").arg(t.sourceMantissaBits);
    return n;
}

} // namespace

class TestCorpusValues : public QObject
{
    Q_OBJECT

    Stats m_stats;

    // Compares every value h5dump printed for `ds`; returns the first problem.
    QString compareDataset(const H5FilePtr &file, const QString &fileName, const h5dump::Dataset &ds, int &compared,
                           ErrorCode &code)
    {
        auto reader = DatasetReader::open(file, ds.path);
        if (!reader)
            return QStringLiteral("open: ") + reader.error().message;
        const DatasetReader &r = **reader;
        if (ds.values.empty()) {
            m_stats.empty << ds.path;
            return {};
        }
        FormatOptions options;
        options.maxArrayElements = 0;
        const std::vector<quint64> &dims = r.shape().dims;
        if (dims != ds.dims && !(ds.scalar && r.shape().kind == ShapeInfo::Kind::Scalar))
            return QStringLiteral("shape differs from h5dump's");

        // One read per run of elements along the last dimension.
        auto it = ds.values.begin();
        while (it != ds.values.end()) {
            const quint64 last = dims.empty() ? 1 : dims.back();
            const quint64 rowKey = it->first / last;
            auto end = it;
            quint64 lo = it->first % last, hi = lo;
            while (end != ds.values.end() && end->first / last == rowKey) {
                hi = end->first % last;
                ++end;
            }
            Selection sel = Selection::all(dims);
            quint64 rest = rowKey;
            for (int d = int(dims.size()) - 2; d >= 0; --d) {
                sel.dims()[size_t(d)] = DimSlice{rest % dims[size_t(d)], 1, 1, 1, true};
                rest /= dims[size_t(d)];
            }
            auto block = r.readBlock(sel, false, dims.empty() ? 0 : lo, dims.empty() ? 1 : hi - lo + 1, 0, 1);
            if (!block) {
                code = block.error().code;
                return QStringLiteral("read: ") + block.error().message;
            }
            const DataBlock &b = **block;
            const ValueFormatter &f = *b.formatter;
            for (; it != end; ++it) {
                const quint64 row = dims.empty() ? 0 : it->first % last - lo;
                std::vector<const h5dump::Node *> expected;
                bool ok = true;
                if (f.root().kind == Kind::Compound)
                    flattenExpected(f.root(), it->second, expected, ok);
                else
                    expected.push_back(&it->second);
                if (!ok || int(expected.size()) != b.fields)
                    return QStringLiteral("element %1: compound structure differs from h5dump's").arg(it->first);
                for (int field = 0; field < b.fields; ++field) {
                    const QString mine = b.cellText(row, 0, field, options);
                    const QString problem = compareLeaf(*f.leaves()[size_t(field)].type, mine, *expected[size_t(field)], fileName);
                    if (!problem.isEmpty())
                        return QStringLiteral("element %1 field %2: %3").arg(it->first).arg(field).arg(problem);
                    ++compared;
                    ++m_stats.kinds[kindName(*f.leaves()[size_t(field)].type)];
                }
            }
        }
        return {};
    }

#if H5_VERSION_GE(1, 12, 0)
    static herr_t collectDataset(hid_t, const char *name, const H5O_info2_t *info, void *data)
#else
    static herr_t collectDataset(hid_t, const char *name, const H5O_info_t *info, void *data)
#endif
    {
        if (info->type == H5O_TYPE_DATASET)
            static_cast<QStringList *>(data)->append(QLatin1Char('/') + QString::fromUtf8(name));
        return 0;
    }

private slots:
    // Every dataset of every corpus file that opens: a first and a last block
    // read and formatted in every style, or a categorized error. No crash, no hang.
    void everyDatasetReads()
    {
        const QString root = QStringLiteral(HYPERSLAB_CORPUS_DIR);
        if (!QFileInfo::exists(root + QStringLiteral("/MANIFEST.tsv")))
            QSKIP("The shared corpus is not here.");
        QElapsedTimer timer;
        timer.start();
        int files = 0, datasets = 0, cells = 0;
        std::map<QString, int> errors;
        QStringList internal;
        QDirIterator it(root, {QStringLiteral("*.h5"), QStringLiteral("*.hdf5"), QStringLiteral("*.h5ad"),
                               QStringLiteral("*.nc"), QStringLiteral("*.he5"), QStringLiteral("*.nxs"),
                               QStringLiteral("*.nwb")},
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            auto file = H5File::open(path);
            if (!file)
                continue;
            ++files;
            QStringList names;
            {
                LibraryLock lock;
#if H5_VERSION_GE(1, 12, 0)
                H5Ovisit3(fileId(**file), H5_INDEX_NAME, H5_ITER_NATIVE, collectDataset, &names, H5O_INFO_BASIC);
#else
                H5Ovisit2(fileId(**file), H5_INDEX_NAME, H5_ITER_NATIVE, collectDataset, &names, H5O_INFO_BASIC);
#endif
                H5Eclear2(H5E_DEFAULT);
            }
            for (const QString &name : names) {
                auto reader = DatasetReader::open(*file, name);
                if (!reader) {
                    ++errors[QStringLiteral("open: code %1").arg(int(reader.error().code))];
                    if (qEnvironmentVariableIsSet("HYPERSLAB_CORPUS_VERBOSE"))
                        qInfo().noquote() << path << name << reader.error().message;
                    if (reader.error().code == ErrorCode::Internal)
                        internal << path + QLatin1Char(' ') + name + QStringLiteral(": ") + reader.error().message;
                    continue;
                }
                ++datasets;
                const DatasetReader &r = **reader;
                if (r.shape().kind == ShapeInfo::Kind::Null)
                    continue;
                const auto &dims = r.shape().dims;
                Selection sel = Selection::all(dims);
                for (size_t d = 0; d + 2 < dims.size(); ++d)
                    sel.dims()[d] = DimSlice{dims[d] ? dims[d] - 1 : 0, 1, 1, 1, true};
                if (std::find(dims.begin(), dims.end(), quint64(0)) != dims.end())
                    continue;
                const std::vector<quint64> shape = sel.resultShape();
                const quint64 rows = shape.empty() ? 1 : shape[0], cols = shape.size() > 1 ? shape[1] : 1;
                for (const quint64 r0 : {quint64(0), rows > 8 ? rows - 8 : 0}) {
                    auto block = r.readBlock(sel, false, r0, 8, cols > 8 ? cols - 8 : 0, 8);
                    if (!block) {
                        ++errors[QStringLiteral("read: code %1").arg(int(block.error().code))];
                        if (qEnvironmentVariableIsSet("HYPERSLAB_CORPUS_VERBOSE"))
                            qInfo().noquote() << path << name << block.error().message;
                        if (block.error().code == ErrorCode::Internal)
                            internal << path + QLatin1Char(' ') + name + QStringLiteral(": ") + block.error().message;
                        break;
                    }
                    const DataBlock &b = **block;
                    for (const auto style : {FormatOptions::FloatStyle::Shortest, FormatOptions::FloatStyle::Fixed}) {
                        FormatOptions o;
                        o.floatStyle = style;
                        o.hexIntegers = style == FormatOptions::FloatStyle::Fixed;
                        o.escapeStrings = o.hexIntegers;
                        std::string out;
                        for (quint64 i = 0; i < b.rows; ++i)
                            for (quint64 j = 0; j < b.cols; ++j)
                                for (int f = 0; f < b.fields; ++f) {
                                    b.appendUtf8(i, j, f, o, out);
                                    b.number(i, j, f);
                                    ++cells;
                                }
                    }
                }
            }
        }
        qInfo("every dataset: %d files, %d datasets, %d cells formatted, %lld ms", files, datasets, cells,
              qint64(timer.elapsed()));
        for (const auto &[what, n] : errors)
            qInfo("  %4d errors %s", n, qPrintable(what));
        for (const QString &i : internal)
            qWarning().noquote() << "uncategorized:" << i;
        QVERIFY(datasets > 500);
    }

    void corpus()
    {
        const QString root = QStringLiteral(HYPERSLAB_CORPUS_DIR);
        QFile manifest(root + QStringLiteral("/MANIFEST.tsv"));
        if (!manifest.open(QIODevice::ReadOnly))
            QSKIP("The shared corpus is not here.");
        QElapsedTimer timer;
        timer.start();
        const QList<QByteArray> lines = manifest.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cols = lines[i].split('\t');
            if (cols.size() < 9)
                continue;
            const QString file = QString::fromUtf8(cols[0]);
            const QString command = QString::fromUtf8(cols[8]);
            if (!command.startsWith(QLatin1String("h5dump ")) || command.contains(QLatin1String("--filedriver"))
                || command.contains(QLatin1String("--vfd-name")))
                continue;
            const QString dir = QFileInfo(file).path();
            for (const QByteArray &out : cols[6].split(',')) {
                const QString ddlPath = root + QLatin1Char('/') + QString::fromUtf8(out.trimmed());
                if (!ddlPath.endsWith(QLatin1String(".ddl")) || !QFileInfo::exists(ddlPath))
                    continue;
                QFile ddl(ddlPath);
                QVERIFY(ddl.open(QIODevice::ReadOnly));
                const std::vector<h5dump::Dataset> datasets = h5dump::parse(ddl.readAll());
                bool any = false;
                for (const auto &ds : datasets)
                    any = any || ds.hasData;
                if (!any)
                    continue;
                auto h5 = H5File::open(root + QLatin1Char('/') + file);
                if (!h5) {
                    if (exceptionFor(file, {}))
                        continue;
                    m_stats.failures << QStringLiteral("%1: cannot open: %2").arg(file, h5.error().message);
                    continue;
                }
                ++m_stats.files;
                const QString fileName = QFileInfo(file).fileName();
                for (const auto &ds : datasets) {
                    if (!ds.hasData)
                        continue;
                    const Exception *exception = exceptionFor(file, ds.path);
                    if (exception && exception->kind == Exception::Skip) {
                        ++m_stats.excepted;
                        continue;
                    }
                    int compared = 0;
                    ErrorCode code = ErrorCode::None;
                    const QString problem = compareDataset(*h5, fileName, ds, compared, code);
                    if (exception && code == ErrorCode::MissingFilter) {
                        ++m_stats.excepted;
                        ++m_stats.missingPlugins;
                        continue;
                    }
                    ++m_stats.datasets;
                    m_stats.values += compared;
                    if (!problem.isEmpty())
                        m_stats.failures << QStringLiteral("%1 %2: %3").arg(file, ds.path, problem);
                }
                Q_UNUSED(dir)
            }
        }
        qInfo("corpus: %d files, %d datasets compared, %d values, %d datasets excepted (%d for a missing plugin), "
              "%d failures, %lld ms",
              m_stats.files, m_stats.datasets, m_stats.values, m_stats.excepted, m_stats.missingPlugins,
              int(m_stats.failures.size()), qint64(timer.elapsed()));
        for (const auto &[kind, n] : m_stats.kinds)
            qInfo("  %6d %s", n, qPrintable(kind));
        if (!m_stats.empty.isEmpty())
            qInfo("  datasets h5dump printed empty: %s", qPrintable(m_stats.empty.join(QLatin1Char(' '))));
        for (const QString &f : m_stats.failures)
            qWarning().noquote() << f;
        QVERIFY(m_stats.datasets > 0);
        QCOMPARE(m_stats.failures.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCorpusValues)
#include "tst_corpusvalues.moc"
