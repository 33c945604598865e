#include "imagebytes.h"

namespace hyperslab::imagebytes {

QString formatOf(const QByteArray &head)
{
    if (head.startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)))
        return QStringLiteral("PNG");
    if (head.startsWith(QByteArray("\xff\xd8\xff", 3)))
        return QStringLiteral("JPEG");
    if (head.startsWith(QByteArray("II*\0", 4)) || head.startsWith(QByteArray("MM\0*", 4)))
        return QStringLiteral("TIFF");
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return QStringLiteral("GIF");
    // "BM", then the file size and two reserved zero words: two letters alone
    // would match too much text.
    if (head.size() >= 10 && head.startsWith("BM") && head[6] == 0 && head[7] == 0 && head[8] == 0 && head[9] == 0)
        return QStringLiteral("BMP");
    return {};
}

Decoded decode(const QByteArray &bytes)
{
    Decoded d;
    d.format = formatOf(bytes);
    if (d.format.isEmpty()) {
        d.error = QStringLiteral("The bytes do not start with a PNG, JPEG, TIFF, GIF or BMP signature.");
        return d;
    }
    d.image = QImage::fromData(bytes, d.format.toLatin1().constData());
    if (d.image.isNull())
        d.error = QStringLiteral("The %1 data could not be decoded (damaged, or no image plugin for %1 is installed).")
                      .arg(d.format);
    return d;
}

} // namespace hyperslab::imagebytes
