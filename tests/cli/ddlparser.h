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

// `text` is decoded as infowriter decodes names (invalid UTF-8 bytes become
// U+DC80 + byte), so paths compare equal to the JSON ones.
DdlFile parseDdl(const QByteArray &text);

// One line: every run of whitespace collapsed to one space, none at either end.
QString normalizeDdl(const QString &text);

// normalizeDdl, and no space next to '{' or '}': h5dump 1.10 prints
// "H5T_VLEN { H5T_STD_I32LE}", later versions "H5T_VLEN { H5T_STD_I32LE }".
QString withoutBraceSpacing(const QString &text);

// The type text h5dump would print for the object at `path`, following
// HARDLINK entries and named-type references (`DATATYPE "/type1"`). Empty if
// unknown.
QString resolvedTypeText(const DdlFile &ddl, const QString &path);

} // namespace hs::tests
