#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

namespace hyperslab::imagebytes {

// "PNG", "JPEG", "TIFF", "GIF", "BMP" when the bytes start with that format's
// signature; "" otherwise.
QString formatOf(const QByteArray &head);

struct Decoded
{
    QImage image; // null when it could not be decoded
    QString format;
    QString error;
};
// Decodes a whole file's bytes (any thread).
Decoded decode(const QByteArray &bytes);

} // namespace hyperslab::imagebytes
