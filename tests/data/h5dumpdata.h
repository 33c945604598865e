#pragma once

// Test helper: the datasets and DATA sections of an h5dump (.ddl) output, as
// value trees, to compare with what Hyperslab reads.

#include <QByteArray>
#include <QString>

#include <map>
#include <vector>

namespace h5dump {

struct Node
{
    enum class Kind { Scalar, String, Compound, Array, Vlen, Reference, Null };
    Kind kind = Kind::Scalar;
    QString text;   // Scalar: the word; String: as printed (escaped, no quotes); Reference: target path
    QString region; // Reference: "BLOCK(2,2)-(7,7)" / "POINT(6,9),(2,2)", no spaces; empty for objects
    std::vector<Node> children;
};

struct Dataset
{
    QString path;                 // absolute
    bool scalar = false;
    std::vector<quint64> dims;    // empty for scalar
    bool hasData = false;
    std::map<quint64, Node> values; // by row-major element index (h5dump may print a subset)
};

// Parses every DATASET (inside GROUPs, at any depth) of an h5dump output.
std::vector<Dataset> parse(const QByteArray &ddl);

// Parses one value written in h5dump-like syntax ("[1, 2]", "(1, 2)", "{1, "a"}", "5").
Node parseValue(const QByteArray &text);

// Undoes h5dump's and Hyperslab's string escapes: \" \\ \n \r \t \b \f \v \ooo \xNN.
QByteArray unescape(const QString &s);

} // namespace h5dump
