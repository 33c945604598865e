#include "services/attributeconventions.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QStringList>

namespace hs::core::attributeconventions {

namespace {

const QString kDimensionScales = QStringLiteral("Dimension scales");
const QString kNetcdf = QStringLiteral("netCDF-4");
const QString kPyTables = QStringLiteral("PyTables");
const QString kImage = QStringLiteral("HDF5 Image");
const QString kMatlab = QStringLiteral("MATLAB");

// netCDF-4 names a dimension without a coordinate variable like this, followed
// by the dimension's length.
const QString kNetcdfDimensionOnly = QStringLiteral("This is a netCDF dimension but not a netCDF variable.");

const QStringList kPyTablesClasses = {QStringLiteral("GROUP"),  QStringLiteral("TABLE"),  QStringLiteral("ARRAY"),
                                      QStringLiteral("CARRAY"), QStringLiteral("EARRAY"), QStringLiteral("VLARRAY"),
                                      QStringLiteral("INDEX"),  QStringLiteral("UNIMPLEMENTED")};

const QRegularExpression &fieldPattern()
{
    static const QRegularExpression re(QStringLiteral("^FIELD_(\\d+)_(NAME|FILL)$"));
    return re;
}

const QStringList &candidateNames()
{
    static const QStringList names = {
        QStringLiteral("DIMENSION_LIST"),   QStringLiteral("REFERENCE_LIST"),
        QStringLiteral("CLASS"),            QStringLiteral("NAME"),
        QStringLiteral("DIMENSION_LABELS"), QStringLiteral("_Netcdf4Dimid"),
        QStringLiteral("_Netcdf4Coordinates"), QStringLiteral("_NCProperties"),
        QStringLiteral("_nc3_strict"),      QStringLiteral("_FillValue"),
        QStringLiteral("_IsNetcdf4"),       QStringLiteral("_SuperblockVersion"),
        QStringLiteral("VERSION"),          QStringLiteral("TITLE"),
        QStringLiteral("PYTABLES_FORMAT_VERSION"), QStringLiteral("NROWS"),
        QStringLiteral("IMAGE_VERSION"),    QStringLiteral("IMAGE_SUBCLASS"),
        QStringLiteral("INTERLACE_MODE"),   QStringLiteral("IMAGE_MINMAXRANGE"),
        QStringLiteral("IMAGE_WHITE_IS_ZERO"), QStringLiteral("PALETTE"),
        QStringLiteral("PAL_VERSION"),      QStringLiteral("PAL_COLORMODEL"),
        QStringLiteral("PAL_TYPE"),
        QStringLiteral("MATLAB_class"),     QStringLiteral("MATLAB_int_decode"),
        QStringLiteral("MATLAB_empty"),     QStringLiteral("MATLAB_sparse"),
        QStringLiteral("MATLAB_fields"),    QStringLiteral("MATLAB_object_decode"),
        QStringLiteral("H5PATH"),
    };
    return names;
}

// A scalar or one-element value as text ("" when it is not one).
QString scalarText(const QJsonValue &v)
{
    QJsonValue x = v;
    while (x.isArray() && x.toArray().size() == 1)
        x = x.toArray().first();
    if (x.isString())
        return x.toString();
    if (x.isDouble()) // integers stay exact, doubles as their shortest text
        return x.toVariant().toString();
    return {};
}

// Every element of a (possibly nested) array, flattened, as text.
QStringList listText(const QJsonValue &v)
{
    QStringList out;
    if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            out << listText(e);
    } else if (!v.isUndefined() && !v.isNull()) {
        out << scalarText(v);
    }
    return out;
}

// "0: /x, 1: /y and /z, 2: none" from DIMENSION_LIST (one vlen of object
// references per dimension).
QString dimensionList(const QJsonValue &v)
{
    QStringList parts;
    const QJsonArray dims = v.toArray();
    for (qsizetype d = 0; d < dims.size(); ++d) {
        const QStringList scales = listText(dims[d]);
        parts << QStringLiteral("%1: %2").arg(d).arg(scales.isEmpty() ? QStringLiteral("none")
                                                                       : scales.join(QStringLiteral(" and ")));
    }
    return parts.join(QStringLiteral(", "));
}

// "/data (dimension 0), /other (dimension 1)" from REFERENCE_LIST (compound
// {dataset reference, dimension}).
QString referenceList(const QJsonValue &v)
{
    QStringList parts;
    for (const QJsonValue &e : v.toArray()) {
        const QJsonObject o = e.toObject();
        QString dataset = o.value(QStringLiteral("dataset")).toString();
        QJsonValue dimension = o.value(QStringLiteral("dimension"));
        // Writers other than the HL library may name the members differently.
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (dataset.isEmpty() && it.value().isString())
                dataset = it.value().toString();
            if (dimension.isUndefined() && it.value().isDouble())
                dimension = it.value();
        }
        parts << QStringLiteral("%1 (dimension %2)").arg(dataset, scalarText(dimension));
    }
    return parts.join(QStringLiteral(", "));
}

void set(AttributeInfo &a, const QString &convention, const QString &explanation)
{
    a.convention = convention;
    a.explanation = explanation;
}

// What a MATLAB class is stored as, for the classes whose storage is not
// plain (numeric classes are stored as themselves).
QString matlabClassText(const QString &cls)
{
    if (cls == QLatin1String("char"))
        return QStringLiteral("char (text, stored as UTF-16 code units, column by column)");
    if (cls == QLatin1String("logical"))
        return QStringLiteral("logical (true/false, stored as one byte each)");
    if (cls == QLatin1String("cell"))
        return QStringLiteral("cell (references to its elements in /#refs#)");
    if (cls == QLatin1String("struct"))
        return QStringLiteral("struct (one member per field)");
    if (cls == QLatin1String("function_handle") || cls.isEmpty())
        return cls;
    static const QStringList numeric = {QStringLiteral("double"), QStringLiteral("single"), QStringLiteral("int8"),
                                        QStringLiteral("uint8"),  QStringLiteral("int16"),  QStringLiteral("uint16"),
                                        QStringLiteral("int32"),  QStringLiteral("uint32"), QStringLiteral("int64"),
                                        QStringLiteral("uint64")};
    if (numeric.contains(cls))
        return QStringLiteral("%1 (numbers, stored column by column: dimensions appear reversed)").arg(cls);
    return QStringLiteral("%1 (an object of this class; its data is kept in #subsystem#)").arg(cls);
}

// MATLAB v7.3 bookkeeping (MAT-files are HDF5 files behind a 512-byte header).
// True when `a` was one of it. MATLAB_fields holds one variable-length
// sequence of one-character strings per field.
bool matlabAnnotation(AttributeInfo &a, const QJsonValue &v, const QString &text)
{
    const QString &n = a.name;
    if (n == QLatin1String("MATLAB_class")) {
        set(a, kMatlab, QStringLiteral("MATLAB class of this variable: %1").arg(matlabClassText(text)));
    } else if (n == QLatin1String("MATLAB_int_decode")) {
        QString how = text;
        if (text == QLatin1String("1"))
            how = QStringLiteral("1 (one byte each, 0 or 1)");
        else if (text == QLatin1String("2"))
            how = QStringLiteral("2 (16-bit character codes, UTF-16)");
        else if (text == QLatin1String("4"))
            how = QStringLiteral("4 (32-bit character codes)");
        set(a, kMatlab, QStringLiteral("How MATLAB decodes the stored integers: %1").arg(how));
    } else if (n == QLatin1String("MATLAB_empty")) {
        set(a, kMatlab, QStringLiteral("MATLAB: this variable is empty; the dataset holds its dimensions instead of data"));
    } else if (n == QLatin1String("MATLAB_sparse")) {
        set(a, kMatlab,
            QStringLiteral("MATLAB: a sparse matrix with %1 rows; its nonzero values are in data, their row indices "
                           "in ir and where each column starts in jc")
                .arg(text));
    } else if (n == QLatin1String("MATLAB_fields")) {
        QStringList fields;
        for (const QJsonValue &f : v.toArray())
            fields << (f.isArray() ? listText(f).join(QString()) : scalarText(f));
        set(a, kMatlab, QStringLiteral("MATLAB: the field names of this struct, in order: %1").arg(fields.join(QStringLiteral(", "))));
    } else if (n == QLatin1String("MATLAB_object_decode")) {
        set(a, kMatlab, QStringLiteral("MATLAB: how to decode this object: %1 (3: an object of a MATLAB class)").arg(text));
    } else if (n == QLatin1String("H5PATH")) {
        set(a, kMatlab,
            QStringLiteral("MATLAB: this object belongs to the variable %1 (an element of a cell or struct)").arg(text));
    } else {
        return false;
    }
    return true;
}

struct Context
{
    ObjectKind kind = ObjectKind::Group;
    QString classValue; // the object's CLASS attribute, "" without one
    bool pytables = false;
    bool image = false;
    bool scale = false;
    bool matlab = false; // has MATLAB_class: written by MATLAB's save -v7.3
    QMap<QString, QString> fieldNames; // PyTables FIELD_n_NAME by n
};

void annotateOne(AttributeInfo &a, const QJsonValue &v, const Context &c)
{
    const QString &n = a.name;
    const QString text = scalarText(v);
    // Dimension scales (HDF5 HL convention; netCDF-4 and h5py use it too).
    if (n == QLatin1String("DIMENSION_LIST") && c.kind == ObjectKind::Dataset) {
        set(a, kDimensionScales, QStringLiteral("Dimension scales attached to each dimension: %1").arg(dimensionList(v)));
        return;
    }
    if (n == QLatin1String("REFERENCE_LIST") && c.kind == ObjectKind::Dataset) {
        set(a, kDimensionScales, QStringLiteral("Used as a dimension scale by: %1").arg(referenceList(v)));
        return;
    }
    if (n == QLatin1String("DIMENSION_LABELS") && c.kind == ObjectKind::Dataset) {
        QStringList parts;
        const QStringList labels = listText(v);
        for (qsizetype d = 0; d < labels.size(); ++d)
            parts << QStringLiteral("%1: %2").arg(d).arg(labels[d].isEmpty() ? QStringLiteral("(none)") : labels[d]);
        set(a, kDimensionScales, QStringLiteral("Labels of the dimensions: %1").arg(parts.join(QStringLiteral(", "))));
        return;
    }
    if (n == QLatin1String("CLASS") && c.scale) {
        set(a, kDimensionScales, QStringLiteral("Marks this dataset as a dimension scale"));
        return;
    }
    if (n == QLatin1String("NAME") && c.scale) {
        if (text.startsWith(kNetcdfDimensionOnly)) {
            const QString length = text.mid(kNetcdfDimensionOnly.size()).trimmed();
            set(a, kNetcdf,
                QStringLiteral("netCDF-4 dimension without a coordinate variable: this dataset only stands for the "
                               "dimension (length %1) and holds no data of its own")
                    .arg(length));
        } else {
            set(a, kDimensionScales, QStringLiteral("Name of this dimension scale: %1").arg(text));
        }
        return;
    }
    // netCDF-4 internals.
    if (n == QLatin1String("_Netcdf4Dimid")) {
        set(a, kNetcdf, QStringLiteral("netCDF-4 dimension ID of the dimension this dataset stands for: %1").arg(text));
        return;
    }
    if (n == QLatin1String("_Netcdf4Coordinates")) {
        set(a, kNetcdf,
            QStringLiteral("netCDF-4 dimension IDs of this variable's dimensions, in order: %1")
                .arg(listText(v).join(QStringLiteral(", "))));
        return;
    }
    if (n == QLatin1String("_NCProperties")) {
        set(a, kNetcdf, QStringLiteral("Which netCDF and HDF5 library versions wrote this file: %1").arg(text));
        return;
    }
    if (n == QLatin1String("_nc3_strict")) {
        set(a, kNetcdf, QStringLiteral("The file keeps to the classic netCDF data model (netCDF-4 classic model)"));
        return;
    }
    if (n == QLatin1String("_IsNetcdf4")) {
        set(a, kNetcdf, QStringLiteral("Whether the netCDF library wrote this file as netCDF-4: %1").arg(text));
        return;
    }
    if (n == QLatin1String("_SuperblockVersion")) {
        set(a, kNetcdf, QStringLiteral("HDF5 superblock version the netCDF library recorded: %1").arg(text));
        return;
    }
    if (n == QLatin1String("_FillValue") && c.kind == ObjectKind::Dataset) {
        set(a, kNetcdf,
            QStringLiteral("netCDF fill value: the value of elements that were never written (%1)").arg(text));
        return;
    }
    if (c.matlab && matlabAnnotation(a, v, text))
        return;
    // PyTables.
    if (c.pytables) {
        if (n == QLatin1String("CLASS")) {
            set(a, kPyTables, QStringLiteral("PyTables node class: %1").arg(text));
            return;
        }
        if (n == QLatin1String("VERSION")) {
            set(a, kPyTables, QStringLiteral("Version of the PyTables %1 format: %2").arg(c.classValue, text));
            return;
        }
        if (n == QLatin1String("TITLE")) {
            set(a, kPyTables,
                text.isEmpty() ? QStringLiteral("PyTables title of this node (none given)")
                               : QStringLiteral("PyTables title of this node: %1").arg(text));
            return;
        }
        if (n == QLatin1String("NROWS")) {
            set(a, kPyTables, QStringLiteral("Number of rows PyTables recorded for this table: %1").arg(text));
            return;
        }
        const QRegularExpressionMatch m = fieldPattern().match(n);
        if (m.hasMatch()) {
            const QString column = m.captured(1);
            if (m.captured(2) == QLatin1String("NAME"))
                set(a, kPyTables, QStringLiteral("PyTables: name of column %1: %2").arg(column, text));
            else
                set(a, kPyTables,
                    QStringLiteral("PyTables: fill value of column %1 (%2): %3")
                        .arg(column, c.fieldNames.value(column, QStringLiteral("?")), text));
            return;
        }
    }
    if (n == QLatin1String("PYTABLES_FORMAT_VERSION")) {
        set(a, kPyTables, QStringLiteral("Version of the PyTables file format: %1").arg(text));
        return;
    }
    // HDF5 Image and Palette (HL convention).
    if (c.image) {
        if (n == QLatin1String("CLASS")) {
            set(a, kImage,
                c.classValue == QLatin1String("PALETTE") ? QStringLiteral("Marks this dataset as a colour palette")
                                                         : QStringLiteral("Marks this dataset as an image"));
            return;
        }
        static const QMap<QString, QString> imageNames = {
            {QStringLiteral("IMAGE_VERSION"), QStringLiteral("Version of the HDF5 Image convention: %1")},
            {QStringLiteral("IMAGE_SUBCLASS"), QStringLiteral("Kind of image: %1")},
            {QStringLiteral("INTERLACE_MODE"), QStringLiteral("How the colour components are laid out: %1")},
            {QStringLiteral("IMAGE_MINMAXRANGE"), QStringLiteral("Range of the image's values: %1")},
            {QStringLiteral("IMAGE_WHITE_IS_ZERO"), QStringLiteral("Whether 0 shows as white: %1")},
            {QStringLiteral("PALETTE"), QStringLiteral("Palettes to show this image with: %1")},
            {QStringLiteral("PAL_VERSION"), QStringLiteral("Version of the HDF5 Palette convention: %1")},
            {QStringLiteral("PAL_COLORMODEL"), QStringLiteral("Colour model of the palette: %1")},
            {QStringLiteral("PAL_TYPE"), QStringLiteral("Kind of palette: %1")},
        };
        const auto it = imageNames.find(n);
        if (it != imageNames.end()) {
            set(a, kImage, it.value().arg(listText(v).join(QStringLiteral(", "))));
            return;
        }
    }
}

} // namespace

bool isCandidate(const QString &name)
{
    return candidateNames().contains(name) || fieldPattern().match(name).hasMatch();
}

void annotate(std::vector<AttributeInfo> &attributes, const std::vector<QJsonValue> &values, ObjectKind kind)
{
    Context c;
    c.kind = kind;
    bool pytablesFile = false, hasVersion = false, hasTitle = false;
    for (size_t i = 0; i < attributes.size() && i < values.size(); ++i) {
        const QString &n = attributes[i].name;
        if (n == QLatin1String("CLASS"))
            c.classValue = scalarText(values[i]);
        else if (n == QLatin1String("PYTABLES_FORMAT_VERSION"))
            pytablesFile = true;
        else if (n == QLatin1String("VERSION"))
            hasVersion = true;
        else if (n == QLatin1String("TITLE"))
            hasTitle = true;
        else if (n.startsWith(QLatin1String("MATLAB_")) || n == QLatin1String("H5PATH"))
            c.matlab = true;
        const QRegularExpressionMatch m = fieldPattern().match(n);
        if (m.hasMatch() && m.captured(2) == QLatin1String("NAME"))
            c.fieldNames.insert(m.captured(1), scalarText(values[i]));
    }
    c.scale = kind == ObjectKind::Dataset && c.classValue == QLatin1String("DIMENSION_SCALE");
    // PyTables writes CLASS, VERSION and TITLE on every node; classes of its
    // own (TABLE, ...) and of libraries built on it (TimeSeriesTable) alike.
    c.pytables = kPyTablesClasses.contains(c.classValue) || (pytablesFile && !c.classValue.isEmpty())
                 || (!c.classValue.isEmpty() && !c.scale && hasVersion && hasTitle);
    c.image = kind == ObjectKind::Dataset
              && (c.classValue == QLatin1String("IMAGE") || c.classValue == QLatin1String("PALETTE"));
    for (size_t i = 0; i < attributes.size() && i < values.size(); ++i)
        if (!values[i].isUndefined() || attributes[i].problem.isEmpty())
            annotateOne(attributes[i], values[i], c);
}

} // namespace hs::core::attributeconventions
