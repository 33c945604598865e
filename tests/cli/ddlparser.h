#pragma once

// Reads the object structure out of h5dump DDL text (the `.ddl` files of the
// corpus, or the output of a local `h5dump -H`): which paths h5dump printed,
// as what, and the datatype text of each dataset and committed datatype.
// Data, attributes and storage details are skipped.

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hs::tests {

struct DdlObject
{
    QString keyword;      // GROUP, DATASET, DATATYPE, SOFTLINK, EXTERNAL_LINK, USERDEFINED_LINK
    QString hardLinkTo;   // set when h5dump printed `HARDLINK "/first/path"` instead of the body
    QString typeText;     // DATASET / DATATYPE: the DATATYPE text, normalised (see normalizeDdl)
    QString softTarget;   // SOFTLINK: LINKTARGET
    QString externalFile; // EXTERNAL_LINK: TARGETFILE
    QString externalPath; // EXTERNAL_LINK: TARGETPATH
};

struct DdlFile
{
    QString fileName;                 // from `HDF5 "name" {`
    QMap<QString, DdlObject> objects; // by absolute path, "/" included
    QStringList problems;             // things the parser did not understand
};

DdlFile parseDdl(const QByteArray &text);

// One line, runs of whitespace outside double quotes collapsed to one space,
// no space before ';' and none at either end.
QString normalizeDdl(const QString &text);

// The type text h5dump would print for the object at `path`, following
// HARDLINK entries and named-type references (`DATATYPE "/type1"`). Empty if
// unknown.
QString resolvedTypeText(const DdlFile &ddl, const QString &path);

} // namespace hs::tests
