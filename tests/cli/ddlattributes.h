#pragma once

// Reads the ATTRIBUTE blocks out of h5dump DDL text (the corpus .ddl files):
// for each object, its attributes in the order h5dump printed them, with the
// DATATYPE and DATASPACE texts and the values of the DATA block as leaves
// (numbers, words, strings, references), so they compare element by element
// with the values AttributeReader formats.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hs::tests {

// One value leaf: a number or word ("1.5", "RED", "0x0f", "nan"), a string
// (decoded bytes, trailing NULs dropped), or a reference ("/path",
// "/path @attr", "/path {(2,2)-(7,7)}", "NULL").
struct DdlLeaf
{
    enum class Kind { Word, String, Reference };
    Kind kind = Kind::Word;
    QByteArray text;

    bool operator==(const DdlLeaf &) const = default;
};

struct DdlAttribute
{
    QString name;
    QString typeText;  // normalizeDdl'd; `"/path"` when h5dump names a committed type
    QString spaceText; // "SCALAR", "NULL", "SIMPLE { ( 2, 3 ) / ( 2, 3 ) }" (normalised)
    bool hasData = false; // h5dump -H prints no DATA
    QList<DdlLeaf> leaves;
};

struct DdlAttributes
{
    QMap<QString, QList<DdlAttribute>> byObject; // absolute object path -> attributes in printed order
    QStringList problems;                         // lines the parser did not understand
};

DdlAttributes parseDdlAttributes(const QByteArray &text);

// Leaves of value text: h5dump's DATA text (index prefixes removed) or
// AttributeReader's value text. Structure ({} [] () and commas) is dropped;
// opaque bytes "de:ad" become "0xdead"; h5dump's object references
// (`DATASET "file.h5/path"`, `DATASET 1400 "/path"`) become "/path"; a
// complex value "1.5-2i" becomes the two numbers.
QList<DdlLeaf> valueLeaves(const QByteArray &text);

// Whether our leaf matches h5dump's: integers exactly (hex or decimal),
// floats to the significant digits h5dump printed, everything else as text.
bool leafMatches(const DdlLeaf &ours, const DdlLeaf &h5dump);

} // namespace hs::tests
